// Reads an OpenAPI 2.0 / 3.0 definition the way ImportRestApi / PutRestApi do and turns it into the sandbox's
// wire-shaped Method records. Pure: the caller decides how to lay the result out as resources.
// Every rejection is a BadRequestException, because that is all API Gateway ever answers for a bad body.

import {parse as parseYaml} from 'yaml'

import {unescapePointerSegment} from '../../core/json-pointer.js'
import {OPERATION_METHODS} from '../../core/openapi-names.js'
import {badRequest} from '../api-errors.js'
import type {Authorizer, GatewayResponseSetting, Method, MethodResponse} from '../model.js'
import {PATH_PART_MESSAGE, isValidPathPart} from '../path-part.js'
import {type ImportedDocumentationPart, readDocumentationParts} from './documentation-extension.js'
import {type EndpointConfigurationExtension, readEndpointConfigurationExtension} from './endpoint-configuration-extension.js'
import {readGatewayResponses} from './gateway-responses-extension.js'
import {INTEGRATION_EXT, isStatusCode, readIntegration} from './integration-extension.js'
import {type Json, dropUndefined, invalid, isRecord, nonEmpty, own, readString, readStringList, scalarText} from './json-reading.js'
import {type ImportedRequestValidator, methodRequestValidator, readRequestValidators} from './request-validator-extension.js'

export interface ImportedMethodSet {
  /** Where the methods go, the base path already laid out (ImportOptions.basePath). */
  path: string
  methods: Record<string, Method>
  /** Per method, the security scheme naming its authorizer; the store turns names into ids. */
  authorizers?: Record<string, string>
  /** Per method, the name of its request validator; the store turns names into ids. */
  requestValidators?: Record<string, string>
}

/** A schema of `definitions` (Swagger) or `components.schemas` (OpenAPI 3), its `$ref`s still local. */
export interface ImportedModel {
  name: string
  schema: Json
}

export type ImportedAuthorizer = Omit<Authorizer, 'id'>

export interface ImportedDefinition {
  name: string
  description?: string
  version?: string
  binaryMediaTypes: string[]
  /** x-amazon-apigateway-endpoint-configuration, when the document has it. */
  endpointConfiguration?: EndpointConfigurationExtension
  resources: ImportedMethodSet[]
  models: ImportedModel[]
  authorizers: ImportedAuthorizer[]
  requestValidators: ImportedRequestValidator[]
  gatewayResponses: GatewayResponseSetting[]
  documentationParts: ImportedDocumentationPart[]
  /** `x-amazon-apigateway-api-key-source`, when the document has it. */
  apiKeySource?: 'HEADER' | 'AUTHORIZER'
  warnings: string[]
}

/**
 * ImportRestApi's and PutRestApi's `basepath`: leave the document's base path out, put all of it before
 * every path, or all of it but its first part (developer guide, api-gateway-import-api-basePath).
 */
export const BASE_PATH_MODES = ['ignore', 'prepend', 'split'] as const
export type BasePathMode = (typeof BASE_PATH_MODES)[number]

export interface ImportOptions {
  basePath?: BasePathMode
}

type Dialect = 'swagger' | 'oas30'

interface Context {
  doc: Json
  dialect: Dialect
  warnings: string[]
  /** The path parts put before every path of the document. */
  prefix: string[]
  requestValidators: ImportedRequestValidator[]
}

