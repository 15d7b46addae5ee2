// The developer guide's request-validation sample (fixtures/apis/request-validation-sample.swagger.json,
// "OpenAPI definitions of a sample API with basic request validation"), imported into the sandbox and
// deployed: the requests of the guide's "Test basic request validation" page get the answers that page
// shows, and import → export → import keeps its models, validators and methods' requests.
import {readFileSync} from 'node:fs'
import {type Server, createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  GetExportCommand,
  GetModelsCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../helpers/sandbox.js'

const SAMPLE = readFileSync(new URL('../../fixtures/apis/request-validation-sample.swagger.json', import.meta.url), 'utf8')
const PETSTORE = 'http://petstore-demo-endpoint.execute-api.com/petstore/pets'

let sandbox: Sandbox
let client: APIGatewayClient
let backend: Server
let backendUrl: string
const received: Array<{method: string; url: string; body: string}> = []

beforeAll(async () => {
  sandbox = await startTestSandbox()
  client = sdkClient(sandbox.url)
  // Stands in for the sample's PetStore endpoint: says what reached it.
  backend = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({method: request.method!, url: request.url!, body: Buffer.concat(chunks).toString('utf8')})
      response.writeHead(200, {'Content-Type': 'application/json'})
      response.end('{"message": "success"}')
    })
  })
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve))
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/petstore/pets`
})

afterAll(async () => {
  client.destroy()
  await sandbox.close()
  await new Promise((resolve) => backend.close(resolve))
})

async function importAndDeploy(body: string): Promise<string> {
  const imported = await client.send(new ImportRestApiCommand({body: new TextEncoder().encode(body), failOnWarnings: false}))
  await client.send(new CreateDeploymentCommand({restApiId: imported.id!, stageName: 'testStage'}))
  return imported.id!
}

describe('the guide\'s requests', () => {
  let url: (path: string) => string

  beforeAll(async () => {
    // The backend is local, and the sample's API-key requirement is left out: API keys are not what this test is about.
    const definition = JSON.parse(SAMPLE.replaceAll(PETSTORE, backendUrl)) as {paths: Record<string, Record<string, {security?: unknown}>>}
    for (const operation of Object.values(definition.paths['/validation']!)) delete operation.security
    const restApiId = await importAndDeploy(JSON.stringify(definition))
    url = (path) => `${sandbox.url}/restapis/${restApiId}/testStage/_user_request_${path}`
  })

  const request = async (method: string, path: string, headers: Record<string, string> = {}, body?: object) => {
    const response = await fetch(url(path), {method, headers: {'Content-Type': 'application/json', Accept: 'application/json', ...headers}, body: body && JSON.stringify(body)})
    return {status: response.status, body: await response.text()}
  }

  it('passes GET /validation?q1=cat on to the integration', async () => {
    received.length = 0
    expect(await request('GET', '/validation?q1=cat')).toEqual({status: 200, body: '{"message": "success"}'})
    expect(received.map((each) => each.url)).toEqual(['/petstore/pets?type=cat'])
  })

  it('refuses GET /validation and GET /validation?q1= without calling it', async () => {
    received.length = 0
    const missing = {status: 400, body: '{"message":"Missing required request parameters: [q1]"}'}
    expect(await request('GET', '/validation')).toEqual(missing)
    expect(await request('GET', '/validation?q1=')).toEqual(missing)
    expect(received).toEqual([])
  })

  it('passes a POST with h1 and a body the model accepts', async () => {
    received.length = 0
    expect((await request('POST', '/validation', {h1: 'v1'}, {name: 'Marco', type: 'dog', price: 260})).status).toBe(200)
    expect(received.map((each) => JSON.parse(each.body))).toEqual([{name: 'Marco', type: 'dog', price: 260}])
  })

  it('refuses a POST without h1, or with h1 blank', async () => {
    const missing = {status: 400, body: '{"message":"Missing required request parameters: [h1]"}'}
    expect(await request('POST', '/validation', {}, {name: 'Marco', type: 'dog', price: 260})).toEqual(missing)
    expect(await request('POST', '/validation', {h1: ''}, {name: 'Marco', type: 'dog', price: 260})).toEqual(missing)
  })

  it('refuses a bird, and a price of 501', async () => {
    const invalid = {status: 400, body: '{"message":"Invalid request body"}'}
    expect(await request('POST', '/validation', {h1: 'v1'}, {name: 'Molly', type: 'bird', price: 269})).toEqual(invalid)
    expect(await request('POST', '/validation', {h1: 'v1'}, {name: 'Molly', type: 'dog', price: 501})).toEqual(invalid)
  })
})

/**
 * What an import must keep: the models the methods name, the validators, and each method's validator (by
 * name), models and parameters. A model no method names is not exported (the export lists the models the
 * methods name and those they name in turn: LocalStack's AWS-validated recordings test_export_*_openapi),
 * so the sample's Error model, which its responses use only inside an inline schema, does not come back.
 */
async function requestShape(restApiId: string) {
  const resources = (await client.send(new GetResourcesCommand({restApiId, embed: ['methods']}))).items ?? []
  const methods = resources.flatMap((resource) => Object.values(resource.resourceMethods ?? {}))
  const named = new Set(methods.flatMap((method) => Object.values(method.requestModels ?? {})))
  const models = ((await client.send(new GetModelsCommand({restApiId}))).items ?? []).filter((model) => named.has(model.name!))
  const validators = (await client.send(new GetRequestValidatorsCommand({restApiId}))).items ?? []
  const nameOf = new Map(validators.map((validator) => [validator.id, validator.name]))
  return {
    models: Object.fromEntries(models.map((model) => [model.name, JSON.parse(model.schema!)])),
    validators: Object.fromEntries(validators.map((validator) => [validator.name, [validator.validateRequestBody, validator.validateRequestParameters]])),
    methods: Object.fromEntries(
      resources.flatMap((resource) =>
        Object.values(resource.resourceMethods ?? {}).map((method) => [
          `${method.httpMethod} ${resource.path}`,
          {validator: nameOf.get(method.requestValidatorId), models: method.requestModels, parameters: method.requestParameters},
        ]),
      ),
    ),
  }
}

describe('import → export → import', () => {
  it.each(['swagger', 'oas30'])('keeps models, validators and the methods\' requests through a %s export', async (exportType) => {
    const original = await importAndDeploy(SAMPLE)
    const exported = await client.send(new GetExportCommand({restApiId: original, stageName: 'testStage', exportType, parameters: {extensions: 'apigateway'}, accepts: 'application/json'}))
    const document = Buffer.from(exported.body!).toString('utf8')
    const reimported = await importAndDeploy(document)
    const before = await requestShape(original)
    expect(Object.keys(before.models)).toEqual(['RequestBodyModel'])
    expect(before.validators).toEqual({all: [true, true], 'params-only': [false, true]})
    expect(before.methods['POST /validation']).toEqual({
      validator: 'all',
      models: {'application/json': 'RequestBodyModel'},
      parameters: {'method.request.header.h1': true},
    })
    expect(before.methods['GET /validation']).toMatchObject({validator: 'params-only', parameters: {'method.request.querystring.q1': true}})
    expect(await requestShape(reimported)).toEqual(before)
    // And the second export says the same as the first, but for where the API is.
    const again = await client.send(new GetExportCommand({restApiId: reimported, stageName: 'testStage', exportType, parameters: {extensions: 'apigateway'}, accepts: 'application/json'}))
    expect(Buffer.from(again.body!).toString('utf8').replaceAll(reimported, original)).toBe(document)
  })
})
