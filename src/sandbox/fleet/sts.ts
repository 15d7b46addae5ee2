// STS on the sandbox's port: AssumeRole and GetCallerIdentity in the query protocol (botocore
// `sts/2011-06-15`: protocol `query`, xmlNamespace `https://sts.amazonaws.com/doc/2011-06-15/`; STS API
// reference, AssumeRole and GetCallerIdentity). Credentials handed out for `arn:aws:iam::ACCOUNT:role/NAME`
// carry an access key id the sandbox reads back as ACCOUNT (request-scope.ts), so whatever is signed with
// them acts in ACCOUNT. Signatures, session tokens, expiry and session policies are not checked.

import {randomBytes, randomUUID} from 'node:crypto'

import {CloudFormationError as QueryError, errorDocument, resultDocument} from '../cloudformation/query-protocol.js'
import {structuredAccessKeyId} from '../request-scope.js'
import type {FleetDirectory} from './directory.js'

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/'
const VERSION = '2011-06-15'

/** A session AssumeRole started: who its access key id is. */
interface Session {
  accountId: string
  roleName: string
  roleId: string
  sessionName: string
}

export interface StsAnswer {
  operation: string
  status: number
  requestId: string
  xml: string
}

// Recorded on AWS (LocalStack's AWS-validated test_sts.py, test_assume_role_with_invalid_arn and
// test_assume_role_with_invalid_session_name): what AssumeRole takes for a role ARN and a session name.
const ROLE_ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:[^:]+$/
const SESSION_NAME = /^[\w+=,.@-]*$/
// IAM's role ARN: arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME.
const IAM_ROLE_ARN = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const MAX_SESSIONS = 100_000

export class SecurityTokenService {
  private readonly sessions = new Map<string, Session>()

  constructor(
    private readonly directory: () => FleetDirectory,
    private readonly clock: () => number,
  ) {}

  /** `callerKey`: the access key id the call was signed with; `callerAccount`: the account it acts in. */
  answer(parameters: URLSearchParams, callerKey: string, callerAccount: string): StsAnswer {
    const action = parameters.get('Action') ?? ''
    const requestId = randomUUID()
    try {
      let result: Record<string, unknown>
      if (action === 'GetCallerIdentity') result = this.callerIdentity(callerKey, callerAccount)
      else if (action === 'AssumeRole') result = this.assumeRole(parameters, callerKey, callerAccount)
      // The query protocol's answer to an action the service does not have (STS API reference, Common Errors).
      else throw new QueryError('InvalidAction', `Could not find operation ${action} for version ${parameters.get('Version') ?? VERSION}`)
      return {operation: action, status: 200, requestId, xml: resultDocument(action, result as never, requestId, NAMESPACE)}
    } catch (error) {
      if (!(error instanceof QueryError)) throw error
      return {operation: action, status: error.status, requestId, xml: errorDocument(error, requestId, NAMESPACE)}
    }
  }

  /** The caller's ARN: the assumed role's session, or the account's root user for any other key. */
  callerArn(callerKey: string, callerAccount: string): string {
    const session = this.sessions.get(callerKey)
    return session ? `arn:aws:sts::${session.accountId}:assumed-role/${session.roleName}/${session.sessionName}` : `arn:aws:iam::${callerAccount}:root`
  }

  reset(): void {
    this.sessions.clear()
  }

  // GetCallerIdentity: UserId is the account id for the root user and ROLE_ID:SESSION for an assumed role
  // (IAM User Guide, "Policy variables": the aws:userid values of the principal table).
  private callerIdentity(callerKey: string, callerAccount: string): Record<string, unknown> {
    const session = this.sessions.get(callerKey)
    return {
      UserId: session ? `${session.roleId}:${session.sessionName}` : callerAccount,
      Account: session?.accountId ?? callerAccount,
      Arn: this.callerArn(callerKey, callerAccount),
    }
  }

  private assumeRole(parameters: URLSearchParams, callerKey: string, callerAccount: string): Record<string, unknown> {
    const roleArn = parameters.get('RoleArn')
    const sessionName = parameters.get('RoleSessionName')
    if (roleArn === null) throw validation("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null")
    if (sessionName === null) throw validation("1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null")
    if (!ROLE_ARN.test(roleArn)) throw validation(`${roleArn} is invalid`)
    if (!SESSION_NAME.test(sessionName)) {
      throw validation(
        `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      )
    }
    const durationText = parameters.get('DurationSeconds')
    const duration = durationText === null ? 3600 : Number(durationText)
    // AssumeRole's DurationSeconds: 900 to 43200 (API reference); past the role's maximum AWS answers this.
    if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) {
      throw validation(`1 validation error detected: Value '${durationText}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${duration < 900 ? 'greater than or equal to 900' : 'less than or equal to 43200'}`)
    }
    const role = IAM_ROLE_ARN.exec(roleArn)
    const denied = () =>
      new QueryError('AccessDenied', `User: ${this.callerArn(callerKey, callerAccount)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403)
    if (!role) throw denied()
    const [, accountId, roleName] = role as unknown as [string, string, string]
    // A role the account does not declare, one declared unassumable, or an external id other than the one
    // its trust policy requires: AWS answers all three with the same AccessDenied.
    const declared = this.directory().accounts.get(accountId)?.roles
    if (declared !== undefined) {
      const found = declared.get(roleName)
      if (!found || !found.assumable) throw denied()
      if (found.externalId !== undefined && parameters.get('ExternalId') !== found.externalId) throw denied()
    }

    const accessKeyId = structuredAccessKeyId(accountId, randomBase32)
    const roleId = `AROA${randomBase32(17)}`
    this.sessions.set(accessKeyId, {accountId, roleName, roleId, sessionName})
    // Bounded like the call log: a sandbox that hands out sessions for days forgets the oldest (their keys
    // still act in their account, and are then the account's root for GetCallerIdentity).
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!)
    return {
      Credentials: {
        AccessKeyId: accessKeyId,
        SecretAccessKey: randomBytes(30).toString('base64'),
        SessionToken: randomBytes(96).toString('base64'),
        Expiration: new Date(Math.floor(this.clock() / 1000) * 1000 + duration * 1000),
      },
      AssumedRoleUser: {AssumedRoleId: `${roleId}:${sessionName}`, Arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`},
    }
  }
}

function validation(message: string): QueryError {
  return new QueryError('ValidationError', message)
}

function randomBase32(length: number): string {
  let text = ''
  for (const byte of randomBytes(length)) text += ALPHANUMERIC[byte % 32]
  return text
}
