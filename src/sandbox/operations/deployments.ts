import {badRequest, conflict, notFound} from '../api-errors.js'
import type {ApiSnapshot, Deployment, RestApiState, Stage} from '../model.js'
import {paginate} from '../pagination.js'
import {type PatchOperation, invalidPatchPath, pathSegments, readPatchOperations, requireOp, requireValue} from '../patch.js'
import {
  type OperationContext,
  type Route,
  accepted,
  created,
  jsonBody,
  ok,
  optionalBoolean,
  optionalString,
  optionalStringMap,
  requiredString,
} from '../route.js'
import {refuseReservedKeys} from './tags.js'

export const deploymentRoutes: Route[] = [
  {method: 'POST', template: '/restapis/{restApiId}/deployments', operation: 'CreateDeployment', mutating: true, handle: createDeployment},
  {method: 'GET', template: '/restapis/{restApiId}/deployments', operation: 'GetDeployments', mutating: false, handle: getDeployments},
  {method: 'GET', template: '/restapis/{restApiId}/deployments/{deploymentId}', operation: 'GetDeployment', mutating: false, handle: getDeployment},
  {method: 'DELETE', template: '/restapis/{restApiId}/deployments/{deploymentId}', operation: 'DeleteDeployment', mutating: true, handle: deleteDeployment},
  {method: 'POST', template: '/restapis/{restApiId}/stages', operation: 'CreateStage', mutating: true, handle: createStage},
  {method: 'GET', template: '/restapis/{restApiId}/stages', operation: 'GetStages', mutating: false, handle: getStages},
  {method: 'GET', template: '/restapis/{restApiId}/stages/{stageName}', operation: 'GetStage', mutating: false, handle: (c) => ok(c.store.stage(c.store.api(c.params.restApiId), c.params.stageName))},
  {method: 'PATCH', template: '/restapis/{restApiId}/stages/{stageName}', operation: 'UpdateStage', mutating: true, handle: updateStage},
  {method: 'DELETE', template: '/restapis/{restApiId}/stages/{stageName}', operation: 'DeleteStage', mutating: true, handle: deleteStage},
]

/** The wire form: the snapshot stays server-side. */
function renderDeployment(deployment: Deployment, withSummary: boolean) {
  const {snapshot, ...wire} = deployment
  return withSummary ? {...wire, apiSummary: apiSummary(snapshot)} : wire
}

function apiSummary(snapshot: ApiSnapshot) {
  const summary: Record<string, Record<string, {authorizationType: string; apiKeyRequired: boolean}>> = {}
  for (const resource of snapshot.resources) {
    for (const [httpMethod, method] of Object.entries(resource.resourceMethods ?? {})) {
      summary[resource.path] ??= {}
      summary[resource.path][httpMethod] = {authorizationType: method.authorizationType, apiKeyRequired: method.apiKeyRequired}
    }
  }
  return summary
}

function deployment(api: RestApiState, deploymentId: string): Deployment {
  const found = api.deployments.get(deploymentId)
  if (!found) throw notFound('Invalid Deployment identifier specified')
  return found
}

function createDeployment(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const body = jsonBody(context)
  const deployment = context.store.deploy(api, {
    stageName: optionalString(body, 'stageName'),
    description: optionalString(body, 'description'),
    stageDescription: optionalString(body, 'stageDescription'),
    variables: optionalStringMap(body, 'variables'),
    cacheClusterEnabled: optionalBoolean(body, 'cacheClusterEnabled'),
    tracingEnabled: optionalBoolean(body, 'tracingEnabled'),
  })
  return created(renderDeployment(deployment, false))
}

function getDeployments(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const page = paginate([...api.deployments.values()], context.query)
  return ok({...page, item: page.item.map((entry) => renderDeployment(entry, false))})
}

function getDeployment(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const embed = context.query.getAll('embed').some((value) => value.split(',').includes('apisummary'))
  return ok(renderDeployment(deployment(api, context.params.deploymentId), embed))
}

function deleteDeployment(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const target = deployment(api, context.params.deploymentId)
  for (const stage of api.stages.values()) {
    if (stage.deploymentId === target.id) throw badRequest('Active stages pointing to this deployment must be moved or deleted')
  }
  api.deployments.delete(target.id)
  return accepted()
}

function createStage(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const body = jsonBody(context)
  const stageName = requiredString(body, 'stageName', 'createStageInput')
  const deploymentId = requiredString(body, 'deploymentId', 'createStageInput')
  deployment(api, deploymentId)
  if (api.stages.has(stageName)) throw conflict('Stage already exists')
  refuseReservedKeys(Object.keys(optionalStringMap(body, 'tags') ?? {}))
  const stage = context.store.newStage(stageName, deploymentId, {
    description: optionalString(body, 'description'),
    variables: optionalStringMap(body, 'variables'),
    cacheClusterEnabled: optionalBoolean(body, 'cacheClusterEnabled'),
    tracingEnabled: optionalBoolean(body, 'tracingEnabled'),
    tags: optionalStringMap(body, 'tags'),
  })
  api.stages.set(stageName, stage)
  return created(stage)
}

function getStages(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const deploymentId = context.query.get('deploymentId')
  const stages = [...api.stages.values()].filter((stage) => deploymentId === null || stage.deploymentId === deploymentId)
  return ok({item: stages})
}

const STAGE_PATCH_PATHS = [
  '/deploymentId', '/description', '/cacheClusterEnabled', '/cacheClusterSize', '/clientCertificateId',
  '/accessLogSettings', '/accessLogSettings/destinationArn', '/accessLogSettings/format', '/variables/{variable_name}', '/tracingEnabled',
]

function applyStagePatch(api: RestApiState, stage: Stage, operation: PatchOperation): void {
  const [field, key, ...rest] = pathSegments(operation.path)
  const invalid = () => badRequest(`Invalid method setting path: ${operation.path}. Must be one of: [${STAGE_PATCH_PATHS.join(', ')}]`)
  if (rest.length > 0) throw invalid()
  if (field === 'variables' && key !== undefined) {
    requireOp(operation, ['add', 'replace', 'remove'])
    const variables = {...stage.variables}
    if (operation.op === 'remove') delete variables[key]
    else variables[key] = requireValue(operation)
    stage.variables = variables
    if (Object.keys(variables).length === 0) delete stage.variables
    return
  }
  if (key !== undefined) throw invalid()
  switch (field) {
    case 'deploymentId': {
      requireOp(operation, ['replace'])
      const id = requireValue(operation)
      if (!api.deployments.has(id)) throw badRequest('Deployment id does not exist')
      stage.deploymentId = id
      return
    }
    case 'description': {
      requireOp(operation, ['replace', 'remove'])
      if (operation.op === 'remove' || !operation.value) delete stage.description
      else stage.description = operation.value
      return
    }
    case 'tracingEnabled':
    case 'cacheClusterEnabled': {
      requireOp(operation, ['replace'])
      stage[field] = requireValue(operation) === 'true'
      return
    }
    default:
      if (STAGE_PATCH_PATHS.includes(operation.path)) throw invalidPatchPath(operation)
      throw invalid()
  }
}

function updateStage(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const stage = context.store.stage(api, context.params.stageName)
  const next = structuredClone(stage)
  for (const operation of readPatchOperations(jsonBody(context), 'updateStageInput')) applyStagePatch(api, next, operation)
  next.lastUpdatedDate = context.store.nowSeconds()
  api.stages.set(stage.stageName, next)
  return ok(next)
}

function deleteStage(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  context.store.stage(api, context.params.stageName)
  api.stages.delete(context.params.stageName)
  return accepted()
}
