// The CloudFormation operations the sandbox answers, with the inputs and outputs of botocore's
// cloudformation/2010-05-15 model and the messages AWS gives where they are known:
// - "Stack with id X does not exist" (DescribeStacks and the other stack reads; boto/boto3#2807,
//   cloudquery/cq-provider-aws#824 for ListStackResources);
// - "Resource X does not exist for stack <stack id>" (DescribeStackResource, recorded against AWS in
//   LocalStack's tests/aws/services/cloudformation/api/test_resources.snapshot.json);
// - "Either StackName or PhysicalResourceId must be specified";
// - modeled constraints as "1 validation error detected: Value … at 'stackName' failed to satisfy
//   constraint: …" (LocalStack's AWS-recorded test_stacks.snapshot.json, test_stack_name_creation).
// Where no source gives AWS's words the choice is the sandbox's and says so in src/sandbox/cloudformation/README.md.

import {isObject, mappingOf} from '../../core/cfn/intrinsics.js'
import {transformNames} from '../../core/cfn/template.js'
import type {XmlValue} from './query-protocol.js'
import {CloudFormationError, memberList, validationError} from './query-protocol.js'
import {Unresolved, resolveIntrinsics} from './resolution.js'
import {RESOURCE_DRIFT_STATUSES, type ResourceDrift, type ResourceDriftStatus, type StackRecord, type StackResourceRecord} from './stack-model.js'
import {propertiesOf} from './stack-template.js'
import type {Stacks} from './stacks.js'

type Result = {[member: string]: XmlValue}
export type Operation = (stacks: Stacks, parameters: URLSearchParams) => Result

/** At most this many resources: "Only the first 100 resources will be returned" (DescribeStackResources). */
const DESCRIBE_RESOURCES_LIMIT = 100
/** ListStackResources pages (the API reference gives no size; 100, like DescribeStackResources). */
const LIST_PAGE_SIZE = 100
/** DescribeStackResourceDrifts' MaxResults is 1-100 (model); without it, a page of 100. */
const DRIFTS_PAGE_SIZE = 100
const STACK_NAME_OR_ID = /^(?:[a-zA-Z][-a-zA-Z0-9]*|arn:\b(?:aws|aws-us-gov|aws-cn)\b:[-a-zA-Z0-9:/._+]*)$/
const STACK_NAME_OR_ID_TEXT = '([a-zA-Z][-a-zA-Z0-9]*)|(arn:\\b(aws|aws-us-gov|aws-cn)\\b:[-a-zA-Z0-9:/._+]*)'

export const OPERATIONS: Record<string, Operation> = {
  DescribeStacks: describeStacks,
  DescribeStackResources: describeStackResources,
  ListStackResources: listStackResources,
  GetTemplate: getTemplate,
  DetectStackDrift: detectStackDrift,
  DescribeStackDriftDetectionStatus: describeStackDriftDetectionStatus,
  DescribeStackResourceDrifts: describeStackResourceDrifts,
}

function constraint(message: string): CloudFormationError {
  return validationError(`1 validation error detected: ${message}`)
}

function required(parameters: URLSearchParams, name: string, member: string): string {
  const value = parameters.get(name)
  if (value === null) throw constraint(`Value null at '${member}' failed to satisfy constraint: Member must not be null`)
  return value
}

function stackNameOrId(parameters: URLSearchParams): string {
  const value = required(parameters, 'StackName', 'stackName')
  if (!STACK_NAME_OR_ID.test(value)) {
    throw constraint(`Value '${value}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${STACK_NAME_OR_ID_TEXT}`)
  }
  return value
}

function stackNamed(stacks: Stacks, name: string): StackRecord {
  const record = stacks.find(name)
  if (!record) throw validationError(`Stack with id ${name} does not exist`)
  return record
}

// NextToken: opaque to clients; here the stack id and the offset of the next item.
function encodeToken(stackId: string, offset: number): string {
  return Buffer.from(JSON.stringify([stackId, offset])).toString('base64url')
}

