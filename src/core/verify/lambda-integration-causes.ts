// What breaks a Lambda custom (non-proxy) integration besides binary settings, said when a probe fails
// on it: without these a user would chase binaryMediaTypes for a status code the binary rules never set.

import {type IntegrationConfig, type RouteConfig, isLambdaCustomIntegration, routeKey} from '../api-config.js'
import {JavaRegexError, javaMatches} from '../java-regex.js'
import {mediaTypeEssence} from '../media-type.js'
import type {Cause} from './cause.js'
import type {Verdict} from './judge.js'
import type {ProbeStep} from './probe-plan.js'

/** The causes of this kind that hold for the step's route and the answer it got. */
export function lambdaIntegrationCauses(step: ProbeStep, verdict: Verdict, route: RouteConfig): Cause[] {
  const integration = route.integration
  if (!integration || !isLambdaCustomIntegration(integration) || verdict.status < 400) return []
  // API Gateway's own error means the integration response was never reached; any other error body is
  // what an integration response passed on.
  if (verdict.gatewayMessage !== undefined) return [passthroughCause(step, integration, route, verdict.status)].filter((cause) => cause !== undefined)
  return [successSelectionCause(integration, route, verdict.status)].filter((cause) => cause !== undefined)
}

// For a Lambda integration the selection patterns are matched against the function's errorMessage,
// and a successful invocation has none: it is matched as the empty string (API reference,
// IntegrationResponse.selectionPattern; observed on AWS in localstack/localstack#12574).
function successSelectionCause(integration: IntegrationConfig, route: RouteConfig, status: number): Cause | undefined {
  const fallback = integration.responses.find((response) => response.selectionPattern === undefined)
  if (!fallback || fallback.statusCode !== String(status) || fallback.statusCode.startsWith('2')) return undefined
  const success = integration.responses.find((response) => response.statusCode.startsWith('2') && response.selectionPattern !== undefined && matchesEmpty(response.selectionPattern) === false)
  if (!success) return undefined
  return {
    setting: 'integrationResponse.selectionPattern',
    sentence: `answered ${status} although the function may have succeeded: for a Lambda integration API Gateway matches selection patterns against the function's errorMessage, which a success leaves empty, so \`${success.selectionPattern}\` (status ${success.statusCode}) never matches and the default integration response (status ${status}) answers every success of ${routeKey(route)}`,
    fix: `make status ${success.statusCode} the default integration response (no selectionPattern) and catch errors with a pattern such as .+`,
  }
}

/**
 * Whether the Java pattern matches the empty string, as API Gateway would match it (core/java-regex.ts);
 * undefined when that cannot be told (a Java-only feature RE2 lacks, or no valid pattern): no cause is
 * claimed on a guess.
 */
function matchesEmpty(pattern: string): boolean | undefined {
  try {
    return javaMatches(pattern, '')
  } catch (error) {
    if (error instanceof JavaRegexError) return undefined
    throw error
  }
}

// A request template is chosen by Content-Type; without one for the request's type the body passes
// through as it is (WHEN_NO_MATCH), and a Lambda function is invoked only with a JSON event.
function passthroughCause(step: ProbeStep, integration: IntegrationConfig, route: RouteConfig, status: number): Cause | undefined {
  if (step.kind !== 'upload' || status !== 500) return undefined
  const contentType = mediaTypeEssence(step.contentType)
  if (contentType === undefined || integration.requestTemplateTypes.some((type) => mediaTypeEssence(type) === contentType)) return undefined
  if (integration.passthroughBehavior !== undefined && integration.passthroughBehavior.toUpperCase() !== 'WHEN_NO_MATCH') return undefined
  return {
    setting: 'integration.requestTemplates',
    sentence: `${routeKey(route)} has no request mapping template for \`${contentType}\`, so the body passed through as it is, which is not the JSON event a Lambda function is invoked with`,
    fix: `register the request template for ${contentType} as well`,
  }
}
