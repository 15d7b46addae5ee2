// A sandbox in a child process (the CLI from the sources, `sandbox --port 0 --json`), for tests of requests
// that could block it: a sandbox blocked in the test's own process would stop the test's timers too, and
// the test would hang instead of failing.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {spawnCli} from './cli/child-cli.js'

export interface ChildSandbox {
  endpoint: string
  /** The REST APIs `--import` created, as `--json` lists them. */
  restApis: Array<{id: string; stage?: string}>
  /** What the sandbox wrote on stderr so far. */
  stderr(): string
  /** The data-plane URL of `path` on the first imported API's stage. */
  url(path: string): string
  /** Ends it (SIGKILL: a blocked sandbox does not answer SIGINT) and removes its files. */
  stop(): Promise<void>
}

export interface ChildSandboxSetup {
  /** An OpenAPI document imported and deployed to the stage `test`. */
  api: object
  /** Lambda handler modules by function name: their source text. */
  functions?: Record<string, string>
}

export async function startChildSandbox(setup: ChildSandboxSetup): Promise<ChildSandbox> {
  const scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-child-sandbox-'))
  const apiFile = join(scratch, 'api.json')
  writeFileSync(apiFile, JSON.stringify(setup.api))
  const lambdaFlags = Object.entries(setup.functions ?? {}).flatMap(([name, source]) => {
    const file = join(scratch, `${name}.mjs`)
    writeFileSync(file, source)
    return ['--lambda', `${name}=${file}`]
  })
  // A small heap: a request that escapes the sandbox's bounds ends the child soon instead of straining the machine.
  const cli = spawnCli(['sandbox', '--port', '0', '--json', '--import', apiFile, '--deploy-stage', 'test', ...lambdaFlags], {env: {NODE_OPTIONS: '--max-old-space-size=384'}})
  const stop = async () => {
    cli.child.kill('SIGKILL')
    await cli.closed
    rmSync(scratch, {recursive: true, force: true})
  }
  let started: Record<string, unknown>
  try {
    started = await cli.firstJson()
  } catch (error) {
    await stop()
    throw error
  }
  const endpoint = started.endpoint as string
  const restApis = started.restApis as ChildSandbox['restApis']
  return {
    endpoint,
    restApis,
    stderr: () => cli.output().stderr,
    url: (path) => `${endpoint}/restapis/${restApis[0]!.id}/test/_user_request_${path}`,
    stop,
  }
}

/** fetch with a deadline: a sandbox that stopped answering fails the test instead of hanging it. */
export function fetchWithin(url: string, timeoutMs: number, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {...init, signal: AbortSignal.timeout(timeoutMs)})
}

/**
 * Polls GET /_sandbox/health every `everyMs` until `until` settles and returns the longest time one took;
 * a health request that does not answer within `timeoutMs` rejects.
 */
export async function healthWhile(endpoint: string, until: Promise<unknown>, {everyMs = 100, timeoutMs = 10_000} = {}): Promise<{longestMs: number; answered: number}> {
  let done = false
  void until.then(
    () => (done = true),
    () => (done = true),
  )
  let longestMs = 0
  let answered = 0
  do {
    const started = performance.now()
    const answer = await fetchWithin(`${endpoint}/_sandbox/health`, timeoutMs)
    await answer.arrayBuffer()
    if (answer.status !== 200) throw new Error(`health answered ${answer.status}`)
    longestMs = Math.max(longestMs, performance.now() - started)
    answered++
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  } while (!done)
  return {longestMs, answered}
}
