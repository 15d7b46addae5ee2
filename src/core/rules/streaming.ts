// Response streaming (an integration's responseTransferMode STREAM; developer guide, response-transfer-mode.html):
// a streamed response needs no binary media type and no contentHandling, so the other rules leave it be
// (core/experience.ts answers "gets the bytes" for it). What breaks streaming is judged here:
// - stream-transfer-mode: the spec says a route streams (routes: {"GET /video": {transferMode: STREAM}}) and
//   it does not, or the other way round;
// - stream-integration-type: STREAM on an integration that cannot stream (only HTTP_PROXY and AWS_PROXY can);
// - stream-invocation-uri: a streamed Lambda proxy whose URI is Invoke's `2015-03-31/.../invocations`
//   rather than InvokeWithResponseStream's `2021-11-15/.../response-streaming-invocations`
//   (response-transfer-mode-lambda.html);
// - buffered-timeout-over-quota: a buffered integration waiting longer than 29 s, API Gateway's default
//   quota, which only Regional and private APIs can raise (botocore's PutIntegration timeoutInMillis);
//   streaming allows up to 15 minutes without a quota increase;
// - catch-all-for-streams: `*/*` kept although every response it could be for now streams, while it still
//   turns every request body into binary (a Lambda proxy gets even JSON base64-encoded).
//
// None carries an automatic fix: plan, apply, journal and rollback know an UpdateIntegration as the
// contentHandling setting (core/settings.ts), so a /responseTransferMode or /uri patch would be journaled
// under the wrong prior value and rolled back wrongly. The messages give the call to make by hand.

import {type RouteConfig, isStreamedRoute, routeKey} from '../api-config.js'
import {ruleFor} from '../desired-spec.js'
import {acceptsUploads} from '../experience.js'
import {type Finding, finding} from '../findings.js'
import {streamingInvocationUri} from '../lambda-invocation-uri.js'
import {normalizeSpecMediaType} from '../media-type.js'
import type {RuleContext} from './context.js'

const STREAMABLE_TYPES = ['HTTP_PROXY', 'AWS_PROXY']
/** API Gateway's default integration timeout quota (developer guide, limits; botocore's PutIntegration doc). */
export const DEFAULT_TIMEOUT_QUOTA_MS = 29_000

export function streamingFindings(ctx: RuleContext): Finding[] {
  const found: Finding[] = []
  for (const route of ctx.live.routes) {
    if (!route.integration) continue
    found.push(...againstSpec(ctx, route), ...streamFaults(route), ...bufferedTimeout(route))
  }
  return [...found, ...catchAllForStreams(ctx)]
}

function againstSpec(ctx: RuleContext, route: RouteConfig): Finding[] {
  const wanted = ctx.spec && ruleFor(ctx.spec.routes, route)?.transferMode
  const actual = route.integration!.responseTransferMode ?? 'BUFFERED'
  if (wanted === undefined || wanted === actual) return []
  const type = route.integration!.type
  const cannot = wanted === 'STREAM' && !STREAMABLE_TYPES.includes(type)
  const call = route.resourceId === undefined ? '' : ` (aws apigateway update-integration --rest-api-id ${ctx.restApiId} --resource-id ${route.resourceId} --http-method ${route.httpMethod} --patch-operations op=replace,path=/responseTransferMode,value=${wanted})`
  const effect =
    wanted === 'STREAM'
      ? `${routeKey(route)} answers buffered: clients wait for the whole response, which API Gateway caps at 10 MB and ${DEFAULT_TIMEOUT_QUOTA_MS / 1000} s, and binary bytes need binaryMediaTypes to pass.`
      : `${routeKey(route)} streams: its response bypasses binaryMediaTypes, contentHandling and response templates.`
  return [
    finding({
      kind: 'stream-transfer-mode',
      severity: 'error',
      resourcePath: route.resourcePath,
      httpMethod: route.httpMethod,
      expected: wanted,
      actual,
      message: cannot
        ? `The spec wants ${routeKey(route)} to stream, but its ${type} integration cannot: only HTTP_PROXY and AWS_PROXY integrations stream. Make it a proxy integration, or change the spec.`
        : `The spec wants responseTransferMode ${wanted}; ${effect} Set it with UpdateIntegration${call} and redeploy; this tool does not write it for you.`,
      fix: [],
    }),
  ]
}

