// proxy-binary-response: advice for Lambda-proxy routes. API Gateway decodes a proxy response only when
// the function returns isBase64Encoded: true AND the first Accept entry matches binaryMediaTypes; the
// function's Content-Type and any contentHandling play no part (aws-binary-facts §1.5, §7.4, §7.5).

import {type RouteConfig, isStreamedRoute, routeKey} from '../api-config.js'
import {ruleFor} from '../desired-spec.js'
import {downloadExperience} from '../experience.js'
import {type Finding, finding} from '../findings.js'
import {acceptIsBinary} from '../media-type.js'
import type {RuleContext} from './context.js'

/** What Chrome sends for <img> (aws-binary-facts §1.4): only its first entry, image/avif, counts. */
export const BROWSER_IMAGE_ACCEPT = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8'

export function proxyFindings(ctx: RuleContext): Finding[] {
  const found: Finding[] = []
  const types = ctx.intended.binaryMediaTypes
  for (const route of ctx.live.routes) {
    // GET (and ANY) are what browsers and download clients call; advice elsewhere would be noise.
    if (route.integration?.type !== 'AWS_PROXY' || (route.httpMethod !== 'GET' && route.httpMethod !== 'ANY')) continue
    // A streamed response passes as bytes, with no isBase64Encoded and no binary media type (rules/streaming.ts).
    if (isStreamedRoute(route)) continue
    const rule = ctx.spec && ruleFor(ctx.spec.routes, route)
    const asksForResponseHandling = rule?.responses !== undefined && Object.keys(rule.responses).length > 0
    const advice = adviceFor(route, types, asksForResponseHandling)
    if (!advice) continue
    found.push(
      finding({
        kind: 'proxy-binary-response',
        severity: 'info',
        resourcePath: route.resourcePath,
        httpMethod: route.httpMethod,
        message: advice,
        fix: [],
      }),
    )
  }
  return found
}

function adviceFor(route: RouteConfig, types: readonly string[], asksForResponseHandling: boolean): string | undefined {
  const rule = 'For a binary response the function must return isBase64Encoded: true and the first Accept entry must match binaryMediaTypes; contentHandling does not help on a Lambda proxy.'
  if (asksForResponseHandling) return `The spec sets response contentHandling for ${routeKey(route)}, a Lambda proxy, where integration responses never run. ${rule}`
  if (types.length === 0) {
    return `If ${routeKey(route)} returns binary, clients get ${downloadExperience(route, types, 'application/octet-stream').description.replace(/^gets /, '')}: binaryMediaTypes is empty. ${rule}`
  }
  const servesImages = types.some((entry) => entry.startsWith('image/'))
  if (servesImages && !acceptIsBinary(BROWSER_IMAGE_ACCEPT, types)) {
    return `Browsers loading ${routeKey(route)} in <img> send Accept: image/avif first, which binaryMediaTypes does not match, so they get the base64 text; add image/avif or */* to serve them bytes.`
  }
  return undefined
}
