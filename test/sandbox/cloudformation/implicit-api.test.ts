// `--import-stack` with SAM's implicit API (the SAM hello-world application, fixtures/stacks/hello-world.sam.yaml)
// and with a RestApi whose template declares a REGIONAL endpoint (CloudFormation's documented "With endpoint
// type" example, fixtures/stacks/regional-api.cfn.json): the stack's resources as CloudFormation lists them,
// the implicit API built and served on Prod, and no false EndpointConfiguration drift.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {type APIGatewayClient, GetResourcesCommand, GetRestApiCommand, GetStageCommand, UpdateRestApiCommand} from '@aws-sdk/client-api-gateway'
import {type CloudFormationClient, DescribeStackResourcesCommand, DescribeStacksCommand, type StackResource} from '@aws-sdk/client-cloudformation'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {setUpSandbox} from '../../../src/sandbox/setup.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {send} from '../data-plane/support.js'
import {IMAGE_API, cloudFormationClient, detectDrift, fixture} from './support.js'

describe('SAM hello-world: the implicit API ServerlessRestApi', () => {
  let sandbox: Sandbox
  let client: CloudFormationClient
  let api: APIGatewayClient
  let apiId: string

  beforeAll(async () => {
    sandbox = await startTestSandbox({driftDetectionMs: 20, lambdas: {}})
    const setup = setUpSandbox(sandbox, {stacks: [fixture('stacks/hello-world.stack.yaml')]})
    apiId = setup.stacks[0]!.restApis['ServerlessRestApi']!
    client = cloudFormationClient(sandbox.url)
    api = sdkClient(sandbox.url)
  })
  afterAll(async () => {
    client.destroy()
    api.destroy()
    await sandbox.close()
  })

  it('is built from the template: named after the stack, GET /hello an aws_proxy integration to the function, deployed to Prod', async () => {
    const restApi = await api.send(new GetRestApiCommand({restApiId: apiId}))
    expect(restApi).toMatchObject({name: 'sam-app', endpointConfiguration: {types: ['EDGE']}})
    expect(restApi.tags).toMatchObject({'aws:cloudformation:logical-id': 'ServerlessRestApi', 'aws:cloudformation:stack-name': 'sam-app'})
    const stage = await api.send(new GetStageCommand({restApiId: apiId, stageName: 'Prod'}))
    const resources = await client.send(new DescribeStackResourcesCommand({StackName: 'sam-app'}))
    const byId: Record<string, StackResource> = Object.fromEntries((resources.StackResources ?? []).map((resource) => [resource.LogicalResourceId!, resource]))
    expect(Object.keys(byId).sort()).toEqual([
      'HelloWorldFunction',
      'HelloWorldFunctionHelloWorldPermissionProd',
      'HelloWorldFunctionRole',
      'ServerlessRestApi',
      expect.stringMatching(/^ServerlessRestApiDeployment[0-9a-f]{10}$/),
      'ServerlessRestApiProdStage',
    ])
    expect(byId['ServerlessRestApi']).toMatchObject({ResourceType: 'AWS::ApiGateway::RestApi', PhysicalResourceId: apiId})
    expect(byId['ServerlessRestApiProdStage']).toMatchObject({ResourceType: 'AWS::ApiGateway::Stage', PhysicalResourceId: 'Prod'})
    const deployment = Object.values(byId).find((resource) => resource.ResourceType === 'AWS::ApiGateway::Deployment')!
    expect(deployment.PhysicalResourceId).toBe(stage.deploymentId)

    // The function's name is its physical id; the integration invokes it, and the sandbox says it has no handler.
    const functionName = byId['HelloWorldFunction']!.PhysicalResourceId!
    expect(functionName).toMatch(/^sam-app-HelloWorldFunction-[A-Z0-9]{12}$/)
    const hello = (await api.send(new GetResourcesCommand({restApiId: apiId, embed: ['methods']}))).items?.find((resource) => resource.path === '/hello')
    expect(hello?.resourceMethods?.['GET']?.methodIntegration).toMatchObject({
      type: 'AWS_PROXY',
      httpMethod: 'POST',
      uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:${sandbox.store.state.accountId}:function:${functionName}/invocations`,
    })
    const answer = await send(`${sandbox.url}/restapis/${apiId}/Prod/_user_request_/hello`)
    expect(answer.status).toBe(500)
    expect(answer.headers['x-apigw-binfix-sandbox-diagnosis']).toContain(`no local handler for Lambda function ${functionName}`)

    const [stack] = (await client.send(new DescribeStacksCommand({StackName: 'sam-app'}))).Stacks ?? []
    expect(stack?.Outputs?.find((output) => output.OutputKey === 'HelloWorldApi')?.OutputValue).toBe(`https://${apiId}.execute-api.us-east-1.amazonaws.com/Prod/hello/`)
  })

  it('is in sync as built; what its template leaves out (the endpoint type) is no drift', async () => {
    const inSync = await detectDrift(client, 'sam-app')
    expect(inSync.status).toMatchObject({StackDriftStatus: 'IN_SYNC'})
    expect(inSync.drifts.get('ServerlessRestApiProdStage')?.StackResourceDriftStatus).toBe('IN_SYNC')
    await api.send(new UpdateRestApiCommand({restApiId: apiId, patchOperations: [{op: 'replace', path: '/endpointConfiguration/types/0', value: 'REGIONAL'}]}))
    // The implicit API's template declares no EndpointConfiguration, so changing it is no drift.
    expect((await detectDrift(client, 'sam-app')).drifts.get('ServerlessRestApi')?.StackResourceDriftStatus).toBe('IN_SYNC')
  })
})

describe("a stack whose RestApi declares a REGIONAL endpoint (CloudFormation's documented example)", () => {
  it('makes the REST API it names REGIONAL, so drift detection finds it in sync; EDGE again is MODIFIED', async () => {
    const sandbox = await startTestSandbox({driftDetectionMs: 20})
    const client = cloudFormationClient(sandbox.url)
    const api = sdkClient(sandbox.url)
    try {
      const setup = setUpSandbox(sandbox, {imports: [IMAGE_API], deployStage: 'v1', stacks: [fixture('stacks/regional-api.stack.yaml')]})
      const apiId = setup.restApis[0]!.id
      expect((await api.send(new GetRestApiCommand({restApiId: apiId}))).endpointConfiguration).toEqual({types: ['REGIONAL'], ipAddressType: 'ipv4'})
      const {status, drifts} = await detectDrift(client, 'regional-api')
      expect(status).toMatchObject({StackDriftStatus: 'IN_SYNC', DriftedStackResourceCount: 0})
      expect(JSON.parse(drifts.get('MyRestApi')!.ActualProperties!)).toEqual({EndpointConfiguration: {Types: ['REGIONAL']}, Name: 'ApiName'})

      await api.send(new UpdateRestApiCommand({restApiId: apiId, patchOperations: [{op: 'replace', path: '/endpointConfiguration/types/0', value: 'EDGE'}]}))
      const changed = await detectDrift(client, 'regional-api')
      expect(changed.drifts.get('MyRestApi')).toMatchObject({
        StackResourceDriftStatus: 'MODIFIED',
        PropertyDifferences: [{PropertyPath: '/EndpointConfiguration/Types/0', ExpectedValue: 'REGIONAL', ActualValue: 'EDGE', DifferenceType: 'NOT_EQUAL'}],
      })
    } finally {
      client.destroy()
      api.destroy()
      await sandbox.close()
    }
  })
})

describe('an implicit API given settings by Globals.Api', () => {
  it('is built REGIONAL with its binary media types and VPC endpoints, and is in sync', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-implicit-'))
    const sandbox = await startTestSandbox({driftDetectionMs: 20})
    const client = cloudFormationClient(sandbox.url)
    const api = sdkClient(sandbox.url)
    try {
      // The hello-world application with the Globals.Api of SAM's integration test implicit_api_with_settings.yaml.
      writeFileSync(
        join(scratch, 'template.yaml'),
        readFileSync(fixture('stacks/hello-world.sam.yaml'), 'utf8').replace(
          'Globals:\n',
          'Globals:\n  Api:\n    EndpointConfiguration: {Type: REGIONAL, VPCEndpointIds: [vpce-1]}\n    BinaryMediaTypes: [image~1jpg, image~1png]\n',
        ),
      )
      writeFileSync(join(scratch, 'stack.yaml'), 'stackName: settings\ntemplate: template.yaml\n')
      const apiId = setUpSandbox(sandbox, {stacks: [join(scratch, 'stack.yaml')]}).stacks[0]!.restApis['ServerlessRestApi']!
      expect(await api.send(new GetRestApiCommand({restApiId: apiId}))).toMatchObject({
        name: 'settings',
        endpointConfiguration: {types: ['REGIONAL'], vpcEndpointIds: ['vpce-1']},
        binaryMediaTypes: ['image/jpg', 'image/png'],
      })
      const {status, drifts} = await detectDrift(client, 'settings')
      expect(status).toMatchObject({StackDriftStatus: 'IN_SYNC'})
      expect(JSON.parse(drifts.get('ServerlessRestApi')!.ActualProperties!)).toEqual({
        BinaryMediaTypes: ['image/jpg', 'image/png'],
        EndpointConfiguration: {Types: ['REGIONAL'], VpcEndpointIds: ['vpce-1']},
      })
    } finally {
      client.destroy()
      api.destroy()
      await sandbox.close()
      rmSync(scratch, {recursive: true, force: true})
    }
  })
})

describe('an implicit API the declaration names', () => {
  it('is that REST API: nothing is built', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-implicit-named-'))
    const sandbox = await startTestSandbox()
    try {
      writeFileSync(join(scratch, 'stack.yaml'), `stackName: sam-app\ntemplate: ${fixture('stacks/hello-world.sam.yaml')}\nrestApis: {ServerlessRestApi: ApiName}\n`)
      const setup = setUpSandbox(sandbox, {imports: [IMAGE_API], stacks: [join(scratch, 'stack.yaml')]})
      expect(setup.stacks[0]!.restApis).toEqual({ServerlessRestApi: setup.restApis[0]!.id})
      expect(sandbox.store.state.apis.size).toBe(1)
    } finally {
      await sandbox.close()
      rmSync(scratch, {recursive: true, force: true})
    }
  })
})
