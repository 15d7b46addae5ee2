// AWS Organizations on the sandbox's port, as much as a fleet run reads: ListAccounts,
// ListAccountsForParent, ListRoots, ListOrganizationalUnitsForParent and DescribeOrganization, in the JSON
// 1.1 protocol (botocore `organizations/2016-11-28`: `X-Amz-Target: AWSOrganizationsV20161128.<Operation>`,
// errors as `{"__type", "Message"}` with HTTP 400). Only the management account may list (ListAccounts'
// API reference: "You can only call this operation from the management account"); ids are derived from
// the fleet's names, so they are the same at every start.

import {createHash} from 'node:crypto'

import type {FleetAccount, FleetDirectory, Organization} from './directory.js'
import {type Page, PageTokenError, page} from './pages.js'
import {jsonObjectBody} from '../request-body.js'

export const ORGANIZATIONS_TARGET_PREFIX = 'AWSOrganizationsV20161128.'

export interface JsonAnswer {
  operation: string
  status: number
  body: unknown
  /** For errors: the `x-amzn-ErrorType` header. */
  errorType?: string
}

class OrganizationsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly reason?: string,
  ) {
    super(message)
  }
}

// ListAccounts' MaxResults: 1 to 20 (botocore's MaxResults shape).
const MAX_RESULTS = 20

type Operation = (directory: FleetDirectory, organization: Organization, input: Record<string, unknown>, joined: Date) => unknown

const OPERATIONS: Record<string, Operation> = {
  ListAccounts: (directory, organization, input, joined) =>
    listed(input, [...directory.accounts.values()], 'Accounts', (account) => accountView(organization, account, joined)),
  ListAccountsForParent: (directory, organization, input, joined) => {
    const parentId = requiredString(input, 'ParentId')
    const members = [...directory.accounts.values()].filter((account) => parentOf(organization, account) === parentId)
    if (members.length === 0 && parentId !== organization.rootId && !ouIds(directory, organization).has(parentId)) {
      throw new OrganizationsError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.")
    }
    return listed(input, members, 'Accounts', (account) => accountView(organization, account, joined))
  },
  ListRoots: (_directory, organization, input) =>
    listed(input, [organization], 'Roots', () => ({
      Id: organization.rootId,
      Arn: `arn:aws:organizations::${organization.managementAccountId}:root/${organization.id}/${organization.rootId}`,
      Name: 'Root',
      PolicyTypes: [],
    })),
  ListOrganizationalUnitsForParent: (directory, organization, input) => {
    const parentId = requiredString(input, 'ParentId')
    // OUs are one level deep under the root here.
    const units = parentId === organization.rootId ? [...ouIds(directory, organization).entries()] : []
    return listed(input, units, 'OrganizationalUnits', ([id, name]) => ({
      Id: id,
      Arn: `arn:aws:organizations::${organization.managementAccountId}:ou/${organization.id}/${id}`,
      Name: name,
    }))
  },
  DescribeOrganization: (_directory, organization) => ({
    Organization: {
      Id: organization.id,
      Arn: `arn:aws:organizations::${organization.managementAccountId}:organization/${organization.id}`,
      FeatureSet: 'ALL',
      MasterAccountArn: `arn:aws:organizations::${organization.managementAccountId}:account/${organization.id}/${organization.managementAccountId}`,
      MasterAccountId: organization.managementAccountId,
      MasterAccountEmail: `${organization.managementAccountId}@example.com`,
      AvailablePolicyTypes: [],
    },
  }),
}

