import fc from 'fast-check'

import {ApiGatewayError} from '../../src/sandbox/api-errors.js'
import {
  type AdmissionDecision,
  type AdmissionOptions,
  CONFLICT_MESSAGE,
  createAdmission,
  FAULT_KINDS,
  type FaultKind,
} from '../../src/sandbox/admission.js'

function fakeClock(start = 1_700_000_000_000) {
  let t = start
  return {
    now: () => t,
    advance(ms: number) {
      t += ms
    },
  }
}

function quotaController(clock: {now: () => number}, overrides: Partial<AdmissionOptions> = {}) {
  return createAdmission({awsQuotas: true, faultRate: 0, seed: 1, now: clock.now, ...overrides})
}

function rejection(decision: AdmissionDecision): ApiGatewayError {
  if (decision.kind !== 'reject') throw new Error(`expected reject, got ${decision.kind}`)
  return decision.error
}

function expectThrottled(decision: AdmissionDecision, retryAfterSeconds: number): void {
  const error = rejection(decision)
  expect(error).toBeInstanceOf(ApiGatewayError)
  expect(error.code).toBe('TooManyRequestsException')
  expect(error.status).toBe(429)
  expect(error.message).toBe('Too Many Requests')
  expect(error.retryAfterSeconds).toBe(retryAfterSeconds)
}

function admitMany(admission: ReturnType<typeof createAdmission>, operation: string, count: number) {
  return Array.from({length: count}, () => admission.admit(operation).kind)
}

// Same mapping the server uses: a reject carries its error code, a drop (before or after handling) has none.
function faultName(decision: AdmissionDecision): FaultKind | 'proceed' {
  if (decision.kind === 'proceed') return 'proceed'
  if (decision.kind === 'drop' || decision.kind === 'drop-after-apply') return 'drop'
  return decision.error.code as FaultKind
}

