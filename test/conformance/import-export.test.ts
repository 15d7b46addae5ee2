// Import (ImportRestApi, PutRestApi) and export (GetExport) against AWS's recorded answers. Each test
// transcribes the LocalStack test of the same name (tests/aws/services/apigateway/test_apigateway_import.py
// and test_apigateway_extended.py at localstack/localstack 8b9a79f0): the same calls, in the same order,
// matched under the same keys, with the test's own sorting. The definitions are the test's own files
// (fixtures/localstack/files), with the test's own replacements.
import {readFileSync} from 'node:fs'
import {type Server, createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetAuthorizersCommand,
  GetExportCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  GetModelsCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
} from '@aws-sdk/client-api-gateway'

import {stageBaseUrl} from '../../src/core/stage-url.js'
import {answer} from './answer.js'
import {shortUid, useConformanceSandbox} from './context.js'
import {type Deviation, type Snapshot, conformance} from './replay.js'

const DEVIATIONS: Deviation[] = []

const context = useConformanceSandbox()
const {replay, done} = conformance('import-export.test.ts', DEVIATIONS)

const IMPORT = 'test_apigateway_import.py::TestApiGatewayImportRestApi::'
const EXTENDED = 'test_apigateway_extended.py::'

/** A definition file the LocalStack tests import, as text. */
const definition = (name: string) => readFileSync(new URL(`../../fixtures/localstack/files/${name}`, import.meta.url), 'utf8')
const bytes = (text: string) => new TextEncoder().encode(text)

// apigateway_placeholder_authorizer_lambda_invocation_arn outside AWS, and a role standing in for lambda_su_role.
const AUTHORIZER_INVOCATION_ARN =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:account-id:function:function-name/invocations'
const LAMBDA_ROLE = 'arn:aws:iam::123456789012:role/lambda-su-role'

const client = (): APIGatewayClient => context.client
const region = () => context.sandbox.store.state.region

interface Item {
  id: string
  path: string
  resourceMethods?: Record<string, unknown>
}

/** conftest.py's import_apigw (apigateway_fixtures.import_rest_api): the import, then GetResources for the root. */
async function importApi(input: {body: string; failOnWarnings?: boolean; parameters?: Record<string, string>}): Promise<{id: string}> {
  const imported = (await answer(client().send(new ImportRestApiCommand({...input, body: bytes(input.body)})))) as {id: string; ResponseMetadata: {HTTPStatusCode: number}}
  if (imported.ResponseMetadata.HTTPStatusCode !== 201) throw new Error(`import failed: ${JSON.stringify(imported)}`)
  await client().send(new GetResourcesCommand({restApiId: imported.id}))
  return imported
}

/** GetResources with the items sorted by path, as the tests sort them. */
async function sortedResources(restApiId: string): Promise<{items: Item[]}> {
  const resources = (await answer(client().send(new GetResourcesCommand({restApiId})))) as {items: Item[]}
  resources.items = [...resources.items].sort((a, b) => compare(a.path, b.path))
  return resources
}

/** The apigw_snapshot_imported_resources fixture: method, method response, integration and integration response of every method. */
async function matchImportedResources(snapshot: Snapshot, restApiId: string, resources: {items: Item[]}, prefix = ''): Promise<void> {
  for (const resource of resources.items) {
    for (const httpMethod of Object.keys(resource.resourceMethods ?? {})) {
      const key = `${resource.path === '/' ? 'root' : resource.path.slice(1)}-${httpMethod.toLowerCase()}`
      const method = {restApiId, resourceId: resource.id, httpMethod}
      snapshot.match(`${prefix}method-${key}`, await answer(client().send(new GetMethodCommand(method))))
      snapshot.match(`${prefix}method-response-${key}`, await answer(client().send(new GetMethodResponseCommand({...method, statusCode: '200'}))))
      snapshot.match(`${prefix}integration-${key}`, await answer(client().send(new GetIntegrationCommand(method))))
      snapshot.match(`${prefix}integration-response-${key}`, await answer(client().send(new GetIntegrationResponseCommand({...method, statusCode: '200'}))))
    }
  }
}