function decodeToken(token: string | null, record: StackRecord): number {
  if (token === null) return 0
  try {
    const [stackId, offset] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [unknown, unknown]
    if (stackId === record.stackId && Number.isInteger(offset) && (offset as number) >= 0) return offset as number
  } catch {
    // Falls through to the refusal.
  }
  throw validationError(`Invalid NextToken: ${token}`)
}

function timestamp(milliseconds: number): Date {
  return new Date(milliseconds)
}

function driftInformation(resource: StackResourceRecord): Result {
  return resource.drift
    ? {StackResourceDriftStatus: resource.drift.status, LastCheckTimestamp: timestamp(resource.drift.lastCheck)}
    : {StackResourceDriftStatus: 'NOT_CHECKED'}
}

function describeStacks(stacks: Stacks, parameters: URLSearchParams): Result {
  const name = parameters.get('StackName')
  const records = name === null ? [...stacks.records.values()] : [stackNamed(stacks, name)]
  return {Stacks: records.map((record) => stackDescription(stacks, record))}
}

function stackDescription(stacks: Stacks, record: StackRecord): Result {
  const {parsed, processed} = stacks.view(record)
  const template = parsed.template
  const declaredParameters = mappingOf(template.Parameters)
  const context = stacks.resolveContext(record)
  const outputs: Result[] = []
  for (const [key, output] of Object.entries(mappingOf(processed.Outputs))) {
    if (!isObject(output)) continue
    // Outputs whose value the sandbox cannot know are left out rather than invented.
    const value = resolveIntrinsics(output['Value'], context)
    if (value instanceof Unresolved || value === undefined || typeof value === 'object') continue
    const exportDeclaration = output['Export']
    const exportName = exportDeclaration === undefined ? undefined : resolveIntrinsics(mappingOf(exportDeclaration)['Name'], context)
    outputs.push({
      OutputKey: key,
      OutputValue: String(value),
      Description: typeof output['Description'] === 'string' ? output['Description'] : undefined,
      ExportName: typeof exportName === 'string' ? exportName : undefined,
    })
  }
  return {
    StackId: record.stackId,
    StackName: record.stackName,
    Description: typeof template.Description === 'string' ? template.Description : undefined,
    Parameters: Object.keys(declaredParameters).length
      ? Object.entries(record.parameters).map(([key, value]) => ({
          ParameterKey: key,
          ParameterValue: String(mappingOf(declaredParameters[key])['NoEcho']) === 'true' ? '****' : value,
        }))
      : undefined,
    CreationTime: timestamp(record.creationTime),
    LastUpdatedTime: timestamp(record.lastUpdatedTime),
    RollbackConfiguration: {},
    StackStatus: record.stackStatus,
    DisableRollback: false,
    NotificationARNs: [],
    Capabilities: capabilitiesOf(stacks, record),
    Outputs: outputs.length ? outputs : undefined,
    Tags: Object.entries(record.tags).map(([Key, Value]) => ({Key, Value})),
    EnableTerminationProtection: false,
    DriftInformation: {
      StackDriftStatus: record.drift.status,
      LastCheckTimestamp: record.drift.lastCheck === undefined ? undefined : timestamp(record.drift.lastCheck),
    },
  }
}

// The capabilities such a template needs to be deployed at all (CreateStack, Capabilities).
function capabilitiesOf(stacks: Stacks, record: StackRecord): string[] | undefined {
  const {parsed, processed} = stacks.view(record)
  const capabilities: string[] = []
  const iam = Object.values(processed.Resources).filter((resource) => resource.Type.startsWith('AWS::IAM::'))
  if (iam.length > 0) capabilities.push('CAPABILITY_IAM')
  if (iam.some((resource) => ['RoleName', 'UserName', 'GroupName', 'ManagedPolicyName'].some((key) => propertiesOf(resource)[key] !== undefined))) {
    capabilities.push('CAPABILITY_NAMED_IAM')
  }
  if (transformNames(parsed.template.Transform).length > 0) capabilities.push('CAPABILITY_AUTO_EXPAND')
  return capabilities.length ? capabilities : undefined
}

