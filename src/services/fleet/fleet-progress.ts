// The fleet audit's progress, told through the progress port (the one place it is used): a line when an
// account is done and, every few seconds, accounts done, APIs done, calls per second and throttles.

import type {Progress} from '../progress.js'
import type {FleetAuditObserver} from './fleet-audit-service.js'
import type {CallCounts} from './region-connection.js'

const EVERY_MS = 3000

export function fleetProgress(progress: Progress, now: () => number = () => performance.now()): FleetAuditObserver & {stop(): void} {
  const started = now()
  let accounts = 0
  let accountsDone = 0
  let apisDone = 0
  let counter: () => CallCounts = () => ({calls: 0, throttled: 0, retries: 0})
  const line = () => {
    const {calls, throttled} = counter()
    const seconds = Math.max(0.001, (now() - started) / 1000)
    return `accounts ${accountsDone}/${accounts}, APIs ${apisDone}, ${(calls / seconds).toFixed(1)} calls/s, ${throttled} throttled`
  }
  const timer = setInterval(() => progress.note(line()), EVERY_MS)
  timer.unref()
  return {
    accountsKnown: (count) => {
      accounts = count
    },
    accountDone: (name, failed) => {
      accountsDone++
      progress.task(`account ${name}`)[failed ? 'fail' : 'done'](failed ? `not fully read; ${line()}` : line())
    },
    apiDone: () => {
      apisDone++
    },
    setCounter: (count) => {
      counter = count
    },
    stop: () => clearInterval(timer),
  }
}
