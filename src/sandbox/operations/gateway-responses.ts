// Gateway responses: the answers API Gateway makes itself, as an API sets them (PutGatewayResponse,
// UpdateGatewayResponse, DeleteGatewayResponse back to the default) and reads them (every type, the ones
// it does not set as `defaultResponse: true`). Shapes and messages as recorded on AWS by LocalStack's
// TestApiGatewayGatewayResponse; what the data plane does with them is data-plane/gateway-response-rendering.ts.
import {badRequest, notFound, validationError} from '../api-errors.js'
import {GATEWAY_RESPONSE_TYPES, type GatewayResponseType, gatewayResponseView, isGatewayResponseType} from '../gateway-response-settings.js'
import type {GatewayResponseSetting, RestApiState} from '../model.js'
import {paginate} from '../pagination.js'
import {type PatchOperation, pathSegments, readPatchOperations} from '../patch.js'
import {jsonBody, optionalString, optionalStringMap} from '../request-body.js'
import {type OperationContext, type Route, accepted, created, ok} from '../route.js'

const GATEWAY_RESPONSES = '/restapis/{restApiId}/gatewayresponses'

export const gatewayResponseRoutes: Route[] = [
  {method: 'GET', template: GATEWAY_RESPONSES, operation: 'GetGatewayResponses', mutating: false, handle: getGatewayResponses},
  {method: 'GET', template: `${GATEWAY_RESPONSES}/{responseType}`, operation: 'GetGatewayResponse', mutating: false, handle: getGatewayResponse},
  {method: 'PUT', template: `${GATEWAY_RESPONSES}/{responseType}`, operation: 'PutGatewayResponse', mutating: true, handle: putGatewayResponse},
  {method: 'PATCH', template: `${GATEWAY_RESPONSES}/{responseType}`, operation: 'UpdateGatewayResponse', mutating: true, handle: updateGatewayResponse},
  {method: 'DELETE', template: `${GATEWAY_RESPONSES}/{responseType}`, operation: 'DeleteGatewayResponse', mutating: true, handle: deleteGatewayResponse},
]

/**
 * The response type of the URI, checked by the front end before the API is looked up (observed on AWS:
 * test_gateway_response_validation, where an unknown type on a real API is a ValidationException and a
 * known one on an unknown API is a NotFoundException).
 */
function responseType(context: OperationContext): GatewayResponseType {
  const type = context.params.responseType ?? ''
  if (!isGatewayResponseType(type)) {
    throw validationError(`Value '${type}' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [${GATEWAY_RESPONSE_TYPES.join(', ')}]`)
  }
  return type
}

function getGatewayResponses(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  return ok(paginate(GATEWAY_RESPONSE_TYPES.map((type) => gatewayResponseView(api.gatewayResponses, type)), context.query))
}

function getGatewayResponse(context: OperationContext) {
  const type = responseType(context)
  const api = context.store.api(context.params.restApiId)
  return ok(gatewayResponseView(api.gatewayResponses, type))
}

/** Replaces the type's setting whole: members left out read as the type's defaults again (recorded: test_gateway_response_put). */
function putGatewayResponse(context: OperationContext) {
  const type = responseType(context)
  const api = context.store.api(context.params.restApiId)
  const body = jsonBody(context)
  const setting: GatewayResponseSetting = {responseType: type}
  const statusCode = optionalString(body, 'statusCode')
  const responseParameters = optionalStringMap(body, 'responseParameters')
  const responseTemplates = optionalStringMap(body, 'responseTemplates')
  if (statusCode !== undefined) setting.statusCode = statusCode
  if (responseParameters && Object.keys(responseParameters).length > 0) setting.responseParameters = responseParameters
  if (responseTemplates && Object.keys(responseTemplates).length > 0) setting.responseTemplates = responseTemplates
  api.gatewayResponses.set(type, setting)
  return created(gatewayResponseView(api.gatewayResponses, type))
}

/** Updating a type the API does not set sets it (recorded: test_update_gateway_response, update-gateway-response-not-set). */
function updateGatewayResponse(context: OperationContext) {
  const type = responseType(context)
  const body = jsonBody(context)
  // A missing path is worded "Invalid patch path null" here (recorded: update-gateway-no-path).
  const raw = body.patchOperations
  const entries = Array.isArray(raw) ? raw.map((entry) => (isObject(entry) && entry.path === undefined ? {...entry, path: 'null'} : entry)) : raw
  const operations = readPatchOperations({patchOperations: entries}, 'updateGatewayResponseInput')
  const api = context.store.api(context.params.restApiId)
  const setting: GatewayResponseSetting = structuredClone(api.gatewayResponses.get(type) ?? {responseType: type})
  for (const operation of operations) applyOperation(setting, operation)
  if (setting.responseParameters && Object.keys(setting.responseParameters).length === 0) delete setting.responseParameters
  if (setting.responseTemplates && Object.keys(setting.responseTemplates).length === 0) delete setting.responseTemplates
  api.gatewayResponses.set(type, setting)
  return ok(gatewayResponseView(api.gatewayResponses, type))
}

/**
 * The paths UpdateGatewayResponse takes (observed on AWS: test_update_gateway_response): /statusCode only
 * replaced, /responseParameters/{name} and /responseTemplates/{mediaType} added, replaced or removed; a
 * replace of a parameter the response does not have is a NotFoundException, a null value a
 * BadRequestException naming the map.
 */
function applyOperation(setting: GatewayResponseSetting, operation: PatchOperation): void {
  const invalidPath = () => badRequest(`Invalid patch path ${operation.path}`)
  if (operation.path === '/statusCode') {
    if (operation.op !== 'replace') throw invalidPath()
    if (operation.value === undefined || operation.value === '') throw badRequest('Invalid null or empty value in statusCode')
    setting.statusCode = operation.value
    return
  }
  const [member, key, ...rest] = pathSegments(operation.path)
  if ((member !== 'responseParameters' && member !== 'responseTemplates') || key === undefined || key === '' || rest.length > 0) throw invalidPath()
  const map: Record<string, string> = {...setting[member]}
  switch (operation.op) {
    case 'add':
    case 'replace':
      if (operation.value === undefined || operation.value === '') throw badRequest(`Invalid null or empty value in ${member}`)
      if (operation.op === 'replace' && member === 'responseParameters' && !Object.hasOwn(map, key)) throw notFound('Invalid parameter name specified')
      map[key] = operation.value
      break
    case 'remove':
      // The parameter's message is recorded for replace; the template's is the sandbox's own.
      if (!Object.hasOwn(map, key)) throw notFound(member === 'responseParameters' ? 'Invalid parameter name specified' : 'Invalid template key specified')
      delete map[key]
      break
    default:
      throw invalidPath()
  }
  setting[member] = map
}

function deleteGatewayResponse(context: OperationContext) {
  const type = responseType(context)
  const api: RestApiState = context.store.api(context.params.restApiId)
  // Observed on AWS: test_gateway_response_validation, delete-gateway-response-not-set.
  if (!api.gatewayResponses.has(type)) throw notFound('Gateway response type not defined on api')
  api.gatewayResponses.delete(type)
  return accepted()
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
