// What a fleet audit says: one result per API (a line of --output jsonl), and per account and Region the
// totals the summary shows, kept as counts and a few worst findings so memory stays flat on a huge fleet.

import type {OwnerKind} from './cfn/owner.js'
import type {Finding, FindingKind, Severity} from './findings.js'
import type {FixCall} from './fix-calls.js'

export interface FleetStageResult {
  /** null: the API has no stage, only its working copy was judged. */
  stage: string | null
  deploymentId: string | null
  inSync: boolean
  findings: Finding[]
  /** The calls that bring it in sync (what `apply` would send). */
  fix: FixCall[]
}

export interface FleetApiResult {
  accountId: string
  accountName: string
  region: string
  api: {id: string; name: string}
  /** The spec that judged it (as the fleet file names it), or null: the rules that need no spec. */
  spec: string | null
  /** The stack that deploys the API, when one does. */
  owner: {kind: OwnerKind; stackName: string | null} | null
  stages: FleetStageResult[]
  inSync: boolean
  /** Why the API could not be judged (a read that failed); its stages are then empty. */
  error?: string
}

/** An account, or one of its Regions, that could not be read: which call and permission, which account. */
export interface FleetAccessFailure {
  /** Unknown when a profile's credentials never answered. */
  accountId: string | null
  accountName: string
  /** null: the whole account (its role could not be assumed, or its Regions listed). */
  region: string | null
  message: string
}

export interface WorstFinding {
  apiId: string
  apiName: string
  stage: string | null
  severity: Severity
  kind: FindingKind
  route: string | null
  message: string
}

export interface AccountRegionSummary {
  accountId: string
  accountName: string
  region: string
  apis: number
  inSync: number
  /** APIs that could not be judged. */
  failed: number
  findingsByKind: Partial<Record<FindingKind, number>>
  /** The worst findings first, at most WORST_KEPT. */
  worst: WorstFinding[]
}

export interface FleetTotals {
  accounts: number
  accountsFailed: number
  /** Account-Regions read (those that could not be are among the failures). */
  accountRegions: number
  apis: number
  apisInSync: number
  apisFailed: number
  findings: Record<Severity, number>
}

export const WORST_KEPT = 5

const SEVERITY_RANK: Record<Severity, number> = {error: 0, warning: 1, info: 2}

export function bySeverity(a: {severity: Severity}, b: {severity: Severity}): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
}

export function emptySummary(accountId: string, accountName: string, region: string): AccountRegionSummary {
  return {accountId, accountName, region, apis: 0, inSync: 0, failed: 0, findingsByKind: {}, worst: []}
}

/** Adds one API's result to its account-Region's summary (findings counted per stage, as judged). */
export function addToSummary(summary: AccountRegionSummary, result: FleetApiResult): void {
  summary.apis++
  if (result.error !== undefined) summary.failed++
  else if (result.inSync) summary.inSync++
  for (const stage of result.stages) {
    for (const finding of stage.findings) {
      summary.findingsByKind[finding.kind] = (summary.findingsByKind[finding.kind] ?? 0) + 1
      if (finding.severity === 'info') continue
      summary.worst.push({
        apiId: result.api.id,
        apiName: result.api.name,
        stage: stage.stage,
        severity: finding.severity,
        kind: finding.kind,
        route: finding.httpMethod && finding.resourcePath ? `${finding.httpMethod} ${finding.resourcePath}` : finding.resourcePath,
        message: finding.message,
      })
    }
  }
  // Stable sort: among equals, the first seen stays first.
  summary.worst.sort(bySeverity)
  summary.worst.length = Math.min(summary.worst.length, WORST_KEPT)
}

export function emptyTotals(): FleetTotals {
  return {accounts: 0, accountsFailed: 0, accountRegions: 0, apis: 0, apisInSync: 0, apisFailed: 0, findings: {error: 0, warning: 0, info: 0}}
}

export function addToTotals(totals: FleetTotals, result: FleetApiResult): void {
  totals.apis++
  if (result.error !== undefined) totals.apisFailed++
  else if (result.inSync) totals.apisInSync++
  for (const stage of result.stages) for (const finding of stage.findings) totals.findings[finding.severity]++
}
