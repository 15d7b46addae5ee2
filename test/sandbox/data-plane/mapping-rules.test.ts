// Integration response selection, passthrough behaviour and template choice.
import type {IntegrationResponse, PassthroughBehavior} from '../../../src/sandbox/model.js'
import type {Sandbox} from '../../../src/sandbox/server.js'
import {type Backend, LAMBDA_URI, deployApi, sandboxWith, send, startBackend} from './support.js'

let sandbox: Sandbox
let backend: Backend

beforeAll(async () => {
  sandbox = await sandboxWith({
    succeed: async () => 'done',
    fail: async (event: any) => {
      throw new Error(event.message ?? 'failed')
    },
  })
  backend = await startBackend((request) => {
    const status = Number(new URL(request.url, 'http://b').searchParams.get('status') ?? 200)
    return {status, headers: {'Content-Type': 'text/plain'}, body: `backend ${status}`}
  })
})
afterAll(async () => {
  await sandbox.close()
  await backend.close()
})

describe('integration response selection', () => {
  const statusApi = (responses: Record<string, IntegrationResponse>, methodResponses?: string[]) =>
    deployApi(sandbox, {
      routes: [
        {
          path: '/s',
          method: 'GET',
          methodResponses,
          integration: {
            type: 'HTTP',
            httpMethod: 'GET',
            uri: `${backend.url}/s`,
            requestParameters: {'integration.request.querystring.status': 'method.request.querystring.status'},
            integrationResponses: responses,
          },
        },
      ],
    })
  const status = async (api: ReturnType<typeof statusApi>, backendStatus: number) => (await send(api.url(`/s?status=${backendStatus}`))).status

  it('matches a pattern against the whole status code, else takes the default', async () => {
    const api = statusApi({
      '200': {statusCode: '200'},
      '201': {statusCode: '201', selectionPattern: '20'},
      '404': {statusCode: '404', selectionPattern: '4\\d{2}'},
      '502': {statusCode: '502', selectionPattern: '5\\d'},
    })
    expect(await status(api, 404)).toBe(404)
    expect(await status(api, 418)).toBe(404)
    // `20` does not match 200 or 201, `5\d` not 500: the whole string must match.
    expect(await status(api, 201)).toBe(200)
    expect(await status(api, 500)).toBe(200)
  })

  it('no matching pattern and no default, or no integration responses at all: 500', async () => {
    expect(await status(statusApi({'404': {statusCode: '404', selectionPattern: '404'}}), 200)).toBe(500)
    expect(await status(statusApi({}), 200)).toBe(500)
  })

  it('an integration response whose status code has no method response: 500', async () => {
    expect(await status(statusApi({'200': {statusCode: '200'}}, []), 200)).toBe(500)
  })

  it('an invalid pattern never matches', async () => {
    expect(await status(statusApi({'200': {statusCode: '200'}, '400': {statusCode: '400', selectionPattern: '4(\\d'}}), 400)).toBe(200)
  })

  const lambdaApi = (fn: string, responses: Record<string, IntegrationResponse>) =>
    deployApi(sandbox, {
      routes: [{path: '/l', method: 'POST', integration: {type: 'AWS', httpMethod: 'POST', uri: LAMBDA_URI(fn), integrationResponses: responses}}],
    })
  const invoke = (api: ReturnType<typeof lambdaApi>, body = '{}') => send(api.url('/l'), {method: 'POST', headers: {'Content-Type': 'application/json'}, body})

  it('Lambda: errorMessage is matched on failure; on success there is none, so `.+` catches only errors', async () => {
    const responses = {'200': {statusCode: '200'}, '500': {statusCode: '500', selectionPattern: '.+'}}
    expect((await invoke(lambdaApi('succeed', responses))).status).toBe(200)
    expect((await invoke(lambdaApi('fail', responses))).status).toBe(500)
    // `.` does not cross a line break: a multi-line errorMessage escapes `.+` (developer guide warning).
    expect((await invoke(lambdaApi('fail', responses), '{"message": "line 1\\nline 2"}')).status).toBe(200)
  })

  it('Lambda: a success never matches a status-code pattern such as 2\\d{2}; the default response applies', async () => {
    const answer = await invoke(lambdaApi('succeed', {'500': {statusCode: '500'}, '200': {statusCode: '200', selectionPattern: '2\\d{2}'}}))
    expect(answer.status).toBe(500)
    expect(answer.text).toBe('"done"')
  })
})

