// What went wrong in an AWS call, read by duck typing (no SDK import: the call policy and the services
// use this without loading the SDK), and the one-line user-facing error each failure becomes.

import {AwsCallError} from '../core/errors.js'

/** The parts of an SDK error (ServiceException or a Node socket error) this module reads. */
interface ErrorShape {
  name?: unknown
  message?: unknown
  code?: unknown
  $metadata?: {httpStatusCode?: number}
  $response?: {statusCode?: number; headers?: Record<string, string | undefined>}
  retryAfterSeconds?: unknown
}

export type FailureClass = 'throttled' | 'conflict' | 'server' | 'dropped-connection' | 'final'

const THROTTLING_NAMES = new Set(['TooManyRequestsException', 'LimitExceededException', 'ThrottlingException', 'Throttling', 'ThrottledException'])
const SERVER_NAMES = new Set(['ServiceUnavailableException', 'InternalFailure', 'InternalServerError', 'InternalServerErrorException', 'ServiceUnavailable'])
/** Connections that broke mid-call: the request may be retried on a new connection. */
const DROPPED_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN'])
/** Nothing listens or the name does not resolve: retrying will not help. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'])
const EXPIRED_NAMES = new Set(['ExpiredTokenException', 'ExpiredToken', 'TokenRefreshRequired', 'RequestExpired'])
const INVALID_CREDENTIAL_NAMES = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignatureException',
  'InvalidClientTokenId',
  'MissingAuthenticationTokenException',
])

function shape(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? (error as ErrorShape) : {}
}

export function errorName(error: unknown): string {
  const name = shape(error).name
  return typeof name === 'string' ? name : 'Error'
}

export function httpStatusOf(error: unknown): number | undefined {
  const facts = shape(error)
  return facts.$metadata?.httpStatusCode ?? facts.$response?.statusCode
}

const KNOWN_CODES = [...DROPPED_CONNECTION_CODES, ...UNREACHABLE_CODES]

function systemCode(error: unknown): string | undefined {
  const code = shape(error).code
  if (typeof code === 'string') return code
  // The SDK's retry middleware re-wraps a thrown value that is not `instanceof Error` (a socket error
  // from another realm, as under jest's vm modules) as "AWS SDK error wrapper for Error: connect
  // ECONNREFUSED ...": only the message still says what happened.
  const message = rawMessage(error)
  return KNOWN_CODES.find((known) => new RegExp(`\\b${known}\\b`).test(message))
}

function rawMessage(error: unknown): string {
  const message = shape(error).message
  return typeof message === 'string' ? message : String(error)
}

function isDroppedConnection(error: unknown): boolean {
  const code = systemCode(error)
  if (code !== undefined && DROPPED_CONNECTION_CODES.has(code)) return true
  return errorName(error) === 'TimeoutError' || /socket hang up/i.test(rawMessage(error))
}

function isUnreachable(error: unknown): boolean {
  const code = systemCode(error)
  return code !== undefined && UNREACHABLE_CODES.has(code)
}

/** How the call policy treats a failed attempt. */
export function classifyFailure(error: unknown): FailureClass {
  const name = errorName(error)
  const status = httpStatusOf(error)
  if (THROTTLING_NAMES.has(name) || status === 429) return 'throttled'
  // API Gateway's "concurrent modification" 409; the SDK's standard retry strategy does not retry it.
  if (name === 'ConflictException') return 'conflict'
  if (SERVER_NAMES.has(name) || (status !== undefined && status >= 500)) return 'server'
  if (isDroppedConnection(error)) return 'dropped-connection'
  return 'final'
}

/**
 * The server's requested wait: API Gateway's modeled `retryAfterSeconds` (bound to the Retry-After
 * header) or the header itself, in seconds or as an HTTP date (RFC 9110 §10.2.3).
 */
export function retryAfterMs(error: unknown, wallClock: () => number = Date.now): number | undefined {
  const facts = shape(error)
  const headers = facts.$response?.headers ?? {}
  const header = Object.entries(headers).find(([key]) => key.toLowerCase() === 'retry-after')?.[1]
  const value = typeof facts.retryAfterSeconds === 'string' || typeof facts.retryAfterSeconds === 'number' ? String(facts.retryAfterSeconds) : header
  if (value === undefined || value.trim() === '') return undefined
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - wallClock())
}

/** What a call was, for naming it (and the IAM permission it needs) in an error. */
export interface AwsCallContext {
  operation: string
  /** The HTTP method, which is also the IAM action: apigateway:GET, apigateway:PATCH, ... */
  httpMethod: string
  /** The API Gateway resource path, e.g. /restapis/a1b2c3d4e5/resources. */
  resourcePath: string
  region: string
  /** Where the calls go, for network errors. */
  endpoint: string
  /** Attempts made, retries included. */
  attempts?: number
  profile?: string
  /** Another service than API Gateway: its name in messages and the permission a call needs. */
  service?: {name: string; permission: string}
}

