import {badRequest, conflict, notFound, statusCodeConstraint, validationErrors} from '../api-errors.js'
import {HTTP_METHODS, type Method, type MethodResponse, type Resource, type RestApiState} from '../model.js'
import {type PatchOperation, pathSegments, readPatchOperations, requireOp, unsupportedPatchOp} from '../patch.js'
import {compact, jsonBody, optionalBoolean, optionalBooleanMap, optionalString, optionalStringMap, requiredString} from '../request-body.js'
import {type OperationContext, type Route, created, noContent, ok} from '../route.js'

const METHOD = '/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}'
const METHOD_RESPONSE = `${METHOD}/responses/{statusCode}`

export const methodRoutes: Route[] = [
  {method: 'PUT', template: METHOD, operation: 'PutMethod', mutating: true, handle: putMethod},
  {method: 'GET', template: METHOD, operation: 'GetMethod', mutating: false, handle: (c) => ok(locateMethod(c).method)},
  {method: 'PATCH', template: METHOD, operation: 'UpdateMethod', mutating: true, handle: updateMethod},
  {method: 'DELETE', template: METHOD, operation: 'DeleteMethod', mutating: true, handle: deleteMethod},
  {method: 'PUT', template: METHOD_RESPONSE, operation: 'PutMethodResponse', mutating: true, handle: putMethodResponse},
  {method: 'GET', template: METHOD_RESPONSE, operation: 'GetMethodResponse', mutating: false, handle: (c) => ok(locateMethodResponse(c).response)},
  {method: 'PATCH', template: METHOD_RESPONSE, operation: 'UpdateMethodResponse', mutating: true, handle: updateMethodResponse},
  {method: 'DELETE', template: METHOD_RESPONSE, operation: 'DeleteMethodResponse', mutating: true, handle: deleteMethodResponse},
]

/**
 * The resource a method call addresses. Below a resource an unknown API is answered as an unknown
 * resource (observed on AWS: LocalStack recordings test_put_method_validation "wrong-api",
 * test_update_method_validation, test_get_integration_non_existent, test_integration_response_wrong_api,
 * test_delete_integration_response_errors).
 */
export function locateResource(context: OperationContext): {api: RestApiState; resource: Resource} {
  const api = context.store.state.apis.get(context.params.restApiId)
  if (!api) throw notFound('Invalid Resource identifier specified')
  return {api, resource: context.store.resource(api, context.params.resourceId)}
}

export function locateMethod(context: OperationContext) {
  const located = locateResource(context)
  return {...located, method: context.store.method(located.resource, context.params.httpMethod)}
}

/** The status code of the URI, checked against the model's pattern before anything is looked up. */
export function checkStatusCode(context: OperationContext): void {
  const error = statusCodeConstraint(context.params.statusCode)
  if (error) throw validationErrors([error])
}

const AUTHORIZER_TYPES = new Set(['CUSTOM', 'COGNITO_USER_POOLS'])

/** Every model `models` names that `before` did not: what a put or an update brings in must exist. */
function checkModels(api: RestApiState, models: Record<string, string> | undefined, before: Record<string, string> = {}): void {
  for (const [contentType, model] of Object.entries(models ?? {})) {
    if (before[contentType] !== model && !api.models.has(model)) throw badRequest(`Invalid model identifier specified: ${model}`)
  }
}

/**
 * CUSTOM and COGNITO_USER_POOLS need an authorizer of the API; any other type keeps no authorizer id,
 * even one given (observed on AWS: LocalStack recordings test_put_method_validation
 * "missing-authorizer-id", test_update_method_validation "wrong-auth-id", "skip-auth-id-with-wrong-type").
 */
function settleAuthorizer(api: RestApiState, method: Method): void {
  if (!AUTHORIZER_TYPES.has(method.authorizationType)) {
    delete method.authorizerId
    return
  }
  if (method.authorizerId === undefined || !api.authorizers.has(method.authorizerId)) {
    throw badRequest('Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.')
  }
}

function checkRequestValidator(api: RestApiState, requestValidatorId: string | undefined): void {
  if (requestValidatorId !== undefined && !api.requestValidators.has(requestValidatorId)) throw badRequest('Invalid Request Validator identifier specified')
}

const REQUEST_PARAMETER = /^method\.request\.(querystring|header|path|multivaluequerystring|multivalueheader)\.(.+)$/

/**
 * Method request parameters are mapping expressions, and one name is one parameter whatever its location
 * (observed on AWS: LocalStack recordings test_put_integration_request_parameter_bool_type,
 * test_method_request_parameters "req-params-same-name").
 */
