// Human rendering of what apply and rollback did and what the re-read found.

import {type Reach, binfixCommandLine} from '../core/command-line.js'
import {describeCall} from '../core/plan.js'
import {describeValue} from '../core/settings.js'
import type {ApplyReport} from '../services/apply-service.js'
import type {Ownership} from '../services/ownership.js'
import type {RollbackReport} from '../services/rollback-service.js'
import type {Palette} from './colours.js'
import {describeFinding} from './finding-line.js'
import {ownerTitle, ownershipLines, predictionLines} from './ownership-view.js'
import {renderRequests, standingLines} from './plan-view.js'

/** What printed next steps need: how the run reached the API, and the command that finishes an interrupted run. */
export interface NextSteps {
  reach: Reach
  /** The arguments (after `apigw-binfix`) of the apply that carries on where an interrupted one stopped. */
  finish?: readonly string[]
}

/** Before the question: the fix is drift of a stack, and what that stack's next update does to it. */
export function renderDriftWarning(ownership: Ownership, colour: Palette, reach: Reach = {}): string {
  const lines = [colour.yellow(`Warning: ${ownerTitle(ownership)} deploys this API. A live fix is drift: the stack's template still says otherwise.`)]
  lines.push(...ownershipLines(ownership, colour).slice(1))
  if (ownership.predictions.length > 0) lines.push('  next stack update:', ...predictionLines(ownership.predictions, colour, '    '))
  lines.push(`  Make it durable in the template too: ${durableCommand(ownership, reach)}`)
  return lines.join('\n')
}

function afterDrift(ownership: Ownership, colour: Palette, reach: Reach): string {
  const atRisk = ownership.predictions.filter((prediction) => prediction.outcome !== 'kept').length
  if (ownership.predictions.length > 0 && atRisk === 0) return colour.dim(`The next update of ${ownerTitle(ownership)} keeps these changes; its template can still say so: ${durableCommand(ownership, reach)}`)
  const fate = ownership.predictions.length === 0 ? 'may revert these changes' : `may revert ${atRisk} of these ${ownership.predictions.length} changes`
  return colour.yellow(`Drift: the next update of ${ownerTitle(ownership)} ${fate}; make the fix durable with: ${durableCommand(ownership, reach)}`)
}

/** `apigw-binfix iac --stack …` for the stack that owns the API. */
export function durableCommand(ownership: Ownership, reach: Reach): string {
  const {owner} = ownership
  const stack = owner.stackName ?? owner.stackId
  return binfixCommandLine(['iac', ...(stack ? ['--stack', stack, ...(owner.logicalId ? ['--logical-id', owner.logicalId] : [])] : [])], reach)
}

/** `apigw-binfix rollback <api> --stage S …`: what undoes the journal of this run. */
function undoCommand(api: string, stage: string, reach: Reach): string {
  return binfixCommandLine(['rollback', api, '--stage', stage], reach, {history: true})
}

export function renderApply(report: ApplyReport, colour: Palette, next: NextSteps = {reach: {}}): string {
  const lines: string[] = []
  switch (report.outcome) {
    case 'dry-run':
      lines.push(colour.bold('Dry run: these requests would be sent; nothing was written.'), ...renderRequests(report.requests, colour, next.reach))
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
    case 'interrupted':
      return renderInterrupted(report, colour, next)
  }
  if (report.skipped.length > 0) lines.push(colour.dim(`Left out: ${report.skipped.map((change) => change.summary).join('; ')}`))
  if (report.ownership && report.outcome !== 'nothing-to-change') lines.push(afterDrift(report.ownership, colour, next.reach))
  if (report.journal) lines.push(colour.dim(`Journal: ${report.journal}${report.stage ? `  (undo: ${undoCommand(report.api.id, report.stage, next.reach)})` : ''}`))
  lines.push(convergence(report, colour))
  return lines.join('\n')
}

/** Ctrl-C between writes: what was sent, what was not, what is live, and how to finish or undo. */
function renderInterrupted(report: ApplyReport, colour: Palette, next: NextSteps): string {
  const total = report.requests.length + report.unsent.length
  const lines = [colour.yellow(`Interrupted: ${report.requests.length} of ${total} request${total === 1 ? '' : 's'} sent; nothing more was written.`)]
  for (const call of report.requests) lines.push(`  ${colour.green('sent    ')}  ${describeCall(call, report.changes)}`)
  for (const call of report.unsent) lines.push(`  ${colour.yellow('not sent')}  ${describeCall(call, report.changes)}`)
  if (report.deploymentId !== null) {
    lines.push(`Stage ${report.stage} serves deployment ${report.deploymentId} (was ${report.previousDeploymentId}); the re-read that proves the result was not made.`)
  } else if (report.stage !== null) {
    lines.push(`Stage ${report.stage} still serves deployment ${report.previousDeploymentId ?? '(none)'}: what was written is not live until the stage is redeployed.`)
  }
  if (report.journal) lines.push(colour.dim(`Journal: ${report.journal}`))
  if (next.finish) lines.push(`Finish it:  ${binfixCommandLine(next.finish, next.reach, {history: true})}   (carries on in the same journal)`)
  if (report.stage !== null) lines.push(`Undo it:    ${undoCommand(report.api.id, report.stage, next.reach)}`)
  return lines.join('\n')
}

