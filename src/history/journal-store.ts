// Journals on disk: one JSON Lines file per apply under <history>/<apiId>/, where they are, what they are
// named and how they are read back (the JournalWriter, journal-writer.ts, appends to them). A last line cut
// short by a crash is ignored when reading; any other unreadable line is an input error.

import {appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, truncateSync} from 'node:fs'
import {randomBytes} from 'node:crypto'
import {basename, dirname, join, resolve} from 'node:path'

import {UsageError} from '../core/errors.js'
import {jsonSyntaxProblem} from '../core/json-syntax.js'
import {type JournalEntry, journalFault} from '../core/journal.js'
import {echoed} from '../core/quote.js'
import {describeSchemaError, publishedSchemaValidator} from '../schemas.js'

export const DEFAULT_HISTORY_DIR = '.apigw-binfix/history'
const JOURNAL_SUFFIX = '.jsonl'
// Paths are quoted whole in messages unless absurdly long.
const PATH_SHOWN = 300

/**
 * The journals' directory: --history, else APIGW_BINFIX_HISTORY, else the default. Checked before any
 * call: a path that is not a directory, or has a file where a parent directory would be created, would
 * otherwise fail only at the first journal entry, after the reads.
 */
export function historyDirectory(option: string | undefined, cwd: string): string {
  // An empty --history would put journals straight into the working directory.
  if (option !== undefined && option.trim() === '') throw new UsageError('--history: the directory name is empty')
  // An empty variable means unset, as shells treat it.
  const fromEnvironment = option === undefined ? process.env.APIGW_BINFIX_HISTORY || undefined : undefined
  const given = option ?? fromEnvironment ?? DEFAULT_HISTORY_DIR
  const path = resolve(cwd, given)
  const blocker = nearestExisting(path)
  if (!blocker.isDirectory) {
    const source = option !== undefined ? `--history ${echoed(given, PATH_SHOWN)}` : fromEnvironment !== undefined ? `APIGW_BINFIX_HISTORY=${echoed(given, PATH_SHOWN)}` : given
    throw new UsageError(`${source}: ${blocker.path === path ? 'not a directory' : `${blocker.path} is not a directory`}`)
  }
  return path
}

/** `path` or its nearest ancestor that exists: what mkdir -p would have to create the rest under. */
function nearestExisting(path: string): {path: string; isDirectory: boolean} {
  for (let current = path; ; current = dirname(current)) {
    try {
      return {path: current, isDirectory: statSync(current).isDirectory()}
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(current) === current) throw error
    }
  }
}

/**
 * The path of a new journal of `apiId` and `stage`, its directory made; its name sorts by time, so the
 * newest of an API is last.
 */
export function newJournalPath(historyDir: string, apiId: string, stage: string | null, now: Date): string {
  const directory = join(historyDir, safeSegment(apiId))
  mkdirSync(directory, {recursive: true, mode: 0o700})
  // A sequence number first: clocks can stand still or step back, the order of runs cannot. One past the
  // highest, not the count: a count repeats a number once an older journal was deleted.
  const highest = readdirSync(directory).reduce((most, name) => Math.max(most, journalName(name)?.sequence ?? 0), 0)
  const sequence = String(highest + 1).padStart(6, '0')
  const stamp = now.toISOString().replaceAll(/[-:]/g, '')
  return join(directory, `${sequence}-${stamp}-${safeSegment(stage ?? 'no-stage')}-${randomBytes(3).toString('hex')}${JOURNAL_SUFFIX}`)
}

/**
 * The entries of a journal about to be appended to, its last line made whole first. A last line without
 * its newline was cut short by a crash (read as absent, so dropped) or stopped just before the newline
 * (ended here). Appended to as it is, it would become an unreadable middle line.
 */
export function entriesToAppendTo(path: string): JournalEntry[] {
  const entries = readJournalEntries(path)
  const bytes = readFileSync(path)
  const complete = bytes.lastIndexOf(0x0a) + 1
  if (complete < bytes.length) {
    if (isEntry(bytes.subarray(complete).toString('utf8'))) appendFileSync(path, '\n')
    else truncateSync(path, complete)
  }
  return entries
}

/** The newest journal of `apiId` for `stage`, if any. */
export function latestJournalPath(historyDir: string, apiId: string, stage: string | null): string | undefined {
  const wanted = safeSegment(stage ?? 'no-stage')
  return journalPaths(historyDir, apiId)
    .filter((path) => journalName(basename(path))?.stage === wanted)
    .at(-1)
}

/** Every journal of `apiId`, oldest first (by sequence number). */
export function journalPaths(historyDir: string, apiId: string): string[] {
  const directory = join(historyDir, safeSegment(apiId))
  if (!existsSync(directory)) return []
  return readdirSync(directory)
    .filter((name) => journalName(name) !== undefined)
    .sort((a, b) => journalName(a)!.sequence - journalName(b)!.sequence || (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => join(directory, name))
}

/** The API ids the history directory holds journals for, sorted. */
export function journaledApiIds(historyDir: string): string[] {
  if (!existsSync(historyDir)) return []
  return readdirSync(historyDir, {withFileTypes: true})
    .filter((entry) => entry.isDirectory() && /^[A-Za-z0-9_-]+$/.test(entry.name))
    .map((entry) => entry.name)
    .sort()
}

/** `<sequence>-<stamp>-<stage>-<hex>.jsonl` (stage names may hold dashes; the rest do not). */
function journalName(name: string): {sequence: number; stage: string} | undefined {
  const match = /^(\d+)-[0-9T.Z]+-(.+)-[0-9a-f]+\.jsonl$/.exec(name)
  return match ? {sequence: Number(match[1]), stage: match[2]!} : undefined
}

export function readJournalEntries(path: string): JournalEntry[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`${path}: cannot read the journal (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  const lines = text.split('\n')
  const complete = text.endsWith('\n')
  const entries: JournalEntry[] = []
  const lineOf: number[] = []
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue
    const last = index === lines.length - 1
    try {
      entries.push(checkedEntry(JSON.parse(line)))
      lineOf.push(index + 1)
    } catch (error) {
      // A crash between write and flush can cut the last line short; what came before is intact.
      if (last && !complete) break
      throw new UsageError(`${path}:${index + 1}: not a journal entry (${error instanceof SyntaxError ? jsonSyntaxProblem(error, line) : (error as Error).message})`)
    }
  }
  if (entries.length === 0) throw new UsageError(`${path}: not an apigw-binfix journal (it is empty)`)
  const fault = journalFault(entries)
  if (fault) throw new UsageError(`${path}:${lineOf[fault.index]}: ${fault.message}`)
  return entries
}

function isEntry(line: string): boolean {
  try {
    checkedEntry(JSON.parse(line))
    return true
  } catch {
    return false
  }
}

/** An entry as the published schema (schemas/journal.schema.json) describes it; else the schema's first complaint. */
function checkedEntry(value: unknown): JournalEntry {
  const validate = publishedSchemaValidator('journal.schema.json')
  if (validate(value)) return value as JournalEntry
  throw new Error(describeSchemaError(validate.errors?.[0] ?? undefined))
}

// API ids and stage names are [A-Za-z0-9_-] on AWS; anything else is kept out of file names.
export function safeSegment(text: string): string {
  return text.replaceAll(/[^A-Za-z0-9_-]/g, '_')
}
