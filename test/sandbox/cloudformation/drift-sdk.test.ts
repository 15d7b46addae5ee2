// Drift detection through the real SDK over HTTP: asynchronous detections, the per-resource results, and
// what out-of-band fixes made through API Gateway's control plane do to them: only template-declared
// properties count.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  DeleteMethodCommand,
  DeleteRestApiCommand,
  GetResourcesCommand,
  UpdateIntegrationCommand,
  UpdateIntegrationResponseCommand,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway'
import {
  type CloudFormationClient,
  CloudFormationServiceException,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
  type StackResourceDrift,
} from '@aws-sdk/client-cloudformation'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {setUpSandbox} from '../../../src/sandbox/setup.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {THUMBNAIL_API, cloudFormationClient, detectDrift, imageSandbox, sleep, thumbnailSandbox, untilDetected} from './support.js'

async function failure(promise: Promise<unknown>): Promise<{name: string; message: string}> {
  try {
    await promise
  } catch (error) {
    if (error instanceof CloudFormationServiceException) return {name: error.name, message: error.message}
    throw error
  }
  throw new Error('expected the call to fail')
}

/** The resource id of a path, from the live API. */
async function resourceIdOf(api: APIGatewayClient, restApiId: string, path: string): Promise<string> {
  const {items = []} = await api.send(new GetResourcesCommand({restApiId, limit: 500}))
  return items.find((item) => item.path === path)!.id!
}

const replace = (path: string, value: string) => ({op: 'replace' as const, path, value})

function differencesOf(drift: StackResourceDrift | undefined) {
  return drift?.PropertyDifferences?.map(({PropertyPath, ExpectedValue, ActualValue, DifferenceType}) => ({PropertyPath, ExpectedValue, ActualValue, DifferenceType}))
}

