// The stack that deploys an API, what its template declares and what its next update does to a fix
// (`ownership` of audit and apply), and CloudFormation's drift of the API's resources (`cfnDrift` of
// audit): schemas/json/definitions.schema.json#/definitions/ownership and stackDrift.

import type {DeclaredBinaryHandling, DeclaredHandling, DeclaredRoute} from '../../core/cfn/declared.js'
import type {ChangedSetting, Prediction} from '../../core/cfn/prediction.js'
import {optionalField} from '../../core/optional-field.js'
import type {Ownership} from '../../services/ownership.js'
import type {PlacedStackDrift} from '../../services/stack-drift.js'
import type {ContentHandlingDocument} from './settings.js'

export type OwnerKindDocument = 'serverless' | 'sam' | 'cdk' | 'cloudformation'

export type DeclaredHandlingDocument = {state: 'declared'; value: ContentHandlingDocument} | {state: 'absent'} | {state: 'unknown'; why: string}

export interface DeclaredRouteDocument {
  resourcePath: string
  httpMethod: string
  source: 'method-resource' | 'openapi' | 'sam-event' | 'sam-cors' | 'not-declared' | 'unknown'
  logicalId?: string
  integrationType?: string
  preflight: boolean
  integration: DeclaredHandlingDocument
  responses: Record<string, DeclaredHandlingDocument> | 'unknown'
  why?: string
}

export interface DeclaredDocument {
  api: {
    logicalId: string
    type: 'AWS::ApiGateway::RestApi' | 'AWS::Serverless::Api' | 'implicit'
    definition: 'none' | 'inline' | 'external' | 'generated'
    mode: 'merge' | 'overwrite' | 'default' | 'unknown'
    samCors: boolean
  }
  binaryMediaTypes: {
    declarations: Array<{place: 'property' | 'sam-globals' | 'openapi' | 'external'; location: string; values: string[]; unresolved: boolean}>
    values: string[]
    unresolved: boolean
  }
  routes: DeclaredRouteDocument[]
  stages: Array<{stageName: string; type: 'AWS::ApiGateway::Deployment' | 'AWS::ApiGateway::Stage'; logicalId: string}>
}

/**
 * `resourceId`: the services predict from the settings the fix writes, which carry the method's resource
 * id though a prediction does not need it; documents have always shown it, so it stays, optional.
 */
export type ChangedSettingDocument =
  | {setting: 'binaryMediaType'; mediaType: string; listed: boolean}
  | {setting: 'integration'; resourceId?: string; resourcePath: string; httpMethod: string; contentHandling: ContentHandlingDocument | null}
  | {setting: 'integrationResponse'; resourceId?: string; resourcePath: string; httpMethod: string; statusCode: string; contentHandling: ContentHandlingDocument | null}

export interface PredictionDocument {
  change: ChangedSettingDocument
  outcome: 'kept' | 'reverted' | 'unknown'
  reason: string
  drift: 'reported' | 'not-reported' | 'unknown'
  stage?: string
}

export interface OwnershipDocument {
  owner: {kind: OwnerKindDocument; stackName?: string; stackId?: string; logicalId?: string; reasons: string[]}
  declared?: DeclaredDocument
  templateProblem?: string
  predictions: PredictionDocument[]
  apiGatewayResources: string[]
  toolUnknown?: true
}

export interface ResourceDriftDocument {
  logicalResourceId: string
  physicalResourceId?: string
  resourceType: string
  driftStatus: string
  differences: Array<{propertyPath: string; expectedValue?: string; actualValue?: string; differenceType?: string}>
  route?: {httpMethod: string; resourcePath: string}
  apiWide?: true
}

export interface StackDriftDocument {
  stackName: string
  outcome: 'complete' | 'failed' | 'timed-out'
  stackDriftStatus?: string
  reason?: string
  resources: ResourceDriftDocument[]
  polls: number
  waitedMs: number
}