describe('passthroughBehavior and the request template', () => {
  const passthroughApi = (passthroughBehavior: PassthroughBehavior, withTemplate: boolean) =>
    deployApi(sandbox, {
      routes: [
        {
          path: '/p',
          method: 'POST',
          integration: {
            type: 'HTTP',
            httpMethod: 'POST',
            uri: `${backend.url}/p`,
            passthroughBehavior,
            ...(withTemplate ? {requestTemplates: {'application/json': '{"templated": "$input.path(\'$.v\')"}'}} : {}),
            integrationResponses: {'200': {statusCode: '200'}},
          },
        },
      ],
    })

  async function outcome(passthroughBehavior: PassthroughBehavior, withTemplate: boolean, contentType: string | undefined): Promise<string> {
    const before = backend.received.length
    const answer = await send(passthroughApi(passthroughBehavior, withTemplate).url('/p'), {
      method: 'POST',
      headers: contentType === undefined ? {} : {'Content-Type': contentType},
      body: '{"v": "x"}',
    })
    if (answer.status === 415) {
      expect(answer.text).toBe('{"message":"Unsupported Media Type"}')
      expect(answer.headers['x-amzn-errortype']).toBe('UnsupportedMediaTypeException')
      expect(backend.received).toHaveLength(before)
      return '415'
    }
    expect(answer.status).toBe(200)
    const body = backend.received.at(-1)!.body.toString()
    return body === '{"templated": "x"}' ? 'template' : body === '{"v": "x"}' ? 'passthrough' : body
  }

  // Developer guide "integration-passthrough-behaviors", example 1 (a template for application/json)
  // and example 3 (no template).
  it.each([
    [true, undefined, 'WHEN_NO_MATCH', 'template'],
    [true, undefined, 'WHEN_NO_TEMPLATES', 'template'],
    [true, undefined, 'NEVER', 'template'],
    [true, 'application/json', 'WHEN_NO_MATCH', 'template'],
    [true, 'application/json; charset=utf-8', 'NEVER', 'template'],
    [true, 'application/xml', 'WHEN_NO_MATCH', 'passthrough'],
    [true, 'application/xml', 'WHEN_NO_TEMPLATES', '415'],
    [true, 'application/xml', 'NEVER', '415'],
    [false, 'application/xml', 'WHEN_NO_MATCH', 'passthrough'],
    [false, 'application/xml', 'WHEN_NO_TEMPLATES', 'passthrough'],
    [false, 'application/xml', 'NEVER', '415'],
  ] as const)('template %s, Content-Type %s, %s → %s', async (withTemplate, contentType, behavior, expected) => {
    expect(await outcome(behavior, withTemplate, contentType)).toBe(expected)
  })
})

describe('the response template', () => {
  const templated = deployApiLater({
    'application/json': '{"kind": "json"}',
    'application/xml': '<kind>xml</kind>',
  })
  const xmlFirst = deployApiLater({'text/html': '<p>html</p>', 'application/xml': '<kind>xml</kind>'})

  function deployApiLater(responseTemplates: Record<string, string>) {
    let api: ReturnType<typeof deployApi> | undefined
    return () =>
      (api ??= deployApi(sandbox, {
        routes: [
          {
            path: '/t',
            method: 'GET',
            integration: {type: 'MOCK', requestTemplates: {'application/json': '{"statusCode": 200}'}, integrationResponses: {'200': {statusCode: '200', responseTemplates}}},
          },
        ],
      }))
  }

  it.each([
    ['application/xml', 'templated', '<kind>xml</kind>', 'application/xml'],
    ['application/xml;q=0.9, application/json', 'templated', '<kind>xml</kind>', 'application/xml'],
    ['text/html', 'templated', '{"kind": "json"}', 'application/json'],
    [undefined, 'templated', '{"kind": "json"}', 'application/json'],
    ['application/json', 'xml first', '<p>html</p>', 'text/html'],
  ] as const)('Accept %s on %s templates → %s', async (accept, which, body, contentType) => {
    const api = which === 'templated' ? templated() : xmlFirst()
    const answer = await send(api.url('/t'), {headers: accept === undefined ? {} : {Accept: accept}})
    expect(answer.text).toBe(body)
    expect(answer.headers['content-type']).toBe(contentType)
  })
})