describe('drift of the thumbnail service (Serverless template)', () => {
  let sandbox: Sandbox
  let client: CloudFormationClient
  let api: APIGatewayClient
  let apiId: string
  const STACK = 'thumbnail-service-dev'

  beforeAll(async () => {
    ;({sandbox, apiId} = await thumbnailSandbox())
    client = cloudFormationClient(sandbox.url)
    api = sdkClient(sandbox.url)
  })
  afterAll(async () => {
    client.destroy()
    api.destroy()
    await sandbox.close()
  })

  it('DetectStackDrift answers at once; the detection is DETECTION_IN_PROGRESS, then DETECTION_COMPLETE', async () => {
    const startedAt = Date.now()
    const {StackDriftDetectionId} = await client.send(new DetectStackDriftCommand({StackName: STACK}))
    expect(StackDriftDetectionId).toMatch(/^[0-9a-f-]{36}$/)
    const first = await client.send(new DescribeStackDriftDetectionStatusCommand({StackDriftDetectionId}))
    expect(first).toMatchObject({StackDriftDetectionId, DetectionStatus: 'DETECTION_IN_PROGRESS', StackId: expect.stringContaining(':stack/thumbnail-service-dev/')})
    expect(first.StackDriftStatus).toBeUndefined()
    expect(first.DriftedStackResourceCount).toBeUndefined()
    expect(first.Timestamp).toBeInstanceOf(Date)
    // Nothing has been checked yet.
    expect((await client.send(new DescribeStackResourceDriftsCommand({StackName: STACK}))).StackResourceDrifts).toEqual([])

    const done = await untilDetected(client, StackDriftDetectionId!)
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(250)
    expect(done).toMatchObject({DetectionStatus: 'DETECTION_COMPLETE', StackDriftStatus: 'DRIFTED', DriftedStackResourceCount: 2, Timestamp: first.Timestamp})
  })

  it('as deployed: the MOCK OPTIONS methods lack the request-side CONVERT_TO_TEXT their template declares (REMOVE)', async () => {
    const {drifts} = await detectDrift(client, STACK)
    for (const logicalId of ['ApiGatewayMethodUploadOptions', 'ApiGatewayMethodThumbnailsKeyVarOptions']) {
      const drift = drifts.get(logicalId)!
      expect(drift.StackResourceDriftStatus).toBe('MODIFIED')
      expect(differencesOf(drift)).toEqual([{PropertyPath: '/Integration/ContentHandling', ExpectedValue: 'CONVERT_TO_TEXT', ActualValue: 'null', DifferenceType: 'REMOVE'}])
      // Only compared, template-declared properties: no ResponseParameters, no RequestTemplates.
      expect(JSON.parse(drift.ExpectedProperties!)).toEqual({
        RestApiId: apiId,
        ResourceId: expect.stringMatching(/^[a-z0-9]{6}$/),
        HttpMethod: 'OPTIONS',
        AuthorizationType: 'NONE',
        Integration: {Type: 'MOCK', ContentHandling: 'CONVERT_TO_TEXT', IntegrationResponses: [{StatusCode: '200'}]},
      })
      expect(JSON.parse(drift.ActualProperties!).Integration).toEqual({Type: 'MOCK', IntegrationResponses: [{StatusCode: '200'}]})
      expect(drift.Timestamp).toBeInstanceOf(Date)
    }
    const get = drifts.get('ApiGatewayMethodThumbnailsKeyVarGet')!
    expect(get.StackResourceDriftStatus).toBe('IN_SYNC')
    expect(get.PropertyDifferences).toEqual([])
    expect(JSON.parse(get.ExpectedProperties!).Integration).toEqual({
      IntegrationHttpMethod: 'POST',
      Type: 'AWS_PROXY',
      Uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:thumbnail-service-dev-thumbnail/invocations',
    })
    for (const logicalId of ['ApiGatewayRestApi', 'ApiGatewayResourceThumbnailsKeyVar', 'ApiGatewayDeployment1763700276971']) expect(drifts.get(logicalId)!.StackResourceDriftStatus).toBe('IN_SYNC')
    const lambda = drifts.get('UploadLambdaFunction')!
    expect(lambda).toMatchObject({StackResourceDriftStatus: 'NOT_CHECKED', DriftStatusReason: expect.stringContaining('AWS::Lambda::Function is not checked')})
    expect(lambda.ExpectedProperties).toBeUndefined()
    expect(lambda.PropertyDifferences).toBeUndefined()
  })

  it('records the result on the stack and its resources', async () => {
    const {Stacks} = await client.send(new DescribeStacksCommand({StackName: STACK}))
    expect(Stacks![0]!.DriftInformation).toMatchObject({StackDriftStatus: 'DRIFTED', LastCheckTimestamp: expect.any(Date)})
    const {StackResources} = await client.send(new DescribeStackResourcesCommand({StackName: STACK}))
    const byId = Object.fromEntries(StackResources!.map((resource) => [resource.LogicalResourceId, resource.DriftInformation]))
    expect(byId.ApiGatewayMethodUploadOptions).toMatchObject({StackResourceDriftStatus: 'MODIFIED', LastCheckTimestamp: expect.any(Date)})
    expect(byId.ApiGatewayRestApi!.StackResourceDriftStatus).toBe('IN_SYNC')
    expect(byId.StatusLambdaFunction!.StackResourceDriftStatus).toBe('NOT_CHECKED')
  })

  it('after the binary fix: CONVERT_TO_TEXT on the preflights is back in sync; what the template leaves out is no drift', async () => {
    for (const path of ['/upload', '/thumbnails/{key}']) {
      const resourceId = await resourceIdOf(api, apiId, path)
      await api.send(new UpdateIntegrationCommand({restApiId: apiId, resourceId, httpMethod: 'OPTIONS', patchOperations: [replace('/contentHandling', 'CONVERT_TO_TEXT')]}))
      // Integration responses: the Serverless template declares no ContentHandling for them.
      await api.send(
        new UpdateIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'OPTIONS', statusCode: '200', patchOperations: [replace('/contentHandling', 'CONVERT_TO_TEXT')]}),
      )
    }
    // A Lambda-proxy method whose template omits ContentHandling, and binary media types the template omits.
    const thumbnail = await resourceIdOf(api, apiId, '/thumbnails/{key}')
    await api.send(new UpdateIntegrationCommand({restApiId: apiId, resourceId: thumbnail, httpMethod: 'GET', patchOperations: [replace('/contentHandling', 'CONVERT_TO_BINARY')]}))
    await api.send(new UpdateRestApiCommand({restApiId: apiId, patchOperations: [{op: 'add', path: '/binaryMediaTypes/*~1*'}]}))

    const {status, drifts} = await detectDrift(client, STACK)
    expect(status).toMatchObject({StackDriftStatus: 'IN_SYNC', DriftedStackResourceCount: 0})
    expect([...drifts.values()].filter((drift) => drift.StackResourceDriftStatus === 'MODIFIED')).toEqual([])
    expect(JSON.parse(drifts.get('ApiGatewayRestApi')!.ActualProperties!)).toEqual({Name: 'thumbnail-service-dev', EndpointConfiguration: {Types: ['EDGE']}})
  })

  it('a changed contentHandling on a method whose template declares it is MODIFIED (NOT_EQUAL)', async () => {
    const upload = await resourceIdOf(api, apiId, '/upload')
    await api.send(new UpdateIntegrationCommand({restApiId: apiId, resourceId: upload, httpMethod: 'OPTIONS', patchOperations: [replace('/contentHandling', 'CONVERT_TO_BINARY')]}))
    const {status, drifts} = await detectDrift(client, STACK)
    expect(status).toMatchObject({StackDriftStatus: 'DRIFTED', DriftedStackResourceCount: 1})
    expect(differencesOf(drifts.get('ApiGatewayMethodUploadOptions'))).toEqual([
      {PropertyPath: '/Integration/ContentHandling', ExpectedValue: 'CONVERT_TO_TEXT', ActualValue: 'CONVERT_TO_BINARY', DifferenceType: 'NOT_EQUAL'},
    ])
  })

  it('a method deleted out of band is DELETED, without properties', async () => {
    const status = await resourceIdOf(api, apiId, '/status')
    await api.send(new DeleteMethodCommand({restApiId: apiId, resourceId: status, httpMethod: 'GET'}))
    const {drifts} = await detectDrift(client, STACK)
    const drift = drifts.get('ApiGatewayMethodStatusGet')!
    expect(drift.StackResourceDriftStatus).toBe('DELETED')
    expect(drift.ExpectedProperties).toBeUndefined()
    expect(drift.ActualProperties).toBeUndefined()
    expect(drift.PropertyDifferences).toBeUndefined()
    expect(drift.PhysicalResourceId).toMatch(/^thumb-ApiGa-/)
  })

  it('filters by StackResourceDriftStatusFilters and pages by MaxResults', async () => {
    const filtered = await client.send(new DescribeStackResourceDriftsCommand({StackName: STACK, StackResourceDriftStatusFilters: ['MODIFIED', 'DELETED']}))
    expect(filtered.StackResourceDrifts!.map((drift) => [drift.LogicalResourceId, drift.StackResourceDriftStatus])).toEqual([
      ['ApiGatewayMethodStatusGet', 'DELETED'],
      ['ApiGatewayMethodUploadOptions', 'MODIFIED'],
    ])
    const all = await client.send(new DescribeStackResourceDriftsCommand({StackName: STACK}))
    const paged: string[] = []
    let NextToken: string | undefined
    let pages = 0
    do {
      const page = await client.send(new DescribeStackResourceDriftsCommand({StackName: STACK, MaxResults: 7, NextToken}))
      expect(page.StackResourceDrifts!.length).toBeLessThanOrEqual(7)
      paged.push(...page.StackResourceDrifts!.map((drift) => drift.LogicalResourceId!))
      NextToken = page.NextToken
      pages++
    } while (NextToken)
    expect(paged).toEqual(all.StackResourceDrifts!.map((drift) => drift.LogicalResourceId))
    expect(pages).toBe(Math.ceil(paged.length / 7))
  })

  it('LogicalResourceIds limits a detection to those resources', async () => {
    const before = (await client.send(new DescribeStackResourceDriftsCommand({StackName: STACK}))).StackResourceDrifts!
    const timestampOf = (drifts: StackResourceDrift[], id: string) => drifts.find((drift) => drift.LogicalResourceId === id)!.Timestamp!.getTime()
    await sleep(5)
    const {status, drifts} = await detectDrift(client, STACK, ['ApiGatewayRestApi'])
    expect(status).toMatchObject({StackDriftStatus: 'IN_SYNC', DriftedStackResourceCount: 0})
    const after = [...drifts.values()]
    expect(timestampOf(after, 'ApiGatewayRestApi')).toBeGreaterThan(timestampOf(before, 'ApiGatewayRestApi'))
    expect(timestampOf(after, 'ApiGatewayMethodUploadOptions')).toBe(timestampOf(before, 'ApiGatewayMethodUploadOptions'))
  })

  it('refuses what the model and the stacks do not allow', async () => {
    expect(await failure(client.send(new DescribeStackDriftDetectionStatusCommand({StackDriftDetectionId: '00000000-0000-4000-8000-000000000000'})))).toEqual({
      name: 'ValidationError',
      message: 'Drift detection with id 00000000-0000-4000-8000-000000000000 does not exist',
    })
    expect((await failure(client.send(new DescribeStackDriftDetectionStatusCommand({StackDriftDetectionId: 'x'.repeat(37)})))).message).toBe(
      `1 validation error detected: Value '${'x'.repeat(37)}' at 'stackDriftDetectionId' failed to satisfy constraint: Member must have length less than or equal to 36`,
    )
    expect(await failure(client.send(new DetectStackDriftCommand({StackName: 'nope'})))).toEqual({name: 'ValidationError', message: 'Stack with id nope does not exist'})
    expect((await failure(client.send(new DetectStackDriftCommand({StackName: 'bad_name!'})))).message).toMatch(
      /^1 validation error detected: Value 'bad_name!' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
    )
    expect((await failure(client.send(new DetectStackDriftCommand({StackName: STACK, LogicalResourceIds: ['Nope']})))).message).toMatch(
      /^Resource Nope does not exist for stack arn:aws:cloudformation:us-east-1:123456789012:stack\/thumbnail-service-dev\//,
    )
    expect((await failure(client.send(new DescribeStackResourceDriftsCommand({StackName: 'nope'})))).message).toBe('Stack with id nope does not exist')
    expect((await failure(client.send(new DescribeStackResourceDriftsCommand({StackName: STACK, MaxResults: 0})))).message).toBe(
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    )
    expect((await failure(client.send(new DescribeStackResourceDriftsCommand({StackName: STACK, MaxResults: 101})))).message).toBe(
      "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
    )
    expect((await failure(client.send(new DescribeStackResourceDriftsCommand({StackName: STACK, StackResourceDriftStatusFilters: ['DRIFTED' as never]})))).name).toBe(
      'ValidationError',
    )
  })
})

