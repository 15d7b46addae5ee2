// preflight-hazard: MOCK OPTIONS methods (CORS preflights) that the live or intended binary media types
// break. A preflight has no Content-Type and asks for "*/*"; with "*/*" in binaryMediaTypes its empty body
// counts as binary and the MOCK request template fails (aws-binary-facts §1.6, §7.1), and MOCK's answer,
// which has no Content-Type either, is bytes that a response template cannot transform (the conversion
// model's responseTemplateStep). CONVERT_TO_TEXT on the integration, and on each response with a template,
// keeps it working.

import {type RouteConfig, findRoute, isMockPreflight, routeKey} from '../api-config.js'
import {preflightExperience} from '../experience.js'
import {type Finding, finding} from '../findings.js'
import {type FixCall, contentHandlingPatch} from '../fix-calls.js'
import {ruleFor} from '../desired-spec.js'
import type {RuleContext} from './context.js'

export function preflightFindings(ctx: RuleContext): Finding[] {
  const found: Finding[] = []
  for (const route of ctx.live.routes) {
    if (!isMockPreflight(route) || !route.resourceId) continue
    // Judge the route as the spec leaves it: if the spec already converts it to text there is no hazard.
    const intended = findRoute(ctx.intended, route.httpMethod, route.resourcePath) ?? route
    const brokenNow = broken(route, ctx.live.binaryMediaTypes)
    const brokenAfter = broken(intended, ctx.intended.binaryMediaTypes)
    if (!brokenNow.any && !brokenAfter.any) continue
    const failing = brokenAfter.any ? brokenAfter : brokenNow
    // Where the spec itself sets contentHandling, a fix would fight it: the spec has to change instead.
    const rule = ctx.spec && ruleFor(ctx.spec.routes, route)
    const pinnedRequest = rule?.request !== undefined
    const pinnedStatus = (statusCode: string) => (rule?.responses?.[statusCode] ?? rule?.responses?.['*']) !== undefined
    const pinned = (failing.request && pinnedRequest) || failing.statusCodes.some(pinnedStatus)
    const fix: FixCall[] = []
    if (failing.request && !pinnedRequest) {
      fix.push({operation: 'UpdateIntegration', restApiId: ctx.restApiId, resourceId: route.resourceId, httpMethod: route.httpMethod, patchOperations: [contentHandlingPatch('CONVERT_TO_TEXT')]})
    }
    for (const statusCode of failing.statusCodes.filter((code) => !pinnedStatus(code))) {
      fix.push({
        operation: 'UpdateIntegrationResponse',
        restApiId: ctx.restApiId,
        resourceId: route.resourceId,
        httpMethod: route.httpMethod,
        statusCode,
        patchOperations: [contentHandlingPatch('CONVERT_TO_TEXT')],
      })
    }
    const when = brokenNow.any ? 'Today' : 'Once the intended binary media types are applied'
    found.push(
      finding({
        kind: 'preflight-hazard',
        // Broken today is an error; broken by the change about to be made is a warning carried by the same fix.
        severity: brokenNow.any ? 'error' : 'warning',
        resourcePath: route.resourcePath,
        httpMethod: route.httpMethod,
        expected: 'CONVERT_TO_TEXT',
        actual: failing.request ? 'PASSTHROUGH' : failing.statusCodes.map((code) => `${code}: PASSTHROUGH`).join(', '),
        message: `${when}, the CORS preflight ${routeKey(route)} (no Content-Type, Accept: */*) ${failing.description}, so browsers block the real request. CONVERT_TO_TEXT on the MOCK integration${failing.statusCodes.length > 0 ? ' and its responses' : ''} keeps it answering 200.${pinned ? ' The spec sets contentHandling for this route: change it there to CONVERT_TO_TEXT, or list this finding under ignore.' : ''}`,
        fix,
      }),
    )
  }
  return found
}

function broken(route: RouteConfig, binaryMediaTypes: readonly string[]): {any: boolean; request: boolean; statusCodes: string[]; description: string} {
  const {request, responses} = preflightExperience(route, binaryMediaTypes)
  const failingResponses = responses.filter((response) => response.experience.fails)
  const description = request.fails ? request.description : (failingResponses[0]?.experience.description ?? '')
  return {any: request.fails || failingResponses.length > 0, request: request.fails, statusCodes: failingResponses.map((response) => response.statusCode), description}
}

