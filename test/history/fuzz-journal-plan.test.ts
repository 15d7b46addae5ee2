// Journals and saved plans under generated damage: whatever the bytes, the readers return something the
// rest can act on without throwing, or refuse it with one short line naming the file (exit 2).
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import fc from 'fast-check'

import {JOURNAL_FORMAT, type JournalEntry, journalOverview, summarizeJournal} from '../../src/core/journal.js'
import {planFault, planFaultAgainstLive} from '../../src/core/plan-check.js'
import {parseSigningKey, signPlan, signatureFault} from '../../src/core/plan-signature.js'
import {readJournalEntries} from '../../src/history/journal-store.js'
import {loadPlan} from '../../src/services/plan-file.js'
import {type FuzzCase, TEXT_MUTATIONS, fuzzText, insertions, refusalProblems} from '../helpers/fuzz-text.js'
import {SAMPLE_API, sampleLive, samplePlan} from '../helpers/sample-plan.js'

// About 1-2 ms a case: a few seconds in all (CI budget).
const RUNS = 1500
let directory: string

beforeAll(() => (directory = mkdtempSync(join(tmpdir(), 'apigw-binfix-fuzz-'))))
afterAll(() => rmSync(directory, {recursive: true, force: true}))

/** What an edit of a JSON document can slip in: other types, other kinds, foreign ids, prototype keys, half lines. */
const JSON_SNIPPETS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  'null',
  '"__proto__": {"polluted": true}, ',
  '"constructor": {"prototype": {"polluted": true}}, ',
  '"entry": "begin", ',
  '"entry": "teleport", ',
  '"step": 999999999999, ',
  '"step": -1, ',
  '"restApiId": "zzzzzzzzzz", ',
  '"path": "/uri", ',
  '"op": "copy", ',
  '"contentHandling": "CONVERT_TO_JPEG", ',
  '"listed": "yes", ',
  '"prior": [], ',
  '"calls": {}, ',
  '"stage": "../../etc", ',
  '"mediaType": "*/*", ',
  '1e309',
  '\n{"entry":"written","at":"x","step":1}\n',
  '\n{"entry":"begin","format":"apigw-binfix-journal","at":"x","api":{"id":"a","name":"b"},"region":null,"stage":null,"priorDeploymentId":null,"prior":[],"calls":[]}\n',
]
const MUTATIONS = {...TEXT_MUTATIONS, ...insertions(JSON_SNIPPETS)}

const at = '2026-12-06T10:00:00.000Z'
const integration = {operation: 'UpdateIntegration' as const, restApiId: SAMPLE_API, resourceId: 'r1', httpMethod: 'PUT', patchOperations: [{op: 'replace' as const, path: '/contentHandling', value: ''}]}
const mediaTypes = {operation: 'UpdateRestApi' as const, restApiId: SAMPLE_API, patchOperations: [{op: 'add' as const, path: '/binaryMediaTypes/image~1jpeg'}, {op: 'remove' as const, path: '/binaryMediaTypes/image~01gif'}]}
const begin: JournalEntry = {
  entry: 'begin',
  format: JOURNAL_FORMAT,
  at,
  api: {id: SAMPLE_API, name: 'images'},
  region: 'us-east-1',
  stage: 'v1',
  priorDeploymentId: 'd1',
  prior: [
    {setting: 'binaryMediaType', mediaType: 'image/jpeg', listed: false},
    {setting: 'binaryMediaType', mediaType: 'image~1gif', listed: true},
    {setting: 'integration', resourceId: 'r1', resourcePath: '/lambda', httpMethod: 'PUT', contentHandling: 'CONVERT_TO_BINARY'},
  ],
  calls: [mediaTypes, integration],
  choice: {only: [], skip: ['preflight-hazard'], leftOut: ['GET /lambda 200 response contentHandling: CONVERT_TO_TEXT → CONVERT_TO_BINARY']},
}

