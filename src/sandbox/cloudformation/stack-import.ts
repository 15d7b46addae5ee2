// Creating a declared stack in the sandbox, as CloudFormation would have left it after a deployment: every
// resource of the processed template with its physical id, the stack's system tags on its REST APIs (and on
// the stages it ties to), status CREATE_COMPLETE or UPDATE_COMPLETE, drift NOT_CHECKED.

import {mappingOf, refOf} from '../../core/cfn/intrinsics.js'
import {LOGICAL_ID_TAG, STACK_ID_TAG, STACK_NAME_TAG} from '../../core/cfn/stack-markers.js'
import type {SandboxStore} from '../store.js'
import {isEndpointType, setEndpointType} from './endpoint-type.js'
import {buildImplicitApi, reserveImplicitApi} from './implicit-api.js'
import {assignPhysicalIds} from './physical-ids.js'
import {type ResolveContext, resolveIntrinsics} from './resolution.js'
import type {StackDeclaration} from './stack-declaration.js'
import {type StackRecord, stackArn} from './stack-model.js'
import {propertiesOf} from './stack-template.js'
import type {Stacks} from './stacks.js'

export interface ImportedStack {
  file: string
  stackName: string
  stackId: string
  /** RestApi logical id → REST API id. */
  restApis: Record<string, string>
}

/**
 * `createdNow`: the REST APIs imported by the same set-up, which CloudFormation would have created with the
 * template's EndpointConfiguration (an OpenAPI definition cannot say it), so they take it.
 */
export function createStack(stacks: Stacks, declaration: StackDeclaration, declaredApiIds: Record<string, string>, createdNow: ReadonlySet<string> = new Set()): ImportedStack {
  const store = stacks.store
  const {region, accountId} = store.state
  const stackId = stackArn(region, accountId, declaration.stackName, uuidFrom(store))
  const now = stacks.now()
  const identity = {stackName: declaration.stackName, stackId, parameters: declaration.parameters}
  const restApiIds = {...declaredApiIds}
  const implicitId = declaration.implicitApi
  const implicitApi = implicitId === undefined ? undefined : reserveImplicitApi(store, declaration.stackName)
  if (implicitId !== undefined && implicitApi) restApiIds[implicitId] = implicitApi.api.id
  const physicalIds = assignPhysicalIds({
    template: declaration.processed,
    identity,
    restApis: restApiIds,
    store,
    prepare: (context) => {
      for (const [logicalId, restApiId] of Object.entries(declaredApiIds)) if (createdNow.has(restApiId)) takeEndpointConfiguration(store, restApiId, declaration, logicalId, context)
      if (implicitId !== undefined && implicitApi) buildImplicitApi(store, implicitApi, declaration.processed, implicitId, context)
    },
  })
  const record: StackRecord = {
    stackName: declaration.stackName,
    stackId,
    templateBody: declaration.parsed.text,
    stackStatus: declaration.stackStatus,
    creationTime: now,
    lastUpdatedTime: now,
    parameters: {...declaration.parameters},
    tags: {...declaration.tags},
    restApis: {...restApiIds},
    // CloudFormation lists a stack's resources by logical id (as in the describe-stack-resources answers
    // cited in physical-ids.ts).
    resources: Object.entries(declaration.processed.Resources)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([logicalId, resource]) => ({
        logicalId,
        resourceType: resource.Type,
        physicalId: physicalIds[logicalId]!,
        status: 'CREATE_COMPLETE',
        timestamp: now,
      })),
    drift: {status: 'NOT_CHECKED'},
    resourceDrifts: {},
    detections: [],
  }
  tagResources(store, record, declaration)
  stacks.add(record)
  return {file: declaration.file, stackName: record.stackName, stackId, restApis: {...restApiIds}}
}

// Stack tags and CloudFormation's system tags go on the resources that take them; REST APIs and stages do
// (resource schemas: `cloudFormationSystemTags: true`; aws-properties-resource-tags documentation; seen on
// a real REST API of a SAM stack in `aws apigateway get-rest-apis` output).
function tagResources(store: SandboxStore, record: StackRecord, declaration: StackDeclaration): void {
  const tagsFor = (logicalId: string) => ({
    ...record.tags,
    [LOGICAL_ID_TAG]: logicalId,
    [STACK_ID_TAG]: record.stackId,
    [STACK_NAME_TAG]: record.stackName,
  })
  for (const [logicalId, restApiId] of Object.entries(record.restApis)) {
    const api = store.state.apis.get(restApiId)
    if (api) api.api.tags = {...api.api.tags, ...tagsFor(logicalId)}
  }
  for (const resource of record.resources) {
    if (resource.resourceType !== 'AWS::ApiGateway::Stage') continue
    const restApiRef = refOf(propertiesOf(declaration.processed.Resources[resource.logicalId])['RestApiId'])
    const restApiId = restApiRef === undefined ? undefined : record.restApis[restApiRef]
    const stage = restApiId === undefined ? undefined : store.state.apis.get(restApiId)?.stages.get(resource.physicalId)
    if (stage) stage.tags = {...stage.tags, ...tagsFor(resource.logicalId)}
  }
}

// The endpoint type a template declares for its RestApi: EndpointConfiguration.Types, or the import
// parameter endpointConfigurationTypes (the RestApi resource's documented "With REGIONAL endpoint type" form).
function takeEndpointConfiguration(store: SandboxStore, restApiId: string, declaration: StackDeclaration, logicalId: string, context: ResolveContext): void {
  const api = store.state.apis.get(restApiId)
  const properties = propertiesOf(declaration.processed.Resources[logicalId])
  const types = resolveIntrinsics(mappingOf(properties['EndpointConfiguration'])['Types'], context)
  const parameter = resolveIntrinsics(mappingOf(properties['Parameters'])['endpointConfigurationTypes'], context)
  const type = Array.isArray(types) && types.length === 1 ? String(types[0]) : typeof parameter === 'string' ? parameter : undefined
  if (api && type !== undefined && isEndpointType(type)) setEndpointType(api.api, type)
}

/** A UUID from the store's id source, so `--seed` makes stack ids reproducible too. */
function uuidFrom(store: SandboxStore): string {
  const hex = [...store.options.ids.next(32)].map((char) => (char.charCodeAt(0) % 16).toString(16)).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[hex.charCodeAt(16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
