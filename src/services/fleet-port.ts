// What the fleet services need from STS, Organizations and Account, in plain data: the port they own.
// The SDK-backed implementation is src/aws/fleet-directory.ts; tests use aws-sdk-client-mock or fakes.

import type {AwsConnectionOptions, CredentialSource} from './api-gateway-port.js'

export interface CallerIdentity {
  account: string
  arn: string
}

export interface OrganizationAccount {
  id: string
  name: string
  /** ACTIVE, SUSPENDED or PENDING_CLOSURE: only active accounts can be reached. */
  status: string
}

export interface AssumeRoleRequest {
  roleArn: string
  externalId?: string
  /** Shown in the account's CloudTrail as the session that made the calls. */
  sessionName: string
}

/** Who the caller is, which accounts and Regions a fleet has, and credentials in each. */
export interface FleetDirectory {
  /** STS GetCallerIdentity with these credentials (needs no permission). */
  callerIdentity(access: AwsConnectionOptions): Promise<CallerIdentity>
  /**
   * STS AssumeRole signed with the credentials of `access` (role chaining when they are themselves a
   * role's). The first AssumeRole is made before returning, so a role that cannot be assumed fails here;
   * the source assumes it again shortly before the credentials expire.
   */
  assumeRole(access: AwsConnectionOptions, request: AssumeRoleRequest): Promise<CredentialSource>
  /** Organizations ListAccounts, all pages (the management account or a delegated administrator). */
  listAccounts(access: AwsConnectionOptions): Promise<OrganizationAccount[]>
  /** The accounts under an organizational unit and its children (ListOrganizationalUnitsForParent, ListAccountsForParent). */
  listAccountsUnder(access: AwsConnectionOptions, parentId: string): Promise<OrganizationAccount[]>
  /** Account ListRegions: the Regions enabled for the account of `access` (ENABLED and ENABLED_BY_DEFAULT). */
  enabledRegions(access: AwsConnectionOptions): Promise<string[]>
  close?(): void
}
