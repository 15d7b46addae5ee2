// The CLI in a real terminal: script(1) gives it a pseudo-terminal, so it asks its questions and runs the
// live task list, and keys typed into it (Enter, Ctrl-C) reach it as a person's would.
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {fileURLToPath} from 'node:url'

import {PROJECT_ROOT} from './child-cli.js'

export interface PtyRun {
  /** Everything the terminal showed so far, with its control sequences. */
  screen(): string
  /** The lines the program printed: control sequences and carriage returns removed. */
  text(): string
  /** Resolves once the screen shows `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>
  type(keys: string): void
  exited: Promise<number | null>
}

export const KEY = {enter: '\r', ctrlC: '\u0003'}

/** `node bin/dev.js ARGS` in a terminal of `columns`×40 (wide enough, lines are not wrapped). */
export function spawnInTerminal(args: readonly string[], env: Record<string, string | undefined>, options: {columns?: number; timeoutMs?: number} = {}): PtyRun {
  const {columns = 120, timeoutMs = 40_000} = options
  const bin = fileURLToPath(new URL('../../../bin/dev.js', import.meta.url))
  const command = [process.execPath, bin, ...args].map(shellQuote).join(' ')
  const {NODE_OPTIONS: _jestOnly, ...inherited} = process.env
  const merged: NodeJS.ProcessEnv = {...inherited, NO_COLOR: '1', ...env}
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key]
  // A sized terminal, as people have: the live task list runs too.
  const child = spawn('script', ['-qfec', `stty cols ${columns} rows 40; ${command}`, '/dev/null'], {cwd: PROJECT_ROOT, env: merged, stdio: ['pipe', 'pipe', 'pipe']})
  let screen = ''
  // script(1) may have gone by the time the pipe is flushed; that is not the CLI's failure.
  child.stdin.on('error', () => {})
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const exited = once(child, 'exit').then(([code]) => {
    clearTimeout(timer)
    return code as number | null
  })
  return {
    screen: () => screen,
    // eslint-disable-next-line no-control-regex
    text: () => screen.replaceAll(/\u001B\[[0-9;?]*[A-Za-z]/g, '').replaceAll('\r', ''),
    type: (keys) => void child.stdin.write(keys),
    exited,
    waitFor: async (text, waitMs = 20_000) => {
      const deadline = Date.now() + waitMs
      let gone = false
      void exited.then(() => (gone = true))
      while (!screen.includes(text)) {
        if (gone || Date.now() > deadline) throw new Error(`the terminal never showed ${JSON.stringify(text)}; it showed:\n${screen}`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    },
  }
}

export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}
