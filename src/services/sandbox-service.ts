import {readdirSync, statSync} from 'node:fs'
import {basename, extname, join, resolve} from 'node:path'

import {UsageError} from '../core/errors.js'
import {echoed} from '../core/quote.js'
import {checkedStageName} from '../core/stage-name.js'
import {loadHandler} from '../sandbox/data-plane/lambda-registry.js'
import {FleetFileError, type FleetPlan, readFleetFile} from '../sandbox/fleet/fleet-file.js'
import {type PopulatedFleet, populateFleet} from '../sandbox/fleet/populate.js'
import {DEFAULT_ACCOUNT_ID, type Sandbox, type SandboxOptions, startSandbox} from '../sandbox/server.js'
import {StateFileError} from '../sandbox/state-file.js'
import {type RestoredState, type SeededApi, type SeededStack, SandboxSetupError, describeRestored, setUpSandbox} from '../sandbox/setup.js'

// For the sandbox command, which pins its flags' defaults to these by type alone (it loads this module lazily).
export {DEFAULT_REGION, DEFAULT_SANDBOX_PORT} from '../sandbox/server.js'

export interface SandboxRunRequest extends SandboxOptions {
  imports: string[]
  /** `--import-stack FILE` values: CloudFormation stack declarations (after the imports they may name). */
  importStacks?: string[]
  deployStage?: string
  /** `--lambda NAME=FILE` values. */
  lambdaFlags?: string[]
  /** `--functions DIR`: every DIR/NAME.mjs serves the function NAME. */
  functionsDir?: string
  /** `--fleet FILE`: accounts, Regions, roles and the REST APIs to make in them (src/sandbox/fleet/fleet-file.ts). */
  fleetFile?: string
}

export interface RunningSandbox {
  sandbox: Sandbox
  endpoint: string
  region: string
  /** The REST APIs `--import` created. */
  restApis: SeededApi[]
  /** The stacks `--import-stack` created. */
  stacks: SeededStack[]
  /** What `--state FILE` reloaded (absent when it held nothing, or there was no --state). */
  restored?: RestoredState
  /** The Lambda functions the data plane serves, by name. */
  functions: string[]
  /** What `--fleet` made. */
  fleet?: PopulatedFleet
  /** The loopback-only default was overridden. */
  exposed: boolean
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/

/** Validates every option before binding a port, then starts the sandbox and applies `--import`. */
export async function runSandbox(request: SandboxRunRequest): Promise<RunningSandbox> {
  const {imports, importStacks = [], deployStage, lambdaFlags = [], functionsDir, fleetFile, ...options} = request
  // Node binds an empty host to every interface, as it does 0.0.0.0, but nothing would say so.
  if (options.host !== undefined && options.host.trim() === '') {
    throw new UsageError(`--host ${echoed(options.host)}: empty; name the address to bind (0.0.0.0 for every interface)`)
  }
  if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535)) {
    throw new UsageError(`--port ${options.port}: must be an integer from 0 to 65535`)
  }
  if (options.faultRate !== undefined && !(options.faultRate >= 0 && options.faultRate <= 1)) {
    throw new UsageError(`--fault-rate ${options.faultRate}: must be a number from 0 to 1`)
  }
  if (options.latencyMs !== undefined && !(options.latencyMs >= 0 && options.latencyMs <= 60_000)) {
    throw new UsageError(`--latency ${options.latencyMs}: must be from 0 to 60000 milliseconds`)
  }
  if (deployStage !== undefined) checkedStageName(deployStage, '--deploy-stage')
  if (options.stateFile !== undefined) checkStateFile(options.stateFile)
  if (deployStage !== undefined && imports.length === 0) {
    throw new UsageError('--deploy-stage needs at least one --import FILE to deploy')
  }

  // The state file holds the default account and Region only: a fleet is made anew at each start.
  if (fleetFile !== undefined && options.stateFile !== undefined) {
    throw new UsageError('--fleet and --state cannot be combined: the state file keeps the default account and Region only, and a fleet is made anew at each start')
  }
  let fleetPlan: FleetPlan | undefined
  if (fleetFile !== undefined) {
    try {
      fleetPlan = readFleetFile(fleetFile, options.accountId ?? DEFAULT_ACCOUNT_ID)
    } catch (error) {
      if (error instanceof FleetFileError) throw new UsageError(`--fleet ${error.message}`)
      throw error
    }
    options.fleetDirectory = fleetPlan.directory
  }

  const functions = await resolveFunctions(lambdaFlags, functionsDir)
  if (Object.keys(functions).length > 0) options.lambdas = {...functions, ...options.lambdas}

  let sandbox: Sandbox
  try {
    sandbox = await startSandbox(options)
  } catch (error) {
    const failure = error as NodeJS.ErrnoException
    if (failure.code === 'EADDRINUSE') throw new UsageError(`--port ${options.port}: already in use`)
    if (failure.code === 'EADDRNOTAVAIL' || failure.code === 'ENOTFOUND') throw new UsageError(`--host ${echoed(options.host ?? '')}: not an address of this machine`)
    if (error instanceof StateFileError) throw new UsageError(`--state ${error.message}`)
    throw error
  }
  try {
    // Read before the imports: what the store holds now is what the state file held.
    const restored = options.stateFile === undefined ? undefined : describeRestored(sandbox, options.stateFile)
    const {restApis, stacks} = setUpSandbox(sandbox, {imports, deployStage, stacks: importStacks})
    const fleet = fleetPlan === undefined ? undefined : populateFleet(sandbox.partitions, fleetPlan)
    // With --state, what is served is what is saved: a restart without --import finds these APIs and stacks.
    if (restApis.length > 0 || stacks.length > 0) sandbox.persist()
    return {
      sandbox,
      endpoint: sandbox.url,
      region: sandbox.store.state.region,
      restApis,
      stacks,
      ...(restored === undefined ? {} : {restored}),
      functions: Object.keys(options.lambdas ?? {}).sort(),
      ...(fleet === undefined ? {} : {fleet}),
      exposed: !LOOPBACK.test(options.host ?? '127.0.0.1'),
    }
  } catch (error) {
    await sandbox.close()
    if (error instanceof SandboxSetupError) throw new UsageError(error.message)
    throw error
  }
}