describe('control-plane quotas', () => {
  test('total bucket: burst of 40, then throttled', () => {
    const clock = fakeClock()
    const admission = quotaController(clock)
    expect(admitMany(admission, 'GetRestApis', 40)).toEqual(Array(40).fill('proceed'))
    // Empty bucket at 10/s: the next token is 0.1 s away, reported as the 1 s minimum.
    expectThrottled(admission.admit('GetRestApis'), 1)
  })

  test('total bucket refills at 10 per second', () => {
    const clock = fakeClock()
    const admission = quotaController(clock)
    admitMany(admission, 'GetStage', 40)
    clock.advance(1000)
    expect(admitMany(admission, 'GetStage', 10)).toEqual(Array(10).fill('proceed'))
    expect(admission.admit('GetStage').kind).toBe('reject')
    clock.advance(100)
    expect(admission.admit('GetStage').kind).toBe('proceed')
    expect(admission.admit('GetStage').kind).toBe('reject')
  })

  test('total bucket never holds more than its burst', () => {
    const clock = fakeClock()
    const admission = quotaController(clock)
    clock.advance(3_600_000)
    expect(admitMany(admission, 'GetStage', 41).filter((k) => k === 'proceed')).toHaveLength(40)
  })

  test('every operation counts toward the total', () => {
    const clock = fakeClock()
    const admission = quotaController(clock)
    admitMany(admission, 'GetRestApi', 20)
    admitMany(admission, 'UpdateIntegration', 20)
    expectThrottled(admission.admit('GetExport'), 1)
  })

  test('GetResources: 5, then throttled with the Retry-After of its own bucket', () => {
    const clock = fakeClock()
    const admission = quotaController(clock)
    expect(admitMany(admission, 'GetResources', 5)).toEqual(Array(5).fill('proceed'))
    // 2.5 tokens/s: the next one is 0.4 s away.
    expectThrottled(admission.admit('GetResources'), 1)
    // Other operations still pass: the total bucket has plenty left.
    expect(admission.admit('GetRestApi').kind).toBe('proceed')
    clock.advance(400)
    expect(admission.admit('GetResources').kind).toBe('proceed')
    expect(admission.admit('GetResources').kind).toBe('reject')
    clock.advance(2000)
    expect(admitMany(admission, 'GetResources', 6)).toEqual([...Array(5).fill('proceed'), 'reject'])
  })

  test('CreateDeployment: 1 per 5 seconds, Retry-After counts down', () => {
    const clock = fakeClock()
    const admission = quotaController(clock)
    expect(admission.admit('CreateDeployment').kind).toBe('proceed')
    expectThrottled(admission.admit('CreateDeployment'), 5)
    clock.advance(1500)
    expectThrottled(admission.admit('CreateDeployment'), 4) // 3.5 s left, rounded up
    clock.advance(3499)
    expectThrottled(admission.admit('CreateDeployment'), 1)
    clock.advance(1)
    expect(admission.admit('CreateDeployment').kind).toBe('proceed')
    expectThrottled(admission.admit('CreateDeployment'), 5)
  })

  test.each([
    ['CreateRestApi', 3],
    ['ImportRestApi', 3],
    ['PutRestApi', 1],
    ['DeleteRestApi', 30],
  ])('%s: 1 per %i s', (operation, seconds) => {
    const clock = fakeClock()
    const admission = quotaController(clock)
    expect(admission.admit(operation).kind).toBe('proceed')
    expectThrottled(admission.admit(operation), seconds)
    clock.advance(seconds * 1000 - 1)
    expect(admission.admit(operation).kind).toBe('reject')
    clock.advance(1)
    expect(admission.admit(operation).kind).toBe('proceed')
  })

  test('per-operation buckets are independent of each other', () => {
    const clock = fakeClock()
    const admission = quotaController(clock)
    expect(admission.admit('CreateRestApi').kind).toBe('proceed')
    expect(admission.admit('ImportRestApi').kind).toBe('proceed')
    expect(admission.admit('CreateDeployment').kind).toBe('proceed')
    expect(admission.admit('CreateRestApi').kind).toBe('reject')
  })

  test('a call refused by its own bucket consumes nothing from the total', () => {
    const clock = fakeClock()
    const admission = quotaController(clock)
    admission.admit('CreateDeployment')
    for (let i = 0; i < 100; i++) expect(admission.admit('CreateDeployment').kind).toBe('reject')
    // 1 of the 40 was used; the 100 refusals took nothing.
    expect(admitMany(admission, 'GetRestApi', 40)).toEqual([...Array(39).fill('proceed'), 'reject'])
  })

  test('a call refused by the total consumes nothing from its own bucket', () => {
    const clock = fakeClock()
    const admission = quotaController(clock)
    admitMany(admission, 'GetRestApi', 40)
    expectThrottled(admission.admit('CreateDeployment'), 1)
    clock.advance(100) // one total token back
    expect(admission.admit('CreateDeployment').kind).toBe('proceed')
  })

  test('Retry-After is the longest wait among the refusing buckets', () => {
    const clock = fakeClock()
    const admission = quotaController(clock)
    admission.admit('CreateDeployment')
    admitMany(admission, 'GetRestApi', 39)
    expectThrottled(admission.admit('CreateDeployment'), 5)
  })

  test('property: over any schedule, admitted calls never exceed capacity + rate × elapsed', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({gap: fc.integer({min: 0, max: 1500}), op: fc.constantFrom('GetResources', 'GetRestApi', 'CreateDeployment')}),
          {maxLength: 300},
        ),
        (calls) => {
          const clock = fakeClock(0)
          const admission = quotaController(clock)
          const admitted: Record<string, number> = {}
          let total = 0
          for (const {gap, op} of calls) {
            clock.advance(gap)
            const decision = admission.admit(op)
            if (decision.kind === 'proceed') {
              admitted[op] = (admitted[op] ?? 0) + 1
              total++
            } else {
              expect(rejection(decision).retryAfterSeconds).toBeGreaterThanOrEqual(1)
            }
          }
          const seconds = clock.now() / 1000
          expect(total).toBeLessThanOrEqual(40 + 10 * seconds + 1e-6)
          expect(admitted.GetResources ?? 0).toBeLessThanOrEqual(5 + 2.5 * seconds + 1e-6)
          expect(admitted.CreateDeployment ?? 0).toBeLessThanOrEqual(1 + seconds / 5 + 1e-6)
        },
      ),
    )
  })

  test('quotas off: never rejects', () => {
    const clock = fakeClock()
    const admission = quotaController(clock, {awsQuotas: false})
    for (const operation of ['GetResources', 'CreateDeployment', 'DeleteRestApi', 'GetRestApi']) {
      expect(admitMany(admission, operation, 1000).every((kind) => kind === 'proceed')).toBe(true)
    }
  })
})

