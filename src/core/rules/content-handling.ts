// integration-content-handling and integration-response-content-handling: each route's settings against
// the spec's rule for it. Lambda-proxy response settings are advice (they do not apply), see proxy.ts.

import {type RouteConfig, findRoute, isMockPreflight, routeKey} from '../api-config.js'
import {type ContentHandlingChoice, choiceOf} from '../desired-spec.js'
import {PREFLIGHT_ACCEPT, downloadExperience, downloadSubject, preflightExperience, uploadExperience, uploadSubject} from '../experience.js'
import {type Finding, finding} from '../findings.js'
import {contentHandlingPatch} from '../fix-calls.js'
import {type RuleContext, representativeType} from './context.js'

export function contentHandlingFindings(ctx: RuleContext): Finding[] {
  if (!ctx.spec) return []
  const found: Finding[] = []
  for (const route of ctx.live.routes) {
    const intended = findRoute(ctx.intended, route.httpMethod, route.resourcePath)
    if (!route.integration || !intended?.integration || !route.resourceId) continue
    found.push(...requestSide(ctx, route, intended), ...responseSide(ctx, route, intended))
  }
  return found
}

function requestSide(ctx: RuleContext, route: RouteConfig, intended: RouteConfig): Finding[] {
  const actual = choiceOf(route.integration!.contentHandling)
  const expected = choiceOf(intended.integration!.contentHandling)
  if (actual === expected) return []
  return [
    finding({
      kind: 'integration-content-handling',
      severity: 'error',
      resourcePath: route.resourcePath,
      httpMethod: route.httpMethod,
      expected,
      actual,
      message: requestMessage(ctx, route, intended, expected),
      fix: [{operation: 'UpdateIntegration', restApiId: ctx.restApiId, resourceId: route.resourceId!, httpMethod: route.httpMethod, patchOperations: [contentHandlingPatch(intended.integration!.contentHandling)]}],
    }),
  ]
}

function responseSide(ctx: RuleContext, route: RouteConfig, intended: RouteConfig): Finding[] {
  // Proxy integrations return the backend's answer directly; their integration responses never run.
  if (route.integration!.type === 'AWS_PROXY' || route.integration!.type === 'HTTP_PROXY') return []
  const found: Finding[] = []
  for (const response of route.integration!.responses) {
    const target = intended.integration!.responses.find((candidate) => candidate.statusCode === response.statusCode)
    const actual = choiceOf(response.contentHandling)
    const expected = choiceOf(target?.contentHandling)
    if (actual === expected) continue
    found.push(
      finding({
        kind: 'integration-response-content-handling',
        severity: 'error',
        resourcePath: route.resourcePath,
        httpMethod: route.httpMethod,
        statusCode: response.statusCode,
        expected,
        actual,
        message: responseMessage(ctx, route, intended, response.statusCode, expected),
        fix: [
          {
            operation: 'UpdateIntegrationResponse',
            restApiId: ctx.restApiId,
            resourceId: route.resourceId!,
            httpMethod: route.httpMethod,
            statusCode: response.statusCode,
            patchOperations: [contentHandlingPatch(target?.contentHandling)],
          },
        ],
      }),
    )
  }
  return found
}

function requestMessage(ctx: RuleContext, route: RouteConfig, intended: RouteConfig, expected: ContentHandlingChoice): string {
  const types = ctx.intended.binaryMediaTypes
  if (isMockPreflight(route)) {
    const now = preflightExperience(route, types).request
    const then = preflightExperience(intended, types).request
    if (now.description !== then.description) return `The CORS preflight ${routeKey(route)} ${now.description}; with ${expected} it ${then.description}.`
  }
  const contentType = representativeType(types, 'upload')
  const now = uploadExperience(route, types, contentType)
  const then = uploadExperience(intended, types, contentType)
  if (now.description === then.description) {
    return `The spec wants contentHandling ${expected}; with the binary media types intended, ${uploadSubject(route, contentType)} ${now.description} either way.`
  }
  return `${uploadSubject(route, contentType)} ${now.description}; with ${expected} it ${then.description}.`
}

function responseMessage(ctx: RuleContext, route: RouteConfig, intended: RouteConfig, statusCode: string, expected: ContentHandlingChoice): string {
  const types = ctx.intended.binaryMediaTypes
  const accept = isMockPreflight(route) ? PREFLIGHT_ACCEPT : representativeType(types, 'download')
  const now = downloadExperience(route, types, accept, statusCode)
  const then = downloadExperience(intended, types, accept, statusCode)
  const subject = `${downloadSubject(route, accept)} (status ${statusCode})`
  if (now.description === then.description) return `The spec wants contentHandling ${expected} for status ${statusCode}; ${subject} ${now.description} either way.`
  return `${subject} ${now.description}; with ${expected} it ${then.description}.`
}
