// A public definition with x-amazon-apigateway-gateway-responses (fixtures/apis/dynabench-sagemaker-endpoint-auth.oas30.json,
// an API Gateway export with CORS headers on DEFAULT_4XX and DEFAULT_5XX) imported into the sandbox over
// HTTP: a request it has no route for and one whose media type it refuses come back with the API's CORS
// headers, and an export imported again keeps every gateway response.
import {readFileSync} from 'node:fs'

import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  GetExportCommand,
  GetGatewayResponsesCommand,
  ImportRestApiCommand,
} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../helpers/sandbox.js'
import {send} from '../sandbox/data-plane/support.js'

const DEFINITION = readFileSync(new URL('../../fixtures/apis/dynabench-sagemaker-endpoint-auth.oas30.json', import.meta.url))
const CORS = {
  'access-control-allow-methods': 'OPTIONS,POST',
  'access-control-allow-credentials': 'true',
  'access-control-allow-origin': 'https://dynabench.org',
  'access-control-allow-headers': 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token',
}

let sandbox: Sandbox
let client: APIGatewayClient
let apiId: string
const url = (path: string) => `${sandbox.url}/restapis/${apiId}/predict/_user_request_${path}`

beforeAll(async () => {
  sandbox = await startTestSandbox({
    lambdas: {
      // The definition's token authorizer, allowing every caller: the requests below are about what comes after it.
      ApiGatewayAuthorizerJs: async (event) => ({
        principalId: 'tester',
        policyDocument: {Version: '2012-10-17', Statement: [{Action: 'execute-api:Invoke', Effect: 'Allow', Resource: (event as {methodArn: string}).methodArn}]},
      }),
    },
  })
  client = sdkClient(sandbox.url)
  const imported = await client.send(new ImportRestApiCommand({body: DEFINITION}))
  apiId = imported.id!
  await client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'predict'}))
})
afterAll(async () => {
  client.destroy()
  await sandbox.close()
})

it('answers a path the API does not have with its DEFAULT_4XX CORS headers', async () => {
  const answer = await send(url('/no/such/route'), {headers: {Origin: 'https://dynabench.org'}})
  expect(answer.status).toBe(403)
  expect(answer.headers).toMatchObject(CORS)
  // DEFAULT_4XX sets no template: the body is API Gateway's own.
  expect(answer.text).toBe('{"message":"Missing Authentication Token"}')
})

it('answers a media type the integration refuses (passthroughBehavior never) with the same headers', async () => {
  const answer = await send(url('/?model=ts1643060001'), {
    method: 'POST',
    headers: {'Content-Type': 'text/plain', Authorization: 'allow', Origin: 'https://dynabench.org'},
    body: 'a sentence to classify',
  })
  expect(answer.status).toBe(415)
  expect(answer.headers).toMatchObject(CORS)
  expect(answer.text).toBe('{"message":"Unsupported Media Type"}')
})

it('keeps every gateway response through export and import', async () => {
  const exported = await client.send(new GetExportCommand({restApiId: apiId, stageName: 'predict', exportType: 'oas30', parameters: {extensions: 'apigateway'}, accepts: 'application/json'}))
  const document = JSON.parse(Buffer.from(exported.body!).toString('utf8'))
  expect(document['x-amazon-apigateway-gateway-responses']).toEqual(expectedExtension())
  const again = await client.send(new ImportRestApiCommand({body: Buffer.from(JSON.stringify(document))}))
  const listed = async (restApiId: string) => (await client.send(new GetGatewayResponsesCommand({restApiId}))).items
  expect(await listed(again.id!)).toEqual(await listed(apiId))
  expect((await listed(apiId))!.filter((item) => !item.defaultResponse).map((item) => item.responseType).sort()).toEqual(
    ['AUTHORIZER_CONFIGURATION_ERROR', 'AUTHORIZER_FAILURE', 'DEFAULT_4XX', 'DEFAULT_5XX'],
  )
})

/** The definition's extension, with its numeric status codes as the strings API Gateway keeps. */
function expectedExtension(): Record<string, unknown> {
  const original = JSON.parse(DEFINITION.toString('utf8'))['x-amazon-apigateway-gateway-responses'] as Record<string, {statusCode?: number}>
  return Object.fromEntries(
    Object.entries(original).map(([type, setting]) => [type, setting.statusCode === undefined ? setting : {...setting, statusCode: String(setting.statusCode)}]),
  )
}
