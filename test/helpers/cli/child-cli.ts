import {type ChildProcessByStdio, spawn} from 'node:child_process'
import {once} from 'node:events'
import {fileURLToPath} from 'node:url'
import type {Readable} from 'node:stream'

/** The project root: bin/dev.js runs the sources through tsx, so no build is needed (nor used). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface CliRun extends Exit {
  stdout: string
  stderr: string
}

const running = new Set<ChildProcessByStdio<null, Readable, Readable>>()

export interface CliOptions {
  /** Added to (or, when undefined, removed from) the inherited environment. */
  env?: Record<string, string | undefined>
  /** Working directory; the project root by default. */
  cwd?: string
}

function childEnv(extra: CliOptions['env'] = {}): NodeJS.ProcessEnv {
  // jest's --experimental-vm-modules is for jest, not for the CLI under test.
  const {NODE_OPTIONS: _jestOnly, ...env} = process.env
  const merged: NodeJS.ProcessEnv = {...env, NO_COLOR: '1', ...extra}
  for (const [key, value] of Object.entries(extra)) if (value === undefined) delete merged[key]
  return merged
}

/** `node bin/dev.js ARGS` (from the project root by default), as a user runs the CLI from a checkout. */
export function spawnCli(args: readonly string[], options: CliOptions = {}) {
  const bin = fileURLToPath(new URL('../../../bin/dev.js', import.meta.url))
  const child = spawn(process.execPath, [bin, ...args], {cwd: options.cwd ?? PROJECT_ROOT, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe']})
  running.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited: Promise<Exit> = once(child, 'exit').then(([code, signal]) => {
    running.delete(child)
    return {code: code as number | null, signal: signal as NodeJS.Signals | null}
  })
  // Let stdio drain before the output is read.
  const closed: Promise<CliRun> = once(child, 'close').then(async () => ({...(await exited), stdout, stderr}))
  return {
    child,
    closed,
    output: () => ({stdout, stderr}),
    /** Resolves with the first complete JSON document on stdout (`--json` prints it once the server listens). */
    firstJson: (timeoutMs = 20_000) => firstJsonDocument(() => stdout, closed, timeoutMs),
    /** Resolves once stdout contains `text` (human output). */
    waitForText: (text: string, timeoutMs = 20_000) => waitFor(() => (stdout.includes(text) ? stdout : undefined), closed, timeoutMs),
  }
}

/** Runs to completion; a run that does not end by itself is killed after `timeoutMs` (and reports the signal). */
export async function runCli(args: readonly string[], timeoutMs = 20_000, options: CliOptions = {}): Promise<CliRun> {
  const run = spawnCli(args, options)
  const timer = setTimeout(() => run.child.kill('SIGKILL'), timeoutMs)
  try {
    return await run.closed
  } finally {
    clearTimeout(timer)
  }
}

/** Ends any CLI a failed test left running. */
export function killStrayClis(): void {
  for (const child of running) child.kill('SIGKILL')
}

/**
 * bin/dev.js runs oclif in development mode, which warns (with a stack) that it resolved
 * dist/commands/index.js to commands/index twice under `rootDir: "."`. A user running bin/run.js never
 * sees it; everything else on stderr is the command's own output.
 */
export function withoutDevModeNoise(stderr: string): string[] {
  const lines = stderr.split('\n')
  const kept: string[] = []
  let inWarning = false
  for (const line of lines) {
    if (line.startsWith('Warning: Could not find source for ') && line.endsWith('Defaulting to compiled source.')) {
      inWarning = true
      continue
    }
    if (inWarning && /^\s+at /.test(line)) continue
    inWarning = false
    if (line !== '') kept.push(line)
  }
  return kept
}

function firstJsonDocument(read: () => string, closed: Promise<CliRun>, timeoutMs: number): Promise<Record<string, unknown>> {
  return waitFor(
    () => {
      // The document is pretty-printed: it ends at the first line that is a lone closing brace.
      const end = read().search(/^\}$/m)
      return end === -1 ? undefined : (JSON.parse(read().slice(0, end + 1)) as Record<string, unknown>)
    },
    closed,
    timeoutMs,
  )
}

function waitFor<T>(probe: () => T | undefined, closed: Promise<CliRun>, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false
    const finish = (action: () => void) => {
      if (settled) return
      settled = true
      clearInterval(poll)
      clearTimeout(timer)
      action()
    }
    const check = () => {
      try {
        const value = probe()
        if (value !== undefined) finish(() => resolve(value))
      } catch (error) {
        finish(() => reject(error))
      }
    }
    const poll = setInterval(check, 20)
    const timer = setTimeout(() => finish(() => reject(new Error(`CLI not ready after ${timeoutMs} ms`))), timeoutMs)
    void closed.then((run) => {
      check()
      finish(() => reject(new Error(`CLI exited (${run.code ?? run.signal}) before it was ready; stderr: ${run.stderr}`)))
    })
  })
}