async function sortedModels(restApiId: string) {
  const models = (await answer(client().send(new GetModelsCommand({restApiId})))) as {items: Array<{name: string}>}
  models.items = [...models.items].sort((a, b) => compare(a.name, b.name))
  return models
}

/** apigateway_fixtures.api_invoke_url against the sandbox. */
const invokeUrl = (restApiId: string, stage: string, path: string) =>
  `${stageBaseUrl({restApiId, region: region(), stage, endpointUrl: context.sandbox.url})}${path}`

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

describe('ImportRestApi and PutRestApi', () => {
  replay(`${IMPORT}test_import_rest_api`, async (snapshot) => {
    const response = await importApi({body: definition('openapi.spec.pulumi.json'), failOnWarnings: true})
    snapshot.match('import_rest_api', response)
  })

  replay(`${IMPORT}test_import_swagger_api`, async (snapshot) => {
    const spec = definition('petstore-authorizer.swagger.json')
      .replaceAll('${uri}', `http://petstore.execute-api.${region()}.amazonaws.com/petstore/pets`)
      // The test also swaps the file's authorizer URI for the placeholder one, which outside AWS is the same text.
      .replaceAll('arn:aws:iam::account-id:role', LAMBDA_ROLE)
    const response = await importApi({body: spec, failOnWarnings: true})
    snapshot.match('import-swagger', response)
    const restApiId = response.id
    const authorizers = (await answer(client().send(new GetAuthorizersCommand({restApiId})))) as {items: Array<{name: string}>}
    authorizers.items = [...authorizers.items].sort((a, b) => compare(a.name, b.name))
    snapshot.match('get-authorizers', authorizers)
    snapshot.match('get-models', await sortedModels(restApiId))
    const resources = await sortedResources(restApiId)
    snapshot.match('resources', resources)
    await matchImportedResources(snapshot, restApiId, resources)
  })

  for (const file of ['openapi.spec.tf.json', 'swagger-mock-cors.json']) {
    replay(`${IMPORT}test_import_and_validate_rest_api[${file}]`, async (snapshot) => {
      const response = await importApi({body: definition(file), failOnWarnings: true})
      snapshot.match('import_tf_rest_api', response)
      const restApiId = response.id
      snapshot.match('get-models', await sortedModels(restApiId))
      const resources = await sortedResources(restApiId)
      snapshot.match('resources', resources)
      await matchImportedResources(snapshot, restApiId, resources)
    })
  }

  for (const basePath of ['ignore', 'prepend', 'split']) {
    replay(`${IMPORT}test_import_rest_apis_with_base_path_swagger[${basePath}]`, async (snapshot) => {
      const created = (await answer(client().send(new CreateRestApiCommand({name: `restapi-${shortUid()}`})))) as {id: string}
      const spec = definition('swagger.json')
        .replaceAll(
          'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:myapi-authorizer-0-22ad13b/invocations',
          AUTHORIZER_INVOCATION_ARN,
        )
        .replaceAll('arn:aws:iam::000000000000:role/myapi-authorizer-0-authorizer-role-3bd761a', LAMBDA_ROLE)
      const parameters = {basepath: basePath}
      const put = await answer(client().send(new PutRestApiCommand({restApiId: created.id, body: bytes(spec), mode: 'overwrite', parameters})))
      snapshot.match('put-rest-api-swagger-json', put)
      const resources = await sortedResources(created.id)
      snapshot.match('get-resources-swagger-json', resources)
      await matchImportedResources(snapshot, created.id, resources)

      // pets.json has no basePath.
      const second = await importApi({body: definition('pets.json'), parameters})
      const secondResources = await sortedResources(second.id)
      snapshot.match('get-resources-no-base-path-swagger', secondResources)
      await matchImportedResources(snapshot, second.id, secondResources)
    })
  }

  for (const basePath of ['ignore', 'prepend', 'split']) {
    replay(`${IMPORT}test_import_rest_api_with_base_path_oas30[${basePath}]`, async (snapshot) => {
      const created = (await answer(client().send(new CreateRestApiCommand({name: `restapi-${shortUid()}`})))) as {id: string}
      const restApiId = created.id
      const parameters = {basepath: basePath}
      const putVariable = await answer(
        client().send(new PutRestApiCommand({restApiId, body: bytes(definition('openapi-basepath-server-variable.yaml')), mode: 'overwrite', parameters})),
      )
      snapshot.match('put-rest-api-oas30-srv-var', putVariable)
      const variableResources = await sortedResources(restApiId)
      snapshot.match('get-resources-oas30-srv-var', variableResources)
      await matchImportedResources(snapshot, restApiId, variableResources, 'srv-var-')

      // The file's basePath variable is /base-var.
      await client().send(new CreateDeploymentCommand({restApiId, stageName: 'dev'}))
      const variablePath = basePath === 'prepend' ? '/base-var/test' : '/test'
      expect((await fetch(invokeUrl(restApiId, 'dev', variablePath))).ok).toBe(true)

      const putUrl = await answer(client().send(new PutRestApiCommand({restApiId, body: bytes(definition('openapi-basepath-url.yaml')), mode: 'overwrite', parameters})))
      snapshot.match('put-rest-api-oas30-srv-url', putUrl)
      const urlResources = await sortedResources(restApiId)
      snapshot.match('get-resources-oas30-srv-url', urlResources)
      await matchImportedResources(snapshot, restApiId, urlResources, 'srv-url-')

      // The file's server URL path is /base-url/part/; split drops its top part.
      await client().send(new CreateDeploymentCommand({restApiId, stageName: 'dev'}))
      const urlPath = {ignore: '/test', prepend: '/base-url/part/test', split: '/part/test'}[basePath]!
      expect((await fetch(invokeUrl(restApiId, 'dev', urlPath))).ok).toBe(true)
    })
  }

  replay(`${IMPORT}test_import_with_stage_variables`, async (snapshot) => {
    // Outside AWS the test swaps https:// for http:// so the echo server needs no certificate.
    const spec = definition('openapi.spec.stage-variables.json').replaceAll('https://', 'http://')
    const imported = await importApi({body: spec, failOnWarnings: true})
    const restApiId = imported.id
    const echo = await startEchoServer()
    try {
      const deployment = (await client().send(new CreateDeploymentCommand({restApiId}))) as {id: string}
      await client().send(
        new CreateStageCommand({
          restApiId,
          stageName: 'v1',
          deploymentId: deployment.id,
          variables: {TestHost: echo.host, testPath: 'test-path', querystring: 'qs_key=qs_value'},
        }),
      )
      const success = await fetch(invokeUrl(restApiId, 'v1', '/path1'))
      expect(success.ok).toBe(true)
      const echoed = (await success.json()) as Record<string, unknown>
      delete echoed.headers
      snapshot.match('get-resp-from-http', echoed)

      // Without the stage variables the integration URI is no address: an integration failure.
      await client().send(new CreateStageCommand({restApiId, stageName: 'v2', deploymentId: deployment.id}))
      const failure = await fetch(invokeUrl(restApiId, 'v2', '/path1'))
      expect(failure.status).toBe(500)
      snapshot.match('get-error-resp-from-http', {body: await failure.json(), errorType: failure.headers.get('x-amzn-ErrorType')})
    } finally {
      await echo.close()
    }
  })

  replay(`${IMPORT}test_import_with_http_method_integration`, async (snapshot) => {
    const spec = definition('openapi-http-method-integration.json').replaceAll('${lambda_invocation_arn}', AUTHORIZER_INVOCATION_ARN)
    const imported = await importApi({body: spec, failOnWarnings: true})
    const resources = await sortedResources(imported.id)
    snapshot.match('resources', resources)
    await matchImportedResources(snapshot, imported.id, resources)
  })

  replay(`${IMPORT}test_import_with_integer_http_status_code`, async (snapshot) => {
    const imported = await importApi({body: definition('openapi-method-int.spec.yaml'), failOnWarnings: true})
    const resources = await sortedResources(imported.id)
    snapshot.match('resources', resources)
    await matchImportedResources(snapshot, imported.id, resources)
  })

  for (const mode of ['merge', 'overwrite'] as const) {
    replay(`${IMPORT}test_put_rest_api_mode_binary_media_types[${mode}]`, async (snapshot) => {
      const created = (await answer(client().send(new CreateRestApiCommand({name: `test-api-${shortUid()}`, binaryMediaTypes: ['image/heif']})))) as {id: string}
      snapshot.match('create-rest-api', created)
      snapshot.match('get-rest-api', await answer(client().send(new GetRestApiCommand({restApiId: created.id}))))
      snapshot.match('put-api', await answer(client().send(new PutRestApiCommand({restApiId: created.id, body: bytes(definition('pets.json')), mode}))))
    })
  }

  replay(`${IMPORT}test_import_api_bad_file`, async (snapshot) => {
    // The Python literal after its escapes: a quoted scalar with text after it, and JSON with a quote left open.
    const badYaml = 'test:\n    value:\n        - "value ... "escaped": $var, "dt": $(var +"%a")}"\n        '
    const badJson = "{'key:value}"
    snapshot.match('import-api-bad-yaml-file', await answer(client().send(new ImportRestApiCommand({body: bytes(badYaml)}))))
    snapshot.match('import-api-bad-json-file', await answer(client().send(new ImportRestApiCommand({body: bytes(badJson)}))))
    // An API that does not exist: the body is refused first.
    snapshot.match('put-rest-api-bad-yaml-file', await answer(client().send(new PutRestApiCommand({restApiId: shortUid(), body: bytes(badYaml)}))))
    snapshot.match('put-rest-api-bad-json-file', await answer(client().send(new PutRestApiCommand({restApiId: shortUid(), body: bytes(badJson)}))))
  })
})

