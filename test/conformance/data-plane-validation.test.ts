// Request validation against AWS's recorded answers: request validators, models (circular ones too) and
// what the data plane answers for a request they refuse. Each test transcribes the LocalStack test of the
// same name (tests/aws/services/apigateway/test_apigateway_common.py and test_apigateway_import.py at
// localstack/localstack 8b9a79f0): the same calls, the same requests to the stage, matched or asserted as
// the test does. The import tests read the test's own definitions (fixtures/localstack/files).
import {readFileSync} from 'node:fs'

import {
  CreateDeploymentCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  GetModelsCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
  type PatchOperation,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateMethodCommand,
  UpdateRequestValidatorCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway'

import {answer} from './answer.js'
import {sortedBy, useConformanceSandbox} from './context.js'
import {ACCOUNT, createRestApigw, functionArn, invokeUrl, lambdaUri, standIn, useRequests} from './data-plane.js'
import {type Deviation, type Snapshot, conformance} from './replay.js'

const DEVIATIONS: Deviation[] = []

const context = useConformanceSandbox({lambdas: {lambda_aws_proxy: standIn('lambda_aws_proxy')}, accountId: ACCOUNT})
const requests = useRequests()
const {replay, done} = conformance('data-plane-validation.test.ts', DEVIATIONS)

const COMMON = 'test_apigateway_common.py::TestApiGatewayCommon::'
const IMPORT = 'test_apigateway_import.py::TestApiGatewayImportRestApi::'

const send = (command: object) => answer(context.client.send(command as never)) as Promise<Record<string, any>>
const call = (command: object) => context.client.send(command as never) as Promise<Record<string, any>>
const byName = <T>(value: T) => sortedBy(value, 'items', (item) => item.name)

/** apigw_redeploy_api: a new deployment, which the stage is then pointed at. */
async function redeploy(restApiId: string, stageName: string): Promise<void> {
  const {id} = await call(new CreateDeploymentCommand({restApiId}))
  await call(new UpdateStageCommand({restApiId, stageName, patchOperations: [{op: 'replace', path: '/deploymentId', value: id}]}))
}

/** The POST on /path with a MOCK answering {"data": "ok"} that the two reference-model tests share. */
async function mockPost(restApiId: string, resourceId: string, requestValidatorId: string, model: string): Promise<void> {
  const key = {restApiId, resourceId, httpMethod: 'POST'}
  await call(new PutMethodCommand({...key, authorizationType: 'NONE', requestValidatorId, requestModels: {'application/json': model}}))
  await call(new PutMethodResponseCommand({...key, statusCode: '200'}))
  await call(new PutIntegrationCommand({...key, type: 'MOCK', requestTemplates: {'application/json': '{"statusCode": 200}'}}))
  await call(new PutIntegrationResponseCommand({...key, statusCode: '200', selectionPattern: '', responseTemplates: {'application/json': JSON.stringify({data: 'ok'})}}))
}

function expectStatus(response: {status: number; text: string}, status: number): void {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${response.text.slice(0, 300)}`)
}

describe('TestApiGatewayCommon request validators', () => {
  replay(`${COMMON}test_api_gateway_request_validator`, async (snapshot) => {
    const fnName = 'lambda_aws_proxy'
    const lambdaArn = functionArn(fnName)
    snapshot.match('register-lambda', {fn_name: fnName, fn_arn: lambdaArn})
    const {apiId, rootId} = await createRestApigw(context, {name: 'aws lambda api'})
    const nested = await call(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'nested'}))
    const resource = await call(new CreateResourceCommand({restApiId: apiId, parentId: nested.id, pathPart: '{test}'}))
    const validator = await call(new CreateRequestValidatorCommand({restApiId: apiId, name: 'test-validator', validateRequestParameters: true, validateRequestBody: true}))
    await call(
      new CreateModelCommand({
        restApiId: apiId,
        name: 'testSchema',
        contentType: 'application/json',
        schema: JSON.stringify({
          $schema: 'http://json-schema.org/draft-04/schema#',
          title: 'testSchema',
          type: 'object',
          properties: {a: {type: 'number'}, b: {type: 'number'}},
          required: ['a', 'b'],
        }),
      }),
    )
    for (const httpMethod of ['GET', 'POST']) {
      const key = {restApiId: apiId, resourceId: resource.id, httpMethod}
      await call(
        new PutMethodCommand({
          ...key,
          authorizationType: 'NONE',
          requestValidatorId: validator.id,
          requestParameters: {'method.request.path.test': true, 'method.request.querystring.qs1': true, 'method.request.header.x-header-param': true},
          requestModels: {'application/json': 'testSchema'},
        }),
      )
      await call(new PutIntegrationCommand({...key, integrationHttpMethod: 'POST', type: 'AWS_PROXY', uri: lambdaUri(fnName)}))
      await call(new PutMethodResponseCommand({...key, statusCode: '200'}))
      await call(new PutIntegrationResponseCommand({...key, statusCode: '200'}))
    }
    const stageName = 'local'
    snapshot.match('deploy-1', await send(new CreateDeploymentCommand({restApiId: apiId, stageName})))
    const url = invokeUrl(context, apiId, stageName, '/nested/value')

    let response = await requests.post(url, {json: {a: 1, b: 2}, headers: {'x-header-param': 'test'}, params: {qs1: 'test'}})
    expect(response.ok).toBe(true)
    expect(JSON.parse(response.json().body)).toEqual({a: 1, b: 2})
    // GET request with no body
    expectStatus(await requests.get(url, {headers: {'x-header-param': 'test'}, params: {qs1: 'test'}}), 400)

    const key = {restApiId: apiId, resourceId: resource.id, httpMethod: 'POST'}
    const patch = (patchOperations: PatchOperation[]) => send(new UpdateMethodCommand({...key, patchOperations}))
    snapshot.match(
      'change-request-path-names',
      await patch([
        {op: 'add', path: '/requestParameters/method.request.path.issuer', value: 'true'},
        {op: 'remove', path: '/requestParameters/method.request.path.test', value: 'true'},
      ]),
    )
    await redeploy(apiId, stageName)
    response = await requests.post(url, {json: {test: 'test'}})
    expectStatus(response, 400)
    snapshot.match('missing-all-required-request-params-post', response.json())
    response = await requests.get(url, {params: {qs1: 'test'}})
    expectStatus(response, 400)
    snapshot.match('missing-required-headers-request-params-get', response.json())
    response = await requests.get(url, {headers: {'x-header-param': 'test'}})
    expectStatus(response, 400)
    snapshot.match('missing-required-qs-request-params-get', response.json())

    snapshot.match(
      'revert-request-path-names',
      await patch([
        {op: 'add', path: '/requestParameters/method.request.path.test', value: 'true'},
        {op: 'remove', path: '/requestParameters/method.request.path.issuer', value: 'true'},
      ]),
    )
    await redeploy(apiId, stageName)
    expectStatus(await requests.post(url, {json: {a: 1, b: 2}, headers: {'x-header-param': 'test'}, params: {qs1: 'test'}}), 200)
    response = await requests.post(url, {json: {test: 'test'}, headers: {'x-header-param': 'test'}, params: {qs1: 'test'}})
    expectStatus(response, 400)
    expect(response.json().message).toBe('Invalid request body')
    snapshot.match('invalid-request-body', response.json())
    // GET request with an empty body
    response = await requests.get(url, {headers: {'x-header-param': 'test'}, params: {qs1: 'test'}})
    expectStatus(response, 400)
    expect(response.json().message).toBe('Invalid request body')
    // GET request with an empty body, content type JSON
    expectStatus(await requests.get(url, {headers: {'Content-Type': 'application/json', 'x-header-param': 'test'}, params: {qs1: 'test'}}), 400)

    snapshot.match(
      'disable-request-validator',
      await send(
        new UpdateRequestValidatorCommand({
          restApiId: apiId,
          requestValidatorId: validator.id,
          patchOperations: [
            {op: 'replace', path: '/validateRequestBody', value: 'false'},
            {op: 'replace', path: '/validateRequestParameters', value: 'false'},
          ],
        }),
      ),
    )
    await redeploy(apiId, stageName)
    response = await requests.post(url, {json: {test: 'test'}})
    expect(response.ok).toBe(true)
    expect(JSON.parse(response.json().body)).toEqual({test: 'test'})
    expect((await requests.get(url)).ok).toBe(true)
  })

  replay(`${COMMON}test_api_gateway_request_validator_with_ref_models`, async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context, {name: 'test ref models'})
    const resource = await call(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'path'}))
    const validator = await call(new CreateRequestValidatorCommand({restApiId: apiId, name: 'test-validator', validateRequestParameters: true, validateRequestBody: true}))
    await call(
      new CreateModelCommand({
        restApiId: apiId,
        name: 'testSchema',
        contentType: 'application/json',
        schema: JSON.stringify({
          $schema: 'http://json-schema.org/draft-04/schema#',
          title: 'testSchema',
          type: 'object',
          properties: {a: {type: 'number'}, b: {type: 'number'}},
          required: ['a', 'b'],
        }),
      }),
    )
    await call(
      new CreateModelCommand({
        restApiId: apiId,
        name: 'testSchemaList',
        contentType: 'application/json',
        schema: JSON.stringify({type: 'array', items: {$ref: `https://apigateway.amazonaws.com/restapis/${apiId}/models/testSchema`}}),
      }),
    )
    snapshot.match('get-models-with-ref', byName(await send(new GetModelsCommand({restApiId: apiId}))))
    await mockPost(apiId, resource.id, validator.id, 'testSchemaList')
    await call(new CreateDeploymentCommand({restApiId: apiId, stageName: 'local'}))
    const url = invokeUrl(context, apiId, 'local', '/path')
    const success = await requests.post(url, {json: [{a: 1, b: 2}]})
    expect(success.ok).toBe(true)
    snapshot.match('successful', success.json())
    const noBody = await requests.post(url)
    expectStatus(noBody, 400)
    snapshot.match('failed-validation', noBody.json())
  })

  replay(`${COMMON}test_api_gateway_request_validator_with_ref_one_ofmodels`, async (snapshot) => {
    const {apiId, rootId} = await createRestApigw(context, {name: 'test oneOf ref models'})
    const resource = await call(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'path'}))
    const validator = await call(new CreateRequestValidatorCommand({restApiId: apiId, name: 'test-validator', validateRequestParameters: true, validateRequestBody: true}))
    await call(
      new CreateModelCommand({
        restApiId: apiId,
        name: 'StatusModel',
        contentType: 'application/json',
        schema: JSON.stringify({type: 'object', properties: {Status: {type: 'string'}, Order: {type: 'integer'}}, required: ['Status', 'Order']}),
      }),
    )
    await call(
      new CreateModelCommand({
        restApiId: apiId,
        name: 'TestModel',
        contentType: 'application/json',
        schema: JSON.stringify({
          type: 'object',
          properties: {status: {oneOf: [{type: 'null'}, {$ref: `https://apigateway.amazonaws.com/restapis/${apiId}/models/StatusModel`}]}},
          required: ['status'],
        }),
      }),
    )
    snapshot.match('get-models-with-ref', byName(await send(new GetModelsCommand({restApiId: apiId}))))
    await mockPost(apiId, resource.id, validator.id, 'TestModel')
    await call(new CreateDeploymentCommand({restApiId: apiId, stageName: 'local'}))
    const url = invokeUrl(context, apiId, 'local', '/path')
    const invoke = async (data: unknown) => {
      const response = await requests.post(url, {json: data})
      expect(response.ok).toBe(true)
      return response.json()
    }
    snapshot.match('successful', await invoke({status: null}))
    snapshot.match('successful-with-data', await invoke({status: {Status: 'works', Order: 1}}))
    const noData = await requests.post(url)
    expectStatus(noData, 400)
    snapshot.match('failed-validation-no-data', noData.json())
    const badData = await requests.post(url, {json: {badFormat: 'bla'}})
    expectStatus(badData, 400)
    snapshot.match('failed-validation-bad-data', badData.json())
  })
})

