// Admission control for the sandbox's control plane: the documented API Gateway rate limits
// (aws-binary-facts §4.1) and optional seeded fault injection, so clients can be exercised against
// the throttling and transient failures they meet on AWS (§2.5, §6.2) reproducibly.

import {ApiGatewayError} from './api-errors.js'

export interface AdmissionOptions {
  /** Enforce the documented control-plane quotas. */
  awsQuotas: boolean
  /** 0..1, probability that an admitted call is failed by an injected fault. */
  faultRate: number
  /** Seeds the fault PRNG: same seed + same call sequence => same faults. */
  seed: number
  /** Millisecond clock, injectable for tests (default Date.now). */
  now?: () => number
}

export type AdmissionDecision =
  | {kind: 'proceed'}
  | {kind: 'reject'; error: ApiGatewayError}
  /** Close the socket unanswered, without handling the call. */
  | {kind: 'drop'}
  /** Handle the call (a write is applied), then close the socket without sending the answer. */
  | {kind: 'drop-after-apply'}

/** The account and Region a call acts in; quotas are kept for each. */
export interface QuotaScope {
  accountId: string
  region: string
}

export interface Admission {
  /**
   * `mutating`: the call writes; only writes can be dropped after they were applied. `scope`: whose quotas
   * the call draws from (one shared set when absent).
   */
  admit(operation: string, mutating?: boolean, scope?: QuotaScope): AdmissionDecision
}

/**
 * Injected fault kinds, picked uniformly when a call is chosen to fail. `drop` closes the socket
 * unanswered: on AWS a connection can also break after a write was applied, so half the drops of
 * mutating calls (a second draw of the same PRNG) happen after the call was handled.
 */
export const FAULT_KINDS = [
  'InternalFailure',
  'ServiceUnavailableException',
  'TooManyRequestsException',
  'ConflictException',
  'drop',
] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

export interface Quota {
  /** Bucket size: how many calls may be made back to back from a rested state. */
  capacity: number
  /** Tokens added per second, continuously. */
  ratePerSecond: number
}

/** Every control-plane call also draws from this one. */
export const TOTAL_QUOTA: Quota = {capacity: 40, ratePerSecond: 10}

/** Per-operation quotas; each operation has its own bucket (AWS lists them as separate limits). */
export const OPERATION_QUOTAS: Readonly<Record<string, Quota>> = {
  GetResources: {capacity: 5, ratePerSecond: 5 / 2},
  CreateDeployment: {capacity: 1, ratePerSecond: 1 / 5},
  CreateRestApi: {capacity: 1, ratePerSecond: 1 / 3},
  ImportRestApi: {capacity: 1, ratePerSecond: 1 / 3},
  PutRestApi: {capacity: 1, ratePerSecond: 1},
  DeleteRestApi: {capacity: 1, ratePerSecond: 1 / 30},
}

/**
 * Drawn per account across its Regions; every other bucket is per account and Region. The developer
 * guide's quota page lists the control-plane operation quotas "per account"; the issue this follows reads
 * only CreateDeployment's as spanning Regions (limits.html, "API Gateway quotas for creating, deploying
 * and managing an API").
 */
export const ACCOUNT_WIDE_OPERATIONS: ReadonlySet<string> = new Set(['CreateDeployment'])

export const CONFLICT_MESSAGE = 'Unable to complete operation due to concurrent modification. Please try again later.'

// Continuous refill accumulates float error (e.g. 0.2/s × 5000 ms); without slack a bucket that is
// due a whole token could still refuse, and a Retry-After of exactly 5 s could round up to 6.
const EPSILON = 1e-9

class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly quota: Quota,
    now: number,
  ) {
    this.tokens = quota.capacity
    this.last = now
  }

  refill(now: number): void {
    // A clock stepping backwards must not drain the bucket.
    const elapsed = Math.max(0, now - this.last)
    this.tokens = Math.min(this.quota.capacity, this.tokens + (elapsed / 1000) * this.quota.ratePerSecond)
    this.last = Math.max(this.last, now)
  }

  hasToken(): boolean {
    return this.tokens >= 1 - EPSILON
  }

  take(): void {
    this.tokens = Math.max(0, this.tokens - 1)
  }

  /** Whole seconds (at least 1) until a token is available. */
  secondsUntilToken(): number {
    const seconds = (1 - this.tokens) / this.quota.ratePerSecond
    return Math.max(1, Math.ceil(seconds - EPSILON))
  }
}

