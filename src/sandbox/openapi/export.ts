// Renders GetExport's document for a deployed snapshot. Shapes and key order follow API Gateway's own exports
// as recorded against real AWS (LocalStack's validated export snapshots) and aws-binary-facts §2.4.

import {HTTP_METHODS, type ApiSnapshot, type Integration, type IntegrationResponse, type Method, type MethodResponse, type Model, type Resource} from '../model.js'
import {ExportSecurity} from './export-security.js'
import {GATEWAY_RESPONSES_EXT, renderGatewayResponses} from './gateway-responses-extension.js'
import {withLocalModelRefs} from './model-refs.js'
import {REQUEST_VALIDATOR_EXT, REQUEST_VALIDATORS_EXT, exportedRequestValidators} from './request-validator-extension.js'

export type ExportType = 'oas30' | 'swagger'

export interface ExportOptions {
  exportType: ExportType
  /** GetExport's `extensions` values, e.g. ['apigateway'], ['integrations'] or []. */
  extensions: string[]
  restApiId: string
  region: string
  stageName: string
  /** Epoch seconds; becomes info.version when the snapshot has no version. */
  createdDate: number
}

type Doc = Record<string, unknown>

interface RenderContext {
  exportType: ExportType
  withIntegrations: boolean
  /** The models the methods name, collected while rendering them. */
  models: Set<string>
  /** The API's models by name; undefined for a deployment made before models were kept. */
  stored?: Map<string, Model>
  security: ExportSecurity
  /** With the `apigateway` or `validators` extensions: the API's request validators. */
  validators?: ReturnType<typeof exportedRequestValidators>
}

const DEFAULT_TIMEOUT_MS = 29000

// Deployments made before models were kept know them only by name: the two every API starts with export
// as AWS writes them, any other as an open object.
const BUILT_IN_MODELS: Record<string, Doc> = {
  Empty: {title: 'Empty Schema', type: 'object'},
  Error: {title: 'Error Schema', type: 'object', properties: {message: {type: 'string'}}},
}

const PARAMETER_LOCATIONS: [prefix: string, location: string][] = [
  ['method.request.path.', 'path'],
  ['method.request.querystring.', 'query'],
  ['method.request.multivaluequerystring.', 'query'],
  ['method.request.header.', 'header'],
  ['method.request.multivalueheader.', 'header'],
]

export function renderExport(snapshot: ApiSnapshot, options: ExportOptions): Record<string, unknown> {
  const ctx: RenderContext = {
    exportType: options.exportType,
    withIntegrations: wantsIntegrations(options.extensions),
    models: new Set(),
    ...(snapshot.models ? {stored: new Map(snapshot.models.map((model) => [model.name, model]))} : {}),
    security: new ExportSecurity(snapshot.authorizers ?? [], wantsIntegrations(options.extensions) || wantsExtension(options.extensions, 'authorizers')),
    ...(wantsValidators(options.extensions) && snapshot.requestValidators?.length ? {validators: exportedRequestValidators(snapshot.requestValidators)} : {}),
  }
  // Paths first: rendering them collects the models and security schemes the later sections list.
  const paths = renderPaths(ctx, snapshot.resources)
  const binaryTypes =
    ctx.withIntegrations && snapshot.binaryMediaTypes.length > 0
      ? {'x-amazon-apigateway-binary-media-types': [...snapshot.binaryMediaTypes]}
      : {}
  const validators = ctx.validators ? {[REQUEST_VALIDATORS_EXT]: ctx.validators.definitions} : {}
  // Gateway responses are among the extensions `apigateway` asks for, not `integrations` (GetExport, API reference).
  const gatewayResponses = wantsExtension(options.extensions, 'apigateway') ? renderGatewayResponses(snapshot.gatewayResponses) : undefined
  const extensions = {...binaryTypes, ...(gatewayResponses ? {[GATEWAY_RESPONSES_EXT]: gatewayResponses} : {})}
  // HEADER is the default and is not written (developer guide, api-gateway-swagger-extensions-api-key-source).
  const apiKeySource = ctx.withIntegrations && snapshot.apiKeySource === 'AUTHORIZER' ? {'x-amazon-apigateway-api-key-source': 'AUTHORIZER'} : {}
  const schemes = ctx.security.schemes()
  const version = snapshot.version ?? isoSeconds(options.createdDate)
  return options.exportType === 'oas30'
    ? {
        openapi: '3.0.1',
        info: {title: snapshot.name, ...opt('description', snapshot.description), version},
        servers: [
          {
            url: `https://${options.restApiId}.execute-api.${options.region}.amazonaws.com/{basePath}`,
            // The stage name alone (LocalStack's AWS-validated recordings test_export_oas30_openapi).
            variables: {basePath: {default: options.stageName}},
          },
        ],
        paths,
        components: renderComponents(ctx, schemes),
        ...extensions,
        ...apiKeySource,
        ...validators,
      }
    : {
        swagger: '2.0',
        info: {...opt('description', snapshot.description), version, title: snapshot.name},
        host: `${options.restApiId}.execute-api.${options.region}.amazonaws.com`,
        basePath: `/${options.stageName}`,
        schemes: ['https'],
        paths,
        ...(schemes ? {securityDefinitions: schemes} : {}),
        ...(ctx.models.size > 0 ? {definitions: renderModels(ctx)} : {}),
        ...extensions,
        ...apiKeySource,
        ...validators,
      }
}

