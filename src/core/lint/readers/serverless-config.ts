// serverless.yml: the REST API the Serverless Framework compiles from provider.apiGateway and the
// functions' http events. What it compiles, as the project's iac/serverless.ts records it from
// serverless/serverless lib/plugins/aws/package/compile/events/api-gateway/:
// - provider.apiGateway.binaryMediaTypes → the RestApi's BinaryMediaTypes as written (rest-api.js);
// - integration: lambda-proxy (the default) → AWS_PROXY; lambda → AWS with a Lambda URI; http, http-proxy,
//   mock → HTTP, HTTP_PROXY, MOCK (method/integration.js);
// - request.contentHandling → Integration.ContentHandling and response.contentHandling → the 2xx
//   IntegrationResponses' ContentHandling, for non-proxy integrations only (PR #6987, #7757);
// - cors: true (or an object) → a MOCK OPTIONS per path with RequestTemplates application/json,
//   ContentHandling CONVERT_TO_TEXT on the integration and a 200 response whose ResponseTemplates has an
//   empty application/json template and no ContentHandling (cors.js; serverless #7243, #10254, as
//   fixtures/stacks/thumbnail-service.serverless.json shows);
// - every deploy creates a new AWS::ApiGateway::Deployment (deployment.js).

import {type IntegrationConfig, type IntegrationKind, type RouteConfig, routeKey, sortRoutes} from '../../api-config.js'
import type {ContentHandling} from '../../conversion.js'
import type {DeclaredMediaType, LintedApi, RoutePlaces} from '../linted-api.js'
import type {SourcePath} from '../positions.js'
import {isRecord} from './openapi-document.js'
import {withoutEdgeSlashes} from './resource-path-text.js'

const INTEGRATIONS: Record<string, IntegrationKind> = {
  'lambda-proxy': 'AWS_PROXY',
  'aws-proxy': 'AWS_PROXY',
  aws_proxy: 'AWS_PROXY',
  lambda: 'AWS',
  aws: 'AWS',
  http: 'HTTP',
  'http-proxy': 'HTTP_PROXY',
  http_proxy: 'HTTP_PROXY',
  mock: 'MOCK',
}