/** Journals as apply and rollback write them: finished, interrupted, crashed, resumed, rolled back. */
const JOURNALS: JournalEntry[][] = [
  [begin, {entry: 'write', at, step: 1, call: mediaTypes}, {entry: 'written', at, step: 1}, {entry: 'write', at, step: 2, call: integration}, {entry: 'written', at, step: 2}, {entry: 'deploy', at, stage: 'v1', description: 'apigw-binfix: 3 changes'}, {entry: 'deployed', at, deploymentId: 'd2'}, {entry: 'converged', at, converged: true, deploymentId: 'd2', remaining: []}],
  [begin, {entry: 'write', at, step: 1, call: mediaTypes}, {entry: 'written', at, step: 1}, {entry: 'interrupted', at, unsent: [integration, {operation: 'CreateDeployment', restApiId: SAMPLE_API, stageName: 'v1', description: 'apigw-binfix'}]}],
  [begin, {entry: 'write', at, step: 1, call: mediaTypes}, {entry: 'resume', at, prior: [], calls: [integration]}, {entry: 'write', at, step: 2, call: integration}, {entry: 'written', at, step: 2}],
  [begin, {entry: 'write', at, step: 1, call: mediaTypes}, {entry: 'written', at, step: 1}, {entry: 'converged', at, converged: false, deploymentId: null, remaining: ['integration-content-handling:adfd76d424']}, {entry: 'rollback', at, toDeploymentId: 'd1', fromDeploymentId: 'd2', replaced: [], calls: []}, {entry: 'rolled-back', at, deploymentId: 'd1'}],
]
const journalTexts = fc.constantFrom(...JOURNALS.map((entries) => `${entries.map((entry) => JSON.stringify(entry)).join('\n')}\n`))

const hmac = parseSigningKey(Buffer.from('k'.repeat(32)))
if ('fault' in hmac) throw new Error('test key not read')
const planTexts = fc.constantFrom(JSON.stringify(samplePlan(), null, 2), JSON.stringify(signPlan(samplePlan(), hmac)))

function file(text: string): string {
  const path = join(directory, 'case.jsonl')
  writeFileSync(path, text)
  return path
}

function collect(arbitrary: fc.Arbitrary<FuzzCase>, seed: number, problemsOf: (text: string) => Promise<string[]> | string[]): Promise<Array<{steps: string[]; problems: string[]; start: string}>> {
  const violations: Array<{steps: string[]; problems: string[]; start: string}> = []
  return fc
    .assert(
      fc.asyncProperty(arbitrary, async ({text, steps}) => {
        const problems = await problemsOf(text)
        if (problems.length > 0) violations.push({steps, problems, start: text.slice(0, 300)})
      }),
      {seed, numRuns: RUNS},
    )
    .then(() => violations)
}

describe('under fuzzing', () => {
  it('a journal is read whole, or refused in one line naming the file and line', async () => {
    const violations = await collect(fuzzText(journalTexts, MUTATIONS), 20_261_206, (text) => {
      const path = file(text)
      try {
        const entries = readJournalEntries(path)
        // What rollback and history do with what was read must not throw either.
        summarizeJournal(entries)
        journalOverview(entries)
        return []
      } catch (error) {
        return refusalProblems(error, path)
      }
    })
    expect(violations).toEqual([])
  })

  it('a saved plan is loaded and judged, or refused in one line naming the file', async () => {
    const violations = await collect(fuzzText(planTexts, MUTATIONS), 20_261_207, async (text) => {
      const path = file(text)
      try {
        const plan = await loadPlan(path, '/')
        // What apply does with a plan before any write must not throw either.
        planFault(plan)
        planFaultAgainstLive(plan, sampleLive)
        signatureFault(plan, hmac)
        return []
      } catch (error) {
        return refusalProblems(error, `--plan ${path}`)
      }
    })
    expect(violations).toEqual([])
  })
})
