// The SDK writer against aws-sdk-client-mock: what it sends, and which failures it retries.
import {
  APIGatewayClient,
  APIGatewayServiceException,
  ConflictException,
  CreateDeploymentCommand,
  GetDeploymentCommand,
  ServiceUnavailableException,
  UnauthorizedException,
  UpdateIntegrationCommand,
  UpdateIntegrationResponseCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway'
import {mockClient} from 'aws-sdk-client-mock'

import {SdkApiGatewayWriter} from '../../src/aws/api-gateway-writer.js'
import {CallPolicy} from '../../src/aws/call-policy.js'
import {AwsCallError} from '../../src/core/errors.js'
import {TEST_CREDENTIALS} from '../helpers/sandbox.js'

const REGION = 'eu-west-1'
const ENDPOINT = 'https://apigateway.eu-west-1.amazonaws.com'
const client = new APIGatewayClient({region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1})
const mock = mockClient(client)
let waits: number[]
let policy: CallPolicy
let writer: SdkApiGatewayWriter

beforeEach(() => {
  mock.reset()
  waits = []
  policy = new CallPolicy({quotas: false, sleep: async (ms) => void waits.push(ms), random: () => 0})
  writer = new SdkApiGatewayWriter(client, policy, {region: REGION, endpoint: () => ENDPOINT})
})

afterAll(() => client.destroy())

const internalFailure = () => new APIGatewayServiceException({name: 'InternalFailure', $fault: 'server', $metadata: {httpStatusCode: 500}, message: 'Internal server error'})
const unavailable = () => new ServiceUnavailableException({message: 'Service Unavailable', retryAfterSeconds: '1', $metadata: {httpStatusCode: 503}})
const droppedConnection = () => Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'})
const conflict = () => new ConflictException({message: 'Unable to complete operation due to concurrent modification. Please try again later.', $metadata: {httpStatusCode: 409}})

const ADD_PNG = {op: 'add', path: '/binaryMediaTypes/image~1png'} as const
const REMOVE_GIF = {op: 'remove', path: '/binaryMediaTypes/image~1gif'} as const
const REPLACE_PNG = {op: 'replace', path: '/binaryMediaTypes/image~1gif', value: 'image/png'} as const
const CONVERT_TO_BINARY = {op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_BINARY'} as const

describe('SdkApiGatewayWriter: what it sends', () => {
  it('UpdateRestApi, UpdateIntegration and UpdateIntegrationResponse send the patch operations as given', async () => {
    mock.on(UpdateRestApiCommand).resolves({id: 'abc'})
    mock.on(UpdateIntegrationCommand).resolves({})
    mock.on(UpdateIntegrationResponseCommand).resolves({})

    await writer.updateRestApi('abc', [ADD_PNG, REMOVE_GIF])
    await writer.updateIntegration('abc', 'r1', 'GET', [CONVERT_TO_BINARY])
    await writer.updateIntegrationResponse('abc', 'r1', 'GET', '200', [CONVERT_TO_BINARY])

    expect(mock.commandCalls(UpdateRestApiCommand).map((call) => call.args[0].input)).toEqual([{restApiId: 'abc', patchOperations: [ADD_PNG, REMOVE_GIF]}])
    expect(mock.commandCalls(UpdateIntegrationCommand).map((call) => call.args[0].input)).toEqual([
      {restApiId: 'abc', resourceId: 'r1', httpMethod: 'GET', patchOperations: [CONVERT_TO_BINARY]},
    ])
    expect(mock.commandCalls(UpdateIntegrationResponseCommand).map((call) => call.args[0].input)).toEqual([
      {restApiId: 'abc', resourceId: 'r1', httpMethod: 'GET', statusCode: '200', patchOperations: [CONVERT_TO_BINARY]},
    ])
    expect(policy.stats().callsByOperation).toEqual({UpdateRestApi: 1, UpdateIntegration: 1, UpdateIntegrationResponse: 1})
  })

  it('createDeployment sends the stage name and the description only, and returns the new deployment', async () => {
    mock.on(CreateDeploymentCommand).resolves({id: 'd2', description: 'binfix apply', createdDate: new Date(0)})
    await expect(writer.createDeployment('abc', 'v1', 'binfix apply')).resolves.toEqual({id: 'd2', description: 'binfix apply'})
    expect(mock.commandCalls(CreateDeploymentCommand).map((call) => call.args[0].input)).toEqual([{restApiId: 'abc', stageName: 'v1', description: 'binfix apply'}])
  })

  it('pointStageAt replaces /deploymentId and returns the stage as it now is', async () => {
    mock.on(UpdateStageCommand).resolves({stageName: 'v1', deploymentId: 'd1'})
    await expect(writer.pointStageAt('abc', 'v1', 'd1')).resolves.toEqual({stageName: 'v1', deploymentId: 'd1'})
    expect(mock.commandCalls(UpdateStageCommand).map((call) => call.args[0].input)).toEqual([
      {restApiId: 'abc', stageName: 'v1', patchOperations: [{op: 'replace', path: '/deploymentId', value: 'd1'}]},
    ])
  })

  it('getDeployment returns the id and the description (none when the deployment has none)', async () => {
    mock.on(GetDeploymentCommand, {deploymentId: 'd1'}).resolves({id: 'd1', description: 'first'}).on(GetDeploymentCommand, {deploymentId: 'd0'}).resolves({id: 'd0'})
    await expect(writer.getDeployment('abc', 'd1')).resolves.toEqual({id: 'd1', description: 'first'})
    expect(await writer.getDeployment('abc', 'd0')).toStrictEqual({id: 'd0'})
    expect(mock.commandCalls(GetDeploymentCommand).map((call) => call.args[0].input)).toEqual([
      {restApiId: 'abc', deploymentId: 'd1'},
      {restApiId: 'abc', deploymentId: 'd0'},
    ])
  })

  it('access denied names the HTTP method of each write as the IAM action, and the resource ARN', async () => {
    const denied = () => new UnauthorizedException({message: 'Unauthorized', $metadata: {httpStatusCode: 401}})
    mock.on(UpdateIntegrationResponseCommand).rejects(denied()).on(CreateDeploymentCommand).rejects(denied()).on(GetDeploymentCommand).rejects(denied())
    mock.on(UpdateStageCommand).rejects(denied())

    await expect(writer.updateIntegrationResponse('abc', 'r1', 'GET', '200', [CONVERT_TO_BINARY])).rejects.toMatchObject({
      kind: 'access-denied',
      message: 'access denied: UpdateIntegrationResponse needs apigateway:PATCH on arn:aws:apigateway:eu-west-1::/restapis/abc/resources/r1/methods/GET/integration/responses/200',
    })
    await expect(writer.createDeployment('abc', 'v1', 'x')).rejects.toMatchObject({
      message: 'access denied: CreateDeployment needs apigateway:POST on arn:aws:apigateway:eu-west-1::/restapis/abc/deployments',
    })
    await expect(writer.pointStageAt('abc', 'v1', 'd1')).rejects.toMatchObject({
      message: 'access denied: UpdateStage needs apigateway:PATCH on arn:aws:apigateway:eu-west-1::/restapis/abc/stages/v1',
    })
    await expect(writer.getDeployment('abc', 'd1')).rejects.toMatchObject({
      message: 'access denied: GetDeployment needs apigateway:GET on arn:aws:apigateway:eu-west-1::/restapis/abc/deployments/d1',
    })
  })
})

describe('SdkApiGatewayWriter: retries', () => {
  it.each([
    ['a 500', internalFailure, 'API Gateway answered 500 InternalFailure: Internal server error'],
    ['a 503', unavailable, 'API Gateway answered 503 ServiceUnavailableException: Service Unavailable'],
    ['a dropped connection', droppedConnection, `the connection to ${ENDPOINT} dropped: ECONNRESET`],
  ])('CreateDeployment is not repeated after %s: it fails as ambiguous', async (_, failure, cause) => {
    mock.on(CreateDeploymentCommand).rejectsOnce(failure()).resolves({id: 'd2'})
    const error = await writer.createDeployment('abc', 'v1', 'binfix apply').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AwsCallError)
    expect(error).toMatchObject({
      kind: 'ambiguous',
      code: 'AWS_AMBIGUOUS',
      message: `CreateDeployment /restapis/abc/deployments: the outcome is unknown (${cause}); it may or may not have been applied`,
    })
    expect(mock.commandCalls(CreateDeploymentCommand)).toHaveLength(1)
    expect(policy.stats()).toMatchObject({calls: 1, retries: 0, failed: 1})
  })

  it.each([
    ['add', [ADD_PNG]],
    ['remove', [REMOVE_GIF]],
    ['add and replace', [ADD_PNG, REPLACE_PNG]],
  ])('UpdateRestApi with %s is not repeated after a 500 or a dropped connection', async (_, operations) => {
    mock.on(UpdateRestApiCommand).rejectsOnce(internalFailure()).rejectsOnce(droppedConnection()).resolves({id: 'abc'})
    await expect(writer.updateRestApi('abc', [...operations])).rejects.toMatchObject({kind: 'ambiguous', message: expect.stringMatching(/^UpdateRestApi \/restapis\/abc: the outcome is unknown/)})
    await expect(writer.updateRestApi('abc', [...operations])).rejects.toMatchObject({kind: 'ambiguous', message: expect.stringContaining('dropped: ECONNRESET')})
    expect(mock.commandCalls(UpdateRestApiCommand)).toHaveLength(2)
    expect(waits).toEqual([])
  })

  it('UpdateRestApi with replace operations only is retried after a 500 and a dropped connection', async () => {
    mock.on(UpdateRestApiCommand).rejectsOnce(internalFailure()).rejectsOnce(droppedConnection()).resolves({id: 'abc'})
    await writer.updateRestApi('abc', [REPLACE_PNG])
    expect(mock.commandCalls(UpdateRestApiCommand)).toHaveLength(3)
    expect(policy.stats()).toMatchObject({calls: 3, retries: 2, failed: 0})
  })

  it('UpdateIntegration, UpdateIntegrationResponse, UpdateStage and GetDeployment are retried after 5xx and dropped connections', async () => {
    mock.on(UpdateIntegrationCommand).rejectsOnce(internalFailure()).rejectsOnce(droppedConnection()).resolves({})
    mock.on(UpdateIntegrationResponseCommand).rejectsOnce(unavailable()).resolves({})
    mock.on(UpdateStageCommand).rejectsOnce(droppedConnection()).resolves({stageName: 'v1', deploymentId: 'd1'})
    mock.on(GetDeploymentCommand).rejectsOnce(internalFailure()).resolves({id: 'd1'})

    await writer.updateIntegration('abc', 'r1', 'GET', [CONVERT_TO_BINARY])
    await writer.updateIntegrationResponse('abc', 'r1', 'GET', '200', [CONVERT_TO_BINARY])
    await expect(writer.pointStageAt('abc', 'v1', 'd1')).resolves.toEqual({stageName: 'v1', deploymentId: 'd1'})
    await expect(writer.getDeployment('abc', 'd1')).resolves.toEqual({id: 'd1'})

    expect(policy.stats()).toMatchObject({
      callsByOperation: {UpdateIntegration: 3, UpdateIntegrationResponse: 2, UpdateStage: 2, GetDeployment: 2},
      retries: 5,
      failed: 0,
    })
  })

  it('an idempotent write that keeps failing with 5xx comes out as unavailable, not ambiguous', async () => {
    mock.on(UpdateIntegrationCommand).rejects(internalFailure())
    await expect(writer.updateIntegration('abc', 'r1', 'GET', [CONVERT_TO_BINARY])).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/^UpdateIntegration \/restapis\/abc\/resources\/r1\/methods\/GET\/integration: API Gateway failed after 8 attempts/),
    })
  })

  it('ConflictException is retried for every write, CreateDeployment and add/remove included', async () => {
    mock.on(UpdateRestApiCommand).rejectsOnce(conflict()).resolves({id: 'abc'})
    mock.on(UpdateIntegrationCommand).rejectsOnce(conflict()).resolves({})
    mock.on(UpdateIntegrationResponseCommand).rejectsOnce(conflict()).resolves({})
    mock.on(CreateDeploymentCommand).rejectsOnce(conflict()).resolves({id: 'd2'})
    mock.on(UpdateStageCommand).rejectsOnce(conflict()).resolves({stageName: 'v1', deploymentId: 'd2'})

    await writer.updateRestApi('abc', [ADD_PNG, REMOVE_GIF])
    await writer.updateIntegration('abc', 'r1', 'GET', [CONVERT_TO_BINARY])
    await writer.updateIntegrationResponse('abc', 'r1', 'GET', '200', [CONVERT_TO_BINARY])
    await expect(writer.createDeployment('abc', 'v1', 'x')).resolves.toEqual({id: 'd2'})
    await writer.pointStageAt('abc', 'v1', 'd2')

    expect(policy.stats()).toMatchObject({
      callsByOperation: {UpdateRestApi: 2, UpdateIntegration: 2, UpdateIntegrationResponse: 2, CreateDeployment: 2, UpdateStage: 2},
      retries: 5,
      failed: 0,
    })
  })

  it('a ConflictException that outlasts the retries of CreateDeployment is a conflict, not ambiguous', async () => {
    mock.on(CreateDeploymentCommand).rejects(conflict())
    await expect(writer.createDeployment('abc', 'v1', 'x')).rejects.toMatchObject({kind: 'conflict'})
    expect(mock.commandCalls(CreateDeploymentCommand)).toHaveLength(8)
  })
})