/** Undefined when the service declares no http event and no binary media types. */
export function readServerlessConfig(config: Record<string, unknown>): LintedApi | undefined {
  const provider = isRecord(config['provider']) ? config['provider'] : {}
  const apiGateway = isRecord(provider['apiGateway']) ? provider['apiGateway'] : {}
  const listed = apiGateway['binaryMediaTypes']
  const mediaTypes: DeclaredMediaType[] = Array.isArray(listed)
    ? listed.flatMap((entry, index) =>
        typeof entry === 'string'
          ? [{raw: entry, stored: entry.includes('/') ? entry : entry.replaceAll('~1', '/'), path: ['provider', 'apiGateway', 'binaryMediaTypes', index], place: 'provider.apiGateway.binaryMediaTypes', literal: false}]
          : [],
      )
    : []
  const routes: RouteConfig[] = []
  const places = new Map<string, RoutePlaces>()
  const corsPaths = new Map<string, SourcePath>()
  const functions = isRecord(config['functions']) ? config['functions'] : {}
  for (const [name, fn] of Object.entries(functions)) {
    const events = isRecord(fn) && Array.isArray(fn['events']) ? fn['events'] : []
    events.forEach((event, index) => {
      if (!isRecord(event) || event['http'] === undefined) return
      const at: SourcePath = ['functions', name, 'events', index, 'http']
      const http = httpEvent(event['http'])
      if (!http) return
      const route = httpRoute(http, name)
      if (routes.some((known) => routeKey(known) === routeKey(route))) return
      routes.push({...route, resourceId: routeKey(route)})
      const request = isRecord(http['request']) && 'contentHandling' in http['request'] ? [...at, 'request', 'contentHandling'] : at
      const response = isRecord(http['response']) && 'contentHandling' in http['response'] ? [...at, 'response', 'contentHandling'] : at
      places.set(routeKey(route), {method: at, contentHandling: request, responses: new Map(route.integration?.responses.map((entry) => [entry.statusCode, response]) ?? [])})
      const cors = http['cors']
      if (cors !== undefined && cors !== false && !corsPaths.has(route.resourcePath)) corsPaths.set(route.resourcePath, [...at, 'cors'])
    })
  }
  for (const [resourcePath, at] of corsPaths) {
    if (routes.some((route) => route.httpMethod === 'OPTIONS' && route.resourcePath === resourcePath)) continue
    const preflight: RouteConfig = {
      resourcePath,
      httpMethod: 'OPTIONS',
      integration: {type: 'MOCK', contentHandling: 'CONVERT_TO_TEXT', requestTemplateTypes: ['application/json'], responses: [{statusCode: '200', responseTemplateTypes: ['application/json']}]},
    }
    routes.push({...preflight, resourceId: routeKey(preflight)})
    places.set(routeKey(preflight), {
      method: at,
      contentHandling: at,
      responses: new Map([['200', at]]),
      generatedBy: {
        tool: "Serverless's cors: true",
        path: at,
        workaround:
          'Serverless writes no contentHandling on the responses of the preflights it generates (serverless #10254): add ContentHandling: CONVERT_TO_TEXT to each of its IntegrationResponses under resources.Resources.<the method\'s logical id, ApiGatewayMethod…Options>.Properties.Integration, which Serverless merges into the compiled method.',
      },
    })
  }
  if (routes.length === 0 && mediaTypes.length === 0) return undefined
  const service = typeof config['service'] === 'string' ? config['service'] : isRecord(config['service']) && typeof config['service']['name'] === 'string' ? config['service']['name'] : 'service'
  return {
    name: service,
    format: 'serverless',
    iacFormat: 'serverless',
    config: {binaryMediaTypes: [...new Set(mediaTypes.map((entry) => entry.stored))], routes: sortRoutes(routes)},
    api: isRecord(provider['apiGateway']) ? ['provider', 'apiGateway'] : ['provider'],
    ...(listed !== undefined ? {mediaTypeList: ['provider', 'apiGateway', 'binaryMediaTypes']} : {}),
    mediaTypes,
    routes: places,
    deployments: [],
  }
}

/** `http: GET /path` or `http: {method, path, …}`. */
function httpEvent(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    const [method, path] = value.trim().split(/\s+/, 2)
    return method && path ? {method, path} : undefined
  }
  return isRecord(value) && typeof value['method'] === 'string' && typeof value['path'] === 'string' ? value : undefined
}

function httpRoute(http: Record<string, unknown>, functionName: string): RouteConfig {
  const path = withoutEdgeSlashes(String(http['path']).trim(), 'both')
  const resourcePath = `/${path}`
  const httpMethod = String(http['method']).toUpperCase()
  const type = INTEGRATIONS[String(http['integration'] ?? 'lambda-proxy').toLowerCase()] ?? 'AWS_PROXY'
  const proxy = type === 'AWS_PROXY' || type === 'HTTP_PROXY'
  const request = proxy ? undefined : handling(isRecord(http['request']) ? http['request']['contentHandling'] : undefined)
  const response = proxy ? undefined : handling(isRecord(http['response']) ? http['response']['contentHandling'] : undefined)
  const integration: IntegrationConfig = {
    type,
    ...(type === 'AWS' || type === 'AWS_PROXY' ? {uri: `arn:aws:apigateway:region:lambda:path/2015-03-31/functions/${functionName}/invocations`} : {}),
    ...(request ? {contentHandling: request} : {}),
    requestTemplateTypes: [],
    responses: proxy ? [] : [{statusCode: '200', ...(response ? {contentHandling: response} : {}), responseTemplateTypes: []}],
  }
  return {resourcePath, httpMethod: httpMethod === 'ANY' ? 'ANY' : httpMethod, integration}
}

function handling(value: unknown): ContentHandling | undefined {
  const text = typeof value === 'string' ? value.toUpperCase() : undefined
  return text === 'CONVERT_TO_BINARY' || text === 'CONVERT_TO_TEXT' ? text : undefined
}
