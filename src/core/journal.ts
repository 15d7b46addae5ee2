// The write-ahead journal of one apply (and of the rollbacks of it): a list of entries, each appended
// and flushed before the step it announces. Whatever point a run stopped at, the entries say what the
// API was like before the first write, so a rollback can restore it and a re-run can finish it.

import type {FixCall} from './fix-calls.js'
import {clipped} from './quote.js'
import {type SettingValue, callSettingKey, earliestValues, settingKey, settingLabel, singleSettingCalls} from './settings.js'

export const JOURNAL_FORMAT = 'apigw-binfix-journal'

export type JournalEntry =
  | {
      entry: 'begin'
      format: typeof JOURNAL_FORMAT
      at: string
      api: {id: string; name: string}
      region: string | null
      stage: string | null
      /** The deployment the stage served before this run: what rollback points it back to. */
      priorDeploymentId: string | null
      /** The value of every setting the calls below write, before they ran. */
      prior: SettingValue[]
      calls: FixCall[]
      choice?: JournalChoice
    }
  /** A later run that found this journal unfinished and carries on in it. */
  | {entry: 'resume'; at: string; prior: SettingValue[]; calls: FixCall[]; choice?: JournalChoice}
  | {entry: 'write'; at: string; step: number; call: FixCall}
  | {entry: 'written'; at: string; step: number}
  | {entry: 'deploy'; at: string; stage: string; description: string}
  | {entry: 'deployed'; at: string; deploymentId: string}
  /** The re-audit after writing. */
  | {entry: 'converged'; at: string; converged: boolean; deploymentId: string | null; remaining: string[]}
  /** A rollback is about to write: the values it replaces, so the rollback itself can be undone by hand. */
  | {entry: 'rollback'; at: string; toDeploymentId: string | null; fromDeploymentId: string | null; replaced: SettingValue[]; calls: FixCall[]}
  | {entry: 'rolled-back'; at: string; deploymentId: string | null}
  /** Ctrl-C (or SIGTERM) stopped the run between writes: these were never sent. A re-run carries on. */
  | {entry: 'interrupted'; at: string; unsent: FixCall[]}

export type JournalBegin = Extract<JournalEntry, {entry: 'begin'}>

/** What a run starts a journal with: the journal writer adds the entry kind, the format and the time. */
export type JournalStart = Omit<JournalBegin, 'entry' | 'format' | 'at'>

/** The entries a run records besides the begin and the numbered writes: the journal writer stamps the time. */
export type JournalRecord = Unstamped<Exclude<JournalEntry, {entry: 'begin' | 'write' | 'written'}>>
type Unstamped<Entry> = Entry extends unknown ? Omit<Entry, 'at'> : never

/** How the run's changes were chosen, when not all of the plan's: --only/--skip, or at the prompt. */
export interface JournalChoice {
  only: string[]
  skip: string[]
  /** The changes of the plan this run left out, as people read them. */
  leftOut: string[]
}

export interface JournalSummary {
  begin: JournalBegin
  /** Prior values of every setting any run of this journal wrote, earliest first. */
  prior: SettingValue[]
  /** The deployment the last completed redeploy created. */
  deploymentId: string | null
  /** An apply run reached its re-audit (whatever its result), or the journal was rolled back since. */
  finished: boolean
  rolledBack: boolean
  writes: number
}

export class JournalFormatError extends Error {}

export function summarizeJournal(entries: readonly JournalEntry[]): JournalSummary {
  const [begin] = entries
  if (!begin || begin.entry !== 'begin') throw new JournalFormatError('the first entry is not a "begin" entry')
  const priors: SettingValue[][] = [begin.prior]
  let deploymentId: string | null = null
  let finished = false
  let rolledBack = false
  let writes = 0
  for (const entry of entries.slice(1)) {
    switch (entry.entry) {
      case 'resume':
        priors.push(entry.prior)
        finished = false
        rolledBack = false
        break
      case 'written':
        writes++
        break
      case 'deployed':
        deploymentId = entry.deploymentId
        break
      case 'converged':
        finished = true
        break
      case 'rollback':
        rolledBack = false
        break
      case 'rolled-back':
        rolledBack = true
        finished = true
        break
      default:
        break
    }
  }
  return {begin, prior: earliestValues(priors), deploymentId, finished, rolledBack, writes}
}

/** How the runs recorded in a journal ended, by its last verdict. */
export type JournalOutcome = 'converged' | 'not-converged' | 'interrupted' | 'unfinished' | 'rolled-back' | 'rollback-unfinished'

