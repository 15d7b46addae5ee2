// Request validators over HTTP beyond the recordings: names unique within an API, and through ImportRestApi
// and PutRestApi the document's validators, the default one and a method's own, refusals of a document that
// names one it does not define, and merge and overwrite keeping a validator's id under its name (as models
// and authorizers are kept).
import {
  type APIGatewayClient,
  CreateRequestValidatorCommand,
  CreateRestApiCommand,
  GetMethodCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
  UpdateRequestValidatorCommand,
} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'

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

const MOCK = {type: 'mock', requestTemplates: {'application/json': '{"statusCode": 200}'}, responses: {default: {statusCode: '200'}}}

function document(validators: Record<string, object>, defaultValidator: string | undefined, operations: Record<string, object>) {
  return JSON.stringify({
    openapi: '3.0.1',
    info: {title: 'validators', version: '1'},
    'x-amazon-apigateway-request-validators': validators,
    ...(defaultValidator === undefined ? {} : {'x-amazon-apigateway-request-validator': defaultValidator}),
    paths: {'/items': Object.fromEntries(Object.entries(operations).map(([method, extra]) => [method, {responses: {'200': {description: 'ok'}}, 'x-amazon-apigateway-integration': MOCK, ...extra}]))},
  })
}

const body = (text: string) => new TextEncoder().encode(text)

async function validatorNames(restApiId: string): Promise<Record<string, string | undefined>> {
  const validators = (await client.send(new GetRequestValidatorsCommand({restApiId}))).items ?? []
  const names = new Map(validators.map((validator) => [validator.id, validator.name]))
  const items = (await client.send(new GetResourcesCommand({restApiId}))).items!.find((resource) => resource.path === '/items')!
  const methods: Record<string, string | undefined> = {}
  for (const httpMethod of Object.keys(items.resourceMethods ?? {})) {
    const method = await client.send(new GetMethodCommand({restApiId, resourceId: items.id!, httpMethod}))
    methods[httpMethod] = method.requestValidatorId === undefined ? undefined : names.get(method.requestValidatorId)
  }
  return methods
}

it('gives every method the document\'s default validator, but for those naming their own', async () => {
  const imported = await client.send(
    new ImportRestApiCommand({
      body: body(
        document({all: {validateRequestBody: true, validateRequestParameters: true}, params: {validateRequestParameters: true}}, 'params', {
          get: {},
          post: {'x-amazon-apigateway-request-validator': 'all'},
        }),
      ),
    }),
  )
  expect(await validatorNames(imported.id!)).toEqual({GET: 'params', POST: 'all'})
  const validators = (await client.send(new GetRequestValidatorsCommand({restApiId: imported.id!}))).items!.map(({name, validateRequestBody, validateRequestParameters}) => ({name, validateRequestBody, validateRequestParameters}))
  expect(validators).toEqual([
    {name: 'all', validateRequestBody: true, validateRequestParameters: true},
    {name: 'params', validateRequestBody: false, validateRequestParameters: true},
  ])
})

it('refuses a document naming a validator it does not define, or one whose flags are no booleans, creating nothing', async () => {
  const before = sandbox.store.state.apis.size
  for (const text of [document({}, 'missing', {get: {}}), document({all: {validateRequestBody: 'yes'}}, undefined, {get: {}})]) {
    await expect(client.send(new ImportRestApiCommand({body: body(text)}))).rejects.toMatchObject({name: 'BadRequestException'})
  }
  expect(sandbox.store.state.apis.size).toBe(before)
})

it('keeps a validator\'s id under its name through a merge, and an overwrite drops the ones the document does not have', async () => {
  const imported = await client.send(new ImportRestApiCommand({body: body(document({keep: {validateRequestBody: true}, drop: {}}, 'keep', {get: {}}))}))
  const restApiId = imported.id!
  const idsOf = async () => Object.fromEntries(((await client.send(new GetRequestValidatorsCommand({restApiId}))).items ?? []).map((validator) => [validator.name, validator.id]))
  const first = await idsOf()
  await client.send(new PutRestApiCommand({restApiId, mode: 'merge', body: body(document({keep: {validateRequestParameters: true}, added: {}}, 'added', {post: {}}))}))
  const merged = await idsOf()
  expect(merged.keep).toBe(first.keep)
  expect(Object.keys(merged).sort()).toEqual(['added', 'drop', 'keep'])
  expect(await validatorNames(restApiId)).toEqual({GET: 'keep', POST: 'added'})
  await client.send(new PutRestApiCommand({restApiId, mode: 'overwrite', body: body(document({keep: {}}, undefined, {get: {}}))}))
  expect(Object.keys(await idsOf())).toEqual(['keep'])
  expect((await idsOf()).keep).toBe(first.keep)
  expect(await validatorNames(restApiId)).toEqual({GET: undefined})
})

it('refuses a name another validator of the API has, creating or renaming (as reported against AWS: serverless/serverless#10099)', async () => {
  const {id: restApiId} = await client.send(new CreateRestApiCommand({name: 'unique-names'}))
  const first = await client.send(new CreateRequestValidatorCommand({restApiId, name: 'first'}))
  const second = await client.send(new CreateRequestValidatorCommand({restApiId, name: 'second'}))
  const refusal = {name: 'BadRequestException', message: 'Request Validator name must be unique'}
  await expect(client.send(new CreateRequestValidatorCommand({restApiId, name: 'first'}))).rejects.toMatchObject(refusal)
  await expect(client.send(new UpdateRequestValidatorCommand({restApiId, requestValidatorId: second.id!, patchOperations: [{op: 'replace', path: '/name', value: 'first'}]}))).rejects.toMatchObject(refusal)
  // Its own name is no conflict.
  await expect(client.send(new UpdateRequestValidatorCommand({restApiId, requestValidatorId: first.id!, patchOperations: [{op: 'replace', path: '/name', value: 'first'}]}))).resolves.toMatchObject({name: 'first'})
})
