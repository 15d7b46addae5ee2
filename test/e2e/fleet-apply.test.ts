// fleet plan, fleet apply and fleet rollback on a sandbox organization (four accounts, two Regions, a role
// that cannot be assumed, a stack-owned API), through the real adapters (STS AssumeRole, Organizations
// ListAccounts, API Gateway) over HTTP: one plan file, an apply that converges everywhere with exactly one
// deployment per changed API and stage, a second apply of the same plan that is stale per API, and a
// rollback that restores every API.
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {APIGatewayClient, CreateDeploymentCommand, GetRestApiCommand, ImportRestApiCommand, UpdateRestApiCommand} from '@aws-sdk/client-api-gateway'

import {ExitCode} from '../../src/core/exit-codes.js'
import type {FleetAccount, FleetDirectory} from '../../src/sandbox/fleet/directory.js'
import {organizationFor} from '../../src/sandbox/fleet/organizations.js'
import type {Sandbox} from '../../src/sandbox/server.js'
import type {FleetScopeRequest} from '../../src/services/fleet/fleet-accounts.js'
import {applyFleet} from '../../src/services/fleet/fleet-apply-service.js'
import {auditFleet} from '../../src/services/fleet/fleet-audit-service.js'
import {fleetOutputSink} from '../../src/services/fleet/fleet-output.js'
import {planFleet} from '../../src/services/fleet/fleet-plan-service.js'
import type {FleetPlanFile} from '../../src/services/fleet/fleet-plan-file.js'
import {rollbackFleet} from '../../src/services/fleet/fleet-rollback-service.js'
import {fetchCallLog} from '../helpers/sandbox.js'
import {thumbnailSandbox} from '../sandbox/cloudformation/support.js'
import {useTestCredentials} from './audit-support.js'

const MANAGEMENT = '123456789012'
const MEDIA = '111111111111'
const LOCKED = '222222222222'

function account(id: string, name: string, extra: Partial<FleetAccount> = {}): FleetAccount {
  return {id, name, email: `${name}@example.com`, tags: {}, status: 'ACTIVE', optInRegions: [], failingRegions: new Map(), ...extra}
}

let sandbox: Sandbox
let dir: string
let restore: () => void
const ids: Record<string, string> = {}
const silent = {write: async () => {}, finish: async () => {}, abandon: async () => {}}

function clientIn(accountId: string, region: string): APIGatewayClient {
  return new APIGatewayClient({endpoint: sandbox.url, region, credentials: {accessKeyId: accountId, secretAccessKey: 'test'}, maxAttempts: 1})
}

async function importBroken(client: APIGatewayClient, name: string): Promise<string> {
  const body = readFileSync(new URL('../../fixtures/apis/image-api.oas30.json', import.meta.url))
  const {id} = await client.send(new ImportRestApiCommand({body}))
  await client.send(new UpdateRestApiCommand({restApiId: id, patchOperations: [{op: 'replace', path: '/name', value: name}, {op: 'remove', path: '/binaryMediaTypes/image~1jpeg'}]}))
  await client.send(new CreateDeploymentCommand({restApiId: id, stageName: 'v1'}))
  return id!
}

async function binaryMediaTypes(accountId: string, region: string, restApiId: string): Promise<string[]> {
  const client = clientIn(accountId, region)
  try {
    return (await client.send(new GetRestApiCommand({restApiId}))).binaryMediaTypes ?? []
  } finally {
    client.destroy()
  }
}

beforeAll(async () => {
  restore = useTestCredentials()
  const directory: FleetDirectory = {
    organization: organizationFor(MANAGEMENT),
    accounts: new Map([
      [MANAGEMENT, account(MANAGEMENT, 'management')],
      [MEDIA, account(MEDIA, 'media', {roles: new Map([['BinfixFixer', {name: 'BinfixFixer', assumable: true}]])})],
      [LOCKED, account(LOCKED, 'locked', {roles: new Map([['BinfixFixer', {name: 'BinfixFixer', assumable: false}]])})],
    ]),
  }
  ;({sandbox} = await thumbnailSandbox({fleetDirectory: directory}))
  const east = clientIn(MEDIA, 'us-east-1')
  const west = clientIn(MEDIA, 'eu-west-1')
  ids.east = await importBroken(east, 'images-east')
  ids.west = await importBroken(west, 'images-west')
  east.destroy()
  west.destroy()
  dir = mkdtempSync(join(tmpdir(), 'apigw-binfix-fleet-apply-'))
  mkdirSync(join(dir, 'specs'))
  copyFileSync(new URL('../../fixtures/specs/image-api.binfix.yaml', import.meta.url), join(dir, 'specs', 'images.binfix.yaml'))
  writeFileSync(join(dir, 'binfix-fleet.yaml'), ['version: 1', 'apis:', '  - match: {name: "images-*"}', '    spec: specs/images.binfix.yaml', ''].join('\n'))
}, 30_000)