/**
 * mulberry32: tiny, fast and fully determined by a 32-bit state, which is all fault injection
 * needs (not cryptographic).
 */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Fold the high bits of a 53-bit seed in, so seeds that differ only above bit 31 still differ.
function seedState(seed: number): number {
  const low = seed >>> 0
  const high = Math.floor(seed / 4294967296) >>> 0
  return (low ^ Math.imul(high, 0x9e3779b9)) >>> 0
}

function validate(options: AdmissionOptions): void {
  const {faultRate, seed} = options
  if (typeof faultRate !== 'number' || !Number.isFinite(faultRate) || faultRate < 0 || faultRate > 1) {
    throw new RangeError(`--fault-rate must be a number between 0 and 1, got ${String(faultRate)}`)
  }
  // Beyond 2^53 "integer" no longer means a distinct seed.
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new RangeError(`--seed must be an integer (at most 2^53-1 in magnitude), got ${String(seed)}`)
  }
}

function faultDecision(kind: FaultKind): AdmissionDecision {
  switch (kind) {
    case 'InternalFailure':
      return {kind: 'reject', error: new ApiGatewayError('InternalFailure', 'Internal server error')}
    case 'ServiceUnavailableException':
      return {kind: 'reject', error: new ApiGatewayError('ServiceUnavailableException', 'Service Unavailable', 1)}
    case 'TooManyRequestsException':
      return {kind: 'reject', error: new ApiGatewayError('TooManyRequestsException', 'Too Many Requests', 1)}
    case 'ConflictException':
      return {kind: 'reject', error: new ApiGatewayError('ConflictException', CONFLICT_MESSAGE)}
    case 'drop':
      return {kind: 'drop'}
  }
}

/** One controller per sandbox, holding AWS's quotas for each account and Region that calls. */
export function createAdmission(options: AdmissionOptions): Admission {
  validate(options)
  const now = options.now ?? Date.now
  const {awsQuotas, faultRate} = options
  const random = mulberry32(seedState(options.seed))

  // Buckets start full when their account (and Region) first calls, as a rested account's would be.
  const bucketsByKey = new Map<string, TokenBucket>()
  const bucketFor = (key: string, quota: Quota): TokenBucket => {
    let found = bucketsByKey.get(key)
    if (!found) bucketsByKey.set(key, (found = new TokenBucket(quota, now())))
    return found
  }

  const checkQuotas = (operation: string, scope: QuotaScope | undefined): ApiGatewayError | undefined => {
    const t = now()
    const accountKey = scope === undefined ? '' : scope.accountId
    const regionKey = scope === undefined ? '' : `${scope.accountId}/${scope.region}`
    const buckets = [bucketFor(`${regionKey}|*`, TOTAL_QUOTA)]
    const quota = Object.hasOwn(OPERATION_QUOTAS, operation) ? OPERATION_QUOTAS[operation] : undefined
    if (quota) buckets.push(bucketFor(`${ACCOUNT_WIDE_OPERATIONS.has(operation) ? accountKey : regionKey}|${operation}`, quota))
    for (const bucket of buckets) bucket.refill(t)

    // Check every bucket before taking from any, so a refused call costs nothing.
    const refusing = buckets.filter((bucket) => !bucket.hasToken())
    if (refusing.length > 0) {
      // The call can only pass once every refusing bucket has a token again.
      const retryAfter = Math.max(...refusing.map((bucket) => bucket.secondsUntilToken()))
      return new ApiGatewayError('TooManyRequestsException', 'Too Many Requests', retryAfter)
    }
    for (const bucket of buckets) bucket.take()
    return undefined
  }

  return {
    admit(operation: string, mutating = false, scope?: QuotaScope): AdmissionDecision {
      if (awsQuotas) {
        const throttled = checkQuotas(operation, scope)
        if (throttled) return {kind: 'reject', error: throttled}
      }
      // Draw only when faults are on and the call was admitted, so the fault sequence depends on the
      // seed and the admitted calls alone.
      if (faultRate > 0 && random() < faultRate) {
        const kind = FAULT_KINDS[Math.floor(random() * FAULT_KINDS.length)]
        // Only a write draws when its drop happens: dropping a read after handling it changes nothing.
        if (kind === 'drop' && mutating && random() < 0.5) return {kind: 'drop-after-apply'}
        return faultDecision(kind)
      }
      return {kind: 'proceed'}
    },
  }
}
