// Reads an OpenAPI 2.0 / 3.0 definition the way ImportRestApi / PutRestApi do and turns it into the sandbox's
// wire-shaped Method records. Pure: the caller decides how to lay the result out as resources.
// Every rejection is a BadRequestException, because that is all API Gateway ever answers for a bad body.

import {parse as parseYaml} from 'yaml'

import {unescapePointerSegment} from '../../core/json-pointer.js'
import {OPERATION_METHODS} from '../../core/openapi-names.js'
import {badRequest} from '../api-errors.js'
import type {Method, MethodResponse} from '../model.js'
import {PATH_PART_MESSAGE, isValidPathPart} from '../path-part.js'
import {INTEGRATION_EXT, isStatusCode, readIntegration} from './integration-extension.js'
import {type Json, invalid, isRecord, nonEmpty, own, scalarText} from './json-reading.js'

export interface ImportedMethodSet {
  path: string
  methods: Record<string, Method>
}

export interface ImportedDefinition {
  name: string
  description?: string
  version?: string
  binaryMediaTypes: string[]
  resources: ImportedMethodSet[]
  warnings: string[]
}

type Dialect = 'swagger' | 'oas30'

interface Context {
  doc: Json
  dialect: Dialect
  warnings: string[]
}

type ParameterLocation = 'query' | 'header' | 'path' | 'body'

interface Parameter {
  location: ParameterLocation
  name: string
  required: boolean
  model?: string
}

const INVALID_INPUT = 'Invalid OpenAPI input.'
const BINARY_TYPES_EXT = 'x-amazon-apigateway-binary-media-types'


const PARAMETER_PREFIX: Record<Exclude<ParameterLocation, 'body'>, string> = {
  query: 'method.request.querystring.',
  header: 'method.request.header.',
  path: 'method.request.path.',
}

export function parseDefinitionDocument(body: string): ImportedDefinition {
  const doc = readDocument(body)
  const ctx: Context = {doc, dialect: detectDialect(doc), warnings: []}
  const info = own(doc, 'info')
  const title = isRecord(info) ? own(info, 'title') : undefined
  if (typeof title !== 'string' || title.trim() === '') throw invalid('info.title is required')
  const description = isRecord(info) ? own(info, 'description') : undefined
  const version = isRecord(info) ? scalarText(own(info, 'version')) : undefined
  const binaryMediaTypes = readBinaryMediaTypes(doc)
  const resources = readPaths(ctx)
  return {
    name: title,
    ...(typeof description === 'string' ? {description} : {}),
    ...(version === undefined ? {} : {version}),
    binaryMediaTypes,
    resources,
    warnings: ctx.warnings,
  }
}

// ---------------------------------------------------------------------------------------------- document

function readDocument(body: unknown): Json {
  if (typeof body !== 'string' || body.trim() === '') throw badRequest(INVALID_INPUT)
  const value = decode(body)
  if (!isRecord(value)) throw badRequest(INVALID_INPUT)
  return value
}

function decode(text: string): unknown {
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text)
    } catch {
      // Not strict JSON; a YAML flow mapping still may be, so let the YAML parser decide.
    }
  }
  try {
    return parseYaml(text)
  } catch {
    throw badRequest(INVALID_INPUT)
  }
}

function detectDialect(doc: Json): Dialect {
  const swagger = own(doc, 'swagger')
  // Unquoted `swagger: 2.0` in YAML is the number 2.
  if (swagger === '2.0' || swagger === 2) return 'swagger'
  const openapi = own(doc, 'openapi')
  if (typeof openapi === 'string' && /^3\.0(?:\.\d+)?$/.test(openapi)) return 'oas30'
  throw badRequest(INVALID_INPUT)
}

function readBinaryMediaTypes(doc: Json): string[] {
  const raw = own(doc, BINARY_TYPES_EXT)
  if (raw === undefined) return []
  if (!Array.isArray(raw) || !raw.every((type) => typeof type === 'string')) {
    throw invalid(`${BINARY_TYPES_EXT} must be an array of strings`)
  }
  return [...new Set(raw as string[])]
}

// ------------------------------------------------------------------------------------------------- paths

function readPaths(ctx: Context): ImportedMethodSet[] {
  const paths = own(ctx.doc, 'paths')
  // A definition without paths still makes an API (just the root resource).
  if (paths === undefined || paths === null) return []
  if (!isRecord(paths)) throw invalid('paths must be an object')
  return Object.entries(paths)
    .filter(([path]) => !path.startsWith('x-'))
    .map(([path, item]) => readPathItem(ctx, path, item))
}