/** --state names a file to read and replace: a directory there would fail on start with EISDIR. */
function checkStateFile(stateFile: string): void {
  let isDirectory = false
  try {
    isDirectory = statSync(stateFile).isDirectory()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // Missing: created on the first write, with its directories.
    if (code === 'ENOENT') return
    throw new UsageError(`--state ${echoed(stateFile, 300)}: cannot use it (${code === 'ENOTDIR' ? 'a parent is a file' : (code ?? (error as Error).message)})`)
  }
  if (isDirectory) throw new UsageError(`--state ${echoed(stateFile, 300)}: is a directory; name a file`)
}

// `--lambda NAME=FILE` and `--functions DIR`: the Lambda functions the data plane serves, each checked
// (the file exists and exports a `handler` function) before the sandbox binds its port.

// Lambda's function-name rule (CreateFunction FunctionName, name form).
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/

/** Function name → absolute handler path; `--lambda` wins over a file of the same name in `--functions`. */
export async function resolveFunctions(lambdaFlags: readonly string[], functionsDir: string | undefined, cwd = process.cwd()): Promise<Record<string, string>> {
  const functions: Record<string, string> = {}
  const flagOf = new Map<string, string>()
  if (functionsDir !== undefined) {
    const dir = resolve(cwd, functionsDir)
    for (const file of handlerFiles(dir, functionsDir)) {
      const name = basename(file, '.mjs')
      if (!FUNCTION_NAME.test(name)) throw new UsageError(`--functions ${functionsDir}: ${basename(file)} is not named like a Lambda function (letters, digits, '-' and '_', at most 64)`)
      functions[name] = file
      flagOf.set(name, `--functions ${functionsDir}`)
    }
  }
  const named = new Set<string>()
  for (const value of lambdaFlags) {
    const equals = value.indexOf('=')
    const name = value.slice(0, equals)
    const path = value.slice(equals + 1)
    if (equals <= 0 || path === '') throw new UsageError(`--lambda ${value}: expected NAME=path/to/handler.mjs`)
    if (!FUNCTION_NAME.test(name)) throw new UsageError(`--lambda ${value}: ${name} is not a Lambda function name (letters, digits, '-' and '_', at most 64)`)
    if (named.has(name)) throw new UsageError(`--lambda ${value}: function ${name} is given twice`)
    named.add(name)
    const file = resolve(cwd, path)
    if (!isFile(file)) throw new UsageError(`--lambda ${value}: no such file ${path}`)
    functions[name] = file
    flagOf.set(name, `--lambda ${value}`)
  }
  for (const [name, file] of Object.entries(functions)) {
    try {
      await loadHandler(file)
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0]
      throw new UsageError(`${flagOf.get(name)}: ${reason.includes('no exported function named handler') ? `${file} exports no function named handler` : `cannot load ${file}: ${reason}`}`)
    }
  }
  return functions
}

function handlerFiles(dir: string, given: string): string[] {
  let entries: string[]
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--functions ${given}: not a directory`)
    entries = readdirSync(dir)
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`--functions ${given}: no such directory`)
  }
  return entries
    .filter((entry) => extname(entry) === '.mjs')
    .map((entry) => join(dir, entry))
    .filter(isFile)
    .sort()
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
