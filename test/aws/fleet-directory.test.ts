// The FleetDirectory adapter over the SDK, with the clients mocked (aws-sdk-client-mock mocks every
// instance of a client class): AssumeRole carries the external id and is made again near expiry, lists
// follow every page, and a refusal names the call and the permission.
import {AccountClient, ListRegionsCommand} from '@aws-sdk/client-account'
import {ListAccountsCommand, ListAccountsForParentCommand, ListOrganizationalUnitsForParentCommand, OrganizationsClient} from '@aws-sdk/client-organizations'
import {AssumeRoleCommand, GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts'
import {mockClient} from 'aws-sdk-client-mock'

import {SdkFleetDirectory} from '../../src/aws/fleet-directory.js'
import {AwsCallError} from '../../src/core/errors.js'
import {TEST_CREDENTIALS} from '../helpers/sandbox.js'

const sts = mockClient(STSClient)
const organizations = mockClient(OrganizationsClient)
const account = mockClient(AccountClient)
const ACCESS = {region: 'us-east-1', credentials: async () => TEST_CREDENTIALS}

beforeEach(() => {
  sts.reset()
  organizations.reset()
  account.reset()
})

function denied(message: string): Error {
  return Object.assign(new Error(message), {name: 'AccessDenied', $metadata: {httpStatusCode: 403}})
}

describe('SdkFleetDirectory', () => {
  it('assumes a role with its external id, and again when the credentials near their expiry', async () => {
    let expiration = new Date(Date.now() + 3_600_000)
    sts.on(AssumeRoleCommand).callsFake(() => ({Credentials: {AccessKeyId: `ASIA${sts.commandCalls(AssumeRoleCommand).length}`, SecretAccessKey: 's', SessionToken: 't', Expiration: expiration}}))
    const source = await new SdkFleetDirectory().assumeRole(ACCESS, {roleArn: 'arn:aws:iam::111111111111:role/Audit', externalId: 'ext-1', sessionName: 'apigw-binfix-fleet'})
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input).toEqual({RoleArn: 'arn:aws:iam::111111111111:role/Audit', RoleSessionName: 'apigw-binfix-fleet', ExternalId: 'ext-1'})
    expect((await source()).accessKeyId).toBe('ASIA1')
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1)
    // Within the refresh margin: the next call asks STS again.
    expiration = new Date(Date.now() + 60_000)
    sts.on(AssumeRoleCommand).callsFake(() => ({Credentials: {AccessKeyId: 'ASIA-new', SecretAccessKey: 's', Expiration: new Date(Date.now() + 3_600_000)}}))
    const soon = await new SdkFleetDirectory().assumeRole(ACCESS, {roleArn: 'arn:aws:iam::111111111111:role/Audit', sessionName: 'x'})
    expect((await soon()).accessKeyId).toBe('ASIA-new')
  })

  it('names the permission and the role when AssumeRole is refused', async () => {
    sts.on(AssumeRoleCommand).rejects(denied('User is not authorized to perform: sts:AssumeRole'))
    const refused = new SdkFleetDirectory().assumeRole(ACCESS, {roleArn: 'arn:aws:iam::222222222222:role/Audit', sessionName: 'x'})
    await expect(refused).rejects.toThrow(AwsCallError)
    await expect(refused).rejects.toThrow('access denied: AssumeRole needs sts:AssumeRole on arn:aws:iam::222222222222:role/Audit')
  })

  it('reads the caller identity', async () => {
    sts.on(GetCallerIdentityCommand).resolves({Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/me'})
    expect(await new SdkFleetDirectory().callerIdentity(ACCESS)).toEqual({account: '123456789012', arn: 'arn:aws:iam::123456789012:user/me'})
  })

  it('lists every page of the organization, and the accounts under nested OUs', async () => {
    organizations
      .on(ListAccountsCommand, {NextToken: undefined})
      .resolves({Accounts: [{Id: '111111111111', Name: 'a', Status: 'ACTIVE'}], NextToken: 'p2'})
      .on(ListAccountsCommand, {NextToken: 'p2'})
      .resolves({Accounts: [{Id: '222222222222', Name: 'b', Status: 'SUSPENDED'}]})
    expect(await new SdkFleetDirectory().listAccounts(ACCESS)).toEqual([
      {id: '111111111111', name: 'a', status: 'ACTIVE'},
      {id: '222222222222', name: 'b', status: 'SUSPENDED'},
    ])
    organizations
      .on(ListAccountsForParentCommand, {ParentId: 'ou-root'})
      .resolves({Accounts: [{Id: '333333333333', Name: 'c', Status: 'ACTIVE'}]})
      .on(ListAccountsForParentCommand, {ParentId: 'ou-child'})
      .resolves({Accounts: [{Id: '444444444444', Name: 'd', Status: 'ACTIVE'}]})
      .on(ListOrganizationalUnitsForParentCommand, {ParentId: 'ou-root'})
      .resolves({OrganizationalUnits: [{Id: 'ou-child'}]})
      .on(ListOrganizationalUnitsForParentCommand, {ParentId: 'ou-child'})
      .resolves({OrganizationalUnits: []})
    expect((await new SdkFleetDirectory().listAccountsUnder(ACCESS, 'ou-root')).map((entry) => entry.id)).toEqual(['333333333333', '444444444444'])
  })

  it('lists the enabled Regions, every page, and names account:ListRegions when refused', async () => {
    account
      .on(ListRegionsCommand, {NextToken: undefined})
      .resolves({Regions: [{RegionName: 'us-east-1', RegionOptStatus: 'ENABLED_BY_DEFAULT'}], NextToken: 'n'})
      .on(ListRegionsCommand, {NextToken: 'n'})
      .resolves({Regions: [{RegionName: 'af-south-1', RegionOptStatus: 'ENABLED'}]})
    expect(await new SdkFleetDirectory().enabledRegions(ACCESS)).toEqual(['af-south-1', 'us-east-1'])
    expect(account.commandCalls(ListRegionsCommand)[0]!.args[0].input).toMatchObject({RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT']})
    account.reset()
    account.on(ListRegionsCommand).rejects(denied('not authorized'))
    await expect(new SdkFleetDirectory().enabledRegions(ACCESS)).rejects.toThrow('access denied: ListRegions needs account:ListRegions')
  })
})
