// `--out` files: the temporary file reaches the disk before it is put in place, and the directory after,
// so a crash leaves the old file or the whole new one. node:fs/promises is wrapped to record the order of
// the calls that decide it; the files themselves are real.
import {jest} from '@jest/globals'
import type {FileHandle} from 'node:fs/promises'
import {mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, join} from 'node:path'

const real = await import('node:fs/promises')
const calls: string[] = []

jest.unstable_mockModule('node:fs/promises', () => ({
  ...real,
  open: async (...args: Parameters<typeof real.open>): Promise<FileHandle> => {
    const handle = await real.open(...args)
    const name = basename(String(args[0]))
    const sync = handle.sync.bind(handle)
    handle.sync = async () => {
      calls.push(`sync ${name}`)
      await sync()
    }
    return handle
  },
  rename: async (from: string, to: string) => {
    calls.push(`rename ${basename(from)} ${basename(to)}`)
    await real.rename(from, to)
  },
  link: async (from: string, to: string) => {
    calls.push(`link ${basename(from)} ${basename(to)}`)
    await real.link(from, to)
  },
}))

const {writeAtomically} = await import('../../src/services/out-file.js')

let directory: string

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'binfix-out-'))
  calls.length = 0
})

afterEach(() => {
  rmSync(directory, {recursive: true, force: true})
})

/** The recorded calls with the random part of the temporary file's name replaced by TMP. */
function recorded(): string[] {
  return calls.map((call) => call.replaceAll(/\.out\.json\.[0-9a-f]+\.tmp/g, '.out.json.TMP.tmp'))
}

it('replacing (--force): the temporary file is flushed, renamed over the old one, then the directory is flushed', async () => {
  const path = join(directory, 'out.json')
  writeFileSync(path, 'old\n')
  await writeAtomically(path, 'new\n', 'out.json', {replace: true})
  expect(readFileSync(path, 'utf8')).toBe('new\n')
  expect(recorded()).toEqual(['sync .out.json.TMP.tmp', 'rename .out.json.TMP.tmp out.json', `sync ${basename(directory)}`])
  expect(readdirSync(directory)).toEqual(['out.json'])
})

it('a new file: the temporary file is flushed, linked in place, then the directory is flushed; 0600', async () => {
  const path = join(directory, 'out.json')
  await writeAtomically(path, 'new\n', 'out.json', {replace: false})
  expect(readFileSync(path, 'utf8')).toBe('new\n')
  expect(statSync(path).mode & 0o777).toBe(0o600)
  expect(recorded()).toEqual(['sync .out.json.TMP.tmp', 'link .out.json.TMP.tmp out.json', `sync ${basename(directory)}`])
  expect(readdirSync(directory)).toEqual(['out.json'])
})