// ------------------------------------------------------------------------------------------ imports

const definition = (name: string) => readFileSync(new URL(`../../fixtures/localstack/files/${name}`, import.meta.url), 'utf8')

interface Item {
  id: string
  path: string
  resourceMethods?: Record<string, unknown>
}

/** import_apigw: the import (failing the test when refused), then GetResources. */
async function importApi(body: string): Promise<Record<string, any>> {
  const imported = await send(new ImportRestApiCommand({body: new TextEncoder().encode(body), failOnWarnings: true}))
  if (imported.ResponseMetadata.HTTPStatusCode !== 201) throw new Error(`import failed: ${JSON.stringify(imported)}`)
  await call(new GetResourcesCommand({restApiId: imported.id}))
  return imported
}

/** GetModels sorted by name, with SortingTransformer("required") applied to the schemas the session parses. */
async function sortedModels(restApiId: string) {
  const models = byName(await send(new GetModelsCommand({restApiId})))
  for (const model of models.items) model.schema = sortedBy(JSON.parse(model.schema), 'required', (name) => name)
  return models
}

/** The apigw_snapshot_imported_resources fixture: method, method response, integration and integration response of every method. */
async function matchImportedResources(snapshot: Snapshot, restApiId: string, resources: {items: Item[]}): Promise<void> {
  for (const resource of resources.items) {
    for (const httpMethod of Object.keys(resource.resourceMethods ?? {})) {
      const key = `${resource.path === '/' ? 'root' : resource.path.slice(1)}-${httpMethod.toLowerCase()}`
      const method = {restApiId, resourceId: resource.id, httpMethod}
      snapshot.match(`method-${key}`, await send(new GetMethodCommand(method)))
      snapshot.match(`method-response-${key}`, await send(new GetMethodResponseCommand({...method, statusCode: '200'})))
      snapshot.match(`integration-${key}`, await send(new GetIntegrationCommand(method)))
      snapshot.match(`integration-response-${key}`, await send(new GetIntegrationResponseCommand({...method, statusCode: '200'})))
    }
  }
}

