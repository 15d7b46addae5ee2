// The proof after apply writes: re-read the API and compare it with what the writes should have produced,
// then re-audit it against the spec.

import type {DesiredSpec} from '../core/desired-spec.js'
import {applyFixCalls} from '../core/apply-fix-calls.js'
import {definitionDiff} from '../core/definition-diff.js'
import type {Finding} from '../core/findings.js'
import type {PatchCall} from '../core/fix-calls.js'
import type {Plan, PlannedChange} from '../core/plan.js'
import {judge} from '../core/rules/index.js'
import {standingHazards} from '../core/standing-hazards.js'
import {type LiveState, rereadLiveState} from './live-state.js'
import type {IoHost} from './io-host.js'
import {startTask} from './tasks.js'
import type {ApiGatewayClient} from './api-gateway-port.js'

export interface Convergence {
  converged: boolean
  remaining: Finding[]
  /** Errors and warnings still found that the changes left out at the prompt would have fixed. */
  leftOut: Finding[]
  /** Hazards failing today outside what the spec governs, left as they were (no --fix-hazards). */
  standing: Finding[]
  unexpected: string
}

/**
 * Re-reads the API: the writes must show in the working copy exactly, the stage must serve the new
 * deployment, and no error or warning may remain but those of changes the user left out.
 */
export async function converge(
  client: ApiGatewayClient,
  prepared: {plan: Plan; spec: DesiredSpec | undefined; state: LiveState},
  patches: readonly PatchCall[],
  options: {deployed: boolean; stage: string | null; skipped?: readonly PlannedChange[]; deploymentId?: string | null; fixHazards?: boolean},
  io: IoHost,
): Promise<Convergence> {
  const task = await startTask(io, 'Re-reading and re-auditing')
  const {plan, spec} = prepared
  // Without a redeploy the stage is not expected to serve the change, so only the working copy is judged.
  const stageName = options.deployed || patches.length === 0 ? (options.stage ?? undefined) : undefined
  // Nothing written at all: the state read before still holds. A redeploy alone (the patches landed in
  // an earlier, interrupted run) changes what the stage serves, so it is read again.
  const unchanged = patches.length === 0 && !options.deployed && stageName === (plan.stage ?? undefined)
  const after = unchanged ? prepared.state : await rereadLiveState(client, plan.api.id, stageName)
  const expected = applyFixCalls(prepared.state.live, patches)
  const unexpected = definitionDiff(expected, after.live, {before: `${plan.api.id} (expected)`, after: `${plan.api.id} (found)`})
  const judgement = judge({restApiId: plan.api.id, live: after.live, ...(after.served ? {deployed: after.served.config, stageName} : {}), ...(spec ? {spec} : {})})
  const left = new Set((options.skipped ?? []).flatMap((change) => change.findings))
  const open = judgement.findings.filter((entry) => entry.severity !== 'info')
  const standingIds = new Set(options.fixHazards === true ? [] : standingHazards(open).map((entry) => entry.id))
  const remaining = open.filter((entry) => !left.has(entry.id) && !standingIds.has(entry.id))
  const leftOut = open.filter((entry) => left.has(entry.id))
  const standing = open.filter((entry) => standingIds.has(entry.id) && !left.has(entry.id))
  const servesNew = !options.deploymentId || after.served?.deploymentId === options.deploymentId
  const converged = unexpected === '' && remaining.length === 0 && servesNew
  const aside = leftOut.length + standing.length
  if (converged) await task.succeed(aside === 0 ? 'in sync' : `the changes made hold; ${aside} finding${aside === 1 ? '' : 's'} left as they were remain`)
  else await task.fail(`${remaining.length} finding(s) remain${unexpected === '' ? '' : '; the working copy differs from what was written'}`)
  return {converged, remaining, leftOut, standing, unexpected}
}
