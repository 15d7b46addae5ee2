// One policy for every API Gateway call: stay under the control-plane quotas on the client side, and
// retry what API Gateway says is worth retrying. SDK-agnostic (errors are read by duck typing), so it
// can be loaded and tested without the SDK.

import {setTimeout as delay} from 'node:timers/promises'

import {classifyFailure, retryAfterMs} from './aws-errors.js'

export interface RateQuota {
  /** Calls that may be made back to back from a rested state. */
  capacity: number
  ratePerSecond: number
}

export interface RateQuotas {
  /** Every call draws from this one. */
  total: RateQuota
  /** Operations with their own, stricter limit draw from theirs as well. */
  operations: Readonly<Record<string, RateQuota>>
}

/**
 * API Gateway's fixed control-plane quotas per account and Region ("API Gateway quotas for creating,
 * deploying and managing an API", https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html):
 * 10 requests per second with bursts of 40 in total, plus per-operation limits.
 */
export const API_GATEWAY_QUOTAS: RateQuotas = {
  total: {capacity: 40, ratePerSecond: 10},
  operations: {
    GetResources: {capacity: 5, ratePerSecond: 5 / 2},
    CreateDeployment: {capacity: 1, ratePerSecond: 1 / 5},
    CreateResource: {capacity: 5, ratePerSecond: 5},
    DeleteResource: {capacity: 5, ratePerSecond: 5},
    CreateRestApi: {capacity: 1, ratePerSecond: 1 / 3},
    ImportRestApi: {capacity: 1, ratePerSecond: 1 / 3},
    PutRestApi: {capacity: 1, ratePerSecond: 1},
    DeleteRestApi: {capacity: 1, ratePerSecond: 1 / 30},
  },
}

export interface CallPolicyOptions {
  /** Attempts per call, the first included. Default 8. */
  maxAttempts?: number
  /** Gives up once the backoff waits of one call would exceed this. Default 60 s. */
  maxTotalBackoffMs?: number
  /** First backoff step; doubles per retry. Default 250 ms. */
  baseDelayMs?: number
  /** Cap of one backoff step (a longer Retry-After is still honoured). Default 20 s. */
  maxDelayMs?: number
  /** Client-side rate limits; `false` sends as fast as the caller asks. */
  quotas?: RateQuotas | false
  /**
   * How much later than its slot a call may reach AWS (a new connection, a busy event loop at either
   * end) while a later call arrives on time, without the two being throttled. Each bucket big enough
   * keeps that many milliseconds' worth of tokens unused and runs at the published rate. Default 800 ms.
   */
  arrivalJitterMs?: number
  /**
   * Fraction of the published rate aimed for by a bucket too small to keep the jitter's tokens in
   * reserve (CreateDeployment's bucket of one): only a slower rate absorbs a late arrival there. Default 0.9.
   */
  rateHeadroom?: number
  /** Monotonic milliseconds. */
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  /** [0, 1) for jitter. */
  random?: () => number
}

export interface CallStats {
  /** Requests sent, retries included. */
  calls: number
  callsByOperation: Record<string, number>
  retries: number
  /** Answers that were throttling (429, TooManyRequestsException, LimitExceededException). */
  throttled: number
  /** Calls that failed for good (after their retries). */
  failed: number
  /** Time spent waiting for the client-side rate limiter. */
  rateLimitWaitMs: number
  /** Time spent in backoff between attempts. */
  backoffMs: number
}

export interface RunOptions {
  /**
   * Whether applying the call twice is harmless. Default true. A non-idempotent call is not retried
   * after a 5xx or a dropped connection, since AWS may already have applied it; it is still retried
   * after throttling and ConflictException.
   */
  idempotent?: boolean
}

/**
 * Turns the last failure of a call into what `run` throws. `ambiguous`: the call was not idempotent and
 * its last attempt failed in a way that leaves open whether AWS applied it.
 */
export type CallErrorMapper = (error: unknown, attempts: number, ambiguous: boolean) => unknown

/** How a client bucket keeps clear of the server's: see CallPolicyOptions.arrivalJitterMs and rateHeadroom. */
export interface RateMargins {
  arrivalJitterMs: number
  rateHeadroom: number
}

/**
 * The generic cell rate algorithm: a token bucket kept as one "theoretical arrival time", so a slot can
 * be reserved synchronously for a call that will start later (concurrent callers queue up in order).
 */
class RateCell {
  private theoreticalArrival = Number.NEGATIVE_INFINITY
  private readonly intervalMs: number
  private readonly toleranceMs: number

  constructor(quota: RateQuota, margins: RateMargins) {
    const publishedIntervalMs = 1000 / quota.ratePerSecond
    // A stream sent at the published rate with k tokens of the server's bucket left unused still conforms
    // when its calls arrive up to k intervals late relative to one another (GCRA's delay-variation
    // tolerance). A rate below the published one would also absorb it, but costs time on every call of a
    // long run (at 0.9, a 50-API account-Region took 20.4 s of GetResources instead of 18.8 s).
    const reserve = Math.min(quota.capacity - 1, Math.ceil(margins.arrivalJitterMs / publishedIntervalMs))
    const reserveCovers = reserve * publishedIntervalMs >= margins.arrivalJitterMs
    this.intervalMs = reserveCovers ? publishedIntervalMs : publishedIntervalMs / margins.rateHeadroom
    const burst = Math.max(1, quota.capacity - reserve)
    this.toleranceMs = (burst - 1) * this.intervalMs
  }

