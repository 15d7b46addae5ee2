import {badRequest, conflict, notFound} from '../api-errors.js'
import {HTTP_METHODS, type Method, type MethodResponse} from '../model.js'
import {invalidPatchPath, pathSegments, patchStringMap, readPatchOperations, requireOp, requireValue} from '../patch.js'
import {
  type OperationContext,
  type Route,
  compact,
  created,
  jsonBody,
  noContent,
  ok,
  optionalBoolean,
  optionalBooleanMap,
  optionalString,
  optionalStringMap,
  requiredString,
} from '../route.js'

const METHOD = '/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}'
const METHOD_RESPONSE = `${METHOD}/responses/{statusCode}`

export const methodRoutes: Route[] = [
  {method: 'PUT', template: METHOD, operation: 'PutMethod', mutating: true, handle: putMethod},
  {method: 'GET', template: METHOD, operation: 'GetMethod', mutating: false, handle: (c) => ok(locateMethod(c).method)},
  {method: 'PATCH', template: METHOD, operation: 'UpdateMethod', mutating: true, handle: updateMethod},
  {method: 'DELETE', template: METHOD, operation: 'DeleteMethod', mutating: true, handle: deleteMethod},
  {method: 'PUT', template: METHOD_RESPONSE, operation: 'PutMethodResponse', mutating: true, handle: putMethodResponse},
  {method: 'GET', template: METHOD_RESPONSE, operation: 'GetMethodResponse', mutating: false, handle: (c) => ok(methodResponse(c))},
  {method: 'DELETE', template: METHOD_RESPONSE, operation: 'DeleteMethodResponse', mutating: true, handle: deleteMethodResponse},
]

export function locateMethod(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const resource = context.store.resource(api, context.params.resourceId)
  return {api, resource, method: context.store.method(resource, context.params.httpMethod)}
}

function putMethod(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const resource = context.store.resource(api, context.params.resourceId)
  const httpMethod = context.params.httpMethod
  if (!(HTTP_METHODS as readonly string[]).includes(httpMethod)) {
    throw badRequest(`Invalid HttpMethod specified. Valid options are ${HTTP_METHODS.join(',')}`)
  }
  if (resource.resourceMethods?.[httpMethod]) throw conflict('Method already exists for this resource')
  const body = jsonBody(context)
  const method: Method = compact({
    httpMethod,
    authorizationType: requiredString(body, 'authorizationType', 'putMethodInput'),
    authorizerId: optionalString(body, 'authorizerId'),
    apiKeyRequired: optionalBoolean(body, 'apiKeyRequired') ?? false,
    operationName: optionalString(body, 'operationName'),
    requestValidatorId: optionalString(body, 'requestValidatorId'),
    requestParameters: optionalBooleanMap(body, 'requestParameters'),
    requestModels: optionalStringMap(body, 'requestModels'),
  })
  resource.resourceMethods = {...resource.resourceMethods, [httpMethod]: method}
  return created(method)
}

function updateMethod(context: OperationContext) {
  const {resource, method} = locateMethod(context)
  const next: Method = structuredClone(method)
  for (const operation of readPatchOperations(jsonBody(context), 'updateMethodInput')) {
    const [field, key, ...rest] = pathSegments(operation.path)
    if (rest.length > 0) throw invalidPatchPath(operation)
    if (key !== undefined && field === 'requestModels') {
      next.requestModels = patchStringMap(next.requestModels, key, operation)
    } else if (key !== undefined && field === 'requestParameters') {
      const parameters = {...next.requestParameters}
      requireOp(operation, ['add', 'replace', 'remove'])
      if (operation.op === 'remove') delete parameters[key]
      else parameters[key] = operation.value === 'true'
      next.requestParameters = parameters
    } else if (key === undefined && ['authorizationType', 'authorizerId', 'operationName', 'requestValidatorId'].includes(field)) {
      requireOp(operation, ['replace'])
      const value = requireValue(operation)
      ;(next as unknown as Record<string, string>)[field] = value
    } else if (key === undefined && field === 'apiKeyRequired') {
      requireOp(operation, ['replace'])
      next.apiKeyRequired = requireValue(operation) === 'true'
    } else {
      throw invalidPatchPath(operation)
    }
  }
  resource.resourceMethods = {...resource.resourceMethods, [method.httpMethod]: next}
  return ok(next)
}

function deleteMethod(context: OperationContext) {
  const {resource, method} = locateMethod(context)
  delete resource.resourceMethods?.[method.httpMethod]
  if (resource.resourceMethods && Object.keys(resource.resourceMethods).length === 0) delete resource.resourceMethods
  return noContent()
}

function methodResponse(context: OperationContext): MethodResponse {
  const responses = locateMethod(context).method.methodResponses ?? {}
  // Own keys only: a status code such as `constructor` must not find an Object.prototype member.
  const found = Object.hasOwn(responses, context.params.statusCode) ? responses[context.params.statusCode] : undefined
  if (!found) throw notFound('Invalid Response status code specified')
  return found
}

function putMethodResponse(context: OperationContext) {
  const {method} = locateMethod(context)
  const statusCode = context.params.statusCode
  if (!/^[1-5]\d\d$/.test(statusCode)) throw badRequest('Invalid status code specified')
  const body = jsonBody(context)
  const response: MethodResponse = compact({
    statusCode,
    responseParameters: optionalBooleanMap(body, 'responseParameters'),
    responseModels: optionalStringMap(body, 'responseModels'),
  })
  method.methodResponses = {...method.methodResponses, [statusCode]: response}
  return created(response)
}

function deleteMethodResponse(context: OperationContext) {
  const {method} = locateMethod(context)
  methodResponse(context)
  delete method.methodResponses?.[context.params.statusCode]
  return noContent()
}
