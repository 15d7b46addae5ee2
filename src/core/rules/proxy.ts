// proxy-binary-response: advice for Lambda-proxy routes. API Gateway decodes a proxy response only when
// the function returns isBase64Encoded: true AND the first Accept entry matches binaryMediaTypes; the
// function's Content-Type and any contentHandling play no part (aws-binary-facts §1.5, §7.4, §7.5).
// Advice is given only where something says a route serves binary, and once per API: on a JSON API,
// advice on every GET route is noise its owner learns to skip.

import {type RouteConfig, isStreamedRoute, routeKey} from '../api-config.js'
import {ruleFor} from '../desired-spec.js'
import {downloadExperience} from '../experience.js'
import {type Finding, finding} from '../findings.js'
import {acceptIsBinary} from '../media-type.js'
import type {RuleContext} from './context.js'

/** What Chrome sends for <img> (aws-binary-facts §1.4): only its first entry, image/avif, counts. */
export const BROWSER_IMAGE_ACCEPT = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8'

const RULE = 'For a binary response the function must return isBase64Encoded: true and the first Accept entry must match binaryMediaTypes; contentHandling does not help on a Lambda proxy.'

export function proxyFindings(ctx: RuleContext): Finding[] {
  const found: Finding[] = []
  const candidates: RouteConfig[] = []
  for (const route of ctx.live.routes) {
    // GET (and ANY) are what browsers and download clients call; advice elsewhere would be noise.
    if (route.integration?.type !== 'AWS_PROXY' || (route.httpMethod !== 'GET' && route.httpMethod !== 'ANY')) continue
    // A streamed response passes as bytes, with no isBase64Encoded and no binary media type (rules/streaming.ts).
    if (isStreamedRoute(route)) continue
    const rule = ctx.spec && ruleFor(ctx.spec.routes, route)
    if (rule?.responses !== undefined && Object.keys(rule.responses).length > 0) {
      // The spec itself asks for something a proxy never does: said where the spec says it.
      found.push(
        finding({
          kind: 'proxy-binary-response',
          severity: 'info',
          resourcePath: route.resourcePath,
          httpMethod: route.httpMethod,
          message: `The spec sets response contentHandling for ${routeKey(route)}, a Lambda proxy, where integration responses never run. ${RULE}`,
          fix: [],
        }),
      )
    } else {
      candidates.push(route)
    }
  }
  // Routes that say so themselves come first; binary types alone speak for every route only when none does.
  const named = candidates.filter((route) => routeSaysBinary(route, ctx))
  const apiSaysBinary = (ctx.spec?.binaryMediaTypes.length ?? 0) > 0 || ctx.live.binaryMediaTypes.length > 0
  const advice = apiAdvice(named.length > 0 ? named : apiSaysBinary ? candidates : [], ctx.intended.binaryMediaTypes)
  if (advice) found.push(finding({kind: 'proxy-binary-response', severity: 'info', message: advice, fix: []}))
  return found
}

/** Whether the route itself says it returns binary: a path that names images or files, or a verify probe of the spec aimed at it. */
function routeSaysBinary(route: RouteConfig, ctx: RuleContext): boolean {
  return looksLikeFiles(route.resourcePath) || (ctx.spec?.verify ?? []).some((probe) => probeTargets(probe.route, route))
}

const FILE_WORDS = /(^|[^a-z])(images?|img|photos?|pictures?|thumbnails?|thumbs?|avatars?|icons?|files?|downloads?|uploads?|assets?|media|videos?|audio|documents?|docs|pdfs?|attachments?|blobs?|objects?|static)([^a-z]|$)/i
const FILE_EXTENSION = /\.(png|jpe?g|gif|webp|avif|svg|ico|bmp|tiff?|pdf|zip|gz|mp[34]|wav|webm|woff2?)$/i

function looksLikeFiles(resourcePath: string): boolean {
  return resourcePath.split('/').some((part) => FILE_WORDS.test(part) || FILE_EXTENSION.test(part))
}

/** A probe's "METHOD /path?query" against a route's method and resource path ({param} matches a segment, {proxy+} the rest). */
function probeTargets(probeRoute: string, route: RouteConfig): boolean {
  const [method, target] = probeRoute.split(' ', 2)
  if (method === undefined || target === undefined) return false
  if (route.httpMethod !== 'ANY' && method.toUpperCase() !== route.httpMethod) return false
  const path = target.split('?', 1)[0]!.split('/').filter(Boolean)
  const template = route.resourcePath.split('/').filter(Boolean)
  for (const [index, part] of template.entries()) {
    if (/^\{.+\+\}$/.test(part)) return path.length > index
    if (path[index] === undefined) return false
    if (!/^\{.+\}$/.test(part) && part !== path[index]) return false
  }
  return path.length === template.length
}

function apiAdvice(routes: readonly RouteConfig[], types: readonly string[]): string | undefined {
  const first = routes[0]
  if (!first) return undefined
  const named = routes.map(routeKey).join(', ')
  if (types.length === 0) {
    const experience = downloadExperience(first, types, 'application/octet-stream').description.replace(/^gets /, '')
    return `If ${named} ${routes.length === 1 ? 'returns' : 'return'} binary, clients get ${experience}: binaryMediaTypes is empty. ${RULE}`
  }
  const servesImages = types.some((entry) => entry.startsWith('image/'))
  if (servesImages && !acceptIsBinary(BROWSER_IMAGE_ACCEPT, types)) {
    return `Browsers loading ${named} in <img> send Accept: image/avif first, which binaryMediaTypes does not match, so they get the base64 text; add image/avif or */* to serve them bytes.`
  }
  return undefined
}
