// Several accounts and Regions on one port: each request acts in the Region of its credential scope and the
// account of its access key id (a 12-digit key is the account), and sees only that partition's APIs.
import {request as httpRequest} from 'node:http'

import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetIntegrationCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
  NotFoundException,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {TEST_CREDENTIALS, fetchCallLog, startTestSandbox} from '../../helpers/sandbox.js'

const ACCOUNT_A = '111111111111'
const ACCOUNT_B = '222222222222'

function clientFor(endpoint: string, accessKeyId: string, region: string): APIGatewayClient {
  return new APIGatewayClient({endpoint, region, credentials: {accessKeyId, secretAccessKey: 'any'}, maxAttempts: 1})
}

/** A deployed API whose GET / answers `{"from": "<marker>"}` through a MOCK integration. */
async function deployedMockApi(client: APIGatewayClient, marker: string): Promise<string> {
  const api = await client.send(new CreateRestApiCommand({name: `mock-${marker}`}))
  const restApiId = api.id!
  const rootId = (await client.send(new GetResourcesCommand({restApiId}))).items![0]!.id!
  await client.send(new PutMethodCommand({restApiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE'}))
  await client.send(new PutIntegrationCommand({restApiId, resourceId: rootId, httpMethod: 'GET', type: 'MOCK', requestTemplates: {'application/json': '{"statusCode": 200}'}}))
  await client.send(new PutMethodResponseCommand({restApiId, resourceId: rootId, httpMethod: 'GET', statusCode: '200'}))
  await client.send(
    new PutIntegrationResponseCommand({restApiId, resourceId: rootId, httpMethod: 'GET', statusCode: '200', responseTemplates: {'application/json': `{"from": "${marker}"}`}}),
  )
  await client.send(new CreateDeploymentCommand({restApiId, stageName: 'v1'}))
  return restApiId
}

/** fetch() sends the URL's host whatever Host is given: node:http sends the one asked for. */
function getWithHost(port: number, path: string, host: string): Promise<{status: number; body: string}> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({host: '127.0.0.1', port, path, headers: {host}}, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8')}))
    })
    request.on('error', reject)
    request.end()
  })
}

