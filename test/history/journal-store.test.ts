// Journals on disk: every appended entry survives a crash, a line a crash cut short is dropped, anything
// else unreadable is the user's input error, and the newest journal of an API and stage is found by name.
import {mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, join, resolve} from 'node:path'

import {UsageError} from '../../src/core/errors.js'
import {ExitCode} from '../../src/core/exit-codes.js'
import {JOURNAL_FORMAT, type JournalBegin, type JournalEntry} from '../../src/core/journal.js'
import {DEFAULT_HISTORY_DIR, historyDirectory, latestJournalPath, readJournalEntries} from '../../src/history/journal-store.js'
import {createJournal, openJournal} from '../../src/history/journal-writer.js'

const API = 'a1b2c3d4e5'
const at = '2025-01-02T03:04:05.000Z'
const call = {operation: 'UpdateIntegration' as const, restApiId: API, resourceId: 'r1', httpMethod: 'PUT', patchOperations: [{op: 'replace' as const, path: '/contentHandling', value: 'CONVERT_TO_TEXT'}]}
const write: JournalEntry = {entry: 'write', at, step: 1, call}
const written: JournalEntry = {entry: 'written', at, step: 1}
const clock = () => new Date(at)

function begin(stage: string | null, apiId = API): JournalBegin {
  return {
    entry: 'begin',
    format: JOURNAL_FORMAT,
    at,
    api: {id: apiId, name: 'images'},
    region: 'us-east-1',
    stage,
    priorDeploymentId: 'd0',
    prior: [{setting: 'integration', resourceId: 'r1', resourcePath: '/lambda', httpMethod: 'PUT', contentHandling: null}],
    calls: [call],
  }
}

let history: string

beforeEach(() => {
  history = mkdtempSync(join(tmpdir(), 'binfix-history-'))
})

afterEach(() => {
  rmSync(history, {recursive: true, force: true})
})

function usageError(action: () => unknown): UsageError {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).oclif.exit).toBe(ExitCode.usage)
    expect((error as UsageError).message).not.toContain('\n')
    return error as UsageError
  }
  throw new Error('no error was thrown')
}

/** A journal file written by hand, one line per entry (or raw text). */
function journalFile(lines: ReadonlyArray<JournalEntry | string>, trailingNewline = true): string {
  const path = join(history, 'hand.jsonl')
  const text = lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n')
  writeFileSync(path, trailingNewline ? `${text}\n` : text)
  return path
}

describe('writing and reading a journal', () => {
  it('creates a journal under the API, appends, and reads every entry back', () => {
    const journal = createJournal(history, begin('v1'), clock)
    expect(journal.path.startsWith(join(history, API))).toBe(true)
    journal.announceWrite(call)
    journal.confirmWrite(1)
    expect(journal.entries).toEqual([begin('v1'), write, written])
    expect(journal.summary().writes).toBe(1)
    journal.close()
    expect(readJournalEntries(journal.path)).toEqual([begin('v1'), write, written])
    expect(readFileSync(journal.path, 'utf8').endsWith('\n')).toBe(true)
  })

  it('creates journals readable by their owner only, in a folder only its owner enters', () => {
    const journal = createJournal(history, begin('v1'), clock)
    journal.close()
    expect(statSync(journal.path).mode & 0o777).toBe(0o600)
    expect(statSync(join(history, API)).mode & 0o777).toBe(0o700)
  })

  it('has every appended entry on disk before append returns, while the journal is still open', () => {
    const journal = createJournal(history, begin('v1'), clock)
    try {
      journal.announceWrite(call)
      // What a run that crashed right here leaves behind.
      expect(readJournalEntries(journal.path)).toEqual([begin('v1'), write])
    } finally {
      journal.close()
    }
  })

  it('reopens a journal and carries on after its last entry', () => {
    const first = createJournal(history, begin('v1'), clock)
    first.announceWrite(call)
    first.close()
    const again = openJournal(first.path, clock)
    expect(again.entries).toEqual([begin('v1'), write])
    again.confirmWrite(1)
    again.close()
    expect(readJournalEntries(first.path)).toEqual([begin('v1'), write, written])
  })

  it('refuses to append once closed', () => {
    const journal = createJournal(history, begin('v1'), clock)
    journal.close()
    expect(() => journal.announceWrite(call)).toThrow(/closed/)
    expect(readJournalEntries(journal.path)).toEqual([begin('v1')])
  })

  it('keeps API ids and stage names that are not file-name safe out of paths', () => {
    const journal = createJournal(history, begin('v1/../x', '../evil'), clock)
    journal.close()
    expect(readdirSync(history)).toEqual(['___evil'])
    expect(basename(journal.path)).not.toContain('/')
    expect(latestJournalPath(history, '../evil', 'v1/../x')).toBe(journal.path)
  })
})

