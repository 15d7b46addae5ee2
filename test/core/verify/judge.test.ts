import fc from 'fast-check'

import type {Expectation} from '../../../src/core/verify/expectations.js'
import {type Observation, judge} from '../../../src/core/verify/judge.js'
import {base64Encode, probePayload, sha256Hex, utf8Bytes, utf8Mangled, utf8Text} from '../../../src/core/verify/payload.js'

const payload = probePayload()
const reference = {sha256: sha256Hex(payload), size: payload.byteLength}
const bytes: Expectation = {kind: 'bytes', reference}
const recoverable: Expectation = {kind: 'recoverable', reference}
const bytesUnreferenced: Expectation = {kind: 'bytes'}
const recoverableUnreferenced: Expectation = {kind: 'recoverable'}

function answer(body: Uint8Array | string, status = 200, headers: Record<string, string> = {}): Observation {
  return {status, headers, body: typeof body === 'string' ? utf8Bytes(body) : body}
}

const check = (expect: Expectation, observation: Observation, bytesSent = payload) => judge({expect}, observation, bytesSent)
const base64 = base64Encode(payload)

describe('judge with a reference', () => {
  it('passes the exact bytes', () => {
    const verdict = check(bytes, answer(payload))
    expect(verdict).toMatchObject({pass: true, observed: 'bytes-intact', basis: 'payload', status: 200, body: {size: 256, sha256: reference.sha256}})
    expect(verdict.summary).toBe('bytes intact (256 bytes, sha256 40aff2e9…)')
  })

  it('fails base64 text where bytes were asked for, passes it where text was', () => {
    expect(check(bytes, answer(base64))).toMatchObject({pass: false, observed: 'base64-text', summary: 'came back as base64 text (344 characters) instead of 256 bytes'})
    expect(check(recoverable, answer(`${base64}\n`))).toMatchObject({pass: true, observed: 'base64-text', summary: 'came back as base64 text (344 characters) that decodes to the 256 bytes'})
  })

  it('finds the base64 inside JSON, AWS sample style', () => {
    const sample = check(recoverable, answer(JSON.stringify({image: base64})))
    expect(sample).toMatchObject({pass: true, observed: 'json-base64', jsonField: 'image'})
    expect(sample.summary).toBe('came back as JSON with the bytes base64-encoded in "image" (256 bytes, recoverable)')
    expect(check(recoverable, answer(JSON.stringify({data: {items: ['x', base64]}})))).toMatchObject({observed: 'json-base64', jsonField: 'data.items[1]'})
    expect(check(recoverable, answer(JSON.stringify(base64)))).toMatchObject({observed: 'json-base64', jsonField: '', summary: 'came back as a JSON string holding the base64 of the bytes (256 bytes, recoverable)'})
    expect(check(bytes, answer(JSON.stringify({image: base64})))).toMatchObject({pass: false, observed: 'json-base64'})
  })

  it('finds base64 in text that is not JSON (a template quoting a JSON string)', () => {
    expect(check(recoverable, answer(`{"image": "${JSON.stringify(base64)}"}`))).toMatchObject({pass: true, observed: 'embedded-base64'})
  })

  it('recognises UTF-8 damage, and base64 of it', () => {
    const mangled = utf8Mangled(payload)
    const damaged = check(recoverable, answer(mangled))
    expect(damaged).toMatchObject({pass: false, observed: 'utf8-mangled'})
    expect(damaged.summary).toBe('came back as UTF-8 text of 512 bytes instead of 256 bytes: every byte that was not valid UTF-8 became U+FFFD (EF BF BD)')
    expect(check(recoverable, answer(base64Encode(mangled)))).toMatchObject({pass: false, observed: 'base64-of-mangled'})
    expect(check(recoverable, answer(JSON.stringify({image: base64Encode(mangled)})))).toMatchObject({pass: false, observed: 'base64-of-mangled'})
  })

  it('recognises base64 twice', () => {
    const twice = base64Encode(utf8Bytes(base64))
    expect(check(recoverable, answer(twice))).toMatchObject({pass: false, observed: 'double-base64', summary: `came back base64-encoded twice (${twice.length} characters) instead of 256 bytes`})
  })

  it('calls other damage with U+FFFD what it is', () => {
    const partly = utf8Bytes(`${'\uFFFD'.repeat(3)}abc`)
    expect(check(bytes, answer(partly))).toMatchObject({pass: false, observed: 'contains-replacement-chars'})
  })

  it('reports different bytes with sizes and both hashes', () => {
    const other = probePayload(300)
    const verdict = check(bytes, answer(other))
    expect(verdict).toMatchObject({pass: false, observed: 'different-bytes'})
    expect(verdict.summary).toBe(`came back as 300 bytes (sha256 ${sha256Hex(other).slice(0, 8)}…) instead of the 256 bytes sent (sha256 40aff2e9…)`)
    expect(check(recoverable, answer('{"message":"ok"}'))).toMatchObject({pass: false, observed: 'different-bytes'})
  })
})

