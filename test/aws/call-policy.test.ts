import {API_GATEWAY_QUOTAS, CallPolicy, type CallPolicyOptions, RateLimiter} from '../../src/aws/call-policy.js'

/** A virtual clock: sleeping advances it, so waits are recorded and tests take no time. */
function virtualTime() {
  let now = 0
  const waits: number[] = []
  return {
    waits,
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms)
      now += ms
    },
  }
}

function policyWith(options: CallPolicyOptions = {}) {
  const time = virtualTime()
  const policy = new CallPolicy({now: time.now, sleep: time.sleep, random: () => 0, quotas: false, ...options})
  return {policy, time}
}

function serviceError(name: string, status: number, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(`${name} message`), {name, $metadata: {httpStatusCode: status}, ...extra})
}

/** Fails with `errors` in turn, then answers `value`. */
function failingThen<T>(errors: unknown[], value: T) {
  let calls = 0
  const call = async () => {
    calls++
    if (calls <= errors.length) throw errors[calls - 1]
    return value
  }
  return {call, calls: () => calls}
}

describe('CallPolicy retries', () => {
  it('honours retryAfterSeconds and the Retry-After header, and counts throttles', async () => {
    const {policy, time} = policyWith()
    const throttled = serviceError('TooManyRequestsException', 429, {retryAfterSeconds: '3'})
    const limited = serviceError('LimitExceededException', 429, {$response: {statusCode: 429, headers: {'Retry-After': '2'}}})
    const {call, calls} = failingThen([throttled, limited], 'ok')

    await expect(policy.run('GetRestApis', call)).resolves.toBe('ok')
    expect(calls()).toBe(3)
    expect(time.waits).toEqual([3000, 2000])
    expect(policy.stats()).toMatchObject({calls: 3, callsByOperation: {GetRestApis: 3}, retries: 2, throttled: 2, failed: 0, backoffMs: 5000})
  })

  it('reads Retry-After as an HTTP date too', async () => {
    const time = virtualTime()
    const policy = new CallPolicy({now: time.now, sleep: time.sleep, random: () => 0, quotas: false})
    const later = new Date(Date.now() + 4_000).toUTCString()
    const {call} = failingThen([serviceError('TooManyRequestsException', 429, {$response: {statusCode: 429, headers: {'retry-after': later}}})], 'ok')
    await policy.run('GetStage', call)
    expect(time.waits[0]).toBeGreaterThan(2_500)
    expect(time.waits[0]).toBeLessThanOrEqual(4_000)
  })

  it('retries ConflictException (which the SDK does not), 5xx and dropped connections, with growing jittered backoff', async () => {
    const {policy, time} = policyWith({random: () => 0.5})
    const errors = [
      serviceError('ConflictException', 409),
      serviceError('ServiceUnavailableException', 503),
      serviceError('InternalFailure', 500),
      Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'}),
      Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}),
    ]
    const {call, calls} = failingThen(errors, 'done')
    await expect(policy.run('UpdateRestApi', call)).resolves.toBe('done')
    expect(calls()).toBe(6)
    // base 250 ms doubling; equal jitter with random 0.5 waits 3/4 of each step.
    expect(time.waits).toEqual([188, 375, 750, 1500, 3000])
    expect(policy.stats()).toMatchObject({retries: 5, throttled: 0, failed: 0})
  })

  it('does not retry what retrying cannot fix: 4xx, refused connections, missing credentials', async () => {
    for (const error of [
      serviceError('NotFoundException', 404),
      serviceError('BadRequestException', 400),
      serviceError('AccessDeniedException', 403),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {code: 'ECONNREFUSED'}),
      Object.assign(new Error('Could not load credentials from any providers'), {name: 'CredentialsProviderError'}),
    ]) {
      const {policy, time} = policyWith()
      const {call, calls} = failingThen([error], 'never')
      await expect(policy.run('GetRestApi', call)).rejects.toBe(error)
      expect(calls()).toBe(1)
      expect(time.waits).toEqual([])
      expect(policy.stats()).toMatchObject({calls: 1, retries: 0, failed: 1})
    }
  })

  it('gives up after maxAttempts and hands the last error and the attempts to toError', async () => {
    const {policy, time} = policyWith({maxAttempts: 4})
    const throttled = serviceError('TooManyRequestsException', 429, {retryAfterSeconds: '1'})
    const {call, calls} = failingThen(Array.from({length: 10}, () => throttled), 'never')
    const mapped = new Error('mapped')
    let seen: [unknown, number] | undefined
    await expect(
      policy.run('GetResources', call, (error, attempts) => {
        seen = [error, attempts]
        return mapped
      }),
    ).rejects.toBe(mapped)
    expect(calls()).toBe(4)
    expect(seen).toEqual([throttled, 4])
    expect(time.waits).toEqual([1000, 1000, 1000])
    expect(policy.stats()).toMatchObject({calls: 4, retries: 3, throttled: 4, failed: 1})
  })

  it('gives up before a wait would exceed the total backoff budget', async () => {
    const {policy, time} = policyWith({maxTotalBackoffMs: 10_000})
    const {call, calls} = failingThen(
      [serviceError('TooManyRequestsException', 429, {retryAfterSeconds: '6'}), serviceError('TooManyRequestsException', 429, {retryAfterSeconds: '6'})],
      'never',
    )
    await expect(policy.run('CreateDeployment', call)).rejects.toMatchObject({name: 'TooManyRequestsException'})
    expect(calls()).toBe(2)
    expect(time.waits).toEqual([6000])
  })

  it('caps one backoff step at maxDelayMs', async () => {
    const {policy, time} = policyWith({random: () => 0.999_999, maxDelayMs: 1_000, maxAttempts: 8})
    const {call} = failingThen(Array.from({length: 7}, () => serviceError('InternalFailure', 500)), 'ok')
    await policy.run('GetStage', call)
    expect(Math.max(...time.waits)).toBe(1_000)
  })
})