/** Where a method is: the path as the document writes it, and the resource path it is imported at. */
interface Place {
  documentPath: string
  resourcePath: string
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

export function parseDefinitionDocument(body: string, options: ImportOptions = {}): ImportedDefinition {
  const doc = readDocument(body)
  const dialect = detectDialect(doc)
  const ctx: Context = {doc, dialect, warnings: [], prefix: [], requestValidators: readRequestValidators(doc)}
  const info = own(doc, 'info')
  const title = isRecord(info) ? own(info, 'title') : undefined
  if (typeof title !== 'string' || title.trim() === '') throw invalid('info.title is required')
  const description = isRecord(info) ? own(info, 'description') : undefined
  const version = isRecord(info) ? scalarText(own(info, 'version')) : undefined
  const binaryMediaTypes = readBinaryMediaTypes(doc)
  const endpointConfiguration = readEndpointConfigurationExtension(doc)
  const basePath = documentBasePath(ctx)
  ctx.prefix = options.basePath === 'prepend' ? basePath : options.basePath === 'split' ? basePath.slice(1) : []
  const authorizers = readAuthorizers(ctx)
  const resources = readPaths(ctx)
  return {
    name: title,
    ...(typeof description === 'string' ? {description} : {}),
    ...(version === undefined ? {} : {version}),
    binaryMediaTypes,
    ...(endpointConfiguration ? {endpointConfiguration} : {}),
    resources,
    models: readModels(ctx),
    authorizers,
    requestValidators: ctx.requestValidators,
    gatewayResponses: readGatewayResponses(doc),
    documentationParts: readDocumentationParts(doc),
    ...readApiKeySource(doc),
    warnings: ctx.warnings,
  }
}

const API_KEY_SOURCE_EXT = 'x-amazon-apigateway-api-key-source'

/** Where the API's methods read their API key from (developer guide, api-gateway-swagger-extensions-api-key-source). */
function readApiKeySource(doc: Json): {apiKeySource?: 'HEADER' | 'AUTHORIZER'} {
  const raw = own(doc, API_KEY_SOURCE_EXT)
  if (raw === undefined) return {}
  const value = typeof raw === 'string' ? raw.toUpperCase() : undefined
  if (value !== 'HEADER' && value !== 'AUTHORIZER') throw invalid(`${API_KEY_SOURCE_EXT} must be HEADER or AUTHORIZER`)
  return {apiKeySource: value}
}

// ---------------------------------------------------------------------------------------------- document

/** The document of an import, JSON or YAML; anything else is AWS's "Invalid OpenAPI input.". */
export function readDocument(body: unknown): Json {
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

// --------------------------------------------------------------------------------------------- base path

/**
 * Swagger's `basePath`; in OpenAPI 3 the first `basePath` server variable, or else the path of the first
 * server's URL (developer guide, api-gateway-import-api-basePath). As path parts.
 */
function documentBasePath(ctx: Context): string[] {
  if (ctx.dialect === 'swagger') return pathParts(own(ctx.doc, 'basePath'))
  const servers = own(ctx.doc, 'servers')
  if (!Array.isArray(servers)) return []
  for (const server of servers) {
    const variables = isRecord(server) ? own(server, 'variables') : undefined
    const variable = isRecord(variables) ? own(variables, 'basePath') : undefined
    if (isRecord(variable)) return pathParts(own(variable, 'default'))
  }
  const url = isRecord(servers[0]) ? own(servers[0], 'url') : undefined
  return typeof url === 'string' ? pathParts(url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*/, '').replace(/[?#].*$/, '')) : []
}

function pathParts(path: unknown): string[] {
  return typeof path === 'string' ? path.split('/').filter(Boolean) : []
}

function resourcePathOf(ctx: Context, documentPath: string): string {
  if (ctx.prefix.length === 0) return documentPath
  return `/${[...ctx.prefix, ...pathParts(documentPath)].join('/')}`
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

function readPathItem(ctx: Context, documentPath: string, item: unknown): ImportedMethodSet {
  checkPath(documentPath)
  const place: Place = {documentPath, resourcePath: resourcePathOf(ctx, documentPath)}
  checkPath(place.resourcePath)
  if (!isRecord(item)) throw invalid(`path '${documentPath}' must be an object`)
  const shared = readParameters(ctx, own(item, 'parameters'), `path '${documentPath}'`)
  const methods: [string, Method][] = []
  const authorizers: [string, string][] = []
  const validators: [string, string][] = []
  for (const [key, operation] of Object.entries(item)) {
    const httpMethod = OPERATION_METHODS.get(key)
    if (!httpMethod) continue
    const {method, authorizer} = readMethod(ctx, place, httpMethod, operation, shared)
    methods.push([httpMethod, method])
    if (authorizer !== undefined) authorizers.push([httpMethod, authorizer])
    const validator = methodRequestValidator(ctx.doc, operation as Json, ctx.requestValidators, `${httpMethod} ${documentPath}`)
    if (validator !== undefined) validators.push([httpMethod, validator])
  }
  return {
    path: place.resourcePath,
    methods: Object.fromEntries(methods),
    ...(authorizers.length > 0 ? {authorizers: Object.fromEntries(authorizers)} : {}),
    ...(validators.length > 0 ? {requestValidators: Object.fromEntries(validators)} : {}),
  }
}

function checkPath(path: string): void {
  if (!path.startsWith('/')) throw invalid(`resource path '${path}' must start with '/'`)
  if (path === '/') return
  for (const part of path.slice(1).split('/')) {
    if (!isValidPathPart(part)) throw badRequest(PATH_PART_MESSAGE)
  }
}

// ----------------------------------------------------------------------------------------------- methods

function readMethod(ctx: Context, place: Place, httpMethod: string, operation: unknown, shared: Parameter[]): {method: Method; authorizer?: string} {
  const where = `${httpMethod} ${place.documentPath}`
  if (!isRecord(operation)) throw invalid(`operation ${where} must be an object`)
  const parameters = withImplicitPathParameters(place.documentPath, mergeParameters(shared, readParameters(ctx, own(operation, 'parameters'), where)))
  const operationId = own(operation, 'operationId')
  const requestParameters = toRequestParameters(parameters)
  const requestModels = readRequestModels(ctx, operation, parameters)
  const methodResponses = readMethodResponses(ctx, operation, where)
  const security = readSecurity(ctx, operation)
  // A method without the integration extension is imported without an integration and without a warning:
  // AWS imports such a definition with failOnWarnings (recorded: LocalStack test_import_documentation_parts,
  // whose GET / has none). Deploying it is what fails (store.ts deploy).
  const integration = own(operation, INTEGRATION_EXT)
  const method: Method = {
    httpMethod,
    authorizationType: security.authorizationType,
    apiKeyRequired: security.apiKeyRequired,
    ...(security.scopes ? {authorizationScopes: security.scopes} : {}),
    ...(typeof operationId === 'string' ? {operationName: operationId} : {}),
    ...(nonEmpty(requestParameters) ? {requestParameters} : {}),
    ...(nonEmpty(requestModels) ? {requestModels} : {}),
    ...(nonEmpty(methodResponses) ? {methodResponses} : {}),
    ...(integration === undefined
      ? {}
      : {methodIntegration: readIntegration(integration, where, {resourcePath: place.resourcePath, httpMethod, warnings: ctx.warnings})}),
  }
  return {method, ...(security.authorizer === undefined ? {} : {authorizer: security.authorizer})}
}

// ---------------------------------------------------------------------------------------------- security

interface Security {
  authorizationType: 'NONE' | 'CUSTOM' | 'COGNITO_USER_POOLS' | 'AWS_IAM'
  apiKeyRequired: boolean
  /** The security scheme whose x-amazon-apigateway-authorizer the method uses. */
  authorizer?: string
  scopes?: string[]
}

const AUTHORIZER_EXT = 'x-amazon-apigateway-authorizer'
const AUTH_TYPE_EXT = 'x-amazon-apigateway-authtype'
const AUTHORIZER_TYPES: Record<string, Authorizer['type']> = {token: 'TOKEN', request: 'REQUEST', cognito_user_pools: 'COGNITO_USER_POOLS'}

/**
 * The operation's security, or the document's: a scheme with an authorizer makes the method CUSTOM (or
 * COGNITO_USER_POOLS, with the requirement's scopes), an API key scheme makes it need a key (developer
 * guide, api-gateway-swagger-extensions-authorizer and -authtype; LocalStack's AWS-validated recordings
 * test_import_swagger_api, test_import_with_cognito_auth_identity_source).
 */
function readSecurity(ctx: Context, operation: Json): Security {
  const security: Security = {authorizationType: 'NONE', apiKeyRequired: false}
  const requirements = own(operation, 'security') ?? own(ctx.doc, 'security')
  if (!Array.isArray(requirements)) return security
  const schemes = securitySchemes(ctx)
  for (const requirement of requirements) {
    if (!isRecord(requirement)) continue
    for (const [name, scopes] of Object.entries(requirement)) {
      const scheme = own(schemes, name)
      const authorizer = isRecord(scheme) ? own(scheme, AUTHORIZER_EXT) : undefined
      if (isRecord(authorizer)) {
        if (security.authorizer !== undefined) continue
        security.authorizer = name
        const cognito = authorizerType(authorizer, name) === 'COGNITO_USER_POOLS'
        security.authorizationType = cognito ? 'COGNITO_USER_POOLS' : 'CUSTOM'
        if (cognito && Array.isArray(scopes) && scopes.length > 0 && scopes.every((scope) => typeof scope === 'string')) security.scopes = [...(scopes as string[])]
      } else if (name === 'api_key' || isApiKeyScheme(scheme)) {
        security.apiKeyRequired = true
      } else if (isRecord(scheme) && String(own(scheme, AUTH_TYPE_EXT)).toLowerCase() === 'awssigv4' && security.authorizer === undefined) {
        // IAM authorization: a scheme of type awsSigv4 (developer guide, api-gateway-swagger-extensions-authtype).
        security.authorizationType = 'AWS_IAM'
      }
    }
  }
  return security
}

/** Every security scheme with an authorizer, used or not (AWS creates them all: test_import_swagger_api). */
function readAuthorizers(ctx: Context): ImportedAuthorizer[] {
  return Object.entries(securitySchemes(ctx)).flatMap(([name, scheme]) => {
    const raw = isRecord(scheme) ? own(scheme, AUTHORIZER_EXT) : undefined
    if (raw === undefined) return []
    const at = `${AUTHORIZER_EXT} of '${name}'`
    if (!isRecord(raw)) throw invalid(`${at} must be an object`)
    const type = authorizerType(raw, name)
    const authType = isRecord(scheme) ? own(scheme, AUTH_TYPE_EXT) : undefined
    // A token or user-pool authorizer reads the header the scheme names unless told otherwise (test_import_swagger_api, test_import_with_cognito_auth_identity_source).
    const header = isRecord(scheme) && own(scheme, 'in') === 'header' ? own(scheme, 'name') : undefined
    const identitySource = nonBlank(readString(raw, 'identitySource', at)) ?? (type !== 'REQUEST' && typeof header === 'string' ? `method.request.header.${header}` : undefined)
    return [
      {
        name,
        type,
        ...dropUndefined({
          providerARNs: readStringList(raw, 'providerARNs', at),
          authType: typeof authType === 'string' ? authType : undefined,
          authorizerUri: nonBlank(readString(raw, 'authorizerUri', at)),
          authorizerCredentials: nonBlank(readString(raw, 'authorizerCredentials', at)),
          identitySource,
          identityValidationExpression: nonBlank(readString(raw, 'identityValidationExpression', at)),
          authorizerResultTtlInSeconds: readTtl(raw, at),
        }),
      },
    ]
  })
}

function authorizerType(raw: Json, name: string): Authorizer['type'] {
  const type = own(raw, 'type')
  const known = typeof type === 'string' && Object.hasOwn(AUTHORIZER_TYPES, type.toLowerCase()) ? AUTHORIZER_TYPES[type.toLowerCase()] : undefined
  if (known === undefined) throw invalid(`${AUTHORIZER_EXT} of '${name}': type must be one of token, request, cognito_user_pools`)
  return known
}

// The AuthorizerResultTtlInSeconds range of CreateAuthorizer (API reference): 0 to 3600.
function readTtl(raw: Json, at: string): number | undefined {
  const ttl = own(raw, 'authorizerResultTtlInSeconds')
  if (ttl === undefined) return undefined
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0 || ttl > 3600) throw invalid(`${at}: authorizerResultTtlInSeconds must be an integer from 0 to 3600`)
  return ttl
}

function nonBlank(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text
}

function securitySchemes(ctx: Context): Json {
  const holder = ctx.dialect === 'swagger' ? ctx.doc : own(ctx.doc, 'components')
  const schemes = isRecord(holder) ? own(holder, ctx.dialect === 'swagger' ? 'securityDefinitions' : 'securitySchemes') : undefined
  return isRecord(schemes) ? schemes : {}
}

// A scheme with an authorizer is the authorizer's, even when it is typed apiKey and names x-api-key.
function isApiKeyScheme(scheme: unknown): boolean {
  if (!isRecord(scheme) || own(scheme, 'type') !== 'apiKey' || own(scheme, AUTHORIZER_EXT) !== undefined) return false
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

/**
 * A path template's `{name}` is a path parameter whether or not the document declares it: AWS gives the
 * method `method.request.path.name` (required) either way (test_import_and_validate_rest_api[swagger-mock-cors.json]).
 */
function withImplicitPathParameters(documentPath: string, parameters: Parameter[]): Parameter[] {
  const declared = new Set(parameters.filter((p) => p.location === 'path').map((p) => p.name))
  const implicit = pathParts(documentPath)
    .map((part) => /^\{(.+?)\+?\}$/.exec(part)?.[1])
    .filter((name): name is string => name !== undefined && !declared.has(name))
  return [...parameters, ...implicit.map((name): Parameter => ({location: 'path', name, required: true}))]
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

/** Every schema the document defines becomes a model of the API, used or not (test_import_swagger_api). */
function readModels(ctx: Context): ImportedModel[] {
  const holder = ctx.dialect === 'swagger' ? ctx.doc : own(ctx.doc, 'components')
  const schemas = isRecord(holder) ? own(holder, ctx.dialect === 'swagger' ? 'definitions' : 'schemas') : undefined
  if (schemas === undefined) return []
  if (!isRecord(schemas)) throw invalid(`${ctx.dialect === 'swagger' ? 'definitions' : 'components.schemas'} must be an object`)
  return Object.entries(schemas).map(([name, schema]) => {
    if (!isRecord(schema)) throw invalid(`the schema of model '${name}' must be an object`)
    return {name, schema}
  })
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

