// The SDK reader against aws-sdk-client-mock: what it sends, how it pages, how failures come out.
import {
  APIGatewayClient,
  ConflictException,
  GetBasePathMappingsCommand,
  GetExportCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  NotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-api-gateway'
import {mockClient} from 'aws-sdk-client-mock'

import {PAGE_LIMIT, SdkApiGatewayReader} from '../../src/aws/api-gateway-client.js'
import {CallPolicy} from '../../src/aws/call-policy.js'
import {AwsCallError} from '../../src/core/errors.js'
import {TEST_CREDENTIALS} from '../helpers/sandbox.js'

const REGION = 'eu-west-1'
const client = new APIGatewayClient({region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1})
const mock = mockClient(client)
let waits: number[]
let policy: CallPolicy
let reader: SdkApiGatewayReader

beforeEach(() => {
  mock.reset()
  waits = []
  policy = new CallPolicy({quotas: false, sleep: async (ms) => void waits.push(ms), random: () => 0})
  reader = new SdkApiGatewayReader(client, policy, {region: REGION, endpoint: () => 'https://apigateway.eu-west-1.amazonaws.com'})
})

afterAll(() => client.destroy())

const metadata = (httpStatusCode: number) => ({httpStatusCode})

describe('SdkApiGatewayReader', () => {
  it('getResources sends limit 500 and embed=methods and follows every page', async () => {
    mock
      .on(GetResourcesCommand, {restApiId: 'abc', position: undefined})
      .resolves({items: [{id: 'r1', path: '/'}], position: 'p2'})
      .on(GetResourcesCommand, {restApiId: 'abc', position: 'p2'})
      .resolves({items: [{id: 'r2', path: '/a'}], position: 'p3'})
      .on(GetResourcesCommand, {restApiId: 'abc', position: 'p3'})
      .resolves({items: [{id: 'r3', path: '/b', resourceMethods: {GET: {httpMethod: 'GET', methodIntegration: {contentHandling: 'CONVERT_TO_TEXT'}}}}]})

    const resources = await reader.getResources('abc')

    expect(resources.map((resource) => resource.id)).toEqual(['r1', 'r2', 'r3'])
    expect(resources[2].resourceMethods?.GET?.methodIntegration?.contentHandling).toBe('CONVERT_TO_TEXT')
    const sent = mock.commandCalls(GetResourcesCommand).map((call) => call.args[0].input)
    expect(sent).toEqual([
      {restApiId: 'abc', embed: ['methods'], limit: PAGE_LIMIT, position: undefined},
      {restApiId: 'abc', embed: ['methods'], limit: PAGE_LIMIT, position: 'p2'},
      {restApiId: 'abc', embed: ['methods'], limit: PAGE_LIMIT, position: 'p3'},
    ])
    expect(PAGE_LIMIT).toBe(500)
    expect(policy.stats().callsByOperation).toEqual({GetResources: 3})
  })

  it('listRestApis pages through GetRestApis and keeps every API', async () => {
    mock
      .on(GetRestApisCommand, {position: undefined})
      .resolves({items: [{id: 'a1', name: 'images'}, {id: 'a2', name: 'Images'}], position: 'next'})
      .on(GetRestApisCommand, {position: 'next'})
      .resolves({items: [{id: 'a3', name: 'images', binaryMediaTypes: ['image/png'], tags: {team: 'x'}}, {id: 'a4', name: 'images-v2'}]})

    const found = await reader.listRestApis()

    expect(found).toEqual([
      {id: 'a1', name: 'images', binaryMediaTypes: [], tags: {}},
      {id: 'a2', name: 'Images', binaryMediaTypes: [], tags: {}},
      {id: 'a3', name: 'images', binaryMediaTypes: ['image/png'], tags: {team: 'x'}},
      {id: 'a4', name: 'images-v2', binaryMediaTypes: [], tags: {}},
    ])
    expect(mock.commandCalls(GetRestApisCommand).map((call) => call.args[0].input)).toEqual([
      {limit: 500, position: undefined},
      {limit: 500, position: 'next'},
    ])
  })

  it('fails instead of looping forever when a page position comes back twice', async () => {
    mock.on(GetRestApisCommand).resolves({items: [{id: 'a1', name: 'x'}], position: 'same'})
    await expect(reader.listRestApis()).rejects.toMatchObject({kind: 'other', message: expect.stringContaining('same page position twice')})
    expect(mock.commandCalls(GetRestApisCommand)).toHaveLength(2)
  })

  it('getExport asks for the API Gateway extensions with an explicit Accept and decodes UTF-8', async () => {
    const document = JSON.stringify({openapi: '3.0.1', info: {title: 'Bilder – ü'}})
    mock.on(GetExportCommand).resolves({body: new TextEncoder().encode(document) as never})

    await expect(reader.getExport('abc', 'v1', 'swagger', 'yaml')).resolves.toBe(document)
    await reader.getExport('abc', 'v1', 'oas30', 'json')

    expect(mock.commandCalls(GetExportCommand).map((call) => call.args[0].input)).toEqual([
      {restApiId: 'abc', stageName: 'v1', exportType: 'swagger', parameters: {extensions: 'apigateway'}, accepts: 'application/yaml'},
      {restApiId: 'abc', stageName: 'v1', exportType: 'oas30', parameters: {extensions: 'apigateway'}, accepts: 'application/json'},
    ])
  })

  it('getBasePathMappings pages through a domain name\'s mappings and keeps the stage only where one is mapped', async () => {
    mock
      .on(GetBasePathMappingsCommand, {domainName: 'api.example.com', limit: PAGE_LIMIT, position: undefined})
      .resolves({items: [{basePath: '(none)', restApiId: 'a1b2c3d4e5', stage: 'prod'}], position: 'p2'})
      .on(GetBasePathMappingsCommand, {domainName: 'api.example.com', limit: PAGE_LIMIT, position: 'p2'})
      .resolves({items: [{basePath: 'images', restApiId: 'f6g7h8i9j0'}]})
    expect(await reader.getBasePathMappings('api.example.com')).toEqual([
      {basePath: '(none)', restApiId: 'a1b2c3d4e5', stage: 'prod'},
      {basePath: 'images', restApiId: 'f6g7h8i9j0'},
    ])
  })

  it('getStage and getRestApi return plain summaries', async () => {
    mock.on(GetStageCommand).resolves({stageName: 'v1', deploymentId: 'd1', description: 'ignored'})
    mock.on(GetRestApiCommand).resolves({id: 'abc', name: 'images', binaryMediaTypes: ['image/*']})
    await expect(reader.getStage('abc', 'v1')).resolves.toEqual({stageName: 'v1', deploymentId: 'd1'})
    await expect(reader.getRestApi('abc')).resolves.toEqual({id: 'abc', name: 'images', binaryMediaTypes: ['image/*'], tags: {}})
  })

  it('waits as long as Retry-After says, then succeeds', async () => {
    mock
      .on(GetStageCommand)
      .rejectsOnce(new TooManyRequestsException({message: 'Too Many Requests', retryAfterSeconds: '2', $metadata: metadata(429)}))
      .resolves({stageName: 'v1', deploymentId: 'd1'})
    await expect(reader.getStage('abc', 'v1')).resolves.toEqual({stageName: 'v1', deploymentId: 'd1'})
    expect(waits).toEqual([2000])
    expect(policy.stats()).toMatchObject({calls: 2, retries: 1, throttled: 1})
  })

  it('retries a ConflictException and then succeeds', async () => {
    mock
      .on(GetRestApiCommand)
      .rejectsOnce(new ConflictException({message: 'Unable to complete operation due to concurrent modification. Please try again later.', $metadata: metadata(409)}))
      .resolves({id: 'abc', name: 'images'})
    await expect(reader.getRestApi('abc')).resolves.toMatchObject({id: 'abc'})
    expect(mock.commandCalls(GetRestApiCommand)).toHaveLength(2)
  })

  it('maps throttling that outlasts the retries to one throttled AwsCallError', async () => {
    mock.on(GetResourcesCommand).rejects(new TooManyRequestsException({message: 'Too Many Requests', retryAfterSeconds: '1', $metadata: metadata(429)}))
    const failure = await reader.getResources('abc').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AwsCallError)
    expect(failure).toMatchObject({kind: 'throttled', code: 'AWS_THROTTLED'})
    expect((failure as Error).message).toBe(
      'API Gateway kept throttling GetResources in eu-west-1 after 8 attempts (TooManyRequestsException); the quota is shared by the whole account: retry later',
    )
    expect(mock.commandCalls(GetResourcesCommand)).toHaveLength(8)
  })

  it('maps NotFoundException to a not-found AwsCallError naming the call', async () => {
    mock.on(GetStageCommand).rejects(new NotFoundException({message: 'Invalid stage identifier specified', $metadata: metadata(404)}))
    await expect(reader.getStage('abc', 'nope')).rejects.toMatchObject({
      kind: 'not-found',
      message: 'GetStage /restapis/abc/stages/nope in eu-west-1: not found (NotFoundException: Invalid stage identifier specified)',
    })
    expect(mock.commandCalls(GetStageCommand)).toHaveLength(1)
  })
})
