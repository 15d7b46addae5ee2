// Human rendering of what apply and rollback did and what the re-read found.

import {routeKey} from '../core/api-config.js'
import type {Finding} from '../core/findings.js'
import {describeValue} from '../core/settings.js'
import type {ApplyReport} from '../services/apply-service.js'
import type {Ownership} from '../services/ownership.js'
import type {RollbackReport} from '../services/rollback-service.js'
import type {Palette} from './colours.js'
import {ownerTitle, ownershipLines, predictionLines} from './ownership-view.js'
import {renderRequests} from './plan-view.js'

/** Before the question: the fix is drift of a stack, and what that stack's next update does to it. */
export function renderDriftWarning(ownership: Ownership, colour: Palette): string {
  const lines = [colour.yellow(`Warning: ${ownerTitle(ownership)} deploys this API. A live fix is drift: the stack's template still says otherwise.`)]
  lines.push(...ownershipLines(ownership, colour).slice(1))
  if (ownership.predictions.length > 0) lines.push('  next stack update:', ...predictionLines(ownership.predictions, colour, '    '))
  lines.push(`  Make it durable in the template too: ${durableCommand(ownership)}`)
  return lines.join('\n')
}

function afterDrift(ownership: Ownership, colour: Palette): string {
  const atRisk = ownership.predictions.filter((prediction) => prediction.outcome !== 'kept').length
  if (ownership.predictions.length > 0 && atRisk === 0) return colour.dim(`The next update of ${ownerTitle(ownership)} keeps these changes; its template can still say so: ${durableCommand(ownership)}`)
  const fate = ownership.predictions.length === 0 ? 'may revert these changes' : `may revert ${atRisk} of these ${ownership.predictions.length} changes`
  return colour.yellow(`Drift: the next update of ${ownerTitle(ownership)} ${fate}; make the fix durable with: ${durableCommand(ownership)}`)
}

function durableCommand(ownership: Ownership): string {
  const {owner} = ownership
  const stack = owner.stackName ?? owner.stackId
  return stack ? `apigw-binfix iac --stack ${stack}${owner.logicalId ? ` --logical-id ${owner.logicalId}` : ''}` : 'apigw-binfix iac'
}

export function renderApply(report: ApplyReport, colour: Palette): string {
  const lines: string[] = []
  switch (report.outcome) {
    case 'dry-run':
      lines.push(colour.bold('Dry run: these requests would be sent; nothing was written.'), ...renderRequests(report.requests, colour))
      return lines.join('\n')
    case 'nothing-to-change':
      lines.push(`Nothing to change: no write was made to ${report.api.id}${report.stage ? `; stage ${report.stage} serves deployment ${report.previousDeploymentId}` : ''}.`)
      // An interrupted run had already made every write; this run only recorded that it converged.
      if (report.journal) lines.push("An earlier run was interrupted after its writes; its journal now records the result.")
      break
    case 'patched-not-deployed':
      lines.push(`Patched ${report.api.id} with ${report.requests.length} request${report.requests.length === 1 ? '' : 's'} (${report.changes.length} change${report.changes.length === 1 ? '' : 's'}).`)
      lines.push(colour.yellow(`Not live yet: --no-deploy left stage ${report.stage ?? '(none)'} on deployment ${report.previousDeploymentId ?? '(none)'}. Redeploy to publish the change.`))
      break
    case 'applied':
      lines.push(`Applied ${report.changes.length} change${report.changes.length === 1 ? '' : 's'} to ${report.api.id} with ${report.requests.length} request${report.requests.length === 1 ? '' : 's'}; stage ${report.stage} now serves deployment ${report.deploymentId} (was ${report.previousDeploymentId}).`)
      break
  }
  if (report.skipped.length > 0) lines.push(colour.dim(`Left out: ${report.skipped.map((change) => change.summary).join('; ')}`))
  if (report.ownership && report.outcome !== 'nothing-to-change') lines.push(afterDrift(report.ownership, colour))
  if (report.journal) lines.push(colour.dim(`Journal: ${report.journal}  (undo: apigw-binfix rollback ${report.api.id} --stage ${report.stage ?? '<stage>'})`))
  lines.push(convergence(report, colour))
  return lines.join('\n')
}

function convergence(report: ApplyReport, colour: Palette): string {
  if (report.converged) return colour.green('Converged: the re-read API is what the spec intends.')
  const lines = [colour.red('Not converged:')]
  for (const entry of report.remaining) lines.push(`  ${describeFinding(entry)}`)
  if (report.unexpected !== '') lines.push('  the working copy differs from what was written (another writer?):', ...report.unexpected.trimEnd().split('\n').map((line) => `    ${line}`))
  if (report.remaining.length === 0 && report.unexpected === '') lines.push(`  stage ${report.stage} does not serve deployment ${report.deploymentId}`)
  return lines.join('\n')
}

function describeFinding(entry: Finding): string {
  const where = entry.resourcePath === null ? 'API-wide' : routeKey({httpMethod: entry.httpMethod ?? '*', resourcePath: entry.resourcePath})
  return `${entry.severity} ${entry.kind} ${where}${entry.statusCode ? ` ${entry.statusCode}` : ''}: ${entry.message}`
}

export function renderRollback(report: RollbackReport, colour: Palette): string {
  if (report.alreadyRolledBack) {
    return `Nothing to roll back: stage ${report.stage} of ${report.api.id} serves deployment ${report.toDeploymentId} and every setting holds its prior value. No write was made.`
  }
  const lines = [`Stage ${report.stage} of ${report.api.id} serves deployment ${report.toDeploymentId}${report.fromDeploymentId === report.toDeploymentId ? '' : ` (was ${report.fromDeploymentId})`}; no new deployment was made.`]
  if (report.restored.length > 0) {
    lines.push(`Restored in the working copy, so a later deploy does not republish the change:`)
    for (const entry of report.restored) lines.push(`  ${entry.setting}: ${describeValue(entry.value)}`)
  }
  if (report.journal) lines.push(colour.dim(`Journal: ${report.journal}`))
  lines.push(report.converged ? colour.green('Rolled back.') : colour.red('Not converged: the re-read API differs from what rollback wrote.'))
  return lines.join('\n')
}
