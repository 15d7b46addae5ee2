// API keys and usage plans against AWS's recorded answers. Each test transcribes the LocalStack test of
// the same name (tests/aws/services/apigateway/test_apigateway_extended.py TestApigatewayApiKeysCrud and
// test_apigateway_common.py TestUsagePlans at localstack/localstack 8b9a79f0): the same calls, in the same
// order, matched under the same keys; the stage requests asserted as the test asserts them.
import {
  CreateApiKeyCommand,
  type CreateApiKeyCommandInput,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanCommand,
  GetApiKeysCommand,
  GetUsagePlanCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateApiKeyCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway'

import {shortUid, useConformanceSandbox} from './context.js'
import {type Answer, answerTo, callerOf, restApiFixtures} from './control-plane-support.js'
import {expectStatus, invokeUrl, useRequests} from './data-plane.js'
import {type Deviation, conformance} from './replay.js'

const DEVIATIONS: Deviation[] = []

const context = useConformanceSandbox()
const {createRestApigw} = restApiFixtures(context)
const requests = useRequests()
const {replay, done} = conformance('api-keys.test.ts', DEVIATIONS)
const send = answerTo(context)
const call = callerOf(context)

/** apigw_create_api_key (and create_api_key): CreateApiKey as given; the answer, failed or not. */
const createApiKey = (input: CreateApiKeyCommandInput = {}): Promise<Answer> => send(new CreateApiKeyCommand(input))
const getApiKeys = (input: ConstructorParameters<typeof GetApiKeysCommand>[0] = {}) => send(new GetApiKeysCommand(input))

describe('TestApigatewayApiKeysCrud', () => {
  replay('test_apigateway_extended.py::TestApigatewayApiKeysCrud::test_get_api_keys', async (snapshot) => {
    const apiKeyName = `test-key-${shortUid()}`
    const apiKeyName2 = `test-key-${shortUid()}`
    snapshot.match('get-api-keys', await getApiKeys())
    snapshot.match('create-api-key', await createApiKey({name: apiKeyName}))
    snapshot.match('get-api-keys-after-create-1', await getApiKeys())
    snapshot.match('get-api-keys-wrong-name-query', await getApiKeys({nameQuery: apiKeyName2}))
    snapshot.match('get-api-keys-prefix-name-query', await getApiKeys({nameQuery: apiKeyName.slice(0, 8)}))
    snapshot.match('get-api-keys-prefix-name-query-cased', await getApiKeys({nameQuery: apiKeyName.slice(0, 8).toUpperCase()}))
    snapshot.match('get-api-keys-postfix-name-query', await getApiKeys({nameQuery: apiKeyName.slice(2)}))
    snapshot.match('get-api-keys-infix-name-query', await getApiKeys({nameQuery: apiKeyName.slice(2, 8)}))
    snapshot.match('create-api-key-2', await createApiKey({name: apiKeyName2}))
    snapshot.match('get-api-keys-after-create-2', await getApiKeys())
    snapshot.match('get-api-keys-name-query', await getApiKeys({nameQuery: apiKeyName2}))
    snapshot.match('get-api-keys-prefix-name-query-2', await getApiKeys({nameQuery: apiKeyName.slice(0, 8)}))
    const page = await getApiKeys({limit: 1})
    snapshot.match('get-apis-keys-pagination', page)
    snapshot.match('get-apis-keys-pagination-2', await getApiKeys({limit: 1, position: page.position}))
  })

  replay('test_apigateway_extended.py::TestApigatewayApiKeysCrud::test_get_usage_plan_api_keys', async (snapshot) => {
    const apiKeyName = `test-key-${shortUid()}`
    const apiKeyName2 = `test-key-${shortUid()}`
    snapshot.match('get-api-keys', await getApiKeys())
    const key = await createApiKey({name: apiKeyName})
    snapshot.match('create-api-key', key)
    const key2 = await createApiKey({name: apiKeyName2})
    snapshot.match('create-api-key-2', key2)
    snapshot.match('get-api-keys-after-create-1', await getApiKeys())
    const plan = await send(new CreateUsagePlanCommand({name: `usage-plan-${shortUid()}`}))
    snapshot.match('create-usage-plan', plan)
    const usagePlanId = plan.id as string
    const planKeys = (nameQuery?: string) => send(new GetUsagePlanKeysCommand({usagePlanId, nameQuery}))
    snapshot.match('get-up-keys-before-create', await planKeys())
    snapshot.match('create-up-key', await send(new CreateUsagePlanKeyCommand({usagePlanId, keyId: key.id, keyType: 'API_KEY'})))
    snapshot.match('create-up-key-2', await send(new CreateUsagePlanKeyCommand({usagePlanId, keyId: key2.id, keyType: 'API_KEY'})))
    snapshot.match('get-up-keys', await planKeys())
    snapshot.match('get-up-keys-name-query', await planKeys('test-key'))
    snapshot.match('get-up-keys-name-query-cased', await planKeys('TEST-key'))
    snapshot.match('get-up-keys-name-query-key-name', await planKeys(apiKeyName))
    snapshot.match('get-up-keys-bad-query', await planKeys('nothing'))
    await call(new DeleteApiKeyCommand({apiKey: key.id}))
    await call(new DeleteApiKeyCommand({apiKey: key2.id}))
    snapshot.match('get-up-keys-after-delete', await planKeys())
    snapshot.match('get-up-keys-bad-usage-plan', await send(new GetUsagePlanKeysCommand({usagePlanId: 'bad-id'})))
  })

  replay('test_apigateway_extended.py::TestApigatewayApiKeysCrud::test_negative_get_usage_plan_api_keys', async (snapshot) => {
    snapshot.match('get-api-keys-invalid-limit', await getApiKeys({limit: -1}))
    const key = await createApiKey({name: 'key-enabled-false', enabled: false})
    expect(key.enabled).toBe(false)
    snapshot.match('create-api-key', key)
    snapshot.match('update-api-key-name', await send(new UpdateApiKeyCommand({apiKey: key.id, patchOperations: [{op: 'replace', path: '/name', value: 'new-name'}]})))
  })

  replay('test_apigateway_extended.py::TestApigatewayApiKeysCrud::test_create_api_key_with_invalid_name', async (snapshot) => {
    snapshot.match('create-api-key-name-too-long', await createApiKey({name: 'a'.repeat(1025)}))
    snapshot.match('create-api-key-empty-name', await createApiKey({name: ''}))
    snapshot.match('create-api-key-no-name', await createApiKey())
  })

  replay('test_apigateway_extended.py::TestApigatewayApiKeysCrud::test_create_api_key_with_invalid_value', async (snapshot) => {
    snapshot.match('create-api-key-short-value', await createApiKey({value: 'short'}))
    snapshot.match('create-api-key-invalid-value-too-long', await createApiKey({value: 'a'.repeat(129)}))
    snapshot.match('create-api-key-empty-value', await createApiKey({value: ''}))
  })

  replay('test_apigateway_extended.py::TestApigatewayApiKeysCrud::test_update_api_key_invalid_description_length', async (snapshot) => {
    snapshot.match('create-api-key-description-too-long', await createApiKey({description: 'a'.repeat(125_001)}))
    const key = await createApiKey()
    snapshot.match(
      'update-api-key-description-too-long',
      await send(new UpdateApiKeyCommand({apiKey: key.id, patchOperations: [{op: 'replace', path: '/description', value: 'a'.repeat(125_001)}]})),
    )
  })

  replay('test_apigateway_extended.py::TestApigatewayApiKeysCrud::test_update_api_key_invalid_enabled_type', async (snapshot) => {
    const key = await createApiKey()
    snapshot.match(
      'update-api-key-invalid-enabled-type',
      await send(new UpdateApiKeyCommand({apiKey: key.id, patchOperations: [{op: 'replace', path: '/enabled', value: 'not-a-boolean'}]})),
    )
  })

  replay('test_apigateway_extended.py::TestApigatewayApiKeysCrud::test_update_api_key_immutable_field', async (snapshot) => {
    const key = await createApiKey()
    snapshot.match('update-api-key-immutable-field', await send(new UpdateApiKeyCommand({apiKey: key.id, patchOperations: [{op: 'replace', path: '/id', value: 'new-id'}]})))
  })

  replay('test_apigateway_extended.py::TestApigatewayApiKeysCrud::test_create_usage_plan_with_throttle', async (snapshot) => {
    snapshot.match(
      'create-usage-plan-burst-gt-rate',
      await send(new CreateUsagePlanCommand({name: `invalid-throttle-burst-gt-rate-${shortUid()}`, throttle: {rateLimit: 10, burstLimit: 20}})),
    )
  })
})

describe('TestUsagePlans', () => {
  replay('test_apigateway_common.py::TestUsagePlans::test_api_key_required_for_methods', async (snapshot) => {
    const {apiId, rootId} = await createRestApigw({name: 'test API key', apiKeySource: 'HEADER'})
    const {id: resourceId} = await call(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: 'test'}))
    const key = {restApiId: apiId, resourceId, httpMethod: 'GET'}
    await call(new PutMethodCommand({...key, authorizationType: 'NONE', apiKeyRequired: true}))
    await call(new PutMethodResponseCommand({...key, statusCode: '200'}))
    await call(new PutIntegrationCommand({...key, integrationHttpMethod: 'GET', type: 'MOCK', requestTemplates: {'application/json': '{"statusCode": 200}'}}))
    await call(new PutIntegrationResponseCommand({...key, statusCode: '200', selectionPattern: ''}))
    const stageName = 'dev'
    await call(new CreateDeploymentCommand({restApiId: apiId, stageName}))
    const plan = await send(
      new CreateUsagePlanCommand({
        name: `test-plan-${shortUid()}`,
        description: 'Test Usage Plan for API key',
        quota: {limit: 10, period: 'DAY', offset: 0},
        throttle: {rateLimit: 2, burstLimit: 1},
        apiStages: [{apiId, stage: stageName}],
        tags: {tag_key: 'tag_value'},
      }),
    )
    snapshot.match('create-usage-plan', plan)
    const apiKey = await createApiKey({name: `testApiKey-${shortUid()}`, enabled: true})
    snapshot.match('create-api-key', apiKey)
    snapshot.match('create-usage-plan-key', await send(new CreateUsagePlanKeyCommand({usagePlanId: plan.id, keyId: apiKey.id, keyType: 'API_KEY'})))
    const url = invokeUrl(context, apiId, stageName, '/test')
    expectStatus(await requests.get(url), 403)
    expectStatus(await requests.get(url, {headers: {'x-api-key': apiKey.value}}), 200)
    snapshot.match('update-api-key-disabled', await send(new UpdateApiKeyCommand({apiKey: apiKey.id, patchOperations: [{op: 'replace', path: '/enabled', value: 'false'}]})))
    expectStatus(await requests.get(url, {headers: {'x-api-key': apiKey.value}}), 403)
  })

  replay('test_apigateway_common.py::TestUsagePlans::test_usage_plan_crud', async (snapshot) => {
    for (const plan of (await call(new GetUsagePlansCommand({}))).items ?? []) await call(new DeleteUsagePlanCommand({usagePlanId: plan.id}))
    const {apiId, rootId} = await createRestApigw({name: `test-api-${shortUid()}`, description: 'this is my api'})
    await call(new PutMethodCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'none'}))
    await call(new PutIntegrationCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'GET', integrationHttpMethod: 'POST', type: 'HTTP', uri: 'http://127.0.0.1:9/post'}))
    const {id: deploymentId} = await call(new CreateDeploymentCommand({restApiId: apiId}))
    const {stageName: stage} = await call(new CreateStageCommand({restApiId: apiId, stageName: 'dev', deploymentId}))
    const created = await send(new CreateUsagePlanCommand({name: `test-usage-plan-${shortUid()}`, description: 'this is my usage plan', apiStages: [{apiId, stage}]}))
    snapshot.match('create-usage-plan', created)
    const usagePlanId = created.id as string
    snapshot.match('get-usage-plan', await send(new GetUsagePlanCommand({usagePlanId})))
    snapshot.match('get-usage-plans', await send(new GetUsagePlansCommand({})))
    const update = (id: string, patchOperations: {op: 'replace' | 'remove'; path: string; value?: string}[]) => send(new UpdateUsagePlanCommand({usagePlanId: id, patchOperations}))
    snapshot.match(
      'update-usage-plan',
      await update(usagePlanId, [
        {op: 'replace', path: '/throttle/burstLimit', value: '100'},
        {op: 'replace', path: '/throttle/rateLimit', value: '200'},
        {op: 'replace', path: '/quota/period', value: 'MONTH'},
        {op: 'replace', path: '/quota/limit', value: '5000'},
      ]),
    )
    snapshot.match(
      'update-wrong-id',
      await update(`${usagePlanId}1`, [
        {op: 'replace', path: '/throttle/burstLimit', value: '100'},
        {op: 'replace', path: '/throttle/rateLimit', value: '200'},
      ]),
    )
    snapshot.match('update-wrong-api-stages-no-value', await update(usagePlanId, [{op: 'remove', path: '/apiStages'}]))
    snapshot.match('update-wrong-api-stages-wrong-api', await update(usagePlanId, [{op: 'remove', path: '/apiStages', value: `${apiId}b:${stage}`}]))
    snapshot.match('update-wrong-api-stages-wrong-stage', await update(usagePlanId, [{op: 'remove', path: '/apiStages', value: `${apiId}:fakestagename`}]))
    snapshot.match('update-wrong-api-stages-wrong-value', await update(usagePlanId, [{op: 'remove', path: '/apiStages', value: 'fakevalue'}]))
    snapshot.match('get-usage-plan-after-update', await send(new GetUsagePlanCommand({usagePlanId})))
    snapshot.match('get-usage-plans-after-update', await send(new GetUsagePlansCommand({})))
  })
})

done()
