// An OpenAPI 2.0/3.0 document with API Gateway extensions read as a desired spec: what it says is what
// the API should hold, route by route.

import {apiConfigFromOpenApi} from '../core/api-config-readers.js'
import {BINARY_MEDIA_TYPES_EXTENSION} from '../core/openapi-names.js'
import {routeKey} from '../core/api-config.js'
import type {DesiredSpec, RouteRule} from '../core/desired-spec.js'
import {normalizedMediaTypes} from './binfix-spec.js'

export function isOpenApiDocument(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && ('openapi' in data || 'swagger' in data)
}

/**
 * Every operation whose integration sets contentHandling becomes an exact rule for what it sets: the
 * integration's, and that of each integration response that sets one. A key the document leaves out is
 * not governed: most documents never mention contentHandling, and reading its absence as PASSTHROUGH
 * would pin settings their owners never chose. Throws OpenApiReadError or SpecFault.
 */
export function desiredSpecFromOpenApi(document: unknown, file: string): DesiredSpec {
  const config = apiConfigFromOpenApi(document)
  const routes: RouteRule[] = []
  for (const route of config.routes) {
    const integration = route.integration
    if (!integration) continue
    const responses = Object.fromEntries(
      integration.responses.flatMap((response) => (response.contentHandling === undefined ? [] : [[response.statusCode, response.contentHandling] as const])),
    )
    if (integration.contentHandling === undefined && Object.keys(responses).length === 0) continue
    routes.push({
      key: routeKey(route),
      httpMethod: route.httpMethod,
      resourcePath: route.resourcePath,
      ...(integration.contentHandling === undefined ? {} : {request: integration.contentHandling}),
      ...(Object.keys(responses).length === 0 ? {} : {responses}),
    })
  }
  return {
    source: {kind: 'openapi', file},
    binaryMediaTypes: normalizedMediaTypes(config.binaryMediaTypes, (index) => [BINARY_MEDIA_TYPES_EXTENSION, index]),
    binaryMediaTypesMode: 'add-only',
    routes,
    verify: [],
    ignore: [],
  }
}