function checkRequestParameters(parameters: Record<string, boolean> | undefined): void {
  const names = new Set<string>()
  for (const expression of Object.keys(parameters ?? {})) {
    const match = REQUEST_PARAMETER.exec(expression)
    if (!match) {
      throw badRequest(`Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: ${expression}]`)
    }
    if (names.has(match[2]!)) throw badRequest('Parameter names must be unique across querystring, header and path')
    names.add(match[2]!)
  }
}

function putMethod(context: OperationContext) {
  const body = jsonBody(context)
  const fields = {
    authorizationType: requiredString(body, 'authorizationType', 'putMethodInput'),
    authorizerId: optionalString(body, 'authorizerId'),
    apiKeyRequired: optionalBoolean(body, 'apiKeyRequired') ?? false,
    operationName: optionalString(body, 'operationName'),
    requestValidatorId: optionalString(body, 'requestValidatorId'),
    requestParameters: optionalBooleanMap(body, 'requestParameters'),
    requestModels: optionalStringMap(body, 'requestModels'),
  }
  const {api, resource} = locateResource(context)
  const httpMethod = context.params.httpMethod
  if (!(HTTP_METHODS as readonly string[]).includes(httpMethod)) {
    // AWS's list, in AWS's order (observed on AWS: LocalStack recording test_put_method_validation).
    throw badRequest('Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY')
  }
  // The authorization type is kept upper-case whatever the case given ("none" answers NONE; observed on
  // AWS: LocalStack recording test_put_integration_responses "put-method-put").
  const method: Method = compact({httpMethod, ...fields, authorizationType: fields.authorizationType.toUpperCase()})
  settleAuthorizer(api, method)
  checkRequestValidator(api, method.requestValidatorId)
  checkModels(api, method.requestModels)
  checkRequestParameters(method.requestParameters)
  if (Object.hasOwn(resource.resourceMethods ?? {}, httpMethod)) throw conflict('Method already exists for this resource')
  resource.resourceMethods = {...resource.resourceMethods, [httpMethod]: method}
  return created(method)
}

/**
 * UpdateMethod's paths: the scalar members (replace only), and a request parameter or a model by name
 * (add, replace, remove); anything else is an invalid path (observed on AWS: LocalStack recordings
 * test_update_method, test_update_method_validation).
 */
function applyMethodPatch(method: Method, operation: PatchOperation): void {
  const [field, key, ...rest] = pathSegments(operation.path)
  const invalidPath = () => badRequest(`Invalid patch path ${operation.path}`)
  if (rest.length > 0) throw invalidPath()
  if (key !== undefined && key !== '' && (field === 'requestParameters' || field === 'requestModels')) {
    requireOp(operation, ['add', 'replace', 'remove'])
    if (field === 'requestParameters') {
      const parameters = {...method.requestParameters}
      if (operation.op === 'remove') delete parameters[key]
      else parameters[key] = operation.value === 'true'
      method.requestParameters = parameters
    } else {
      const models = {...method.requestModels}
      if (operation.op === 'remove') delete models[key]
      else models[key] = operation.value ?? ''
      method.requestModels = models
    }
    return
  }
  if (key !== undefined) throw invalidPath()
  switch (field) {
    case 'authorizationType':
      if (operation.op !== 'replace') throw unsupportedPatchOp(['replace'])
      method.authorizationType = (operation.value ?? '').toUpperCase() || 'NONE'
      return
    case 'authorizerId':
    case 'operationName':
    case 'requestValidatorId': {
      if (operation.op !== 'replace') throw unsupportedPatchOp(['replace'])
      if (operation.value === undefined || operation.value === '') delete method[field]
      else method[field] = operation.value
      return
    }
    case 'apiKeyRequired':
      // Anything but "true" is false (observed on AWS: test_update_method_validation "wrong-value-type").
      if (operation.op !== 'replace') throw unsupportedPatchOp(['replace'])
      method.apiKeyRequired = operation.value === 'true'
      return
    default:
      throw invalidPath()
  }
}