function readPathItem(ctx: Context, path: string, item: unknown): ImportedMethodSet {
  checkPath(path)
  if (!isRecord(item)) throw invalid(`path '${path}' must be an object`)
  const shared = readParameters(ctx, own(item, 'parameters'), `path '${path}'`)
  const methods: [string, Method][] = []
  for (const [key, operation] of Object.entries(item)) {
    const httpMethod = OPERATION_METHODS.get(key)
    if (httpMethod) methods.push([httpMethod, readMethod(ctx, path, httpMethod, operation, shared)])
  }
  return {path, methods: Object.fromEntries(methods)}
}

function checkPath(path: string): void {
  if (!path.startsWith('/')) throw invalid(`resource path '${path}' must start with '/'`)
  if (path === '/') return
  for (const part of path.slice(1).split('/')) {
    if (!isValidPathPart(part)) throw badRequest(PATH_PART_MESSAGE)
  }
}

// ----------------------------------------------------------------------------------------------- methods

function readMethod(ctx: Context, path: string, httpMethod: string, operation: unknown, shared: Parameter[]): Method {
  const where = `${httpMethod} ${path}`
  if (!isRecord(operation)) throw invalid(`operation ${where} must be an object`)
  const parameters = mergeParameters(shared, readParameters(ctx, own(operation, 'parameters'), where))
  const operationId = own(operation, 'operationId')
  const requestParameters = toRequestParameters(parameters)
  const requestModels = readRequestModels(ctx, operation, parameters)
  const methodResponses = readMethodResponses(ctx, operation, where)
  const integration = own(operation, INTEGRATION_EXT)
  if (integration === undefined) {
    // AWS imports the method anyway and reports it; the method answers 500 until an integration is put.
    ctx.warnings.push(`Unable to put integration on '${httpMethod}' for resource at path '${path}': No integration defined for method`)
  }
  return {
    httpMethod,
    // Authorizers are outside this tool's scope; every imported method is open unless it needs a key.
    authorizationType: 'NONE',
    apiKeyRequired: requiresApiKey(ctx, operation),
    ...(typeof operationId === 'string' ? {operationName: operationId} : {}),
    ...(nonEmpty(requestParameters) ? {requestParameters} : {}),
    ...(nonEmpty(requestModels) ? {requestModels} : {}),
    ...(nonEmpty(methodResponses) ? {methodResponses} : {}),
    ...(integration === undefined ? {} : {methodIntegration: readIntegration(integration, where)}),
  }
}

function requiresApiKey(ctx: Context, operation: Json): boolean {
  const security = own(operation, 'security') ?? own(ctx.doc, 'security')
  if (!Array.isArray(security)) return false
  const schemes = securitySchemes(ctx)
  return security.some(
    (requirement) =>
      isRecord(requirement) &&
      Object.keys(requirement).some((name) => name === 'api_key' || isApiKeyScheme(own(schemes, name))),
  )
}

function securitySchemes(ctx: Context): Json {
  const holder = ctx.dialect === 'swagger' ? ctx.doc : own(ctx.doc, 'components')
  const schemes = isRecord(holder) ? own(holder, ctx.dialect === 'swagger' ? 'securityDefinitions' : 'securitySchemes') : undefined
  return isRecord(schemes) ? schemes : {}
}

function isApiKeyScheme(scheme: unknown): boolean {
  if (!isRecord(scheme) || own(scheme, 'type') !== 'apiKey') return false
  const name = own(scheme, 'name')
  return typeof name === 'string' && name.toLowerCase() === 'x-api-key'
}

// -------------------------------------------------------------------------------------------- parameters

function readParameters(ctx: Context, raw: unknown, where: string): Parameter[] {
  if (raw === undefined) return []
  if (!Array.isArray(raw)) throw invalid(`parameters of ${where} must be an array`)
  return raw.flatMap((entry) => readParameter(ctx, resolveRef(ctx, entry, where), where))
}

function readParameter(ctx: Context, parameter: unknown, where: string): Parameter[] {
  if (!isRecord(parameter)) throw invalid(`a parameter of ${where} must be an object`)
  const name = own(parameter, 'name')
  const location = own(parameter, 'in')
  if (typeof name !== 'string' || name === '') throw invalid(`a parameter of ${where} has no name`)
  if (location === 'body' && ctx.dialect === 'swagger') {
    const model = modelName(own(parameter, 'schema'))
    return [{location: 'body', name, required: own(parameter, 'required') === true, ...(model ? {model} : {})}]
  }
  // formData and cookie parameters have no API Gateway counterpart.
  if (location !== 'query' && location !== 'header' && location !== 'path') return []
  // A path parameter is always required: the resource cannot match without it.
  return [{location, name, required: location === 'path' || own(parameter, 'required') === true}]
}

