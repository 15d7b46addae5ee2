// undeployed-change: the working copy differs from what the stage serves on a binary-relevant setting.
// API Gateway serves the stage's deployment snapshot, so a fix that was saved but not deployed does
// nothing for real requests (aws-binary-facts §1.8; "I fixed it in the console and nothing changed").

import {type ApiConfig, findRoute, routeKey} from '../api-config.js'
import {choiceOf} from '../desired-spec.js'
import {type Finding, finding} from '../findings.js'
import type {FixCall} from '../fix-calls.js'
import {normalizeSpecMediaType} from '../media-type.js'
import type {RuleContext} from './context.js'

interface Drift {
  subject: string
  working: string
  served: string
  intended: string
  place: Partial<Pick<Finding, 'resourcePath' | 'httpMethod' | 'statusCode'>>
}

/**
 * Stale stage (the working copy is as intended): redeploying publishes it. Drifted working copy (the
 * stage still serves what is intended): the other findings' fixes restore it, and a redeploy before
 * that would publish the breakage, so this finding carries no fix of its own.
 */
function undeployed(ctx: RuleContext, drift: Drift, redeploy: FixCall): Finding {
  const stage = ctx.stageName!
  const stageIsRight = drift.served === drift.intended && drift.working !== drift.intended
  const message = stageIsRight
    ? `${drift.subject} is ${drift.working} in the working copy but stage ${stage} serves ${drift.served}, as intended: a redeploy now would publish the change; the fixes above restore the working copy.`
    : `${drift.subject} is ${drift.working} in the working copy, but stage ${stage} still serves ${drift.served}: requests to ${stage} keep the old behaviour until the stage is redeployed.`
  return finding({
    kind: 'undeployed-change',
    severity: stageIsRight ? 'warning' : 'error',
    ...drift.place,
    expected: drift.working,
    actual: drift.served,
    message,
    fix: stageIsRight ? [] : [redeploy],
  })
}

export function undeployedFindings(ctx: RuleContext): Finding[] {
  if (!ctx.deployed || ctx.stageName === undefined) return []
  const redeploy: FixCall = {operation: 'CreateDeployment', restApiId: ctx.restApiId, stageName: ctx.stageName}
  const found: Finding[] = []
  const working = describeList(mediaTypeSet(ctx.live))
  const served = describeList(mediaTypeSet(ctx.deployed))
  if (working !== served) {
    const intended = describeList(mediaTypeSet(ctx.intended))
    found.push(undeployed(ctx, {subject: 'binaryMediaTypes', working, served, intended, place: {}}, redeploy))
  }
  for (const route of ctx.live.routes) {
    const deployedRoute = findRoute(ctx.deployed, route.httpMethod, route.resourcePath)
    const intendedRoute = findRoute(ctx.intended, route.httpMethod, route.resourcePath)
    if (!route.integration || !deployedRoute?.integration || !intendedRoute?.integration) continue
    const place = {resourcePath: route.resourcePath, httpMethod: route.httpMethod}
    const working = choiceOf(route.integration.contentHandling)
    const served = choiceOf(deployedRoute.integration.contentHandling)
    if (working !== served) {
      const intended = choiceOf(intendedRoute.integration.contentHandling)
      found.push(undeployed(ctx, {subject: `contentHandling of ${routeKey(route)}`, working, served, intended, place}, redeploy))
    }
    for (const response of route.integration.responses) {
      const servedResponse = deployedRoute.integration.responses.find((candidate) => candidate.statusCode === response.statusCode)
      const intendedResponse = intendedRoute.integration.responses.find((candidate) => candidate.statusCode === response.statusCode)
      if (!servedResponse) continue
      const working = choiceOf(response.contentHandling)
      const served = choiceOf(servedResponse.contentHandling)
      if (working === served) continue
      const intended = choiceOf(intendedResponse?.contentHandling)
      const subject = `contentHandling of status ${response.statusCode} of ${routeKey(route)}`
      found.push(undeployed(ctx, {subject, working, served, intended, place: {...place, statusCode: response.statusCode}}, redeploy))
    }
  }
  return found
}

function mediaTypeSet(config: ApiConfig): string[] {
  return [...new Set(config.binaryMediaTypes.map((entry) => normalizeSpecMediaType(entry) ?? entry))].sort()
}

function describeList(entries: readonly string[]): string {
  return entries.length === 0 ? '[] (empty)' : `[${entries.join(', ')}]`
}
