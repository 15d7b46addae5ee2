// One request through a deployed stage: what the client sent and what routing found, shared by every
// integration. Built once per request; integrations read it and change nothing but its `overrides`.

import type {ApiSnapshot, Integration, Method, Resource, SandboxState} from '../model.js'
import type {ObjectStore} from '../object-store.js'
import type {LambdaRegistry} from './lambda-registry.js'
import {type Pairs, lastValue, queryMaps, singleValueMap} from './headers.js'

export interface MethodRequest {
  httpMethod: string
  /** As sent (percent-escapes kept), without the stage and the slashes it starts with: `/thumbnails/a.png`. */
  path: string
  headers: Pairs
  query: Pairs
  body: Buffer
  sourceIp: string
  /** The port the client connected to (X-Forwarded-Port). */
  port: number
}

/**
 * `$context.requestOverride` and `$context.responseOverride`: what a request template sets there replaces
 * the integration request's headers, query string and path parameters, and what either template sets in
 * responseOverride replaces the method response's status and headers; anything else set there is carried to
 * the response template (developer guide "Override your API's request and response parameters and status
 * codes"; recorded in LocalStack's test_integration_mock_with_request_overrides_in_response_template and
 * test_integration_mock_with_response_override_in_request_template). The one part of an invocation that
 * changes while it runs: each template starts from what the previous one left.
 */
export interface ContextOverrides {
  requestOverride: Record<string, unknown>
  responseOverride: Record<string, unknown>
}

export function newOverrides(): ContextOverrides {
  return {requestOverride: {header: {}, querystring: {}, path: {}}, responseOverride: {header: {}, status: 0}}
}

export interface Invocation {
  request: MethodRequest
  snapshot: ApiSnapshot
  resource: Resource
  method: Method
  integration: Integration
  pathParameters: Record<string, string>
  stageVariables: Record<string, string>
  /** `$context` as mapping templates and the proxy event's requestContext see it. */
  context: RequestContext
  lambdas: LambdaRegistry
  /** What S3 integrations read and write. */
  objects: ObjectStore
  region: string
  accountId: string
  /** The API keys and usage plans of the API's account and Region. */
  apiKeys: Pick<SandboxState, 'apiKeys' | 'usagePlans' | 'usagePlanKeys'>
  /** Writes one of the sandbox's own diagnoses (a line AWS has no counterpart for), once per distinct line. */
  diagnose(line: string): void
  overrides: ContextOverrides
  /** The X-Ray trace header API Gateway passes to the integration and answers with. */
  traceId: string
}

export interface RequestContext {
  [key: string]: unknown
  accountId: string
  apiId: string
  deploymentId: string
  domainName: string
  domainPrefix: string
  extendedRequestId: string
  httpMethod: string
  identity: {sourceIp: string; userAgent: string | null; [key: string]: unknown}
  path: string
  protocol: string
  requestId: string
  requestTime: string
  requestTimeEpoch: number
  resourceId: string
  resourcePath: string
  stage: string
}

export function header(request: MethodRequest, name: string): string | undefined {
  return lastValue(request.headers, name)
}

/** The values `$input.params()` reads: path, query string (last value wins) and headers (last value wins). */
export function templateParams(invocation: Invocation): {path: Record<string, string>; querystring: Record<string, string>; header: Record<string, string>} {
  return {
    path: {...invocation.pathParameters},
    querystring: queryMaps(invocation.request.query).single,
    header: singleValueMap(invocation.request.headers),
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `$context.requestTime`: CLF format, `21/Nov/2026:06:45:16 +0000`. */
export function requestTime(epochMs: number): string {
  const date = new Date(epochMs)
  const two = (value: number) => String(value).padStart(2, '0')
  return `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
}
