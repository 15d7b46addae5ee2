// Which accounts and Regions a fleet command reaches: repeated --profile (each profile an account), a
// c7n-org accounts file, or Organizations (--organization --role-name, --org-unit and --only-account filters), each
// account's Regions from --regions (a list, or `all`: the Regions enabled for the account), the accounts
// file, or the default Region. An account that cannot be reached is a failure of that account (which
// call, which permission), never of the run.

import type {AwsConnectionOptions} from '../api-gateway-port.js'
import {UsageError} from '../../core/errors.js'
import {partitionOf} from '../../core/partition.js'
import {echoed} from '../../core/quote.js'
import {type AccountsFileEntry, loadAccountsFile} from '../../desired-spec/accounts-file.js'
import type {FleetDirectory, OrganizationAccount} from '../fleet-port.js'

export interface OrganizationScope {
  /** --role-name: the role every member account has (e.g. OrganizationAccountAccessRole). */
  roleName: string
  /** --org-unit: only accounts under these organizational units (nested ones included). */
  ous: string[]
}

export interface FleetScopeRequest {
  /** --profile, repeatable: each profile is an account. */
  profiles: string[]
  /** --accounts: a c7n-org accounts file. */
  accountsFile?: string
  organization?: OrganizationScope
  /** --only-account: only these accounts (ids or names), with --accounts or --organization. */
  onlyAccounts: string[]
  /** --external-id: for the roles --organization assumes (an accounts file gives its own). */
  externalId?: string
  /** --regions: a list, or every Region enabled for each account; default: the accounts file's, else the home Region. */
  regions?: string[] | 'all'
  /** The caller: Region (home), profile, endpoint. */
  connection: AwsConnectionOptions
  cwd: string
}

/** One account of the fleet, not yet reached: `reach()` makes the calls (AssumeRole, ListRegions). */
export interface FleetAccount {
  /** Known before any call for accounts files and Organizations; a profile's is learnt by reach(). */
  accountId?: string
  /** The account's name (accounts file, Organizations) or the profile's. */
  name: string
  reach(): Promise<ReachedAccount>
}

export interface ReachedAccount {
  accountId: string
  name: string
  /** Signs as the account: its profile or the assumed role's credentials, and the fleet's endpoint. */
  access: AwsConnectionOptions
  regions: string[]
}

export interface FleetScope {
  /** The Region STS, Organizations and Account are called in. */
  homeRegion: string
  accounts: FleetAccount[]
}

/** The session name AssumeRole records in each account's CloudTrail. */
export const SESSION_NAME = 'apigw-binfix-fleet'