function describeStackResources(stacks: Stacks, parameters: URLSearchParams): Result {
  const name = parameters.get('StackName')
  const physicalId = parameters.get('PhysicalResourceId')
  if (name !== null && physicalId !== null) throw validationError('Cannot specify both StackName and PhysicalResourceId')
  if (name === null && physicalId === null) throw validationError('Either StackName or PhysicalResourceId must be specified')
  let record: StackRecord
  if (name !== null) record = stackNamed(stacks, name)
  else {
    const owner = stacks.findByPhysicalId(physicalId!)
    if (!owner) throw validationError(`Stack for ${physicalId} does not exist`)
    record = owner
  }
  const logicalId = parameters.get('LogicalResourceId')
  const resources = record.resources.filter((resource) => logicalId === null || resource.logicalId === logicalId).slice(0, DESCRIBE_RESOURCES_LIMIT)
  return {
    StackResources: resources.map((resource) => ({
      StackName: record.stackName,
      StackId: record.stackId,
      LogicalResourceId: resource.logicalId,
      PhysicalResourceId: resource.physicalId,
      ResourceType: resource.resourceType,
      Timestamp: timestamp(resource.timestamp),
      ResourceStatus: resource.status,
      DriftInformation: driftInformation(resource),
    })),
  }
}

function listStackResources(stacks: Stacks, parameters: URLSearchParams): Result {
  const record = stackNamed(stacks, required(parameters, 'StackName', 'stackName'))
  const offset = decodeToken(parameters.get('NextToken'), record)
  const page = record.resources.slice(offset, offset + LIST_PAGE_SIZE)
  const next = offset + page.length
  return {
    StackResourceSummaries: page.map((resource) => ({
      LogicalResourceId: resource.logicalId,
      PhysicalResourceId: resource.physicalId,
      ResourceType: resource.resourceType,
      LastUpdatedTimestamp: timestamp(resource.timestamp),
      ResourceStatus: resource.status,
      DriftInformation: driftInformation(resource),
    })),
    NextToken: next < record.resources.length ? encodeToken(record.stackId, next) : undefined,
  }
}

function getTemplate(stacks: Stacks, parameters: URLSearchParams): Result {
  const changeSet = parameters.get('ChangeSetName')
  // The sandbox has no change sets (ChangeSetNotFoundException: code ChangeSetNotFound, HTTP 404 in the model).
  if (changeSet !== null) throw new CloudFormationError('ChangeSetNotFound', `ChangeSet [${changeSet}] does not exist`, 404)
  const stage = parameters.get('TemplateStage') ?? 'Original'
  if (stage !== 'Original' && stage !== 'Processed') {
    throw constraint(`Value '${stage}' at 'templateStage' failed to satisfy constraint: Member must satisfy enum value set: [Original, Processed]`)
  }
  const record = stackNamed(stacks, required(parameters, 'StackName', 'stackName'))
  const view = stacks.view(record)
  // Processed: the template after its transforms. A template without one is processed as it is (both stages
  // return the same text, as recorded against AWS in LocalStack's test_stacks.snapshot.json, test_get_template).
  const body = stage === 'Processed' && view.processed !== view.parsed.template ? JSON.stringify(view.processed) : record.templateBody
  return {TemplateBody: body, StagesAvailable: ['Original', 'Processed']}
}

function detectStackDrift(stacks: Stacks, parameters: URLSearchParams): Result {
  const record = stackNamed(stacks, stackNameOrId(parameters))
  const logicalIds = memberList(parameters, 'LogicalResourceIds')
  if (logicalIds !== undefined) {
    if (logicalIds.length < 1 || logicalIds.length > 200) {
      throw constraint(`Value '[${logicalIds.join(', ')}]' at 'logicalResourceIds' failed to satisfy constraint: Member must have length between 1 and 200`)
    }
    for (const logicalId of logicalIds) {
      if (!record.resources.some((resource) => resource.logicalId === logicalId)) throw validationError(`Resource ${logicalId} does not exist for stack ${record.stackId}`)
    }
  }
  return {StackDriftDetectionId: stacks.startDetection(record, logicalIds).id}
}

