// Human rendering of an audit: findings grouped by route, each with what happens and the exact fix.

import {routeKey} from '../core/api-config.js'
import type {Finding, Severity} from '../core/findings.js'
import type {AuditReport} from '../services/audit-service.js'
import type {Palette} from './colours.js'
import {renderDiff} from './diff-view.js'
import {awsCliCommand} from './fix-commands.js'

const API_WIDE = 'API-wide'

export function renderAudit(report: AuditReport, colour: Palette): string {
  const lines: string[] = [heading(report, colour), '']
  for (const [group, findings] of groupByRoute(report.findings)) {
    lines.push(colour.bold(group))
    for (const entry of findings) lines.push(...renderFinding(entry, colour), '')
  }
  if (report.diff !== undefined) lines.push(...renderDiff(report.diff, colour))
  lines.push(summary(report, colour))
  return lines.join('\n')
}

function heading(report: AuditReport, colour: Palette): string {
  const parts = [`Audit of ${report.api.name} (${report.api.id})${report.region ? ` in ${report.region}` : ''}`]
  if (report.stage !== null) parts.push(`stage ${report.stage}${report.deploymentId ? ` (deployment ${report.deploymentId})` : ''}`)
  parts.push(report.spec ? `spec ${report.spec.file ?? '--binary-type flags'}` : 'no spec: consistency rules only')
  return colour.dim(parts.join(' · '))
}

function groupByRoute(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>()
  for (const entry of findings) {
    const group = entry.resourcePath === null ? API_WIDE : routeKey({httpMethod: entry.httpMethod ?? '*', resourcePath: entry.resourcePath})
    groups.set(group, [...(groups.get(group) ?? []), entry])
  }
  return groups
}

const SEVERITY_LABEL: Record<Severity, string> = {error: 'error  ', warning: 'warning', info: 'info   '}

function renderFinding(entry: Finding, colour: Palette): string[] {
  const label = {error: colour.red, warning: colour.yellow, info: colour.cyan}[entry.severity](SEVERITY_LABEL[entry.severity])
  const subject = [entry.kind, entry.mediaType, entry.statusCode === null ? undefined : `status ${entry.statusCode}`, change(entry)].filter(Boolean).join('  ')
  const lines = [`  ${label}  ${subject}  ${colour.dim(`[${entry.id}]`)}`, `           ${entry.message}`]
  for (const call of entry.fix) lines.push(`           ${colour.dim('fix:')} ${awsCliCommand(call)}`)
  return lines
}

function change(entry: Finding): string | undefined {
  if (entry.kind === 'missing-binary-media-type' || entry.kind === 'unexpected-binary-media-type' || entry.kind === 'malformed-binary-media-type') return undefined
  if (entry.actual === null || entry.expected === null) return undefined
  return `${entry.actual} → ${entry.expected}`
}

function summary(report: AuditReport, colour: Palette): string {
  const count = (severity: Severity) => report.findings.filter((entry) => entry.severity === severity).length
  const counts = [`${count('error')} error${count('error') === 1 ? '' : 's'}`, `${count('warning')} warning${count('warning') === 1 ? '' : 's'}`]
  if (count('info') > 0) counts.push(`${count('info')} info`)
  if (report.ignored.length > 0) counts.push(`${report.ignored.length} ignored`)
  if (report.inSync) return colour.green(`In sync (${counts.join(', ')}).`)
  const patches = report.fix.some((call) => call.operation !== 'CreateDeployment')
  const redeploy = awsCliCommand({operation: 'CreateDeployment', restApiId: report.api.id, stageName: report.stage ?? '<stage>'})
  // Patches change the working copy only: nothing is live until the stage is redeployed (once, last).
  const next = patches ? ` Run the fix commands above, then redeploy once: ${redeploy}` : ''
  return `${colour.red('Not in sync')} (${counts.join(', ')}).${next}`
}
