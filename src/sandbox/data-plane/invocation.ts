// One request through a deployed stage: what the client sent and what routing found, shared by every
// integration. Built once per request; integrations read it and never change it.

import type {ApiSnapshot, Integration, Method, Resource} from '../model.js'
import type {LambdaRegistry} from './lambda-registry.js'
import {type Pairs, lastValue, queryMaps, singleValueMap} from './headers.js'

export interface MethodRequest {
  httpMethod: string
  /** Percent-decoded, without the stage: `/thumbnails/a.png`. */
  path: string
  headers: Pairs
  query: Pairs
  body: Buffer
  sourceIp: string
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
  region: string
  accountId: string
  /** Writes one of the sandbox's own diagnoses (a line AWS has no counterpart for), once per distinct line. */
  diagnose(line: string): void
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
