// fleet audit through the CLI on the sandbox's sample fleet (fixtures/fleet/sample.fleet.yaml, made by
// `sandbox --fleet`): an organization whose media-prod role needs an external id, whose legacy role
// cannot be assumed and whose media-dev eu-west-1 denies every call. The summary's totals, the failures
// named with their account and permission, and exit 1.
import {fileURLToPath} from 'node:url'

import {ExitCode} from '../../src/core/exit-codes.js'
import {type RunningSandbox, runSandbox} from '../../src/services/sandbox-service.js'
import {runCli} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sandboxCliEnv} from '../helpers/sandbox.js'

const SAMPLE = fileURLToPath(new URL('../../fixtures/fleet/sample.fleet.yaml', import.meta.url))

let running: RunningSandbox
beforeAll(async () => {
  running = await runSandbox({port: 0, imports: [], fleetFile: SAMPLE, logDiagnosis: () => {}})
})
afterAll(() => running.sandbox.close())

test('every reachable account-Region is read, the rest reported, nothing written', async () => {
  const args = ['fleet', 'audit', '--organization', '--role-name', 'BinfixAudit', '--external-id', 'binfix-fleet', '--regions', 'us-east-1,eu-west-1', '--endpoint-url', running.endpoint, '--json']
  const run = await runCli(args, 90_000, {env: sandboxCliEnv()})
  expect(run.code).toBe(ExitCode.failure)
  const report = JSON.parse(run.stdout) as {
    totals: {accounts: number; accountRegions: number; apis: number}
    failures: Array<{accountName: string; region: string | null; message: string}>
    apis: Array<{accountName: string; region: string}>
  }
  // Four accounts; the management account's and media-prod's two Regions, media-dev's us-east-1: 5 APIs in each of the member account-Regions.
  expect(report.totals).toMatchObject({accounts: 4, apis: 15})
  expect(report.apis.filter((api) => api.accountName === 'media-prod')).toHaveLength(10)
  expect(report.failures.map((failure) => [failure.accountName, failure.region])).toEqual([
    ['media-dev', 'eu-west-1'],
    ['legacy', null],
  ])
  expect(report.failures[1]!.message).toContain('sts:AssumeRole on arn:aws:iam::333333333333:role/BinfixAudit')
  expect((await fetchCallLog(running.endpoint)).filter((call) => call.mutating)).toEqual([])
}, 120_000)