afterAll(async () => {
  restore()
  await sandbox.close()
  rmSync(dir, {recursive: true, force: true})
})

function scope(extra: Partial<FleetScopeRequest> = {}): FleetScopeRequest {
  return {profiles: [], organization: {roleName: 'BinfixFixer', ous: []}, onlyAccounts: [], regions: ['us-east-1', 'eu-west-1'], connection: {region: 'us-east-1', endpointUrl: sandbox.url}, cwd: dir, ...extra}
}

describe('fleet plan, apply and rollback', () => {
  it('plans, applies with one deployment per changed API and stage, refuses the stale replay per API, and rolls back', async () => {
    const history = join(dir, 'history')
    const planned = await planFleet({...scope(), out: 'fleet-plan.json'}, fleetOutputSink('text', silent))
    expect(planned.failures).toEqual([expect.objectContaining({accountId: LOCKED, region: null})])
    const file = JSON.parse(readFileSync(join(dir, 'fleet-plan.json'), 'utf8')) as FleetPlanFile
    expect(file.plans.map((entry) => `${entry.accountId} ${entry.region} ${entry.plan.api.id} ${entry.plan.stage}`).sort()).toEqual(
      [`${MEDIA} eu-west-1 ${ids.west} v1`, `${MEDIA} us-east-1 ${ids.east} v1`].sort(),
    )

    const before = (await fetchCallLog(sandbox.url)).length
    const applied = await applyFleet({...scope(), planFile: 'fleet-plan.json', out: 'fleet-apply.json', historyDir: history})
    expect(applied.results.map((entry) => [entry.api.id, entry.outcome, entry.converged])).toEqual(
      expect.arrayContaining([
        [ids.east, 'applied', true],
        [ids.west, 'applied', true],
      ]),
    )
    expect(applied.exitCode).toBe(ExitCode.ok)
    const deployments = (await fetchCallLog(sandbox.url)).slice(before).filter((call) => call.operation === 'CreateDeployment')
    expect(deployments.map((call) => `${call.account} ${call.region} ${call.path}`).sort()).toEqual(
      [`${MEDIA} eu-west-1 /restapis/${ids.west}/deployments`, `${MEDIA} us-east-1 /restapis/${ids.east}/deployments`].sort(),
    )
    expect(await binaryMediaTypes(MEDIA, 'us-east-1', ids.east!)).toContain('image/jpeg')

    // Every API of the fleet file is now in sync.
    const audited = await auditFleet({...scope(), regions: ['us-east-1', 'eu-west-1']}, fleetOutputSink('text', silent))
    expect(audited.summaries.filter((summary) => summary.accountId === MEDIA).map((summary) => summary.apis - summary.inSync)).toEqual([0, 0])

    // The same plan again: each API changed since, so each is skipped as stale, and nothing is written.
    const writesBefore = (await fetchCallLog(sandbox.url)).length
    const replay = await applyFleet({...scope(), planFile: 'fleet-plan.json', historyDir: history})
    expect(replay.results.map((entry) => entry.outcome)).toEqual(['stale', 'stale'])
    expect(replay.exitCode).toBe(ExitCode.stalePlan)
    expect((await fetchCallLog(sandbox.url)).slice(writesBefore).filter((call) => call.mutating)).toEqual([])

    const rolledBack = await rollbackFleet({...scope(), from: 'fleet-apply.json', historyDir: history})
    expect(rolledBack.results.map((entry) => entry.outcome)).toEqual(['rolled-back', 'rolled-back'])
    expect(rolledBack.exitCode).toBe(ExitCode.ok)
    expect(await binaryMediaTypes(MEDIA, 'us-east-1', ids.east!)).not.toContain('image/jpeg')
    expect(await binaryMediaTypes(MEDIA, 'eu-west-1', ids.west!)).not.toContain('image/jpeg')
  }, 120_000)
})