function streamFaults(route: RouteConfig): Finding[] {
  const integration = route.integration!
  if (!isStreamedRoute(route)) return []
  if (!STREAMABLE_TYPES.includes(integration.type)) {
    return [
      finding({
        kind: 'stream-integration-type',
        severity: 'error',
        resourcePath: route.resourcePath,
        httpMethod: route.httpMethod,
        expected: 'HTTP_PROXY or AWS_PROXY',
        actual: integration.type,
        message: `${routeKey(route)} sets responseTransferMode STREAM on a ${integration.type} integration: API Gateway streams only HTTP_PROXY and AWS_PROXY integrations and refuses this one when it is put or imported.`,
        fix: [],
      }),
    ]
  }
  const streamingUri = integration.type === 'AWS_PROXY' ? streamingInvocationUri(integration.uri) : undefined
  if (streamingUri === undefined) return []
  return [
    finding({
      kind: 'stream-invocation-uri',
      severity: 'error',
      resourcePath: route.resourcePath,
      httpMethod: route.httpMethod,
      expected: streamingUri,
      actual: integration.uri!,
      message: `${routeKey(route)} streams, but its Lambda URI is Invoke's (…/2015-03-31/…/invocations): API Gateway streams a function only through InvokeWithResponseStream, so requests do not get the function's stream. Point the integration at ${streamingUri} (UpdateIntegration, op=replace,path=/uri) and redeploy.`,
      fix: [],
    }),
  ]
}

function bufferedTimeout(route: RouteConfig): Finding[] {
  const {integration} = route
  const timeout = integration!.timeoutInMillis
  if (isStreamedRoute(route) || integration!.type === 'MOCK' || timeout === undefined || timeout <= DEFAULT_TIMEOUT_QUOTA_MS) return []
  const streamable = STREAMABLE_TYPES.includes(integration!.type)
  return [
    finding({
      kind: 'buffered-timeout-over-quota',
      severity: 'warning',
      resourcePath: route.resourcePath,
      httpMethod: route.httpMethod,
      expected: `at most ${DEFAULT_TIMEOUT_QUOTA_MS} ms`,
      actual: `${timeout} ms`,
      message: `${routeKey(route)} waits up to ${timeout} ms for a buffered response, past API Gateway's default quota of ${DEFAULT_TIMEOUT_QUOTA_MS} ms: it needs a quota increase, which only Regional and private APIs can have, in every account and Region it is deployed to.${streamable ? ' Streaming the response (responseTransferMode STREAM) allows up to 900000 ms without one.' : ''}`,
      fix: [],
    }),
  ]
}

function catchAllForStreams(ctx: RuleContext): Finding[] {
  const catchAll = ctx.live.binaryMediaTypes.find((entry) => normalizeSpecMediaType(entry) === '*/*')
  if (catchAll === undefined || ctx.spec?.binaryMediaTypes.includes('*/*')) return []
  // GET and ANY are what download clients call (as proxy.ts reasons); an upload's answer is not a download.
  const downloads = ctx.live.routes.filter((route) => route.integration && route.integration.type !== 'MOCK' && (route.httpMethod === 'GET' || route.httpMethod === 'ANY'))
  if (downloads.length === 0 || !downloads.every(isStreamedRoute)) return []
  const upload = ctx.live.routes.find((route) => route.integration?.type === 'AWS_PROXY' && acceptsUploads(route))
  return [
    finding({
      kind: 'catch-all-for-streams',
      severity: 'info',
      mediaType: catchAll,
      expected: null,
      actual: catchAll,
      message: `*/* is in binaryMediaTypes, but every route that answers downloads now streams, which needs no binary media type. It still makes every request body binary${upload ? `: ${routeKey(upload)} gets even a JSON body base64-encoded with isBase64Encoded: true` : ''}. List only the media types uploads need, or remove it.`,
      fix: [],
    }),
  ]
}
