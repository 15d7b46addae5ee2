import {ApiGatewayError, badRequest, validationErrors} from '../api-errors.js'
import type {RestApi, RestApiState} from '../model.js'
import {BASE_PATH_MODES, type BasePathMode, parseDefinitionDocument} from '../openapi/import.js'
import {paginate} from '../pagination.js'
import {type PatchOperation, invalidPatchPath, pathSegments, readPatchOperations, requireOp, requireValue} from '../patch.js'
import {compact, jsonBody, optionalBoolean, optionalEnum, optionalString, optionalStringMap, requiredString} from '../request-body.js'
import {type OperationContext, type Route, accepted, created, ok} from '../route.js'
import {dedupe} from '../store.js'
import {refuseReservedKeys} from './tags.js'

/** AWS's documented limit on an imported or put definition file (aws-binary-facts §4.2). */
export const MAX_DEFINITION_BYTES = 2 * 1024 * 1024

export const restApiRoutes: Route[] = [
  {method: 'GET', template: '/restapis', operation: 'GetRestApis', mutating: false, handle: getRestApis},
  {method: 'POST', template: '/restapis', query: {mode: 'import'}, operation: 'ImportRestApi', mutating: true, handle: importRestApi},
  {method: 'POST', template: '/restapis', operation: 'CreateRestApi', mutating: true, handle: createRestApi},
  {method: 'GET', template: '/restapis/{restApiId}', operation: 'GetRestApi', mutating: false, handle: (c) => ok(withTags(c.store.api(c.params.restApiId).api))},
  {method: 'PATCH', template: '/restapis/{restApiId}', operation: 'UpdateRestApi', mutating: true, handle: updateRestApi},
  {method: 'PUT', template: '/restapis/{restApiId}', operation: 'PutRestApi', mutating: true, handle: putRestApi},
  {method: 'DELETE', template: '/restapis/{restApiId}', operation: 'DeleteRestApi', mutating: true, handle: deleteRestApi},
]

function getRestApis(context: OperationContext) {
  return ok(paginate([...context.store.state.apis.values()].map((api) => api.api), context.query))
}

function createRestApi(context: OperationContext) {
  const body = jsonBody(context)
  const binaryMediaTypes = body.binaryMediaTypes
  if (binaryMediaTypes !== undefined && (!Array.isArray(binaryMediaTypes) || binaryMediaTypes.some((t) => typeof t !== 'string'))) {
    throw badRequest('Invalid value for binaryMediaTypes: expected a list of strings')
  }
  const endpointConfiguration = readEndpointConfiguration(body)
  const description = optionalString(body, 'description')
  // The service's own checks, in the order AWS applies them (observed on AWS: LocalStack recordings
  // test_create_rest_api_with_endpoint_configuration "create-with-multiple-errors-2" and
  // test_create_rest_api_private_type: an empty description is reported before the rest).
  if (description === '') throw badRequest('Description cannot be an empty string')
  if (endpointConfiguration) checkEndpointConfiguration(endpointConfiguration)
  const minimumCompressionSize = body.minimumCompressionSize
  if (minimumCompressionSize !== undefined && minimumCompressionSize !== null && !isCompressionSize(minimumCompressionSize)) {
    throw badRequest(INVALID_COMPRESSION_SIZE)
  }
  refuseReservedKeys(Object.keys(optionalStringMap(body, 'tags') ?? {}))
  const state = context.store.createApi({
    name: requiredString(body, 'name', 'createRestApiInput'),
    description,
    version: optionalString(body, 'version'),
    binaryMediaTypes: binaryMediaTypes as string[] | undefined,
    apiKeySource: optionalEnum(body, 'apiKeySource', ['HEADER', 'AUTHORIZER'] as const, 'createRestApiInput'),
    endpointConfiguration,
    minimumCompressionSize: (minimumCompressionSize ?? undefined) as number | undefined,
    policy: optionalString(body, 'policy'),
    tags: optionalStringMap(body, 'tags'),
    disableExecuteApiEndpoint: optionalBoolean(body, 'disableExecuteApiEndpoint'),
  })
  return created(state.api)
}

