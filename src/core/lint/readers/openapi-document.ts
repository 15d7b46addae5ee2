// An OpenAPI 2.0/3.0 document with API Gateway's extensions, read by the reader API Gateway's exports and
// specs go through (apiConfigFromOpenApi), with where each setting is written. Used for OpenAPI files and
// for the bodies inside templates and Terraform plans.

import {type ApiConfig, type RouteConfig, routeKey} from '../../api-config.js'
import {apiConfigFromOpenApi} from '../../api-config-readers.js'
import {BINARY_MEDIA_TYPES_EXTENSION, INTEGRATION_EXTENSION, OPERATION_METHODS} from '../../openapi-names.js'
import type {DeclaredMediaType, RoutePlaces} from '../linted-api.js'
import type {SourcePath} from '../positions.js'

export interface OpenApiRead {
  config: ApiConfig
  routes: Map<string, RoutePlaces>
  mediaTypes: DeclaredMediaType[]
  /** Where the extension's list is, when written. */
  mediaTypeList?: SourcePath
}

/** Throws OpenApiReadError. `prefix`: where the document sits in its file. */
export function readOpenApi(document: unknown, prefix: SourcePath, placeName = BINARY_MEDIA_TYPES_EXTENSION): OpenApiRead {
  const config = withRouteIds(apiConfigFromOpenApi(document))
  const doc = document as Record<string, unknown>
  const listed = doc[BINARY_MEDIA_TYPES_EXTENSION]
  const mediaTypes: DeclaredMediaType[] = Array.isArray(listed)
    ? listed.flatMap((entry, index) =>
        typeof entry === 'string' ? [{raw: entry, stored: entry, path: [...prefix, BINARY_MEDIA_TYPES_EXTENSION, index], place: placeName, literal: true}] : [],
      )
    : []
  const routes = new Map<string, RoutePlaces>()
  const paths = isRecord(doc['paths']) ? doc['paths'] : {}
  for (const [resourcePath, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue
    for (const [key, operation] of Object.entries(item)) {
      const httpMethod = OPERATION_METHODS.get(key.toLowerCase())
      if (!httpMethod || !isRecord(operation)) continue
      const method = [...prefix, 'paths', resourcePath, key]
      routes.set(routeKey({httpMethod, resourcePath}), operationPlaces(operation, method))
    }
  }
  return {config, routes, mediaTypes, ...(listed === undefined ? {} : {mediaTypeList: [...prefix, BINARY_MEDIA_TYPES_EXTENSION]})}
}

function operationPlaces(operation: Record<string, unknown>, method: SourcePath): RoutePlaces {
  const extension = operation[INTEGRATION_EXTENSION]
  if (!isRecord(extension)) return {method, contentHandling: method, responses: new Map()}
  const integration = [...method, INTEGRATION_EXTENSION]
  const responses = new Map<string, SourcePath>()
  const written = isRecord(extension['responses']) ? extension['responses'] : {}
  for (const [pattern, response] of Object.entries(written)) {
    if (!isRecord(response)) continue
    const statusCode = String(response['statusCode'])
    const at = [...integration, 'responses', pattern]
    responses.set(statusCode, 'contentHandling' in response ? [...at, 'contentHandling'] : at)
  }
  return {method, contentHandling: 'contentHandling' in extension ? [...integration, 'contentHandling'] : integration, responses}
}

/** The audit's rules name routes by resource id in their fixes; a file's routes have none, so the route key stands in. */
export function withRouteIds(config: ApiConfig): ApiConfig {
  return {...config, routes: config.routes.map((route: RouteConfig) => ({...route, resourceId: routeKey(route)}))}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
