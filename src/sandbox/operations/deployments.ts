import {badRequest, conflict, notFound} from '../api-errors.js'
import type {ApiSnapshot, Deployment, MethodSetting, RestApiState, Stage} from '../model.js'
import {paginate} from '../pagination.js'
import {type PatchOperation, invalidPatchPath, pathSegments, readPatchOperations, requireOp, requireValue} from '../patch.js'
import {compact, jsonBody, optionalBoolean, optionalString, optionalStringMap, requiredString} from '../request-body.js'
import {type OperationContext, type Route, accepted, created, ok} from '../route.js'
import {refuseReservedKeys} from './tags.js'

export const deploymentRoutes: Route[] = [
  {method: 'POST', template: '/restapis/{restApiId}/deployments', operation: 'CreateDeployment', mutating: true, handle: createDeployment},
  {method: 'GET', template: '/restapis/{restApiId}/deployments', operation: 'GetDeployments', mutating: false, handle: getDeployments},
  {method: 'GET', template: '/restapis/{restApiId}/deployments/{deploymentId}', operation: 'GetDeployment', mutating: false, handle: getDeployment},
  {method: 'PATCH', template: '/restapis/{restApiId}/deployments/{deploymentId}', operation: 'UpdateDeployment', mutating: true, handle: updateDeployment},
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

/** Only the description changes (API reference, UpdateDeployment; observed on AWS: LocalStack recording test_update_rest_api_deployment). */
function updateDeployment(context: OperationContext) {
  const operations = readPatchOperations(jsonBody(context), 'updateDeploymentInput')
  const api = context.store.api(context.params.restApiId)
  const target = deployment(api, context.params.deploymentId)
  let description = target.description
  for (const operation of operations) {
    if (operation.path !== '/description') throw invalidPatchPath(operation)
    requireOp(operation, ['replace'])
    description = operation.value || undefined
  }
  // A deployment's snapshot never changes, so its serialized form is cached (state-file.ts): replace the record.
  const next = compact({...target, description})
  api.deployments.set(target.id, next)
  return ok(renderDeployment(next, false))
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
    // Kept as given: whether AWS checks that the API has this documentation version is not recorded.
    documentationVersion: optionalString(body, 'documentationVersion'),
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

// AWS's list as its message gives it, missing commas and all (observed on AWS: LocalStack recording
// test_create_update_stages "error-update-doc-version").
const STAGE_PATHS =
  '[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, ' +
  '/accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, ' +
  '/{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, ' +
  '/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, ' +
  '/{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, ' +
  '/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, ' +
  '/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, ' +
  '/*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, ' +
  '/*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, ' +
  '/variables/{variable_name}, /tracingEnabled]'

const ACCESS_LOG_PATHS = '[/accessLogSettings/destinationArn, /accessLogSettings/format]'

/**
 * What a new method setting starts from when no settings for every method exist (observed on AWS:
 * LocalStack recording test_update_stage_remove_wildcard "update-stage").
 */
const DEFAULT_METHOD_SETTING: MethodSetting = {
  cacheDataEncrypted: false,
  cacheTtlInSeconds: 300,
  cachingEnabled: false,
  dataTraceEnabled: false,
  metricsEnabled: false,
  requireAuthorizationForCacheControl: true,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
}

type SettingKind = 'boolean' | 'integer' | 'number' | 'text'
const METHOD_SETTING_FIELDS: Record<string, [keyof MethodSetting, SettingKind]> = {
  'metrics/enabled': ['metricsEnabled', 'boolean'],
  'logging/dataTrace': ['dataTraceEnabled', 'boolean'],
  'logging/loglevel': ['loggingLevel', 'text'],
  'throttling/burstLimit': ['throttlingBurstLimit', 'integer'],
  'throttling/rateLimit': ['throttlingRateLimit', 'number'],
  'caching/ttlInSeconds': ['cacheTtlInSeconds', 'integer'],
  'caching/enabled': ['cachingEnabled', 'boolean'],
  'caching/dataEncrypted': ['cacheDataEncrypted', 'boolean'],
  'caching/requireAuthorizationForCacheControl': ['requireAuthorizationForCacheControl', 'boolean'],
  'caching/unauthorizedCacheControlHeaderStrategy': ['unauthorizedCacheControlHeaderStrategy', 'text'],
}

/**
 * The key of a method's settings, `resourcePath/httpMethod` without the path's leading slash, as
 * Terraform's method_path documents it; `*` and `*` for every method.
 */
function methodSettingKey(segments: string[]): string {
  return segments.join('/').replace(/^\/+/, '')
}

/**
 * Method settings: a new key starts from the settings for every method, so those are defaults and never
 * override what a method has (observed on AWS: LocalStack recording test_create_update_stages).
 */
function setMethodSetting(stage: Stage, operation: PatchOperation, segments: string[], invalid: () => Error): void {
  const field = METHOD_SETTING_FIELDS[segments.slice(-2).join('/')]
  if (!field || (operation.op !== 'replace' && operation.op !== 'add')) throw invalid()
  const key = methodSettingKey(segments.slice(0, -2))
  const setting: MethodSetting = {...(stage.methodSettings[key] ?? stage.methodSettings['*/*'] ?? DEFAULT_METHOD_SETTING)}
  const [name, kind] = field
  const value = operation.value ?? ''
  // How AWS refuses a value that is no number is not recorded; the words are the sandbox's own.
  if (kind === 'boolean') Object.assign(setting, {[name]: value.toLowerCase() === 'true'})
  else if (kind === 'text') Object.assign(setting, {[name]: value})
  else {
    const number = Number(value)
    if (value.trim() === '' || !Number.isFinite(number) || (kind === 'integer' && !Number.isInteger(number))) {
      throw badRequest(`Invalid value for ${operation.path}: ${value}`)
    }
    Object.assign(setting, {[name]: number})
  }
  stage.methodSettings = {...stage.methodSettings, [key]: setting}
}

/**
 * Access log settings: a destination ARN and a format, each set non-empty, removed only together
 * (observed on AWS: LocalStack recordings test_stage_access_log_settings,
 * test_stage_access_log_settings_validation).
 */
function setAccessLogSetting(stage: Stage, operation: PatchOperation, name: string | undefined): void {
  if (operation.op === 'remove' && name === undefined) {
    delete stage.accessLogSettings
    return
  }
  if ((name !== 'destinationArn' && name !== 'format') || (operation.op !== 'add' && operation.op !== 'replace')) {
    throw badRequest(`Invalid accessLogSettings path. Must be one of : ${ACCESS_LOG_PATHS}`)
  }
  if (!operation.value) throw badRequest('Access Log value must not be empty')
  stage.accessLogSettings = {...stage.accessLogSettings, [name]: operation.value}
}

function applyStagePatch(api: RestApiState, stage: Stage, operation: PatchOperation): void {
  const segments = pathSegments(operation.path)
  const [field, key] = segments
  const invalid = () => badRequest(`Invalid method setting path: ${operation.path}. Must be one of: ${STAGE_PATHS}`)
  if (field === 'variables' && segments.length === 2) {
    requireOp(operation, ['add', 'replace', 'remove'])
    const variables = {...stage.variables}
    if (operation.op === 'remove') delete variables[key!]
    else variables[key!] = requireValue(operation)
    stage.variables = variables
    if (Object.keys(variables).length === 0) delete stage.variables
    return
  }
  if (field === 'accessLogSettings' && segments.length === 1) return setAccessLogSetting(stage, operation, undefined)
  if (segments.length >= 2 && operation.op === 'remove') {
    // A removal names a method's settings, whatever the path looks like ("accessLogSettings/destinationArn"
    // included; observed on AWS: LocalStack recordings test_update_stage_remove_wildcard,
    // test_stage_access_log_settings_validation).
    const settingKey = methodSettingKey(segments)
    if (!Object.hasOwn(stage.methodSettings, settingKey)) {
      throw badRequest(`Cannot remove method setting ${settingKey} because there is no method setting for this method `)
    }
    const {[settingKey]: _removed, ...rest} = stage.methodSettings
    stage.methodSettings = rest
    return
  }
  if (field === 'accessLogSettings' && segments.length === 2) return setAccessLogSetting(stage, operation, key)
  if (segments.length >= 4) return setMethodSetting(stage, operation, segments, invalid)
  if (segments.length !== 1) throw invalid()
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
    case 'cacheClusterSize':
    case 'clientCertificateId':
      // Paths AWS has that the sandbox does not model.
      throw invalidPatchPath(operation)
    default:
      throw invalid()
  }
}

function updateStage(context: OperationContext) {
  const operations = readPatchOperations(jsonBody(context), 'updateStageInput')
  const api = context.store.api(context.params.restApiId)
  const stage = context.store.stage(api, context.params.stageName)
  const next = structuredClone(stage)
  for (const operation of operations) applyStagePatch(api, next, operation)
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
