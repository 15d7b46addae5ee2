// Each integration type end to end: what reaches the backend or function, and what the client gets.
import {functionName} from '../../../src/sandbox/data-plane/integrations/lambda-invoke.js'
import type {Sandbox} from '../../../src/sandbox/server.js'
import {BINARY, BINARY_AS_TEXT, type Backend, type BackendAnswer, LAMBDA_URI, deployApi, recordingFunction, sandboxWith, send, startBackend} from './support.js'

const lambdaEvents = recordingFunction((event) => {
  if (event.fail) throw new Error(event.fail)
  return {received: event}
})
const proxy = recordingFunction((event) => {
  const wanted = event.queryStringParameters?.answer
  if (wanted === 'malformed') return {statusCode: 200, unexpected: true}
  if (wanted === 'string') return 'justAString'
  if (wanted === 'throw') throw new Error('boom')
  if (wanted === 'status-text') return {statusCode: '201'}
  return {
    statusCode: 203,
    headers: {'X-Single': 'one', 'X-Both': 'from headers', 'X-Flag': true},
    multiValueHeaders: {'X-Multi': ['a', 'b'], 'x-both': ['from multiValueHeaders']},
    body: 'proxied',
  }
})
let contextSeen: {functionName?: string; remaining?: number; requestId?: string} = {}
const callbackStyle = (event: any, context: any, callback?: (error: unknown, result: unknown) => void) => {
  contextSeen = {functionName: context.functionName, remaining: context.getRemainingTimeInMillis(), requestId: context.awsRequestId}
  setTimeout(() => callback!(null, {callback: event.value}), 5)
}

let sandbox: Sandbox
let backend: Backend

beforeAll(async () => {
  sandbox = await sandboxWith({events: lambdaEvents, proxy, 'callback-style': callbackStyle})
  backend = await startBackend((request): BackendAnswer => {
    if (request.url.startsWith('/missing')) return {status: 404, headers: {'Content-Type': 'application/json'}, body: '{"error": "nope"}'}
    return {status: 200, headers: {'Content-Type': 'application/json', 'X-Backend': 'yes', 'X-Multi': ['1', '2']}, body: '{"name": "widget", "size": {"w": 3}}'}
  })
})
afterAll(async () => {
  await sandbox.close()
  await backend.close()
})

