// Progress on stderr: a live task list (a spinner on the running step, a tick or cross when it ends) on a
// terminal, one plain line per finished step otherwise, so CI logs stay readable.

import type {Progress, ProgressTask} from '../services/progress.js'
import type {Palette} from './colours.js'

type Spinner = {start(text: string): Spinner; succeed(text?: string): Spinner; fail(text?: string): Spinner; info(text?: string): Spinner; stop(): Spinner; text: string}
type SpinnerFactory = (options: {stream: NodeJS.WritableStream; text: string; isEnabled: boolean}) => Spinner

export async function progressFor(stream: NodeJS.WritableStream & {isTTY?: boolean; columns?: number}, colour: Palette): Promise<Progress> {
  // A terminal that reports no width (a bare pty) would make ora clear lines forever: plain lines there.
  if (!stream.isTTY || !(stream.columns !== undefined && stream.columns > 0)) return plainProgress(stream, colour)
  // ora only on a terminal: plain output and --help never load it.
  const {default: ora} = await import('ora')
  return liveProgress((options) => ora(options) as unknown as Spinner, stream)
}

export function plainProgress(stream: NodeJS.WritableStream, colour: Palette): Progress {
  const write = (line: string) => void stream.write(`${line}\n`)
  return {
    task(title: string): ProgressTask {
      return {
        done: (note) => write(`${colour.green('done')}  ${title}${note ? ` (${note})` : ''}`),
        fail: (note) => write(`${colour.red('FAIL')}  ${title}: ${note}`),
      }
    },
    note: (message) => write(`note  ${message}`),
  }
}

function liveProgress(spinner: SpinnerFactory, stream: NodeJS.WritableStream): Progress {
  return {
    task(title: string): ProgressTask {
      const running = spinner({stream, text: title, isEnabled: true}).start(title)
      return {
        done: (note) => void running.succeed(note ? `${title} (${note})` : title),
        fail: (note) => void running.fail(`${title}: ${note}`),
      }
    },
    note: (message) => void spinner({stream, text: message, isEnabled: true}).info(message),
  }
}