function updateMethod(context: OperationContext) {
  const operations = readPatchOperations(jsonBody(context), 'updateMethodInput')
  const {api, resource, method} = locateMethod(context)
  const next: Method = structuredClone(method)
  for (const operation of operations) applyMethodPatch(next, operation)
  if (next.requestParameters && Object.keys(next.requestParameters).length === 0) delete next.requestParameters
  if (next.requestModels && Object.keys(next.requestModels).length === 0) delete next.requestModels
  settleAuthorizer(api, next)
  checkRequestValidator(api, next.requestValidatorId !== method.requestValidatorId ? next.requestValidatorId : undefined)
  // Only what the update brings in is checked.
  checkModels(api, next.requestModels, method.requestModels)
  if (Object.keys(next.requestParameters ?? {}).join('\n') !== Object.keys(method.requestParameters ?? {}).join('\n')) checkRequestParameters(next.requestParameters)
  resource.resourceMethods = {...resource.resourceMethods, [method.httpMethod]: next}
  return ok(next)
}

function deleteMethod(context: OperationContext) {
  const {resource, method} = locateMethod(context)
  delete resource.resourceMethods?.[method.httpMethod]
  if (resource.resourceMethods && Object.keys(resource.resourceMethods).length === 0) delete resource.resourceMethods
  return noContent()
}

function locateMethodResponse(context: OperationContext) {
  checkStatusCode(context)
  const located = locateMethod(context)
  return {...located, response: responseForStatus(located.method.methodResponses, context)}
}

/** The response of the request's status code, method or integration response alike; 404 as AWS words it. */
export function responseForStatus<T>(responses: Record<string, T> | undefined, context: OperationContext): T {
  const statusCode = context.params.statusCode
  // Own keys only: a status code such as `constructor` must not find an Object.prototype member.
  const response = responses && Object.hasOwn(responses, statusCode) ? responses[statusCode] : undefined
  if (response === undefined) throw notFound('Invalid Response status code specified')
  return response
}

function putMethodResponse(context: OperationContext) {
  checkStatusCode(context)
  const body = jsonBody(context)
  const responseParameters = optionalBooleanMap(body, 'responseParameters')
  const responseModels = optionalStringMap(body, 'responseModels')
  const {api, method} = locateMethod(context)
  checkModels(api, responseModels)
  const statusCode = context.params.statusCode
  // Empty maps given are answered as given (observed on AWS: LocalStack recording test_lifecycle_method_response).
  const response: MethodResponse = compact({statusCode, responseParameters, responseModels})
  method.methodResponses = {...method.methodResponses, [statusCode]: response}
  return created(response)
}

/**
 * A header by name or a model by content type: add sets it, replace and remove need it to exist; a map
 * left empty is dropped, and AWS answers 201 (observed on AWS: LocalStack recordings
 * test_update_method_response, test_update_method_wrong_param_names,
 * test_update_method_lack_response_parameters_and_models, test_lifecycle_method_response).
 */
function applyMethodResponsePatch(response: MethodResponse, operation: PatchOperation): void {
  const [field, key, ...rest] = pathSegments(operation.path)
  if (rest.length > 0 || key === undefined || key === '' || (field !== 'responseParameters' && field !== 'responseModels')) {
    throw badRequest(`Invalid patch path ${operation.path}`)
  }
  requireOp(operation, ['add', 'replace', 'remove'])
  if (field === 'responseParameters') {
    const parameters = {...response.responseParameters}
    if (operation.op !== 'add' && !Object.hasOwn(parameters, key)) throw notFound('Invalid parameter name specified')
    if (operation.op === 'remove') delete parameters[key]
    else parameters[key] = operation.value === 'true'
    response.responseParameters = parameters
  } else {
    const models = {...response.responseModels}
    if (operation.op !== 'add' && !Object.hasOwn(models, key)) throw notFound('Content-Type specified was not found')
    if (operation.op === 'remove') delete models[key]
    else models[key] = operation.value ?? ''
    response.responseModels = models
  }
}

function updateMethodResponse(context: OperationContext) {
  const statusCodeError = statusCodeConstraint(context.params.statusCode)
  const operations = readPatchOperations(jsonBody(context), 'updateMethodResponseInput', statusCodeError ? [statusCodeError] : [])
  const {api, method, response} = locateMethodResponse(context)
  const next = structuredClone(response)
  for (const operation of operations) applyMethodResponsePatch(next, operation)
  if (next.responseParameters && Object.keys(next.responseParameters).length === 0) delete next.responseParameters
  if (next.responseModels && Object.keys(next.responseModels).length === 0) delete next.responseModels
  checkModels(api, next.responseModels, response.responseModels)
  method.methodResponses = {...method.methodResponses, [response.statusCode]: next}
  return created(next)
}

function deleteMethodResponse(context: OperationContext) {
  const {method, response} = locateMethodResponse(context)
  delete method.methodResponses?.[response.statusCode]
  return noContent()
}