  earliest(now: number): number {
    return Math.max(now, this.theoreticalArrival - this.toleranceMs)
  }

  take(at: number): void {
    this.theoreticalArrival = Math.max(this.theoreticalArrival, at) + this.intervalMs
  }
}

export class RateLimiter {
  private readonly total: RateCell
  private readonly operations = new Map<string, RateCell>()

  /** By default exactly the published quotas, no margin. */
  constructor(quotas: RateQuotas, margins: RateMargins = {arrivalJitterMs: 0, rateHeadroom: 1}) {
    this.total = new RateCell(quotas.total, margins)
    for (const [operation, quota] of Object.entries(quotas.operations)) this.operations.set(operation, new RateCell(quota, margins))
  }

  /** Reserves the earliest slot every bucket of `operation` allows; returns the wait until it, in ms. */
  reserve(operation: string, now: number): number {
    const cells = [this.total]
    const own = this.operations.get(operation)
    if (own) cells.push(own)
    const at = Math.max(...cells.map((cell) => cell.earliest(now)))
    for (const cell of cells) cell.take(at)
    return at - now
  }
}

/** Runs calls through the rate limiter and the retry rules, and counts them. Share one per account. */
export class CallPolicy {
  private readonly maxAttempts: number
  private readonly maxTotalBackoffMs: number
  private readonly baseDelayMs: number
  private readonly maxDelayMs: number
  private readonly limiter?: RateLimiter
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly random: () => number
  private readonly counts: CallStats = {calls: 0, callsByOperation: {}, retries: 0, throttled: 0, failed: 0, rateLimitWaitMs: 0, backoffMs: 0}

  constructor(options: CallPolicyOptions = {}) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 8)
    this.maxTotalBackoffMs = options.maxTotalBackoffMs ?? 60_000
    this.baseDelayMs = options.baseDelayMs ?? 250
    this.maxDelayMs = options.maxDelayMs ?? 20_000
    const quotas = options.quotas ?? API_GATEWAY_QUOTAS
    if (quotas !== false) this.limiter = new RateLimiter(quotas, {arrivalJitterMs: options.arrivalJitterMs ?? 800, rateHeadroom: options.rateHeadroom ?? 0.9})
    this.now = options.now ?? (() => performance.now())
    this.sleep = options.sleep ?? ((ms) => delay(ms))
    this.random = options.random ?? Math.random
  }

  /**
   * Runs `call` (one request of `operation`) until it succeeds, fails for good, or the attempts or the
   * backoff budget run out; then throws `toError(lastError, attempts, ambiguous)` (the last error by
   * default). `ambiguous` is true when a non-idempotent call was stopped by a failure after which AWS
   * may have applied it.
   */
  async run<T>(operation: string, call: () => Promise<T>, toError: CallErrorMapper = (error) => error, options: RunOptions = {}): Promise<T> {
    const idempotent = options.idempotent ?? true
    let backoffSpent = 0
    for (let attempt = 1; ; attempt++) {
      await this.waitForSlot(operation)
      this.counts.calls++
      this.counts.callsByOperation[operation] = (this.counts.callsByOperation[operation] ?? 0) + 1
      try {
        return await call()
      } catch (error) {
        const failure = classifyFailure(error)
        if (failure === 'throttled') this.counts.throttled++
        // A 5xx or a broken connection may come after the write was done: sending it again could apply
        // it twice. Throttling and conflicts are refusals made before anything changed.
        const ambiguous = !idempotent && (failure === 'server' || failure === 'dropped-connection')
        const wait = failure === 'final' || ambiguous ? undefined : this.backoff(attempt, retryAfterMs(error))
        if (wait === undefined || attempt >= this.maxAttempts || backoffSpent + wait > this.maxTotalBackoffMs) {
          this.counts.failed++
          throw toError(error, attempt, ambiguous)
        }
        backoffSpent += wait
        this.counts.retries++
        this.counts.backoffMs += wait
        await this.sleep(wait)
      }
    }
  }

  stats(): CallStats {
    return {...this.counts, callsByOperation: {...this.counts.callsByOperation}}
  }

  private async waitForSlot(operation: string): Promise<void> {
    if (!this.limiter) return
    const wait = this.limiter.reserve(operation, this.now())
    if (wait <= 0) return
    this.counts.rateLimitWaitMs += wait
    await this.sleep(wait)
  }

  /** Capped exponential backoff with "equal jitter" (never near zero), but never sooner than Retry-After. */
  private backoff(attempt: number, retryAfter: number | undefined): number {
    const step = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1))
    const jittered = step / 2 + this.random() * (step / 2)
    return Math.ceil(Math.max(jittered, retryAfter ?? 0))
  }
}
