// The answers API Gateway makes itself, as the deployed API's gateway responses shape them: the type's
// own setting, else DEFAULT_4XX/DEFAULT_5XX; status, headers from the request, its context and stage
// variables, templates chosen by Accept with $context.error; and nothing changed where the API sets nothing.
import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  DeleteGatewayResponseCommand,
  PutGatewayResponseCommand,
  type PutGatewayResponseCommandInput,
} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient} from '../../helpers/sandbox.js'
import {type DeployedApi, LAMBDA_URI, deployApi, sandboxWith, send} from './support.js'

let sandbox: Sandbox
let client: APIGatewayClient
let api: DeployedApi

const MOCK = {
  type: 'MOCK' as const,
  requestTemplates: {'application/json': '{"statusCode": 200}'},
  passthroughBehavior: 'NEVER' as const,
  integrationResponses: {'200': {statusCode: '200', responseTemplates: {'application/json': '{"ok": true}'}}},
}

beforeAll(async () => {
  sandbox = await sandboxWith()
  client = sdkClient(sandbox.url)
  api = deployApi(sandbox, {
    stageVariables: {team: 'blue'},
    routes: [
      {path: '/items/{id}', method: 'POST', integration: MOCK},
      // POST is the only method Lambda is invoked with: GET fails the integration (INTEGRATION_FAILURE).
      {path: '/broken', method: 'GET', integration: {type: 'AWS_PROXY', httpMethod: 'GET', uri: LAMBDA_URI('nobody')}},
    ],
  })
})
afterAll(async () => {
  client.destroy()
  await sandbox.close()
})

async function setOnly(...settings: Array<Omit<PutGatewayResponseCommandInput, 'restApiId'>>): Promise<void> {
  for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX', 'MISSING_AUTHENTICATION_TOKEN', 'UNSUPPORTED_MEDIA_TYPE', 'INTEGRATION_FAILURE'] as const) {
    await client.send(new DeleteGatewayResponseCommand({restApiId: api.apiId, responseType: type})).catch(() => undefined)
  }
  for (const setting of settings) await client.send(new PutGatewayResponseCommand({restApiId: api.apiId, ...setting}))
  await client.send(new CreateDeploymentCommand({restApiId: api.apiId, stageName: api.stage}))
}

const textPost = (path: string, headers: Record<string, string> = {}) =>
  send(api.url(path), {method: 'POST', headers: {'Content-Type': 'text/plain', ...headers}, body: 'hello'})

describe('an API that sets no gateway response', () => {
  beforeAll(() => setOnly())

  it('answers exactly as before: status, headers and body', async () => {
    const missing = await send(api.url('/nowhere'))
    expect(missing.status).toBe(403)
    expect(missing.text).toBe('{"message":"Missing Authentication Token"}')
    expect(missing.headers['content-type']).toBe('application/json')
    const unsupported = await textPost('/items/1')
    expect(unsupported.status).toBe(415)
    expect(unsupported.text).toBe('{"message":"Unsupported Media Type"}')
    const failed = await send(api.url('/broken'))
    expect(failed.status).toBe(500)
    expect(failed.text).toBe('{"message": "Internal server error"}')
    expect(Object.keys(failed.headers).sort()).toEqual(['connection', 'content-length', 'content-type', 'date', 'x-amz-apigw-id', 'x-amzn-errortype', 'x-amzn-requestid'])
  })
})