// GetExport takes a comma-separated list; accept it split or not.
function wantsIntegrations(extensions: string[]): boolean {
  return wantsExtension(extensions, 'integrations') || wantsExtension(extensions, 'apigateway')
}

function wantsExtension(extensions: string[], name: string): boolean {
  return extensions.flatMap((value) => value.split(',')).some((value) => value.trim() === name)
}

// `validators` asks for them alone (developer guide, api-gateway-request-validation-test: `?extensions=validators`).
function wantsValidators(extensions: string[]): boolean {
  return wantsExtension(extensions, 'apigateway') || wantsExtension(extensions, 'validators')
}

function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

// ------------------------------------------------------------------------------------------------ paths

function renderPaths(ctx: RenderContext, resources: Resource[]): Doc {
  const withMethods = resources
    .filter((resource) => Object.keys(resource.resourceMethods ?? {}).length > 0)
    .sort((a, b) => compareText(a.path, b.path))
  return Object.fromEntries(withMethods.map((resource) => [resource.path, renderPathItem(ctx, resource)]))
}

function renderPathItem(ctx: RenderContext, resource: Resource): Doc {
  const methods = Object.values(resource.resourceMethods ?? {}).sort(
    (a, b) => methodRank(a.httpMethod) - methodRank(b.httpMethod) || compareText(a.httpMethod, b.httpMethod),
  )
  return Object.fromEntries(methods.map((method) => [operationKey(method.httpMethod), renderOperation(ctx, resource, method)]))
}

function methodRank(httpMethod: string): number {
  const rank = (HTTP_METHODS as readonly string[]).indexOf(httpMethod)
  return rank === -1 ? HTTP_METHODS.length : rank
}

function operationKey(httpMethod: string): string {
  return httpMethod === 'ANY' ? 'x-amazon-apigateway-any-method' : httpMethod.toLowerCase()
}

function renderOperation(ctx: RenderContext, resource: Resource, method: Method): Doc {
  const parameters = renderParameters(ctx, method)
  const responses = Object.values(method.methodResponses ?? {})
  return {
    ...opt('operationId', method.operationName),
    ...(ctx.exportType === 'swagger' ? swaggerMediaTypes(method, responses, method.methodIntegration) : {}),
    ...(parameters.length > 0 ? {parameters} : {}),
    ...(ctx.exportType === 'oas30' ? renderRequestBody(ctx, method) : {}),
    responses: Object.fromEntries(responses.map((response) => [response.statusCode, renderResponse(ctx, response)])),
    ...ctx.security.requirementsOf(method),
    ...validatorOf(ctx, method),
    ...(ctx.withIntegrations && method.methodIntegration
      ? {'x-amazon-apigateway-integration': renderIntegration(resource, method.methodIntegration)}
      : {}),
  }
}

function validatorOf(ctx: RenderContext, method: Method): Doc {
  const name = method.requestValidatorId === undefined ? undefined : ctx.validators?.nameOf(method.requestValidatorId)
  return name === undefined ? {} : {[REQUEST_VALIDATOR_EXT]: name}
}

