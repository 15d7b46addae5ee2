// Tasks on stderr: a live task list (a spinner over the running tasks, a tick or cross as each ends) on a
// terminal, one plain line per finished task otherwise, so CI logs stay readable. Tasks may overlap; they
// are told apart by id.

import type {Palette} from './colours.js'

export interface TaskListView {
  start(taskId: string, title: string): void
  /** `text`: the title with what came of it. */
  end(taskId: string, outcome: 'succeeded' | 'failed', text: string): void
  /** A line between tasks (a retry, a reconciliation, an interruption). */
  note(text: string): void
}

type Spinner = {start(text: string): Spinner; succeed(text?: string): Spinner; fail(text?: string): Spinner; info(text?: string): Spinner; stop(): Spinner; text: string}
type SpinnerFactory = (options: {stream: NodeJS.WritableStream; text: string; isEnabled: boolean}) => Spinner

export async function taskListFor(stream: NodeJS.WritableStream & {isTTY?: boolean; columns?: number}, colour: Palette): Promise<TaskListView> {
  // A terminal that reports no width (a bare pty) would make ora clear lines forever: plain lines there.
  if (!stream.isTTY || !(stream.columns !== undefined && stream.columns > 0)) return plainTaskList(stream, colour)
  // ora only on a terminal: plain output and --help never load it.
  const {default: ora} = await import('ora')
  return liveTaskList((options) => ora(options) as unknown as Spinner, stream)
}

export function plainTaskList(stream: NodeJS.WritableStream, colour: Palette): TaskListView {
  const write = (line: string) => void stream.write(`${line}\n`)
  return {
    start() {},
    end: (_taskId, outcome, text) => write(outcome === 'succeeded' ? `${colour.green('done')}  ${text}` : `${colour.red('FAIL')}  ${text}`),
    note: (text) => write(`note  ${text}`),
  }
}

/** One spinner over the running tasks (one line each); an ending task leaves its line, ticked or crossed, above. */
export function liveTaskList(spinner: SpinnerFactory, stream: NodeJS.WritableStream): TaskListView {
  const running = new Map<string, string>()
  let current: Spinner | undefined
  const spin = () => {
    const text = [...running.values()].join('\n')
    current = running.size === 0 ? undefined : spinner({stream, text, isEnabled: true}).start(text)
  }
  return {
    start(taskId, title) {
      running.set(taskId, title)
      if (current) current.text = [...running.values()].join('\n')
      else spin()
    },
    end(taskId, outcome, text) {
      if (!running.delete(taskId)) return
      // succeed/fail stop the spinner and leave the line; the tasks still running get a new one below it.
      const spinning = current ?? spinner({stream, text, isEnabled: true})
      if (outcome === 'succeeded') spinning.succeed(text)
      else spinning.fail(text)
      spin()
    },
    note(text) {
      current?.stop()
      spinner({stream, text, isEnabled: true}).info(text)
      if (current) spin()
    },
  }
}
