// Which account and Region a request acts in, read as real endpoints and LocalStack read it: the Region
// and the service from the SigV4 credential scope (`Credential=AKID/DATE/REGION/SERVICE/aws4_request` in
// the Authorization header, or `X-Amz-Credential` of a presigned URL; Signature Version 4 reference,
// "Elements of an AWS API request signature"), the account from the access key id. Signatures are not
// checked: the sandbox has no secrets to check them against.

import type {IncomingHttpHeaders} from 'node:http'

export interface CredentialScope {
  accessKeyId: string
  region: string
  service: string
}

const AUTHORIZATION_SCOPE = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/
const QUERY_SCOPE = /^([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request$/

/** The credential scope of a signed request; undefined for an unsigned one. */
export function credentialScope(headers: IncomingHttpHeaders, query: URLSearchParams): CredentialScope | undefined {
  const authorization = headers.authorization
  const header = typeof authorization === 'string' ? AUTHORIZATION_SCOPE.exec(authorization) : null
  const match = header ?? QUERY_SCOPE.exec(query.get('X-Amz-Credential') ?? '')
  if (!match) return undefined
  const [, accessKeyId, region, service] = match
  return {accessKeyId: accessKeyId!, region: region!, service: service!}
}

const ACCOUNT_ID = /^\d{12}$/

/**
 * LocalStack's rule (docs, "Credentials" and "Multi-Account Setups"; localstack-core/localstack/aws/accounts.py
 * get_account_id_from_access_key_id): an access key id of 12 digits is the account id; a structured key of
 * 20 characters or more starting LSIA or LKIA carries its account in characters 5 to 13; any other key acts
 * in the default account. The keys the sandbox's STS hands out are structured keys of the role's account.
 */
export function accountOfAccessKey(accessKeyId: string, defaultAccount: string): string {
  if (ACCOUNT_ID.test(accessKeyId)) return accessKeyId
  if (accessKeyId.length >= 20 && (accessKeyId.startsWith('LSIA') || accessKeyId.startsWith('LKIA'))) return structuredKeyAccount(accessKeyId) ?? defaultAccount
  return defaultAccount
}

// LocalStack's accounts.py: characters 5-12 are base32 for ACCOUNT_OFFSET + account / 2, and character 13
// (its base32 value ≥ 16) carries the account's lowest bit, as in AWS's own key ids.
const ACCOUNT_OFFSET = 549_755_813_888n
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

function structuredKeyAccount(accessKeyId: string): string | undefined {
  let value = 0n
  for (const char of accessKeyId.slice(4, 12)) {
    const digit = BASE32.indexOf(char)
    if (digit < 0) return undefined
    value = value * 32n + BigInt(digit)
  }
  const lowBit = BASE32.indexOf(accessKeyId[12]!)
  if (lowBit < 0) return undefined
  const account = 2n * (value - ACCOUNT_OFFSET) + (lowBit >= 16 ? 1n : 0n)
  if (account < 0n || account > 999_999_999_999n) return undefined
  return account.toString().padStart(12, '0')
}

/**
 * A structured access key id for `accountId` (prefix LSIA, as LocalStack hands out temporary keys) that
 * `accountOfAccessKey` reads back; `random` supplies the remaining characters.
 */
export function structuredAccessKeyId(accountId: string, random: (length: number) => string): string {
  const account = BigInt(accountId)
  let value = ACCOUNT_OFFSET + account / 2n
  let encoded = ''
  for (let i = 0; i < 8; i++) {
    encoded = BASE32[Number(value % 32n)]! + encoded
    value /= 32n
  }
  const tail = random(8).toUpperCase().replace(/[^A-Z2-7]/g, 'A')
  // The 13th character's base32 value carries the lowest bit: ≥ 16 for an odd account.
  const low = BASE32.indexOf(tail[0]!) % 16 + (account % 2n === 1n ? 16 : 0)
  return `LSIA${encoded}${BASE32[low]}${tail.slice(1)}`
}
