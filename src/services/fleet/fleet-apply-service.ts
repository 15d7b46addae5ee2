// fleet apply: each plan of a fleet plan applied by the per-API apply (applyChanges: its lock, journal,
// minimal writes, one redeploy and the convergence check), in parallel across accounts. A stale plan is
// that API's exit 4, not the fleet's end; --max-failures stops starting new APIs; Ctrl-C lets running
// applies finish their journaled step and starts nothing new. --out records each API's journal for
// fleet rollback.

import {BinfixError, UsageError} from '../../core/errors.js'
import {ExitCode} from '../../core/exit-codes.js'
import type {Finding} from '../../core/findings.js'
import {type ApplyOutcome, StalePlanError, applyChanges} from '../apply-service.js'
import {checkedOutPath, writeAtomically} from '../out-file.js'
import type {FleetScopeRequest} from './fleet-accounts.js'
import {loadFleetPlan} from './fleet-plan-file.js'
import {type FleetWriteDependencies, FLEET_API_IO, isNotRun, runFleetWrites} from './fleet-writes.js'

export interface FleetApplyRequest extends FleetScopeRequest {
  /** --plan: the fleet plan file. */
  planFile: string
  maxFailures?: number
  /** --allow-drift: write to APIs stacks deploy (there is no terminal to ask at). */
  allowDrift?: boolean
  historyDir?: string
  /** --out: the record of this apply (each API's outcome and journal), for fleet rollback --from. */
  out?: string
  force?: boolean
}

export type FleetApplyOutcome = ApplyOutcome | 'stale' | 'failed' | 'unreachable' | 'not-started'

export interface FleetApplyEntry {
  accountId: string
  accountName: string
  region: string
  api: {id: string; name: string}
  stage: string | null
  outcome: FleetApplyOutcome
  deploymentId: string | null
  converged: boolean | null
  /** The apply's journal (what fleet rollback undoes); null when nothing was written. */
  journal: string | null
  remaining: Array<Pick<Finding, 'id' | 'kind' | 'severity'>>
  message?: string
}

export const FLEET_APPLY_KIND = 'apigw-binfix fleet apply'

export interface FleetApplyReport {
  kind: typeof FLEET_APPLY_KIND
  plan: string
  results: FleetApplyEntry[]
  counts: Record<FleetApplyOutcome, number>
  exitCode: number
  out?: string
}

export async function applyFleet(request: FleetApplyRequest, dependencies: FleetWriteDependencies = {}): Promise<FleetApplyReport> {
  // Every local input is checked before the first call.
  const fleetPlan = await loadFleetPlan(request.planFile, request.cwd)
  const outPath = request.out === undefined ? undefined : await checkedOutPath(request.out, request.cwd, {replace: request.force === true})
  if (request.maxFailures !== undefined && (!Number.isInteger(request.maxFailures) || request.maxFailures < 1)) throw new UsageError('--max-failures: a whole number of at least 1')
  const items = fleetPlan.plans.map((entry) => ({...entry, apiId: entry.plan.api.id}))
  const outcomes = await runFleetWrites(
    items,
    request,
    {...(request.maxFailures !== undefined ? {maxFailures: request.maxFailures} : {})},
    dependencies,
    async (item, {access, client}): Promise<FleetApplyEntry> => {
      const base = {accountId: item.accountId, accountName: item.accountName, region: item.region, api: item.plan.api, stage: item.plan.stage}
      try {
        const report = await applyChanges(
          {
            planFile: `${request.planFile} (${item.accountId} ${item.region} ${item.plan.api.id}${item.plan.stage ? ` ${item.plan.stage}` : ''})`,
            savedPlan: item.plan,
            yes: true,
            dryRun: false,
            deploy: true,
            interactive: false,
            ...(request.allowDrift ? {allowDrift: true} : {}),
            ...(request.historyDir !== undefined ? {historyDir: request.historyDir} : {}),
            cwd: request.cwd,
            connection: access,
          },
          {io: FLEET_API_IO, createClient: async () => client, ...(dependencies.signal ? {signal: dependencies.signal} : {})},
        )
        return {
          ...base,
          outcome: report.outcome,
          deploymentId: report.deploymentId,
          converged: report.converged,
          journal: report.journal,
          remaining: report.remaining.map(({id, kind, severity}) => ({id, kind, severity})),
        }
      } catch (error) {
        if (!(error instanceof BinfixError)) throw error
        const outcome = error instanceof StalePlanError ? 'stale' : 'failed'
        return {...base, outcome, deploymentId: null, converged: null, journal: null, remaining: [], message: error.message}
      }
    },
    (entry) => entry.outcome === 'failed',
  )
  const results: FleetApplyEntry[] = outcomes.map((outcome, index) => {
    if (!isNotRun(outcome)) return outcome
    const item = items[index]!
    return {accountId: item.accountId, accountName: item.accountName, region: item.region, api: item.plan.api, stage: item.plan.stage, outcome: outcome.reason, deploymentId: null, converged: null, journal: null, remaining: [], message: outcome.message}
  })
  const counts = Object.fromEntries(['applied', 'patched-not-deployed', 'nothing-to-change', 'dry-run', 'interrupted', 'stale', 'failed', 'unreachable', 'not-started'].map((key) => [key, 0])) as Record<FleetApplyOutcome, number>
  for (const entry of results) counts[entry.outcome]++
  const report: FleetApplyReport = {kind: FLEET_APPLY_KIND, plan: request.planFile, results, counts, exitCode: exitCodeOf(results, dependencies.signal), ...(request.out !== undefined ? {out: request.out} : {})}
  if (outPath !== undefined) await writeAtomically(outPath, `${JSON.stringify(report, null, 2)}\n`, request.out!, {replace: request.force === true})
  return report
}

/** 1 when an API failed or an account could not be reached, 130 when interrupted, 4 for stale plans, 3 when findings remain. */
function exitCodeOf(results: readonly FleetApplyEntry[], signal: AbortSignal | undefined): number {
  if (results.some((entry) => entry.outcome === 'failed' || entry.outcome === 'unreachable')) return ExitCode.failure
  if (signal?.aborted || results.some((entry) => entry.outcome === 'interrupted')) return ExitCode.interrupted
  if (results.some((entry) => entry.outcome === 'stale')) return ExitCode.stalePlan
  if (results.some((entry) => entry.outcome === 'not-started' || entry.converged === false)) return ExitCode.findings
  return ExitCode.ok
}