export function ownershipDocument(ownership: Ownership): OwnershipDocument {
  const {owner} = ownership
  return {
    owner: {
      kind: owner.kind,
      ...optionalField('stackName', owner.stackName),
      ...optionalField('stackId', owner.stackId),
      ...optionalField('logicalId', owner.logicalId),
      reasons: [...owner.reasons],
    },
    ...optionalField('declared', ownership.declared && declaredDocument(ownership.declared)),
    ...optionalField('templateProblem', ownership.templateProblem),
    predictions: ownership.predictions.map(predictionDocument),
    apiGatewayResources: [...ownership.apiGatewayResources],
    ...optionalField('toolUnknown', ownership.toolUnknown),
  }
}

function declaredDocument(declared: DeclaredBinaryHandling): DeclaredDocument {
  const {api, binaryMediaTypes} = declared
  return {
    api: {logicalId: api.logicalId, type: api.type, definition: api.definition, mode: api.mode, samCors: api.samCors},
    binaryMediaTypes: {
      declarations: binaryMediaTypes.declarations.map((declaration) => ({place: declaration.place, location: declaration.location, values: [...declaration.values], unresolved: declaration.unresolved})),
      values: [...binaryMediaTypes.values],
      unresolved: binaryMediaTypes.unresolved,
    },
    routes: declared.routes.map(declaredRouteDocument),
    stages: declared.stages.map((stage) => ({stageName: stage.stageName, type: stage.type, logicalId: stage.logicalId})),
  }
}

function declaredRouteDocument(route: DeclaredRoute): DeclaredRouteDocument {
  return {
    resourcePath: route.resourcePath,
    httpMethod: route.httpMethod,
    source: route.source,
    ...optionalField('logicalId', route.logicalId),
    ...optionalField('integrationType', route.integrationType),
    preflight: route.preflight,
    integration: declaredHandlingDocument(route.integration),
    responses: route.responses === 'unknown' ? 'unknown' : Object.fromEntries(Object.entries(route.responses).map(([statusCode, handling]) => [statusCode, declaredHandlingDocument(handling)])),
    ...optionalField('why', route.why),
  }
}

function declaredHandlingDocument(handling: DeclaredHandling): DeclaredHandlingDocument {
  switch (handling.state) {
    case 'declared':
      return {state: handling.state, value: handling.value}
    case 'absent':
      return {state: handling.state}
    case 'unknown':
      return {state: handling.state, why: handling.why}
  }
}

function predictionDocument(prediction: Prediction): PredictionDocument {
  return {
    change: changedSettingDocument(prediction.change),
    outcome: prediction.outcome,
    reason: prediction.reason,
    drift: prediction.drift,
    ...optionalField('stage', prediction.stage),
  }
}

function changedSettingDocument(change: ChangedSetting): ChangedSettingDocument {
  if (change.setting === 'binaryMediaType') return {setting: change.setting, mediaType: change.mediaType, listed: change.listed}
  const carried = (change as {resourceId?: unknown}).resourceId
  const resourceId = optionalField('resourceId', typeof carried === 'string' ? carried : undefined)
  if (change.setting === 'integration') {
    return {setting: change.setting, ...resourceId, resourcePath: change.resourcePath, httpMethod: change.httpMethod, contentHandling: change.contentHandling}
  }
  return {setting: change.setting, ...resourceId, resourcePath: change.resourcePath, httpMethod: change.httpMethod, statusCode: change.statusCode, contentHandling: change.contentHandling}
}

export function stackDriftDocument(drift: PlacedStackDrift): StackDriftDocument {
  return {
    stackName: drift.stackName,
    outcome: drift.outcome,
    ...optionalField('stackDriftStatus', drift.stackDriftStatus),
    ...optionalField('reason', drift.reason),
    resources: drift.resources.map((resource) => ({
      logicalResourceId: resource.logicalResourceId,
      ...optionalField('physicalResourceId', resource.physicalResourceId),
      resourceType: resource.resourceType,
      driftStatus: resource.driftStatus,
      differences: resource.differences.map((difference) => ({
        propertyPath: difference.propertyPath,
        ...optionalField('expectedValue', difference.expectedValue),
        ...optionalField('actualValue', difference.actualValue),
        ...optionalField('differenceType', difference.differenceType),
      })),
      ...optionalField('route', resource.route && {httpMethod: resource.route.httpMethod, resourcePath: resource.route.resourcePath}),
      ...optionalField('apiWide', resource.apiWide),
    })),
    polls: drift.polls,
    waitedMs: drift.waitedMs,
  }
}
