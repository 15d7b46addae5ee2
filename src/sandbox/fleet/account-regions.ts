// The Account service's ListRegions on the sandbox's port (botocore `account/2021-02-01`: REST-JSON,
// `POST /listRegions`, MaxResults 1 to 50, RegionOptStatusContains; errors as `{"message"}` with
// `x-amzn-ErrorType`). Regions launched before 20 March 2019 are ENABLED_BY_DEFAULT, the later ones are
// opt-in: ENABLED where the fleet enables them for the account, else DISABLED (Account Management
// Reference Guide, "Enable or disable AWS Regions in your account").

import type {FleetDirectory} from './directory.js'
import type {JsonAnswer} from './organizations.js'
import {PageTokenError, page} from './pages.js'
import {jsonObjectBody} from '../request-body.js'

/** The commercial partition's Regions (botocore endpoints.json, partition `aws`). */
export const DEFAULT_REGIONS = [
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1', 'eu-central-1',
  'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
] as const
export const OPT_IN_REGIONS = [
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ca-west-1', 'eu-central-2', 'eu-south-1', 'eu-south-2', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1',
] as const
const ALL_REGIONS = [...DEFAULT_REGIONS, ...OPT_IN_REGIONS].sort()
const DEFAULT_SET: ReadonlySet<string> = new Set(DEFAULT_REGIONS)
export const KNOWN_REGIONS: ReadonlySet<string> = new Set(ALL_REGIONS)

const STATUSES = ['ENABLED', 'ENABLING', 'DISABLING', 'DISABLED', 'ENABLED_BY_DEFAULT']
const MAX_RESULTS = 50
// ListRegions gives no default page size; 20 keeps a client that ignores NextToken from seeing them all.
const DEFAULT_PAGE = 20

export const LIST_REGIONS_PATH = '/listRegions'

class AccountError extends Error {
  constructor(
    readonly type: 'ValidationException' | 'AccessDeniedException' | 'ResourceNotFoundException',
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

/** `callerAccount`, `callerArn`: who calls; AccountId names another account only for its management account. */
export function answerListRegions(directory: FleetDirectory, body: Buffer, callerAccount: string, callerArn: string): JsonAnswer {
  try {
    const input = parseInput(body)
    const accountId = input.AccountId ?? callerAccount
    if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) throw validation('AccountId must be a 12-digit account id')
    const management = directory.organization?.managementAccountId
    if (accountId !== callerAccount && !(callerAccount === management && directory.accounts.has(accountId))) {
      // The Account resource ARNs (Service Authorization Reference, AWS Account Management): a member
      // account is arn:aws:account::MANAGEMENT:account/o-ORG/ACCOUNT, a standalone one arn:aws:account::ACCOUNT:account.
      const organization = directory.organization
      const resource = organization && directory.accounts.has(accountId) ? `arn:aws:account::${organization.managementAccountId}:account/${organization.id}/${accountId}` : `arn:aws:account::${accountId}:account`
      throw new AccountError('AccessDeniedException', `User: ${callerArn} is not authorized to perform: account:ListRegions on resource: ${resource}`, 403)
    }
    const maxResults = input.MaxResults ?? DEFAULT_PAGE
    if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_RESULTS) {
      throw validation(`1 validation error detected: Value '${String(maxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value ${maxResults as number < 1 ? 'greater than or equal to 1' : 'less than or equal to 50'}`)
    }
    const wanted = input.RegionOptStatusContains
    if (wanted !== undefined && (!Array.isArray(wanted) || wanted.some((status) => !STATUSES.includes(status as string)))) {
      throw validation(`1 validation error detected: Value at 'regionOptStatusContains' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`)
    }
    const enabled = new Set(directory.accounts.get(accountId)?.optInRegions ?? [])
    const regions = ALL_REGIONS.map((name) => ({RegionName: name, RegionOptStatus: DEFAULT_SET.has(name) ? 'ENABLED_BY_DEFAULT' : enabled.has(name) ? 'ENABLED' : 'DISABLED'})).filter(
      (region) => wanted === undefined || (wanted as string[]).includes(region.RegionOptStatus),
    )
    const token = input.NextToken
    const slice = page(regions, typeof token === 'string' ? token : undefined, maxResults)
    return {operation: 'ListRegions', status: 200, body: {Regions: slice.items, ...(slice.nextToken === undefined ? {} : {NextToken: slice.nextToken})}}
  } catch (error) {
    if (error instanceof PageTokenError) return failure(validation('The NextToken is invalid'))
    if (error instanceof AccountError) return failure(error)
    throw error
  }
}

function validation(message: string): AccountError {
  return new AccountError('ValidationException', message, 400)
}

function parseInput(body: Buffer): Record<string, unknown> {
  const input = jsonObjectBody(body)
  if (input === undefined) throw validation('The request body is not a JSON object')
  return input
}

function failure(error: AccountError): JsonAnswer {
  return {operation: 'ListRegions', status: error.status, errorType: error.type, body: {message: error.message}}
}
