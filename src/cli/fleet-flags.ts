import {Flags} from '@oclif/core'

import {connectionOptions} from './aws-flags.js'
import {UsageError} from '../core/errors.js'
import {echoed} from '../core/quote.js'
import type {FleetScopeRequest} from '../services/fleet/fleet-accounts.js'

const FLEET_GROUP = 'FLEET'
const AWS_GROUP = 'AWS'

/** Which accounts and Regions a fleet command reaches (README, "Fleets"). */
export const fleetScopeFlags = {
  profile: Flags.string({summary: 'A named profile: each one is an account. Repeatable.', multiple: true, helpGroup: FLEET_GROUP}),
  accounts: Flags.string({summary: "An accounts file in Cloud Custodian's c7n-org format (accounts: [{account_id, name, role, external_id, regions, tags}]).", helpGroup: FLEET_GROUP}),
  organization: Flags.boolean({summary: "Every active account of the caller's organization (Organizations ListAccounts), through --role-name.", helpGroup: FLEET_GROUP, dependsOn: ['role-name']}),
  'role-name': Flags.string({summary: 'With --organization: the role to assume in each account (e.g. OrganizationAccountAccessRole).', helpGroup: FLEET_GROUP, dependsOn: ['organization']}),
  'org-unit': Flags.string({summary: 'With --organization: only accounts under this organizational unit (ou-… or r-…), nested ones included. Repeatable.', multiple: true, helpGroup: FLEET_GROUP, dependsOn: ['organization']}),
  // Not --account: a flag one letter short of another (--accounts) would be read as a typo of it.
  'only-account': Flags.string({summary: 'Only this account (id or name) of --accounts or --organization. Repeatable.', multiple: true, helpGroup: FLEET_GROUP}),
  'external-id': Flags.string({summary: 'With --organization: the external id the roles require.', helpGroup: FLEET_GROUP, dependsOn: ['organization']}),
  regions: Flags.string({summary: 'Regions to read: r1,r2 or all (every Region enabled for each account, Account ListRegions). Default: the accounts file\'s, else --home-region.', helpGroup: FLEET_GROUP}),
  'home-region': Flags.string({summary: 'Where STS, Organizations and Account are called, and the Region read without --regions. Default: AWS_REGION, AWS_DEFAULT_REGION.', helpGroup: AWS_GROUP}),
  'endpoint-url': Flags.string({summary: 'Send every call (API Gateway, STS, Organizations, Account, CloudFormation) to this URL, e.g. the sandbox.', helpGroup: AWS_GROUP}),
}

export interface FleetScopeFlagValues {
  profile?: string[]
  accounts?: string
  organization?: boolean
  'role-name'?: string
  'org-unit'?: string[]
  'only-account'?: string[]
  'external-id'?: string
  regions?: string
  'home-region'?: string
  'endpoint-url'?: string
}

export function fleetScopeRequest(flags: FleetScopeFlagValues, cwd: string): FleetScopeRequest {
  const home = flags['home-region']
  if (home !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(home)) throw new UsageError(`--home-region ${echoed(home)}: not a Region name (e.g. us-east-1)`)
  const connection = {...connectionOptions({'endpoint-url': flags['endpoint-url']}), ...(home !== undefined ? {region: home} : {})}
  for (const profile of flags.profile ?? []) if (profile.trim() === '') throw new UsageError('--profile: the profile name is empty')
  let regions: string[] | 'all' | undefined
  if (flags.regions !== undefined) {
    const listed = flags.regions.split(',').map((region) => region.trim())
    if (listed.includes('')) throw new UsageError('--regions: an empty Region name (r1,r2 or all)')
    regions = listed.length === 1 && listed[0] === 'all' ? 'all' : [...new Set(listed)]
  }
  return {
    profiles: flags.profile ?? [],
    ...(flags.accounts !== undefined ? {accountsFile: flags.accounts} : {}),
    ...(flags.organization ? {organization: {roleName: flags['role-name'] ?? '', ous: flags['org-unit'] ?? []}} : {}),
    onlyAccounts: flags['only-account'] ?? [],
    ...(flags['external-id'] !== undefined ? {externalId: flags['external-id']} : {}),
    ...(regions !== undefined ? {regions} : {}),
    connection,
    cwd,
  }
}
