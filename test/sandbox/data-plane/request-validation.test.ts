// Request validation beyond what the recordings show, over HTTP: parameters left blank, the model chosen by
// content type ($default, none), draft-4 meanings ajv 8 would read otherwise, and what a deployment keeps.
import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteMethodCommand,
  DeleteRequestValidatorCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {send} from './support.js'

let sandbox: Sandbox
let client: APIGatewayClient

beforeAll(async () => {
  sandbox = await startTestSandbox()
  client = sdkClient(sandbox.url)
})

afterAll(async () => {
  client.destroy()
  await sandbox.close()
})

const INVALID_BODY = '{"message":"Invalid request body"}'

interface Api {
  restApiId: string
  resourceId: string
  validators: {all: string; body: string; parameters: string}
  url(path: string): string
}

/** An API whose /items/{id} POST answers 200 from a MOCK, validated as `method` says. */
async function apiWith(method: {validator: keyof Api['validators']; requestParameters?: Record<string, boolean>; requestModels?: Record<string, string>}, models: Record<string, object>): Promise<Api> {
  const api = await client.send(new CreateRestApiCommand({name: 'validation'}))
  const restApiId = api.id!
  const items = await client.send(new CreateResourceCommand({restApiId, parentId: api.rootResourceId!, pathPart: 'items'}))
  const item = await client.send(new CreateResourceCommand({restApiId, parentId: items.id!, pathPart: '{id}'}))
  const validator = async (name: string, body: boolean, parameters: boolean) =>
    (await client.send(new CreateRequestValidatorCommand({restApiId, name, validateRequestBody: body, validateRequestParameters: parameters}))).id!
  const validators = {all: await validator('all', true, true), body: await validator('body', true, false), parameters: await validator('parameters', false, true)}
  for (const [name, schema] of Object.entries(models)) await client.send(new CreateModelCommand({restApiId, name, contentType: 'application/json', schema: JSON.stringify(schema)}))
  const key = {restApiId, resourceId: item.id!, httpMethod: 'POST'}
  await client.send(
    new PutMethodCommand({...key, authorizationType: 'NONE', requestValidatorId: validators[method.validator], requestParameters: method.requestParameters, requestModels: method.requestModels}),
  )
  await client.send(new PutMethodResponseCommand({...key, statusCode: '200'}))
  // Without passthrough of other content types, a MOCK needs a template for each one the tests send.
  const template = '{"statusCode": 200}'
  await client.send(new PutIntegrationCommand({...key, type: 'MOCK', requestTemplates: {'application/json': template, 'text/plain': template}}))
  await client.send(new PutIntegrationResponseCommand({...key, statusCode: '200', responseTemplates: {'application/json': '{"served": true}'}}))
  await client.send(new CreateDeploymentCommand({restApiId, stageName: 'test'}))
  return {restApiId, resourceId: item.id!, validators, url: (path) => `${sandbox.url}/restapis/${restApiId}/test/_user_request_${path}`}
}

const post = (url: string, body?: string, headers: Record<string, string> = {'Content-Type': 'application/json'}) => send(url, {method: 'POST', body, headers})

describe('required request parameters', () => {
  let api: Api
  beforeAll(async () => {
    api = await apiWith(
      {
        validator: 'parameters',
        requestParameters: {
          'method.request.querystring.q': true,
          'method.request.header.X-Token': true,
          'method.request.path.id': true,
          'method.request.querystring.optional': false,
        },
      },
      {},
    )
  })

  it('passes a request that has every one, whatever the case of a header name', async () => {
    const answer = await post(api.url('/items/1?q=a'), '{}', {'Content-Type': 'application/json', 'x-token': 't'})
    expect({status: answer.status, body: answer.text}).toEqual({status: 200, body: '{"served": true}'})
  })

  it('names the missing ones in the order of their expressions, as a BAD_REQUEST_PARAMETERS answer', async () => {
    const answer = await post(api.url('/items/1'), '{}')
    expect({status: answer.status, type: answer.headers['x-amzn-errortype'], body: answer.text}).toEqual({
      status: 400,
      type: 'BadRequestException',
      body: '{"message":"Missing required request parameters: [X-Token, q]"}',
    })
  })

  it('counts a blank value as missing (developer guide: "included and not blank")', async () => {
    const answer = await post(api.url('/items/1?q='), '{}', {'Content-Type': 'application/json', 'X-Token': ' '})
    expect(answer.text).toBe('{"message":"Missing required request parameters: [X-Token, q]"}')
  })
})

