import {
  CHROME_IMAGE_ACCEPT,
  FIREFOX_IMAGE_ACCEPT,
  acceptLabel,
  defaultAcceptMatrix,
  downloadExpectation,
  isTextMediaType,
  uploadBody,
} from '../../../src/core/verify/expectations.js'
import {base64Encode, probePayload} from '../../../src/core/verify/payload.js'

describe('defaultAcceptMatrix', () => {
  it('is the declared type, Chrome and Firefox <img>, */* and a JSON client, labelled', () => {
    expect(defaultAcceptMatrix(['application/octet-stream', 'image/jpeg'], '/lambda')).toEqual([
      {accept: 'application/octet-stream', label: 'declared binary type'},
      {accept: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8', label: 'Chrome <img>'},
      {accept: 'image/avif,image/webp,*/*', label: 'Firefox <img>'},
      {accept: '*/*', label: 'any (*/*)'},
      {accept: 'application/json', label: 'JSON client'},
    ])
  })

  it('prefers a declared image type on a path that serves pictures', () => {
    expect(defaultAcceptMatrix(['application/octet-stream', 'image/jpeg'], '/thumbnails/{key}')[0]!.accept).toBe('image/jpeg')
    expect(defaultAcceptMatrix(['application/octet-stream', 'image/jpeg'], '/files/{key}')[0]!.accept).toBe('application/octet-stream')
  })

  it('skips wildcards and falls back to application/octet-stream', () => {
    expect(defaultAcceptMatrix(['*/*', 'image/*', 'image/png'], '/x')[0]!.accept).toBe('image/png')
    expect(defaultAcceptMatrix(['*/*', 'image/*'], '/x')[0]!.accept).toBe('application/octet-stream')
    expect(defaultAcceptMatrix([], '/x')[0]!.accept).toBe('application/octet-stream')
  })

  it('does not send the JSON client twice when application/json is the declared type', () => {
    const matrix = defaultAcceptMatrix(['application/json'], '/x')
    expect(matrix.map((choice) => choice.accept)).toEqual(['application/json', CHROME_IMAGE_ACCEPT, FIREFOX_IMAGE_ACCEPT, '*/*'])
  })
})

describe('acceptLabel', () => {
  it('names known browser values and shows others as written', () => {
    expect(acceptLabel(CHROME_IMAGE_ACCEPT)).toBe('Chrome <img>')
    expect(acceptLabel('image/png')).toBe('Accept: image/png')
  })
})

describe('isTextMediaType', () => {
  it.each(['application/json', 'application/problem+json', 'text/plain', 'text/html; charset=utf-8', 'application/xml', 'image/svg+xml', 'APPLICATION/JSON'])('%p is text', (type) => {
    expect(isTextMediaType(type)).toBe(true)
  })
  it.each(['image/png', 'application/octet-stream', '*/*', 'image/*', 'application/*', 'nonsense', undefined])('%p is not', (type) => {
    expect(isTextMediaType(type)).toBe(false)
  })
})

describe('downloadExpectation', () => {
  const reference = {sha256: 'abc', size: 256}
  it('wants bytes when the first Accept entry is binary, even if text follows', () => {
    expect(downloadExpectation('image/png,application/json', reference)).toEqual({kind: 'bytes', reference})
    expect(downloadExpectation(CHROME_IMAGE_ACCEPT, undefined)).toEqual({kind: 'bytes'})
    expect(downloadExpectation('*/*', undefined)).toEqual({kind: 'bytes'})
  })
  it('wants the payload recoverable when the client asked for text first', () => {
    expect(downloadExpectation('application/json', reference)).toEqual({kind: 'recoverable', reference})
    expect(downloadExpectation('text/plain;q=0.9,image/png', undefined)).toEqual({kind: 'recoverable'})
  })
})

describe('uploadBody', () => {
  const payload = probePayload()
  it('sends the raw bytes with a binary Content-Type', () => {
    expect(uploadBody('image/jpeg', payload)).toEqual({encoding: 'raw', body: payload})
  })
  it('sends base64 text with a text Content-Type, as AWS sample request 4 does', () => {
    const {encoding, body} = uploadBody('application/json', payload)
    expect(encoding).toBe('base64')
    expect(Buffer.from(body).toString('utf8')).toBe(base64Encode(payload))
  })
})
