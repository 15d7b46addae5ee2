// Which accounts and Regions a fleet command reaches, on a directory whose answers the test chooses:
// the flags' exclusions, Organizations' filters (active accounts, --org-unit, --only-account), roles built
// per account with the external id, chains from an accounts file, and Regions from --regions all.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {AwsConnectionOptions} from '../../../src/services/api-gateway-port.js'
import {type FleetScopeRequest, resolveFleetScope} from '../../../src/services/fleet/fleet-accounts.js'
import type {AssumeRoleRequest, FleetDirectory} from '../../../src/services/fleet-port.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'apigw-binfix-fleet-accounts-'))
  writeFileSync(
    join(dir, 'accounts.yml'),
    ['accounts:', "  - account_id: '111111111111'", '    name: hub-spoke', '    role: [arn:aws:iam::999999999999:role/Hub, arn:aws:iam::111111111111:role/Spoke]', '    external_id: ext-9', "  - account_id: '222222222222'", '    name: plain', '    regions: [eu-west-1]', ''].join('\n'),
  )
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

function recordingDirectory() {
  const assumed: Array<{by: AwsConnectionOptions; request: AssumeRoleRequest}> = []
  const directory: FleetDirectory = {
    callerIdentity: async (access) => ({account: access.profile === 'dev' ? '333333333333' : '123456789012', arn: 'arn'}),
    assumeRole: async (by, request) => {
      assumed.push({by, request})
      return async () => ({accessKeyId: `key-of-${request.roleArn}`, secretAccessKey: 's'})
    },
    listAccounts: async () => [
      {id: '111111111111', name: 'a', status: 'ACTIVE'},
      {id: '222222222222', name: 'b', status: 'SUSPENDED'},
      {id: '333333333333', name: 'c', status: 'ACTIVE'},
    ],
    listAccountsUnder: async (_access, parent) => (parent === 'ou-1' ? [{id: '333333333333', name: 'c', status: 'ACTIVE'}] : []),
    enabledRegions: async () => ['ap-south-1', 'us-east-1'],
  }
  return {directory, assumed}
}

function request(extra: Partial<FleetScopeRequest>): FleetScopeRequest {
  return {profiles: [], onlyAccounts: [], connection: {region: 'us-east-1'}, cwd: dir, ...extra}
}

describe('resolveFleetScope', () => {
  it('refuses two ways of naming the accounts, and filters or an external id without their source', async () => {
    const {directory} = recordingDirectory()
    await expect(resolveFleetScope(request({profiles: ['a'], accountsFile: 'accounts.yml'}), directory)).rejects.toThrow('--profile and --accounts: choose one way to name the accounts')
    await expect(resolveFleetScope(request({onlyAccounts: ['a']}), directory)).rejects.toThrow('--only-account filters the accounts of --accounts FILE or --organization')
    await expect(resolveFleetScope(request({externalId: 'x'}), directory)).rejects.toThrow('--external-id is for the roles --organization assumes')
    await expect(resolveFleetScope(request({regions: ['us-east-1', 'US_EAST']}), directory)).rejects.toThrow('--regions US_EAST: not a Region name')
  })

  it("assumes each organization account's role with the external id, skipping suspended accounts and those not asked for", async () => {
    const {directory, assumed} = recordingDirectory()
    const scope = await resolveFleetScope(request({organization: {roleName: 'Audit', ous: []}, externalId: 'ext-1', onlyAccounts: ['a', '222222222222']}), directory)
    expect(scope.accounts.map((account) => account.accountId)).toEqual(['111111111111'])
    const reached = await scope.accounts[0]!.reach()
    expect(assumed.map((entry) => entry.request)).toEqual([{roleArn: 'arn:aws:iam::111111111111:role/Audit', sessionName: 'apigw-binfix-fleet', externalId: 'ext-1'}])
    expect(await reached.access.credentials!()).toMatchObject({accessKeyId: 'key-of-arn:aws:iam::111111111111:role/Audit'})
    expect(reached.regions).toEqual(['us-east-1'])
  })

  it('lists only the accounts under --org-unit, and reads every enabled Region with --regions all', async () => {
    const {directory} = recordingDirectory()
    const scope = await resolveFleetScope(request({organization: {roleName: 'Audit', ous: ['ou-1']}, regions: 'all'}), directory)
    expect(scope.accounts.map((account) => account.accountId)).toEqual(['333333333333'])
    expect((await scope.accounts[0]!.reach()).regions).toEqual(['ap-south-1', 'us-east-1'])
  })

  it("chains an accounts file's roles, each assumed with the credentials of the one before, and keeps the file's Regions", async () => {
    const {directory, assumed} = recordingDirectory()
    const scope = await resolveFleetScope(request({accountsFile: 'accounts.yml'}), directory)
    const [chained, plain] = await Promise.all(scope.accounts.map((account) => account.reach()))
    expect(assumed.map((entry) => entry.request.roleArn)).toEqual(['arn:aws:iam::999999999999:role/Hub', 'arn:aws:iam::111111111111:role/Spoke'])
    // The first from the caller's own credentials, the second with the hub role's.
    expect(assumed[0]!.by.credentials).toBeUndefined()
    expect(await assumed[1]!.by.credentials!()).toMatchObject({accessKeyId: 'key-of-arn:aws:iam::999999999999:role/Hub'})
    expect(assumed.every((entry) => entry.request.externalId === 'ext-9')).toBe(true)
    expect(chained!.regions).toEqual(['us-east-1'])
    expect(plain).toMatchObject({accountId: '222222222222', regions: ['eu-west-1']})
    expect(plain!.access.credentials).toBeUndefined()
  })

  it('makes each --profile an account, its id from GetCallerIdentity', async () => {
    const {directory} = recordingDirectory()
    const scope = await resolveFleetScope(request({profiles: ['dev']}), directory)
    expect(await scope.accounts[0]!.reach()).toMatchObject({accountId: '333333333333', name: 'dev', access: {profile: 'dev'}})
  })
})