describe('judge by status', () => {
  it('fails any status outside 2xx with a short body excerpt', () => {
    expect(check(bytes, answer('{"message": "Internal server error"}', 500))).toMatchObject({
      pass: false,
      observed: 'error-status',
      summary: 'answered 500 {"message": "Internal server error"}',
    })
    expect(check(bytesUnreferenced, answer('', 404)).summary).toBe('answered 404 (empty body)')
    expect(check(recoverable, answer(payload, 302)).summary).toBe('answered 302 (256 bytes of binary)')
    const long = check({kind: 'success'}, answer(`{"message":"${'x'.repeat(300)}"}`, 403))
    expect(long.summary.length).toBeLessThan(140)
    expect(long.summary.endsWith('…')).toBe(true)
  })

  it('passes a 2xx for uploads and preflights, with the plan’s note', () => {
    expect(check({kind: 'success'}, answer('', 200))).toMatchObject({pass: true, observed: 'accepted', basis: 'status', summary: 'answered 200'})
    expect(check({kind: 'success', note: 'the read-back (step 2) compares what was stored'}, answer('{}', 201)).summary).toBe(
      'answered 201; the read-back (step 2) compares what was stored',
    )
    expect(check({kind: 'success'}, answer('', 500))).toMatchObject({pass: false, observed: 'error-status'})
  })
})

describe('judge without a reference (by shape)', () => {
  const binary = probePayload(1000).map((value) => (value * 7 + 3) % 256)

  it('passes binary it cannot compare, and says so', () => {
    const verdict = check(bytesUnreferenced, answer(binary))
    expect(verdict).toMatchObject({pass: true, observed: 'bytes-unverified', basis: 'shape'})
    expect(verdict.summary).toMatch(/^came back as 1000 bytes of binary \(sha256 [0-9a-f]{8}…\); not compared: no upload of this run stored it$/)
  })

  it('fails a body that is nothing but base64 of binary when bytes were asked for: the most reported symptom', () => {
    const encoded = base64Encode(binary)
    expect(check(bytesUnreferenced, answer(encoded))).toMatchObject({pass: false, observed: 'looks-base64', summary: `came back as base64 text (${encoded.length} characters) instead of bytes`})
    expect(check(bytesUnreferenced, answer(JSON.stringify(encoded)))).toMatchObject({pass: false, observed: 'looks-base64'})
    expect(check(bytesUnreferenced, answer(JSON.stringify({image: encoded})))).toMatchObject({pass: false, observed: 'looks-base64'})
    expect(check(recoverableUnreferenced, answer(encoded))).toMatchObject({pass: true, observed: 'looks-base64'})
  })

  it('does not take short tokens, base64 of text or a field of a larger answer for the symptom', () => {
    expect(check(bytesUnreferenced, answer('true'))).toMatchObject({pass: true, observed: 'text'})
    expect(check(bytesUnreferenced, answer(base64Encode(utf8Bytes('plain words '.repeat(20)))))).toMatchObject({pass: true, observed: 'text'})
    const status = JSON.stringify({status: 'ok', etag: base64Encode(binary.slice(0, 32)), region: 'us-east-1', items: ['a', 'b', 'c']})
    expect(check(bytesUnreferenced, answer(status, 200, {'content-type': 'application/json'}))).toMatchObject({
      pass: true,
      observed: 'text',
      summary: `came back as text of ${status.length} bytes (application/json); not compared: no upload of this run stored it`,
    })
  })

  it('fails text holding U+FFFD either way', () => {
    const damaged = utf8Mangled(binary)
    expect(check(bytesUnreferenced, answer(damaged))).toMatchObject({pass: false, observed: 'contains-replacement-chars'})
    expect(check(recoverableUnreferenced, answer(damaged))).toMatchObject({pass: false, observed: 'contains-replacement-chars'})
  })
})

