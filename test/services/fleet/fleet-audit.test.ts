// fleet audit over a sandbox (its default account until the sandbox partitions accounts): accounts from a
// c7n-org file, one whose role cannot be assumed, a Region that refuses, a fleet file with a selector, and
// the outputs (JSON Lines, ASFF), the checkpoint and a resumed run. Read-only, proved by the call log.
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {type APIGatewayClient, UpdateRestApiCommand} from '@aws-sdk/client-api-gateway'

import {ASFF_REQUIRED} from '../../../src/core/asff.js'
import {AwsCallError} from '../../../src/core/errors.js'
import type {FleetApiResult} from '../../../src/core/fleet-report.js'
import type {Sandbox} from '../../../src/sandbox/server.js'
import {type FleetAuditRequest, auditFleet} from '../../../src/services/fleet/fleet-audit-service.js'
import {fleetOutputSink} from '../../../src/services/fleet/fleet-output.js'
import {type RegionConnector, sdkRegionConnector} from '../../../src/services/fleet/region-connection.js'
import type {FleetDirectory} from '../../../src/services/fleet-port.js'
import type {TextOutput} from '../../../src/services/streamed-out-file.js'
import {TEST_CREDENTIALS, fetchCallLog, sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {deploy, importFixture, patchBinaryMediaTypes, useTestCredentials} from '../../e2e/audit-support.js'

let sandbox: Sandbox
let client: APIGatewayClient
let dir: string
let restore: () => void
const ids: Record<string, string> = {}

/** STS and Organizations as the sandbox does not serve them yet: a role named Denied cannot be assumed. */
const directory: FleetDirectory = {
  callerIdentity: async () => ({account: '123456789012', arn: 'arn:aws:iam::123456789012:user/tester'}),
  assumeRole: async (_access, request) => {
    if (request.roleArn.endsWith('/Denied')) {
      throw new AwsCallError('access-denied', `access denied: AssumeRole needs sts:AssumeRole on ${request.roleArn}`)
    }
    return async () => TEST_CREDENTIALS
  },
  listAccounts: async () => [],
  listAccountsUnder: async () => [],
  enabledRegions: async () => ['us-east-1'],
}

/** eu-west-1 answers every call with an error, as a Region an SCP denies would. */
function connector(endpoint: string): RegionConnector {
  const real = sdkRegionConnector()
  return async (access, region) => {
    const connection = await real({...access, endpointUrl: endpoint}, region)
    if (region !== 'eu-west-1') return connection
    connection.reader.listRestApis = async () => {
      throw new AwsCallError('access-denied', 'access denied: GetRestApis needs apigateway:GET on arn:aws:apigateway:eu-west-1::/restapis')
    }
    return connection
  }
}

async function rename(restApiId: string, name: string): Promise<void> {
  await client.send(new UpdateRestApiCommand({restApiId, patchOperations: [{op: 'replace', path: '/name', value: name}]}))
}

beforeAll(async () => {
  restore = useTestCredentials()
  sandbox = await startTestSandbox()
  client = sdkClient(sandbox.url)
  dir = mkdtempSync(join(tmpdir(), 'apigw-binfix-fleet-'))
  mkdirSync(join(dir, 'specs'))
  copyFileSync(new URL('../../../fixtures/specs/image-api.binfix.yaml', import.meta.url), join(dir, 'specs', 'images.binfix.yaml'))
  writeFileSync(join(dir, 'binfix-fleet.yaml'), ['version: 1', 'apis:', '  - match: {name: "images-*"}', '    spec: specs/images.binfix.yaml', ''].join('\n'))
  writeFileSync(
    join(dir, 'accounts.yml'),
    [
      'accounts:',
      "  - account_id: '123456789012'",
      '    name: media',
      '    role: arn:aws:iam::123456789012:role/Auditor',
      '    regions: [us-east-1, eu-west-1]',
      "  - account_id: '222222222222'",
      '    name: locked',
      '    role: arn:aws:iam::222222222222:role/Denied',
      '',
    ].join('\n'),
  )
  ids.ok = await importFixture(client, 'image-api.oas30.json')
  await rename(ids.ok, 'images-ok')
  ids.broken = await importFixture(client, 'image-api.oas30.json')
  await rename(ids.broken, 'images-broken')
  await patchBinaryMediaTypes(client, ids.broken, 'remove', '/binaryMediaTypes/image~1jpeg')
  await deploy(client, ids.broken)
  ids.other = await importFixture(client, 'image-api.oas30.json')
  await rename(ids.other, 'other-api')
})

afterAll(async () => {
  restore()
  client.destroy()
  await sandbox.close()
  rmSync(dir, {recursive: true, force: true})
})

function request(extra: Partial<FleetAuditRequest> = {}): FleetAuditRequest {
  return {profiles: [], accountsFile: 'accounts.yml', onlyAccounts: [], connection: {region: 'us-east-1', endpointUrl: sandbox.url}, cwd: dir, ...extra}
}

function memoryOutput(): TextOutput & {text: () => string} {
  let text = ''
  return {write: async (chunk) => void (text += chunk), finish: async () => {}, abandon: async () => {}, text: () => text}
}

describe('fleet audit', () => {
  it('judges every API of the reachable account-Regions, reports the others, and writes nothing', async () => {
    const before = (await fetchCallLog(sandbox.url)).length
    const output = memoryOutput()
    const sink = fleetOutputSink('jsonl', output)
    const report = await auditFleet(request(), sink, {directory, connectRegion: connector(sandbox.url)})
    await sink.end()

    expect(report.totals).toMatchObject({accounts: 2, accountsFailed: 2, accountRegions: 1, apis: 3, apisFailed: 0})
    // In the order the accounts file names them.
    expect(report.failures).toEqual([
      expect.objectContaining({accountId: '123456789012', accountName: 'media', region: 'eu-west-1', message: expect.stringContaining('apigateway:GET')}),
      expect.objectContaining({accountId: '222222222222', accountName: 'locked', region: null, message: expect.stringContaining('sts:AssumeRole on arn:aws:iam::222222222222:role/Denied')}),
    ])
    const lines = output.text().trimEnd().split('\n').map((line) => JSON.parse(line) as FleetApiResult & {type: string})
    const apis = lines.filter((line) => line.type === 'api')
    expect(apis.map((line) => line.api.name).sort()).toEqual(['images-broken', 'images-ok', 'other-api'])
    const byName = Object.fromEntries(apis.map((line) => [line.api.name, line]))
    expect(byName['images-ok']).toMatchObject({spec: 'specs/images.binfix.yaml', inSync: true, stages: [{stage: 'v1', inSync: true}]})
    expect(byName['images-broken']).toMatchObject({spec: 'specs/images.binfix.yaml', inSync: false})
    expect(byName['images-broken']!.stages[0]!.findings.map((finding) => finding.kind)).toContain('missing-binary-media-type')
    // No selector matches: judged by the rules that need no spec.
    expect(byName['other-api']).toMatchObject({spec: null})
    expect(lines.filter((line) => line.type === 'access-failure')).toHaveLength(2)

    const summary = report.summaries.find((entry) => entry.region === 'us-east-1')!
    expect(summary).toMatchObject({accountId: '123456789012', apis: 3})
    expect(summary.findingsByKind['missing-binary-media-type']).toBeGreaterThan(0)
    expect(summary.worst[0]).toMatchObject({apiName: 'images-broken', severity: 'error'})

    const calls = (await fetchCallLog(sandbox.url)).slice(before)
    expect(calls.length).toBeGreaterThan(0)
    expect(calls.filter((call) => call.mutating)).toEqual([])
  })

  it('writes ASFF findings with every required field, and the same ids on the next run', async () => {
    const run = async () => {
      const output = memoryOutput()
      const sink = fleetOutputSink('asff', output)
      await auditFleet(request({regions: ['us-east-1']}), sink, {directory, connectRegion: connector(sandbox.url)})
      await sink.end()
      return JSON.parse(output.text()) as Array<Record<string, unknown>>
    }
    const first = await run()
    expect(first.length).toBeGreaterThan(0)
    for (const finding of first) {
      for (const field of ASFF_REQUIRED) expect(finding[field]).toBeDefined()
      expect(finding.AwsAccountId).toMatch(/^\d{12}$/)
      expect((finding.Title as string).length).toBeLessThanOrEqual(256)
      expect((finding.Description as string).length).toBeLessThanOrEqual(1024)
      expect(finding.Resources).toEqual(expect.arrayContaining([expect.objectContaining({Type: 'AwsApiGatewayRestApi', Id: expect.stringContaining(`/restapis/${ids.broken}`)})]))
    }
    const second = await run()
    expect(second.map((finding) => finding.Id).sort()).toEqual(first.map((finding) => finding.Id).sort())
  })

  it('resumes from a checkpoint, reading again only the APIs the killed run had not judged', async () => {
    const complete = memoryOutput()
    const checkpoint = join(dir, 'complete.checkpoint')
    await auditFleet(request({regions: ['us-east-1'], checkpoint: {file: checkpoint, resume: false}}), fleetOutputSink('jsonl', complete), {directory, connectRegion: connector(sandbox.url)})
    const [header, firstApi] = readFileSync(checkpoint, 'utf8').split('\n')
    // A run killed after its first API, in the middle of writing the second.
    const killed = join(dir, 'killed.checkpoint')
    writeFileSync(killed, `${header}\n${firstApi}\n{"api": {"accountId": "1234`)
    const judgedBefore = JSON.parse(firstApi!).api.api.id as string

    const before = (await fetchCallLog(sandbox.url)).length
    const report = await auditFleet(request({regions: ['us-east-1'], checkpoint: {file: killed, resume: true}}), fleetOutputSink('text', memoryOutput()), {directory, connectRegion: connector(sandbox.url)})
    expect(report.resumed).toBe(1)
    expect(report.totals.apis).toBe(3)
    const calls = (await fetchCallLog(sandbox.url)).slice(before)
    const resourcesRead = calls.filter((call) => call.operation === 'GetResources').map((call) => call.path)
    expect(resourcesRead.some((path) => path.includes(judgedBefore))).toBe(false)
    expect(resourcesRead.length).toBeGreaterThanOrEqual(2)

    // Now complete: a second resume reads nothing at all.
    const again = (await fetchCallLog(sandbox.url)).length
    const resumed = await auditFleet(request({regions: ['us-east-1'], checkpoint: {file: killed, resume: true}}), fleetOutputSink('text', memoryOutput()), {directory, connectRegion: connector(sandbox.url)})
    expect(resumed.resumed).toBe(3)
    expect((await fetchCallLog(sandbox.url)).length).toBe(again)
  })

  it('refuses a fleet file with a bad key at its line, before any call', async () => {
    writeFileSync(join(dir, 'bad-fleet.yaml'), ['version: 1', 'apis:', '  - match: {nmae: "images-*"}', '    spec: specs/images.binfix.yaml', ''].join('\n'))
    const before = (await fetchCallLog(sandbox.url)).length
    await expect(auditFleet(request({fleetFile: 'bad-fleet.yaml'}), fleetOutputSink('text', memoryOutput()), {directory, connectRegion: connector(sandbox.url)})).rejects.toThrow(
      /^bad-fleet\.yaml:3:13: .*unknown key "nmae"/,
    )
    expect((await fetchCallLog(sandbox.url)).length).toBe(before)
  })
})
