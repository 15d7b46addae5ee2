// The binary-relevant configuration of a REST API, read either from the working copy (GetRestApi +
// GetResources?embed=methods) or from a stage's export / an OpenAPI spec. Both sources land in the same
// shape so that rules can compare them.

import type {ContentHandling} from './conversion.js'

export type IntegrationKind = 'HTTP' | 'AWS' | 'MOCK' | 'HTTP_PROXY' | 'AWS_PROXY'
/** An integration's responseTransferMode (developer guide, response-transfer-mode.html); BUFFERED when unset. */
export type TransferMode = 'BUFFERED' | 'STREAM'

export interface IntegrationResponseConfig {
  statusCode: string
  selectionPattern?: string
  contentHandling?: ContentHandling
  /** Content types that have a response mapping template. */
  responseTemplateTypes: string[]
}

export interface IntegrationConfig {
  type: IntegrationKind
  uri?: string
  contentHandling?: ContentHandling
  passthroughBehavior?: string
  /** Content types that have a request mapping template. */
  requestTemplateTypes: string[]
  /** Sorted by status code. */
  responses: IntegrationResponseConfig[]
  /** As the source states it; absent reads as BUFFERED. */
  responseTransferMode?: TransferMode
  /** As the source states it; absent reads as API Gateway's default, 29000. */
  timeoutInMillis?: number
}

export interface RouteConfig {
  /** Present when read from the working copy; exports do not carry resource ids. */
  resourceId?: string
  resourcePath: string
  httpMethod: string
  integration?: IntegrationConfig
}

export interface ApiConfig {
  binaryMediaTypes: string[]
  /** Sorted by path, then method. */
  routes: RouteConfig[]
}

export function routeKey(route: {httpMethod: string; resourcePath: string}): string {
  return `${route.httpMethod} ${route.resourcePath}`
}

export function findRoute(config: ApiConfig, httpMethod: string, resourcePath: string): RouteConfig | undefined {
  return config.routes.find((route) => route.httpMethod === httpMethod && route.resourcePath === resourcePath)
}

export function sortRoutes(routes: RouteConfig[]): RouteConfig[] {
  return routes.sort((a, b) => compareText(a.resourcePath, b.resourcePath) || compareText(a.httpMethod, b.httpMethod))
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** AWS_PROXY with a Lambda target: responses bypass integration responses and contentHandling. */
export function isLambdaProxy(route: RouteConfig): boolean {
  return route.integration?.type === 'AWS_PROXY'
}

/** The route's integration streams its response (responseTransferMode STREAM). */
export function isStreamedRoute(route: RouteConfig): boolean {
  return route.integration?.responseTransferMode === 'STREAM'
}

/** A MOCK OPTIONS method: how every deploy tool answers CORS preflights. */
export function isMockPreflight(route: RouteConfig): boolean {
  return route.httpMethod === 'OPTIONS' && route.integration?.type === 'MOCK'
}

/** Non-proxy AWS integrations to Lambda always hand API Gateway a text (JSON) result. */
export function isLambdaCustomIntegration(integration: IntegrationConfig): boolean {
  return integration.type === 'AWS' && /:lambda:path\//.test(integration.uri ?? '')
}