export interface JournalOverview {
  /** `apply`, or `rollback` for the journal of a `rollback --to` that no apply journal covered. */
  kind: 'apply' | 'rollback'
  outcome: JournalOutcome
  /** Runs that wrote in it: the first and every resume. */
  runs: number
  /** The settings the runs changed (what a rollback restores), by their labels. */
  settings: string[]
  /** What the runs left out (--only/--skip or at the prompt). */
  leftOut: string[]
  writes: number
  priorDeploymentId: string | null
  /** The deployment its last redeploy made (or a rollback pointed the stage at). */
  deploymentId: string | null
  /** When the last entry was written. */
  lastAt: string
}

export function journalOverview(entries: readonly JournalEntry[]): JournalOverview {
  const summary = summarizeJournal(entries)
  const {begin} = summary
  const kind = begin.calls.length === 0 && entries[1]?.entry === 'rollback' ? 'rollback' : 'apply'
  let outcome: JournalOutcome = 'unfinished'
  let deploymentId = summary.deploymentId
  const leftOut = new Set(begin.choice?.leftOut ?? [])
  for (const entry of entries.slice(1)) {
    switch (entry.entry) {
      case 'resume':
        outcome = 'unfinished'
        for (const summaryText of entry.choice?.leftOut ?? []) leftOut.add(summaryText)
        break
      case 'converged':
        outcome = entry.converged ? 'converged' : 'not-converged'
        deploymentId = entry.deploymentId ?? deploymentId
        break
      case 'interrupted':
        outcome = 'interrupted'
        break
      case 'rollback':
        outcome = 'rollback-unfinished'
        break
      case 'rolled-back':
        outcome = 'rolled-back'
        deploymentId = entry.deploymentId
        break
      default:
        break
    }
  }
  return {
    kind,
    outcome,
    runs: 1 + entries.filter((entry) => entry.entry === 'resume').length,
    settings: summary.prior.map(settingLabel),
    leftOut: [...leftOut],
    writes: summary.writes,
    priorDeploymentId: begin.priorDeploymentId,
    deploymentId,
    lastAt: entries.at(-1)!.at,
  }
}

/**
 * Where a journal contradicts itself, as an edit or a planted file would make it: the index of the
 * entry at fault and why; undefined when its entries hang together. Rollback restores from the prior
 * values, so every setting a write changes must have one recorded before it.
 */
export function journalFault(entries: readonly JournalEntry[]): {index: number; message: string} | undefined {
  const [begin] = entries
  if (begin?.entry !== 'begin') return {index: 0, message: 'the first entry is not a "begin" entry'}
  const apiId = begin.api.id
  const known = new Set(begin.prior.map(settingKey))
  const steps = new Set<number>()
  const ofAnotherApi = (calls: readonly FixCall[]) => calls.find((call) => call.restApiId !== apiId)
  if (ofAnotherApi(begin.calls)) return {index: 0, message: `a call writes REST API ${clipped(ofAnotherApi(begin.calls)!.restApiId)}, not ${clipped(apiId)}`}
  for (const [index, entry] of entries.entries()) {
    if (index === 0) continue
    switch (entry.entry) {
      case 'begin':
        return {index, message: 'a second "begin" entry'}
      case 'resume':
      case 'rollback': {
        const values = entry.entry === 'resume' ? entry.prior : entry.replaced
        for (const value of values) known.add(settingKey(value))
        const foreign = ofAnotherApi(entry.calls)
        if (foreign) return {index, message: `a call writes REST API ${clipped(foreign.restApiId)}, not ${clipped(apiId)}`}
        break
      }
      case 'write': {
        if (entry.call.restApiId !== apiId) return {index, message: `the write is to REST API ${clipped(entry.call.restApiId)}, not ${clipped(apiId)}`}
        const unrecorded = singleSettingCalls([entry.call]).find((call) => !known.has(callSettingKey(call)))
        if (unrecorded) return {index, message: `it writes ${clipped(callSettingKey(unrecorded))} with no prior value recorded before it, so it could not be rolled back`}
        steps.add(entry.step)
        break
      }
      case 'written':
        if (!steps.has(entry.step)) return {index, message: `step ${entry.step} was written without being announced`}
        break
      case 'interrupted': {
        const foreign = ofAnotherApi(entry.unsent)
        if (foreign) return {index, message: `a call writes REST API ${clipped(foreign.restApiId)}, not ${clipped(apiId)}`}
        break
      }
      default:
        break
    }
  }
  return undefined
}
