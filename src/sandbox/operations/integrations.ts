import {badRequest, notFound, statusCodeConstraint} from '../api-errors.js'
import {
  CONTENT_HANDLING_VALUES,
  type ContentHandling,
  type Integration,
  type IntegrationResponse,
  type IntegrationType,
  PASSTHROUGH_BEHAVIORS,
  type PassthroughBehavior,
  type ResponseTransferMode,
} from '../model.js'
import {type PatchOperation, invalidPatchPath, pathSegments, patchStringMap, readPatchOperations, requireOp, requireValue} from '../patch.js'
import {compact, jsonBody, missingMember, optionalEnum, optionalNullableStringMap, optionalString, optionalStringMap} from '../request-body.js'
import {type OperationContext, type Route, created, noContent, ok} from '../route.js'
import {DEFAULT_TIMEOUT_MS, withIntegrationDefaults} from '../integration-defaults.js'
import {MAX_STREAM_TIMEOUT_MS, MIN_TIMEOUT_MS, RESPONSE_TRANSFER_MODES, transferModeFault} from '../response-transfer-mode.js'
import {checkStatusCode, locateMethod, locateResource, responseForStatus} from './methods.js'

const INTEGRATION = '/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration'
const INTEGRATION_RESPONSE = `${INTEGRATION}/responses/{statusCode}`

export const integrationRoutes: Route[] = [
  {method: 'PUT', template: INTEGRATION, operation: 'PutIntegration', mutating: true, handle: putIntegration},
  {method: 'GET', template: INTEGRATION, operation: 'GetIntegration', mutating: false, handle: (c) => ok(locateIntegration(c).integration)},
  {method: 'PATCH', template: INTEGRATION, operation: 'UpdateIntegration', mutating: true, handle: updateIntegration},
  {method: 'DELETE', template: INTEGRATION, operation: 'DeleteIntegration', mutating: true, handle: deleteIntegration},
  {method: 'PUT', template: INTEGRATION_RESPONSE, operation: 'PutIntegrationResponse', mutating: true, handle: putIntegrationResponse},
  {method: 'GET', template: INTEGRATION_RESPONSE, operation: 'GetIntegrationResponse', mutating: false, handle: (c) => ok(locateIntegrationResponse(c).response)},
  {method: 'PATCH', template: INTEGRATION_RESPONSE, operation: 'UpdateIntegrationResponse', mutating: true, handle: updateIntegrationResponse},
  {method: 'DELETE', template: INTEGRATION_RESPONSE, operation: 'DeleteIntegrationResponse', mutating: true, handle: deleteIntegrationResponse},
]

function locateIntegration(context: OperationContext) {
  const located = locateMethod(context)
  const integration = located.method.methodIntegration
  if (!integration) throw notFound('Invalid Integration identifier specified')
  return {...located, integration}
}

function locateIntegrationResponse(context: OperationContext) {
  checkStatusCode(context)
  const located = locateIntegration(context)
  return {...located, response: responseForStatus(located.integration.integrationResponses, context)}
}

// The model's enum in the order AWS's front end lists it (observed on AWS: LocalStack recording test_put_integration_wrong_type).
const INTEGRATION_TYPES_AS_LISTED: readonly IntegrationType[] = ['HTTP', 'MOCK', 'AWS_PROXY', 'HTTP_PROXY', 'AWS']