describe('CallPolicy with non-idempotent calls', () => {
  const dropped = () => Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'})

  it.each([
    ['a 500', serviceError('InternalFailure', 500)],
    ['a 503', serviceError('ServiceUnavailableException', 503)],
    ['a dropped connection', dropped()],
  ])('stops at %s, which may have come after the write, and tells toError it is ambiguous', async (_, error) => {
    const {policy, time} = policyWith()
    const {call, calls} = failingThen([error], 'never')
    let seen: [unknown, number, boolean] | undefined
    const mapped = new Error('mapped')
    await expect(
      policy.run(
        'CreateDeployment',
        call,
        (failure, attempts, ambiguous) => {
          seen = [failure, attempts, ambiguous]
          return mapped
        },
        {idempotent: false},
      ),
    ).rejects.toBe(mapped)
    expect(calls()).toBe(1)
    expect(seen).toEqual([error, 1, true])
    expect(time.waits).toEqual([])
    expect(policy.stats()).toMatchObject({calls: 1, retries: 0, failed: 1, backoffMs: 0})
  })

  it('still retries throttling and ConflictException, which AWS answers before changing anything', async () => {
    const {policy, time} = policyWith()
    const errors = [serviceError('TooManyRequestsException', 429, {retryAfterSeconds: '2'}), serviceError('ConflictException', 409)]
    const {call, calls} = failingThen(errors, 'created')
    await expect(policy.run('CreateDeployment', call, undefined, {idempotent: false})).resolves.toBe('created')
    expect(calls()).toBe(3)
    expect(time.waits).toEqual([2000, 250])
    expect(policy.stats()).toMatchObject({calls: 3, retries: 2, throttled: 1, failed: 0})
  })

  it('a 500 after a throttled attempt is ambiguous after 2 attempts; the counts add up', async () => {
    const {policy} = policyWith()
    const {call, calls} = failingThen([serviceError('TooManyRequestsException', 429), serviceError('InternalFailure', 500)], 'never')
    let seen: [number, boolean] | undefined
    const toError = (_error: unknown, attempts: number, ambiguous: boolean) => {
      seen = [attempts, ambiguous]
      return new Error('mapped')
    }
    await expect(policy.run('UpdateRestApi', call, toError, {idempotent: false})).rejects.toThrow('mapped')
    expect(calls()).toBe(2)
    expect(seen).toEqual([2, true])
    expect(policy.stats()).toMatchObject({calls: 2, callsByOperation: {UpdateRestApi: 2}, retries: 1, throttled: 1, failed: 1})
  })

  it('final failures are not ambiguous, nor are idempotent calls that run out of attempts', async () => {
    const seen: boolean[] = []
    const record = (_error: unknown, _attempts: number, ambiguous: boolean) => {
      seen.push(ambiguous)
      return new Error('mapped')
    }

    const {policy} = policyWith({maxAttempts: 2})
    await expect(policy.run('CreateDeployment', failingThen([serviceError('BadRequestException', 400)], 'never').call, record, {idempotent: false})).rejects.toThrow()
    await expect(policy.run('CreateDeployment', failingThen([Object.assign(new Error('refused'), {code: 'ECONNREFUSED'})], 'never').call, record, {idempotent: false})).rejects.toThrow()
    const retried = failingThen([serviceError('InternalFailure', 500), serviceError('InternalFailure', 500)], 'never')
    await expect(policy.run('UpdateStage', retried.call, record, {idempotent: true})).rejects.toThrow()
    expect(retried.calls()).toBe(2)
    expect(seen).toEqual([false, false, false])
    expect(policy.stats()).toMatchObject({calls: 4, retries: 1, failed: 3})
  })
})

