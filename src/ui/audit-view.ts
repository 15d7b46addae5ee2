// Human rendering of an audit: findings grouped by route, each with what happens and the exact fix;
// for an API a stack deploys, what the template declares there, what the next stack update does to the
// fix, and CloudFormation's drift, in the same group.

import {routeKey} from '../core/api-config.js'
import {type Reach, binfixCommandLine} from '../core/command-line.js'
import type {Prediction} from '../core/cfn/prediction.js'
import type {Finding, Severity} from '../core/findings.js'
import type {AuditReport} from '../services/audit-service.js'
import type {PlacedResourceDrift} from '../services/stack-drift.js'
import type {Palette} from './colours.js'
import {renderDiff} from './diff-view.js'
import {awsCliCommand} from './fix-commands.js'
import {declaredRouteFact, driftLines, driftSummary, ownershipLines, predictionLines} from './ownership-view.js'

const API_WIDE = 'API-wide'
const OTHER_RESOURCES = 'Other resources of the stack'

interface Group {
  findings: Finding[]
  predictions: Prediction[]
  drift: PlacedResourceDrift[]
}

export function renderAudit(report: AuditReport, colour: Palette, reach: Reach = {}): string {
  const lines: string[] = [heading(report, colour), '']
  if (report.ownership) lines.push(...ownershipLines(report.ownership, colour), '')
  for (const [name, group] of groups(report)) {
    lines.push(colour.bold(name))
    const declared = report.ownership?.declared?.routes.find((route) => routeKey(route) === name)
    if (declared) lines.push(`  ${colour.dim('template')}   ${declaredRouteFact(declared)}`)
    for (const entry of group.findings) lines.push(...renderFinding(entry, colour, reach))
    const tail = [...(group.predictions.length > 0 ? [`  ${colour.dim('next stack update:')}`, ...predictionLines(group.predictions, colour, '    ')] : []), ...driftLines(group.drift, colour)]
    // Each finding ends with a blank line; a group ending otherwise gets one.
    if (tail.length > 0 || group.findings.length === 0) lines.push(...tail, '')
  }
  if (report.cfnDrift !== undefined) lines.push(driftSummary(report.cfnDrift, colour), '')
  if (report.diff !== undefined) lines.push(...renderDiff(report.diff, colour))
  lines.push(summary(report, colour, reach))
  if (!report.scope.specJudged) lines.push(...unjudged(report, colour, reach))
  return lines.join('\n')
}

/** Without a spec, "in sync" covers only the rules that need none: say what those looked at, and what not. */
function unjudged(report: AuditReport, colour: Palette, reach: Reach): string[] {
  const {scope} = report
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
  const checked = [
    scope.binaryMediaTypes.length === 0 ? 'binaryMediaTypes (empty)' : `${plural(scope.binaryMediaTypes.length, 'binary media type')} for malformed entries`,
    `${plural(scope.preflights, 'MOCK OPTIONS preflight')} for CORS hazards`,
    `${plural(scope.lambdaProxyRoutes, 'Lambda-proxy route')} for advice`,
    ...(scope.stageCompared ? [`stage ${report.stage} for undeployed changes`] : []),
  ]
  const lines = [colour.dim(`Checked without a spec: ${checked.join(', ')}, across ${plural(scope.routes, 'route')}.`)]
  if (scope.binaryMediaTypes.length === 0) {
    lines.push(colour.yellow('The API lists no binary media types, so API Gateway handles every payload as text: right for JSON-only APIs, wrong for one that serves images, PDFs or uploads.'))
  }
  const init = binfixCommandLine(['init', report.api.id], reach)
  lines.push(
    colour.dim(`Not judged: which media types must be binary and what contentHandling each route needs. Say so with --binary-type TYPE or --spec FILE, or write a spec from the live API: ${init}`),
  )
  return lines
}

/** Routes with findings first (in the findings' order), then those with only drift, then the rest of the stack. */
function groups(report: AuditReport): Map<string, Group> {
  const result = new Map<string, Group>()
  const groupOf = (name: string): Group => {
    if (!result.has(name)) result.set(name, {findings: [], predictions: [], drift: []})
    return result.get(name)!
  }
  for (const [name, findings] of groupByRoute(report.findings)) groupOf(name).findings.push(...findings)
  for (const prediction of report.ownership?.predictions ?? []) {
    groupOf(prediction.change.setting === 'binaryMediaType' ? API_WIDE : routeKey(prediction.change)).predictions.push(prediction)
  }
  const drifted = (report.cfnDrift?.resources ?? []).filter((drift) => drift.driftStatus !== 'IN_SYNC' && drift.driftStatus !== 'NOT_CHECKED')
  for (const drift of drifted) groupOf(drift.apiWide ? API_WIDE : drift.route ? routeKey(drift.route) : OTHER_RESOURCES).drift.push(drift)
  return result
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

function renderFinding(entry: Finding, colour: Palette, reach: Reach): string[] {
  const label = {error: colour.red, warning: colour.yellow, info: colour.cyan}[entry.severity](SEVERITY_LABEL[entry.severity])
  const subject = [entry.kind, entry.mediaType, entry.statusCode === null ? undefined : `status ${entry.statusCode}`, change(entry)].filter(Boolean).join('  ')
  const lines = [`  ${label}  ${subject}  ${colour.dim(`[${entry.id}]`)}`, `           ${entry.message}`]
  for (const call of entry.fix) lines.push(`           ${colour.dim('fix:')} ${awsCliCommand(call, reach)}`)
  lines.push('')
  return lines
}

function change(entry: Finding): string | undefined {
  if (entry.kind === 'missing-binary-media-type' || entry.kind === 'unexpected-binary-media-type' || entry.kind === 'malformed-binary-media-type') return undefined
  if (entry.actual === null || entry.expected === null) return undefined
  return `${entry.actual} → ${entry.expected}`
}

function summary(report: AuditReport, colour: Palette, reach: Reach): string {
  const count = (severity: Severity) => report.findings.filter((entry) => entry.severity === severity).length
  const counts = [`${count('error')} error${count('error') === 1 ? '' : 's'}`, `${count('warning')} warning${count('warning') === 1 ? '' : 's'}`]
  if (count('info') > 0) counts.push(`${count('info')} info`)
  if (report.ignored.length > 0) counts.push(`${report.ignored.length} ignored`)
  if (report.inSync) return colour.green(`In sync${report.scope.specJudged ? '' : ' with the rules that need no spec'} (${counts.join(', ')}).`)
  const patches = report.fix.some((call) => call.operation !== 'CreateDeployment')
  const redeploy = awsCliCommand({operation: 'CreateDeployment', restApiId: report.api.id, stageName: report.stage ?? '<stage>'}, reach)
  // Patches change the working copy only: nothing is live until the stage is redeployed (once, last).
  const next = patches ? ` Run the fix commands above, then redeploy once: ${redeploy}` : ''
  return `${colour.red('Not in sync')} (${counts.join(', ')}).${next}`
}
