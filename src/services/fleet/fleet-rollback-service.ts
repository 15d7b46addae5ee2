// fleet rollback: undoes a fleet apply from its journals. The record fleet apply wrote (--out) names each
// API's journal; each is given to the per-API rollback (rollbackStage: its lock, the stage pointed back at
// the prior deployment, every setting given its prior value, convergent), in parallel across accounts.

import {readFile} from 'node:fs/promises'
import {resolve} from 'node:path'

import {BinfixError, UsageError} from '../../core/errors.js'
import {ExitCode} from '../../core/exit-codes.js'
import {rollbackStage} from '../rollback-service.js'
import type {FleetScopeRequest} from './fleet-accounts.js'
import {FLEET_APPLY_KIND, type FleetApplyEntry} from './fleet-apply-service.js'
import {type FleetWriteDependencies, FLEET_API_IO, isNotRun, runFleetWrites} from './fleet-writes.js'

export interface FleetRollbackRequest extends FleetScopeRequest {
  /** --from: the record fleet apply --out wrote. */
  from: string
  historyDir?: string
  maxFailures?: number
}

export interface FleetRollbackEntry {
  accountId: string
  region: string
  api: {id: string; name: string}
  stage: string | null
  outcome: 'rolled-back' | 'already-rolled-back' | 'interrupted' | 'failed' | 'unreachable' | 'not-started'
  toDeploymentId: string | null
  converged: boolean | null
  message?: string
}

export interface FleetRollbackReport {
  from: string
  results: FleetRollbackEntry[]
  exitCode: number
}

export async function rollbackFleet(request: FleetRollbackRequest, dependencies: FleetWriteDependencies = {}): Promise<FleetRollbackReport> {
  const applied = await loadApplyRecord(request.from, request.cwd)
  // Only what the apply wrote has a journal to undo.
  const items = applied.filter((entry) => entry.journal !== null).map((entry) => ({...entry, apiId: entry.api.id, journal: entry.journal!}))
  const outcomes = await runFleetWrites(
    items,
    request,
    {...(request.maxFailures !== undefined ? {maxFailures: request.maxFailures} : {})},
    dependencies,
    async (item, {access, client}): Promise<FleetRollbackEntry> => {
      const base = {accountId: item.accountId, region: item.region, api: item.api, stage: item.stage}
      try {
        const report = await rollbackStage(
          {journalFile: item.journal, yes: true, interactive: false, ...(request.historyDir !== undefined ? {historyDir: request.historyDir} : {}), cwd: request.cwd, connection: access},
          {io: FLEET_API_IO, createClient: async () => client, ...(dependencies.signal ? {signal: dependencies.signal} : {})},
        )
        const outcome = report.interrupted ? 'interrupted' : report.alreadyRolledBack ? 'already-rolled-back' : 'rolled-back'
        return {...base, outcome, toDeploymentId: report.toDeploymentId, converged: report.converged}
      } catch (error) {
        if (!(error instanceof BinfixError)) throw error
        return {...base, outcome: 'failed', toDeploymentId: null, converged: null, message: error.message}
      }
    },
    (entry) => entry.outcome === 'failed',
  )
  const results = outcomes.map((outcome, index): FleetRollbackEntry => {
    if (!isNotRun(outcome)) return outcome
    const item = items[index]!
    return {accountId: item.accountId, region: item.region, api: item.api, stage: item.stage, outcome: outcome.reason, toDeploymentId: null, converged: null, message: outcome.message}
  })
  const exitCode = results.some((entry) => entry.outcome === 'failed' || entry.outcome === 'unreachable')
    ? ExitCode.failure
    : results.some((entry) => entry.outcome === 'interrupted' || entry.outcome === 'not-started')
      ? ExitCode.interrupted
      : results.some((entry) => entry.converged === false)
        ? ExitCode.findings
        : ExitCode.ok
  return {from: request.from, results, exitCode}
}

async function loadApplyRecord(file: string, cwd: string): Promise<FleetApplyEntry[]> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(resolve(cwd, file), 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(`--from ${file}: ${code === 'ENOENT' ? 'no such file' : code ? `cannot read (${code})` : 'not JSON'}`)
  }
  const record = data as {kind?: unknown; results?: unknown} | null
  if (typeof record !== 'object' || record === null || record.kind !== FLEET_APPLY_KIND || !Array.isArray(record.results)) {
    throw new UsageError(`--from ${file}: not the record of a fleet apply (fleet apply --out FILE writes one)`)
  }
  for (const [index, entry] of (record.results as FleetApplyEntry[]).entries()) {
    const valid =
      typeof entry === 'object' &&
      entry !== null &&
      /^\d{12}$/.test(String(entry.accountId)) &&
      typeof entry.region === 'string' &&
      typeof entry.api?.id === 'string' &&
      (entry.journal === null || typeof entry.journal === 'string')
    if (!valid) throw new UsageError(`--from ${file}: results[${index}] needs accountId (12 digits), region, api.id and journal`)
  }
  return record.results as FleetApplyEntry[]
}