describe('GetExport', () => {
  const files = {TEST_IMPORT_PETSTORE_SWAGGER: 'petstore-swagger.json', TEST_IMPORT_PETS: 'pets.json'}
  for (const exportType of ['swagger', 'oas30'] as const) {
    for (const [id, file] of Object.entries(files)) {
      const test = exportType === 'swagger' ? 'test_export_swagger_openapi' : 'test_export_oas30_openapi'
      replay(`${EXTENDED}${test}[${id}]`, async (snapshot) => {
        const spec = definition(file).replaceAll('${uri}', `http://petstore.execute-api.${region()}.amazonaws.com/petstore/pets`)
        const imported = await importApi({body: spec, failOnWarnings: true})
        snapshot.match('import-api', imported)
        await client().send(new CreateDeploymentCommand({restApiId: imported.id, stageName: 'local'}))
        snapshot.match('get-export', await answer(client().send(new GetExportCommand({restApiId: imported.id, stageName: 'local', exportType}))))
        snapshot.match(
          'get-export-with-extensions',
          await answer(client().send(new GetExportCommand({restApiId: imported.id, stageName: 'local', exportType, parameters: {extensions: 'apigateway'}}))),
        )
      })
    }
  }
})

/**
 * A stand-in for LocalStack's create_echo_http_server (a Lambda function URL): it answers every request
 * with what it received, in the same shape. `host` is what the test puts in the TestHost stage variable
 * (a function URL without its scheme ends with `/`; this address does not, so no `//` reaches the path).
 */
async function startEchoServer(): Promise<{host: string; close(): Promise<void>}> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://echo')
      const body = JSON.stringify({
        args: Object.fromEntries(url.searchParams),
        data: Buffer.concat(chunks).toString('utf8'),
        domain: request.headers.host ?? '',
        headers: request.headers,
        method: request.method,
        origin: request.socket.remoteAddress ?? '',
        path: url.pathname,
      })
      response.writeHead(200, {'Content-Type': 'application/json'}).end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {host: `127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve()))}
}

done()
