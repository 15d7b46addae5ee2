// Who is who in a sandbox fleet: the accounts (their organization, OU, tags, opt-in Regions, roles and the
// Regions that answer errors) that STS, Organizations and Account answer about. Without a fleet there is
// no organization and every role can be assumed in every account.

export interface FleetRole {
  name: string
  /** false: AssumeRole answers AccessDenied, as for a role whose trust policy does not name the caller. */
  assumable: boolean
  /** The sts:ExternalId the role's trust policy requires, if any. */
  externalId?: string
}

/** What a Region answers every call of the account with, in place of the call (an SCP, a disabled Region …). */
export const REGION_FAILURES = ['AccessDenied', 'UnrecognizedClient', 'ServiceUnavailable'] as const
export type RegionFailure = (typeof REGION_FAILURES)[number]

export interface FleetAccount {
  id: string
  name: string
  email: string
  /** The organizational unit's name; the root when absent. */
  ou?: string
  tags: Record<string, string>
  status: 'ACTIVE' | 'SUSPENDED'
  /** Opt-in Regions enabled for the account (the Regions enabled by default always are). */
  optInRegions: string[]
  /** Declared roles; undefined: the account declares none and any role name can be assumed. */
  roles?: Map<string, FleetRole>
  failingRegions: Map<string, RegionFailure>
}

export interface Organization {
  id: string
  managementAccountId: string
  rootId: string
}

export interface FleetDirectory {
  organization?: Organization
  /** By id, in the order the fleet named them (the management account first). */
  accounts: Map<string, FleetAccount>
}

export const EMPTY_DIRECTORY: FleetDirectory = {accounts: new Map()}

/** The failure a Region answers for an account, if the fleet declared one. */
export function regionFailure(directory: FleetDirectory, accountId: string, region: string): RegionFailure | undefined {
  return directory.accounts.get(accountId)?.failingRegions.get(region)
}
