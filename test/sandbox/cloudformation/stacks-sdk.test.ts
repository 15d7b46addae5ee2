// The stack reads through the real SDK over HTTP: DescribeStacks, DescribeStackResources,
// ListStackResources (paginated), GetTemplate, and the system tags CloudFormation puts on the REST API.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {GetRestApiCommand, GetRestApisCommand, GetStageCommand, GetTagsCommand, TagResourceCommand, UntagResourceCommand} from '@aws-sdk/client-api-gateway'
import {
  type CloudFormationClient,
  CloudFormationServiceException,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation'
import {parse as parseYaml} from 'yaml'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {setUpSandbox} from '../../../src/sandbox/setup.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {IMAGE_API, IMAGE_STACK, IMAGE_TEMPLATE, THUMBNAIL_API, THUMBNAIL_STACK, THUMBNAIL_TEMPLATE, cloudFormationClient} from './support.js'

const STACK_ARN = /^arn:aws:cloudformation:us-east-1:123456789012:stack\/thumbnail-service-dev\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** The error the SDK threw for a call, by name and message. */
async function failure(promise: Promise<unknown>): Promise<{name: string; message: string; status?: number}> {
  try {
    await promise
  } catch (error) {
    if (error instanceof CloudFormationServiceException) return {name: error.name, message: error.message, status: error.$metadata.httpStatusCode}
    throw error
  }
  throw new Error('expected the call to fail')
}

describe('SDK over HTTP: CloudFormation stack reads', () => {
  let sandbox: Sandbox
  let client: CloudFormationClient
  let thumbnailApiId: string
  let imageApiId: string
  beforeAll(async () => {
    sandbox = await startTestSandbox()
    const setup = setUpSandbox(sandbox, {imports: [THUMBNAIL_API, IMAGE_API], deployStage: 'v1', stacks: [THUMBNAIL_STACK, IMAGE_STACK]})
    ;[thumbnailApiId, imageApiId] = setup.restApis.map((api) => api.id) as [string, string]
    client = cloudFormationClient(sandbox.url)
  })
  afterAll(async () => {
    client.destroy()
    await sandbox.close()
  })

  describe('DescribeStacks', () => {
    it('describes every stack without StackName, and one by name or by stack id', async () => {
      const all = await client.send(new DescribeStacksCommand({}))
      expect(all.Stacks!.map((stack) => stack.StackName)).toEqual(['thumbnail-service-dev', 'image-api'])
      const [thumbnail] = all.Stacks!
      expect(thumbnail!.StackId).toMatch(STACK_ARN)
      const byId = await client.send(new DescribeStacksCommand({StackName: thumbnail!.StackId}))
      expect(byId.Stacks).toEqual([thumbnail])
    })

    it('gives the stack as a Serverless deployment leaves it', async () => {
      const {Stacks} = await client.send(new DescribeStacksCommand({StackName: 'thumbnail-service-dev'}))
      const stack = Stacks![0]!
      expect(stack).toMatchObject({
        StackName: 'thumbnail-service-dev',
        StackStatus: 'UPDATE_COMPLETE',
        Description: 'The AWS CloudFormation template for this Serverless application',
        DisableRollback: false,
        EnableTerminationProtection: false,
        Tags: [],
        NotificationARNs: [],
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
        DriftInformation: {StackDriftStatus: 'NOT_CHECKED'},
      })
      expect(stack.CreationTime).toBeInstanceOf(Date)
      expect(stack.LastUpdatedTime).toBeInstanceOf(Date)
      expect(stack.DriftInformation!.LastCheckTimestamp).toBeUndefined()
      const outputs = Object.fromEntries(stack.Outputs!.map((output) => [output.OutputKey, output]))
      expect(outputs.ServiceEndpoint).toEqual({
        OutputKey: 'ServiceEndpoint',
        OutputValue: `https://${thumbnailApiId}.execute-api.us-east-1.amazonaws.com/dev`,
        Description: 'URL of the service endpoint',
        ExportName: 'sls-thumbnail-service-dev-ServiceEndpoint',
      })
      expect(outputs.UploadLambdaFunctionQualifiedArn!.OutputValue).toBe('arn:aws:lambda:us-east-1:123456789012:function:thumbnail-service-dev-upload:1')
    })

    it('gives a SAM stack CAPABILITY_AUTO_EXPAND and its outputs', async () => {
      const {Stacks} = await client.send(new DescribeStacksCommand({StackName: 'image-api'}))
      expect(Stacks![0]).toMatchObject({StackStatus: 'CREATE_COMPLETE', Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND']})
      expect(Stacks![0]!.Outputs).toEqual([{OutputKey: 'ApiUrl', OutputValue: `https://${imageApiId}.execute-api.us-east-1.amazonaws.com/v1`, Description: 'Invoke URL of the v1 stage'}])
    })

    it('refuses an unknown stack with "Stack with id … does not exist"', async () => {
      expect(await failure(client.send(new DescribeStacksCommand({StackName: 'foo'})))).toEqual({name: 'ValidationError', message: 'Stack with id foo does not exist', status: 400})
    })
  })

  describe('DescribeStackResources', () => {
    it('lists every resource by logical id with the physical ids CloudFormation gives them', async () => {
      const {StackResources} = await client.send(new DescribeStackResourcesCommand({StackName: 'thumbnail-service-dev'}))
      const logicalIds = StackResources!.map((resource) => resource.LogicalResourceId!)
      expect(logicalIds).toEqual([...logicalIds].sort())
      const byId = Object.fromEntries(StackResources!.map((resource) => [resource.LogicalResourceId, resource]))
      const live = await sdkClient(sandbox.url).send(new GetRestApiCommand({restApiId: thumbnailApiId}))
      expect(byId.ApiGatewayRestApi).toMatchObject({
        StackName: 'thumbnail-service-dev',
        StackId: expect.stringMatching(STACK_ARN),
        PhysicalResourceId: live.id,
        ResourceType: 'AWS::ApiGateway::RestApi',
        ResourceStatus: 'CREATE_COMPLETE',
        DriftInformation: {StackResourceDriftStatus: 'NOT_CHECKED'},
      })
      expect(byId.ApiGatewayRestApi!.Timestamp).toBeInstanceOf(Date)
      expect(byId.ApiGatewayResourceThumbnailsKeyVar!.PhysicalResourceId).toMatch(/^[a-z0-9]{6}$/)
      expect(byId.ApiGatewayMethodThumbnailsKeyVarGet!.PhysicalResourceId).toMatch(/^thumb-ApiGa-[A-Z0-9]{13}$/)
      expect(byId.ApiGatewayDeployment1763700276971!.PhysicalResourceId).toMatch(/^[a-z0-9]{6}$/)
      expect(byId.UploadLambdaFunction!.PhysicalResourceId).toBe('thumbnail-service-dev-upload')
      expect(byId.UploadLambdaPermissionApiGateway!.PhysicalResourceId).toMatch(/^thumbnail-service-dev-UploadLambdaPermissionApiGateway-[A-Za-z0-9]{12}$/)
      expect(byId.UploadLogGroup!.PhysicalResourceId).toBe('/aws/lambda/thumbnail-service-dev-upload')
      expect(byId.IamRoleLambdaExecution!.PhysicalResourceId).toBe('thumbnail-service-dev-us-east-1-lambdaRole')
      expect(byId.ServerlessDeploymentBucket!.PhysicalResourceId).toMatch(/^thumbnail-service-dev-serverlessdeploymentbucket-[a-z0-9]{13}$/)
      expect(StackResources).toHaveLength(Object.keys((JSON.parse(readFileSync(THUMBNAIL_TEMPLATE, 'utf8')) as {Resources: object}).Resources).length)
    })

    it('ties the template resources to the live ones: resources by path, the deployment the stage serves', async () => {
      const {StackResources} = await client.send(new DescribeStackResourcesCommand({StackName: 'image-api'}))
      const byId = Object.fromEntries(StackResources!.map((resource) => [resource.LogicalResourceId, resource]))
      // SAM's transform: the RestApi keeps the Serverless::Api's logical id, with a deployment and a stage.
      expect(Object.keys(byId)).toEqual(['ApiName', expect.stringMatching(/^ApiNameDeployment[0-9a-f]{10}$/), 'ApiNamev1Stage', 'image', 'imageRole'])
      const stage = await sdkClient(sandbox.url).send(new GetStageCommand({restApiId: imageApiId, stageName: 'v1'}))
      const deployment = StackResources!.find((resource) => resource.ResourceType === 'AWS::ApiGateway::Deployment')!
      expect(deployment.PhysicalResourceId).toBe(stage.deploymentId)
      expect(byId.ApiNamev1Stage).toMatchObject({PhysicalResourceId: 'v1', ResourceType: 'AWS::ApiGateway::Stage'})
      expect(byId.image).toMatchObject({PhysicalResourceId: 'image', ResourceType: 'AWS::Lambda::Function'})
      expect(byId.ApiName!.PhysicalResourceId).toBe(imageApiId)
    })

    it('finds the stack that owns a PhysicalResourceId, and filters by LogicalResourceId', async () => {
      const owned = await client.send(new DescribeStackResourcesCommand({PhysicalResourceId: thumbnailApiId}))
      expect(new Set(owned.StackResources!.map((resource) => resource.StackName))).toEqual(new Set(['thumbnail-service-dev']))
      expect(owned.StackResources!.length).toBeGreaterThan(1)
      const one = await client.send(new DescribeStackResourcesCommand({PhysicalResourceId: thumbnailApiId, LogicalResourceId: 'ApiGatewayRestApi'}))
      expect(one.StackResources!.map((resource) => resource.LogicalResourceId)).toEqual(['ApiGatewayRestApi'])
      const none = await client.send(new DescribeStackResourcesCommand({StackName: 'image-api', LogicalResourceId: 'Nope'}))
      expect(none.StackResources).toEqual([])
    })

    it('refuses both StackName and PhysicalResourceId, neither, and an unknown stack or physical id', async () => {
      expect(await failure(client.send(new DescribeStackResourcesCommand({StackName: 'image-api', PhysicalResourceId: imageApiId})))).toEqual({
        name: 'ValidationError',
        message: 'Cannot specify both StackName and PhysicalResourceId',
        status: 400,
      })
      expect(await failure(client.send(new DescribeStackResourcesCommand({})))).toEqual({
        name: 'ValidationError',
        message: 'Either StackName or PhysicalResourceId must be specified',
        status: 400,
      })
      expect((await failure(client.send(new DescribeStackResourcesCommand({StackName: 'gone'})))).message).toBe('Stack with id gone does not exist')
      expect((await failure(client.send(new DescribeStackResourcesCommand({PhysicalResourceId: 'i-0123456789'})))).message).toBe('Stack for i-0123456789 does not exist')
    })
  })

  describe('GetTemplate', () => {
    it('returns a JSON template exactly as declared, for both stages', async () => {
      const text = readFileSync(THUMBNAIL_TEMPLATE, 'utf8')
      const original = await client.send(new GetTemplateCommand({StackName: 'thumbnail-service-dev'}))
      expect(original.TemplateBody).toBe(text)
      expect(original.StagesAvailable).toEqual(['Original', 'Processed'])
      const processed = await client.send(new GetTemplateCommand({StackName: 'thumbnail-service-dev', TemplateStage: 'Processed'}))
      expect(processed.TemplateBody).toBe(text)
    })

    it('returns the SAM text as Original and the transformed template as Processed', async () => {
      const original = await client.send(new GetTemplateCommand({StackName: 'image-api', TemplateStage: 'Original'}))
      expect(original.TemplateBody).toBe(readFileSync(IMAGE_TEMPLATE, 'utf8'))
      const processed = await client.send(new GetTemplateCommand({StackName: 'image-api', TemplateStage: 'Processed'}))
      const template = JSON.parse(processed.TemplateBody!) as {Transform?: unknown; Resources: Record<string, {Type: string; Properties: Record<string, any>}>}
      expect(template.Transform).toBeUndefined()
      const api = template.Resources.ApiName!
      expect(api.Type).toBe('AWS::ApiGateway::RestApi')
      // SAM writes the `~1` form verbatim into the RestApi and with `/` into the definition (SAM PR #1043).
      expect(api.Properties.BinaryMediaTypes).toEqual(['application~1octet-stream', 'image~1jpeg'])
      expect(api.Properties.Body['x-amazon-apigateway-binary-media-types']).toEqual(['application/octet-stream', 'image/jpeg'])
      expect(template.Resources.image!.Type).toBe('AWS::Lambda::Function')
      expect(template.Resources.ApiNamev1Stage!.Properties.StageName).toBe('v1')
    })

    it('refuses an unknown stack, a TemplateStage outside the enum and a change set', async () => {
      expect((await failure(client.send(new GetTemplateCommand({StackName: 'gone'})))).message).toBe('Stack with id gone does not exist')
      expect(await failure(client.send(new GetTemplateCommand({StackName: 'image-api', TemplateStage: 'Final' as never})))).toEqual({
        name: 'ValidationError',
        message: "1 validation error detected: Value 'Final' at 'templateStage' failed to satisfy constraint: Member must satisfy enum value set: [Original, Processed]",
        status: 400,
      })
      expect(await failure(client.send(new GetTemplateCommand({StackName: 'image-api', ChangeSetName: 'cs1'})))).toEqual({
        name: 'ChangeSetNotFoundException',
        message: 'ChangeSet [cs1] does not exist',
        status: 404,
      })
    })
  })

  describe("the stack's system tags on its REST API", () => {
    it('are in GetRestApi, GetRestApis and GetTags, as CloudFormation puts them', async () => {
      const api = sdkClient(sandbox.url)
      const {Stacks} = await client.send(new DescribeStacksCommand({StackName: 'thumbnail-service-dev'}))
      const expected = {
        'aws:cloudformation:logical-id': 'ApiGatewayRestApi',
        'aws:cloudformation:stack-id': Stacks![0]!.StackId,
        'aws:cloudformation:stack-name': 'thumbnail-service-dev',
      }
      expect((await api.send(new GetRestApiCommand({restApiId: thumbnailApiId}))).tags).toEqual(expected)
      const {items} = await api.send(new GetRestApisCommand({}))
      expect(items!.find((item) => item.id === thumbnailApiId)!.tags).toEqual(expected)
      expect((await api.send(new GetTagsCommand({resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${thumbnailApiId}`}))).tags).toEqual(expected)
      // SAM's stage is a stack resource too, and stages take the system tags.
      const stageTags = (await api.send(new GetTagsCommand({resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${imageApiId}/stages/v1`}))).tags
      expect(stageTags).toMatchObject({'aws:cloudformation:logical-id': 'ApiNamev1Stage', 'aws:cloudformation:stack-name': 'image-api'})
      api.destroy()
    })

    it('cannot be removed or overwritten through UntagResource or TagResource', async () => {
      const api = sdkClient(sandbox.url)
      const resourceArn = `arn:aws:apigateway:us-east-1::/restapis/${thumbnailApiId}`
      const before = (await api.send(new GetTagsCommand({resourceArn}))).tags
      const refused = {name: 'BadRequestException', message: "Invalid tag key. Tag keys cannot start with 'aws:' (case insensitive)", $metadata: {httpStatusCode: 400}}
      await expect(api.send(new UntagResourceCommand({resourceArn, tagKeys: ['aws:cloudformation:stack-name']}))).rejects.toMatchObject(refused)
      await expect(api.send(new TagResourceCommand({resourceArn, tags: {'aws:cloudformation:stack-name': 'other-stack'}}))).rejects.toMatchObject(refused)
      expect((await api.send(new GetTagsCommand({resourceArn}))).tags).toEqual(before)
      expect(before).toHaveProperty(['aws:cloudformation:stack-name'], 'thumbnail-service-dev')
      api.destroy()
    })
  })
})

describe('SDK over HTTP: ListStackResources pages', () => {
  let sandbox: Sandbox
  let client: CloudFormationClient
  let scratch: string
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-cfn-pages-'))
    const resources: Record<string, unknown> = {Api: {Type: 'AWS::ApiGateway::RestApi', Properties: {Name: 'thumbnail-service-dev'}}}
    for (let index = 0; index < 230; index++) resources[`Topic${String(index).padStart(3, '0')}`] = {Type: 'AWS::SNS::Topic'}
    writeFileSync(join(scratch, 'big.json'), JSON.stringify({Resources: resources}))
    writeFileSync(join(scratch, 'big.stack.yaml'), 'stackName: big\ntemplate: big.json\nrestApis:\n  Api: thumbnail-service-dev\n')
    sandbox = await startTestSandbox()
    setUpSandbox(sandbox, {imports: [THUMBNAIL_API], stacks: [join(scratch, 'big.stack.yaml')]})
    client = cloudFormationClient(sandbox.url)
  })
  afterAll(async () => {
    client.destroy()
    await sandbox.close()
    rmSync(scratch, {recursive: true, force: true})
  })

  it('pages by 100 with NextToken until every resource was listed once', async () => {
    const pages: StackResourceSummary[][] = []
    let NextToken: string | undefined
    do {
      const page = await client.send(new ListStackResourcesCommand({StackName: 'big', NextToken}))
      pages.push(page.StackResourceSummaries!)
      NextToken = page.NextToken
    } while (NextToken)
    expect(pages.map((page) => page.length)).toEqual([100, 100, 31])
    const ids = pages.flat().map((summary) => summary.LogicalResourceId)
    expect(new Set(ids).size).toBe(231)
    expect(pages[0]![0]).toMatchObject({LogicalResourceId: 'Api', ResourceType: 'AWS::ApiGateway::RestApi', ResourceStatus: 'CREATE_COMPLETE', DriftInformation: {StackResourceDriftStatus: 'NOT_CHECKED'}})
    expect(pages[0]![0]!.LastUpdatedTimestamp).toBeInstanceOf(Date)
  })

  it('DescribeStackResources returns only the first 100', async () => {
    const {StackResources} = await client.send(new DescribeStackResourcesCommand({StackName: 'big'}))
    expect(StackResources).toHaveLength(100)
  })

  it('refuses a NextToken it did not give and a missing StackName', async () => {
    expect((await failure(client.send(new ListStackResourcesCommand({StackName: 'big', NextToken: 'bogus'})))).name).toBe('ValidationError')
    expect((await failure(client.send(new ListStackResourcesCommand({StackName: undefined as never})))).message).toBe(
      "1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null",
    )
  })
})

describe('YAML templates with short-form intrinsic functions', () => {
  let sandbox: Sandbox
  let client: CloudFormationClient
  let scratch: string
  const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Stage:
    Type: String
    Default: dev
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: !Sub thumbnail-service-\${Stage}
  Upload:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !GetAtt Api.RootResourceId
      PathPart: upload
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Join ['-', [!Ref 'AWS::StackName', !Select [0, !Split [',', 'uploads,other']]]]
Outputs:
  RestApiId:
    Value: !Ref Api
  Root:
    Value: !GetAtt [Api, RootResourceId]
`
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-cfn-yaml-'))
    writeFileSync(join(scratch, 'api.yaml'), TEMPLATE)
    writeFileSync(join(scratch, 'api.stack.json'), JSON.stringify({stackName: 'yaml-stack', template: 'api.yaml', restApis: {Api: 'thumbnail-service-dev'}, tags: {team: 'media'}}))
    sandbox = await startTestSandbox()
    setUpSandbox(sandbox, {imports: [THUMBNAIL_API], stacks: [join(scratch, 'api.stack.json')]})
    client = cloudFormationClient(sandbox.url)
  })
  afterAll(async () => {
    client.destroy()
    await sandbox.close()
    rmSync(scratch, {recursive: true, force: true})
  })

  it('are read (!Ref, !GetAtt, !Sub, !Join, !Select, !Split), and GetTemplate returns the YAML text verbatim', async () => {
    const {TemplateBody} = await client.send(new GetTemplateCommand({StackName: 'yaml-stack'}))
    expect(TemplateBody).toBe(TEMPLATE)
    expect(() => parseYaml(TemplateBody!, {logLevel: 'silent'})).not.toThrow()
    const {Stacks} = await client.send(new DescribeStacksCommand({StackName: 'yaml-stack'}))
    const api = sandbox.store.resourceByPath([...sandbox.store.state.apis.values()][0]!, '/upload')!
    const apiId = [...sandbox.store.state.apis.keys()][0]!
    expect(Stacks![0]!.Outputs).toEqual([
      {OutputKey: 'RestApiId', OutputValue: apiId},
      {OutputKey: 'Root', OutputValue: sandbox.store.state.apis.get(apiId)!.api.rootResourceId},
    ])
    expect(Stacks![0]!.Parameters).toEqual([{ParameterKey: 'Stage', ParameterValue: 'dev'}])
    expect(Stacks![0]!.Tags).toEqual([{Key: 'team', Value: 'media'}])
    const {StackResources} = await client.send(new DescribeStackResourcesCommand({StackName: 'yaml-stack'}))
    const byId = Object.fromEntries(StackResources!.map((resource) => [resource.LogicalResourceId, resource.PhysicalResourceId]))
    expect(byId.Upload).toBe(api.id)
    expect(byId.Queue).toMatch(/^yaml-stack-Queue-[A-Z0-9]{13}$/)
    // Stack tags go on the REST API next to the system tags.
    expect(sandbox.store.state.apis.get(apiId)!.api.tags).toMatchObject({team: 'media', 'aws:cloudformation:logical-id': 'Api'})
  })
})
