// unknown-route: spec routes (and status codes) the API does not have. Nothing can be patched there, so
// these findings carry no fix: the spec or the API has to change.

import {type RouteConfig, routeKey} from '../api-config.js'
import type {RouteRule} from '../desired-spec.js'
import {type Finding, finding} from '../findings.js'
import {closestName} from '../suggest.js'
import type {RuleContext} from './context.js'

export function unknownRouteFindings(ctx: RuleContext): Finding[] {
  if (!ctx.spec) return []
  const found: Finding[] = []
  for (const rule of ctx.spec.routes) {
    if (rule.resourcePath === '*') continue
    const matches = ctx.live.routes.filter(
      (route) => route.resourcePath === rule.resourcePath && (rule.httpMethod === '*' || route.httpMethod === rule.httpMethod),
    )
    if (matches.length === 0) {
      const nearest = nearestRouteKey(rule, ctx.live.routes)
      found.push(
        finding({
          kind: 'unknown-route',
          severity: 'error',
          resourcePath: rule.resourcePath,
          httpMethod: rule.httpMethod,
          expected: rule.key,
          message: `The spec names ${rule.key}, which this API does not have${nearest ? ` (did you mean ${nearest}?)` : ''}, so its settings cannot be applied. Resource paths are case-sensitive; fix the key or remove the route from the spec.`,
          fix: [],
        }),
      )
      continue
    }
    for (const route of matches) {
      const codes = route.integration?.responses.map((response) => response.statusCode) ?? []
      for (const statusCode of Object.keys(rule.responses ?? {})) {
        if (statusCode === '*' || codes.includes(statusCode) || route.integration?.type === 'AWS_PROXY' || route.integration?.type === 'HTTP_PROXY') continue
        found.push(
          finding({
            kind: 'unknown-route',
            severity: 'error',
            resourcePath: route.resourcePath,
            httpMethod: route.httpMethod,
            statusCode,
            expected: `${rule.key} → ${statusCode}`,
            actual: codes.length === 0 ? null : codes.join(', '),
            message: `The spec sets status ${statusCode} of ${routeKey(route)}, which has no integration response for it (it has ${codes.length === 0 ? 'none' : codes.join(', ')}).`,
            fix: [],
          }),
        )
      }
    }
  }
  return found
}

/** The route key of the API nearest a spec route it lacks ("PUT /lambda" for "PUT /lamda"), if one is close. */
export function nearestRouteKey(wanted: Pick<RouteRule, 'httpMethod' | 'resourcePath'>, routes: readonly RouteConfig[]): string | undefined {
  // A rule for every method ("* /path") is compared with paths in the same form.
  const keys = new Set(routes.map((route) => `${wanted.httpMethod === '*' ? '*' : route.httpMethod} ${route.resourcePath}`))
  return closestName(`${wanted.httpMethod} ${wanted.resourcePath}`, keys)
}
