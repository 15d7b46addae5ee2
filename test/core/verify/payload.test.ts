import fc from 'fast-check'

import {base64AlphabetRuns, base64Decode, base64Encode, bytesEqual, probePayload, sha256Hex, utf8Bytes, utf8Mangled, utf8Text} from '../../../src/core/verify/payload.js'

describe('probePayload', () => {
  it('holds every byte value once by default, in order', () => {
    const payload = probePayload()
    expect(payload.byteLength).toBe(256)
    expect(new Set(payload).size).toBe(256)
    expect([...payload]).toEqual(Array.from({length: 256}, (_, index) => index))
  })

  it('repeats 0..255 up to the size asked for', () => {
    const payload = probePayload(600)
    expect(payload.byteLength).toBe(600)
    expect(payload[256]).toBe(0)
    expect(payload[599]).toBe(599 - 512)
    expect(new Set(probePayload(3))).toEqual(new Set([0, 1, 2]))
  })

  it.each([0, -1, 1.5, Number.NaN])('refuses size %p', (size) => {
    expect(() => probePayload(size)).toThrow(RangeError)
  })

  it('has the well-known SHA-256 of the bytes 0..255', () => {
    expect(sha256Hex(probePayload())).toBe('40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880')
  })
})

describe('utf8Mangled', () => {
  it('turns each byte of the probe that is not valid UTF-8 into EF BF BD', () => {
    const mangled = utf8Mangled(probePayload())
    // 0x00-0x7F survive; each of 0x80-0xFF stands alone (no valid sequence forms), so becomes U+FFFD.
    expect(mangled.byteLength).toBe(128 + 128 * 3)
    expect([...mangled.slice(0, 128)]).toEqual(Array.from({length: 128}, (_, index) => index))
    expect([...mangled.slice(128, 131)]).toEqual([0xef, 0xbf, 0xbd])
  })

  it('leaves valid UTF-8 as it is', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary'}), (text) => {
        const bytes = utf8Bytes(text)
        expect(bytesEqual(utf8Mangled(bytes), bytes)).toBe(true)
      }),
    )
  })

  it('always yields valid UTF-8 and is idempotent', () => {
    fc.assert(
      fc.property(fc.uint8Array({maxLength: 300}), (bytes) => {
        const once = utf8Mangled(bytes)
        expect(utf8Text(once)).toBeDefined()
        expect(bytesEqual(utf8Mangled(once), once)).toBe(true)
      }),
    )
  })
})

describe('base64', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({minLength: 1, maxLength: 400}), (bytes) => {
        const decoded = base64Decode(base64Encode(bytes))
        expect(decoded && bytesEqual(decoded, bytes)).toBe(true)
      }),
    )
  })

  it('reads URL-safe, unpadded and line-wrapped base64', () => {
    const bytes = probePayload()
    const standard = base64Encode(bytes)
    const urlSafe = standard.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
    const wrapped = standard.match(/.{1,76}/g)!.join('\r\n')
    for (const text of [urlSafe, wrapped]) expect(bytesEqual(base64Decode(text)!, bytes)).toBe(true)
  })

  it.each(['', 'not base64!', 'abcde', 'ab=c', '{"a":1}', 'A+B_'])('refuses %p', (text) => {
    expect(base64Decode(text)).toBeUndefined()
  })

  it('accepts exactly what the regex it replaces accepted, on texts small enough for that regex', () => {
    const byRegex = (text: string) => /^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/.test(text)
    const edges = fc.constantFrom('A', 'z', '0', '9', '+', '/', '-', '_', '=', ' ', '.')
    fc.assert(
      fc.property(fc.array(edges, {maxLength: 16}).map((characters) => characters.join('')), (text) => {
        // Lengths no encoder produces are refused after the alphabet check, by both.
        const lengthOk = (() => {
          const unpadded = text.replace(/=+$/, '')
          return unpadded.length % 4 !== 1 && (text.length === unpadded.length || text.length % 4 === 0)
        })()
        expect(base64Decode(text) !== undefined).toBe(byRegex(text) && lengthOk)
      }),
      {numRuns: 20_000},
    )
  })

  it('decodes the base64 of a 10 MiB payload in one pass (a regex overflowed its backtracking stack there)', () => {
    const bytes = new Uint8Array(10 * 1024 * 1024).map((_, index) => (index * 2_654_435_761) >>> 24)
    expect(bytesEqual(base64Decode(base64Encode(bytes))!, bytes)).toBe(true)
  })
})

describe('base64AlphabetRuns', () => {
  // The regex the scan replaces: the meaning to keep, on texts small enough for its backtracking stack.
  const runsByRegex = (text: string) => text.match(/[A-Za-z0-9+/]{4,}={0,2}/g) ?? []

  it('finds what the regex finds, on texts made of the characters at its edges', () => {
    const edges = fc.constantFrom('A', 'z', '0', '9', '+', '/', '=', '-', '_', '"', ' ', '\n', '\u00e9')
    fc.assert(
      fc.property(fc.array(edges, {maxLength: 40}).map((characters) => characters.join('')), (text) => {
        expect(base64AlphabetRuns(text)).toEqual(runsByRegex(text))
      }),
      {numRuns: 20_000},
    )
    fc.assert(fc.property(fc.string({maxLength: 60, unit: 'binary'}), (text) => expect(base64AlphabetRuns(text)).toEqual(runsByRegex(text))))
  })

  it.each([
    ['AAAA===BBBB', ['AAAA==', 'BBBB']],
    ['abc "abcd" ab+/cd=', ['abcd', 'ab+/cd=']],
    ['a-bc_defg', ['defg']],
    ['', []],
  ])('splits %p', (text, runs) => {
    expect(base64AlphabetRuns(text)).toEqual(runs)
  })

  it('scans a single run of 10 MiB', () => {
    const run = 'QUJD'.repeat((10 * 1024 * 1024) / 4)
    const runs = base64AlphabetRuns(`"${run}=="`)
    expect(runs).toHaveLength(1)
    expect(runs[0]!.length).toBe(run.length + 2)
  })
})
