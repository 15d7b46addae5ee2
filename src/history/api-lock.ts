// One writer per API and Region: apply and rollback hold an exclusive lock file in the history directory
// from before they read the API until they are done, so two runs never both plan from the same state,
// both redeploy, or write into each other's journal. A lock left by a run that died is reported and
// taken over only with --force-unlock ID (as `terraform force-unlock` does): a person says the holder is
// gone, the tool does not guess.

import {randomBytes} from 'node:crypto'
import {closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync} from 'node:fs'
import {hostname} from 'node:os'
import {join} from 'node:path'

import {UsageError} from '../core/errors.js'
import {echoed} from '../core/quote.js'
import {safeSegment} from './journal-store.js'

export interface LockHolder {
  /** Names this lock for --force-unlock. */
  id: string
  pid: number
  host: string
  startedAt: string
  /** `apply` or `rollback`. */
  command: string
}

export interface ApiLock {
  readonly holder: LockHolder
  release(): void
}

export interface LockRequest {
  historyDir: string
  apiId: string
  region: string | null
  command: string
  /** --force-unlock: the id of a lock its holder left behind, to take over. */
  forceUnlock?: string
  now: Date
}

const LOCK_ID = /^[0-9a-f]{12}$/

export function acquireApiLock(request: LockRequest): ApiLock {
  if (request.forceUnlock !== undefined && !LOCK_ID.test(request.forceUnlock)) {
    throw new UsageError(`--force-unlock ${echoed(request.forceUnlock)}: not a lock id (12 hexadecimal digits, as the refusal names it)`)
  }
  const directory = join(request.historyDir, safeSegment(request.apiId))
  mkdirSync(directory, {recursive: true, mode: 0o700})
  const path = join(directory, `${safeSegment(request.region ?? 'no-region')}.lock`)
  const holder: LockHolder = {id: randomBytes(6).toString('hex'), pid: process.pid, host: hostname(), startedAt: request.now.toISOString(), command: request.command}
  if (!tryCreate(path, holder)) {
    const existing = readHolder(path)
    if (request.forceUnlock === undefined || existing?.id !== request.forceUnlock) throw new UsageError(refusal(request, existing))
    rmSync(path, {force: true})
    if (!tryCreate(path, holder)) throw new UsageError(refusal(request, readHolder(path)))
  }
  let held = true
  const release = () => {
    if (!held) return
    held = false
    process.off('exit', release)
    // Only our own lock: one taken over by --force-unlock belongs to its new holder.
    if (readHolder(path)?.id === holder.id) rmSync(path, {force: true})
  }
  // A second Ctrl-C quits with process.exit, past every finally: the lock goes with the process.
  process.once('exit', release)
  return {holder, release}
}

function tryCreate(path: string, holder: LockHolder): boolean {
  let fd: number
  try {
    fd = openSync(path, 'wx', 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw new UsageError(`${path}: cannot create the lock (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`)
  } finally {
    closeSync(fd)
  }
  return true
}

/** The holder a lock file names; undefined when it is unreadable (cut short by a crash, or edited). */
function readHolder(path: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>
    const valid = typeof value.id === 'string' && LOCK_ID.test(value.id) && Number.isInteger(value.pid) && typeof value.host === 'string' && typeof value.startedAt === 'string' && typeof value.command === 'string'
    return valid ? (value as LockHolder) : undefined
  } catch {
    return undefined
  }
}

function refusal(request: LockRequest, holder: LockHolder | undefined): string {
  const api = `REST API ${request.apiId}${request.region ? ` (${request.region})` : ''}`
  if (!holder) {
    return `${api} is locked by a lock file that cannot be read (${join(request.historyDir, safeSegment(request.apiId))}): if no apply or rollback runs on this API, remove the file`
  }
  const who = `${echoed(holder.command, 20)} pid ${holder.pid} on ${echoed(holder.host, 80)} since ${echoed(holder.startedAt, 40)}`
  if (holder.host === hostname() && !isRunning(holder.pid)) {
    return `${api} is locked by ${who}, which is no longer running: if no other apply or rollback runs on this API, take the lock over with --force-unlock ${holder.id}`
  }
  return `${api} is locked by ${who}: wait for it to finish, or if it is gone, take the lock over with --force-unlock ${holder.id}`
}

/** A process of this host by its pid; EPERM means it exists under another user. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