const REGION = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** Flags and files checked, then the accounts listed (Organizations is asked here; roles are assumed by reach()). */
export async function resolveFleetScope(request: FleetScopeRequest, directory: FleetDirectory): Promise<FleetScope> {
  const sources = [request.profiles.length > 0 && '--profile', request.accountsFile !== undefined && '--accounts', request.organization && '--organization'].filter(Boolean)
  if (sources.length > 1) throw new UsageError(`${sources.join(' and ')}: choose one way to name the accounts`)
  if (request.onlyAccounts.length > 0 && !request.accountsFile && !request.organization) throw new UsageError('--only-account filters the accounts of --accounts FILE or --organization: pass one of them')
  if (request.externalId !== undefined && !request.organization) throw new UsageError('--external-id is for the roles --organization assumes (an accounts file has external_id per account)')
  for (const region of Array.isArray(request.regions) ? request.regions : []) {
    if (!REGION.test(region)) throw new UsageError(`--regions ${echoed(region)}: not a Region name (e.g. us-east-1)`)
  }
  const entries = request.accountsFile === undefined ? undefined : filtered(await loadAccountsFile(request.accountsFile, request.cwd), request.onlyAccounts)
  const homeRegion = request.connection.region ?? environmentRegion() ?? (Array.isArray(request.regions) ? request.regions[0] : undefined) ?? entries?.find((entry) => entry.regions?.length)?.regions?.[0]
  if (homeRegion === undefined) throw new UsageError('no AWS Region: pass --home-region (where STS and Organizations are called) or --regions, or set AWS_REGION')
  const caller: AwsConnectionOptions = {...request.connection, region: homeRegion}
  const regionsFor = (own: string[] | undefined) => async (access: AwsConnectionOptions): Promise<string[]> => {
    if (request.regions === 'all') return directory.enabledRegions(access)
    return request.regions ?? own ?? [homeRegion]
  }

  if (request.profiles.length > 0) {
    return {
      homeRegion,
      accounts: request.profiles.map((profile) => ({
        name: profile,
        async reach() {
          const access: AwsConnectionOptions = {...caller, profile}
          const identity = await directory.callerIdentity(access)
          return {accountId: identity.account, name: profile, access, regions: await regionsFor(undefined)(access)}
        },
      })),
    }
  }
  if (entries) {
    return {homeRegion, accounts: entries.map((entry) => fileAccount(entry, caller, directory, regionsFor(entry.regions)))}
  }
  if (request.organization) {
    const {roleName, ous} = request.organization
    const listed = ous.length === 0 ? await directory.listAccounts(caller) : (await Promise.all(ous.map((ou) => directory.listAccountsUnder(caller, ou)))).flat()
    const unique = [...new Map(listed.map((account) => [account.id, account])).values()]
    const wanted = unique.filter((account) => account.status === 'ACTIVE' && selected(request.onlyAccounts, account.id, account.name))
    return {
      homeRegion,
      accounts: wanted.map((account) => organizationAccount(account, roleName, request.externalId, caller, directory, regionsFor(undefined))),
    }
  }
  // No way named: the caller's own account.
  return {
    homeRegion,
    accounts: [
      {
        name: request.connection.profile ?? 'default credentials',
        async reach() {
          const identity = await directory.callerIdentity(caller)
          return {accountId: identity.account, name: request.connection.profile ?? identity.account, access: caller, regions: await regionsFor(undefined)(caller)}
        },
      },
    ],
  }
}

function fileAccount(entry: AccountsFileEntry, caller: AwsConnectionOptions, directory: FleetDirectory, regionsOf: (access: AwsConnectionOptions) => Promise<string[]>): FleetAccount {
  return {
    accountId: entry.accountId,
    name: entry.name,
    async reach() {
      let access: AwsConnectionOptions = entry.profile ? {...caller, profile: entry.profile} : caller
      // A list of roles is a chain: each is assumed with the credentials of the one before.
      for (const roleArn of entry.roles) {
        const credentials = await directory.assumeRole(access, {roleArn, sessionName: SESSION_NAME, ...(entry.externalId ? {externalId: entry.externalId} : {})})
        access = {region: caller.region, ...(caller.endpointUrl ? {endpointUrl: caller.endpointUrl} : {}), credentials}
      }
      return {accountId: entry.accountId, name: entry.name, access, regions: await regionsOf(access)}
    },
  }
}

function organizationAccount(
  account: OrganizationAccount,
  roleName: string,
  externalId: string | undefined,
  caller: AwsConnectionOptions,
  directory: FleetDirectory,
  regionsOf: (access: AwsConnectionOptions) => Promise<string[]>,
): FleetAccount {
  return {
    accountId: account.id,
    name: account.name,
    async reach() {
      const roleArn = `arn:${partitionOf(caller.region ?? '')}:iam::${account.id}:role/${roleName}`
      const credentials = await directory.assumeRole(caller, {roleArn, sessionName: SESSION_NAME, ...(externalId ? {externalId} : {})})
      const access: AwsConnectionOptions = {region: caller.region, ...(caller.endpointUrl ? {endpointUrl: caller.endpointUrl} : {}), credentials}
      return {accountId: account.id, name: account.name, access, regions: await regionsOf(access)}
    },
  }
}

function filtered(entries: AccountsFileEntry[], only: string[]): AccountsFileEntry[] {
  return only.length === 0 ? entries : entries.filter((entry) => selected(only, entry.accountId, entry.name))
}

function selected(only: string[], id: string, name: string): boolean {
  return only.length === 0 || only.includes(id) || only.includes(name)
}

function environmentRegion(): string | undefined {
  return process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined
}
