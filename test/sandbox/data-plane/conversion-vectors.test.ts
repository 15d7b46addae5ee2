// Every case of fixtures/vectors/conversions.json and response-templates.json, driven over real HTTP through a
// deployed stage: the bytes a backend or a Lambda function receives, and the bytes a client gets back.
import type {ContentHandling, ConversionOutcome, PayloadKind} from '../../../src/core/conversion.js'
import type {Sandbox} from '../../../src/sandbox/server.js'
import {BINARY, BINARY_AS_TEXT, type Backend, LAMBDA_URI, deployApi, recordingFunction, sandboxWith, send, startBackend} from './support.js'
import {CONVERSION_VECTORS, RESPONSE_TEMPLATE_VECTORS} from '../../helpers/conversion-vectors.js'

const vectors = CONVERSION_VECTORS

// A text payload that is also valid base64, so that decoding it has something to show.
const DECODED = Buffer.from('binary ✓ payload \x00\xff')
const TEXT = Buffer.from(DECODED.toString('base64'))

/** What each outcome makes of a payload, written out independently of the sandbox's code. */
function expectedBytes(outcome: ConversionOutcome, payload: PayloadKind): Buffer {
  const bytes = payload === 'text' ? TEXT : BINARY
  switch (outcome) {
    case 'text':
      return payload === 'text' ? TEXT : BINARY_AS_TEXT
    case 'binary':
      return bytes
    case 'base64-encode':
      return Buffer.from(bytes.toString('base64'))
    case 'base64-decode':
      return DECODED
  }
}

let sandbox: Sandbox
let backend: Backend
const proxyFunction = recordingFunction()
const binaryResult = recordingFunction(() => ({statusCode: 200, headers: {'Content-Type': 'image/png'}, body: BINARY.toString('base64'), isBase64Encoded: true}))
let proxyAnswer: {isBase64Encoded: boolean; body: string} = {isBase64Encoded: true, body: ''}
const answering = recordingFunction(() => ({statusCode: 200, headers: {'Content-Type': 'image/png'}, ...proxyAnswer}))

beforeAll(async () => {
  sandbox = await sandboxWith({capture: proxyFunction, 'binary-result': binaryResult, answering})
  // The backend answers with the payload kind the test asks for in its query string.
  backend = await startBackend((request) =>
    request.url.includes('payload=binary')
      ? {headers: {'Content-Type': 'application/octet-stream'}, body: BINARY}
      : request.url.includes('payload=invalid')
        ? {headers: {'Content-Type': 'text/plain'}, body: 'not base64 at all!'}
        : {headers: {'Content-Type': 'text/plain'}, body: TEXT},
  )
})
afterAll(async () => {
  await sandbox.close()
  await backend.close()
})

function httpApi(binaryMediaTypes: string[], contentHandling: ContentHandling | null, side: 'request' | 'response', responseTemplates?: Record<string, string>) {
  return deployApi(sandbox, {
    binaryMediaTypes,
    routes: [
      {
        path: '/echo',
        method: 'POST',
        integration: {
          type: 'HTTP',
          httpMethod: 'POST',
          uri: `${backend.url}/echo`,
          requestParameters: {'integration.request.querystring.payload': 'method.request.querystring.payload'},
          ...(side === 'request' && contentHandling ? {contentHandling} : {}),
          integrationResponses: {'200': {statusCode: '200', ...(side === 'response' && contentHandling ? {contentHandling} : {}), ...(responseTemplates ? {responseTemplates} : {})}},
        },
      },
    ],
  })
}

describe('request conversion (non-proxy): the bytes that reach the backend', () => {
  it.each(vectors.request.cases)('$payload body, Content-Type binary: $contentTypeIsBinary, $contentHandling → $outcome', async (vector) => {
    const api = httpApi(vector.contentTypeIsBinary ? ['application/octet-stream'] : ['image/png'], vector.contentHandling, 'request')
    const before = backend.received.length
    const answer = await send(api.url('/echo'), {
      method: 'POST',
      headers: {'Content-Type': 'application/octet-stream'},
      body: vector.payload === 'text' ? TEXT : BINARY,
    })
    expect(answer.status).toBe(200)
    expect(backend.received).toHaveLength(before + 1)
    expect(backend.received.at(-1)!.body).toEqual(expectedBytes(vector.outcome, vector.payload))
  })

  it('base64-decode of text that is not base64 is a 500 and never reaches the backend', async () => {
    const api = httpApi([], 'CONVERT_TO_BINARY', 'request')
    const before = backend.received.length
    const answer = await send(api.url('/echo'), {method: 'POST', headers: {'Content-Type': 'text/plain'}, body: 'not base64 at all!'})
    expect(answer.status).toBe(500)
    expect(answer.json()).toEqual({message: 'Internal server error'})
    expect(backend.received).toHaveLength(before)
  })
})

