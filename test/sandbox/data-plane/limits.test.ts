// Payload quotas and integration timeouts.
import {setTimeout as sleep} from 'node:timers/promises'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {type Backend, LAMBDA_URI, deployApi, recordingFunction, sandboxWith, send, startBackend} from './support.js'

const sized = recordingFunction((event) => ({statusCode: 200, body: String(event.body?.length ?? 0)}))
let sandbox: Sandbox
let backend: Backend

beforeAll(async () => {
  sandbox = await sandboxWith({
    sized,
    'big-proxy-result': async () => ({statusCode: 200, body: 'x'.repeat(6_300_000)}),
    'big-result': async () => 'x'.repeat(6_300_000),
    slow: async () => {
      await sleep(400)
      return {statusCode: 200, body: 'late'}
    },
  })
  backend = await startBackend((request) => ({body: String(request.body.length), delayMs: request.url.includes('slow') ? 400 : 0}))
})
afterAll(async () => {
  await sandbox.close()
  await backend.close()
})

describe("API Gateway's 10 MB payload quota", () => {
  const api = () =>
    deployApi(sandbox, {
      binaryMediaTypes: ['application/octet-stream'],
      routes: [{path: '/upload', method: 'POST', integration: {type: 'HTTP_PROXY', httpMethod: 'POST', uri: `${backend.url}/upload`}}],
    })

  it('takes a body of exactly 10,485,760 bytes', async () => {
    const answer = await send(api().url('/upload'), {method: 'POST', headers: {'Content-Type': 'application/octet-stream'}, body: Buffer.alloc(10_485_760, 7)})
    expect(answer.status).toBe(200)
    expect(answer.text).toBe('10485760')
  })

  it.each([10_485_761, 12 * 1024 * 1024])('refuses %i bytes with the front end\'s plain-text 413', async (size) => {
    const before = backend.received.length
    const answer = await send(api().url('/upload'), {method: 'POST', headers: {'Content-Type': 'application/octet-stream'}, body: Buffer.alloc(size, 7)})
    expect(answer.status).toBe(413)
    expect(answer.text).toBe('HTTP content length exceeded 10485760 bytes.')
    expect(answer.headers['content-type']).toBe('text; charset=utf-8')
    expect(answer.headers['x-amzn-errortype']).toBeUndefined()
    expect(backend.received).toHaveLength(before)
  })
})

describe("Lambda's 6 MB invocation limits", () => {
  const proxyApi = (fn: string) =>
    deployApi(sandbox, {
      binaryMediaTypes: ['application/octet-stream'],
      routes: [{path: '/f', method: 'POST', integration: {type: 'AWS_PROXY', httpMethod: 'POST', uri: LAMBDA_URI(fn)}}],
    })

  it('an event over 6,291,456 bytes (a 4.8 MB binary upload, base64-encoded) is 413 Request Too Long', async () => {
    const calls = sized.events.length
    const answer = await send(proxyApi('sized').url('/f'), {method: 'POST', headers: {'Content-Type': 'application/octet-stream'}, body: Buffer.alloc(4_800_000, 1)})
    expect(answer.status).toBe(413)
    expect(answer.text).toBe('{"message": "Request Too Long"}')
    expect(answer.headers['x-amzn-errortype']).toBe('BadRequestException')
    expect(sized.events).toHaveLength(calls)
    // The same bytes as text make a smaller event and reach the function.
    const text = await send(proxyApi('sized').url('/f'), {method: 'POST', headers: {'Content-Type': 'text/plain'}, body: Buffer.alloc(4_800_000, 0x61)})
    expect(text.status).toBe(200)
    expect(text.text).toBe('4800000')
  })

  it('a proxy result over 6,291,556 bytes is 502', async () => {
    const answer = await send(proxyApi('big-proxy-result').url('/f'), {method: 'POST'})
    expect(answer.status).toBe(502)
    expect(answer.text).toBe('{"message": "Internal server error"}')
  })

  it("a non-proxy result over the limit is Lambda's Function.ResponseSizeTooLarge error, selected by its errorMessage", async () => {
    const api = deployApi(sandbox, {
      routes: [
        {
          path: '/f',
          method: 'GET',
          integration: {
            type: 'AWS',
            httpMethod: 'POST',
            uri: LAMBDA_URI('big-result'),
            integrationResponses: {'200': {statusCode: '200'}, '502': {statusCode: '502', selectionPattern: 'Response payload size.*'}},
          },
        },
      ],
    })
    const answer = await send(api.url('/f'))
    expect(answer.status).toBe(502)
    expect(answer.json()).toMatchObject({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size (6300002 bytes) exceeded maximum allowed payload size (6291556 bytes).',
    })
  })
})

describe('integration timeouts (timeoutInMillis)', () => {
  it.each([
    ['HTTP', {type: 'HTTP' as const, httpMethod: 'GET', uri: 'BACKEND/slow', integrationResponses: {'200': {statusCode: '200'}}}],
    ['HTTP_PROXY', {type: 'HTTP_PROXY' as const, httpMethod: 'GET', uri: 'BACKEND/slow'}],
    ['AWS', {type: 'AWS' as const, httpMethod: 'POST', uri: LAMBDA_URI('slow'), integrationResponses: {'200': {statusCode: '200'}}}],
    ['AWS_PROXY', {type: 'AWS_PROXY' as const, httpMethod: 'POST', uri: LAMBDA_URI('slow')}],
  ])('%s: no answer within the timeout is 504 Endpoint request timed out', async (_, integration) => {
    const api = deployApi(sandbox, {routes: [{path: '/slow', method: 'GET', integration: {...integration, uri: integration.uri.replace('BACKEND', backend.url), timeoutInMillis: 100}}]})
    const started = Date.now()
    const answer = await send(api.url('/slow'))
    expect(answer.status).toBe(504)
    expect(answer.text).toBe('{"message": "Endpoint request timed out"}')
    expect(answer.headers['x-amzn-errortype']).toBe('InternalServerErrorException')
    expect(Date.now() - started).toBeLessThan(390)
  })
})
