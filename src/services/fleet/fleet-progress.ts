// The fleet audit's progress, told through the IoHost (the one place it is used): a task line when an
// account is done and, every few seconds, accounts done, APIs done, calls per second and throttles.

import {type IoHost, message} from '../io-host.js'
import {startTask} from '../tasks.js'
import type {FleetAuditObserver} from './fleet-audit-service.js'
import type {CallCounts} from './region-connection.js'

const EVERY_MS = 3000

export function fleetProgress(io: IoHost, now: () => number = () => performance.now()): FleetAuditObserver & {stop(): void} {
  const started = now()
  let accounts = 0
  let accountsDone = 0
  let apisDone = 0
  let counter: () => CallCounts = () => ({calls: 0, throttled: 0, retries: 0})
  const figures = () => {
    const {calls, throttled} = counter()
    const seconds = Math.max(0.001, (now() - started) / 1000)
    return {accountsDone, accounts, apisDone, callsPerSecond: calls / seconds, throttled}
  }
  const line = () => {
    const {callsPerSecond, throttled} = figures()
    return `accounts ${accountsDone}/${accounts}, APIs ${apisDone}, ${callsPerSecond.toFixed(1)} calls/s, ${throttled} throttled`
  }
  const timer = setInterval(() => void io.notify(message('info', 'fleet.progress', line(), figures())), EVERY_MS)
  timer.unref()
  return {
    accountsKnown: (count) => {
      accounts = count
    },
    accountDone: (name, failed) => {
      accountsDone++
      void startTask(io, `account ${name}`).then((task) => (failed ? task.fail(`not fully read; ${line()}`) : task.succeed(line())))
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