/**
 * The media types of the models and of the integration's mapping templates, with or without the
 * extensions: AWS lists `consumes` for a MOCK's request template and `produces` for its response template
 * (LocalStack's AWS-validated recordings test_export_swagger_openapi[TEST_IMPORT_PETSTORE_SWAGGER]).
 */
function swaggerMediaTypes(method: Method, responses: MethodResponse[], integration: Integration | undefined): Doc {
  const consumes = [...new Set([...Object.keys(method.requestModels ?? {}), ...Object.keys(integration?.requestTemplates ?? {})])]
  const produces = [
    ...new Set([
      ...responses.flatMap((response) => Object.keys(response.responseModels ?? {})),
      ...Object.values(integration?.integrationResponses ?? {}).flatMap((response) => Object.keys(response.responseTemplates ?? {})),
    ]),
  ]
  return {...(consumes.length > 0 ? {consumes} : {}), ...(produces.length > 0 ? {produces} : {})}
}

function renderParameters(ctx: RenderContext, method: Method): Doc[] {
  const parameters = Object.entries(method.requestParameters ?? {}).flatMap(([key, required]) => {
    const parameter = parseParameterKey(key)
    return parameter ? [renderParameter(ctx, parameter.name, parameter.location, required)] : []
  })
  return [...parameters, ...swaggerBodyParameter(ctx, method)]
}

function parseParameterKey(key: string): {name: string; location: string} | undefined {
  const match = PARAMETER_LOCATIONS.find(([prefix]) => key.startsWith(prefix) && key.length > prefix.length)
  return match ? {name: key.slice(match[0].length), location: match[1]} : undefined
}

// oas30 states `required` only when true (as AWS does); swagger always states it. Path parameters are always required.
function renderParameter(ctx: RenderContext, name: string, location: string, required: boolean): Doc {
  const isRequired = location === 'path' || required
  return ctx.exportType === 'oas30'
    ? {name, in: location, ...(isRequired ? {required: true} : {}), schema: {type: 'string'}}
    : {name, in: location, required: isRequired, type: 'string'}
}

function swaggerBodyParameter(ctx: RenderContext, method: Method): Doc[] {
  const model = Object.values(method.requestModels ?? {})[0]
  if (ctx.exportType !== 'swagger' || model === undefined) return []
  return [{in: 'body', name: model, required: true, schema: modelRef(ctx, model)}]
}

function renderRequestBody(ctx: RenderContext, method: Method): Doc {
  const models = Object.entries(method.requestModels ?? {})
  if (models.length === 0) return {}
  return {requestBody: {content: renderContent(ctx, models), required: true}}
}

function renderResponse(ctx: RenderContext, response: MethodResponse): Doc {
  const headerNames = Object.keys(response.responseParameters ?? {})
    .filter((key) => key.startsWith('method.response.header.'))
    .map((key) => key.slice('method.response.header.'.length))
  const headerSchema = ctx.exportType === 'oas30' ? {schema: {type: 'string'}} : {type: 'string'}
  const headers = headerNames.length > 0 ? {headers: Object.fromEntries(headerNames.map((name) => [name, {...headerSchema}]))} : {}
  const models = Object.entries(response.responseModels ?? {})
  const description = `${response.statusCode} response`
  if (ctx.exportType === 'oas30') {
    // AWS writes `content` even when there is no model (an empty object).
    return {description, ...headers, content: renderContent(ctx, models)}
  }
  // Swagger has one schema per response; the media types go to the operation's `produces`.
  return {description, ...(models.length > 0 ? {schema: modelRef(ctx, models[0][1])} : {}), ...headers}
}

function renderContent(ctx: RenderContext, models: [string, string][]): Doc {
  return Object.fromEntries(models.map(([mediaType, model]) => [mediaType, {schema: modelRef(ctx, model)}]))
}

function modelRef(ctx: RenderContext, model: string): {$ref: string} {
  ctx.models.add(model)
  const base = ctx.exportType === 'oas30' ? '#/components/schemas/' : '#/definitions/'
  return {$ref: base + model.replaceAll('~', '~0').replaceAll('/', '~1')}
}

// ----------------------------------------------------------------------------------------------- models