const ENDPOINT_TYPES = ['PRIVATE', 'EDGE', 'REGIONAL'] as const
const IP_ADDRESS_TYPES = ['ipv4', 'dualstack'] as const
const INVALID_COMPRESSION_SIZE = 'Invalid minimum compression size, must be between 0 and 10485760'

/**
 * The endpoint configuration as the model constrains it: the types (each one of the enum, the list shown
 * as Java prints it) and the IP address type, both reported together (observed on AWS: LocalStack
 * recording test_create_rest_api_with_endpoint_configuration).
 */
function readEndpointConfiguration(body: Record<string, unknown>): RestApi['endpointConfiguration'] | undefined {
  const configuration = body.endpointConfiguration
  if (configuration === undefined || configuration === null) return undefined
  if (typeof configuration !== 'object' || Array.isArray(configuration)) throw badRequest('Invalid value for endpointConfiguration: expected an object')
  const {types, ipAddressType} = configuration as {types?: unknown; ipAddressType?: unknown}
  if (types !== undefined && types !== null && (!Array.isArray(types) || types.some((type) => typeof type !== 'string'))) {
    throw badRequest('Invalid value for endpointConfiguration.types: expected a list of strings')
  }
  if (ipAddressType !== undefined && ipAddressType !== null && typeof ipAddressType !== 'string') {
    throw badRequest('Invalid value for endpointConfiguration.ipAddressType: expected a string')
  }
  const typeList = (types ?? []) as string[]
  const errors: string[] = []
  if (typeList.some((type) => !(ENDPOINT_TYPES as readonly string[]).includes(type))) {
    errors.push(
      `Value '[${typeList.join(', ')}]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: ` +
        `Member must satisfy constraint: [Member must satisfy enum value set: [${ENDPOINT_TYPES.join(', ')}]]`,
    )
  }
  if (typeof ipAddressType === 'string' && !(IP_ADDRESS_TYPES as readonly string[]).includes(ipAddressType)) {
    errors.push(
      `Value '${ipAddressType}' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to satisfy constraint: ` +
        `Member must satisfy enum value set: [${IP_ADDRESS_TYPES.join(', ')}]`,
    )
  }
  if (errors.length > 0) throw validationErrors(errors)
  return compact({types: typeList, ipAddressType: ipAddressType ?? undefined})
}

/** What the service refuses in a well-formed endpoint configuration (observed on AWS: LocalStack recordings test_create_rest_api_with_endpoint_configuration, test_create_rest_api_private_type). */
function checkEndpointConfiguration(configuration: RestApi['endpointConfiguration']): void {
  if (configuration.types.length === 0) throw badRequest('REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.')
  if (configuration.types.length > 1) throw badRequest('Cannot create an api with multiple Endpoint Types.')
  if (configuration.types[0] === 'PRIVATE' && configuration.ipAddressType === 'ipv4') throw badRequest(PRIVATE_NEEDS_DUALSTACK)
}

const PRIVATE_NEEDS_DUALSTACK = 'Only dualstack ipAddressType is supported for Private APIs.'

function isCompressionSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10_485_760
}

function readDefinition(context: OperationContext) {
  if (context.body.length > MAX_DEFINITION_BYTES) {
    throw new ApiGatewayError('RequestEntityTooLargeException', `Request body is too large: API definition files are limited to ${MAX_DEFINITION_BYTES} bytes`)
  }
  const definition = parseDefinitionDocument(context.body.toString('utf8'), {basePath: readBasePathMode(context)})
  if (context.query.get('failonwarnings') === 'true' && definition.warnings.length > 0) {
    throw badRequest(`Warnings found during import:\n\t${definition.warnings.join('\n\t')}`)
  }
  return definition
}

// The SDKs send the `parameters` map as plain query keys (`basepath=prepend`); ignore is the default.
function readBasePathMode(context: OperationContext): BasePathMode {
  const mode = context.query.get('basepath') ?? context.query.get('parameters.basepath') ?? 'ignore'
  if (!(BASE_PATH_MODES as readonly string[]).includes(mode)) {
    throw badRequest(`Invalid basepath specified: ${mode}. Must be one of: [${BASE_PATH_MODES.join(', ')}]`)
  }
  return mode as BasePathMode
}

