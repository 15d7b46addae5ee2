// The FleetDirectory port over the AWS SDK: STS (who the caller is, roles assumed per account),
// Organizations (the accounts) and Account (the Regions enabled). Reached only through a dynamic import,
// so commands that never call AWS (and --help) do not load these clients.

import {AccountClient, ListRegionsCommand} from '@aws-sdk/client-account'
import {
  type Account,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations'
import {AssumeRoleCommand, GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts'

import type {AwsConnectionOptions, AwsCredentials, CredentialSource} from '../services/api-gateway-port.js'
import type {AssumeRoleRequest, CallerIdentity, FleetDirectory, OrganizationAccount} from '../services/fleet-port.js'
import {toAwsCallError} from './aws-errors.js'
import {CallPolicy} from './call-policy.js'
import {sdkClientConfig} from './clients.js'

/** Re-assume this long before the credentials expire, so no call is signed with credentials about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000

/** Every client is destroyed after its call: a fleet has one per account, and they would keep sockets open. */
interface Destroyable {
  destroy(): void
}

export class SdkFleetDirectory implements FleetDirectory {
  // Retries throttling and transient failures; the quotas of these services are not API Gateway's.
  private readonly policy = new CallPolicy({quotas: false})

  async callerIdentity(access: AwsConnectionOptions): Promise<CallerIdentity> {
    const answer = await this.send(new STSClient(sdkClientConfig(access)), access, {operation: 'GetCallerIdentity', service: 'STS', permission: 'no permission (any valid credentials)'}, (client) =>
      client.send(new GetCallerIdentityCommand({})),
    )
    return {account: answer.Account ?? '', arn: answer.Arn ?? ''}
  }

  async assumeRole(access: AwsConnectionOptions, request: AssumeRoleRequest): Promise<CredentialSource> {
    const assume = async (): Promise<AwsCredentials> => {
      const answer = await this.send(
        new STSClient(sdkClientConfig(access)),
        access,
        {operation: 'AssumeRole', service: 'STS', permission: `sts:AssumeRole on ${request.roleArn} (and the role's trust policy must trust the caller${request.externalId ? ' with this external id' : ''})`},
        (client) =>
          client.send(new AssumeRoleCommand({RoleArn: request.roleArn, RoleSessionName: request.sessionName, ...(request.externalId ? {ExternalId: request.externalId} : {})})),
      )
      const credentials = answer.Credentials
      if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error(`AssumeRole ${request.roleArn} returned no credentials`)
      return {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        ...(credentials.SessionToken ? {sessionToken: credentials.SessionToken} : {}),
        ...(credentials.Expiration ? {expiration: credentials.Expiration} : {}),
      }
    }
    let current = await assume()
    let pending: Promise<AwsCredentials> | undefined
    return async () => {
      const expires = current.expiration?.getTime()
      if (expires === undefined || expires - Date.now() > REFRESH_MARGIN_MS) return current
      // One refresh at a time, however many calls of the account ask at once.
      pending ??= assume().finally(() => {
        pending = undefined
      })
      current = await pending
      return current
    }
  }

  async listAccounts(access: AwsConnectionOptions): Promise<OrganizationAccount[]> {
    const accounts: OrganizationAccount[] = []
    let token: string | undefined
    do {
      const page = await this.send(new OrganizationsClient(sdkClientConfig(access)), access, {operation: 'ListAccounts', service: 'Organizations', permission: 'organizations:ListAccounts (from the management account or a delegated administrator)'}, (client) =>
        client.send(new ListAccountsCommand({NextToken: token})),
      )
      accounts.push(...(page.Accounts ?? []).map(accountOf))
      token = page.NextToken
    } while (token)
    return accounts
  }

  async listAccountsUnder(access: AwsConnectionOptions, parentId: string): Promise<OrganizationAccount[]> {
    const accounts: OrganizationAccount[] = []
    const parents = [parentId]
    for (let parent = parents.shift(); parent !== undefined; parent = parents.shift()) {
      let token: string | undefined
      do {
        const page = await this.send(new OrganizationsClient(sdkClientConfig(access)), access, {operation: 'ListAccountsForParent', service: 'Organizations', permission: 'organizations:ListAccountsForParent'}, (client) =>
          client.send(new ListAccountsForParentCommand({ParentId: parent, NextToken: token})),
        )
        accounts.push(...(page.Accounts ?? []).map(accountOf))
        token = page.NextToken
      } while (token)
      do {
        const page = await this.send(
          new OrganizationsClient(sdkClientConfig(access)),
          access,
          {operation: 'ListOrganizationalUnitsForParent', service: 'Organizations', permission: 'organizations:ListOrganizationalUnitsForParent'},
          (client) => client.send(new ListOrganizationalUnitsForParentCommand({ParentId: parent, NextToken: token})),
        )
        for (const unit of page.OrganizationalUnits ?? []) if (unit.Id) parents.push(unit.Id)
        token = page.NextToken
      } while (token)
    }
    return accounts
  }

  async enabledRegions(access: AwsConnectionOptions): Promise<string[]> {
    const regions: string[] = []
    let token: string | undefined
    do {
      const page = await this.send(new AccountClient(sdkClientConfig(access)), access, {operation: 'ListRegions', service: 'Account', permission: 'account:ListRegions'}, (client) =>
        client.send(new ListRegionsCommand({RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'], MaxResults: 50, NextToken: token})),
      )
      for (const region of page.Regions ?? []) if (region.RegionName) regions.push(region.RegionName)
      token = page.NextToken
    } while (token)
    return regions.sort()
  }

  private async send<C extends Destroyable, T>(
    client: C,
    access: AwsConnectionOptions,
    call: {operation: string; service: string; permission: string},
    request: (client: C) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.policy.run(call.operation, () => request(client), (error, attempts) =>
        toAwsCallError(error, {
          operation: call.operation,
          httpMethod: 'POST',
          resourcePath: '/',
          region: access.region ?? 'the default Region',
          endpoint: access.endpointUrl ?? `${call.service} endpoint`,
          attempts,
          ...(access.profile && !access.credentials ? {profile: access.profile} : {}),
          service: {name: call.service, permission: call.permission},
        }),
      )
    } finally {
      client.destroy()
    }
  }
}

function accountOf(account: Account): OrganizationAccount {
  return {id: account.Id ?? '', name: account.Name ?? account.Id ?? '', status: account.Status ?? 'ACTIVE'}
}