function convergence(report: ApplyReport, colour: Palette): string {
  if (report.converged && report.leftOut.length > 0) {
    const made = report.changes.length
    const lines = made === 0 ? [] : [colour.green(`Converged for the ${made} change${made === 1 ? '' : 's'} made: the re-read API holds them${report.deploymentId ? ` and stage ${report.stage} serves them` : ''}.`)]
    lines.push(colour.yellow(`Not yet what the spec intends: ${report.leftOut.length} finding${report.leftOut.length === 1 ? '' : 's'} remain${report.leftOut.length === 1 ? 's' : ''} because their changes were left out:`))
    for (const entry of report.leftOut) lines.push(`  ${describeFinding(entry)}`)
    if (report.standing.length > 0) lines.push(...standingLines(report.standing, colour))
    return lines.join('\n')
  }
  if (report.converged && report.standing.length > 0) {
    return [colour.green('Converged: the re-read API is what the spec intends.'), ...standingLines(report.standing, colour)].join('\n')
  }
  if (report.converged) return colour.green('Converged: the re-read API is what the spec intends.')
  const lines = [colour.red('Not converged:')]
  for (const entry of report.remaining) lines.push(`  ${describeFinding(entry)}`)
  if (report.unexpected !== '') lines.push('  the working copy differs from what was written (another writer?):', ...report.unexpected.trimEnd().split('\n').map((line) => `    ${line}`))
  if (report.remaining.length === 0 && report.unexpected === '') lines.push(`  stage ${report.stage} does not serve deployment ${report.deploymentId}`)
  return lines.join('\n')
}

export function renderRollback(report: RollbackReport, colour: Palette, next: NextSteps = {reach: {}}): string {
  if (report.alreadyRolledBack) {
    return `Nothing to roll back: stage ${report.stage} of ${report.api.id} serves deployment ${report.toDeploymentId} and every setting holds its prior value. No write was made.`
  }
  if (report.interrupted) return renderRollbackInterrupted(report, colour, next)
  const lines = [`Stage ${report.stage} of ${report.api.id} serves deployment ${report.toDeploymentId}${report.fromDeploymentId === report.toDeploymentId ? '' : ` (was ${report.fromDeploymentId})`}; no new deployment was made.`]
  lines.push(...restoredLines(report))
  if (report.journal) lines.push(colour.dim(`Journal: ${report.journal}`))
  if (report.converged) lines.push(colour.green('Rolled back.'))
  else lines.push(...notRolledBack(report, colour, next))
  return lines.join('\n')
}

/** Exactly what the re-read found otherwise, and how to finish. */
function notRolledBack(report: RollbackReport, colour: Palette, next: NextSteps): string[] {
  const lines = [colour.red('Not rolled back completely: the re-read API differs from what rollback wrote:')]
  for (const entry of report.notRestored) lines.push(`  ${entry.setting}: wanted ${entry.wanted}, found ${entry.found}`)
  if (report.servedDeploymentId !== report.toDeploymentId) lines.push(`  stage ${report.stage} serves ${report.servedDeploymentId ?? 'no deployment'}, not ${report.toDeploymentId}`)
  lines.push(`Another writer may have changed it meanwhile. Run it again to write what still differs: ${rollbackAgain(report, next.reach)}`)
  return lines
}

/** The rollback that carries on where this one stopped: by its journal, or to the same deployment. */
function rollbackAgain(report: RollbackReport, reach: Reach): string {
  const from = report.restoredFrom === 'journal' && report.journal ? ['--journal', report.journal] : ['--to', report.toDeploymentId]
  return binfixCommandLine(['rollback', report.api.id, '--stage', report.stage, ...from], reach, {history: from[0] === '--to'})
}

function restoredLines(report: RollbackReport): string[] {
  if (report.restored.length === 0) return []
  return ['Restored in the working copy, so a later deploy does not republish the change:', ...report.restored.map((entry) => `  ${entry.setting}: ${describeValue(entry.value)}`)]
}

function renderRollbackInterrupted(report: RollbackReport, colour: Palette, next: NextSteps): string {
  const lines = [colour.yellow('Interrupted: rollback stopped between writes; nothing more was written.')]
  lines.push(
    report.repointed || report.fromDeploymentId === report.toDeploymentId
      ? `Stage ${report.stage} of ${report.api.id} serves deployment ${report.toDeploymentId}.`
      : `Stage ${report.stage} of ${report.api.id} still serves deployment ${report.fromDeploymentId}.`,
  )
  lines.push(...restoredLines(report))
  for (const call of report.unsent) lines.push(`  ${colour.yellow('not sent')}  ${call.operation}: restore ${call.patchOperations.map((operation) => operation.path).join(', ')}`)
  if (report.journal) lines.push(colour.dim(`Journal: ${report.journal}`))
  lines.push(`Finish it:  ${rollbackAgain(report, next.reach)}   (writes only what still differs)`)
  return lines.join('\n')
}