describe('DEFAULT_4XX and DEFAULT_5XX', () => {
  beforeAll(() =>
    setOnly(
      {responseType: 'DEFAULT_4XX', responseParameters: {'gatewayresponse.header.Access-Control-Allow-Origin': "'*'"}},
      {responseType: 'DEFAULT_5XX', statusCode: '503', responseParameters: {'gatewayresponse.header.X-Failed': "'yes'"}, responseTemplates: {'application/json': '{"failure":"$context.error.responseType"}'}},
    ),
  )

  it('adds the CORS header to every 4xx and keeps its body when it has no template', async () => {
    for (const answer of [await send(api.url('/nowhere')), await textPost('/items/1')]) {
      expect(answer.headers['access-control-allow-origin']).toBe('*')
      expect(answer.headers['x-failed']).toBeUndefined()
    }
    const missing = await send(api.url('/nowhere'))
    expect([missing.status, missing.text]).toEqual([403, '{"message":"Missing Authentication Token"}'])
  })

  it('gives a 5xx its status, header and template, naming the specific type', async () => {
    const failed = await send(api.url('/broken'))
    expect(failed.status).toBe(503)
    expect(failed.headers['x-failed']).toBe('yes')
    expect(failed.headers['access-control-allow-origin']).toBeUndefined()
    expect(failed.text).toBe('{"failure":"INTEGRATION_FAILURE"}')
    expect(failed.headers['x-amzn-errortype']).toBe('InternalServerErrorException')
  })
})

describe("a type's own gateway response", () => {
  beforeAll(() =>
    setOnly(
      {responseType: 'DEFAULT_4XX', responseParameters: {'gatewayresponse.header.X-Default': "'4xx'"}},
      {
        responseType: 'UNSUPPORTED_MEDIA_TYPE',
        statusCode: '400',
        responseParameters: {
          'gatewayresponse.header.X-Item': 'method.request.path.id',
          'gatewayresponse.header.X-Query': 'method.request.querystring.q',
          'gatewayresponse.header.X-Asked': 'method.request.header.X-Asked',
          'gatewayresponse.header.X-Stage': 'context.stage',
          'gatewayresponse.header.X-Team': 'stageVariables.team',
          'gatewayresponse.header.X-Absent': 'method.request.header.X-Absent',
        },
        responseTemplates: {
          'application/json': '{"message":$context.error.messageString,"raw":"$context.error.message","type":"$context.error.responseType","path":"$context.resourcePath"}',
          'application/xml': '<error>$context.error.message</error>',
        },
      },
    ),
  )

  it('wins over DEFAULT_4XX, reads the request and renders its template', async () => {
    const answer = await textPost('/items/42?q=find', {'X-Asked': 'please'})
    expect(answer.status).toBe(400)
    expect(answer.headers['x-default']).toBeUndefined()
    expect(answer.headers).toMatchObject({'x-item': '42', 'x-query': 'find', 'x-asked': 'please', 'x-stage': 'test', 'x-team': 'blue'})
    expect(answer.headers['x-absent']).toBeUndefined()
    expect(answer.headers['content-type']).toBe('application/json')
    expect(answer.json()).toEqual({message: 'Unsupported Media Type', raw: 'Unsupported Media Type', type: 'UNSUPPORTED_MEDIA_TYPE', path: '/items/{id}'})
  })

  it('chooses the template by Accept', async () => {
    const answer = await textPost('/items/42', {Accept: 'application/xml'})
    expect(answer.headers['content-type']).toBe('application/xml')
    expect(answer.text).toBe('<error>Unsupported Media Type</error>')
  })

  it('leaves other 4xx types to DEFAULT_4XX', async () => {
    const missing = await send(api.url('/nowhere'))
    expect(missing.headers['x-default']).toBe('4xx')
    expect(missing.status).toBe(403)
  })
})

describe('a gateway response without a status code', () => {
  beforeAll(() => setOnly({responseType: 'INTEGRATION_FAILURE', responseParameters: {'gatewayresponse.header.X-Seen': "'1'"}}))

  it("keeps the answer's status, not the type's default (recorded: test_lambda_aws_proxy_integration_non_post_method)", async () => {
    const failed = await send(api.url('/broken'))
    expect([failed.status, failed.headers['x-seen']]).toEqual([500, '1'])
  })
})

describe('gateway responses and deployments', () => {
  it('serves what the stage deployed, not what the API has since', async () => {
    await setOnly()
    await client.send(new PutGatewayResponseCommand({restApiId: api.apiId, responseType: 'DEFAULT_4XX', statusCode: '418'}))
    expect((await send(api.url('/nowhere'))).status).toBe(403)
    await client.send(new CreateDeploymentCommand({restApiId: api.apiId, stageName: api.stage}))
    expect((await send(api.url('/nowhere'))).status).toBe(418)
  })
})
