// What a journal says about the runs it records: the state before the first write, how far they got.
import type {ContentHandling} from '../../src/core/conversion.js'
import {JOURNAL_FORMAT, type JournalBegin, type JournalEntry, JournalFormatError, journalOverview, summarizeJournal} from '../../src/core/journal.js'
import type {SettingValue} from '../../src/core/settings.js'

const at = '2025-01-02T03:04:05.000Z'
const call = {operation: 'UpdateIntegration' as const, restApiId: 'a1', resourceId: 'r1', httpMethod: 'PUT', patchOperations: [{op: 'replace' as const, path: '/contentHandling', value: 'CONVERT_TO_TEXT'}]}

function integration(contentHandling: ContentHandling | null): SettingValue {
  return {setting: 'integration', resourceId: 'r1', resourcePath: '/lambda', httpMethod: 'PUT', contentHandling}
}

function bmt(mediaType: string, listed: boolean): SettingValue {
  return {setting: 'binaryMediaType', mediaType, listed}
}

function begin(prior: SettingValue[]): JournalBegin {
  return {entry: 'begin', format: JOURNAL_FORMAT, at, api: {id: 'a1', name: 'images'}, region: 'us-east-1', stage: 'v1', priorDeploymentId: 'd0', prior, calls: [call]}
}

const write: JournalEntry = {entry: 'write', at, step: 1, call}
const written: JournalEntry = {entry: 'written', at, step: 1}
const converged: JournalEntry = {entry: 'converged', at, converged: true, deploymentId: 'd1', remaining: []}

describe('summarizeJournal', () => {
  it('summarises a begin alone as nothing done yet', () => {
    const first = begin([integration(null)])
    expect(summarizeJournal([first])).toEqual({begin: first, prior: [integration(null)], deploymentId: null, finished: false, rolledBack: false, writes: 0})
  })

  it('counts a write only once it is written', () => {
    expect(summarizeJournal([begin([]), write]).writes).toBe(0)
    expect(summarizeJournal([begin([]), write, written, {...write, step: 2}, {...written, step: 2}, {...write, step: 3}]).writes).toBe(2)
  })

  it('takes the prior values from the begin and every resume, the earliest value of a setting winning', () => {
    const entries: JournalEntry[] = [
      begin([integration(null), bmt('image/png', false)]),
      write,
      {entry: 'resume', at, prior: [integration('CONVERT_TO_TEXT'), bmt('image/jpeg', true)], calls: [call]},
      {entry: 'resume', at, prior: [bmt('image/jpeg', false), bmt('image/png', true)], calls: [call]},
    ]
    expect(summarizeJournal(entries).prior).toEqual([integration(null), bmt('image/png', false), bmt('image/jpeg', true)])
  })

  it('takes the deployment from the last deployed entry, not from a deploy that did not finish', () => {
    const deploy: JournalEntry = {entry: 'deploy', at, stage: 'v1', description: 'apigw-binfix: …'}
    expect(summarizeJournal([begin([]), deploy]).deploymentId).toBeNull()
    expect(summarizeJournal([begin([]), deploy, {entry: 'deployed', at, deploymentId: 'd1'}, deploy, {entry: 'deployed', at, deploymentId: 'd2'}, deploy]).deploymentId).toBe('d2')
  })

  it('is finished after the re-audit, whatever its result, until a later run resumes it', () => {
    expect(summarizeJournal([begin([]), write, written]).finished).toBe(false)
    expect(summarizeJournal([begin([]), write, written, {...converged, converged: false}]).finished).toBe(true)
    const resumed: JournalEntry[] = [begin([]), converged, {entry: 'resume', at, prior: [], calls: []}]
    expect(summarizeJournal(resumed).finished).toBe(false)
    expect(summarizeJournal([...resumed, converged]).finished).toBe(true)
  })

  it('is rolled back (and finished) only once the rollback completed', () => {
    const rollback: JournalEntry = {entry: 'rollback', at, toDeploymentId: 'd0', fromDeploymentId: 'd1', replaced: [integration('CONVERT_TO_TEXT')], calls: []}
    const started = summarizeJournal([begin([]), write, written, rollback])
    expect([started.rolledBack, started.finished]).toEqual([false, false])
    const done = summarizeJournal([begin([]), write, written, rollback, {entry: 'rolled-back', at, deploymentId: 'd0'}])
    expect([done.rolledBack, done.finished]).toEqual([true, true])
    // A new apply run carrying on in the journal undoes the rollback.
    const resumed = summarizeJournal([begin([]), rollback, {entry: 'rolled-back', at, deploymentId: 'd0'}, {entry: 'resume', at, prior: [], calls: []}])
    expect([resumed.rolledBack, resumed.finished]).toEqual([false, false])
  })

  it.each<[string, JournalEntry[]]>([
    ['no entries', []],
    ['a resume first', [{entry: 'resume', at, prior: [], calls: []}, begin([])]],
    ['a written first', [written]],
  ])('refuses a journal with %s', (_what, entries) => {
    expect(() => summarizeJournal(entries)).toThrow(JournalFormatError)
    expect(() => summarizeJournal(entries)).toThrow('the first entry is not a "begin" entry')
  })
})

describe('journalOverview', () => {
  const deployed: JournalEntry = {entry: 'deployed', at, deploymentId: 'd1'}
  const later = '2025-01-02T04:00:00.000Z'

  it.each<[string, JournalEntry[], string]>([
    ['a run that reached its verdict', [write, written, deployed, converged], 'converged'],
    ['a run whose re-audit found errors', [write, written, {...converged, converged: false}], 'not-converged'],
    ['a run stopped by Ctrl-C between writes', [write, written, {entry: 'interrupted', at, unsent: []}], 'interrupted'],
    ['a run killed before its verdict', [write], 'unfinished'],
    ['a converged run resumed after a crash of a later one', [write, written, converged, {entry: 'resume', at, prior: [], calls: []}], 'unfinished'],
    ['a rollback that finished', [write, written, converged, {entry: 'rollback', at, toDeploymentId: 'd0', fromDeploymentId: 'd1', replaced: [], calls: []}, {entry: 'rolled-back', at, deploymentId: 'd0'}], 'rolled-back'],
    ['a rollback that stopped', [write, written, converged, {entry: 'rollback', at, toDeploymentId: 'd0', fromDeploymentId: 'd1', replaced: [], calls: []}], 'rollback-unfinished'],
  ])('%s', (_name, entries, outcome) => {
    expect(journalOverview([begin([integration(null)]), ...entries]).outcome).toBe(outcome)
  })

  it('says what the runs changed and left out, how many runs and writes, and the deployments', () => {
    const first: JournalBegin = {...begin([integration(null)]), choice: {only: [], skip: ['missing-binary-media-type'], leftOut: ['binaryMediaTypes image/png: not listed → listed']}}
    const overview = journalOverview([first, write, {entry: 'resume', at, prior: [bmt('image/jpeg', false)], calls: [call]}, written, deployed, {...converged, at: later}])
    expect(overview).toEqual({
      kind: 'apply',
      outcome: 'converged',
      runs: 2,
      settings: ['PUT /lambda integration contentHandling', 'binaryMediaTypes image/jpeg'],
      leftOut: ['binaryMediaTypes image/png: not listed → listed'],
      writes: 1,
      priorDeploymentId: 'd0',
      deploymentId: 'd1',
      lastAt: later,
    })
  })
})