// Operation-level parameters override path-level ones with the same name and location (OpenAPI rule).
function mergeParameters(shared: Parameter[], local: Parameter[]): Parameter[] {
  const byKey = new Map<string, Parameter>()
  for (const parameter of [...shared, ...local]) byKey.set(`${parameter.location}:${parameter.name}`, parameter)
  return [...byKey.values()]
}

function toRequestParameters(parameters: Parameter[]): Record<string, boolean> {
  return Object.fromEntries(
    parameters.flatMap((p) => (p.location === 'body' ? [] : [[PARAMETER_PREFIX[p.location] + p.name, p.required]])),
  )
}

// ------------------------------------------------------------------------------------------------ models

function readRequestModels(ctx: Context, operation: Json, parameters: Parameter[]): Record<string, string> {
  if (ctx.dialect === 'swagger') {
    const model = parameters.find((p) => p.location === 'body')?.model
    return model ? Object.fromEntries(mediaTypes(ctx, operation, 'consumes').map((type) => [type, model])) : {}
  }
  const requestBody = resolveRef(ctx, own(operation, 'requestBody'), 'requestBody')
  return isRecord(requestBody) ? contentModels(own(requestBody, 'content')) : {}
}

function contentModels(content: unknown): Record<string, string> {
  if (!isRecord(content)) return {}
  return Object.fromEntries(
    Object.entries(content).flatMap(([type, media]) => {
      const model = isRecord(media) ? modelName(own(media, 'schema')) : undefined
      return model ? [[type, model]] : []
    }),
  )
}

// Swagger names one schema per response and lists the media types separately (operation, then document).
function mediaTypes(ctx: Context, operation: Json, key: 'consumes' | 'produces'): string[] {
  for (const holder of [operation, ctx.doc]) {
    const types = own(holder, key)
    if (Array.isArray(types) && types.length > 0 && types.every((t) => typeof t === 'string')) return types as string[]
  }
  return ['application/json']
}

// Only named models become API Gateway models; inline schemas have nothing to point at.
function modelName(schema: unknown): string | undefined {
  const ref = isRecord(schema) ? own(schema, '$ref') : undefined
  if (typeof ref !== 'string') return undefined
  const match = /^#\/(?:definitions|components\/schemas)\/([^/]+)$/.exec(ref)
  return match ? unescapePointerSegment(match[1]) : undefined
}

// --------------------------------------------------------------------------------------------- responses

function readMethodResponses(ctx: Context, operation: Json, where: string): Record<string, MethodResponse> {
  const responses = own(operation, 'responses')
  if (responses === undefined) return {}
  if (!isRecord(responses)) throw invalid(`responses of ${where} must be an object`)
  const entries: [string, MethodResponse][] = []
  for (const [statusCode, raw] of Object.entries(responses)) {
    if (!isStatusCode(statusCode)) {
      ctx.warnings.push(`Ignoring response '${statusCode}' of ${where}: a method response needs a status code`)
      continue
    }
    entries.push([statusCode, readMethodResponse(ctx, operation, statusCode, resolveRef(ctx, raw, where), where)])
  }
  return Object.fromEntries(entries)
}

function readMethodResponse(ctx: Context, operation: Json, statusCode: string, raw: unknown, where: string): MethodResponse {
  if (!isRecord(raw)) throw invalid(`response '${statusCode}' of ${where} must be an object`)
  const headers = own(raw, 'headers')
  const responseParameters: Record<string, boolean> = isRecord(headers)
    ? Object.fromEntries(Object.keys(headers).map((name) => [`method.response.header.${name}`, false]))
    : {}
  const responseModels = ctx.dialect === 'oas30' ? contentModels(own(raw, 'content')) : swaggerModels(ctx, operation, raw)
  return {
    statusCode,
    ...(nonEmpty(responseParameters) ? {responseParameters} : {}),
    ...(nonEmpty(responseModels) ? {responseModels} : {}),
  }
}

function swaggerModels(ctx: Context, operation: Json, response: Json): Record<string, string> {
  const model = modelName(own(response, 'schema'))
  return model ? Object.fromEntries(mediaTypes(ctx, operation, 'produces').map((type) => [type, model])) : {}
}

// ------------------------------------------------------------------------------------------- integration

function resolveRef(ctx: Context, value: unknown, where: string): unknown {
  const ref = isRecord(value) ? own(value, '$ref') : undefined
  if (typeof ref !== 'string') return value
  // Only local references: API Gateway does not fetch external documents.
  if (!ref.startsWith('#/')) throw invalid(`unsupported reference '${ref}' in ${where}`)
  let node: unknown = ctx.doc
  for (const segment of ref.slice(2).split('/')) {
    node = isRecord(node) ? own(node, unescapePointerSegment(segment)) : undefined
  }
  if (node === undefined) throw invalid(`unresolvable reference '${ref}' in ${where}`)
  return node
}

