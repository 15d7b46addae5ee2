// fleet audit's human summary: totals, then per account and Region the APIs, how many are in sync, the
// findings by kind, the worst findings first, and the accounts or Regions that could not be read.

import type {FindingKind} from '../core/findings.js'
import type {FleetApplyReport} from '../services/fleet/fleet-apply-service.js'
import type {FleetAuditReport} from '../services/fleet/fleet-audit-service.js'
import type {FleetRollbackReport} from '../services/fleet/fleet-rollback-service.js'
import type {Palette} from './colours.js'

export function renderFleetSummary(report: FleetAuditReport, colour: Palette): string {
  const {totals} = report
  const lines: string[] = []
  lines.push(
    colour.bold(
      `Fleet: ${totals.accounts} account(s), ${totals.accountRegions} account-Region(s), ${totals.apis} API(s): ${totals.apisInSync} in sync, ${totals.apis - totals.apisInSync - totals.apisFailed} with findings, ${totals.apisFailed} not readable`,
    ),
  )
  lines.push(`Findings: ${colour.red(`${totals.findings.error} error(s)`)}, ${colour.yellow(`${totals.findings.warning} warning(s)`)}, ${totals.findings.info} info`)
  lines.push(`Calls: ${report.calls.calls} API Gateway call(s), ${report.calls.throttled} throttled, ${report.calls.retries} retried${report.resumed > 0 ? `; ${report.resumed} API(s) taken from the checkpoint` : ''}`)
  if (report.fleetFile) lines.push(`Fleet file: ${report.fleetFile}`)
  for (const summary of report.summaries) {
    lines.push('')
    const state = summary.apis === summary.inSync ? colour.green('in sync') : `${summary.apis - summary.inSync - summary.failed} with findings`
    lines.push(colour.bold(`${summary.accountName} (${summary.accountId}) ${summary.region}: ${summary.apis} API(s), ${summary.inSync} in sync, ${state}${summary.failed ? `, ${summary.failed} not readable` : ''}`))
    const kinds = (Object.entries(summary.findingsByKind) as Array<[FindingKind, number]>).sort((a, b) => b[1] - a[1])
    if (kinds.length > 0) lines.push(`  by kind: ${kinds.map(([kind, count]) => `${kind} ${count}`).join(', ')}`)
    for (const worst of summary.worst) {
      const label = worst.severity === 'error' ? colour.red('error') : colour.yellow('warning')
      lines.push(`  ${label} ${worst.apiName} (${worst.apiId})${worst.stage ? ` ${worst.stage}` : ''}${worst.route ? ` ${worst.route}` : ''}: ${worst.kind}: ${worst.message}`)
    }
  }
  if (report.failures.length > 0) {
    lines.push('')
    lines.push(colour.red(colour.bold(`Not read (${report.failures.length}):`)))
    for (const failure of report.failures) {
      lines.push(`  ${failure.accountName}${failure.accountId && failure.accountId !== failure.accountName ? ` (${failure.accountId})` : ''}${failure.region ? ` ${failure.region}` : ''}: ${failure.message}`)
    }
  }
  if (report.interrupted) lines.push('', colour.yellow('Interrupted: not every API was read; run again with --checkpoint FILE --resume to finish'))
  return lines.join('\n')
}

/** fleet apply: one line per API and stage, then the counts. */
export function renderFleetApply(report: FleetApplyReport): string {
  const lines = report.results.map(
    (entry) =>
      `${entry.outcome.padEnd(18)} ${entry.accountName} (${entry.accountId}) ${entry.region} ${entry.api.name} (${entry.api.id})${entry.stage ? ` ${entry.stage}` : ''}${entry.deploymentId ? ` deployment ${entry.deploymentId}` : ''}${entry.converged === false ? ' NOT converged' : ''}${entry.message ? `: ${entry.message}` : ''}`,
  )
  const counts = Object.entries(report.counts).filter(([, count]) => count > 0).map(([outcome, count]) => `${count} ${outcome}`)
  lines.push('', `Fleet apply: ${counts.join(', ') || 'no plan'}${report.out ? `; record in ${report.out} (fleet rollback --from ${report.out})` : ''}`)
  return lines.join('\n')
}

export function renderFleetRollback(report: FleetRollbackReport): string {
  const lines = report.results.map(
    (entry) => `${entry.outcome.padEnd(19)} ${entry.accountId} ${entry.region} ${entry.api.name} (${entry.api.id})${entry.stage ? ` ${entry.stage}` : ''}${entry.toDeploymentId ? ` serves ${entry.toDeploymentId}` : ''}${entry.message ? `: ${entry.message}` : ''}`,
  )
  lines.push('', `Fleet rollback of ${report.from}: ${report.results.length} API stage(s)`)
  return lines.join('\n')
}