function describeStackDriftDetectionStatus(stacks: Stacks, parameters: URLSearchParams): Result {
  const id = required(parameters, 'StackDriftDetectionId', 'stackDriftDetectionId')
  if (id.length < 1 || id.length > 36) {
    throw constraint(`Value '${id}' at 'stackDriftDetectionId' failed to satisfy constraint: Member must have length less than or equal to 36`)
  }
  stacks.settle()
  const found = stacks.findDetection(id)
  if (!found) throw validationError(`Drift detection with id ${id} does not exist`)
  const {detection} = found
  const complete = detection.status === 'DETECTION_COMPLETE'
  return {
    StackId: detection.stackId,
    StackDriftDetectionId: detection.id,
    StackDriftStatus: complete ? detection.stackDriftStatus : undefined,
    DetectionStatus: detection.status,
    // "DriftedStackResourceCount stays null until complete" (model documentation).
    DriftedStackResourceCount: complete ? detection.driftedCount : undefined,
    Timestamp: timestamp(detection.startedAt),
  }
}

function describeStackResourceDrifts(stacks: Stacks, parameters: URLSearchParams): Result {
  const record = stackNamed(stacks, stackNameOrId(parameters))
  const filters = memberList(parameters, 'StackResourceDriftStatusFilters')
  if (filters !== undefined) {
    if (filters.length < 1 || filters.length > 4) {
      throw constraint(`Value '[${filters.join(', ')}]' at 'stackResourceDriftStatusFilters' failed to satisfy constraint: Member must have length between 1 and 4`)
    }
    const unknown = filters.find((filter) => !RESOURCE_DRIFT_STATUSES.includes(filter as ResourceDriftStatus))
    if (unknown !== undefined) {
      throw constraint(
        `Value '[${filters.join(', ')}]' at 'stackResourceDriftStatusFilters' failed to satisfy constraint: ` +
          `Member must satisfy constraint: [Member must satisfy enum value set: [${RESOURCE_DRIFT_STATUSES.join(', ')}]]`,
      )
    }
  }
  const maxText = parameters.get('MaxResults')
  let pageSize = DRIFTS_PAGE_SIZE
  if (maxText !== null) {
    const max = Number(maxText)
    if (!Number.isInteger(max) || max < 1) throw constraint(`Value '${maxText}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1`)
    if (max > 100) throw constraint(`Value '${maxText}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100`)
    pageSize = max
  }
  stacks.settle()
  // Only resources that have been checked are listed ("Resources that haven't yet been checked for drift
  // aren't included"), by logical id.
  const drifts = record.resources
    .map((resource) => record.resourceDrifts[resource.logicalId])
    .filter((drift): drift is ResourceDrift => drift !== undefined && (filters === undefined || filters.includes(drift.status)))
  const offset = decodeToken(parameters.get('NextToken'), record)
  const page = drifts.slice(offset, offset + pageSize)
  const next = offset + page.length
  return {
    StackResourceDrifts: page.map((drift) => resourceDrift(record, drift)),
    NextToken: next < drifts.length ? encodeToken(record.stackId, next) : undefined,
  }
}

function resourceDrift(record: StackRecord, drift: ResourceDrift): Result {
  const compared = drift.status === 'IN_SYNC' || drift.status === 'MODIFIED'
  return {
    StackId: record.stackId,
    LogicalResourceId: drift.logicalId,
    PhysicalResourceId: drift.physicalId,
    ResourceType: drift.resourceType,
    ExpectedProperties: drift.expectedProperties,
    ActualProperties: drift.actualProperties,
    PropertyDifferences: compared
      ? drift.differences.map((difference) => ({
          PropertyPath: difference.PropertyPath,
          ExpectedValue: difference.ExpectedValue,
          ActualValue: difference.ActualValue,
          DifferenceType: difference.DifferenceType,
        }))
      : undefined,
    StackResourceDriftStatus: drift.status,
    Timestamp: timestamp(drift.timestamp),
    DriftStatusReason: drift.reason,
  }
}
