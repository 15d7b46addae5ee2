// Which resource and method a request reaches, and what a request that reaches none gets back.
import type {Sandbox} from '../../../src/sandbox/server.js'
import {fetchCallLog} from '../../helpers/sandbox.js'
import {type DeployedApi, LAMBDA_URI, deployApi, recordingFunction, sandboxWith, send} from './support.js'

const echo = recordingFunction((event) => ({statusCode: 200, body: JSON.stringify({resource: event.resource, pathParameters: event.pathParameters})}))

/** A MOCK method that answers which route it is. */
function mock(name: string) {
  return {
    type: 'MOCK' as const,
    requestTemplates: {'application/json': '{"statusCode": 200}'},
    integrationResponses: {'200': {statusCode: '200', responseTemplates: {'application/json': `{"route": "${name}"}`}}},
  }
}

let sandbox: Sandbox
let api: DeployedApi

beforeAll(async () => {
  sandbox = await sandboxWith({echo})
  api = deployApi(sandbox, {
    routes: [
      {path: '/', method: 'GET', integration: mock('GET /')},
      {path: '/items', method: 'GET', integration: mock('GET /items')},
      {path: '/items/special', method: 'GET', integration: mock('GET /items/special')},
      {path: '/items/{id}', method: 'GET', integration: mock('GET /items/{id}')},
      {path: '/items/{id}', method: 'ANY', integration: mock('ANY /items/{id}')},
      {path: '/items/{id}/parts', method: 'GET', integration: mock('GET /items/{id}/parts')},
      {path: '/files/{proxy+}', method: 'ANY', integration: {type: 'AWS_PROXY', httpMethod: 'POST', uri: LAMBDA_URI('echo')}},
      {path: '/head-only', method: 'HEAD', integration: mock('HEAD /head-only')},
    ],
  })
})
afterAll(() => sandbox.close())

async function route(path: string, method = 'GET'): Promise<string | number> {
  const answer = await send(api.url(path), {method, headers: {Accept: 'application/json'}})
  return answer.status === 200 && method !== 'HEAD' ? answer.json().route : answer.status
}

describe('resource matching', () => {
  it('prefers a literal path part over {param}, and falls back to {param} when the literal leads nowhere', async () => {
    expect(await route('/items/special')).toBe('GET /items/special')
    expect(await route('/items/42')).toBe('GET /items/{id}')
    expect(await route('/items/special/parts')).toBe('GET /items/{id}/parts')
    expect(await route('/')).toBe('GET /')
    expect(await route('/items/')).toBe('GET /items')
  })

  it('uses the exact method before ANY, and ANY for the other methods', async () => {
    expect(await route('/items/42', 'GET')).toBe('GET /items/{id}')
    expect(await route('/items/42', 'DELETE')).toBe('ANY /items/{id}')
    expect(await route('/items/42', 'OPTIONS')).toBe('ANY /items/{id}')
  })

  it('answers HEAD only where HEAD (or ANY) is defined, never from GET', async () => {
    expect(await route('/items', 'HEAD')).toBe(403)
    expect(await route('/head-only', 'HEAD')).toBe(200)
    expect(await route('/items/1', 'HEAD')).toBe(200)
  })

  // Path parameters and paths stay percent-encoded as sent (recorded: LocalStack
  // test_lambda_aws_proxy_integration, `test%2Balias@gmail.com` in path, pathParameters and $context.path).
  it('captures {proxy+} greedily (one segment or more) with the other path parameters', async () => {
    const answer = await send(api.url('/files/a/b%20c/d.png'))
    expect(answer.json()).toEqual({resource: '/files/{proxy+}', pathParameters: {proxy: 'a/b%20c/d.png'}})
    const event = echo.events.at(-1)
    expect(event.path).toBe('/files/a/b%20c/d.png')
    expect(event.requestContext).toMatchObject({resourcePath: '/files/{proxy+}', path: '/test/files/a/b%20c/d.png', stage: 'test', httpMethod: 'GET'})
    // A greedy variable needs at least one segment.
    expect((await send(api.url('/files'))).status).toBe(403)
  })

  it('passes multi-value query strings and headers, last value in the single-value maps', async () => {
    await send(api.url('/files/x?tag=a&tag=b&one=1'), {headers: {'X-Multi': ['first', 'second'], 'X-Case': 'Kept'}})
    const event = echo.events.at(-1)
    expect(event.queryStringParameters).toEqual({tag: 'b', one: '1'})
    expect(event.multiValueQueryStringParameters).toEqual({tag: ['a', 'b'], one: ['1']})
    expect(event.headers['X-Multi']).toBe('second')
    expect(event.multiValueHeaders['X-Multi']).toEqual(['first', 'second'])
    expect(event.headers['X-Case']).toBe('Kept')
  })
})

describe('requests that reach no method', () => {
  it('an unknown resource or method: 403 Missing Authentication Token, as AWS answers', async () => {
    for (const [path, method] of [['/nowhere', 'GET'], ['/items', 'POST'], ['/items/1/parts', 'PUT']] as const) {
      const answer = await send(api.url(path), {method})
      expect(answer.status).toBe(403)
      expect(answer.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException')
      expect(answer.headers['content-type']).toBe('application/json')
      expect(answer.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/)
      expect(answer.text).toBe('{"message":"Missing Authentication Token"}')
    }
  })

  it('an unknown stage or API: 403 Forbidden', async () => {
    for (const url of [`${sandbox.url}/restapis/${api.apiId}/nostage/_user_request_/items`, `${sandbox.url}/restapis/noapi/test/_user_request_/items`]) {
      const answer = await send(url)
      expect(answer.status).toBe(403)
      expect(answer.headers['x-amzn-errortype']).toBe('ForbiddenException')
      expect(answer.text).toBe('{"message":"Forbidden"}')
    }
  })

  it('a method without an integration: 500', async () => {
    const bare = deployApi(sandbox, {routes: [{path: '/bare', method: 'GET', integration: mock('x')}]})
    const resource = [...sandbox.store.api(bare.apiId).deployments.values()][0]!.snapshot.resources.find((r) => r.path === '/bare')!
    delete resource.resourceMethods!.GET!.methodIntegration
    const answer = await send(bare.url('/bare'))
    expect(answer.status).toBe(500)
    expect(answer.text).toBe('{"message": "Internal server error"}')
  })
})

describe('the call log', () => {
  it('records each data-plane request as execute-api:Invoke, never mutating', async () => {
    await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})
    await send(api.url('/items'))
    await send(api.url('/nowhere'), {method: 'POST'})
    const log = await fetchCallLog(sandbox.url)
    expect(log).toEqual([
      {operation: 'execute-api:Invoke', method: 'GET', path: `/restapis/${api.apiId}/test/_user_request_/items`, status: 200, mutating: false, at: expect.any(Number), account: '123456789012', region: 'us-east-1'},
      {operation: 'execute-api:Invoke', method: 'POST', path: `/restapis/${api.apiId}/test/_user_request_/nowhere`, status: 403, mutating: false, at: expect.any(Number), account: '123456789012', region: 'us-east-1'},
    ])
  })
})
