// What fleet apply and rollback share: no new API started after --max-failures failures or Ctrl-C, an
// account the plan names but the command line does not is reported, deployments queued one at a time per
// account, and the account-Region's one client closed once.
import type {ApiGatewayClient} from '../../../src/services/api-gateway-port.js'
import {type NotRun, isNotRun, runFleetWrites} from '../../../src/services/fleet/fleet-writes.js'
import type {FleetDirectory} from '../../../src/services/fleet-port.js'

const directory: FleetDirectory = {
  callerIdentity: async () => ({account: '123456789012', arn: 'arn'}),
  assumeRole: async () => async () => ({accessKeyId: 'k', secretAccessKey: 's'}),
  listAccounts: async () => [{id: '111111111111', name: 'media', status: 'ACTIVE'}],
  listAccountsUnder: async () => [],
  enabledRegions: async () => [],
}

/** Deployments in flight across every client of the test: one account's Regions share the count. */
let open = 0

function fakeClient(log: string[]): ApiGatewayClient {
  return {
    createDeployment: async (restApiId: string) => {
      open++
      log.push(`deploy ${restApiId} (${open} at once)`)
      await new Promise((resolve) => setTimeout(resolve, 20))
      open--
      return {id: 'd'}
    },
    close: () => log.push('close'),
  } as unknown as ApiGatewayClient
}

const scope = {profiles: [], organization: {roleName: 'Fixer', ous: []}, onlyAccounts: [], connection: {region: 'us-east-1'}, cwd: process.cwd()}

describe('runFleetWrites', () => {
  it('starts no API after --max-failures failures, and reports accounts the command line does not name', async () => {
    const items = [
      {accountId: '111111111111', region: 'us-east-1', apiId: 'a', stage: 'v1'},
      {accountId: '111111111111', region: 'us-east-1', apiId: 'a', stage: 'v2'},
      {accountId: '111111111111', region: 'us-east-1', apiId: 'a', stage: 'v3'},
      {accountId: '999999999999', region: 'us-east-1', apiId: 'z', stage: 'v1'},
    ]
    const log: string[] = []
    const results = await runFleetWrites(items, scope, {maxFailures: 1}, {directory, createClient: async () => fakeClient(log)}, async (item) => ({failed: item.stage === 'v1'}), (result) => result.failed)
    expect(results[0]).toEqual({failed: true})
    expect(results[1]).toEqual({reason: 'not-started', message: 'not started: --max-failures 1 reached'})
    expect(isNotRun(results[2])).toBe(true)
    expect((results[3] as NotRun).reason).toBe('unreachable')
    expect((results[3] as NotRun).message).toContain('account 999999999999 is not among the accounts named')
    expect(log).toEqual(['close'])
  })

  it('starts nothing once interrupted', async () => {
    const controller = new AbortController()
    controller.abort()
    const items = [{accountId: '111111111111', region: 'us-east-1', apiId: 'a'}]
    const results = await runFleetWrites(items, scope, {}, {directory, createClient: async () => fakeClient([]), signal: controller.signal}, async () => 'ran', () => false)
    expect(results).toEqual([{reason: 'not-started', message: 'interrupted before it started'}])
  })

  it('sends one CreateDeployment at a time per account, across its Regions', async () => {
    const items = ['a', 'b', 'c'].flatMap((apiId) => ['us-east-1', 'eu-west-1'].map((region) => ({accountId: '111111111111', region, apiId})))
    const log: string[] = []
    await runFleetWrites(items, scope, {}, {directory, createClient: async () => fakeClient(log)}, async (item, {client}) => client.createDeployment(item.apiId, 'v1', ''), () => false)
    const deployments = log.filter((line) => line.startsWith('deploy'))
    expect(deployments).toHaveLength(6)
    expect(deployments.every((line) => line.endsWith('(1 at once)'))).toBe(true)
    expect(log.filter((line) => line === 'close')).toHaveLength(2)
  })
})
