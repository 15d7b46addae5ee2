// `--version` and `--help` load neither the AWS SDK nor the prompts (DEVELOPERS.md "Start-up"): the built
// CLI runs in child processes that record every module they load (test/helpers/module-trace).
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {cp, mkdir, mkdtemp, readFile, rename, rm, symlink} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const TRACE_PRELOAD = pathToFileURL(fileURLToPath(new URL('../helpers/module-trace/register.mjs', import.meta.url))).href
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc')
const OCLIF = join(ROOT, 'node_modules/oclif/bin/run.js')
const FORBIDDEN = /\/@aws-sdk\/|\/@inquirer\//
const REGISTRY = '/dist/commands/index.js'

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

interface TracedRun extends Run {
  args: string[]
  urls: string[]
}

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // jest's NODE_OPTIONS and NODE_ENV=test would put oclif in development mode; the CLI runs as installed.
  const {NODE_OPTIONS: _jestFlags, NODE_ENV: _jestEnv, ...env} = process.env
  return {...env, NO_COLOR: '1', OCLIF_SKIP_NEW_VERSION_CHECK: 'true', ...extra}
}

async function run(args: string[], cwd: string, env = childEnv(), timeoutMs = 60_000): Promise<Run> {
  const child = spawn(process.execPath, args, {cwd, env, stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  try {
    const [code] = (await once(child, 'close')) as [number | null]
    return {code, stdout, stderr}
  } finally {
    clearTimeout(timer)
  }
}

async function mustRun(args: string[], cwd: string, okCodes = [0]): Promise<void> {
  const result = await run(args, cwd)
  if (!okCodes.includes(result.code ?? -1)) throw new Error(`${args.join(' ')} exited ${result.code}:\n${result.stdout}${result.stderr}`)
}

/**
 * What `npm pack` ships, built from the current sources into a temp directory (3-7 s, nearly all tsc; the
 * manifest takes ~0.3 s): dist/ and the root manifest may be stale or mid-rebuild, so neither is used.
 */
async function buildPackage(directory: string): Promise<void> {
  // tsc exits 2 when it reports type errors but emits anyway: those are the typecheck's to report; this traces imports.
  await mustRun([TSC, '-p', 'tsconfig.build.json', '--outDir', join(directory, 'dist')], ROOT, [0, 2])
  await cp(join(ROOT, 'bin'), join(directory, 'bin'), {recursive: true})
  for (const file of ['package.json', '.oclifrc.json']) await cp(join(ROOT, file), join(directory, file))
  await symlink(join(ROOT, 'node_modules'), join(directory, 'node_modules'), 'dir')
  await mustRun([OCLIF, 'manifest'], directory)
}

let traceCount = 0

async function traced(directory: string, args: string[]): Promise<TracedRun> {
  const traceFile = join(directory, 'traces', `${traceCount++}.txt`)
  const env = childEnv({MODULE_TRACE_FILE: traceFile})
  const result = await run(['--import', TRACE_PRELOAD, join(directory, 'bin/run.js'), ...args], directory, env)
  const urls = (await readFile(traceFile, 'utf8').catch(() => '')).split('\n').filter(Boolean)
  return {...result, args, urls}
}

let directory: string
let commandIds: string[]

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'apigw-binfix-startup-'))
  await buildPackage(directory)
  await mkdir(join(directory, 'traces'))
  const manifest = JSON.parse(await readFile(join(directory, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, unknown>}
  commandIds = Object.keys(manifest.commands)
}, 120_000)

afterAll(async () => {
  if (directory) await rm(directory, {recursive: true, force: true})
})

/** `--version`, `--help` and `<command> --help` for every command the registry has today. */
function invocations(): string[][] {
  return [['--version'], ['--help'], ...commandIds.map((id) => [...id.split(':'), '--help'])]
}

function expectCleanRuns(runs: TracedRun[]): void {
  for (const {args, code, stdout, stderr, urls} of runs) {
    expect({args, code, stderr: code === 0 ? '' : stderr}).toEqual({args, code: 0, stderr: ''})
    expect(stdout).not.toBe('')
    // The trace sees dependencies at all: without this the negative check below could never fail. bin/run.js
    // answers --version before loading oclif (test/startup/version.test.ts): its trace holds bin/run.js alone.
    const seen = args[0] === '--version' ? '/bin/run.js' : '/@oclif/core/'
    expect({args, sawIt: urls.some((url) => url.includes(seen))}).toEqual({args, sawIt: true})
  }
  const offenders = runs.flatMap(({args, urls}) => {
    const loaded = [...new Set(urls.filter((url) => FORBIDDEN.test(url)))]
    return loaded.length === 0 ? [] : [`${args.join(' ')}: ${loaded.slice(0, 3).join(', ')}${loaded.length > 3 ? ` and ${loaded.length - 3} more` : ''}`]
  })
  expect(offenders).toEqual([])
}

test('the registry has commands to check', () => {
  expect(commandIds.length).toBeGreaterThan(0)
})

describe('with the manifest, as packaged', () => {
  test('--version, --help and every <command> --help load no @aws-sdk/* and no @inquirer/*', async () => {
    const runs = await Promise.all(invocations().map((args) => traced(directory, args)))
    expectCleanRuns(runs)
    expect(runs[0].stdout).toMatch(/^apigw-binfix\/\d+\.\d+\.\d+ /)
    // oclif answers from the manifest: the registry (and with it every command module) is not imported.
    for (const run of runs.slice(0, 2)) expect({args: run.args, registry: run.urls.some((url) => url.endsWith(REGISTRY))}).toEqual({args: run.args, registry: false})
  }, 60_000)
})

describe('without the manifest, every command module is imported', () => {
  beforeAll(() => rename(join(directory, 'oclif.manifest.json'), join(directory, 'oclif.manifest.json.aside')))

  test('command modules import @aws-sdk/* and @inquirer/* only inside run()', async () => {
    const runs = await Promise.all(invocations().map((args) => traced(directory, args)))
    expectCleanRuns(runs)
    // The lazy-import rule is really exercised: oclif imported the registry and so every command module
    // (for all but --version, which bin/run.js answers without oclif).
    for (const run of runs) {
      expect({args: run.args, registry: run.urls.some((url) => url.endsWith(REGISTRY))}).toEqual({args: run.args, registry: run.args[0] !== '--version'})
    }
  }, 60_000)
})