async function sortedResources(restApiId: string): Promise<{items: Item[]}> {
  return sortedBy(await send(new GetResourcesCommand({restApiId})), 'items', (item) => item.path) as {items: Item[]}
}

describe('imports with circular models', () => {
  replay(`${IMPORT}test_import_with_circular_models`, async (snapshot) => {
    const imported = await importApi(definition('openapi.spec.circular-ref.json'))
    snapshot.match('import-api', imported)
    snapshot.match('get-models', await sortedModels(imported.id))
    const resources = await sortedResources(imported.id)
    snapshot.match('resources', resources)
    await matchImportedResources(snapshot, imported.id, resources)
  })

  replay(`${IMPORT}test_import_with_circular_models_and_request_validation`, async (snapshot) => {
    const imported = await importApi(definition('openapi.spec.circular-ref-with-request-body.json'))
    snapshot.match('import-api', imported)
    const restApiId = imported.id
    snapshot.match('get-models', await sortedModels(restApiId))
    snapshot.match('request-validators', await send(new GetRequestValidatorsCommand({restApiId})))
    const resources = await sortedResources(restApiId)
    snapshot.match('resources', resources)
    await matchImportedResources(snapshot, restApiId, resources)
    await call(new CreateDeploymentCommand({restApiId, stageName: 'dev'}))
    const url = invokeUrl(context, restApiId, 'dev', '/person')
    const valid = {name: 'Person1', b: 2, house: {randomProperty: 'this is random', contains: [{name: 'Person2', b: 3}]}}
    expect((await requests.post(url, {json: valid})).ok).toBe(true)
    let response = await requests.post(url, {json: {random: 'blabla'}})
    expect(response.status).toBe(400)
    expect(response.json().message).toBe('Invalid request body')
    const wrongNested = {
      name: 'Person1',
      b: 2,
      house: {randomProperty: 'this is random, but I follow House schema except for contains', contains: [{randomObject: 'I am not following Person schema'}]},
    }
    response = await requests.post(url, {json: wrongNested})
    expect(response.status).toBe(400)
    expect(response.json().message).toBe('Invalid request body')
  })
})

done()