function putIntegration(context: OperationContext) {
  const body = jsonBody(context)
  const input = 'putIntegrationInput'
  const fields = {
    type: optionalEnum(body, 'type', INTEGRATION_TYPES_AS_LISTED, input),
    httpMethod: optionalString(body, 'httpMethod'),
    uri: optionalString(body, 'uri'),
    connectionType: optionalEnum(body, 'connectionType', ['INTERNET', 'VPC_LINK'] as const, input),
    connectionId: optionalString(body, 'connectionId'),
    credentials: optionalString(body, 'credentials'),
    requestParameters: optionalStringMap(body, 'requestParameters'),
    requestTemplates: optionalStringMap(body, 'requestTemplates'),
    passthroughBehavior: optionalEnum(body, 'passthroughBehavior', PASSTHROUGH_BEHAVIORS, input),
    contentHandling: optionalEnum(body, 'contentHandling', CONTENT_HANDLING_VALUES, input),
    cacheNamespace: optionalString(body, 'cacheNamespace'),
    responseTransferMode: optionalEnum(body, 'responseTransferMode', RESPONSE_TRANSFER_MODES, input),
  }
  const type = fields.type
  if (!type) throw missingMember(input, 'type')
  const {method, resource} = locateMethod(context)
  const {httpMethod, uri} = fields
  if (type !== 'MOCK') {
    if (!httpMethod) throw badRequest('Enumeration value for HttpMethod must be non-empty')
    if (!uri) throw badRequest('Invalid integration URI specified')
    checkIntegrationUri(type, uri)
  }
  const timeout = body.timeoutInMillis
  if (timeout !== undefined && (typeof timeout !== 'number' || !Number.isInteger(timeout))) {
    throw badRequest('Timeout should be between 50 ms and 29000 ms')
  }
  const cacheKeyParameters = body.cacheKeyParameters
  if (cacheKeyParameters !== undefined && (!Array.isArray(cacheKeyParameters) || cacheKeyParameters.some((p) => typeof p !== 'string'))) {
    throw badRequest('Invalid value for cacheKeyParameters: expected a list of strings')
  }
  const integration: Integration = compact({
    ...fields,
    type,
    // A MOCK integration keeps neither URI nor integration method, whatever was sent (observed on AWS:
    // LocalStack recordings test_put_integration_validation "not-required-integration-method-MOCK" and
    // test_integration_mock_with_path_param, which puts MOCK with POST).
    httpMethod: type === 'MOCK' ? undefined : httpMethod,
    uri: type === 'MOCK' ? undefined : uri,
    timeoutInMillis: (timeout as number | undefined) ?? DEFAULT_TIMEOUT_MS,
    cacheKeyParameters: (cacheKeyParameters as string[] | undefined) ?? [],
  })
  const fault = transferModeFault(integration)
  if (fault) throw badRequest(fault)
  // A put replaces the whole integration, integration responses included (not settled by a source).
  method.methodIntegration = withIntegrationDefaults(integration, resource.id)
  return created(method.methodIntegration)
}

/**
 * An HTTP integration needs an HTTP URL; an AWS one an API Gateway service ARN with a path or an action;
 * AWS_PROXY only a Lambda function's invocation path or a Firehose action (observed on AWS: LocalStack
 * recordings test_put_integration_validation, test_put_integration_aws_proxy_uri).
 */
function checkIntegrationUri(type: IntegrationType, uri: string): void {
  if (type === 'HTTP' || type === 'HTTP_PROXY') {
    if (!isHttpUrl(uri)) throw badRequest('Invalid HTTP endpoint specified for URI')
    return
  }
  const parts = uri.split(':')
  if (parts[0] !== 'arn' || parts.length < 6) throw badRequest('Invalid ARN specified in the request')
  const service = parts[4]
  const resource = parts.slice(5).join(':')
  if (!resource.startsWith('path/') && !resource.startsWith('action/')) throw badRequest('AWS ARN for integration must contain path or action')
  if (type !== 'AWS_PROXY') return
  // The streaming form invokes InvokeWithResponseStream (developer guide, response-transfer-mode-lambda.html).
  const lambdaInvocation =
    service === 'lambda' &&
    (/^path\/2015-03-31\/functions\/.+\/invocations$/.test(resource) || /^path\/2021-11-15\/functions\/.+\/response-streaming-invocations$/.test(resource))
  const firehoseAction = service === 'firehose' && resource.startsWith('action/')
  if (!lambdaInvocation && !firehoseAction) {
    throw badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.")
  }
}

