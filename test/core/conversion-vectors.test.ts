// The conversion model against every case of fixtures/vectors/conversions.json.
import {convertProxyRequest, convertProxyResponse, convertRequest, convertResponse} from '../../src/core/conversion.js'
import {headerIsBinary} from '../../src/core/media-type.js'
import {CONVERSION_VECTORS} from '../helpers/conversion-vectors.js'

const vectors = CONVERSION_VECTORS

describe('request conversion (non-proxy)', () => {
  it.each(vectors.request.cases)('$payload body, Content-Type binary: $contentTypeIsBinary, $contentHandling → $outcome', (vector) => {
    expect(convertRequest({contentTypeIsBinary: vector.contentTypeIsBinary, contentHandling: vector.contentHandling ?? undefined})).toBe(vector.outcome)
  })
})

describe('response conversion (non-proxy)', () => {
  it.each(vectors.response.cases)('$integrationPayload payload, Accept binary: $acceptIsBinary, $contentHandling → $outcome', (vector) => {
    const outcome = convertResponse({
      integrationPayload: vector.integrationPayload,
      acceptIsBinary: vector.acceptIsBinary,
      contentHandling: vector.contentHandling ?? undefined,
    })
    expect(outcome).toBe(vector.outcome)
  })
})

describe('Lambda proxy', () => {
  it.each(vectors.lambdaProxy.request)('request with Content-Type binary: $contentTypeIsBinary', (vector) => {
    expect(convertProxyRequest(vector.contentTypeIsBinary).isBase64Encoded).toBe(vector.event.isBase64Encoded)
  })

  it.each(vectors.lambdaProxy.response)('isBase64Encoded $returnedIsBase64Encoded, Accept binary $acceptIsBinary → $outcome', (vector) => {
    expect(convertProxyResponse(vector.returnedIsBase64Encoded, vector.acceptIsBinary)).toBe(vector.outcome)
  })
})

describe('media-type matching', () => {
  it.each(vectors.matching.cases)('$header: $value against $binaryMediaTypes → $matches', (vector) => {
    expect(headerIsBinary(vector.header, vector.value, vector.binaryMediaTypes)).toBe(vector.matches)
  })
})