function renderComponents(ctx: RenderContext, schemes: Doc | undefined): Doc {
  return {
    ...(ctx.models.size > 0 ? {schemas: renderModels(ctx)} : {}),
    ...(schemes ? {securitySchemes: schemes} : {}),
  }
}

// The models the methods name and the models those name in turn (PetType, which only NewPet names, is
// exported: test_export_swagger_openapi), each with its schema and its references made local again.
function renderModels(ctx: RenderContext): Doc {
  const stored = ctx.stored
  if (!stored) return Object.fromEntries([...ctx.models].sort(compareText).map((name) => [name, structuredClone(BUILT_IN_MODELS[name] ?? {type: 'object'})]))
  const rendered = new Map<string, unknown>()
  const pending = [...ctx.models]
  while (pending.length > 0) {
    const name = pending.shift()!
    if (rendered.has(name)) continue
    const schema = modelSchema(stored.get(name))
    rendered.set(
      name,
      withLocalModelRefs(schema, (named) => {
        pending.push(named)
        return modelRef(ctx, named).$ref
      }),
    )
  }
  return Object.fromEntries([...rendered.keys()].sort(compareText).map((name) => [name, rendered.get(name)]))
}

function modelSchema(model: Model | undefined): unknown {
  if (model?.schema === undefined) return {type: 'object'}
  try {
    return JSON.parse(model.schema) as unknown
  } catch {
    // A schema that is not JSON cannot be written as one; it exports as an open object.
    return {type: 'object'}
  }
}

// ------------------------------------------------------------------------------------------ integration

// Field order as AWS writes it; defaults AWS leaves out (29 s timeout, no cache keys, the resource-id
// cache namespace every integration gets, the INTERNET connection of an HTTP integration:
// test_export_swagger_openapi) are left out too.
function renderIntegration(resource: Resource, integration: Integration): Doc {
  return {
    type: integration.type.toLowerCase(),
    ...opt('httpMethod', integration.httpMethod),
    ...opt('uri', integration.uri),
    ...(integration.connectionType === 'INTERNET' ? {} : opt('connectionType', integration.connectionType)),
    ...opt('connectionId', integration.connectionId),
    ...opt('credentials', integration.credentials),
    ...renderIntegrationResponses(integration.integrationResponses),
    ...opt('requestParameters', copy(integration.requestParameters)),
    ...opt('requestTemplates', copy(integration.requestTemplates)),
    ...opt('passthroughBehavior', integration.passthroughBehavior?.toLowerCase()),
    ...opt('contentHandling', integration.contentHandling),
    ...(integration.timeoutInMillis === DEFAULT_TIMEOUT_MS ? {} : {timeoutInMillis: integration.timeoutInMillis}),
    // Where the developer guide's streaming import has it (response-streaming-http.html); only when set.
    ...opt('responseTransferMode', integration.responseTransferMode),
    ...(integration.cacheNamespace === undefined || integration.cacheNamespace === resource.id
      ? {}
      : {cacheNamespace: integration.cacheNamespace}),
    ...(integration.cacheKeyParameters.length > 0 ? {cacheKeyParameters: [...integration.cacheKeyParameters]} : {}),
    ...opt('tlsConfig', copy(integration.tlsConfig)),
  }
}

// Keyed by selection pattern, "default" for the catch-all; sorted by status code so output is stable.
function renderIntegrationResponses(responses: Record<string, IntegrationResponse> | undefined): Doc {
  const list = Object.values(responses ?? {}).sort((a, b) => compareText(a.statusCode, b.statusCode))
  if (list.length === 0) return {}
  return {
    responses: Object.fromEntries(
      list.map((response) => [
        response.selectionPattern ? response.selectionPattern : 'default',
        {
          statusCode: response.statusCode,
          ...opt('responseParameters', copy(response.responseParameters)),
          ...opt('responseTemplates', copy(response.responseTemplates)),
          ...opt('contentHandling', response.contentHandling),
        },
      ]),
    ),
  }
}

// --------------------------------------------------------------------------------------------- helpers

function opt<K extends string, V>(key: K, value: V | undefined): {[P in K]?: V} {
  return (value === undefined ? {} : {[key]: value}) as {[P in K]?: V}
}

// The export must not share objects with the snapshot: callers serialize or mutate it freely.
function copy<T extends object>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value)
}

// Code-unit order, independent of the host's locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
