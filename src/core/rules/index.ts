// Every rule, in a fixed order, and the filters the spec asks for.

import {compareText} from '../api-config.js'
import {type Finding, isInSync} from '../findings.js'
import {binaryMediaTypeFindings} from './binary-media-types.js'
import {contentHandlingFindings} from './content-handling.js'
import {type AuditInput, ruleContext} from './context.js'
import {preflightFindings} from './preflight.js'
import {proxyFindings} from './proxy.js'
import {streamingFindings} from './streaming.js'
import {undeployedFindings} from './undeployed.js'
import {unknownRouteFindings} from './unknown-routes.js'

export type {AuditInput} from './context.js'

export interface Judgement {
  findings: Finding[]
  /** Findings the spec's `ignore` accepted as they are. */
  ignored: Finding[]
  inSync: boolean
}

const RULES = [binaryMediaTypeFindings, contentHandlingFindings, unknownRouteFindings, preflightFindings, proxyFindings, streamingFindings, undeployedFindings]

export function judge(input: AuditInput): Judgement {
  const ctx = ruleContext(input)
  const all = RULES.flatMap((rule) => rule(ctx)).sort(byRoute)
  const ignore = new Set(input.spec?.ignore ?? [])
  const findings = all.filter((entry) => !ignore.has(entry.kind) && !ignore.has(entry.id))
  const ignored = all.filter((entry) => !findings.includes(entry))
  return {findings, ignored, inSync: isInSync(findings)}
}

const SEVERITY_ORDER = {error: 0, warning: 1, info: 2}

/** API-wide findings first, then by path, method and status code; errors before warnings within one. */
function byRoute(a: Finding, b: Finding): number {
  return (
    compareText(a.resourcePath ?? '', b.resourcePath ?? '') ||
    compareText(a.httpMethod ?? '', b.httpMethod ?? '') ||
    compareText(a.statusCode ?? '', b.statusCode ?? '') ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareText(a.kind, b.kind) ||
    compareText(a.mediaType ?? '', b.mediaType ?? '')
  )
}
