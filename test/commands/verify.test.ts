// `verify` as users and pipelines run it: the CLI against a sandbox serving the stand-in functions, its
// exit codes (0 all passed, 3 failures, 2 bad input), human and JSON output, and nothing sent after
// bad input.
import type {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {killStrayClis, runCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'
import {driftedImageApi} from '../e2e/apply-support.js'
import {importFixture} from '../e2e/audit-support.js'
import {specPath, standInFunctions} from '../e2e/verify-support.js'

let sandbox: Sandbox
let client: APIGatewayClient
let healthyId: string
let brokenId: string

beforeAll(async () => {
  sandbox = await startTestSandbox({lambdas: standInFunctions()})
  client = sdkClient(sandbox.url)
  healthyId = await importFixture(client, 'image-api.corrected.oas30.json')
  brokenId = await driftedImageApi(client, 'image-api.corrected.oas30.json')
})

afterAll(async () => {
  killStrayClis()
  client.destroy()
  await sandbox.close()
})

const SPEC = specPath('image-api.binfix.yaml')
const verify = (args: string[]) => runCli(['verify', ...args, '--endpoint-url', sandbox.url], 30_000, {env: sandboxCliEnv()})

describe('verify (CLI)', () => {
  it('exits 0 when every probe passes, listing each request and the payload limits', async () => {
    const run = await verify([healthyId, '--spec', SPEC])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Verify ApiName (${healthyId}) in us-east-1 · stage v1`)
    expect(run.stdout).toMatch(/✓ GET \/lambda\?key=probe\.jpg +Accept: application\/octet-stream/)
    expect(run.stdout).toContain('Payload limits')
    expect(run.stdout).toContain("about 4.5 MiB (Lambda's 6 MiB invoke payload, base64-encoded)")
    expect(run.stdout).toMatch(/Bytes intact: 6 passed, 0 failed/)
    expect(run.stdout).not.toMatch(/\u001B\[/)
  })

  it('exits 3 on failures and prints the cause under each', async () => {
    const run = await verify([brokenId, '--spec', SPEC])
    expect(run.code).toBe(3)
    expect(run.stdout).toMatch(/✗ GET \/lambda\?key=probe\.jpg/)
    expect(run.stdout).toContain('cause:')
    expect(run.stdout).toMatch(/Failures: \d+ passed, \d+ failed/)
  })

  it('--json prints one document with the steps, causes and tally', async () => {
    const run = await verify([brokenId, '--spec', SPEC, '--json'])
    expect(run.code).toBe(3)
    const report = JSON.parse(run.stdout)
    expect(report).toMatchObject({schemaVersion: 1, api: {id: brokenId}, stage: 'v1', allPassed: false, payload: {bytes: 256}})
    expect(report.steps.find((step: {pass: boolean}) => !step.pass).cause.sentence).toEqual(expect.any(String))
  })

  it.each([
    [['--route', 'lambda'], '--route lambda: must be "METHOD /path?query"'],
    [['--route', 'GET /lambda', '--size', '12MiB'], '--size 12MiB'],
    [['--route', 'GET /lambda', '--accept', 'jpeg'], '--accept jpeg'],
    [['--route', 'GET /lambda', '--content-type', 'image/png'], '--content-type: none of the --route requests takes a body'],
    [['--content-type', 'image/png'], '--content-type uploads only on routes named with --route'],
    [['--route', 'GET /nope'], 'GET /nope'],
    [['--route', 'GET /lambda', '--base-url', 'ftp://x'], '--base-url ftp://x: not an http(s) URL'],
    [['--route', 'GET /lambda', '--stage', 'nope'], 'No stage "nope"'],
  ])('refuses %j with exit 2, one line, and sends nothing to the stage', async (args, message) => {
    const before = (await fetchCallLog(sandbox.url)).length
    const run = await verify([healthyId, ...(args.includes('--stage') ? [] : ['--stage', 'v1']), ...args])
    expect(run.code).toBe(2)
    expect(withoutDevModeNoise(run.stderr)).toHaveLength(1)
    expect(run.stderr).toContain(message)
    const after = await fetchCallLog(sandbox.url)
    expect(after.slice(before).filter((call) => call.operation === 'execute-api:Invoke' || call.mutating)).toEqual([])
  })
})