/** One JSON 1.1 call; `callerAccount` is the account the call acts in. */
export function answerOrganizations(directory: FleetDirectory, target: string, body: Buffer, callerAccount: string, joined: Date): JsonAnswer {
  const operation = target.slice(ORGANIZATIONS_TARGET_PREFIX.length)
  try {
    const run = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined
    if (!run) throw new OrganizationsError('UnknownOperationException', `Unknown operation ${operation}`)
    const input = parseInput(body)
    const organization = directory.organization
    // DescribeOrganization answers any member; the List operations only the management account.
    if (!organization || !directory.accounts.has(callerAccount)) {
      throw new OrganizationsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.')
    }
    if (operation !== 'DescribeOrganization' && callerAccount !== organization.managementAccountId) {
      throw new OrganizationsError('AccessDeniedException', "You don't have permissions to access this resource.")
    }
    return {operation, status: 200, body: run(directory, organization, input, joined)}
  } catch (error) {
    if (error instanceof PageTokenError) return failure(operation, new OrganizationsError('InvalidInputException', 'You specified an invalid value for nextToken.', 'INVALID_NEXT_TOKEN'))
    if (error instanceof OrganizationsError) return failure(operation, error)
    throw error
  }
}

/** The ids a fleet's organization gets: stable for the same management account and OU names. */
export function organizationFor(managementAccountId: string): Organization {
  const digest = hash(`organization:${managementAccountId}`)
  return {id: `o-${digest.slice(0, 10)}`, managementAccountId, rootId: `r-${digest.slice(10, 14)}`}
}

function ouIds(directory: FleetDirectory, organization: Organization): Map<string, string> {
  const units = new Map<string, string>()
  for (const account of directory.accounts.values()) if (account.ou !== undefined) units.set(ouId(organization, account.ou), account.ou)
  return units
}

function ouId(organization: Organization, name: string): string {
  return `ou-${organization.rootId.slice(2)}-${hash(`ou:${organization.id}:${name}`).slice(0, 8)}`
}

function parentOf(organization: Organization, account: FleetAccount): string {
  return account.ou === undefined ? organization.rootId : ouId(organization, account.ou)
}

function accountView(organization: Organization, account: FleetAccount, joined: Date): Record<string, unknown> {
  return {
    Id: account.id,
    Arn: `arn:aws:organizations::${organization.managementAccountId}:account/${organization.id}/${account.id}`,
    Email: account.email,
    Name: account.name,
    Status: account.status,
    State: account.status,
    JoinedMethod: account.id === organization.managementAccountId ? 'CREATED' : 'INVITED',
    JoinedTimestamp: joined.getTime() / 1000,
  }
}

function listed<T>(input: Record<string, unknown>, items: readonly T[], member: string, view: (item: T) => unknown): Record<string, unknown> {
  const maxResults = input.MaxResults
  if (maxResults !== undefined && (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_RESULTS)) {
    const tooLarge = typeof maxResults === 'number' && maxResults > MAX_RESULTS
    throw new OrganizationsError(
      'InvalidInputException',
      tooLarge ? 'You provided a value that exceeds the maximum allowed value.' : 'You provided a value that is less than the minimum allowed value.',
      tooLarge ? 'MAX_VALUE_EXCEEDED' : 'MIN_VALUE_EXCEEDED',
    )
  }
  const token = input.NextToken
  const slice: Page<T> = page(items, typeof token === 'string' ? token : undefined, (maxResults as number | undefined) ?? MAX_RESULTS)
  return {[member]: slice.items.map(view), ...(slice.nextToken === undefined ? {} : {NextToken: slice.nextToken})}
}

function requiredString(input: Record<string, unknown>, name: string): string {
  const value = input[name]
  if (typeof value !== 'string' || value === '') throw new OrganizationsError('InvalidInputException', `You must specify a value for ${name}.`, 'INPUT_REQUIRED')
  return value
}

function parseInput(body: Buffer): Record<string, unknown> {
  const input = jsonObjectBody(body)
  if (input === undefined) throw new OrganizationsError('SerializationException', 'Start of structure or map found where not expected.')
  return input
}

function failure(operation: string, error: OrganizationsError): JsonAnswer {
  return {operation, status: 400, errorType: error.type, body: {__type: error.type, Message: error.message, ...(error.reason ? {Reason: error.reason} : {})}}
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
