// responseTransferMode STREAM on the data plane: a streamified function's metadata, 8 null bytes and body
// (developer guide, response-transfer-mode-lambda.html), an HTTP_PROXY backend's body, both sent on
// chunked as they arrive and never converted; and the answers for what does not fit together.
import {createServer, request as httpRequest} from 'node:http'
import type {AddressInfo} from 'node:net'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {stageRequester} from '../../../src/http/stage-requests.js'
import type {LambdaHandler} from '../../../src/sandbox/data-plane/lambda-registry.js'
import type {Sandbox} from '../../../src/sandbox/server.js'
import {startTestSandbox} from '../../helpers/sandbox.js'
import {BINARY, BINARY_AS_TEXT, LAMBDA_URI, deployApi, send} from './support.js'

const STREAM_URI = (name: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/response-streaming-invocations`

// The runtime's global, as a handler module sees it in the function runtime.
declare const awslambda: {
  streamifyResponse(handler: (event: any, stream: NodeJS.WritableStream, context: unknown) => Promise<void>): LambdaHandler
  HttpResponseStream: {from(stream: NodeJS.WritableStream, metadata: object): NodeJS.WritableStream}
}

let scratch: string
let sandbox: Sandbox
let released: () => void = () => {}
const gate = () => new Promise<void>((resolve) => (released = resolve))
const calls: string[] = []

beforeAll(async () => {
  // Importing the runtime installs the global before the handlers below are streamified.
  await import('../../../src/sandbox/data-plane/lambda-runtime.mjs')
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-streaming-'))
  const moduleFile = join(scratch, 'streamed-module.mjs')
  writeFileSync(
    moduleFile,
    [
      'export const handler = awslambda.streamifyResponse(async (event, responseStream) => {',
      "  const stream = awslambda.HttpResponseStream.from(responseStream, {statusCode: 201, headers: {'Content-Type': 'application/octet-stream'}})",
      `  for (const byte of [${[...BINARY].join(', ')}]) stream.write(Buffer.from([byte]))`,
      '  stream.end()',
      '})',
      '',
    ].join('\n'),
  )
  const lambdas: Record<string, string | LambdaHandler> = {
    module: moduleFile,
    binary: awslambda.streamifyResponse(async (_event, responseStream) => {
      const stream = awslambda.HttpResponseStream.from(responseStream, {
        statusCode: 200,
        headers: {'Content-Type': 'image/png', 'x-foo': 'bar'},
        multiValueHeaders: {'x-mv': ['one', 'two']},
        cookies: ['c1=blue', 'c2=red'],
      })
      stream.write(BINARY.subarray(0, 4))
      stream.write(BINARY.subarray(4))
      stream.end()
    }),
    gated: awslambda.streamifyResponse(async (_event, responseStream) => {
      const stream = awslambda.HttpResponseStream.from(responseStream, {statusCode: 200, headers: {'Content-Type': 'text/event-stream'}})
      stream.write('first\n')
      await gate()
      stream.end('second\n')
    }),
    echo: awslambda.streamifyResponse(async (event, responseStream) => {
      calls.push('echo')
      const stream = awslambda.HttpResponseStream.from(responseStream, {statusCode: 200})
      stream.end(JSON.stringify({isBase64Encoded: event.isBase64Encoded, body: event.body}))
    }),
    plain: async () => {
      calls.push('plain')
      return {statusCode: 200, body: 'buffered'}
    },
    throwing: awslambda.streamifyResponse(async () => {
      throw new Error('before any metadata')
    }),
    silent: awslambda.streamifyResponse(async () => {
      await new Promise((resolve) => setTimeout(resolve, 400))
    }),
    stalls: awslambda.streamifyResponse(async (_event, responseStream) => {
      const stream = awslambda.HttpResponseStream.from(responseStream, {statusCode: 200, headers: {'Content-Type': 'application/octet-stream'}})
      stream.write(BINARY.subarray(0, 4))
      await new Promise((resolve) => setTimeout(resolve, 600))
      stream.end(BINARY.subarray(4))
    }),
    noDelimiter: awslambda.streamifyResponse(async (_event, responseStream) => {
      responseStream.end('{"statusCode": 200}')
    }),
  }
  sandbox = await startTestSandbox({lambdas})
})
afterAll(async () => {
  await sandbox.close()
  rmSync(scratch, {recursive: true, force: true})
})

const proxy = (name: string, extra: object = {}) => ({type: 'AWS_PROXY' as const, httpMethod: 'POST', uri: STREAM_URI(name), responseTransferMode: 'STREAM' as const, ...extra})

describe('AWS_PROXY with STREAM', () => {
  it('answers the metadata as status and headers and the body bytes as written, chunked, with no binary media types', async () => {
    const api = deployApi(sandbox, {routes: [{path: '/video', method: 'GET', integration: proxy('binary')}]})
    const answer = await send(api.url('/video'), {headers: {Accept: 'image/png'}})
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual(BINARY)
    expect(answer.headers['transfer-encoding']).toBe('chunked')
    expect(answer.headers['content-length']).toBeUndefined()
    expect(answer.headers['content-type']).toBe('image/png')
    expect(answer.headers['x-foo']).toBe('bar')
    expect(answer.headers['x-mv']).toBe('one, two')
    expect(answer.headers['set-cookie']).toEqual(['c1=blue', 'c2=red'])
  })

  it('runs a handler module in the function runtime thread the same way', async () => {
    const api = deployApi(sandbox, {routes: [{path: '/file', method: 'GET', integration: proxy('module')}]})
    const answer = await send(api.url('/file'), {headers: {Accept: '*/*'}})
    expect(answer.status).toBe(201)
    expect(answer.body).toEqual(BINARY)
  })

  it('sends the first bytes before the function has finished', async () => {
    const api = deployApi(sandbox, {routes: [{path: '/events', method: 'GET', integration: proxy('gated')}]})
    const seen: string[] = []
    await new Promise<void>((resolve, reject) => {
      httpRequest(api.url('/events'), (incoming) => {
        incoming.on('data', (chunk: Buffer) => {
          seen.push(chunk.toString())
          // The function waits for this before it writes the rest.
          if (seen.length === 1) released()
        })
        incoming.on('end', resolve)
        incoming.on('error', reject)
      })
        .on('error', reject)
        .end()
    })
    expect(seen[0]).toBe('first\n')
    expect(seen.join('')).toBe('first\nsecond\n')
  })

  it('still converts the request body by binaryMediaTypes', async () => {
    const api = deployApi(sandbox, {binaryMediaTypes: ['image/png'], routes: [{path: '/in', method: 'POST', integration: proxy('echo')}]})
    const binary = await send(api.url('/in'), {method: 'POST', headers: {'Content-Type': 'image/png'}, body: BINARY})
    expect(JSON.parse(binary.text)).toEqual({isBase64Encoded: true, body: BINARY.toString('base64')})
    const text = await send(api.url('/in'), {method: 'POST', headers: {'Content-Type': 'text/plain'}, body: 'hello'})
    expect(JSON.parse(text.text)).toEqual({isBase64Encoded: false, body: 'hello'})
  })

  it.each([
    ['a function that does not stream', 'plain'],
    ['a function that fails before its metadata', 'throwing'],
    ['output without the 8 null bytes', 'noDelimiter'],
  ])('%s: 502 Internal server error', async (_what, name) => {
    const api = deployApi(sandbox, {routes: [{path: '/x', method: 'GET', integration: proxy(name)}]})
    const answer = await send(api.url('/x'))
    expect(answer.status).toBe(502)
    expect(answer.text).toBe('{"message": "Internal server error"}')
  })

  it('no metadata within the integration timeout: 504', async () => {
    const api = deployApi(sandbox, {routes: [{path: '/slow', method: 'GET', integration: proxy('silent', {timeoutInMillis: 200})}]})
    const answer = await send(api.url('/slow'))
    expect(answer.status).toBe(504)
    expect(answer.text).toBe('{"message": "Endpoint request timed out"}')
  })

  it('past the integration timeout the stream is cut; verify reads what came and knows it was cut', async () => {
    const api = deployApi(sandbox, {routes: [{path: '/stalls', method: 'GET', integration: proxy('stalls', {timeoutInMillis: 300})}]})
    const answer = await stageRequester(api.url('')).send({method: 'GET', path: '/stalls', headers: {}})
    expect(answer).toMatchObject({status: 200, truncated: true})
    expect(Buffer.from(answer.body)).toEqual(BINARY.subarray(0, 4))
  })

  it("Invoke's /invocations URI with STREAM: 500, the function not invoked", async () => {
    calls.length = 0
    const api = deployApi(sandbox, {routes: [{path: '/wrong', method: 'GET', integration: {...proxy('plain'), uri: LAMBDA_URI('plain')}}]})
    const answer = await send(api.url('/wrong'))
    expect(answer.status).toBe(500)
    expect(calls).toEqual([])
  })
})

describe('a streamified function behind a BUFFERED route', () => {
  it('returns its written bytes, which are no proxy result: 502', async () => {
    const api = deployApi(sandbox, {routes: [{path: '/b', method: 'GET', integration: {type: 'AWS_PROXY', httpMethod: 'POST', uri: LAMBDA_URI('binary')}}]})
    const answer = await send(api.url('/b'))
    expect(answer.status).toBe(502)
    expect(answer.headers['content-length']).toBe(String(answer.body.length))
  })
})

describe('HTTP_PROXY with STREAM', () => {
  it("passes the backend's bytes on as they come; the same route buffered converts them to text", async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, {'Content-Type': 'application/octet-stream', 'x-backend': 'yes'})
      response.write(BINARY.subarray(0, 3))
      setTimeout(() => response.end(BINARY.subarray(3)), 20)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const backend = `http://127.0.0.1:${(server.address() as AddressInfo).port}/video`
    try {
      const api = deployApi(sandbox, {
        routes: [
          {path: '/streamed', method: 'GET', integration: {type: 'HTTP_PROXY', httpMethod: 'GET', uri: backend, responseTransferMode: 'STREAM'}},
          {path: '/buffered', method: 'GET', integration: {type: 'HTTP_PROXY', httpMethod: 'GET', uri: backend}},
        ],
      })
      const streamed = await send(api.url('/streamed'), {headers: {Accept: 'application/octet-stream'}})
      expect(streamed.status).toBe(200)
      expect(streamed.body).toEqual(BINARY)
      expect(streamed.headers['transfer-encoding']).toBe('chunked')
      expect(streamed.headers['x-backend']).toBe('yes')
      const buffered = await send(api.url('/buffered'), {headers: {Accept: 'application/octet-stream'}})
      expect(buffered.body).toEqual(BINARY_AS_TEXT)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
