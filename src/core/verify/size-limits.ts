// The largest binary body a route can carry, raw, in one direction (aws-binary-facts §4.2, §4.3; AWS
// limits.html and Lambda's API_Invoke). API Gateway takes 10 MiB; through Lambda the 6 MiB synchronous
// invoke payload is the binding limit, and binary travels inside it as base64 (×4/3) wrapped in JSON:
// a Lambda-proxy event or response object, or the text a non-proxy mapping template renders.

import {type RouteConfig, isLambdaCustomIntegration} from '../api-config.js'
import {KIB, MAX_PROBE_SIZE, formatSize} from './byte-size.js'

export const API_GATEWAY_PAYLOAD_LIMIT = MAX_PROBE_SIZE
/** "Request must be smaller than 6291456 bytes for the InvokeFunction operation". */
export const LAMBDA_INVOKE_PAYLOAD_LIMIT = 6_291_456

/**
 * Room the JSON around the base64 body takes. A proxy event repeats every header (headers and
 * multiValueHeaders) next to requestContext, a few KiB with browser headers; a proxy response or a
 * mapping template's own text is far smaller. Allowances, not measurements: the limit is "about".
 */
export const ENVELOPE_ALLOWANCE = {proxyEvent: 4 * KIB, proxyResponse: 1 * KIB, mappingTemplate: 1 * KIB} as const

export type PayloadDirection = 'request' | 'response'

export interface SizeLimit {
  /** The largest raw body, in bytes. */
  bytes: number
  /** What binds: API Gateway's own payload limit, or Lambda's invoke payload after base64. */
  via: 'api-gateway' | 'lambda'
  reason: string
}

/**
 * The binary path is assumed: a body that does not count as binary is damaged long before it is too
 * big, so its size is not the question.
 */
export function effectiveSizeLimit(route: RouteConfig, direction: PayloadDirection): SizeLimit {
  const integration = route.integration
  const gateway: SizeLimit = {bytes: API_GATEWAY_PAYLOAD_LIMIT, via: 'api-gateway', reason: `API Gateway's payload limit of ${formatSize(API_GATEWAY_PAYLOAD_LIMIT)} (${API_GATEWAY_PAYLOAD_LIMIT} bytes)`}
  if (!integration) return gateway
  const proxy = integration.type === 'AWS_PROXY'
  if (!proxy && !isLambdaCustomIntegration(integration)) return gateway
  const allowance = proxy ? (direction === 'request' ? ENVELOPE_ALLOWANCE.proxyEvent : ENVELOPE_ALLOWANCE.proxyResponse) : ENVELOPE_ALLOWANCE.mappingTemplate
  const bytes = rawBytesInBase64(LAMBDA_INVOKE_PAYLOAD_LIMIT - allowance)
  const wrapper = proxy ? (direction === 'request' ? 'the proxy event' : "the function's proxy response") : direction === 'request' ? 'the mapping template output' : "the function's result"
  return {
    bytes,
    via: 'lambda',
    reason: `through Lambda, whose ${formatSize(LAMBDA_INVOKE_PAYLOAD_LIMIT)} invoke payload (${LAMBDA_INVOKE_PAYLOAD_LIMIT} bytes) carries the body base64-encoded inside ${wrapper} (allowing ${formatSize(allowance)} for the rest): about ${formatSize(bytes)} of raw bytes`,
  }
}

/** The most raw bytes whose base64 (4 characters per 3 bytes, padded) fits in `characters`. */
export function rawBytesInBase64(characters: number): number {
  return Math.floor(characters / 4) * 3
}
