// STS, Organizations and Account on the sandbox's port, through the SDK's own clients: credentials from
// AssumeRole act in the role's account, a refused role answers AWS's AccessDenied, and the lists page.
import {AccountClient, ListRegionsCommand, paginateListRegions} from '@aws-sdk/client-account'
import {APIGatewayClient, CreateRestApiCommand, GetRestApisCommand} from '@aws-sdk/client-api-gateway'
import {
  AWSOrganizationsNotInUseException,
  AccessDeniedException as OrganizationsAccessDenied,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations'
import {AssumeRoleCommand, GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts'

import type {FleetAccount, FleetDirectory} from '../../../src/sandbox/fleet/directory.js'
import {organizationFor} from '../../../src/sandbox/fleet/organizations.js'
import type {Sandbox} from '../../../src/sandbox/server.js'
import {awsCli} from '../../helpers/external/aws-cli.js'
import {TEST_CREDENTIALS, fetchCallLog, startTestSandbox} from '../../helpers/sandbox.js'

const MANAGEMENT = '123456789012'
type Credentials = {accessKeyId: string; secretAccessKey: string; sessionToken?: string}

function account(id: string, name: string, extra: Partial<FleetAccount> = {}): FleetAccount {
  return {id, name, email: `${name}@example.com`, tags: {}, status: 'ACTIVE', optInRegions: [], failingRegions: new Map(), ...extra}
}

/** The management account and 24 members (more than one page of ListAccounts), two OUs, roles in two. */
function directory(): FleetDirectory {
  const accounts = new Map<string, FleetAccount>([[MANAGEMENT, account(MANAGEMENT, 'management')]])
  for (let index = 1; index <= 24; index++) {
    const id = String(100_000_000_000 + index)
    accounts.set(id, account(id, `member-${index}`, {ou: index % 2 === 0 ? 'Production' : 'Sandbox'}))
  }
  accounts.set('100000000001', account('100000000001', 'member-1', {
    ou: 'Sandbox',
    optInRegions: ['af-south-1'],
    roles: new Map([
      ['BinfixAudit', {name: 'BinfixAudit', assumable: true, externalId: 'fleet-42'}],
      ['Locked', {name: 'Locked', assumable: false}],
    ]),
  }))
  return {organization: organizationFor(MANAGEMENT), accounts}
}

describe('STS, Organizations and Account on the sandbox', () => {
  let sandbox: Sandbox
  const sts = (credentials: Credentials = TEST_CREDENTIALS) => new STSClient({endpoint: sandbox.url, region: 'us-east-1', credentials, maxAttempts: 1})
  const organizations = (credentials: Credentials = TEST_CREDENTIALS) => new OrganizationsClient({endpoint: sandbox.url, region: 'us-east-1', credentials, maxAttempts: 1})
  const accountClient = (credentials: Credentials = TEST_CREDENTIALS) => new AccountClient({endpoint: sandbox.url, region: 'us-east-1', credentials, maxAttempts: 1})
  beforeAll(async () => {
    sandbox = await startTestSandbox({fleetDirectory: directory()})
  })
  afterAll(() => sandbox.close())

  it("answers GetCallerIdentity with the account's root for a plain key, the key's account for 12 digits", async () => {
    expect(await sts().send(new GetCallerIdentityCommand({}))).toEqual(
      expect.objectContaining({Account: MANAGEMENT, UserId: MANAGEMENT, Arn: `arn:aws:iam::${MANAGEMENT}:root`}),
    )
    const member = await sts({accessKeyId: '100000000007', secretAccessKey: 'x'}).send(new GetCallerIdentityCommand({}))
    expect(member.Account).toBe('100000000007')
  })

  it("hands out credentials that act in the role's account, with the external id the role requires", async () => {
    const roleArn = 'arn:aws:iam::100000000001:role/BinfixAudit'
    const assumed = await sts().send(new AssumeRoleCommand({RoleArn: roleArn, RoleSessionName: 'fleet-audit', ExternalId: 'fleet-42', DurationSeconds: 900}))
    const credentials = {accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken!}
    expect(credentials.sessionToken.length).toBeGreaterThan(0)
    expect(assumed.Credentials!.Expiration!.getTime()).toBeGreaterThan(Date.now() + 800_000)
    expect(assumed.AssumedRoleUser!.Arn).toBe('arn:aws:sts::100000000001:assumed-role/BinfixAudit/fleet-audit')

    const identity = await sts(credentials).send(new GetCallerIdentityCommand({}))
    expect(identity).toEqual(expect.objectContaining({Account: '100000000001', Arn: 'arn:aws:sts::100000000001:assumed-role/BinfixAudit/fleet-audit'}))
    expect(identity.UserId).toMatch(/^AROA[A-Z2-7]+:fleet-audit$/)

    const gateway = new APIGatewayClient({endpoint: sandbox.url, region: 'eu-west-1', credentials, maxAttempts: 1})
    const created = await gateway.send(new CreateRestApiCommand({name: 'made-through-the-role'}))
    expect(sandbox.partitions.find('100000000001', 'eu-west-1')?.store.state.apis.has(created.id!)).toBe(true)
    expect(((await gateway.send(new GetRestApisCommand({}))).items ?? []).map((item) => item.id)).toEqual([created.id])
  })

  it("refuses an unassumable role, a role the account does not declare and a wrong external id with AWS's AccessDenied", async () => {
    const refused = async (roleArn: string, externalId?: string, credentials?: Credentials) => {
      const error = await sts(credentials).send(new AssumeRoleCommand({RoleArn: roleArn, RoleSessionName: 's', ExternalId: externalId})).then(
        () => undefined,
        (failure: Error & {$metadata: {httpStatusCode?: number}}) => failure,
      )
      return {name: error?.name, message: error?.message, status: error?.$metadata.httpStatusCode}
    }
    const denied = (roleArn: string, caller = `arn:aws:iam::${MANAGEMENT}:root`) => ({
      name: 'AccessDenied',
      message: `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      status: 403,
    })
    expect(await refused('arn:aws:iam::100000000001:role/Locked')).toEqual(denied('arn:aws:iam::100000000001:role/Locked'))
    expect(await refused('arn:aws:iam::100000000001:role/NoSuchRole')).toEqual(denied('arn:aws:iam::100000000001:role/NoSuchRole'))
    expect(await refused('arn:aws:iam::100000000001:role/BinfixAudit')).toEqual(denied('arn:aws:iam::100000000001:role/BinfixAudit'))
    expect(await refused('arn:aws:iam::100000000001:role/BinfixAudit', 'wrong')).toEqual(denied('arn:aws:iam::100000000001:role/BinfixAudit'))
    // The caller named is the one that signed: a 12-digit key is that account's root.
    const fromMember = await refused('arn:aws:iam::100000000001:role/Locked', undefined, {accessKeyId: '100000000002', secretAccessKey: 'x'})
    expect(fromMember).toEqual(denied('arn:aws:iam::100000000001:role/Locked', 'arn:aws:iam::100000000002:root'))
    // Recorded on AWS (LocalStack's AWS-validated test_sts snapshot): an ARN AssumeRole cannot parse.
    expect(await refused('nothing-valid-in-here')).toEqual({name: 'ValidationError', message: 'nothing-valid-in-here is invalid', status: 400})
  })

  it('lets any role be assumed in an account that declares none', async () => {
    const assumed = await sts().send(new AssumeRoleCommand({RoleArn: 'arn:aws:iam::100000000002:role/Anything', RoleSessionName: 's'}))
    const identity = await sts({accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: 'x'}).send(new GetCallerIdentityCommand({}))
    expect(identity.Account).toBe('100000000002')
  })

  it('lists every account of the organization over pages of NextToken', async () => {
    const firstPage = await organizations().send(new ListAccountsCommand({MaxResults: 10}))
    expect(firstPage.Accounts).toHaveLength(10)
    expect(firstPage.NextToken).toBeDefined()
    const ids: string[] = []
    for await (const page of paginateListAccounts({client: organizations(), pageSize: 7}, {})) ids.push(...(page.Accounts ?? []).map((item) => item.Id!))
    expect(ids).toEqual([...directory().accounts.keys()])
    expect(firstPage.Accounts![0]).toEqual(
      expect.objectContaining({Id: MANAGEMENT, Name: 'management', Status: 'ACTIVE', Email: 'management@example.com', Arn: expect.stringMatching(new RegExp(`^arn:aws:organizations::${MANAGEMENT}:account/o-[a-z0-9]{10}/${MANAGEMENT}$`))}),
    )
    await expect(organizations().send(new ListAccountsCommand({NextToken: 'forged'}))).rejects.toEqual(expect.objectContaining({name: 'InvalidInputException'}))
  })

  it('answers the accounts of an OU, found under the root', async () => {
    const roots = await organizations().send(new ListRootsCommand({}))
    const rootId = roots.Roots![0]!.Id!
    const units = await organizations().send(new ListOrganizationalUnitsForParentCommand({ParentId: rootId}))
    const production = units.OrganizationalUnits!.find((unit) => unit.Name === 'Production')!
    const members = await organizations().send(new ListAccountsForParentCommand({ParentId: production.Id!, MaxResults: 20}))
    expect(members.Accounts!.map((item) => item.Name)).toEqual(Array.from({length: 12}, (_, index) => `member-${(index + 1) * 2}`))
  })

  it('answers ListAccounts only to the management account, and not outside an organization', async () => {
    await expect(organizations({accessKeyId: '100000000003', secretAccessKey: 'x'}).send(new ListAccountsCommand({}))).rejects.toBeInstanceOf(OrganizationsAccessDenied)
    await expect(organizations({accessKeyId: '999999999999', secretAccessKey: 'x'}).send(new ListAccountsCommand({}))).rejects.toBeInstanceOf(AWSOrganizationsNotInUseException)
  })

  it("lists the account's Regions over pages, filtered by opt-in status", async () => {
    const names: string[] = []
    for await (const page of paginateListRegions({client: accountClient({accessKeyId: '100000000001', secretAccessKey: 'x'}), pageSize: 5}, {RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT']})) {
      names.push(...(page.Regions ?? []).map((region) => region.RegionName!))
    }
    expect(names).toHaveLength(18)
    expect(names).toContain('af-south-1')
    expect(names).toContain('us-east-1')
    expect(names).not.toContain('me-south-1')
    const disabled = await accountClient().send(new ListRegionsCommand({RegionOptStatusContains: ['DISABLED'], MaxResults: 50}))
    expect(disabled.Regions!.map((region) => region.RegionName)).toContain('af-south-1')
    expect(disabled.NextToken).toBeUndefined()
    // The management account may ask about a member; nobody else may.
    const member = await accountClient().send(new ListRegionsCommand({AccountId: '100000000001', RegionOptStatusContains: ['ENABLED']}))
    expect(member.Regions).toEqual([{RegionName: 'af-south-1', RegionOptStatus: 'ENABLED'}])
    await expect(accountClient({accessKeyId: '100000000002', secretAccessKey: 'x'}).send(new ListRegionsCommand({AccountId: '100000000001'}))).rejects.toEqual(
      expect.objectContaining({name: 'AccessDeniedException'}),
    )
  })

  it('logs each call with its account and Region', async () => {
    await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})
    await sts({accessKeyId: '100000000005', secretAccessKey: 'x'}).send(new GetCallerIdentityCommand({}))
    await organizations().send(new ListAccountsCommand({}))
    await accountClient().send(new ListRegionsCommand({}))
    const log = await fetchCallLog(sandbox.url)
    expect(log.map((record) => [record.operation, record.account, record.region, record.mutating])).toEqual([
      ['GetCallerIdentity', '100000000005', 'us-east-1', false],
      ['ListAccounts', MANAGEMENT, 'us-east-1', false],
      ['ListRegions', MANAGEMENT, 'us-east-1', false],
    ])
  })

  it('answers the AWS CLI: sts get-caller-identity and sts assume-role', async () => {
    const identity = await awsCli('sts', sandbox.url, ['get-caller-identity'], undefined, '100000000009')
    expect(JSON.parse(identity.stdout)).toEqual({UserId: '100000000009', Account: '100000000009', Arn: 'arn:aws:iam::100000000009:root'})
    const refused = await awsCli('sts', sandbox.url, ['assume-role', '--role-arn', 'arn:aws:iam::100000000001:role/Locked', '--role-session-name', 'cli'], undefined, '100000000009')
    expect(refused.exitCode).not.toBe(0)
    expect(refused.stderr).toContain(
      'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::100000000009:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::100000000001:role/Locked',
    )
  }, 60_000)
})
