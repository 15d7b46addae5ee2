// The conversion model against every case of fixtures/vectors/conversions.json and response-templates.json.
import type {RouteConfig} from '../../src/core/api-config.js'
import {convertProxyRequest, convertProxyResponse, convertRequest, convertResponse, responseTemplateStep} from '../../src/core/conversion.js'
import {preflightExperience} from '../../src/core/experience.js'
import {headerIsBinary} from '../../src/core/media-type.js'
import {CONVERSION_VECTORS, RESPONSE_TEMPLATE_VECTORS} from '../helpers/conversion-vectors.js'

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

describe('a response template meeting the converted body', () => {
  it.each(RESPONSE_TEMPLATE_VECTORS.templateStep.cases)('$integrationPayload payload, Accept binary: $acceptIsBinary, $contentHandling → $outcome, template $template', (vector) => {
    const contentHandling = vector.contentHandling ?? undefined
    const outcome = convertResponse({integrationPayload: vector.integrationPayload, acceptIsBinary: vector.acceptIsBinary, contentHandling})
    expect(outcome).toBe(vector.outcome)
    expect(responseTemplateStep(outcome, contentHandling)).toBe(vector.template)
  })
})

describe('MOCK CORS preflights, as audit judges them', () => {
  it.each(RESPONSE_TEMPLATE_VECTORS.mockPreflight.cases)(
    '$binaryMediaTypes, integration $integrationContentHandling, response $responseContentHandling, template $responseTemplate → $status',
    (vector) => {
      const route: RouteConfig = {
        resourcePath: '/upload',
        httpMethod: 'OPTIONS',
        integration: {
          type: 'MOCK',
          ...(vector.integrationContentHandling ? {contentHandling: vector.integrationContentHandling} : {}),
          requestTemplateTypes: ['application/json'],
          responses: [
            {
              statusCode: '200',
              ...(vector.responseContentHandling ? {contentHandling: vector.responseContentHandling} : {}),
              responseTemplateTypes: vector.responseTemplate === null ? [] : ['application/json'],
            },
          ],
        },
      }
      const {request, responses} = preflightExperience(route, vector.binaryMediaTypes)
      const fails = request.fails ? 'request' : responses.some((response) => response.experience.fails) ? 'response' : null
      expect(fails).toBe(vector.fails)
      expect(fails === null ? 200 : 500).toBe(vector.status)
    },
  )
})