describe('drift of the image API (SAM template, API from a DefinitionBody)', () => {
  let sandbox: Sandbox
  let client: CloudFormationClient
  let api: APIGatewayClient
  let apiId: string
  const STACK = 'image-api'

  beforeAll(async () => {
    ;({sandbox, apiId} = await imageSandbox({driftDetectionMs: 20}))
    client = cloudFormationClient(sandbox.url)
    api = sdkClient(sandbox.url)
  })
  afterAll(async () => {
    client.destroy()
    api.destroy()
    await sandbox.close()
  })

  it('as deployed it is in sync: BinaryMediaTypes in the `~1` form are the media types the API has', async () => {
    const {status, drifts} = await detectDrift(client, STACK)
    expect(status).toMatchObject({StackDriftStatus: 'IN_SYNC', DriftedStackResourceCount: 0})
    const restApi = drifts.get('ApiName')!
    expect(restApi.StackResourceDriftStatus).toBe('IN_SYNC')
    // Body is write-only: not among the expected properties.
    expect(JSON.parse(restApi.ExpectedProperties!)).toEqual({BinaryMediaTypes: ['application~1octet-stream', 'image~1jpeg']})
    expect(JSON.parse(restApi.ActualProperties!)).toEqual({BinaryMediaTypes: ['application/octet-stream', 'image/jpeg']})
    expect(drifts.get('ApiNamev1Stage')!.StackResourceDriftStatus).toBe('IN_SYNC')
  })

  it('a contentHandling fix on a method of the Body-defined API is no drift (methods are not stack resources)', async () => {
    const lambda = await resourceIdOf(api, apiId, '/lambda')
    await api.send(new UpdateIntegrationCommand({restApiId: apiId, resourceId: lambda, httpMethod: 'GET', patchOperations: [replace('/contentHandling', 'CONVERT_TO_BINARY')]}))
    const {status} = await detectDrift(client, STACK)
    expect(status.StackDriftStatus).toBe('IN_SYNC')
  })

  it('UpdateRestApi adding */* makes the RestApi MODIFIED: an ADD at /BinaryMediaTypes/2', async () => {
    await api.send(new UpdateRestApiCommand({restApiId: apiId, patchOperations: [{op: 'add', path: '/binaryMediaTypes/*~1*'}]}))
    const {status, drifts} = await detectDrift(client, STACK)
    expect(status).toMatchObject({StackDriftStatus: 'DRIFTED', DriftedStackResourceCount: 1})
    expect(differencesOf(drifts.get('ApiName'))).toEqual([{PropertyPath: '/BinaryMediaTypes/2', ExpectedValue: 'null', ActualValue: '*/*', DifferenceType: 'ADD'}])
  })

  it('a removed type shows where the lists part (NOT_EQUAL), and a redeploy moves the stage off its deployment', async () => {
    await api.send(new UpdateRestApiCommand({restApiId: apiId, patchOperations: [{op: 'remove', path: '/binaryMediaTypes/image~1jpeg'}]}))
    const deployment = await api.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'v1'}))
    const {drifts} = await detectDrift(client, STACK)
    expect(differencesOf(drifts.get('ApiName'))).toEqual([{PropertyPath: '/BinaryMediaTypes/1', ExpectedValue: 'image~1jpeg', ActualValue: '*/*', DifferenceType: 'NOT_EQUAL'}])
    const stage = drifts.get('ApiNamev1Stage')!
    expect(stage.StackResourceDriftStatus).toBe('MODIFIED')
    expect(differencesOf(stage)).toEqual([{PropertyPath: '/DeploymentId', ExpectedValue: expect.stringMatching(/^[a-z0-9]{6}$/), ActualValue: deployment.id, DifferenceType: 'NOT_EQUAL'}])
  })
})

