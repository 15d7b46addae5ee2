// --checkpoint FILE / --resume: a run killed at any point is resumed re-reading only what it had not
// finished. JSON Lines: a header naming the run (accounts, Regions, fleet file, stage), then one line per
// API judged and one per account-Region completed, each written as soon as it is known. A line cut short
// by the kill is dropped on resume; that API is simply read again.

import {type FileHandle, open, readFile} from 'node:fs/promises'
import {resolve} from 'node:path'

import {UsageError} from '../../core/errors.js'
import type {FleetApiResult} from '../../core/fleet-report.js'
import {isDeepStrictEqual} from 'node:util'

const KIND = 'apigw-binfix fleet checkpoint'

export interface FinishedRegion {
  /** Every API of the account-Region was judged: it is not listed again. */
  complete: boolean
  results: FleetApiResult[]
}

export interface FleetCheckpoint {
  finished(accountId: string, region: string): FinishedRegion | undefined
  record(result: FleetApiResult): Promise<void>
  regionComplete(accountId: string, region: string): Promise<void>
  close(): Promise<void>
}

/**
 * Without `resume` the file must not exist yet (created 0600: it describes infrastructure); with it, the
 * file must exist and belong to the same run (`key`), else a usage error before any call.
 */
export async function openCheckpoint(file: string, cwd: string, resume: boolean, key: Record<string, unknown>): Promise<FleetCheckpoint> {
  const path = resolve(cwd, file)
  const regions = new Map<string, FinishedRegion>()
  let handle: FileHandle
  let appendAt = 0
  const regionOf = (accountId: string, region: string): FinishedRegion => {
    const id = `${accountId}\u0000${region}`
    let entry = regions.get(id)
    if (!entry) {
      entry = {complete: false, results: []}
      regions.set(id, entry)
    }
    return entry
  }
  if (resume) {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new UsageError(`--checkpoint ${file}: ${code === 'ENOENT' ? 'no such file to resume from' : `cannot be read (${code})`}`)
    }
    readCheckpoint(file, text, key, regions)
    handle = await open(path, 'r+', 0o600)
    // A last line cut short by the kill is cut off, so the records appended next start on a line of their own.
    const kept = Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1))
    await handle.truncate(kept)
    appendAt = kept
  } else {
    try {
      handle = await open(path, 'wx', 0o600)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') throw new UsageError(`--checkpoint ${file}: the file exists; pass --resume to continue that run, or name another file`)
      throw new UsageError(`--checkpoint ${file}: cannot be created (${code === 'ENOENT' ? 'no such directory' : code})`)
    }
    const header = `${JSON.stringify({kind: KIND, version: 1, key})}\n`
    await handle.write(header)
    appendAt = Buffer.byteLength(header)
  }
  // Appends are serialised so lines never interleave.
  let writing: Promise<unknown> = Promise.resolve()
  const append = (record: unknown) => {
    const line = Buffer.from(`${JSON.stringify(record)}\n`)
    writing = writing.then(async () => {
      await handle.write(line, 0, line.length, appendAt)
      appendAt += line.length
    })
    return writing.then(() => undefined)
  }
  return {
    finished: (accountId, region) => regions.get(`${accountId}\u0000${region}`),
    record: (result) => append({api: result}),
    regionComplete: (accountId, region) => {
      regionOf(accountId, region).complete = true
      return append({regionComplete: {accountId, region}})
    },
    close: async () => {
      await writing
      await handle.sync().catch(() => undefined)
      await handle.close()
    },
  }

  function readCheckpoint(named: string, text: string, expected: Record<string, unknown>, into: Map<string, FinishedRegion>): void {
    const lines = text.split('\n')
    // After the last newline: nothing, or a line the kill cut short (dropped: that API is read again).
    const complete = lines.slice(0, -1)
    const header = parseLine(complete[0])
    if (!header || header.kind !== KIND || header.version !== 1) throw new UsageError(`${named}:1: not a fleet checkpoint`)
    if (!isDeepStrictEqual(header.key, JSON.parse(JSON.stringify(expected)))) {
      throw new UsageError(`--resume: ${named} belongs to another run (other accounts, Regions, fleet file or stage): pass the same options as the run it checkpoints`)
    }
    for (const [index, line] of complete.slice(1).entries()) {
      const record = parseLine(line)
      const api = record?.api as FleetApiResult | undefined
      const done = record?.regionComplete as {accountId?: unknown; region?: unknown} | undefined
      if (api && typeof api.accountId === 'string' && typeof api.region === 'string' && typeof api.api?.id === 'string' && Array.isArray(api.stages)) {
        regionOf(api.accountId, api.region).results.push(api)
      } else if (done && typeof done.accountId === 'string' && typeof done.region === 'string') {
        regionOf(done.accountId, done.region).complete = true
      } else {
        throw new UsageError(`${named}:${index + 2}: not a checkpoint record`)
      }
    }
  }
}

function parseLine(line: string | undefined): Record<string, unknown> | undefined {
  if (line === undefined || line.trim() === '') return undefined
  try {
    const value = JSON.parse(line) as unknown
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