describe('response conversion (non-proxy): the bytes the client gets', () => {
  it.each(vectors.response.cases)('$integrationPayload payload, Accept binary: $acceptIsBinary, $contentHandling → $outcome', async (vector) => {
    const api = httpApi(['application/octet-stream'], vector.contentHandling, 'response')
    const answer = await send(api.url(`/echo?payload=${vector.integrationPayload}`), {
      method: 'POST',
      headers: {Accept: vector.acceptIsBinary ? 'application/octet-stream' : 'application/json'},
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual(expectedBytes(vector.outcome, vector.integrationPayload))
  })

  it('base64-decode of a text answer that is not base64 is a 500', async () => {
    const api = httpApi(['application/octet-stream'], 'CONVERT_TO_BINARY', 'response')
    const answer = await send(api.url('/echo?payload=invalid'), {method: 'POST', headers: {Accept: 'application/json'}})
    expect(answer.status).toBe(500)
    expect(answer.headers['x-amzn-errortype']).toBe('InternalServerErrorException')
  })
})

describe('a response template meeting the converted body: what the client gets', () => {
  it.each(RESPONSE_TEMPLATE_VECTORS.templateStep.cases)('$integrationPayload payload, Accept binary: $acceptIsBinary, $contentHandling → $outcome, template $template', async (vector) => {
    const api = httpApi(['application/octet-stream'], vector.contentHandling, 'response', {'application/json': '{"got": "$input.body"}'})
    const answer = await send(api.url(`/echo?payload=${vector.integrationPayload}`), {
      method: 'POST',
      headers: {Accept: vector.acceptIsBinary ? 'application/octet-stream' : 'application/json'},
    })
    const converted = expectedBytes(vector.outcome, vector.integrationPayload)
    switch (vector.template) {
      case 'render':
        expect({status: answer.status, text: answer.text}).toEqual({status: 200, text: `{"got": "${converted.toString('utf8')}"}`})
        break
      case 'skip':
        expect({status: answer.status, body: answer.body}).toEqual({status: 200, body: converted})
        break
      case 'fail':
        expect({status: answer.status, text: answer.text}).toEqual({status: 500, text: '{"message": "Internal server error"}'})
    }
  })
})

describe('MOCK CORS preflights: what the browser gets', () => {
  it.each(RESPONSE_TEMPLATE_VECTORS.mockPreflight.cases)(
    '$binaryMediaTypes, integration $integrationContentHandling, response $responseContentHandling, template $responseTemplate → $status',
    async (vector) => {
      const api = deployApi(sandbox, {
        binaryMediaTypes: vector.binaryMediaTypes,
        routes: [
          {
            path: '/upload',
            method: 'OPTIONS',
            integration: {
              type: 'MOCK',
              requestTemplates: {'application/json': '{"statusCode": 200}'},
              ...(vector.integrationContentHandling ? {contentHandling: vector.integrationContentHandling} : {}),
              integrationResponses: {
                '200': {
                  statusCode: '200',
                  responseParameters: {'method.response.header.Access-Control-Allow-Origin': "'*'"},
                  ...(vector.responseContentHandling ? {contentHandling: vector.responseContentHandling} : {}),
                  ...(vector.responseTemplate === null ? {} : {responseTemplates: {'application/json': vector.responseTemplate}}),
                },
              },
            },
          },
        ],
      })
      const answer = await send(api.url('/upload'), {method: 'OPTIONS', headers: {Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST', Accept: '*/*'}})
      expect(answer.status).toBe(vector.status)
      if (vector.status === 200) expect(answer.headers['access-control-allow-origin']).toBe('*')
    },
  )
})

function proxyApi(binaryMediaTypes: string[], functionName: string) {
  return deployApi(sandbox, {
    binaryMediaTypes,
    routes: [{path: '/proxy', method: 'ANY', integration: {type: 'AWS_PROXY', httpMethod: 'POST', uri: LAMBDA_URI(functionName)}}],
  })
}

describe('Lambda proxy', () => {
  it.each(vectors.lambdaProxy.request)('request with Content-Type binary: $contentTypeIsBinary → isBase64Encoded $event.isBase64Encoded', async (vector) => {
    const api = proxyApi(vector.contentTypeIsBinary ? ['application/octet-stream'] : ['image/png'], 'capture')
    const answer = await send(api.url('/proxy'), {method: 'POST', headers: {'Content-Type': 'application/octet-stream'}, body: BINARY})
    expect(answer.status).toBe(200)
    const event = proxyFunction.events.at(-1)
    expect(event.isBase64Encoded).toBe(vector.event.isBase64Encoded)
    if (vector.event.isBase64Encoded) expect(Buffer.from(event.body, 'base64')).toEqual(BINARY)
    else expect(Buffer.from(event.body, 'utf8')).toEqual(BINARY_AS_TEXT)
  })

  it.each(vectors.lambdaProxy.response)('isBase64Encoded $returnedIsBase64Encoded, Accept binary $acceptIsBinary → $outcome', async (vector) => {
    proxyAnswer = {isBase64Encoded: vector.returnedIsBase64Encoded, body: BINARY.toString('base64')}
    const api = proxyApi(['image/png'], 'answering')
    const answer = await send(api.url('/proxy'), {headers: {Accept: vector.acceptIsBinary ? 'image/png' : 'text/html'}})
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual(vector.outcome === 'base64-decode' ? BINARY : Buffer.from(BINARY.toString('base64')))
  })

  it('isBase64Encoded with a body that is not base64 and a binary Accept is a 500', async () => {
    proxyAnswer = {isBase64Encoded: true, body: 'not base64 at all!'}
    const api = proxyApi(['image/png'], 'answering')
    const answer = await send(api.url('/proxy'), {headers: {Accept: 'image/png'}})
    expect(answer.status).toBe(500)
  })
})

describe('media-type matching, observed through a Lambda proxy', () => {
  it.each(vectors.matching.cases)('$header: $value against $binaryMediaTypes → $matches', async (vector) => {
    if (vector.header === 'Accept') {
      const api = proxyApi(vector.binaryMediaTypes, 'binary-result')
      const answer = await send(api.url('/proxy'), {headers: vector.value === null ? {} : {Accept: vector.value}})
      expect(answer.body).toEqual(vector.matches ? BINARY : Buffer.from(BINARY.toString('base64')))
    } else {
      const api = proxyApi(vector.binaryMediaTypes, 'capture')
      await send(api.url('/proxy'), {method: 'POST', headers: {'Content-Type': vector.value!}, body: '{"a": 1}'})
      expect(proxyFunction.events.at(-1).isBase64Encoded).toBe(vector.matches)
    }
  })
})