describe('the body, against the model for its content type', () => {
  let api: Api
  beforeAll(async () => {
    api = await apiWith(
      {validator: 'body', requestModels: {'application/json': 'Bounded'}},
      {
        // Draft 4's boolean exclusiveMaximum, and const, which draft 4 does not have and so ignores.
        Bounded: {$schema: 'http://json-schema.org/draft-04/schema#', type: 'object', required: ['n'], properties: {n: {type: 'number', maximum: 10, exclusiveMaximum: true}, c: {const: 1}}},
      },
    )
  })

  it('validates as draft 4: exclusiveMaximum true excludes the maximum, const is no keyword', async () => {
    expect((await post(api.url('/items/1'), '{"n": 9.5, "c": 2}')).status).toBe(200)
    const refused = await post(api.url('/items/1'), '{"n": 10}')
    expect({status: refused.status, type: refused.headers['x-amzn-errortype'], body: refused.text}).toEqual({status: 400, type: 'BadRequestException', body: INVALID_BODY})
  })

  it('matches the content type by its media type, and treats a request without one as application/json', async () => {
    expect((await post(api.url('/items/1'), '{"n": 11}', {'Content-Type': 'application/json; charset=utf-8'})).text).toBe(INVALID_BODY)
    expect((await post(api.url('/items/1'), '{"n": 11}', {})).text).toBe(INVALID_BODY)
  })

  it('refuses a body that is no JSON, and holds an empty one to the model as {}', async () => {
    expect((await post(api.url('/items/1'), '{"n": 1')).text).toBe(INVALID_BODY)
    expect((await post(api.url('/items/1'))).text).toBe(INVALID_BODY)
  })

  it('does not validate a content type the method has no model for (developer guide)', async () => {
    expect((await post(api.url('/items/1'), 'not json', {'Content-Type': 'text/plain'})).status).toBe(200)
  })
})

describe('the $default model and the validator a deployment keeps', () => {
  it('uses $default for any content type without a model of its own', async () => {
    const api = await apiWith({validator: 'all', requestModels: {$default: 'Named'}}, {Named: {type: 'object', required: ['name']}})
    expect((await post(api.url('/items/1'), '{"name": "x"}', {'Content-Type': 'text/plain'})).status).toBe(200)
    expect((await post(api.url('/items/1'), '{}', {'Content-Type': 'text/plain'})).text).toBe(INVALID_BODY)
  })

  it('checks the parameters before the body', async () => {
    const api = await apiWith({validator: 'all', requestParameters: {'method.request.header.h': true}, requestModels: {'application/json': 'Named'}}, {Named: {type: 'object', required: ['name']}})
    expect((await post(api.url('/items/1'), '{}')).text).toBe('{"message":"Missing required request parameters: [h]"}')
  })

  it('validates with the validator as deployed, deleted since or not', async () => {
    const api = await apiWith({validator: 'body', requestModels: {'application/json': 'Named'}}, {Named: {type: 'object', required: ['name']}})
    await client.send(new DeleteMethodCommand({restApiId: api.restApiId, resourceId: api.resourceId, httpMethod: 'POST'}))
    await client.send(new DeleteRequestValidatorCommand({restApiId: api.restApiId, requestValidatorId: api.validators.body}))
    expect((await post(api.url('/items/1'), '{}')).text).toBe(INVALID_BODY)
  })
})