function isHttpUrl(uri: string): boolean {
  try {
    const url = new URL(uri)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}

/**
 * contentHandling is unset by `replace` with "" (what Terraform sends, aws-binary-facts §3.3) and by
 * `remove`; anything else must be one of the two conversions.
 */
function patchContentHandling(operation: PatchOperation): ContentHandling | undefined {
  requireOp(operation, ['replace', 'remove', 'add'])
  if (operation.op === 'remove' || operation.value === undefined || operation.value === '') return undefined
  if (!(CONTENT_HANDLING_VALUES as readonly string[]).includes(operation.value)) {
    throw badRequest(`Invalid content handling value specified: ${operation.value}. Must be one of: [${CONTENT_HANDLING_VALUES.join(', ')}]`)
  }
  return operation.value as ContentHandling
}

function applyIntegrationPatch(integration: Integration, operation: PatchOperation): void {
  const [field, key, ...rest] = pathSegments(operation.path)
  if (rest.length > 0) throw invalidPatchPath(operation)
  if (key !== undefined) {
    if (field === 'requestTemplates') integration.requestTemplates = patchStringMap(integration.requestTemplates, key, operation)
    else if (field === 'requestParameters') integration.requestParameters = patchStringMap(integration.requestParameters, key, operation)
    else if (field === 'cacheKeyParameters') {
      requireOp(operation, ['add', 'remove'])
      const rest = integration.cacheKeyParameters.filter((parameter) => parameter !== key)
      integration.cacheKeyParameters = operation.op === 'add' ? [...rest, key] : rest
    } else if (field === 'tlsConfig' && key === 'insecureSkipVerification') {
      requireOp(operation, ['replace'])
      integration.tlsConfig = {insecureSkipVerification: requireValue(operation) === 'true'}
    } else throw invalidPatchPath(operation)
    return
  }
  switch (field) {
    case 'contentHandling': {
      const value = patchContentHandling(operation)
      if (value === undefined) delete integration.contentHandling
      else integration.contentHandling = value
      return
    }
    case 'passthroughBehavior': {
      requireOp(operation, ['replace'])
      const value = requireValue(operation)
      if (!(PASSTHROUGH_BEHAVIORS as readonly string[]).includes(value)) {
        throw badRequest(`Invalid passthrough behavior specified: ${value}. Must be one of: [${PASSTHROUGH_BEHAVIORS.join(', ')}]`)
      }
      integration.passthroughBehavior = value as PassthroughBehavior
      return
    }
    case 'timeoutInMillis': {
      requireOp(operation, ['replace'])
      const value = Number(requireValue(operation))
      // The range depends on the transfer mode, which a later operation of the same patch may change:
      // updateIntegration checks the result whole.
      if (!Number.isInteger(value) || value < MIN_TIMEOUT_MS || value > MAX_STREAM_TIMEOUT_MS) throw badRequest('Timeout should be between 50 ms and 29000 ms')
      integration.timeoutInMillis = value
      return
    }
    case 'responseTransferMode': {
      // developer guide, response-transfer-mode.html ("Update the response transfer mode"): a replace.
      // No source records AWS's words for a wrong value; these follow its passthrough behaviour's.
      requireOp(operation, ['replace'])
      const value = requireValue(operation)
      if (!(RESPONSE_TRANSFER_MODES as readonly string[]).includes(value)) {
        throw badRequest(`Invalid response transfer mode specified: ${value}. Must be one of: [${RESPONSE_TRANSFER_MODES.join(', ')}]`)
      }
      integration.responseTransferMode = value as ResponseTransferMode
      return
    }
    case 'uri':
    case 'httpMethod':
    case 'credentials':
    case 'cacheNamespace':
    case 'connectionId': {
      requireOp(operation, ['replace', 'remove'])
      if (operation.op === 'remove' || !operation.value) delete integration[field]
      else integration[field] = operation.value
      return
    }
    case 'connectionType': {
      requireOp(operation, ['replace'])
      const value = requireValue(operation)
      if (value !== 'INTERNET' && value !== 'VPC_LINK') throw badRequest(`Invalid connection type specified: ${value}`)
      integration.connectionType = value
      return
    }
    default:
      throw invalidPatchPath(operation)
  }
}

function updateIntegration(context: OperationContext) {
  const operations = readPatchOperations(jsonBody(context), 'updateIntegrationInput')
  const {method, integration} = locateIntegration(context)
  const next = structuredClone(integration)
  for (const operation of operations) applyIntegrationPatch(next, operation)
  const fault = transferModeFault(next)
  if (fault) throw badRequest(fault)
  method.methodIntegration = next
  return ok(next)
}

function deleteIntegration(context: OperationContext) {
  const {method} = locateIntegration(context)
  delete method.methodIntegration
  return noContent()
}

const CONTENT_TYPE = /^[^\s/]+\/[^\s/]+$/

function putIntegrationResponse(context: OperationContext) {
  checkStatusCode(context)
  const body = jsonBody(context)
  const input = 'putIntegrationResponseInput'
  const fields = {
    selectionPattern: optionalString(body, 'selectionPattern'),
    responseParameters: optionalStringMap(body, 'responseParameters'),
    responseTemplates: optionalNullableStringMap(body, 'responseTemplates'),
    contentHandling: optionalEnum(body, 'contentHandling', CONTENT_HANDLING_VALUES, input),
  }
  // No method response is needed for the status code: AWS answers 201 without one (observed on AWS:
  // LocalStack recording test_put_integration_response_templates).
  const {integration} = locateIntegration(context)
  const statusCode = context.params.statusCode
  for (const contentType of Object.keys(fields.responseTemplates ?? {})) {
    if (!CONTENT_TYPE.test(contentType)) throw badRequest(`Validation Result: warnings : [], errors : [Invalid content type specified: ${contentType}]`)
  }
  // An empty template is kept as null, as a null one is (observed on AWS: LocalStack recording
  // test_put_integration_response_templates); no templates given and {} given differ on the wire.
  const responseTemplates = fields.responseTemplates && Object.fromEntries(Object.entries(fields.responseTemplates).map(([type, template]) => [type, template || null]))
  const response: IntegrationResponse = compact({statusCode, ...fields, responseTemplates})
  integration.integrationResponses = {...integration.integrationResponses, [statusCode]: response}
  return created(response)
}

function applyIntegrationResponsePatch(response: IntegrationResponse, operation: PatchOperation): void {
  const [field, key, ...rest] = pathSegments(operation.path)
  if (rest.length > 0) throw invalidPatchPath(operation)
  if (key !== undefined) {
    if (field === 'responseTemplates') response.responseTemplates = patchStringMap(response.responseTemplates, key, operation)
    else if (field === 'responseParameters') response.responseParameters = patchStringMap(response.responseParameters, key, operation)
    else throw invalidPatchPath(operation)
    return
  }
  if (field === 'contentHandling') {
    const value = patchContentHandling(operation)
    if (value === undefined) delete response.contentHandling
    else response.contentHandling = value
  } else if (field === 'selectionPattern') {
    requireOp(operation, ['replace'])
    if (operation.value) response.selectionPattern = operation.value
    else delete response.selectionPattern
  } else {
    throw invalidPatchPath(operation)
  }
}

function updateIntegrationResponse(context: OperationContext) {
  const statusCodeError = statusCodeConstraint(context.params.statusCode)
  const operations = readPatchOperations(jsonBody(context), 'updateIntegrationResponseInput', statusCodeError ? [statusCodeError] : [])
  const {integration, response} = locateIntegrationResponse(context)
  const next = structuredClone(response)
  for (const operation of operations) applyIntegrationResponsePatch(next, operation)
  integration.integrationResponses = {...integration.integrationResponses, [response.statusCode]: next}
  return ok(next)
}

function deleteIntegrationResponse(context: OperationContext) {
  checkStatusCode(context)
  // Here a missing method is a missing integration (observed on AWS: LocalStack recording
  // test_delete_integration_response_errors "non-existent-method", "bad-method").
  const {resource} = locateResource(context)
  if (!Object.hasOwn(resource.resourceMethods ?? {}, context.params.httpMethod)) throw notFound('Invalid Integration identifier specified')
  const {integration, response} = locateIntegrationResponse(context)
  delete integration.integrationResponses?.[response.statusCode]
  // The last one gone, GetMethod and GetIntegration show no integrationResponses (observed on AWS:
  // LocalStack recording test_put_integration_responses "get-method-get-after-int-resp-delete").
  if (integration.integrationResponses && Object.keys(integration.integrationResponses).length === 0) delete integration.integrationResponses
  return noContent()
}
