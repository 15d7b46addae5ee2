import fc from 'fast-check'

import {MAX_PROBE_SIZE, formatSize, parseSize} from '../../../src/core/verify/byte-size.js'
import {VerifyInputError} from '../../../src/core/verify/verify-input-error.js'

describe('parseSize', () => {
  it.each([
    ['1000000', 1_000_000],
    ['256', 256],
    ['256B', 256],
    ['4608KiB', 4608 * 1024],
    ['4.4MiB', Math.floor(4.4 * 1024 * 1024)],
    ['5MB', 5_000_000],
    ['64kb', 64_000],
    [' 2 MiB ', 2 * 1024 * 1024],
    ['10MiB', MAX_PROBE_SIZE],
  ])('%p is %p bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes)
  })

  it.each(['', 'abc', '5 GB', '-1', '1e6', '5MiBs', '0x10', '1,000'])('refuses %p, naming flag and value', (text) => {
    expect(() => parseSize(text, '--size')).toThrow(VerifyInputError)
    expect(() => parseSize(text, '--size')).toThrow(`--size ${text}: not a size`)
  })

  it('refuses zero and anything over 10 MiB', () => {
    expect(() => parseSize('0')).toThrow('--size 0: must be at least 1 byte')
    expect(() => parseSize('0.5B')).toThrow('must be at least 1 byte')
    expect(() => parseSize('10485761')).toThrow("over API Gateway's payload limit of 10485760 bytes")
    expect(() => parseSize('11MB', 'probe size')).toThrow(/^probe size 11MB:/)
  })

  it('reads back any byte count it is given', () => {
    fc.assert(fc.property(fc.integer({min: 1, max: MAX_PROBE_SIZE}), (bytes) => parseSize(String(bytes)) === bytes))
  })

  it('messages are one line', () => {
    expect(() => parseSize('junk')).toThrow(/^[^\n]+$/)
  })
})

describe('formatSize', () => {
  it.each([
    [1, '1 byte'],
    [256, '256 bytes'],
    [1023, '1023 bytes'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [4_715_520, '4.5 MiB'],
    [10_485_760, '10 MiB'],
  ])('%p → %p', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text)
  })
})
