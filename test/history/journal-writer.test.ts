// The journal writer: it numbers the writes itself, on from the journal's last step across runs; it writes
// the begin with the journal format whatever it is handed; and every entry is written and fsynced before
// the call that appends it returns. node:fs is wrapped to record the order of the writes and the fsyncs;
// the files themselves are real.
import {jest} from '@jest/globals'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {JOURNAL_FORMAT, type JournalStart} from '../../src/core/journal.js'

const real = await import('node:fs')
const io: string[] = []

jest.unstable_mockModule('node:fs', () => ({
  ...real,
  default: real,
  writeSync: (fd: number, text: string) => {
    io.push(`write ${(JSON.parse(text) as {entry: string}).entry}`)
    return real.writeSync(fd, text)
  },
  fsyncSync: (fd: number) => {
    io.push('fsync')
    real.fsyncSync(fd)
  },
}))

const {createJournal, openJournal} = await import('../../src/history/journal-writer.js')
const {readJournalEntries} = await import('../../src/history/journal-store.js')

const API = 'a1b2c3d4e5'
const at = '2025-01-02T03:04:05.000Z'
const clock = () => new Date(at)
const call = (resourceId: string) => ({operation: 'UpdateIntegration' as const, restApiId: API, resourceId, httpMethod: 'PUT', patchOperations: [{op: 'replace' as const, path: '/contentHandling', value: 'CONVERT_TO_TEXT'}]})
const prior = (resourceId: string) => ({setting: 'integration' as const, resourceId, resourcePath: `/${resourceId}`, httpMethod: 'PUT', contentHandling: null})
const start: JournalStart = {api: {id: API, name: 'images'}, region: 'us-east-1', stage: 'v1', priorDeploymentId: 'd0', prior: [prior('r1'), prior('r2')], calls: [call('r1'), call('r2')]}

let history: string

beforeEach(() => {
  history = mkdtempSync(join(tmpdir(), 'binfix-writer-'))
  io.length = 0
})

afterEach(() => {
  rmSync(history, {recursive: true, force: true})
})

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').trimEnd().split('\n')
}

describe('step numbers', () => {
  it('numbers the writes 1, 2, … and confirms the step it is given', () => {
    const journal = createJournal(history, start, clock)
    expect(journal.announceWrite(call('r1'))).toBe(1)
    journal.confirmWrite(1)
    expect(journal.announceWrite(call('r2'))).toBe(2)
    journal.close()
    expect(readJournalEntries(journal.path).map((entry) => (entry.entry === 'write' || entry.entry === 'written' ? `${entry.entry} ${entry.step}` : entry.entry))).toEqual(['begin', 'write 1', 'written 1', 'write 2'])
  })

  it('numbers on from the last step of the runs before, whatever else they recorded', () => {
    const first = createJournal(history, start, clock)
    first.announceWrite(call('r1'))
    first.confirmWrite(1)
    first.record({entry: 'interrupted', unsent: [call('r2')]})
    first.close()
    const second = openJournal(first.path, clock)
    second.record({entry: 'resume', prior: [prior('r2')], calls: [call('r2')]})
    expect(second.announceWrite(call('r2'))).toBe(2)
    second.close()
    const third = openJournal(first.path, clock)
    expect(third.announceWrite(call('r1'))).toBe(3)
    third.close()
  })
})

describe('the format and the time', () => {
  it('begins with the journal format the published schema names', () => {
    const journal = createJournal(history, start, clock)
    journal.close()
    const schema = JSON.parse(readFileSync(new URL('../../schemas/journal.schema.json', import.meta.url), 'utf8')) as unknown
    expect(JSON.stringify(schema)).toContain(`"format":{"const":"${JOURNAL_FORMAT}"}`)
    expect(JSON.parse(lines(journal.path)[0]!)).toMatchObject({entry: 'begin', format: JOURNAL_FORMAT, at})
  })

  it('writes the format itself, whatever the begin it is handed says', () => {
    const handed = {...start, entry: 'begin', format: 'something-else', at: '1999-01-01T00:00:00.000Z'} as JournalStart
    const journal = createJournal(history, handed, clock)
    journal.close()
    expect(JSON.parse(lines(journal.path)[0]!)).toMatchObject({format: JOURNAL_FORMAT, at})
  })

  it('stamps every entry with its clock, the kind and the time first', () => {
    const times = ['2025-01-02T03:04:05.000Z', '2025-01-02T03:04:06.000Z', '2025-01-02T03:04:07.000Z']
    let tick = 0
    const journal = createJournal(history, start, () => new Date(times[tick++]!))
    journal.announceWrite(call('r1'))
    journal.record({entry: 'deployed', deploymentId: 'd1'})
    journal.close()
    const [begin, write, deployed] = lines(journal.path)
    expect(begin!.startsWith(`{"entry":"begin","format":"${JOURNAL_FORMAT}","at":"${times[0]}"`)).toBe(true)
    expect(write!.startsWith(`{"entry":"write","at":"${times[1]}","step":1`)).toBe(true)
    expect(deployed).toBe(`{"entry":"deployed","at":"${times[2]}","deploymentId":"d1"}`)
  })
})

describe('on disk before it returns', () => {
  it('fsyncs every entry after writing it and before returning, so it is on disk before the step it announces', () => {
    const journal = createJournal(history, start, clock)
    expect(io).toEqual(['write begin', 'fsync'])
    io.length = 0
    journal.announceWrite(call('r1'))
    expect(io).toEqual(['write write', 'fsync'])
    journal.confirmWrite(1)
    journal.record({entry: 'deploy', stage: 'v1', description: 'binfix'})
    expect(io).toEqual(['write write', 'fsync', 'write written', 'fsync', 'write deploy', 'fsync'])
    journal.close()
  })
})