function importRestApi(context: OperationContext) {
  const definition = readDefinition(context)
  const endpointType = context.query.get('endpointConfigurationTypes') ?? context.query.get('parameters.endpointConfigurationTypes')
  if (endpointType !== null && !['EDGE', 'REGIONAL', 'PRIVATE'].includes(endpointType)) {
    throw badRequest(`Invalid endpoint configuration type: ${endpointType}`)
  }
  const state = context.store.importApi(definition, endpointType ?? undefined)
  return created(withWarnings(state, definition.warnings))
}

// The document is read before the API is looked up: a bad one is refused even for an API that does not
// exist (test_import_api_bad_file, put-rest-api-bad-*-file).
function putRestApi(context: OperationContext) {
  const mode = context.query.get('mode') ?? 'merge'
  if (mode !== 'merge' && mode !== 'overwrite') {
    throw badRequest(`Invalid mode specified: ${mode}. Must be one of: [merge, overwrite]`)
  }
  const definition = readDefinition(context)
  const state = context.store.api(context.params.restApiId)
  context.store.applyDefinition(state, definition, mode)
  return ok(withTags(withWarnings(state, definition.warnings)))
}

function withWarnings(state: RestApiState, warnings: string[]): RestApi {
  return warnings.length > 0 ? {...state.api, warnings} : state.api
}

/**
 * GetRestApi, UpdateRestApi and PutRestApi answer `tags: {}` for an API without tags, where CreateRestApi,
 * ImportRestApi and GetRestApis leave the member out (observed on AWS: LocalStack recordings
 * test_update_rest_api_compression, test_update_rest_api_operation_add_remove,
 * test_put_rest_api_mode_binary_media_types, test_import_rest_apis_with_base_path_swagger,
 * test_list_and_delete_apis, test_create_rest_api_with_optional_params).
 */
function withTags(api: RestApi): RestApi {
  return {...api, tags: api.tags ?? {}}
}

function deleteRestApi(context: OperationContext) {
  context.store.api(context.params.restApiId)
  context.store.state.apis.delete(context.params.restApiId)
  return accepted()
}

function updateRestApi(context: OperationContext) {
  const operations = readPatchOperations(jsonBody(context), 'updateRestApiInput')
  const state = context.store.api(context.params.restApiId)
  // Apply to a copy: a request whose later operation fails changes nothing.
  const next: RestApi = structuredClone(state.api)
  for (const operation of operations) applyRestApiPatch(next, operation)
  if (next.binaryMediaTypes?.length === 0) delete next.binaryMediaTypes
  state.api = next
  return ok(withTags(state.api))
}

function applyRestApiPatch(api: RestApi, operation: PatchOperation): void {
  const [field, ...rest] = pathSegments(operation.path)
  if (field === 'binaryMediaTypes') {
    patchBinaryMediaTypes(api, operation, rest)
    return
  }
  if (field === 'endpointConfiguration') {
    patchEndpointConfiguration(api, operation, rest)
    return
  }
  if (rest.length > 0) throw invalidPatchPath(operation)
  switch (field) {
    case 'name': {
      requireOp(operation, ['replace'])
      const name = requireValue(operation)
      if (name === '') throw badRequest('Invalid REST API name specified')
      api.name = name
      return
    }
    case 'description':
    case 'version':
    case 'policy': {
      requireOp(operation, ['replace', 'remove'])
      if (operation.op === 'remove' || operation.value === '' || operation.value === undefined) delete api[field]
      else api[field] = operation.value
      return
    }
    case 'minimumCompressionSize': {
      // Unset by a replace without a value or with "" (observed on AWS: LocalStack recording
      // test_update_rest_api_compression "disable-compression").
      requireOp(operation, ['replace'])
      if (operation.value === undefined || operation.value === '') {
        delete api.minimumCompressionSize
        return
      }
      const size = /^-?\d+$/.test(operation.value) ? Number(operation.value) : Number.NaN
      if (!isCompressionSize(size)) throw badRequest(INVALID_COMPRESSION_SIZE)
      api.minimumCompressionSize = size
      return
    }
    case 'apiKeySource': {
      requireOp(operation, ['replace'])
      const value = requireValue(operation)
      if (value !== 'HEADER' && value !== 'AUTHORIZER') throw badRequest(`Invalid API key source specified: ${value}`)
      api.apiKeySource = value
      return
    }
    case 'disableExecuteApiEndpoint': {
      requireOp(operation, ['replace'])
      api.disableExecuteApiEndpoint = requireValue(operation) === 'true'
      return
    }
    default:
      throw invalidPatchPath(operation)
  }
}