describe('accounts and Regions on one port', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startTestSandbox()
  })
  afterAll(() => sandbox.close())

  it('keeps an API in the account and Region it was created in: another account or Region does not see it', async () => {
    const inA = clientFor(sandbox.url, ACCOUNT_A, 'eu-west-1')
    const created = await inA.send(new CreateRestApiCommand({name: 'only-in-a-eu'}))
    const restApiId = created.id!

    expect((await inA.send(new GetRestApiCommand({restApiId}))).name).toBe('only-in-a-eu')
    const otherAccount = clientFor(sandbox.url, ACCOUNT_B, 'eu-west-1')
    const otherRegion = clientFor(sandbox.url, ACCOUNT_A, 'us-east-1')
    // AWS's not-found message names the caller's account (store.ts).
    await expect(otherAccount.send(new GetRestApiCommand({restApiId}))).rejects.toEqual(
      expect.objectContaining({name: NotFoundException.name, message: `Invalid API identifier specified ${ACCOUNT_B}:${restApiId}`}),
    )
    await expect(otherRegion.send(new GetRestApiCommand({restApiId}))).rejects.toBeInstanceOf(NotFoundException)
    const listed = async (client: APIGatewayClient) => ((await client.send(new GetRestApisCommand({}))).items ?? []).map((item) => item.id)
    expect(await listed(inA)).toEqual([restApiId])
    expect(await listed(otherAccount)).not.toContain(restApiId)
    expect(await listed(otherRegion)).not.toContain(restApiId)
    // The default account and Region (any other key, the sandbox's Region) holds none of it.
    expect(sandbox.store.state.apis.has(restApiId)).toBe(false)
    expect(sandbox.partitions.find(ACCOUNT_A, 'eu-west-1')?.store.state.apis.has(restApiId)).toBe(true)
  })

  it('acts in the default account 123456789012 for a key that is not 12 digits, and in the Region of the signature', async () => {
    const notDigits = clientFor(sandbox.url, TEST_CREDENTIALS.accessKeyId, 'us-east-1')
    const created = await notDigits.send(new CreateRestApiCommand({name: 'default-account'}))
    expect(sandbox.store.state.apis.has(created.id!)).toBe(true)
    const thirteenDigits = clientFor(sandbox.url, '1111111111112', 'us-east-1')
    expect(((await thirteenDigits.send(new GetRestApisCommand({}))).items ?? []).map((item) => item.id)).toContain(created.id)
  })

  it("resolves ${AWS::AccountId} and ${AWS::Region} of an imported definition to the caller's account and Region", async () => {
    const client = clientFor(sandbox.url, ACCOUNT_B, 'ap-southeast-2')
    const definition = {
      openapi: '3.0.1',
      info: {title: 'variables', version: '1'},
      paths: {
        '/f': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:f/invocations',
            },
          },
        },
      },
    }
    const imported = await client.send(new ImportRestApiCommand({body: Buffer.from(JSON.stringify(definition))}))
    const resources = (await client.send(new GetResourcesCommand({restApiId: imported.id!}))).items!
    const resourceId = resources.find((resource) => resource.path === '/f')!.id!
    const integration = await client.send(new GetIntegrationCommand({restApiId: imported.id!, resourceId, httpMethod: 'GET'}))
    expect(integration.uri).toBe(`arn:aws:apigateway:ap-southeast-2:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-southeast-2:${ACCOUNT_B}:function:f/invocations`)
  })

  it('serves each API on the data plane by its id alone, by path and by execute-api Host, logged in its own account and Region', async () => {
    const inA = await deployedMockApi(clientFor(sandbox.url, ACCOUNT_A, 'eu-west-1'), 'a')
    const inB = await deployedMockApi(clientFor(sandbox.url, ACCOUNT_B, 'us-west-2'), 'b')
    await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})

    expect(await (await fetch(`${sandbox.url}/restapis/${inA}/v1/_user_request_/`)).json()).toEqual({from: 'a'})
    const byHost = await getWithHost(sandbox.port, '/v1/', `${inB}.execute-api.localhost.localstack.cloud:${sandbox.port}`)
    expect(byHost).toEqual({status: 200, body: '{"from": "b"}'})

    const log = await fetchCallLog(sandbox.url)
    expect(log).toEqual([
      expect.objectContaining({operation: 'execute-api:Invoke', status: 200, account: ACCOUNT_A, region: 'eu-west-1'}),
      expect.objectContaining({operation: 'execute-api:Invoke', status: 200, account: ACCOUNT_B, region: 'us-west-2'}),
    ])
  })

  it('logs the account and Region of every control-plane call', async () => {
    await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})
    await clientFor(sandbox.url, ACCOUNT_A, 'eu-central-1').send(new GetRestApisCommand({}))
    await clientFor(sandbox.url, TEST_CREDENTIALS.accessKeyId, 'us-east-1').send(new GetRestApisCommand({}))
    // Unsigned: the sandbox's own account and Region.
    await fetch(`${sandbox.url}/restapis`)
    const log = await fetchCallLog(sandbox.url)
    expect(log.map((record) => [record.operation, record.account, record.region])).toEqual([
      ['GetRestApis', ACCOUNT_A, 'eu-central-1'],
      ['GetRestApis', '123456789012', 'us-east-1'],
      ['GetRestApis', '123456789012', 'us-east-1'],
    ])
  })

  it('reads the Region and the key of a presigned request from X-Amz-Credential', async () => {
    const created = await clientFor(sandbox.url, ACCOUNT_B, 'sa-east-1').send(new CreateRestApiCommand({name: 'presigned'}))
    const credential = encodeURIComponent(`${ACCOUNT_B}/20260101/sa-east-1/apigateway/aws4_request`)
    const answer = await fetch(`${sandbox.url}/restapis/${created.id}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${credential}`)
    expect(answer.status).toBe(200)
    expect(((await answer.json()) as {name: string}).name).toBe('presigned')
    expect((await fetch(`${sandbox.url}/restapis/${created.id}`)).status).toBe(404)
  })
})

describe('quotas per account and Region', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startTestSandbox({awsQuotas: true})
  })
  afterAll(() => sandbox.close())

  it("spends one account-Region's burst without touching another's", async () => {
    const busy = clientFor(sandbox.url, ACCOUNT_A, 'us-east-1')
    // Sent together: 60 calls arrive well within the second that would refill the 40-call burst by 10.
    const statuses = await Promise.all(Array.from({length: 60}, () => busy.send(new GetRestApisCommand({})).then(() => 'ok', (error: Error) => error.name)))
    const passed = statuses.filter((status) => status === 'ok').length
    expect(passed).toBeGreaterThanOrEqual(40)
    expect(passed).toBeLessThan(50)
    expect(statuses.filter((status) => status !== 'ok').every((status) => status === TooManyRequestsException.name)).toBe(true)
    await expect(clientFor(sandbox.url, ACCOUNT_A, 'eu-west-1').send(new GetRestApisCommand({}))).resolves.toBeDefined()
    await expect(clientFor(sandbox.url, ACCOUNT_B, 'us-east-1').send(new GetRestApisCommand({}))).resolves.toBeDefined()
  })
})
