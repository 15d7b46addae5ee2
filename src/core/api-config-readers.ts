// Builds an ApiConfig from the two shapes API Gateway hands out: resources with embedded methods (the
// working copy) and an OpenAPI document with x-amazon-apigateway-* extensions (a stage export or a spec).
// The input interfaces are structural so that SDK outputs fit them without the core importing the SDK.

import {type ApiConfig, type IntegrationConfig, type IntegrationKind, type IntegrationResponseConfig, type RouteConfig, compareText, sortRoutes} from './api-config.js'
import type {ContentHandling} from './conversion.js'
import {BINARY_MEDIA_TYPES_EXTENSION, INTEGRATION_EXTENSION, OPERATION_METHODS} from './openapi-names.js'
import {escapeControls, quoted} from './quote.js'

export interface IntegrationResponseRecord {
  statusCode?: string
  selectionPattern?: string
  contentHandling?: string
  responseTemplates?: Record<string, string>
}

export interface IntegrationRecord {
  type?: string
  uri?: string
  contentHandling?: string
  passthroughBehavior?: string
  requestTemplates?: Record<string, string>
  integrationResponses?: Record<string, IntegrationResponseRecord>
  responseTransferMode?: string
  timeoutInMillis?: number
}

export interface MethodRecord {
  httpMethod?: string
  methodIntegration?: IntegrationRecord
}

export interface ResourceRecord {
  id?: string
  path?: string
  resourceMethods?: Record<string, MethodRecord>
}

const INTEGRATION_KINDS: readonly IntegrationKind[] = ['HTTP', 'AWS', 'MOCK', 'HTTP_PROXY', 'AWS_PROXY']

/** The working copy: GetRestApi's binaryMediaTypes and GetResources?embed=methods. */
export function apiConfigFromResources(binaryMediaTypes: readonly string[] | undefined, resources: readonly ResourceRecord[]): ApiConfig {
  const routes: RouteConfig[] = []
  for (const resource of resources) {
    for (const [httpMethod, method] of Object.entries(resource.resourceMethods ?? {})) {
      const integration = method.methodIntegration && integrationFromRecord(method.methodIntegration)
      routes.push({
        ...(resource.id === undefined ? {} : {resourceId: resource.id}),
        resourcePath: resource.path ?? '/',
        httpMethod: (method.httpMethod ?? httpMethod).toUpperCase(),
        ...(integration ? {integration} : {}),
      })
    }
  }
  return {binaryMediaTypes: [...(binaryMediaTypes ?? [])], routes: sortRoutes(routes)}
}

function integrationFromRecord(record: IntegrationRecord): IntegrationConfig | undefined {
  const type = readKind(record.type)
  if (!type) return undefined
  const responses = Object.entries(record.integrationResponses ?? {}).map(([statusCode, response]) =>
    responseConfig(response.statusCode ?? statusCode, response.selectionPattern, response.contentHandling, response.responseTemplates),
  )
  return {...integrationConfig(type, record.uri, record.contentHandling, record.passthroughBehavior, record.requestTemplates, responses), ...transferSettings(record)}
}

/**
 * responseTransferMode and timeoutInMillis, where streaming is judged (core/rules/streaming.ts). An unknown
 * mode is kept out rather than refused: API Gateway's own answers and exports carry only its enum.
 */
function transferSettings(raw: {responseTransferMode?: unknown; timeoutInMillis?: unknown}): Pick<IntegrationConfig, 'responseTransferMode' | 'timeoutInMillis'> {
  const mode = typeof raw.responseTransferMode === 'string' ? raw.responseTransferMode.toUpperCase() : undefined
  return {
    ...(mode === 'STREAM' || mode === 'BUFFERED' ? {responseTransferMode: mode} : {}),
    ...(typeof raw.timeoutInMillis === 'number' && Number.isInteger(raw.timeoutInMillis) ? {timeoutInMillis: raw.timeoutInMillis} : {}),
  }
}

/** A fault in an OpenAPI document; `path` is the keys from the top, the message names them joined by dots. */
export class OpenApiReadError extends Error {
  constructor(
    readonly path: readonly string[],
    readonly fault: string,
    /** The fault is the last key's, not its value's. */
    readonly atKey = false,
  ) {
    super(path.length === 0 ? fault : `${path.map((key) => shownKey(key)).join('.')} ${fault}`)
  }
}

