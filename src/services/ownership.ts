// Who deploys a REST API and what their next deploy does to a live fix: the API's aws:cloudformation:*
// tags (aws-binary-facts §5.2) name the stack, DescribeStackResources by the API's id confirms it, and
// the stack's original template (GetTemplate, before any transform) says what is declared.

import type {RestApiSummary} from './api-gateway-port.js'
import type {CloudFormationReader, OwningStack} from './cloudformation-port.js'
import type {RouteConfig} from '../core/api-config.js'
import {type DeclaredBinaryHandling, declaredBinaryHandling} from '../core/cfn/declared.js'
import {type Owner, STACK_NAME_TAG, classifyOwner} from '../core/cfn/owner.js'
import {type ChangedSetting, type Prediction, predictNextUpdate} from '../core/cfn/prediction.js'
import {CfnTemplateError, type CfnTemplate, parseTemplate} from '../core/cfn/template.js'
import {AwsCallError} from '../core/errors.js'

export interface Ownership {
  owner: Owner
  /** What the template declares for this API; absent when the template could not be read. */
  declared?: DeclaredBinaryHandling
  /** Why the template could not be used, in one line. */
  templateProblem?: string
  /** What the next stack update does to each setting the fix changes. */
  predictions: Prediction[]
  /** Logical ids of the stack's API Gateway resources: what drift detection is asked about. */
  apiGatewayResources: string[]
  /** Only the API's tags could be read: the stack is known, the tool that deploys it is not. */
  toolUnknown?: true
}

/**
 * Undefined when nothing says a stack owns the API: no CloudFormation tags, and no stack owns its id.
 * Costs two CloudFormation calls for an API that carries the tags, none for one that does not.
 */
export async function readOwnership(cfn: CloudFormationReader, api: RestApiSummary, routes: readonly RouteConfig[], changes: readonly ChangedSetting[]): Promise<Ownership | undefined> {
  if (api.tags[STACK_NAME_TAG] === undefined) return undefined
  let stack: OwningStack | undefined
  let read: {template?: CfnTemplate; problem?: string}
  try {
    stack = await cfn.stackOwning(api.id)
    if (!stack) return undefined
    read = await readTemplate(cfn, stack)
  } catch (error) {
    // A role that may read the API but not its stack still learns who owns it, from the tags alone.
    if (error instanceof AwsCallError && error.kind === 'access-denied') return ownershipFromTags(api, error.message)
    throw error
  }
  const {template, problem} = read
  const owner = classifyOwner({
    tags: api.tags,
    restApiId: api.id,
    resources: stack.resources.map((resource) => ({logicalId: resource.logicalResourceId, type: resource.resourceType, ...(resource.physicalResourceId ? {physicalId: resource.physicalResourceId} : {})})),
    ...(template ? {template} : {}),
  })
  if (!owner) return undefined
  let declared: DeclaredBinaryHandling | undefined
  let templateProblem = problem
  if (template && owner.logicalId !== undefined) {
    try {
      declared = declaredBinaryHandling(template, owner.logicalId, routes)
    } catch (error) {
      if (!(error instanceof CfnTemplateError)) throw error
      templateProblem = error.message
    }
  }
  return {
    owner: {...owner, stackName: owner.stackName ?? stack.stackName, stackId: owner.stackId ?? stack.stackId},
    ...(declared ? {declared} : {}),
    ...(templateProblem ? {templateProblem} : {}),
    apiGatewayResources: stack.resources.filter((resource) => resource.resourceType.startsWith('AWS::ApiGateway::')).map((resource) => resource.logicalResourceId),
    predictions: declared ? predictNextUpdate(changes, declared, {owner, ...(api.createdDate ? {apiCreatedDate: api.createdDate} : {})}) : [],
  }
}

function ownershipFromTags(api: RestApiSummary, denied: string): Ownership | undefined {
  const owner = classifyOwner({tags: api.tags, restApiId: api.id})
  if (!owner) return undefined
  return {owner: {...owner, reasons: [...owner.reasons.filter((reason) => !reason.startsWith('no Serverless')), 'the stack could not be read, so its tool is not known']}, templateProblem: `CloudFormation could not be read: ${denied}`, predictions: [], apiGatewayResources: [], toolUnknown: true}
}

async function readTemplate(cfn: CloudFormationReader, stack: OwningStack): Promise<{template?: CfnTemplate; problem?: string}> {
  const text = await cfn.getTemplate(stack.stackName, 'Original')
  try {
    return {template: parseTemplate(text)}
  } catch (error) {
    if (error instanceof CfnTemplateError) return {problem: `the template of stack ${stack.stackName} could not be read: ${error.message}`}
    throw error
  }
}
