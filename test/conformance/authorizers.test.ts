// Authorizers against AWS's recorded answers: CreateAuthorizer and GetAuthorizers, a CUSTOM method naming
// one, and imports declaring them. Each test transcribes the LocalStack test of the same name
// (tests/aws/services/apigateway/test_apigateway_{api,basic,import}.py at localstack/localstack 8b9a79f0):
// the same calls, in the same order, matched under the same keys, with the test's own sorting and files.
import {readFileSync} from 'node:fs'

import {
  CreateAuthorizerCommand,
  GetAuthorizersCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway'

import {answer} from './answer.js'
import {useConformanceSandbox} from './context.js'
import {type Answer, answerTo, callerOf, restApiFixtures} from './control-plane-support.js'
import {type Deviation, type Snapshot, conformance} from './replay.js'

const DEVIATIONS: Deviation[] = []

const context = useConformanceSandbox()
const {createRestApigw} = restApiFixtures(context)
const {replay, done} = conformance('authorizers.test.ts', DEVIATIONS)
const send = answerTo(context)
const call = callerOf(context)

const definition = (name: string) => readFileSync(new URL(`../../fixtures/localstack/files/${name}`, import.meta.url), 'utf8')

// apigateway_placeholder_authorizer_lambda_invocation_arn outside AWS.
const AUTHORIZER_INVOCATION_ARN =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:account-id:function:function-name/invocations'

interface Item {
  id: string
  path: string
  resourceMethods?: Record<string, unknown>
}

/** conftest.py's import_apigw: the import (failing the test if it fails), then GetResources. */
async function importApi(body: string): Promise<Answer> {
  const imported = await send(new ImportRestApiCommand({body: new TextEncoder().encode(body), failOnWarnings: true}))
  if (imported.ResponseMetadata.HTTPStatusCode !== 201) throw new Error(`import failed: ${JSON.stringify(imported)}`)
  await call(new GetResourcesCommand({restApiId: imported.id}))
  return imported
}

async function sortedResources(restApiId: string): Promise<{items: Item[]}> {
  const resources = (await send(new GetResourcesCommand({restApiId}))) as {items: Item[]}
  resources.items = [...resources.items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return resources
}

/** The apigw_snapshot_imported_resources fixture. */
async function matchImportedResources(snapshot: Snapshot, restApiId: string, resources: {items: Item[]}): Promise<void> {
  for (const resource of resources.items) {
    for (const httpMethod of Object.keys(resource.resourceMethods ?? {})) {
      const key = `${resource.path === '/' ? 'root' : resource.path.slice(1)}-${httpMethod.toLowerCase()}`
      const method = {restApiId, resourceId: resource.id, httpMethod}
      snapshot.match(`method-${key}`, await answer(context.client.send(new GetMethodCommand(method))))
      snapshot.match(`method-response-${key}`, await answer(context.client.send(new GetMethodResponseCommand({...method, statusCode: '200'}))))
      snapshot.match(`integration-${key}`, await answer(context.client.send(new GetIntegrationCommand(method))))
      snapshot.match(`integration-response-${key}`, await answer(context.client.send(new GetIntegrationResponseCommand({...method, statusCode: '200'}))))
    }
  }
}

describe('authorizers', () => {
  replay('test_apigateway_api.py::TestApiGatewayApiAuthorizer::test_authorizer_crud_no_api', async (snapshot) => {
    snapshot.match(
      'wrong-rest-api-id-create-authorizer',
      await send(
        new CreateAuthorizerCommand({
          restApiId: 'test-fake-rest-id',
          name: 'fake-auth-name',
          type: 'TOKEN',
          authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:myApiAuthorizer/invocations',
          identitySource: 'method.request.header.Authorization',
        }),
      ),
    )
    snapshot.match('wrong-rest-api-id-get-authorizers', await send(new GetAuthorizersCommand({restApiId: 'test-fake-rest-id'})))
  })

  replay('test_apigateway_basic.py::TestAPIGateway::test_apigateway_with_custom_authorization_method', async (snapshot) => {
    const lambdaUri = 'arn:aws:lambda:us-east-1:111111111111:function:integration-lambda'
    const {apiId} = await createRestApigw({name: 'test-api'})
    snapshot.match('api-id', {api_id: apiId})
    const rootId = (await call(new GetResourcesCommand({restApiId: apiId}))).items[0].id
    // The test's URI, with the line break and indentation its Python string continuation puts in it.
    const authorizer = await send(
      new CreateAuthorizerCommand({
        restApiId: apiId,
        name: 'lambda_authorizer',
        type: 'TOKEN',
        authorizerUri: `arn:aws:apigateway:us-east-1:lambda:path/                 2015-03-31/functions/${lambdaUri}/invocations`,
        identitySource: 'method.request.header.Auth',
      }),
    )
    snapshot.match('authorizer', authorizer)
    snapshot.match(
      'put-method-response',
      await send(new PutMethodCommand({restApiId: apiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'CUSTOM', authorizerId: authorizer.id, apiKeyRequired: true})),
    )
  })
})

describe('imports declaring authorizers', () => {
  replay('test_apigateway_import.py::TestApiGatewayImportRestApi::test_import_with_global_api_key_authorizer', async (snapshot) => {
    const imported = await importApi(definition('openapi.spec.global-auth.json').replaceAll('${authorizer_lambda_invocation_arn}', AUTHORIZER_INVOCATION_ARN))
    snapshot.match('import-swagger', imported)
    snapshot.match('get-authorizers', await send(new GetAuthorizersCommand({restApiId: imported.id})))
    const resources = await sortedResources(imported.id)
    snapshot.match('resources', resources)
    await matchImportedResources(snapshot, imported.id, resources)
  })

  replay('test_apigateway_import.py::TestApiGatewayImportRestApi::test_import_with_cognito_auth_identity_source', async (snapshot) => {
    const {region, accountId} = context.sandbox.store.state
    const imported = await importApi(definition('openapi.cognito-auth.json').replaceAll('${cognito_pool_arn}', `arn:aws:cognito-idp:${region}:${accountId}:userpool/${region}_ABC123`))
    snapshot.match('import-swagger', imported)
    const authorizers = (await send(new GetAuthorizersCommand({restApiId: imported.id}))).items as Array<{name: string}>
    snapshot.match('get-authorizers', [...authorizers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
    const resources = await sortedResources(imported.id)
    snapshot.match('resources', resources)
    await matchImportedResources(snapshot, imported.id, resources)
  })
})

done()