describe('fault injection', () => {
  const faultController = (faultRate: number, seed: number) =>
    createAdmission({awsQuotas: false, faultRate, seed, now: () => 0})

  test('fault rate 0: never faults', () => {
    const admission = faultController(0, 42)
    expect(admitMany(admission, 'GetRestApi', 10_000).every((kind) => kind === 'proceed')).toBe(true)
  })

  test('fault rate 1: every call faults', () => {
    const admission = faultController(1, 42)
    expect(admitMany(admission, 'GetRestApi', 1000).some((kind) => kind === 'proceed')).toBe(false)
  })

  test('rate 0.2 over 10,000 calls: about 2,000 faults, every kind present in similar shares', () => {
    const admission = faultController(0.2, 7)
    const counts = new Map<string, number>()
    for (let i = 0; i < 10_000; i++) {
      const name = faultName(admission.admit('GetRestApi'))
      counts.set(name, (counts.get(name) ?? 0) + 1)
    }
    const faults = 10_000 - (counts.get('proceed') ?? 0)
    // σ = √(10000·0.2·0.8) = 40; ±200 is 5σ.
    expect(faults).toBeGreaterThan(1800)
    expect(faults).toBeLessThan(2200)
    for (const kind of FAULT_KINDS) {
      // ~400 each; a loose band still catches a kind that is never or always picked.
      expect(counts.get(kind) ?? 0).toBeGreaterThan(250)
      expect(counts.get(kind) ?? 0).toBeLessThan(550)
    }
  })

  test('each fault kind has the AWS status, code, message and Retry-After', () => {
    const admission = faultController(1, 3)
    const seen = new Map<FaultKind, AdmissionDecision>()
    for (let i = 0; i < 200 && seen.size < FAULT_KINDS.length; i++) {
      const decision = admission.admit('UpdateRestApi')
      seen.set(faultName(decision) as FaultKind, decision)
    }
    const expected: Record<Exclude<FaultKind, 'drop'>, [number, string, number | undefined]> = {
      InternalFailure: [500, 'Internal server error', undefined],
      ServiceUnavailableException: [503, 'Service Unavailable', 1],
      TooManyRequestsException: [429, 'Too Many Requests', 1],
      ConflictException: [409, CONFLICT_MESSAGE, undefined],
    }
    for (const [code, [status, message, retryAfter]] of Object.entries(expected)) {
      const error = rejection(seen.get(code as FaultKind) ?? {kind: 'proceed'})
      expect([error.code, error.status, error.message, error.retryAfterSeconds]).toEqual([code, status, message, retryAfter])
    }
    expect(seen.get('drop')).toEqual({kind: 'drop'})
    expect(CONFLICT_MESSAGE).toBe('Unable to complete operation due to concurrent modification. Please try again later.')
  })

  test('same seed gives the same sequence; a different seed a different one', () => {
    const run = (seed: number) => {
      const admission = faultController(0.3, seed)
      return Array.from({length: 500}, () => faultName(admission.admit('GetRestApi')))
    }
    expect(run(12345)).toEqual(run(12345))
    expect(run(12345)).not.toEqual(run(12346))
    expect(run(0)).not.toEqual(run(2 ** 32)) // high bits of the seed matter too
    expect(run(-1)).toEqual(run(-1))
  })

  test('a dropped write was applied first in about half the drops; a dropped read never was', () => {
    const count = (mutating: boolean) => {
      const admission = faultController(1, 21)
      const kinds = Array.from({length: 10_000}, () => admission.admit('UpdateRestApi', mutating).kind)
      return {before: kinds.filter((kind) => kind === 'drop').length, after: kinds.filter((kind) => kind === 'drop-after-apply').length}
    }
    const writes = count(true)
    // 2,000 drops expected (one kind in five), split evenly: σ ≈ 22 per half.
    expect(writes.before + writes.after).toBeGreaterThan(1800)
    expect(writes.before + writes.after).toBeLessThan(2200)
    expect(writes.before).toBeGreaterThan(850)
    expect(writes.after).toBeGreaterThan(850)
    expect(count(false).after).toBe(0)
  })

  test('writes and reads meet the same faults until the first drop, where only a write draws again', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const reads = faultController(0.5, seed)
      const writes = faultController(0.5, seed)
      for (let i = 0; i < 200; i++) {
        const read = reads.admit('GetRestApi', false)
        const write = writes.admit('UpdateRestApi', true)
        expect(faultName(write)).toBe(faultName(read))
        if (read.kind === 'drop') break
      }
    }
  })

  test('same seed gives the same drops before and after handling', () => {
    const run = (seed: number) => {
      const admission = faultController(0.5, seed)
      return Array.from({length: 500}, (_, i) => admission.admit(i % 3 === 0 ? 'GetStage' : 'CreateDeployment', i % 3 !== 0).kind)
    }
    expect(run(77)).toEqual(run(77))
    expect(run(77)).toContain('drop-after-apply')
  })

  test('throttled calls get no fault', () => {
    const clock = fakeClock()
    const admission = createAdmission({awsQuotas: true, faultRate: 1, seed: 9, now: clock.now})
    admission.admit('CreateDeployment')
    for (let i = 0; i < 50; i++) expectThrottled(admission.admit('CreateDeployment'), 5)
  })
})

describe('option validation', () => {
  const base: AdmissionOptions = {awsQuotas: true, faultRate: 0, seed: 0}

  test.each([-0.1, 1.01, Number.NaN, Number.POSITIVE_INFINITY])('faultRate %p -> RangeError naming --fault-rate', (faultRate) => {
    expect(() => createAdmission({...base, faultRate})).toThrow(RangeError)
    expect(() => createAdmission({...base, faultRate})).toThrow(/^--fault-rate [^\n]*$/)
  })

  test.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])('seed %p -> RangeError naming --seed', (seed) => {
    expect(() => createAdmission({...base, seed})).toThrow(RangeError)
    expect(() => createAdmission({...base, seed})).toThrow(/^--seed [^\n]*$/)
  })

  test('boundary values are accepted', () => {
    for (const faultRate of [0, 1]) expect(() => createAdmission({...base, faultRate})).not.toThrow()
    for (const seed of [0, -7, Number.MAX_SAFE_INTEGER]) expect(() => createAdmission({...base, seed})).not.toThrow()
  })
})
