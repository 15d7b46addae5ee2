// One writer per API and Region: the lock file apply and rollback hold in the history directory.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {hostname, tmpdir} from 'node:os'
import {join} from 'node:path'

import {UsageError} from '../../src/core/errors.js'
import {acquireApiLock} from '../../src/history/api-lock.js'

let history: string
const now = new Date('2026-12-06T10:00:00.000Z')
const request = (overrides: Partial<Parameters<typeof acquireApiLock>[0]> = {}) => ({historyDir: history, apiId: 'a1b2c3d4e5', region: 'us-east-1', command: 'apply', now, ...overrides})
const lockFile = () => join(history, 'a1b2c3d4e5', 'us-east-1.lock')

beforeEach(() => (history = mkdtempSync(join(tmpdir(), 'apigw-binfix-lock-'))))
afterEach(() => rmSync(history, {recursive: true, force: true}))

function refusal(attempt: () => unknown): string {
  let failure: unknown
  try {
    attempt()
  } catch (error) {
    failure = error
  }
  expect(failure).toBeInstanceOf(UsageError)
  expect((failure as UsageError).oclif.exit).toBe(2)
  expect((failure as Error).message).not.toContain('\n')
  return (failure as Error).message
}

/** A pid that was this host's and is no longer running. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'})
  return Number(child.stdout)
}

describe('the lock of an API and Region', () => {
  it('is a file only its owner reads, naming the holder; released, it is gone', () => {
    const lock = acquireApiLock(request())
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toEqual({id: lock.holder.id, pid: process.pid, host: hostname(), startedAt: now.toISOString(), command: 'apply'})
    expect(statSync(lockFile()).mode & 0o777).toBe(0o600)
    lock.release()
    expect(existsSync(lockFile())).toBe(false)
    acquireApiLock(request()).release()
  })

  it('refuses a second writer while the first runs, naming it; another Region or API is no conflict', () => {
    const lock = acquireApiLock(request())
    expect(refusal(() => acquireApiLock(request({command: 'rollback'})))).toBe(
      `REST API a1b2c3d4e5 (us-east-1) is locked by apply pid ${process.pid} on ${hostname()} since ${now.toISOString()}: wait for it to finish, or if it is gone, take the lock over with --force-unlock ${lock.holder.id}`,
    )
    acquireApiLock(request({region: 'eu-west-1'})).release()
    acquireApiLock(request({apiId: 'f6g7h8i9j0'})).release()
    lock.release()
  })

  it('a lock whose holder died is reported as such and taken over only with its id', () => {
    mkdirSync(join(history, 'a1b2c3d4e5'))
    const stale = {id: '0123456789ab', pid: deadPid(), host: hostname(), startedAt: '2026-12-06T09:00:00.000Z', command: 'apply'}
    writeFileSync(lockFile(), JSON.stringify(stale))
    expect(refusal(() => acquireApiLock(request()))).toBe(
      `REST API a1b2c3d4e5 (us-east-1) is locked by apply pid ${stale.pid} on ${hostname()} since 2026-12-06T09:00:00.000Z, which is no longer running: if no other apply or rollback runs on this API, take the lock over with --force-unlock 0123456789ab`,
    )
    expect(refusal(() => acquireApiLock(request({forceUnlock: 'ffffffffffff'})))).toContain('--force-unlock 0123456789ab')
    expect(refusal(() => acquireApiLock(request({forceUnlock: 'nope'})))).toBe('--force-unlock nope: not a lock id (12 hexadecimal digits, as the refusal names it)')
    const taken = acquireApiLock(request({forceUnlock: '0123456789ab'}))
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({id: taken.holder.id, pid: process.pid})
    taken.release()
    expect(existsSync(lockFile())).toBe(false)
  })

  it('an unreadable lock file is refused, never overwritten', () => {
    mkdirSync(join(history, 'a1b2c3d4e5'))
    writeFileSync(lockFile(), '{"id": "0123')
    expect(refusal(() => acquireApiLock(request()))).toMatch(/^REST API a1b2c3d4e5 \(us-east-1\) is locked by a lock file that cannot be read/)
    expect(readFileSync(lockFile(), 'utf8')).toBe('{"id": "0123')
  })

  it('a released lock of a run that was taken over is not removed by the old holder', () => {
    const first = acquireApiLock(request())
    const second = acquireApiLock(request({forceUnlock: first.holder.id}))
    first.release()
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).id).toBe(second.holder.id)
    second.release()
  })
})
