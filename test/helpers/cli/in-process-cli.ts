// The CLI run inside the test process: oclif's execute() (the parsing, hooks and error printing that
// bin/dev.js runs) with stdout, stderr and process.exit captured. A spawned CLI costs ~0.5 s; this costs
// milliseconds, for tests that run many invocations which fail before any command does real work.
import {jest} from '@jest/globals'
import {Config, Plugin, execute} from '@oclif/core'

import {type CliRun, PROJECT_ROOT} from './child-cli.js'

let loaded: Promise<Config> | undefined

/** The configuration bin/dev.js builds: commands from the sources, never a stale oclif.manifest.json. */
export function sourceConfig(): Promise<Config> {
  loaded ??= (async () => {
    const config = await Config.load(PROJECT_ROOT)
    if (config.plugins.get(config.name)?.hasManifest) {
      const sources = new Plugin({isRoot: true, root: config.root, pjson: config.pjson, ignoreManifest: true})
      await sources.load()
      config.plugins.set(sources.name, sources)
    }
    return config
  })()
  return loaded
}

/** `apigw-binfix ARGS` in this process; `code` is what the process would exit with. */
export async function runInProcess(args: readonly string[]): Promise<CliRun> {
  const config = await sourceConfig()
  let stdout = ''
  let stderr = ''
  let exitCalled: number | undefined
  const capture = (append: (text: string) => void) => (chunk: unknown, ...rest: unknown[]) => {
    append(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'))
    const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined
    callback?.()
    return true
  }
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(capture((text) => (stdout += text)) as typeof process.stdout.write),
    jest.spyOn(process.stderr, 'write').mockImplementation(capture((text) => (stderr += text)) as typeof process.stderr.write),
    // oclif's error handler ends with process.exit(code).
    jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      exitCalled ??= code ?? 0
    }) as typeof process.exit),
  ]
  const exitCodeBefore = process.exitCode
  process.exitCode = undefined
  // oclif's flush() waits for a 'drain' that a captured stdout never emits; its listener would pile up.
  const drainListeners = new Set(process.stdout.listeners('drain'))
  try {
    await execute({args: [...args], loadOptions: config})
  } finally {
    for (const spy of spies) spy.mockRestore()
    for (const listener of process.stdout.listeners('drain')) if (!drainListeners.has(listener)) process.stdout.off('drain', listener as () => void)
  }
  const code = exitCalled ?? (typeof process.exitCode === 'number' ? process.exitCode : 0)
  process.exitCode = exitCodeBefore
  return {code, signal: null, stdout, stderr}
}