describe('rate limiting', () => {
  it('spaces GetResources to 5 per 2 s after a burst of 5 (published rates, no margin)', async () => {
    const time = virtualTime()
    const policy = new CallPolicy({now: time.now, sleep: time.sleep, random: () => 0, rateHeadroom: 1, arrivalJitterMs: 0})
    const sentAt: number[] = []
    for (let index = 0; index < 9; index++) await policy.run('GetResources', async () => sentAt.push(time.now()))
    expect(sentAt).toEqual([0, 0, 0, 0, 0, 400, 800, 1200, 1600])
    expect(policy.stats().rateLimitWaitMs).toBe(1600)
  })

  it('queues concurrent callers in order: the reservation is made before the first await', async () => {
    const waits: number[] = []
    const policy = new CallPolicy({now: () => 0, sleep: async (ms) => void waits.push(ms), rateHeadroom: 1, arrivalJitterMs: 0})
    await Promise.all(Array.from({length: 8}, () => policy.run('CreateDeployment', async () => 'ok')))
    // 1 per 5 s, bucket of one.
    expect(waits).toEqual([5000, 10000, 15000, 20000, 25000, 30000, 35000])
  })

  it('draws every call from the account-wide bucket: 40 at once, then 10 per second', () => {
    const limiter = new RateLimiter(API_GATEWAY_QUOTAS)
    const waits = Array.from({length: 43}, (_, index) => limiter.reserve(index % 2 === 0 ? 'GetRestApi' : 'GetStage', 0))
    expect(waits.slice(0, 40)).toEqual(Array.from({length: 40}, () => 0))
    expect(waits.slice(40)).toEqual([100, 200, 300])
  })

  it('refills with time: a rested bucket allows a burst again', () => {
    const limiter = new RateLimiter(API_GATEWAY_QUOTAS)
    for (let index = 0; index < 5; index++) expect(limiter.reserve('GetResources', 0)).toBe(0)
    expect(limiter.reserve('GetResources', 0)).toBe(400)
    // 10 s later the 5-call bucket is full again.
    for (let index = 0; index < 5; index++) expect(limiter.reserve('GetResources', 10_000)).toBe(0)
    expect(limiter.reserve('GetResources', 10_000)).toBe(400)
  })

  it('keeps 800 ms of arrival jitter in reserve by default, at the published rate where the bucket allows', async () => {
    const time = virtualTime()
    const policy = new CallPolicy({now: time.now, sleep: time.sleep})
    const sentAt: number[] = []
    for (let index = 0; index < 7; index++) await policy.run('GetResources', async () => sentAt.push(time.now()))
    // Bucket of 5 with 2 tokens (800 ms at 400 ms each) left unused: a burst of 3, then 5 per 2 s.
    expect(sentAt).toEqual([0, 0, 0, 400, 800, 1200, 1600])
  })

  it('keeps 800 ms of the account-wide bucket unused: 32 at once, then 10 per second', () => {
    const limiter = new RateLimiter(API_GATEWAY_QUOTAS, {arrivalJitterMs: 800, rateHeadroom: 0.9})
    const waits = Array.from({length: 34}, () => limiter.reserve('GetStage', 0))
    expect(waits.slice(0, 32)).toEqual(Array.from({length: 32}, () => 0))
    expect(waits.slice(32)).toEqual([100, 200])
  })

  it('runs a bucket of one below its published rate by default: no token can be kept in reserve', async () => {
    const waits: number[] = []
    const policy = new CallPolicy({now: () => 0, sleep: async (ms) => void waits.push(ms)})
    await Promise.all(Array.from({length: 3}, () => policy.run('CreateDeployment', async () => 'ok')))
    expect(waits.map(Math.round)).toEqual([5556, 11111])
  })
})