describe('MOCK', () => {
  const mockApi = () =>
    deployApi(sandbox, {
      routes: [
        {
          path: '/mock',
          method: 'POST',
          integration: {
            type: 'MOCK',
            requestTemplates: {'application/json': '#set($code = $input.path(\'$.code\'))\n{"statusCode": $code}'},
            integrationResponses: {
              '200': {statusCode: '200', responseTemplates: {'application/json': '{"ok": true, "stage": "$context.stage"}'}, responseParameters: {'method.response.header.X-Literal': "'fixed'"}},
              '404': {statusCode: '404', selectionPattern: '4\\d{2}', responseTemplates: {'application/json': '{"ok": false}'}},
            },
          },
        },
      ],
    })

  it('selects the integration response by the statusCode the request template renders', async () => {
    const api = mockApi()
    const ok = await send(api.url('/mock'), {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"code": 200}'})
    expect(ok.status).toBe(200)
    expect(ok.json()).toEqual({ok: true, stage: 'test'})
    expect(ok.headers['x-literal']).toBe('fixed')
    expect(ok.headers['content-type']).toBe('application/json')
    const missing = await send(api.url('/mock'), {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"code": 404}'})
    expect(missing.status).toBe(404)
    expect(missing.json()).toEqual({ok: false})
  })

  it('a statusCode that is not an integer is a 500', async () => {
    const api = mockApi()
    const answer = await send(api.url('/mock'), {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"code": "\\"200\\""}'})
    expect(answer.status).toBe(500)
  })
})

describe('HTTP (non-proxy)', () => {
  const httpApi = () =>
    deployApi(sandbox, {
      stageVariables: {backend: backend.url.replace('http://', '')},
      routes: [
        {
          path: '/things/{id}',
          method: 'POST',
          integration: {
            type: 'HTTP',
            httpMethod: 'PUT',
            uri: 'http://${stageVariables.backend}/store/{thing}',
            requestParameters: {
              'integration.request.path.thing': 'method.request.path.id',
              'integration.request.querystring.q': 'method.request.querystring.search',
              'integration.request.querystring.fixed': "'literal value'",
              'integration.request.header.X-Caller': 'method.request.header.X-Client',
              'integration.request.header.X-Stage': 'context.stage',
            },
            integrationResponses: {
              '200': {
                statusCode: '200',
                responseParameters: {
                  'method.response.header.X-From-Backend': 'integration.response.header.X-Backend',
                  'method.response.header.X-Name': 'integration.response.body.name',
                  'method.response.header.X-Width': 'integration.response.body.size.w',
                },
              },
              '404': {statusCode: '404', selectionPattern: '404', responseTemplates: {'application/json': '{"missing": $input.json(\'$.error\')}'}},
            },
          },
        },
        {path: '/missing', method: 'GET', integration: {type: 'HTTP', httpMethod: 'GET', uri: `${backend.url}/missing`, integrationResponses: {'200': {statusCode: '200'}, '404': {statusCode: '404', selectionPattern: '4\\d{2}'}}}},
        {path: '/down', method: 'GET', integration: {type: 'HTTP', httpMethod: 'GET', uri: 'http://127.0.0.1:1/down', integrationResponses: {'200': {statusCode: '200'}}}},
      ],
    })

  it('sends the mapped path, query strings and headers (and only those) to the rendered URI', async () => {
    const api = httpApi()
    const answer = await send(api.url('/things/a%20b?search=red&other=x'), {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Client': 'c-1', 'X-Not-Mapped': 'no'}, body: '{"a": 1}'})
    expect(answer.status).toBe(200)
    const received = backend.received.at(-1)!
    expect(received.method).toBe('PUT')
    const url = new URL(received.url, 'http://backend')
    expect(url.pathname).toBe('/store/a%20b')
    expect([...url.searchParams]).toEqual([
      ['q', 'red'],
      ['fixed', 'literal value'],
    ])
    expect(received.headers['x-caller']).toBe('c-1')
    expect(received.headers['x-stage']).toBe('test')
    expect(received.headers['x-not-mapped']).toBeUndefined()
    expect(received.body.toString()).toBe('{"a": 1}')
    expect(answer.headers['x-from-backend']).toBe('yes')
    expect(answer.headers['x-name']).toBe('widget')
    expect(answer.headers['x-width']).toBe('3')
    // Non-proxy responses are application/json unless mapped; the backend's body passes through.
    expect(answer.headers['content-type']).toBe('application/json')
    expect(answer.json()).toEqual({name: 'widget', size: {w: 3}})
  })

  it('matches selection patterns against the backend status code', async () => {
    const api = httpApi()
    const answer = await send(api.url('/missing'))
    expect(answer.status).toBe(404)
    expect(answer.json()).toEqual({error: 'nope'})
  })

  it('an endpoint that cannot be reached is a 500', async () => {
    const answer = await send(httpApi().url('/down'))
    expect(answer.status).toBe(500)
    expect(answer.json()).toEqual({message: 'Internal server error'})
  })
})

describe('HTTP_PROXY', () => {
  const proxyApi = (binaryMediaTypes: string[]) =>
    deployApi(sandbox, {
      binaryMediaTypes,
      routes: [
        {
          path: '/p/{proxy+}',
          method: 'ANY',
          integration: {
            type: 'HTTP_PROXY',
            httpMethod: 'ANY',
            uri: `${backend.url}/upstream/{proxy}`,
            requestParameters: {'integration.request.path.proxy': 'method.request.path.proxy', 'integration.request.header.X-Added': "'added'"},
          },
        },
      ],
    })

  it('forwards method, path, every query string and header, and binary bodies byte for byte', async () => {
    const answer = await send(proxyApi(['application/octet-stream']).url('/p/a/b?x=1&x=2'), {method: 'POST', headers: {'Content-Type': 'application/octet-stream', 'X-Client': 'c'}, body: BINARY})
    const received = backend.received.at(-1)!
    expect(received.method).toBe('POST')
    expect(received.url).toBe('/upstream/a/b?x=1&x=2')
    expect(received.headers['x-client']).toBe('c')
    expect(received.headers['x-added']).toBe('added')
    expect(received.body).toEqual(BINARY)
    // The backend's status and headers come back as they are.
    expect(answer.status).toBe(200)
    expect(answer.headers['x-backend']).toBe('yes')
    expect(answer.rawHeaders.filter((_, index) => answer.rawHeaders[index - 1]?.toLowerCase() === 'x-multi')).toEqual(['1', '2'])
    expect(answer.json()).toEqual({name: 'widget', size: {w: 3}})
  })

  it('sends a body whose Content-Type is not binary as UTF-8 text', async () => {
    await send(proxyApi([]).url('/p/up'), {method: 'POST', headers: {'Content-Type': 'application/octet-stream'}, body: BINARY})
    expect(backend.received.at(-1)!.body).toEqual(BINARY_AS_TEXT)
  })
})

describe('AWS (Lambda, non-proxy)', () => {
  const lambdaApi = () =>
    deployApi(sandbox, {
      stageVariables: {fn: 'events'},
      routes: [
        {
          path: '/invoke/{id}',
          method: 'POST',
          integration: {
            type: 'AWS',
            httpMethod: 'POST',
            uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}:live/invocations',
            requestTemplates: {
              'application/json': '{"id": "$input.params(\'id\')", "q": "$input.params(\'q\')", "body": $input.json(\'$\'), "stage": "$context.stage", "fn": "$stageVariables.fn"#if($input.path(\'$.fail\')), "fail": "$input.path(\'$.fail\')"#end}',
            },
            integrationResponses: {
              '200': {statusCode: '200'},
              '400': {statusCode: '400', selectionPattern: 'Malformed.*', responseTemplates: {'application/json': '{"error": "$input.path(\'$.errorMessage\')"}'}},
            },
          },
        },
        {path: '/raw', method: 'POST', integration: {type: 'AWS', httpMethod: 'POST', uri: LAMBDA_URI('events'), integrationResponses: {'200': {statusCode: '200'}}}},
        {path: '/ghost', method: 'GET', integration: {type: 'AWS', httpMethod: 'POST', uri: LAMBDA_URI('no-such-function'), integrationResponses: {'200': {statusCode: '200'}}}},
        {path: '/malformed', method: 'GET', integration: {type: 'AWS', httpMethod: 'POST', uri: LAMBDA_URI('bad%E0%A4%'), integrationResponses: {'200': {statusCode: '200'}}}},
        {path: '/callback', method: 'POST', integration: {type: 'AWS', httpMethod: 'POST', uri: LAMBDA_URI('callback-style'), integrationResponses: {'200': {statusCode: '200'}}}},
      ],
    })

  it('invokes the function the URI names (stage variables and qualifier included) with the rendered template as the event', async () => {
    const answer = await send(lambdaApi().url('/invoke/7?q=hello'), {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"n": 1}'})
    expect(answer.status).toBe(200)
    const event = {id: '7', q: 'hello', body: {n: 1}, stage: 'test', fn: 'events'}
    expect(lambdaEvents.events.at(-1)).toEqual(event)
    // The integration response body is the JSON text of the result.
    expect(answer.json()).toEqual({received: event})
  })

  it('selects by the errorMessage of a failed invocation; the error object is the integration response body', async () => {
    const api = lambdaApi()
    const malformed = await send(api.url('/invoke/1'), {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"fail": "Malformed input"}'})
    expect(malformed.status).toBe(400)
    expect(malformed.json()).toEqual({error: 'Malformed input'})
    // An error no pattern matches goes to the default response, with Lambda's error object as its body.
    const other = await send(api.url('/invoke/1'), {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"fail": "Something else"}'})
    expect(other.status).toBe(200)
    expect(other.json()).toMatchObject({errorMessage: 'Something else', errorType: 'Error', stackTrace: expect.any(Array)})
  })

  it('passes a JSON body through as the event when no template applies, and refuses one that is not JSON', async () => {
    const api = lambdaApi()
    const passed = await send(api.url('/raw'), {method: 'POST', headers: {'Content-Type': 'text/plain'}, body: '{"plain": true}'})
    expect(passed.status).toBe(200)
    expect(lambdaEvents.events.at(-1)).toEqual({plain: true})
    // Lambda takes only JSON events; API Gateway answers its refusal with 500.
    const refused = await send(api.url('/raw'), {method: 'POST', headers: {'Content-Type': 'text/plain'}, body: 'not json'})
    expect(refused.status).toBe(500)
    expect(refused.json()).toEqual({message: 'Internal server error'})
  })

  it('a function that does not exist is a 500', async () => {
    const answer = await send(lambdaApi().url('/ghost'))
    expect(answer.status).toBe(500)
    expect(answer.headers['x-amzn-errortype']).toBe('InternalServerErrorException')
  })

  it('a function name with a malformed %-escape is a gateway 500, not a crash of the request', async () => {
    expect(functionName(LAMBDA_URI('bad%E0%A4%'), {})).toBeUndefined()
    const answer = await send(lambdaApi().url('/malformed'))
    expect(answer.status).toBe(500)
    expect(answer.json()).toEqual({message: 'Internal server error'})
    expect(answer.headers['x-amzn-errortype']).toBe('InternalServerErrorException')
  })

  it('calls callback-style handlers with a Lambda context', async () => {
    const answer = await send(lambdaApi().url('/callback'), {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"value": 5}'})
    expect(answer.json()).toEqual({callback: 5})
    expect(contextSeen.functionName).toBe('callback-style')
    expect(contextSeen.remaining).toBeGreaterThan(28_000)
    expect(contextSeen.remaining).toBeLessThanOrEqual(29_000)
    expect(contextSeen.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('AWS_PROXY', () => {
  const proxyApi = (httpMethod = 'POST') =>
    deployApi(sandbox, {
      stageVariables: {color: 'blue'},
      routes: [{path: '/pets/{id}', method: 'ANY', integration: {type: 'AWS_PROXY', httpMethod, uri: LAMBDA_URI('proxy')}}],
    })

  it('sends the v1 proxy event', async () => {
    const api = proxyApi()
    await send(api.url('/pets/9?a=1&a=2'), {method: 'PUT', headers: {'Content-Type': 'application/json', 'User-Agent': 'tests/1'}, body: '{"x": 1}'})
    const event = proxy.events.at(-1)
    expect(Object.keys(event).sort()).toEqual(
      ['body', 'headers', 'httpMethod', 'isBase64Encoded', 'multiValueHeaders', 'multiValueQueryStringParameters', 'path', 'pathParameters', 'queryStringParameters', 'requestContext', 'resource', 'stageVariables'].sort(),
    )
    expect(event).toMatchObject({
      resource: '/pets/{id}',
      path: '/pets/9',
      httpMethod: 'PUT',
      queryStringParameters: {a: '2'},
      multiValueQueryStringParameters: {a: ['1', '2']},
      pathParameters: {id: '9'},
      stageVariables: {color: 'blue'},
      body: '{"x": 1}',
      isBase64Encoded: false,
    })
    expect(event.headers['Content-Type']).toBe('application/json')
    expect(event.headers['Content-Length']).toBeUndefined()
    expect(event.requestContext).toMatchObject({
      resourcePath: '/pets/{id}',
      httpMethod: 'PUT',
      stage: 'test',
      path: '/test/pets/9',
      apiId: api.apiId,
      accountId: '123456789012',
      protocol: 'HTTP/1.1',
      identity: {sourceIp: '127.0.0.1', userAgent: 'tests/1'},
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      requestTimeEpoch: expect.any(Number),
      requestTime: expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
    })
  })

  it('a request without query string, path parameters or body gets nulls', async () => {
    const api = deployApi(sandbox, {routes: [{path: '/', method: 'GET', integration: {type: 'AWS_PROXY', httpMethod: 'POST', uri: LAMBDA_URI('proxy')}}]})
    await send(api.url('/'))
    expect(proxy.events.at(-1)).toMatchObject({queryStringParameters: null, multiValueQueryStringParameters: null, pathParameters: null, stageVariables: null, body: null})
  })

  // A name in both maps answers the multiValueHeaders values, then the headers one (recorded: LocalStack
  // test_aws_proxy_response_payload_format_validation).
  it('answers with the function result: status, headers (multiValueHeaders first, then headers), body', async () => {
    const answer = await send(proxyApi().url('/pets/1'))
    expect(answer.status).toBe(203)
    expect(answer.text).toBe('proxied')
    expect(answer.headers['x-single']).toBe('one')
    expect(answer.headers['x-flag']).toBe('true')
    expect(answer.headers['x-both']).toBe('from multiValueHeaders, from headers')
    expect(answer.headers['x-multi']).toBe('a, b')
    expect(answer.headers['content-type']).toBe('application/json')
    const created = await send(proxyApi().url('/pets/1?answer=status-text'))
    expect(created.status).toBe(201)
  })

  it('a malformed result or a thrown error is 502 Internal server error', async () => {
    for (const answerKind of ['malformed', 'string', 'throw']) {
      const answer = await send(proxyApi().url(`/pets/1?answer=${answerKind}`))
      expect({answerKind, status: answer.status, body: answer.text}).toEqual({answerKind, status: 502, body: '{"message": "Internal server error"}'})
    }
  })

  it('an integration method other than POST fails with 500', async () => {
    const answer = await send(proxyApi('GET').url('/pets/1'))
    expect(answer.status).toBe(500)
  })
})
