// plan, apply and rollback as users and pipelines run them: child processes of the CLI against a
// sandbox, their exit codes, progress on stderr, one JSON document on stdout, and the call log.
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import type {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {driftedImageApi, stageExport} from '../e2e/apply-support.js'
import {fixturePath} from '../e2e/audit-support.js'
import {PROJECT_ROOT, killStrayClis, runCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

const SPEC = fixturePath('image-api.oas30.json')
let sandbox: Sandbox
let client: APIGatewayClient
let scratch: string

beforeAll(async () => {
  sandbox = await startTestSandbox()
  client = sdkClient(sandbox.url)
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-apply-cli-'))
})

afterAll(async () => {
  killStrayClis()
  client.destroy()
  await sandbox.close()
  rmSync(scratch, {recursive: true, force: true})
})

const history = () => join(scratch, 'history')
const cli = (command: string, args: string[]) =>
  runCli([command, ...args, '--endpoint-url', sandbox.url, ...(command === 'plan' ? [] : ['--history', history()])], 30_000, {env: sandboxCliEnv(), cwd: scratch})

async function writesAfter(before: number): Promise<string[]> {
  return (await fetchCallLog(sandbox.url)).slice(before).filter((call) => call.mutating).map((call) => call.operation)
}

describe('plan (CLI)', () => {
  it('exits 3 with the changes, the requests in order and the diff, and writes nothing', async () => {
    const restApiId = await driftedImageApi(client)
    const before = (await fetchCallLog(sandbox.url)).length
    const run = await cli('plan', [restApiId, '--stage', 'v1', '--spec', SPEC])
    expect(run.code).toBe(3)
    expect(run.stdout).toContain('3 changes')
    expect(run.stdout).toContain('  ~ binaryMediaTypes image/jpeg: not listed → listed')
    expect(run.stdout).toMatch(/1\. PATCH \/restapis\/\w+ .*\n.*\n\s+2\. PATCH .*\/methods\/PUT\/integration .*\n.*\n\s+3\. POST \/restapis\/\w+\/deployments/)
    expect(run.stdout).toContain('+          "contentHandling": "CONVERT_TO_TEXT",')
    expect(await writesAfter(before)).toEqual([])
  })

  it('--json is one document with schemaVersion; --out saves the plan', async () => {
    const restApiId = await driftedImageApi(client)
    const run = await cli('plan', [restApiId, '--stage', 'v1', '--spec', SPEC, '--json', '--out', 'plan.json'])
    expect(run.code).toBe(3)
    const document = JSON.parse(run.stdout)
    expect(document).toMatchObject({schemaVersion: 1, empty: false, out: 'plan.json', plan: {format: 'apigw-binfix-plan', api: {id: restApiId}, stage: 'v1'}})
    expect(document.requests.map((call: {operation: string}) => call.operation)).toEqual(['UpdateRestApi', 'UpdateIntegration', 'CreateDeployment'])
    expect(readdirSync(scratch)).toContain('plan.json')
    // Credentials never reach a plan.
    expect(readFileSync(join(scratch, 'plan.json'), 'utf8')).not.toContain(String(sandboxCliEnv().AWS_ACCESS_KEY_ID))
    expect(readFileSync(join(scratch, 'plan.json'), 'utf8')).not.toContain(String(sandboxCliEnv().AWS_SECRET_ACCESS_KEY))
  })
})

describe('apply (CLI)', () => {
  it('refuses without a terminal and without --yes: exit 2, one line, nothing written', async () => {
    const restApiId = await driftedImageApi(client)
    const before = (await fetchCallLog(sandbox.url)).length
    const run = await cli('apply', [restApiId, '--stage', 'v1', '--spec', SPEC])
    expect(run.code).toBe(2)
    expect(withoutDevModeNoise(run.stderr).filter((line) => line.startsWith('Error:'))).toEqual([
      'Error: apply asks before writing, and this is not a terminal: pass --yes to apply unattended, or --dry-run to see the requests',
    ])
    expect(await writesAfter(before)).toEqual([])
  })

  it('--yes --json: exit 0, one document with the calls, the deployment, the journal and convergence; progress on stderr', async () => {
    const restApiId = await driftedImageApi(client)
    const run = await cli('apply', [restApiId, '--stage', 'v1', '--spec', SPEC, '--yes', '--json'])
    expect(run.code).toBe(0)
    const document = JSON.parse(run.stdout)
    expect(document).toMatchObject({schemaVersion: 1, outcome: 'applied', converged: true, api: {id: restApiId}, stage: 'v1'})
    expect(document.deploymentId).toEqual(expect.any(String))
    expect(document.journal).toContain(join('history', restApiId))
    expect(document.calls.byOperation).toMatchObject({UpdateRestApi: 1, UpdateIntegration: 1, CreateDeployment: 1})
    const progress = withoutDevModeNoise(run.stderr).join('\n')
    expect(progress).toContain('done  UpdateIntegration: PUT /lambda integration contentHandling: PASSTHROUGH (unset) → CONVERT_TO_TEXT')
    expect(progress).toContain('done  Re-reading and re-auditing (in sync)')
  })

  it('a stale saved plan exits 4 and writes nothing', async () => {
    const restApiId = await driftedImageApi(client)
    expect((await cli('plan', [restApiId, '--stage', 'v1', '--spec', SPEC, '--out', 'stale.json'])).code).toBe(3)
    expect((await cli('apply', [restApiId, '--stage', 'v1', '--spec', SPEC, '--yes', '--no-deploy'])).code).toBe(0)
    const before = (await fetchCallLog(sandbox.url)).length
    const run = await cli('apply', ['--plan', 'stale.json', '--yes'])
    expect(run.code).toBe(4)
    expect(withoutDevModeNoise(run.stderr).filter((line) => line.startsWith('Error:'))).toEqual([expect.stringContaining('changed since the plan was made')])
    expect(await writesAfter(before)).toEqual([])
  })

  it('--dry-run prints the requests and the AWS CLI equivalents, exit 0, nothing written', async () => {
    const restApiId = await driftedImageApi(client)
    const before = (await fetchCallLog(sandbox.url)).length
    const run = await cli('apply', [restApiId, '--stage', 'v1', '--spec', SPEC, '--dry-run'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Dry run: these requests would be sent; nothing was written.')
    expect(run.stdout).toContain(`aws apigateway update-rest-api --rest-api-id ${restApiId}`)
    expect(await writesAfter(before)).toEqual([])
  })

  it('--no-deploy says the change is not live yet', async () => {
    const restApiId = await driftedImageApi(client)
    const run = await cli('apply', [restApiId, '--stage', 'v1', '--spec', SPEC, '--yes', '--no-deploy'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Not live yet: --no-deploy left stage v1 on deployment')
  })
})

describe('rollback (CLI)', () => {
  it('--yes restores the export from before the apply; a second run writes nothing', async () => {
    const restApiId = await driftedImageApi(client)
    const exportBefore = await stageExport(client, restApiId)
    expect((await cli('apply', [restApiId, '--stage', 'v1', '--spec', SPEC, '--yes'])).code).toBe(0)

    const run = await cli('rollback', [restApiId, '--stage', 'v1', '--yes'])

    expect(run.code).toBe(0)
    expect(run.stdout).toContain('no new deployment was made')
    expect(await stageExport(client, restApiId)).toBe(exportBefore)
    const before = (await fetchCallLog(sandbox.url)).length
    const again = await cli('rollback', [restApiId, '--stage', 'v1', '--yes', '--json'])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({schemaVersion: 1, alreadyRolledBack: true})
    expect(await writesAfter(before)).toEqual([])
  })
})

describe('Ctrl-C at the prompt (a real terminal)', () => {
  it('exits 130 and writes nothing', async () => {
    const restApiId = await driftedImageApi(client)
    const before = (await fetchCallLog(sandbox.url)).length
    const bin = fileURLToPath(new URL('../../bin/dev.js', import.meta.url))
    const command = [process.execPath, bin, 'apply', restApiId, '--stage', 'v1', '--spec', SPEC, '--history', history(), '--endpoint-url', sandbox.url]
    // script(1) gives the CLI a pseudo-terminal, so it asks; Ctrl-C is typed once the question shows.
    const {NODE_OPTIONS: _jestOnly, ...env} = process.env
    // A sized terminal, as people have: the live task list runs too.
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40; ${command.map(shellQuote).join(' ')}`, '/dev/null'], {cwd: PROJECT_ROOT, env: {...env, ...sandboxCliEnv(), NO_COLOR: '1'} as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe']})
    let screen = ''
    let typed = false
    // script(1) may have gone by the time the pipe is flushed; that is not the CLI's failure.
    child.stdin.on('error', () => {})
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk
      if (!typed && screen.includes('Apply 3 changes')) {
        typed = true
        child.stdin.write('\u0003')
      }
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    const [code] = await once(child, 'exit')
    clearTimeout(timer)

    expect(screen).toContain('Apply 3 changes')
    expect(code).toBe(130)
    expect(await writesAfter(before)).toEqual([])
  }, 40_000)
})

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}
