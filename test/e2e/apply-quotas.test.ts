// apply at scale under API Gateway's real control-plane quotas: a sandbox enforcing them (awsQuotas), an
// API with 100 GET methods whose integrations and 200 responses all have contentHandling out of line and
// none of the spec's four binary media types (204 changes), and apply with its default call policy. The
// client-side rate limiter must keep every call under the quotas: no 429, no retry, no failed call, and
// still the fewest writes in apply's order. Takes ~20 s by design (10 calls/s after a burst of 40).
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'

import {type APIGatewayClient, CreateDeploymentCommand, ImportRestApiCommand} from '@aws-sdk/client-api-gateway'

import {driftedSettings, generateApplyApi} from '../../bench/apply-api.mjs'
import type {Sandbox} from '../../src/sandbox/server.js'
import {fetchCallLog, sdkClient, startTestSandbox} from '../helpers/sandbox.js'
import {apply, scratchHistory} from './apply-support.js'
import {useTestCredentials} from './audit-support.js'

const RESOURCES = 100
const STAGE = 'v1'

let sandbox: Sandbox
let client: APIGatewayClient
let history: ReturnType<typeof scratchHistory>
let restoreEnvironment: () => void

beforeAll(async () => {
  restoreEnvironment = useTestCredentials()
  sandbox = await startTestSandbox({awsQuotas: true})
  client = sdkClient(sandbox.url)
  history = scratchHistory()
})

afterAll(async () => {
  client.destroy()
  await sandbox.close()
  history.remove()
  restoreEnvironment()
})

/**
 * The drifted API imported and deployed: one ImportRestApi (1 per 3 s) and one CreateDeployment (1 per
 * 5 s), so the set-up itself stays within the quotas. Returns its id and the spec file.
 */
async function driftedApi(): Promise<{restApiId: string; specFile: string}> {
  const body = Buffer.from(JSON.stringify(generateApplyApi(RESOURCES, {drifted: true})))
  const {id: restApiId} = await client.send(new ImportRestApiCommand({body}))
  await client.send(new CreateDeploymentCommand({restApiId, stageName: STAGE}))
  const specFile = join(history.dir, 'spec.oas30.json')
  writeFileSync(specFile, JSON.stringify(generateApplyApi(RESOURCES)))
  return {restApiId: restApiId!, specFile}
}

describe('apply --yes with 200+ changes against a sandbox enforcing the AWS quotas', () => {
  it('converges with the fewest writes, in order, and no throttled or failed call', async () => {
    const {restApiId, specFile} = await driftedApi()
    // apply's rate limiter starts from a rested account; the set-up's two calls are refilled in 0.2 s.
    await delay(1_000)
    const before = (await fetchCallLog(sandbox.url)).length

    const report = await apply(sandbox.url, history.dir, {api: restApiId, specFile, stage: STAGE})

    const calls = (await fetchCallLog(sandbox.url)).slice(before)
    const expected = driftedSettings(RESOURCES)
    expect(report).toMatchObject({outcome: 'applied', converged: true, remaining: [], unexpected: ''})
    expect(report.changes.length).toBeGreaterThanOrEqual(200)
    expect(report.changes).toHaveLength(expected.length)

    // Zero throttled and zero failed calls, seen from both ends.
    expect(calls.filter((call) => call.status === 429)).toEqual([])
    expect(calls.filter((call) => call.status < 200 || call.status >= 300)).toEqual([])
    expect(report.calls).toMatchObject({throttled: 0, failed: 0, retries: 0})
    expect(report.calls.total).toBe(calls.length)

    // One write per method and per status code, then one redeploy, in apply's order.
    const writes = calls.filter((call) => call.mutating)
    const methods = expected.filter((setting) => setting.setting === 'integration').length
    const responses = expected.filter((setting) => setting.setting === 'integrationResponse').length
    expect(writes.map((call) => call.operation)).toEqual([
      'UpdateRestApi',
      ...Array<string>(methods).fill('UpdateIntegration'),
      ...Array<string>(responses).fill('UpdateIntegrationResponse'),
      'CreateDeployment',
    ])
    const distinctPaths = (operation: string) => new Set(writes.filter((call) => call.operation === operation).map((call) => call.path)).size
    expect(distinctPaths('UpdateIntegration')).toBe(methods)
    expect(distinctPaths('UpdateIntegrationResponse')).toBe(responses)
    expect(report.requests.map((call) => call.operation)).toEqual(writes.map((call) => call.operation))
    for (const operation of ['UpdateRestApi', 'UpdateIntegration', 'UpdateIntegrationResponse', 'CreateDeployment']) {
      expect(report.calls.byOperation[operation]).toBe(writes.filter((call) => call.operation === operation).length)
    }
    // The four media types travel in the one UpdateRestApi.
    expect(report.requests[0]).toMatchObject({operation: 'UpdateRestApi'})
    expect((report.requests[0] as {patchOperations: unknown[]}).patchOperations).toHaveLength(expected.filter((setting) => setting.setting === 'binaryMediaType').length)
  }, 120_000)
})