describe('drift of resources the sandbox cannot resolve', () => {
  let sandbox: Sandbox
  let client: CloudFormationClient
  let scratch: string
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-cfn-import-value-'))
    writeFileSync(
      join(scratch, 'api.yaml'),
      `Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: thumbnail-service-dev
  Upload:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !GetAtt Api.RootResourceId
      PathPart: upload
  UploadPost:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Upload
      HttpMethod: POST
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub
          - arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Target}/invocations
          - Target: !ImportValue shared-UploadFunctionArn
`,
    )
    writeFileSync(join(scratch, 'api.stack.yaml'), 'stackName: imports\ntemplate: api.yaml\nrestApis: {Api: thumbnail-service-dev}\n')
    sandbox = await startTestSandbox({driftDetectionMs: 0})
    setUpSandbox(sandbox, {imports: [THUMBNAIL_API], stacks: [join(scratch, 'api.stack.yaml')]})
    client = cloudFormationClient(sandbox.url)
  })
  afterAll(async () => {
    client.destroy()
    await sandbox.close()
    rmSync(scratch, {recursive: true, force: true})
  })

  it('a Method whose declared properties hold Fn::ImportValue is NOT_CHECKED, with the reason', async () => {
    const {status, drifts} = await detectDrift(client, 'imports')
    expect(status.StackDriftStatus).toBe('IN_SYNC')
    expect(drifts.get('UploadPost')).toMatchObject({StackResourceDriftStatus: 'NOT_CHECKED', DriftStatusReason: expect.stringContaining('Fn::ImportValue')})
    expect(drifts.get('Upload')!.StackResourceDriftStatus).toBe('IN_SYNC')
  })
})

describe('drift after the REST API itself was deleted', () => {
  it('reports the RestApi and every API Gateway resource of it DELETED; the rest stays NOT_CHECKED', async () => {
    const {sandbox, apiId} = await thumbnailSandbox({driftDetectionMs: 0})
    const client = cloudFormationClient(sandbox.url)
    const api = sdkClient(sandbox.url)
    try {
      await api.send(new DeleteRestApiCommand({restApiId: apiId}))
      const {status, drifts} = await detectDrift(client, 'thumbnail-service-dev')
      const apiGateway = [...drifts.values()].filter((drift) => drift.ResourceType!.startsWith('AWS::ApiGateway::'))
      expect(apiGateway).toHaveLength(11)
      expect(new Set(apiGateway.map((drift) => drift.StackResourceDriftStatus))).toEqual(new Set(['DELETED']))
      expect(status).toMatchObject({StackDriftStatus: 'DRIFTED', DriftedStackResourceCount: 11})
      expect(drifts.get('UploadLambdaFunction')!.StackResourceDriftStatus).toBe('NOT_CHECKED')
    } finally {
      client.destroy()
      api.destroy()
      await sandbox.close()
    }
  })
})