/**
 * An OpenAPI 2.0/3.0 document with API Gateway extensions: binary media types from the top-level
 * extension, and per operation the integration's contentHandling and its responses' (keyed by selection
 * pattern in the document; mapped back by their inner statusCode, aws-binary-facts §2.4).
 * Throws OpenApiReadError naming the path at fault.
 */
export function apiConfigFromOpenApi(document: unknown): ApiConfig {
  if (!isRecord(document)) throw new OpenApiReadError([], 'the document is not an object')
  checkVersion(document)
  const binaryMediaTypes = readStringArray(document[BINARY_MEDIA_TYPES_EXTENSION], [BINARY_MEDIA_TYPES_EXTENSION])
  // Both versions require paths; a document without them still declares binary media types, so absent
  // reads as none. Present, it must be a mapping: `paths:` left empty would otherwise drop every route.
  const paths = 'paths' in document ? document['paths'] : {}
  if (!isRecord(paths)) throw new OpenApiReadError(['paths'], `must be a mapping of paths (got ${shownValue(paths)})`)
  const routes: RouteConfig[] = []
  for (const [resourcePath, item] of Object.entries(paths)) {
    // Specification extensions are allowed among the paths (OpenAPI 3.0 "Paths Object", 2.0 likewise).
    if (resourcePath.startsWith('x-')) continue
    if (!resourcePath.startsWith('/')) throw new OpenApiReadError(['paths', resourcePath], 'is not a path: a path starts with /', true)
    if (!isRecord(item)) throw new OpenApiReadError(['paths', resourcePath], 'must be an object')
    for (const [key, operation] of Object.entries(item)) {
      const httpMethod = OPERATION_METHODS.get(key.toLowerCase())
      if (!httpMethod) continue
      const where = ['paths', resourcePath, key]
      if (!isRecord(operation)) throw new OpenApiReadError(where, 'must be an object')
      const integration = readIntegrationExtension(operation[INTEGRATION_EXTENSION], [...where, INTEGRATION_EXTENSION])
      routes.push({resourcePath, httpMethod, ...(integration ? {integration} : {})})
    }
  }
  return {binaryMediaTypes, routes: sortRoutes(routes)}
}

/**
 * API Gateway imports OpenAPI 2.0 and 3.0 (its developer guide); 3.1 and anything else may read
 * differently. `swagger: 2.0` unquoted in YAML is the number 2, which API Gateway takes (as the sandbox's
 * import does); `openapi: 3` or `3.0` unquoted is a number no 3.0 document has.
 */
function checkVersion(document: Record<string, unknown>): void {
  const hasOpenApi = 'openapi' in document
  const hasSwagger = 'swagger' in document
  if (!hasOpenApi && !hasSwagger) throw new OpenApiReadError([], 'neither "openapi" nor "swagger" is set')
  if (hasOpenApi && hasSwagger) throw new OpenApiReadError(['swagger'], 'is set next to openapi: a document is OpenAPI 2.0 or 3.0, not both', true)
  if (hasSwagger) {
    const version = document['swagger']
    if (version !== '2.0' && version !== 2) throw new OpenApiReadError(['swagger'], `must be "2.0" (got ${shownValue(version)})`)
    return
  }
  const version = document['openapi']
  if (typeof version !== 'string' || !/^3\.0(\.\d+)?$/.test(version)) {
    throw new OpenApiReadError(['openapi'], `must be a 3.0 version text such as "3.0.1" (got ${shownValue(version)}): API Gateway imports OpenAPI 2.0 and 3.0`)
  }
}

