// Human rendering of `history`: each journal with when, where, what it changed and how it ended, and the
// rollback command that undoes it by its path.

import {type Reach, binfixCommandLine} from '../core/command-line.js'
import type {JournalOutcome} from '../core/journal.js'
import type {HistoryReport, JournalListing} from '../services/history-service.js'
import type {Palette} from './colours.js'

const OUTCOME: Record<JournalOutcome, string> = {
  converged: 'converged',
  'not-converged': 'not converged',
  interrupted: 'interrupted (Ctrl-C)',
  unfinished: 'unfinished (stopped before its verdict)',
  'rolled-back': 'rolled back',
  'rollback-unfinished': 'rollback unfinished',
}

const SETTINGS_SHOWN = 4

export function renderHistory(report: HistoryReport, colour: Palette, reach: Reach): string {
  if (report.journals.length === 0) return `No journals in ${report.historyDir}.`
  const lines = [colour.dim(`Journals in ${report.historyDir}, oldest first`)]
  let api: string | undefined
  for (const journal of report.journals) {
    if (journal.api.id !== api) {
      api = journal.api.id
      lines.push('', colour.bold(journal.api.name ? `${journal.api.id} (${journal.api.name})` : journal.api.id))
    }
    lines.push(...journalLines(journal, colour, reach))
  }
  return lines.join('\n')
}

function journalLines(journal: JournalListing, colour: Palette, reach: Reach): string[] {
  if (!journal.readable) return [`  ${colour.red('unreadable')}  ${journal.problem}`]
  const outcome = journal.kind === 'rollback' && journal.outcome === 'converged' ? 'rolled back' : OUTCOME[journal.outcome]
  const painted = journal.outcome === 'converged' || journal.outcome === 'rolled-back' ? colour.green(outcome) : colour.yellow(outcome)
  const when = journal.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')
  const where = [`stage ${journal.stage ?? '(none)'}`, ...(journal.region ? [journal.region] : [])].join(', ')
  const runs = journal.runs > 1 ? `, ${journal.runs} runs` : ''
  const deployments = journal.deploymentId && journal.deploymentId !== journal.priorDeploymentId ? `; deployment ${journal.priorDeploymentId ?? '(none)'} → ${journal.deploymentId}` : ''
  const lines = [`  ${when}  ${journal.kind}  ${where}  ${painted}  (${journal.writes} write${journal.writes === 1 ? '' : 's'}${runs}${deployments})`]
  if (journal.settings.length > 0) {
    const shown = journal.settings.slice(0, SETTINGS_SHOWN).join('; ')
    lines.push(`    changed: ${shown}${journal.settings.length > SETTINGS_SHOWN ? `; and ${journal.settings.length - SETTINGS_SHOWN} more` : ''}`)
  }
  if (journal.leftOut.length > 0) lines.push(`    left out: ${journal.leftOut.join('; ')}`)
  lines.push(`    ${colour.dim(`journal: ${journal.path}`)}`)
  if (journal.kind === 'apply' && journal.stage !== null && journal.outcome !== 'rolled-back') {
    const undoReach = {...reach, ...(journal.region ? {region: journal.region} : {})}
    lines.push(`    undo: ${binfixCommandLine(['rollback', journal.api.id, '--stage', journal.stage, '--journal', journal.path], undoReach)}`)
  }
  return lines
}