/** Access key ids, signatures, security tokens: never shown, whatever the service echoes back. */
export function redactSecrets(text: string): string {
  return text
    .replaceAll(/\b(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '$1****')
    .replaceAll(/(Signature=|Credential=|X-Amz-Security-Token[=:]\s*|x-amz-security-token[=:]\s*|SessionToken[=:]\s*)[^\s,&"]+/gi, '$1****')
    .replaceAll(/\b[A-Za-z0-9+/]{200,}={0,2}/g, '****')
}

function oneLine(text: string, limit = 300): string {
  const line = redactSecrets(text).split(/\r?\n/)[0].trim()
  return line.length > limit ? `${line.slice(0, limit - 1)}…` : line
}

function afterAttempts(context: AwsCallContext): string {
  return context.attempts !== undefined && context.attempts > 1 ? ` after ${context.attempts} attempts` : ''
}

function awsSays(error: unknown): string {
  const message = oneLine(rawMessage(error))
  return message === '' ? errorName(error) : `${errorName(error)}: ${message}`
}

/** An SDK error as the one-line AwsCallError the user sees. Already-mapped errors pass through. */
export function toAwsCallError(error: unknown, context: AwsCallContext): AwsCallError {
  if (error instanceof AwsCallError) return error
  const name = errorName(error)
  const status = httpStatusOf(error)
  const message = rawMessage(error)
  const call = `${context.operation} ${context.resourcePath}`

  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || name === 'ProviderError') {
    if (/expired|refresh/i.test(message)) {
      return new AwsCallError('expired-credentials', `the AWS credentials${ofProfile(context)} have expired: refresh them (e.g. aws sso login${context.profile ? ` --profile ${context.profile}` : ''}) and retry`)
    }
    if (context.profile) {
      return new AwsCallError('no-credentials', `no AWS credentials for profile "${context.profile}": check that the shared config and credentials files (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials) define it`)
    }
    return new AwsCallError('no-credentials', 'no AWS credentials found: set AWS_PROFILE (or pass --profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY')
  }
  if (EXPIRED_NAMES.has(name) || /security token included in the request is expired/i.test(message)) {
    if (name === 'RequestExpired') {
      return new AwsCallError('expired-credentials', `${context.operation}: AWS says the request has expired (RequestExpired): check the system clock`)
    }
    return new AwsCallError('expired-credentials', `the AWS credentials${ofProfile(context)} have expired (${name}): refresh them and retry`)
  }
  // The service echoes the canonical request (which can hold the session token) on signature errors.
  if (INVALID_CREDENTIAL_NAMES.has(name)) {
    return new AwsCallError('invalid-credentials', `AWS did not accept the credentials${ofProfile(context)} (${name}): check the access key, the secret and the system clock`)
  }
  // API Gateway documents its UnauthorizedException (401) as "the caller has insufficient permissions".
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'UnauthorizedException' || status === 401 || status === 403) {
    const permission = context.service?.permission ?? `apigateway:${context.httpMethod} on arn:aws:apigateway:${context.region}::${context.resourcePath}`
    return new AwsCallError('access-denied', `access denied: ${context.operation} needs ${permission}`)
  }
  if (name === 'NotFoundException' || status === 404) {
    return new AwsCallError('not-found', `${call} in ${context.region}: not found (${awsSays(error)})`)
  }
  switch (classifyFailure(error)) {
    case 'throttled':
      return new AwsCallError('throttled', `${serviceName(context)} kept throttling ${context.operation} in ${context.region}${afterAttempts(context)} (${name}); the quota is shared by the whole account: retry later`)
    case 'conflict':
      return new AwsCallError('conflict', `${call}: still a concurrent modification${afterAttempts(context)} (${awsSays(error)})`)
    case 'server':
      return new AwsCallError('unavailable', `${call}: ${serviceName(context)} failed${afterAttempts(context)} (${awsSays(error)})`)
    case 'dropped-connection':
      return new AwsCallError('network', `${context.operation}: the connection to ${context.endpoint} kept dropping${afterAttempts(context)} (${systemCode(error) ?? awsSays(error)})`)
    case 'final':
      break
  }
  if (isUnreachable(error)) {
    return new AwsCallError('network', `${context.operation}: cannot reach ${serviceName(context)} at ${context.endpoint} (${systemCode(error)})`)
  }
  if (name === 'BadRequestException' || name === 'ValidationException' || name === 'SerializationException' || status === 400) {
    return new AwsCallError('bad-request', `${call}: ${serviceName(context)} rejected the request (${awsSays(error)})`)
  }
  return new AwsCallError('other', `${call} failed: ${awsSays(error)}`)
}

/**
 * A non-idempotent write that failed after it may have reached API Gateway (a 5xx or a dropped
 * connection; see CallPolicy.run): AWS may or may not have applied it, so the caller has to re-read.
 */
export function ambiguousCallError(error: unknown, context: AwsCallContext): AwsCallError {
  const status = httpStatusOf(error)
  const what =
    classifyFailure(error) === 'dropped-connection'
      ? `the connection to ${context.endpoint} dropped: ${systemCode(error) ?? awsSays(error)}`
      : `API Gateway answered ${status === undefined ? '' : `${status} `}${awsSays(error)}`
  return new AwsCallError('ambiguous', `${context.operation} ${context.resourcePath}: the outcome is unknown (${what}); it may or may not have been applied`)
}

function serviceName(context: AwsCallContext): string {
  return context.service?.name ?? 'API Gateway'
}

function ofProfile(context: AwsCallContext): string {
  return context.profile ? ` of profile "${context.profile}"` : ''
}
