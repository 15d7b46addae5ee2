import {UsageError} from '../cli/errors.js'
import {type Sandbox, type SandboxOptions, startSandbox} from '../sandbox/server.js'
import {type SeededApi, SandboxSetupError, seedSandbox} from '../sandbox/setup.js'

export interface SandboxRunRequest extends SandboxOptions {
  imports: string[]
  deployStage?: string
}

export interface RunningSandbox {
  sandbox: Sandbox
  endpoint: string
  region: string
  restApis: SeededApi[]
  /** The loopback-only default was overridden. */
  exposed: boolean
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/

/** Validates every option before binding a port, then starts the sandbox and applies `--import`. */
export async function runSandbox(request: SandboxRunRequest): Promise<RunningSandbox> {
  const {imports, deployStage, ...options} = request
  if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535)) {
    throw new UsageError(`--port ${options.port}: must be an integer from 0 to 65535`)
  }
  if (options.faultRate !== undefined && !(options.faultRate >= 0 && options.faultRate <= 1)) {
    throw new UsageError(`--fault-rate ${options.faultRate}: must be a number from 0 to 1`)
  }
  if (options.latencyMs !== undefined && !(options.latencyMs >= 0 && options.latencyMs <= 60_000)) {
    throw new UsageError(`--latency ${options.latencyMs}: must be from 0 to 60000 milliseconds`)
  }
  if (deployStage !== undefined && !/^[A-Za-z0-9_-]{1,128}$/.test(deployStage)) {
    throw new UsageError(`--deploy-stage ${deployStage}: stage names allow only a-z, A-Z, 0-9, '-' and '_'`)
  }
  if (deployStage !== undefined && imports.length === 0) {
    throw new UsageError('--deploy-stage needs at least one --import FILE to deploy')
  }

  let sandbox: Sandbox
  try {
    sandbox = await startSandbox(options)
  } catch (error) {
    const failure = error as NodeJS.ErrnoException
    if (failure.code === 'EADDRINUSE') throw new UsageError(`--port ${options.port}: already in use`)
    if (failure.code === 'EADDRNOTAVAIL' || failure.code === 'ENOTFOUND') throw new UsageError(`--host ${options.host}: not an address of this machine`)
    if (options.stateFile && failure.message.startsWith(options.stateFile)) throw new UsageError(`--state ${failure.message}`)
    throw error
  }
  try {
    const restApis = seedSandbox(sandbox.store, imports, deployStage)
    // With --state, what is served is what is saved: a restart without --import finds these APIs.
    if (restApis.length > 0) sandbox.persist()
    return {
      sandbox,
      endpoint: sandbox.url,
      region: sandbox.store.state.region,
      restApis,
      exposed: !LOOPBACK.test(options.host ?? '127.0.0.1'),
    }
  } catch (error) {
    await sandbox.close()
    if (error instanceof SandboxSetupError) throw new UsageError(error.message)
    throw error
  }
}
