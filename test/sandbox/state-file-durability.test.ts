// `sandbox --state FILE` is replaced so that a crash leaves the old file or the whole new one: the
// temporary file reaches the disk before the rename, and the directory after it. node:fs is wrapped to
// record the order of the calls that decide it; the files themselves are real.
import {jest} from '@jest/globals'
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, join} from 'node:path'

const real = await import('node:fs')
const calls: string[] = []
const opened = new Map<number, string>()

jest.unstable_mockModule('node:fs', () => ({
  ...real,
  openSync: (...args: Parameters<typeof real.openSync>) => {
    const descriptor = real.openSync(...args)
    opened.set(descriptor, basename(String(args[0])))
    return descriptor
  },
  fsyncSync: (descriptor: number) => {
    calls.push(`fsync ${opened.get(descriptor)}`)
    real.fsyncSync(descriptor)
  },
  renameSync: (from: string, to: string) => {
    calls.push(`rename ${basename(from)} ${basename(to)}`)
    real.renameSync(from, to)
  },
}))

const {replaceFileAtomically} = await import('../../src/sandbox/state-file.js')

let directory: string

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'binfix-state-'))
  calls.length = 0
})

afterEach(() => {
  rmSync(directory, {recursive: true, force: true})
})

it('flushes the temporary file, renames it over the state file, then flushes the directory', () => {
  const path = join(directory, 'state.json')
  writeFileSync(path, '{"old": true}')
  replaceFileAtomically(path, '{"new": true}')
  expect(readFileSync(path, 'utf8')).toBe('{"new": true}')
  const recorded = calls.map((call) => call.replaceAll(/\.state\.json\.[0-9a-f]+\.tmp/g, '.state.json.TMP.tmp'))
  expect(recorded).toEqual(['fsync .state.json.TMP.tmp', 'rename .state.json.TMP.tmp state.json', `fsync ${basename(directory)}`])
  expect(readdirSync(directory)).toEqual(['state.json'])
})
