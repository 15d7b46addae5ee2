// plan, apply and rollback as users and pipelines run them: child processes of the CLI against a
// sandbox, their exit codes, progress on stderr, one JSON document on stdout, and the call log.
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {driftedImageApi, stageExport} from '../e2e/apply-support.js'
import {fixturePath} from '../e2e/audit-support.js'
import {killStrayClis, runCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'
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

  it('without a stage, says the changes will not be live until a stage is deployed', async () => {
    const restApiId = await driftedImageApi(client)
    const run = await cli('plan', [restApiId, '--spec', SPEC])
    expect(run.code).toBe(3)
    expect(run.stdout).toContain('No stage: these requests patch the working copy only, and nothing is live until a stage is deployed')
    expect(run.stdout).not.toContain('/deployments')
  })

  it('--out keeps an existing file unless --force', async () => {
    const restApiId = await driftedImageApi(client)
    writeFileSync(join(scratch, 'existing-plan.json'), 'mine')
    const kept = await cli('plan', [restApiId, '--stage', 'v1', '--spec', SPEC, '--out', 'existing-plan.json'])
    expect(kept.code).toBe(2)
    expect(withoutDevModeNoise(kept.stderr)).toEqual(['Error: --out existing-plan.json: the file exists; pass --force to replace it'])
    expect(readFileSync(join(scratch, 'existing-plan.json'), 'utf8')).toBe('mine')
    expect((await cli('plan', [restApiId, '--stage', 'v1', '--spec', SPEC, '--out', 'existing-plan.json', '--force'])).code).toBe(3)
    expect(JSON.parse(readFileSync(join(scratch, 'existing-plan.json'), 'utf8'))).toMatchObject({format: 'apigw-binfix-plan'})
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

describe('printed next steps work when pasted', () => {
  /** The words of `apigw-binfix …` after `label` on its line (none of these needs shell quoting). */
  const pasted = (output: string, label: string) => {
    const line = output.split('\n').find((text) => text.includes(label))!
    const words = line.slice(line.indexOf(label) + label.length).trim().replace(/\)$/, '').split(/\s+/)
    expect(words[0]).toBe('apigw-binfix')
    return words.slice(1)
  }

  it("plan's 'Apply it with:' and apply's 'undo:' carry the Region, endpoint and journal directory", async () => {
    const restApiId = await driftedImageApi(client)
    const exportBefore = await stageExport(client, restApiId)
    const planned = await cli('plan', [restApiId, '--stage', 'v1', '--spec', SPEC, '--out', 'pasted-plan.json'])
    expect(planned.code).toBe(3)
    const applyWords = pasted(planned.stdout, 'Apply it with:')
    expect(applyWords).toEqual(['apply', '--plan', 'pasted-plan.json', '--region', 'us-east-1', '--endpoint-url', sandbox.url])

    const applied = await runCli([...applyWords, '--yes', '--history', history()], 30_000, {env: sandboxCliEnv(), cwd: scratch})
    expect(applied.code).toBe(0)
    const undoWords = pasted(applied.stdout, 'undo:')
    expect(undoWords).toEqual(['rollback', restApiId, '--stage', 'v1', '--region', 'us-east-1', '--endpoint-url', sandbox.url, '--history', history()])

    const undone = await runCli([...undoWords, '--yes'], 30_000, {env: sandboxCliEnv(), cwd: scratch})
    expect(undone.code).toBe(0)
    expect(await stageExport(client, restApiId)).toBe(exportBefore)
  })
})

describe('a spec written for another API', () => {
  it('plan and apply refuse it with exit 2 naming both APIs, and write nothing; --reuse-spec applies it', async () => {
    const intended = await driftedImageApi(client)
    const other = await driftedImageApi(client)
    const cwd = mkdtempSync(join(scratch, 'spec-of-another-'))
    writeFileSync(join(cwd, 'binfix.yaml'), `version: 1\napi: ${intended}\nstage: v1\nbinaryMediaTypesMode: exact\nbinaryMediaTypes: [image/png]\n`)
    const run = (command: string, ...args: string[]) =>
      runCli([command, other, ...args, '--endpoint-url', sandbox.url, ...(command === 'plan' ? [] : ['--history', history()])], 30_000, {env: sandboxCliEnv(), cwd})
    const before = (await fetchCallLog(sandbox.url)).length
    const refusal = `Error: binfix.yaml is written for REST API ${intended} (api:), but <api> ${other} is ${other} (ApiName): pass the spec written for it with --spec, or --reuse-spec if binfix.yaml is meant for this API too`

    for (const attempt of [await run('plan'), await run('apply', '--yes')]) {
      expect(attempt.code).toBe(2)
      expect(withoutDevModeNoise(attempt.stderr).filter((line) => line.startsWith('Error:'))).toEqual([refusal])
    }
    expect(await writesAfter(before)).toEqual([])

    const reused = await run('apply', '--yes', '--reuse-spec', '--json')
    expect(reused.code).toBe(0)
    expect(JSON.parse(reused.stdout)).toMatchObject({api: {id: other}, converged: true})
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
