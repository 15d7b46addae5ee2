// Tasks told through the IoHost: each start and end is a message carrying the task's id, so tasks that
// overlap (one per account and Region) stay apart; a host draws them as a live list or plain lines.

import {type IoHost, message} from './io-host.js'

export interface Task {
  succeed(note?: string): Promise<void>
  fail(note: string): Promise<void>
}

let started = 0

/** Starts a task; `taskId` defaults to one unique in this process. */
export async function startTask(io: IoHost, title: string, taskId = `task-${++started}`): Promise<Task> {
  await io.notify(message('info', 'task.start', title, {taskId, title}))
  const end = (outcome: 'succeeded' | 'failed', note: string | undefined) => {
    const text = outcome === 'failed' ? `${title}: ${note}` : note ? `${title} (${note})` : title
    return io.notify(message('info', 'task.end', text, {taskId, title, outcome, ...(note === undefined ? {} : {note})}))
  }
  return {succeed: (note) => end('succeeded', note), fail: (note) => end('failed', note)}
}

/** Runs `work` as one task: succeeded with `note(result)`, or failed with the error's message (and rethrown). */
export async function step<T>(io: IoHost, title: string, work: () => Promise<T>, note?: (result: T) => string | undefined): Promise<T> {
  const task = await startTask(io, title)
  let result: T
  try {
    result = await work()
  } catch (error) {
    await task.fail((error as Error).message)
    throw error
  }
  await task.succeed(note?.(result))
  return result
}
