// `apigw-binfix --version` answers without loading oclif (bin/run.js), yet prints exactly what oclif
// would: its userAgent line. The run is traced like test/startup/lazy-imports.test.ts traces its runs.
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import {Config} from '@oclif/core'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const TRACE_PRELOAD = pathToFileURL(fileURLToPath(new URL('../helpers/module-trace/register.mjs', import.meta.url))).href
const RUN = join(ROOT, 'bin/run.js')

async function tracedRun(args: string[]): Promise<{code: number | null; stdout: string; stderr: string; urls: string[]}> {
  const directory = await mkdtemp(join(tmpdir(), 'apigw-binfix-version-'))
  try {
    const traceFile = join(directory, 'trace.txt')
    // jest's NODE_OPTIONS and NODE_ENV=test are not the CLI's.
    const {NODE_OPTIONS: _jestFlags, NODE_ENV: _jestEnv, ...env} = process.env
    const child = spawn(process.execPath, ['--import', TRACE_PRELOAD, RUN, ...args], {cwd: directory, env: {...env, MODULE_TRACE_FILE: traceFile}, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const [code] = (await once(child, 'close')) as [number | null]
    const urls = (await readFile(traceFile, 'utf8').catch(() => '')).split('\n').filter(Boolean)
    return {code, stdout, stderr, urls}
  } finally {
    await rm(directory, {recursive: true, force: true})
  }
}

test('bin/run.js --version prints what oclif would, and loads no @oclif module', async () => {
  const [run, config] = await Promise.all([tracedRun(['--version']), Config.load(ROOT)])
  expect({code: run.code, stderr: run.stderr}).toEqual({code: 0, stderr: ''})
  expect(run.stdout).toBe(`${config.userAgent}\n`)
  // The trace saw the run at all: without this the check below could never fail.
  expect(run.urls).toContain(pathToFileURL(RUN).href)
  expect(run.urls.filter((url) => url.includes('/@oclif/'))).toEqual([])
})

test('--version anywhere but first is left to oclif, as oclif leaves it to the command', async () => {
  const run = await tracedRun(['audit', '--version'])
  expect(run.urls.some((url) => url.includes('/@oclif/core/'))).toBe(true)
})