describe('reading a journal a crash or an edit left behind', () => {
  it('ignores a last line cut short (no newline, not JSON)', () => {
    const path = journalFile([begin('v1'), write, '{"entry":"written","at":"2025-01'], false)
    expect(readJournalEntries(path)).toEqual([begin('v1'), write])
  })

  it('carries on after a last line cut short without corrupting the journal', () => {
    const path = journalFile([begin('v1'), write, '{"entry":"written","at":"2025-01'], false)
    const journal = openJournal(path, clock)
    expect(journal.entries).toEqual([begin('v1'), write])
    journal.confirmWrite(1)
    journal.close()
    expect(readJournalEntries(path)).toEqual([begin('v1'), write, written])
  })

  it('carries on after a last entry whole but for its newline', () => {
    const path = journalFile([begin('v1'), write], false)
    expect(readJournalEntries(path)).toEqual([begin('v1'), write])
    const journal = openJournal(path, clock)
    journal.confirmWrite(1)
    journal.close()
    expect(readJournalEntries(path)).toEqual([begin('v1'), write, written])
  })

  it('refuses an unreadable line in the middle, naming the file and line', () => {
    const path = journalFile([begin('v1'), '{"entry":"write",', written])
    expect(usageError(() => readJournalEntries(path)).message).toMatch(new RegExp(`^${escape(path)}:2: not a journal entry`))
  })

  it('refuses an unreadable last line that ends with a newline (it was written whole)', () => {
    const path = journalFile([begin('v1'), write, 'not json'])
    // What is wrong, not the line itself (journals hold settings' values).
    expect(usageError(() => readJournalEntries(path)).message).toBe(`${path}:3: not a journal entry (unexpected 'o')`)
  })

  it('refuses an entry of an unknown kind', () => {
    const path = journalFile([begin('v1'), '{"entry":"teleport","at":"x"}', written])
    expect(usageError(() => readJournalEntries(path)).message).toBe(
      `${path}:2: not a journal entry (/entry must be one of "begin", "resume", "write", "written", "deploy", "deployed", "converged", "rollback", "rolled-back", "interrupted")`,
    )
  })

  it.each<[string, ReadonlyArray<JournalEntry | string>, RegExp]>([
    ['a JSON document that is not JSON Lines', ['{', '  "format": "apigw-binfix-plan"', '}'], /:1: not a journal entry/],
    ['JSON Lines of something else', ['{"level":"info","msg":"hello"}'], /:1: not a journal entry \(lacks entry\)/],
    ['a begin of another format', [{...begin('v1'), format: 'other'} as unknown as JournalEntry], /:1: not a journal entry \(\/format must be "apigw-binfix-journal"\)/],
    ['entries without a begin', [write, written], /:1: the first entry is not a "begin" entry$/],
    ['a second begin', [begin('v1'), write, begin('v1')], /:3: a second "begin" entry$/],
    ['a write with no prior value recorded (rollback could not restore it)', [begin('v1'), {...write, call: {...call, resourceId: 'r9'}}], /:2: it writes integration r9 PUT with no prior value recorded before it, so it could not be rolled back$/],
    ['a write of a binary media type the begin does not record', [{...begin('v1'), prior: []}, {...write, call: {operation: 'UpdateRestApi', restApiId: API, patchOperations: [{op: 'add', path: '/binaryMediaTypes/image~1png'}]}}], /:2: it writes binaryMediaTypes image\/png with no prior value/],
    ['a write to another API', [begin('v1'), {...write, call: {...call, restApiId: 'zzzzzzzzzz'}}], /:2: the write is to REST API zzzzzzzzzz, not a1b2c3d4e5$/],
    ['a write that patches something other than a binary setting', [begin('v1'), {...write, call: {operation: 'UpdateRestApi', restApiId: API, patchOperations: [{op: 'replace', path: '/name', value: 'x'}]}}], /:2: it writes binaryMediaTypes  with no prior value/],
    ['a step written that was never announced', [begin('v1'), {...written, step: 7}], /:2: step 7 was written without being announced$/],
    ['a stage name no API Gateway stage has', [{...begin('v1'), stage: 'v1/../../x'}], /:1: not a journal entry \(\/stage must match pattern/],
    ['a contentHandling no API Gateway has', [{...begin('v1'), prior: [{setting: 'integration', resourceId: 'r1', resourcePath: '/lambda', httpMethod: 'PUT', contentHandling: 'CONVERT_TO_JPEG'}]} as unknown as JournalEntry], /:1: not a journal entry \(\/prior\/0/],
    ['an empty file', [], /: not an apigw-binfix journal/],
  ])('refuses %s', (_what, lines, message) => {
    const path = journalFile(lines, lines.length > 0)
    const error = usageError(() => readJournalEntries(path))
    expect(error.message.startsWith(path)).toBe(true)
    expect(error.message).toMatch(message)
    expect(() => openJournal(path, clock)).toThrow(UsageError)
  })

  it('refuses a file that does not exist', () => {
    const path = join(history, 'missing.jsonl')
    expect(usageError(() => readJournalEntries(path)).message).toBe(`${path}: cannot read the journal (ENOENT)`)
  })
})

describe('latestJournalPath', () => {
  function journalAt(stage: string | null, time: string, apiId = API): string {
    const journal = createJournal(history, begin(stage, apiId), () => new Date(time))
    journal.close()
    return journal.path
  }

  it('picks the newest journal of the stage by sequence, even when the clock stepped back', () => {
    const first = journalAt('v1', '2025-01-02T10:00:00.000Z')
    expect(latestJournalPath(history, API, 'v1')).toBe(first)
    const second = journalAt('v1', '2025-01-02T09:00:00.000Z')
    expect(latestJournalPath(history, API, 'v1')).toBe(second)
  })

  it('tells stages apart when their names hold dashes or end in another stage name', () => {
    const v1 = journalAt('v1', '2025-01-02T10:00:00.000Z')
    const preV1 = journalAt('pre-v1', '2025-01-02T10:01:00.000Z')
    const v1Beta = journalAt('v1-beta', '2025-01-02T10:02:00.000Z')
    const none = journalAt(null, '2025-01-02T10:03:00.000Z')
    const stage1 = journalAt('1', '2025-01-02T10:04:00.000Z')
    expect(latestJournalPath(history, API, 'v1')).toBe(v1)
    expect(latestJournalPath(history, API, 'pre-v1')).toBe(preV1)
    expect(latestJournalPath(history, API, 'v1-beta')).toBe(v1Beta)
    expect(latestJournalPath(history, API, null)).toBe(none)
    expect(latestJournalPath(history, API, '1')).toBe(stage1)
    expect(latestJournalPath(history, API, 'beta')).toBeUndefined()
    expect(latestJournalPath(history, API, 'pre')).toBeUndefined()
  })

  it('orders by sequence past nine journals', () => {
    const paths = Array.from({length: 11}, (_unused, index) => journalAt('v1', `2025-01-02T10:${String(59 - index).padStart(2, '0')}:00.000Z`))
    expect(latestJournalPath(history, API, 'v1')).toBe(paths[10])
  })

  it('still finds the newest after older journals were deleted', () => {
    const first = journalAt('v1', '2025-01-02T10:00:00.000Z')
    journalAt('v1', '2025-01-02T10:01:00.000Z')
    rmSync(first)
    // The clock stepped back: only the sequence tells this run from the one before.
    const third = journalAt('v1', '2025-01-02T09:00:00.000Z')
    expect(latestJournalPath(history, API, 'v1')).toBe(third)
  })

  it('ignores other files and other APIs, and finds nothing for an unknown API', () => {
    const mine = journalAt('v1', '2025-01-02T10:00:00.000Z')
    journalAt('v1', '2025-01-02T10:01:00.000Z', 'other')
    writeFileSync(join(history, API, 'notes.txt'), 'hello\n')
    writeFileSync(join(history, API, '999999-v1.jsonl'), '')
    expect(latestJournalPath(history, API, 'v1')).toBe(mine)
    expect(latestJournalPath(history, 'unknown', 'v1')).toBeUndefined()
    expect(latestJournalPath(join(history, 'nowhere'), API, 'v1')).toBeUndefined()
  })
})

describe('historyDirectory', () => {
  const saved = process.env.APIGW_BINFIX_HISTORY

  afterEach(() => {
    if (saved === undefined) delete process.env.APIGW_BINFIX_HISTORY
    else process.env.APIGW_BINFIX_HISTORY = saved
  })

  it('takes the option first, then APIGW_BINFIX_HISTORY, then the default, relative to cwd', () => {
    process.env.APIGW_BINFIX_HISTORY = 'from-env'
    expect(historyDirectory('from-flag', '/work/project')).toBe(resolve('/work/project', 'from-flag'))
    expect(historyDirectory('/abs/history', '/work/project')).toBe('/abs/history')
    expect(historyDirectory(undefined, '/work/project')).toBe(resolve('/work/project', 'from-env'))
    delete process.env.APIGW_BINFIX_HISTORY
    expect(historyDirectory(undefined, '/work/project')).toBe(resolve('/work/project', DEFAULT_HISTORY_DIR))
    expect(DEFAULT_HISTORY_DIR).toBe('.apigw-binfix/history')
  })

  it('refuses a path that is not a directory, or cannot become one, naming where it came from', () => {
    const file = join(history, 'a-file')
    writeFileSync(file, '')
    expect(usageError(() => historyDirectory('/dev/null', history)).message).toBe('--history /dev/null: not a directory')
    // An empty --history would put journals in the working directory itself.
    expect(usageError(() => historyDirectory('', history)).message).toBe('--history: the directory name is empty')
    expect(usageError(() => historyDirectory('  ', history)).message).toBe('--history: the directory name is empty')
    expect(usageError(() => historyDirectory(`${file}/journals`, history)).message).toBe(`--history ${file}/journals: ${file} is not a directory`)
    process.env.APIGW_BINFIX_HISTORY = 'a-file'
    expect(usageError(() => historyDirectory(undefined, history)).message).toBe('APIGW_BINFIX_HISTORY=a-file: not a directory')
    expect(historyDirectory('not-yet/made', history)).toBe(join(history, 'not-yet/made'))
  })
})

function escape(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