/**
 * `/endpointConfiguration/types/0` and `/endpointConfiguration/ipAddressType`, replace only, each with its
 * own words for a wrong op or value; a private API is dual-stack, so moving to PRIVATE makes it so
 * (observed on AWS: LocalStack recording test_update_rest_api_ip_address_type).
 */
function patchEndpointConfiguration(api: RestApi, operation: PatchOperation, rest: string[]): void {
  const configuration = api.endpointConfiguration
  // The type is addressed by index or by the current type's name (AWS-validated: LocalStack
  // test_create_execute_api_vpc_endpoint replaces /endpointConfiguration/types/EDGE with PRIVATE).
  if (rest.length === 2 && rest[0] === 'types' && (rest[1] === '0' || rest[1] === configuration.types[0])) {
    if (operation.op !== 'replace') throw badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'")
    const type = operation.value ?? ''
    if (!(ENDPOINT_TYPES as readonly string[]).includes(type)) throw badRequest('Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE')
    configuration.types = [type]
    if (type === 'PRIVATE') configuration.ipAddressType = 'dualstack'
    return
  }
  // Same recording: `add /endpointConfiguration/vpcEndpointIds` with one endpoint id appends it.
  if (rest.length === 1 && rest[0] === 'vpcEndpointIds') {
    requireOp(operation, ['add', 'remove'])
    const endpointId = requireValue(operation)
    const ids = (configuration.vpcEndpointIds ?? []).filter((id) => id !== endpointId)
    if (operation.op === 'add') ids.push(endpointId)
    if (ids.length > 0) configuration.vpcEndpointIds = ids
    else delete configuration.vpcEndpointIds
    return
  }
  if (rest.length === 1 && rest[0] === 'ipAddressType') {
    requireOp(operation, ['replace'])
    const ipAddressType = operation.value ?? ''
    if (!(IP_ADDRESS_TYPES as readonly string[]).includes(ipAddressType)) throw badRequest('ipAddressType must be either ipv4 or dualstack.')
    if (ipAddressType === 'ipv4' && configuration.types.includes('PRIVATE')) throw badRequest(PRIVATE_NEEDS_DUALSTACK)
    configuration.ipAddressType = ipAddressType
    return
  }
  throw invalidPatchPath(operation)
}

/**
 * The list is a set addressed by the escaped media type (`image~1png`), with no index syntax: `-` is
 * a literal entry, `/binaryMediaTypes` alone and unescaped slashes are 400s, `replace` removes the old
 * entry and appends the new one (all VALIDATED, aws-binary-facts §3.2). Adding a present entry and
 * removing an absent one are no-ops (not settled by any source; the idempotent reading).
 */
function patchBinaryMediaTypes(api: RestApi, operation: PatchOperation, rest: string[]): void {
  if (rest.length !== 1 || rest[0] === '') throw badRequest(`Invalid patch path ${operation.path}`)
  requireOp(operation, ['add', 'remove', 'replace'])
  const target = rest[0]
  const current = api.binaryMediaTypes ?? []
  if (operation.op === 'add') {
    api.binaryMediaTypes = dedupe([...current, target])
  } else if (operation.op === 'remove') {
    api.binaryMediaTypes = current.filter((entry) => entry !== target)
  } else {
    const replacement = requireValue(operation)
    api.binaryMediaTypes = dedupe([...current.filter((entry) => entry !== target), replacement])
  }
}
