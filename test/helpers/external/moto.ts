import {type ChildProcess, execFile, spawn} from 'node:child_process'
import {once} from 'node:events'
import {createServer} from 'node:net'
import {setTimeout as sleep} from 'node:timers/promises'
import {promisify} from 'node:util'

const run = promisify(execFile)

const READY_TIMEOUT_MS = 15_000

/** moto's version, or the reason it cannot be used here (it is not installable from any registry we reach). */
export async function motoVersion(): Promise<{version: string} | {missing: string}> {
  try {
    const {stdout} = await run('python3', ['-c', 'import moto; print(moto.__version__)'], {timeout: 15_000})
    return {version: stdout.trim()}
  } catch (error) {
    // The last stderr line names the cause (ModuleNotFoundError: No module named 'moto').
    const failure = error as Error & {stderr?: string}
    return {missing: failure.stderr?.trim().split('\n').at(-1) || failure.message.split('\n')[0]}
  }
}

export interface MotoServer {
  url: string
  close(): Promise<void>
}

/** `python3 -m moto.server` on a free loopback port, resolved once it answers HTTP. */
export async function startMoto(): Promise<MotoServer> {
  const port = await freePort()
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // moto must not pick up the developer's AWS settings either.
    env: {...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1'},
  })
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000)
  })
  const url = `http://127.0.0.1:${port}`
  const server: MotoServer = {url, close: () => stop(child)}
  try {
    await waitUntilReady(url, child, () => stderr)
  } catch (error) {
    await server.close()
    throw error
  }
  return server
}

async function waitUntilReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`moto exited (${child.exitCode ?? child.signalCode}) before answering:\n${stderr()}`)
    }
    try {
      const response = await fetch(`${url}/moto-api/`, {signal: AbortSignal.timeout(1000)})
      await response.arrayBuffer()
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  throw new Error(`moto did not answer on ${url} within ${READY_TIMEOUT_MS} ms:\n${stderr()}`)
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
  await exited
  clearTimeout(timer)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}
