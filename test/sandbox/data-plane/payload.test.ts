// The data plane's strict base64 decoding: what a failed decode (500) and a successful one mean.
import fc from 'fast-check'

import {decodeBase64} from '../../../src/sandbox/data-plane/payload.js'

/**
 * The rule written as plainly as possible: the alphabet, then at most two '='. Whitespace is no base64
 * character: AWS answers 500 for base64 text with spaces (recorded: LocalStack
 * test_apigw_s3_binary_support_request_convert_to_binary).
 */
function referenceDecode(compact: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined
  const data = compact.replace(/=+$/, '')
  const padding = compact.length - data.length
  if (data.length % 4 === 1) return undefined
  if (padding > 0 && (data.length + padding) % 4 !== 0) return undefined
  return Buffer.from(data, 'base64')
}

describe('decodeBase64', () => {
  it('decodes what Buffer encodes, and refuses it wrapped in lines', () => {
    fc.assert(
      fc.property(fc.uint8Array({minLength: 58, maxLength: 300}), (bytes) => {
        const text = Buffer.from(bytes).toString('base64')
        expect(decodeBase64(text)).toEqual(Buffer.from(bytes))
        expect(decodeBase64(text.replace(/(.{76})/g, '$1\r\n'))).toBeUndefined()
      }),
    )
  })

  it('refuses what is not base64, spaces included', () => {
    for (const text of ['ab$d', 'abcd=x', 'a', 'abcde', 'ab===', 'ab=c', 'AAA=AA', '"YWJj"', 'ab-_', 'this is a UTF8 text typed object', 'YWJj ZGVm', 'YWJj\nZGVm']) {
      expect(decodeBase64(text)).toBeUndefined()
    }
  })

  it('agrees with the plain rule on any text made of base64 characters, padding and whitespace', () => {
    const character = fc.constantFrom(...'AZaz09+/=\n\r\t -_"'.split(''))
    fc.assert(
      fc.property(fc.array(character, {maxLength: 24}).map((characters) => characters.join('')), (text) => {
        expect(decodeBase64(text)).toEqual(referenceDecode(text))
      }),
      {numRuns: 20_000},
    )
  })
})