function readIntegrationExtension(raw: unknown, where: readonly string[]): IntegrationConfig | undefined {
  if (raw === undefined) return undefined
  if (!isRecord(raw)) throw new OpenApiReadError(where, 'must be an object')
  const type = readKind(typeof raw['type'] === 'string' ? raw['type'] : undefined)
  if (!type) throw new OpenApiReadError([...where, 'type'], `must be one of ${INTEGRATION_KINDS.map((kind) => kind.toLowerCase()).join(', ')}`)
  const responses: IntegrationResponseConfig[] = []
  const rawResponses = raw['responses'] ?? {}
  if (!isRecord(rawResponses)) throw new OpenApiReadError([...where, 'responses'], 'must be an object')
  for (const [pattern, response] of Object.entries(rawResponses)) {
    const at = [...where, 'responses', pattern]
    if (!isRecord(response)) throw new OpenApiReadError(at, 'must be an object')
    // Unquoted YAML status codes arrive as numbers.
    const statusCode = typeof response['statusCode'] === 'number' ? String(response['statusCode']) : response['statusCode']
    if (typeof statusCode !== 'string' || !/^[1-5]\d\d$/.test(statusCode)) throw new OpenApiReadError([...at, 'statusCode'], 'must be a status code like "200"')
    responses.push(
      responseConfig(
        statusCode,
        pattern === 'default' ? undefined : pattern,
        readContentHandling(response['contentHandling'], [...at, 'contentHandling']),
        readStringMap(response['responseTemplates'], [...at, 'responseTemplates']),
      ),
    )
  }
  return {
    ...integrationConfig(
      type,
      typeof raw['uri'] === 'string' ? raw['uri'] : undefined,
      readContentHandling(raw['contentHandling'], [...where, 'contentHandling']),
      typeof raw['passthroughBehavior'] === 'string' ? raw['passthroughBehavior'].toUpperCase() : undefined,
      readStringMap(raw['requestTemplates'], [...where, 'requestTemplates']),
      responses,
    ),
    ...transferSettings(raw),
  }
}

function integrationConfig(
  type: IntegrationKind,
  uri: string | undefined,
  contentHandling: string | undefined,
  passthroughBehavior: string | undefined,
  requestTemplates: Record<string, string> | undefined,
  responses: IntegrationResponseConfig[],
): IntegrationConfig {
  const handling = asContentHandling(contentHandling)
  return {
    type,
    ...(uri === undefined ? {} : {uri}),
    ...(handling ? {contentHandling: handling} : {}),
    ...(passthroughBehavior === undefined ? {} : {passthroughBehavior}),
    requestTemplateTypes: Object.keys(requestTemplates ?? {}).sort(compareText),
    responses: responses.sort((a, b) => compareText(a.statusCode, b.statusCode)),
  }
}

function responseConfig(
  statusCode: string,
  selectionPattern: string | undefined,
  contentHandling: string | undefined,
  responseTemplates: Record<string, string> | undefined,
): IntegrationResponseConfig {
  const handling = asContentHandling(contentHandling)
  return {
    statusCode,
    ...(selectionPattern === undefined || selectionPattern === '' ? {} : {selectionPattern}),
    ...(handling ? {contentHandling: handling} : {}),
    responseTemplateTypes: Object.keys(responseTemplates ?? {}).sort(compareText),
  }
}

function readKind(type: string | undefined): IntegrationKind | undefined {
  const upper = type?.toUpperCase()
  return INTEGRATION_KINDS.find((kind) => kind === upper)
}

function asContentHandling(value: string | undefined): ContentHandling | undefined {
  return value === 'CONVERT_TO_BINARY' || value === 'CONVERT_TO_TEXT' ? value : undefined
}

function readContentHandling(value: unknown, where: readonly string[]): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (value !== 'CONVERT_TO_BINARY' && value !== 'CONVERT_TO_TEXT') throw new OpenApiReadError(where, 'must be CONVERT_TO_BINARY or CONVERT_TO_TEXT')
  return value
}

function readStringArray(value: unknown, where: readonly string[]): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) throw new OpenApiReadError(where, 'must be a list of strings')
  return value as string[]
}

function readStringMap(value: unknown, where: readonly string[]): Record<string, string> | undefined {
  if (value === undefined) return undefined
  if (!isRecord(value)) throw new OpenApiReadError(where, 'must be an object')
  return value as Record<string, string>
}

/** A key as messages show it: as written, or quoted and cut when long (paths from a file can be huge). */
function shownKey(key: string): string {
  return key.length > 60 ? quoted(key) : escapeControls(key)
}

/** A value after `got`: text quoted and cut, `nothing` for null. */
function shownValue(value: unknown): string {
  if (typeof value === 'string') return quoted(value)
  if (value === null) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return String(value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
