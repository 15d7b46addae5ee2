// `audit` as users and pipelines run it: a child process of the CLI against a sandbox, its exit codes,
// human and JSON output, and the call log showing it never writes.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {killStrayClis, runCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'
import {deploy, fixturePath, importFixture, patchBinaryMediaTypes, setContentHandling} from '../e2e/audit-support.js'

let sandbox: Sandbox
let client: APIGatewayClient
let scratch: string
let brokenId: string
let healthyId: string

beforeAll(async () => {
  sandbox = await startTestSandbox()
  client = sdkClient(sandbox.url)
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-audit-cli-'))
  healthyId = await importFixture(client, 'image-api.oas30.json')
  brokenId = await importFixture(client, 'image-api.oas30.json')
  await patchBinaryMediaTypes(client, brokenId, 'remove', '/binaryMediaTypes/image~1jpeg')
  await setContentHandling(client, brokenId, '/lambda', 'PUT', '')
  await deploy(client, brokenId)
})

afterAll(async () => {
  killStrayClis()
  client.destroy()
  await sandbox.close()
  rmSync(scratch, {recursive: true, force: true})
})

const audit = (args: string[], cwd = scratch) => runCli(['audit', ...args, '--endpoint-url', sandbox.url], 30_000, {env: sandboxCliEnv(), cwd})

describe('audit (CLI)', () => {
  it('exits 0 and says so when the API is in sync', async () => {
    const run = await audit([healthyId, '--stage', 'v1', '--spec', fixturePath('image-api.oas30.json')])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Audit of ApiName (${healthyId}) in us-east-1 · stage v1`)
    expect(run.stdout).toContain('In sync (0 errors, 0 warnings).')
    // No colour without a TTY.
    expect(run.stdout).not.toMatch(/\u001B\[/)
  })

  it('exits 3 with findings grouped by route, each with its fix, and a diff', async () => {
    await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})
    const run = await audit([brokenId, '--stage', 'v1', '--spec', fixturePath('image-api.oas30.json'), '--diff'])
    expect(run.code).toBe(3)
    const lines = run.stdout.split('\n')
    expect(lines.indexOf('API-wide')).toBeLessThan(lines.indexOf('PUT /lambda'))
    expect(run.stdout).toContain('missing-binary-media-type  image/jpeg')
    expect(run.stdout).toContain(`fix: aws apigateway update-rest-api --rest-api-id ${brokenId} --patch-operations '[{"op":"add","path":"/binaryMediaTypes/image~1jpeg"}]'`)
    expect(run.stdout).toContain('integration-content-handling  PASSTHROUGH → CONVERT_TO_TEXT')
    expect(run.stdout).toContain('+    "image/jpeg"')
    expect(run.stdout).toContain('Not in sync (2 errors, 0 warnings)')
    expect((await fetchCallLog(sandbox.url)).filter((call) => call.mutating)).toEqual([])
  })

  it('--json prints one document with stable finding ids', async () => {
    const args = [brokenId, '--stage', 'v1', '--spec', fixturePath('image-api.oas30.json'), '--json']
    const [first, second] = [await audit(args), await audit(args)]
    expect(first.code).toBe(3)
    const report = JSON.parse(first.stdout) as Record<string, unknown> & {findings: Array<Record<string, unknown>>}
    expect(report).toMatchObject({schemaVersion: 1, api: {id: brokenId, name: 'ApiName'}, stage: 'v1', inSync: false})
    expect(report.findings.map((finding) => finding.kind)).toEqual(['missing-binary-media-type', 'integration-content-handling'])
    expect(Object.keys(report.findings[1]!).sort()).toEqual(['actual', 'expected', 'fix', 'httpMethod', 'id', 'kind', 'message', 'resourcePath', 'severity', 'statusCode'])
    expect((JSON.parse(second.stdout) as typeof report).findings.map((finding) => finding.id)).toEqual(report.findings.map((finding) => finding.id))
  })

  it('reads api: and stage: from ./binfix.yaml', async () => {
    const dir = mkdtempSync(join(scratch, 'project-'))
    writeFileSync(join(dir, 'binfix.yaml'), `version: 1\napi: ${brokenId}\nstage: v1\nbinaryMediaTypes: [image/jpeg]\n`)
    const run = await audit(['--json'], dir)
    expect(run.code).toBe(3)
    const report = JSON.parse(run.stdout) as {stage: string; spec: {file: string}; findings: Array<{kind: string; severity: string}>}
    expect(report.stage).toBe('v1')
    expect(report.spec.file).toBe('binfix.yaml')
    expect(report.findings.map((finding) => [finding.kind, finding.severity])).toEqual([
      ['missing-binary-media-type', 'error'],
      ['unexpected-binary-media-type', 'info'],
    ])
  })

  it('bad input is one line and exit 2: a spec fault with its line, an unknown API', async () => {
    const spec = join(scratch, 'broken.yaml')
    writeFileSync(spec, 'version: 1\nroutes:\n  "PUT /lambda":\n    request: CONVERT_TO_TXT\n')
    const badSpec = await audit([brokenId, '--spec', spec])
    expect(badSpec.code).toBe(2)
    const lines = withoutDevModeNoise(badSpec.stderr)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Error: .*broken\.yaml:4:14: .*CONVERT_TO_TXT/)

    const unknown = await audit(['no-such-api', '--json'])
    expect(unknown.code).toBe(2)
    expect(JSON.parse(unknown.stdout)).toMatchObject({error: {exitCode: 2, message: expect.stringContaining('No REST API "no-such-api"')}})
  })
})
