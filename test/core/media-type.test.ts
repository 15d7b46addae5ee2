import fc from 'fast-check'

import {acceptIsBinary, contentTypeIsBinary, malformedReason, mediaTypeEssence, normalizeSpecMediaType, sameMediaType} from '../../src/core/media-type.js'

describe('media types as users write them', () => {
  it.each([
    ['image/png', 'image/png'],
    ['Image/PNG', 'image/png'],
    ['image~1png', 'image/png'],
    ['*~1*', '*/*'],
    ['multipart/form-data; boundary=x', 'multipart/form-data'],
    [' application/octet-stream ', 'application/octet-stream'],
    ['image', undefined],
    ['image/', undefined],
    ['/png', undefined],
    ['-', undefined],
    ['image/p ng', undefined],
  ])('%j → %j', (written, normalised) => {
    expect(normalizeSpecMediaType(written)).toBe(normalised)
  })

  it('compares as media types, never as raw strings', () => {
    expect(sameMediaType('IMAGE/JPEG', 'image~1jpeg')).toBe(true)
    expect(sameMediaType('image/jpeg', 'image/png')).toBe(false)
    expect(sameMediaType('nonsense', 'nonsense')).toBe(false)
  })

  it('normalising twice changes nothing', () => {
    const token = fc.stringMatching(/^[a-zA-Z0-9!#$&^_.+-]{1,12}$/)
    fc.assert(
      fc.property(token, token, fc.constantFrom('', '; charset=utf-8', ';q=0.8'), (type, subtype, parameters) => {
        const once = normalizeSpecMediaType(`${type}/${subtype}${parameters}`)
        expect(once).toBeDefined()
        expect(normalizeSpecMediaType(once!)).toBe(once)
      }),
    )
  })
})

describe('matching beyond the vectors', () => {
  it('ignores case and parameters on both sides', () => {
    expect(contentTypeIsBinary('Image/JPEG; charset=binary', ['image/jpeg'])).toBe(true)
    expect(acceptIsBinary('IMAGE/JPEG;q=0.9, */*', ['image/jpeg'])).toBe(true)
  })

  it('treats a request without Content-Type as binary only under */*', () => {
    expect(contentTypeIsBinary(undefined, ['*/*'])).toBe(true)
    expect(contentTypeIsBinary(undefined, ['application/*'])).toBe(false)
  })

  it('essence of a malformed entry is undefined', () => {
    expect(mediaTypeEssence('not a type')).toBeUndefined()
  })
})

describe('malformed live entries', () => {
  it.each([
    ['image/png', undefined],
    ['*/*', undefined],
    ['image/*', undefined],
    ['-', 'not-a-media-type'],
    ['image', 'not-a-media-type'],
    ['image~1png', 'escaped-slash'],
    ['*/png', 'type-wildcard'],
    ['multipart/form-data; boundary=x', 'has-parameters'],
    ['image/png ', 'surrounding-space'],
  ])('%j → %j', (entry, reason) => {
    expect(malformedReason(entry)).toBe(reason)
  })
})
