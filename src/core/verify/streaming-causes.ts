// Why a probe of a streamed route failed (responseTransferMode STREAM; developer guide,
// response-transfer-mode.html and response-transfer-mode-lambda.html). A streamed response is never
// converted, so no binary setting explains damage there: what does is the integration's streaming
// set-up, or what the function wrote.

import {type ApiConfig, type RouteConfig, findRoute, isStreamedRoute, routeKey} from '../api-config.js'
import {isInvokeUri} from '../lambda-invocation-uri.js'
import type {Cause} from './cause.js'
import type {Verdict} from './judge.js'
import type {ProbeStep} from './probe-plan.js'


/** The cause of a failed step on a streamed route of the served configuration, or undefined for other routes. */
export function streamingCause(step: ProbeStep, verdict: Verdict, served: ApiConfig): Cause | undefined {
  // Requests are not streamed: an upload's damage is the binary settings' (causes.ts).
  if (step.kind !== 'download' && step.kind !== 'read-back') return undefined
  const route: RouteConfig | undefined = findRoute(served, step.route.httpMethod, step.route.resourcePath)
  if (!route || !isStreamedRoute(route)) return undefined
  const integration = route.integration!
  const key = routeKey(route)
  if (integration.type === 'AWS_PROXY' && isInvokeUri(integration.uri)) {
    return {
      setting: 'integration.uri',
      sentence: `${key} streams, but its Lambda URI is Invoke's (…/2015-03-31/…/invocations), not InvokeWithResponseStream's, so the function's stream never reaches the client (answered ${verdict.status})`,
      fix: 'point the integration at arn:aws:apigateway:REGION:lambda:path/2021-11-15/functions/FUNCTION_ARN/response-streaming-invocations and redeploy',
    }
  }
  if (verdict.observed === 'stream-cut') {
    return {setting: 'other', sentence: `${key} streams and its answer broke off: the integration timeout (${integration.timeoutInMillis ?? 29_000} ms) ran out, or the integration failed mid-stream`}
  }
  if (integration.type === 'AWS_PROXY' && verdict.status === 502) {
    return {
      setting: 'function-output',
      sentence: '502: the function failed before its metadata, or did not write the streaming format (metadata JSON, 8 null bytes, then the body)',
      fix: 'wrap the handler in awslambda.streamifyResponse and write through awslambda.HttpResponseStream.from(responseStream, {statusCode, headers})',
    }
  }
  if (verdict.observed === 'error-status') return undefined
  // A streamed body is the integration's bytes as sent: any other form was written that way.
  const writer = integration.type === 'AWS_PROXY' ? 'the function wrote' : 'the backend sent'
  const base64 = ['base64-text', 'json-base64', 'embedded-base64', 'looks-base64', 'double-base64'].includes(verdict.observed)
  return {
    setting: 'function-output',
    sentence: `${key} streams, so API Gateway passes on the bytes ${writer} unconverted; ${base64 ? 'they are base64 text, which a streamed response is never decoded from' : 'they are not the payload'}`,
    ...(integration.type === 'AWS_PROXY' ? {fix: 'write the raw bytes to the response stream (no base64, no isBase64Encoded)'} : {}),
  }
}
