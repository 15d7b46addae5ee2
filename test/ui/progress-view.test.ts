// The task list: plain lines for logs, and on a terminal one spinner over the running tasks, each ending
// task leaving its ticked or crossed line. Tasks overlap (fleet runs one per account and Region).
import {Ansis} from 'ansis'

import {liveTaskList, plainTaskList} from '../../src/ui/progress-view.js'

function collector(): NodeJS.WritableStream & {text: () => string} {
  let written = ''
  return {write: (chunk: string) => ((written += chunk), true), text: () => written} as unknown as NodeJS.WritableStream & {text: () => string}
}

describe('plainTaskList', () => {
  it('one line per finished task and per note, nothing when a task starts', () => {
    const stream = collector()
    const tasks = plainTaskList(stream, new Ansis(0))
    tasks.start('t1', 'Reading the API')
    tasks.start('t2', 'UpdateRestApi: 2 changes')
    tasks.end('t2', 'failed', 'UpdateRestApi: 2 changes: 429 Too Many Requests')
    tasks.note('UpdateRestApi: the answer was lost; reading the API to see what landed')
    tasks.end('t1', 'succeeded', 'Reading the API (a1b2c3d4e5 (images))')
    expect(stream.text()).toBe(
      [
        'FAIL  UpdateRestApi: 2 changes: 429 Too Many Requests',
        'note  UpdateRestApi: the answer was lost; reading the API to see what landed',
        'done  Reading the API (a1b2c3d4e5 (images))',
        '',
      ].join('\n'),
    )
  })
})

describe('liveTaskList', () => {
  /** Records what each spinner is asked to do, numbered in the order the spinners were made. */
  function spinners() {
    const calls: string[] = []
    let made = 0
    const factory = () => {
      const id = ++made
      const spinner = {
        set text(value: string) {
          calls.push(`${id} text ${JSON.stringify(value)}`)
        },
        start: (text: string) => (calls.push(`${id} start ${JSON.stringify(text)}`), spinner),
        succeed: (text?: string) => (calls.push(`${id} succeed ${JSON.stringify(text)}`), spinner),
        fail: (text?: string) => (calls.push(`${id} fail ${JSON.stringify(text)}`), spinner),
        info: (text?: string) => (calls.push(`${id} info ${JSON.stringify(text)}`), spinner),
        stop: () => (calls.push(`${id} stop`), spinner),
      }
      return spinner
    }
    return {calls, factory}
  }

  it('one task at a time: a spinner per task, ticked or crossed where it ran', () => {
    const {calls, factory} = spinners()
    const tasks = liveTaskList(factory as never, collector())
    tasks.start('t1', 'Reading the API')
    tasks.end('t1', 'succeeded', 'Reading the API (a1b2c3d4e5)')
    tasks.start('t2', 'CreateDeployment v1')
    tasks.end('t2', 'failed', 'CreateDeployment v1: throttled')
    expect(calls).toEqual(['1 start "Reading the API"', '1 succeed "Reading the API (a1b2c3d4e5)"', '2 start "CreateDeployment v1"', '2 fail "CreateDeployment v1: throttled"'])
  })

  it('overlapping tasks: one line each under the spinner; the one that ends leaves its line and the rest spin on', () => {
    const {calls, factory} = spinners()
    const tasks = liveTaskList(factory as never, collector())
    tasks.start('111111111111/eu-west-1', 'Reading 111111111111 eu-west-1')
    tasks.start('222222222222/us-east-1', 'Reading 222222222222 us-east-1')
    tasks.end('222222222222/us-east-1', 'succeeded', 'Reading 222222222222 us-east-1 (3 APIs)')
    tasks.note('Interrupted: stopping once the request in flight is answered')
    tasks.end('111111111111/eu-west-1', 'failed', 'Reading 111111111111 eu-west-1: AccessDenied')
    // An end for a task that is not running (ended already) changes nothing.
    tasks.end('111111111111/eu-west-1', 'failed', 'again')
    expect(calls).toEqual([
      '1 start "Reading 111111111111 eu-west-1"',
      '1 text "Reading 111111111111 eu-west-1\\nReading 222222222222 us-east-1"',
      '1 succeed "Reading 222222222222 us-east-1 (3 APIs)"',
      '2 start "Reading 111111111111 eu-west-1"',
      '2 stop',
      '3 info "Interrupted: stopping once the request in flight is answered"',
      '4 start "Reading 111111111111 eu-west-1"',
      '4 fail "Reading 111111111111 eu-west-1: AccessDenied"',
    ])
  })
})
