// readOwnership: tags name the stack, DescribeStackResources confirms it, the original template says
// what is declared and what the next deploy does to the fix. A fake CloudFormation counts the calls.
import type {RestApiSummary} from '../../src/services/api-gateway-port.js'
import type {CloudFormationReader, OwningStack} from '../../src/services/cloudformation-port.js'
import type {RouteConfig} from '../../src/core/api-config.js'
import {AwsCallError} from '../../src/core/errors.js'
import {readOwnership} from '../../src/services/ownership.js'
import {SERVERLESS_THUMBNAILS} from '../core/cfn/templates.js'

const STACK: OwningStack = {
  stackName: 'thumbnails-dev',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/thumbnails-dev/1',
  resources: [
    {logicalResourceId: 'ApiGatewayRestApi', physicalResourceId: 'a1b2c3d4e5', resourceType: 'AWS::ApiGateway::RestApi'},
    {logicalResourceId: 'ServerlessDeploymentBucket', physicalResourceId: 'bucket', resourceType: 'AWS::S3::Bucket'},
  ],
}

function fakeCloudFormation(template: string, stack: OwningStack | null = STACK): CloudFormationReader & {calls: string[]} {
  const calls: string[] = []
  const unused = async (): Promise<never> => {
    throw new Error('not expected')
  }
  return {
    calls,
    stackOwning: async (id) => (calls.push(`DescribeStackResources ${id}`), stack ?? undefined),
    getTemplate: async (name, stage) => (calls.push(`GetTemplate ${name} ${stage}`), template),
    listStackResources: unused,
    detectStackDrift: unused,
    driftDetectionStatus: unused,
    resourceDrifts: unused,
  }
}

const tagged: RestApiSummary = {
  id: 'a1b2c3d4e5',
  name: 'dev-thumbnails',
  binaryMediaTypes: [],
  tags: {'aws:cloudformation:stack-name': 'thumbnails-dev', 'aws:cloudformation:logical-id': 'ApiGatewayRestApi', 'aws:cloudformation:stack-id': STACK.stackId},
}
const routes: RouteConfig[] = [{resourcePath: '/thumbnails/{key}', httpMethod: 'GET'}]

describe('readOwnership', () => {
  it('makes no call for an API without CloudFormation tags', async () => {
    const cfn = fakeCloudFormation(SERVERLESS_THUMBNAILS)
    expect(await readOwnership(cfn, {...tagged, tags: {}}, routes, [])).toBeUndefined()
    expect(cfn.calls).toEqual([])
  })

  it('names a Serverless Framework stack from its resources and template, and predicts the fix', async () => {
    const cfn = fakeCloudFormation(SERVERLESS_THUMBNAILS)
    const ownership = await readOwnership(cfn, tagged, routes, [{setting: 'binaryMediaType', mediaType: '*/*', listed: true}])
    expect(cfn.calls).toEqual(['DescribeStackResources a1b2c3d4e5', 'GetTemplate thumbnails-dev Original'])
    expect(ownership?.owner).toMatchObject({kind: 'serverless', stackName: 'thumbnails-dev', logicalId: 'ApiGatewayRestApi'})
    expect(ownership?.declared?.api.logicalId).toBe('ApiGatewayRestApi')
    expect(ownership?.predictions).toHaveLength(1)
    expect(['kept', 'reverted', 'unknown']).toContain(ownership?.predictions[0]?.outcome)
    expect(ownership?.predictions[0]?.reason).toEqual(expect.any(String))
  })

  it('still names the owner when the template cannot be read, and says why', async () => {
    const ownership = await readOwnership(fakeCloudFormation('Resources: [unclosed'), tagged, routes, [])
    expect(ownership?.owner.kind).toBe('serverless')
    expect(ownership?.templateProblem).toMatch(/^the template of stack thumbnails-dev could not be read: line \d+/)
    expect(ownership?.predictions).toEqual([])
  })

  it('is undefined when the tags point at a stack that no longer owns the API', async () => {
    expect(await readOwnership(fakeCloudFormation(SERVERLESS_THUMBNAILS, null), tagged, routes, [])).toBeUndefined()
  })
})

describe('readOwnership without CloudFormation permissions', () => {
  it('still names the stack from the tags, says the tool is unknown and why, and predicts nothing', async () => {
    const denied = new AwsCallError('access-denied', 'DescribeStackResources * in us-east-1: access denied; grant cloudformation:DescribeStackResources')
    const cfn = {...fakeCloudFormation(SERVERLESS_THUMBNAILS), stackOwning: async () => Promise.reject(denied)}
    const ownership = await readOwnership(cfn, tagged, routes, [{setting: 'binaryMediaType', mediaType: '*/*', listed: true}])
    expect(ownership).toMatchObject({owner: {stackName: 'thumbnails-dev', logicalId: 'ApiGatewayRestApi'}, toolUnknown: true, predictions: [], apiGatewayResources: []})
    expect(ownership!.templateProblem).toBe(`CloudFormation could not be read: ${denied.message}`)
    expect(ownership!.owner.reasons).toContain('the stack could not be read, so its tool is not known')
  })

  it('lets other failures through', async () => {
    const cfn = {...fakeCloudFormation(SERVERLESS_THUMBNAILS), stackOwning: async () => Promise.reject(new AwsCallError('throttled', 'slow down'))}
    await expect(readOwnership(cfn, tagged, routes, [])).rejects.toThrow('slow down')
  })
})
