import {badRequest, ApiGatewayError} from '../api-errors.js'
import type {RestApi, RestApiState} from '../model.js'
import {BASE_PATH_MODES, type BasePathMode, parseDefinitionDocument} from '../openapi/import.js'
import {paginate} from '../pagination.js'
import {type PatchOperation, invalidPatchPath, pathSegments, readPatchOperations, requireOp, requireValue} from '../patch.js'
import {
  type OperationContext,
  type Route,
  accepted,
  compact,
  created,
  jsonBody,
  ok,
  optionalBoolean,
  optionalEnum,
  optionalString,
  optionalStringMap,
  requiredString,
} from '../route.js'
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
  const endpointTypes = readEndpointTypes(body)
  const ipAddressType = (body.endpointConfiguration as {ipAddressType?: unknown} | undefined)?.ipAddressType
  if (ipAddressType !== undefined && ipAddressType !== 'ipv4' && ipAddressType !== 'dualstack') {
    throw badRequest(`Invalid IP address type specified: ${String(ipAddressType)}. Must be one of: [ipv4, dualstack]`)
  }
  refuseReservedKeys(Object.keys(optionalStringMap(body, 'tags') ?? {}))
  const state = context.store.createApi({
    name: requiredString(body, 'name', 'createRestApiInput'),
    description: optionalString(body, 'description'),
    version: optionalString(body, 'version'),
    binaryMediaTypes: binaryMediaTypes as string[] | undefined,
    apiKeySource: optionalEnum(body, 'apiKeySource', ['HEADER', 'AUTHORIZER'] as const, 'createRestApiInput'),
    endpointConfiguration: endpointTypes ? compact({types: endpointTypes, ipAddressType: ipAddressType as string | undefined}) : undefined,
    policy: optionalString(body, 'policy'),
    tags: optionalStringMap(body, 'tags'),
    disableExecuteApiEndpoint: optionalBoolean(body, 'disableExecuteApiEndpoint'),
  })
  return created(state.api)
}

function readEndpointTypes(body: Record<string, unknown>): string[] | undefined {
  const configuration = body.endpointConfiguration as {types?: unknown} | undefined
  if (configuration === undefined || configuration === null) return undefined
  const types = configuration.types
  if (!Array.isArray(types) || types.length !== 1 || !['EDGE', 'REGIONAL', 'PRIVATE'].includes(types[0] as string)) {
    throw badRequest('Invalid endpoint configuration: exactly one of EDGE, REGIONAL or PRIVATE is required')
  }
  return [types[0] as string]
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
 * Reads of an existing API (GetRestApi, PutRestApi) state its tags even when it has none; CreateRestApi
 * and ImportRestApi answer without them (LocalStack's AWS-validated recordings
 * test_put_rest_api_mode_binary_media_types, test_import_rest_apis_with_base_path_swagger).
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
  const state = context.store.api(context.params.restApiId)
  const operations = readPatchOperations(jsonBody(context), 'updateRestApiInput')
  // Apply to a copy: a request whose later operation fails changes nothing.
  const next: RestApi = structuredClone(state.api)
  for (const operation of operations) applyRestApiPatch(next, operation)
  if (next.binaryMediaTypes?.length === 0) delete next.binaryMediaTypes
  state.api = next
  return ok(state.api)
}

function applyRestApiPatch(api: RestApi, operation: PatchOperation): void {
  const [field, ...rest] = pathSegments(operation.path)
  if (field === 'binaryMediaTypes') {
    patchBinaryMediaTypes(api, operation, rest)
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
      requireOp(operation, ['replace'])
      if (operation.value === undefined || operation.value === '') {
        delete api.minimumCompressionSize
        return
      }
      const size = Number(operation.value)
      if (!Number.isInteger(size) || size < 0 || size > 10_485_760) {
        throw badRequest('Invalid minimum compression size, must be between 0 and 10485760')
      }
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