describe('judge properties', () => {
  const anyPayload = fc.uint8Array({minLength: 1, maxLength: 600})

  it('recognises the payload itself and its base64 for any payload', () => {
    fc.assert(
      fc.property(anyPayload, (sent) => {
        const ref = {sha256: sha256Hex(sent), size: sent.byteLength}
        expect(judge({expect: {kind: 'bytes', reference: ref}}, answer(sent), sent).observed).toBe('bytes-intact')
        const encoded = judge({expect: {kind: 'recoverable', reference: ref}}, answer(base64Encode(sent)), sent)
        expect(encoded).toMatchObject({pass: true, observed: 'base64-text'})
        expect(judge({expect: {kind: 'bytes', reference: ref}}, answer(base64Encode(sent)), sent)).toMatchObject({pass: false, observed: 'base64-text'})
      }),
    )
  })

  it('recognises UTF-8 damage of any payload that is not valid UTF-8', () => {
    fc.assert(
      fc.property(
        anyPayload.filter((sent) => utf8Text(sent) === undefined),
        (sent) => {
          const verdict = judge({expect: {kind: 'recoverable', reference: {sha256: sha256Hex(sent), size: sent.byteLength}}}, answer(utf8Mangled(sent)), sent)
          expect(verdict).toMatchObject({pass: false, observed: 'utf8-mangled'})
        },
      ),
    )
  })

  it('passes a bytes expectation only for the exact payload', () => {
    fc.assert(
      fc.property(anyPayload, fc.uint8Array({maxLength: 600}), (sent, received) => {
        const verdict = judge({expect: {kind: 'bytes', reference: {sha256: sha256Hex(sent), size: sent.byteLength}}}, answer(received), sent)
        expect(verdict.pass).toBe(Buffer.from(sent).equals(Buffer.from(received)))
      }),
    )
  })
})

describe('judge on bodies up to API Gateway’s 10 MiB limit', () => {
  const MiB = 1024 * 1024

  // Deterministic noise: real payloads (images, archives) are neither text nor a repeating pattern.
  function noise(size: number, seed: number): Uint8Array {
    const words = new Uint32Array(Math.ceil(size / 4))
    let state = seed >>> 0 || 1
    for (let index = 0; index < words.length; index += 1) {
      state ^= state << 13
      state ^= state >>> 17
      state ^= state << 5
      words[index] = state >>> 0
    }
    return new Uint8Array(words.buffer, 0, size)
  }

  const referenceOf = (sent: Uint8Array) => ({sha256: sha256Hex(sent), size: sent.byteLength})

  it('judges the base64 of an earlier 5 MiB object read back instead of this run’s payload', () => {
    const sent = noise(5 * MiB, 1)
    const earlier = base64Encode(noise(5 * MiB, 2))
    const verdict = judge({expect: {kind: 'recoverable', reference: referenceOf(sent)}}, answer(earlier), sent)
    expect(verdict).toMatchObject({pass: false, observed: 'different-bytes', body: {size: earlier.length}})
  })

  it('judges the base64 of a 7 MiB payload by its shape', () => {
    const encoded = base64Encode(noise(7 * MiB, 3))
    expect(judge({expect: {kind: 'bytes'}}, answer(encoded), payload)).toMatchObject({pass: false, observed: 'looks-base64', summary: `came back as base64 text (${encoded.length} characters) instead of bytes`})
  })

  // What a stage can send back in place of a large payload, and the outcome each one is.
  const forms = {
    payload: {body: (sent: Uint8Array) => sent, observed: 'bytes-intact'},
    base64: {body: (sent: Uint8Array) => base64Encode(sent), observed: 'base64-text'},
    'json-base64': {body: (sent: Uint8Array) => JSON.stringify({image: base64Encode(sent)}), observed: 'json-base64'},
    'quoted-base64': {body: (sent: Uint8Array) => `{"image": "${JSON.stringify(base64Encode(sent))}"}`, observed: 'embedded-base64'},
    mangled: {body: (sent: Uint8Array) => utf8Mangled(sent), observed: 'utf8-mangled'},
    'other-bytes': {body: (sent: Uint8Array) => noise(sent.byteLength, sent[0]! + 7), observed: 'different-bytes'},
    'other-base64': {body: (sent: Uint8Array) => base64Encode(noise(sent.byteLength, sent[0]! + 7)), observed: 'different-bytes'},
  } as const satisfies Record<string, {body: (sent: Uint8Array) => Uint8Array | string; observed: string}>
  type Form = keyof typeof forms

  it('returns a verdict for every form of a payload of several MiB, with and without a reference', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1 * MiB, max: 10 * MiB}),
        fc.integer({min: 1, max: 0x7fffffff}),
        fc.constantFrom(...(Object.keys(forms) as Form[])),
        (size, seed, form) => {
          const sent = noise(size, seed)
          const observation = answer(forms[form].body(sent))
          expect(judge({expect: {kind: 'recoverable', reference: referenceOf(sent)}}, observation, sent).observed).toBe(forms[form].observed)
          expect(() => judge({expect: {kind: 'bytes'}}, observation, sent)).not.toThrow()
        },
      ),
      {
        numRuns: 6,
        examples: [
          [10 * MiB, 11, 'payload'],
          [7 * MiB, 12, 'base64'],
          [10 * MiB, 13, 'other-base64'],
        ],
      },
    )
  })
})
