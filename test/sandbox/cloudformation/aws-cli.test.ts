// The preinstalled AWS CLI (Python botocore: its own query-protocol serializer and XML parser) against the
// sandbox's CloudFormation: the reads, and a drift detection from start to finish.
import {readFileSync} from 'node:fs'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {awsCliVersion} from '../../helpers/external/aws-cli.js'
import {fetchCallLog} from '../../helpers/sandbox.js'
import {IMAGE_TEMPLATE, THUMBNAIL_TEMPLATE, awsCloudFormation, awsCloudFormationJson, imageSandbox, sleep, thumbnailSandbox} from './support.js'

const cli = await awsCliVersion()
const maybe = 'version' in cli ? describe : describe.skip
if ('missing' in cli) console.warn(`SKIPPED test/sandbox/cloudformation/aws-cli.test.ts: the AWS CLI is not available (${cli.missing})`)

type Json = Record<string, any>

maybe('the AWS CLI against the sandbox: aws cloudformation', () => {
  let sandbox: Sandbox
  let apiId: string
  const aws = (...args: string[]) => awsCloudFormationJson<Json>(sandbox.url, args)

  beforeAll(async () => {
    ;({sandbox, apiId} = await thumbnailSandbox())
  })
  afterAll(() => sandbox.close())

  it('describe-stacks', async () => {
    const {Stacks} = await aws('describe-stacks', '--stack-name', 'thumbnail-service-dev')
    expect(Stacks).toHaveLength(1)
    expect(Stacks[0]).toMatchObject({StackName: 'thumbnail-service-dev', StackStatus: 'UPDATE_COMPLETE', DriftInformation: {StackDriftStatus: 'NOT_CHECKED'}})
    expect(Stacks[0].StackId).toMatch(/^arn:aws:cloudformation:us-east-1:123456789012:stack\/thumbnail-service-dev\//)
    expect(Date.parse(Stacks[0].CreationTime)).not.toBeNaN()
  })

  it('describe-stack-resources --physical-resource-id finds the stack of the REST API', async () => {
    const {StackResources} = await aws('describe-stack-resources', '--physical-resource-id', apiId)
    const restApi = StackResources.find((resource: Json) => resource.LogicalResourceId === 'ApiGatewayRestApi')
    expect(restApi).toMatchObject({StackName: 'thumbnail-service-dev', PhysicalResourceId: apiId, ResourceType: 'AWS::ApiGateway::RestApi', ResourceStatus: 'CREATE_COMPLETE'})
    expect(StackResources.length).toBeGreaterThan(20)
  })

  it('get-template returns the template as deployed (the CLI decodes a JSON body)', async () => {
    const {TemplateBody, StagesAvailable} = await aws('get-template', '--stack-name', 'thumbnail-service-dev')
    expect(TemplateBody).toEqual(JSON.parse(readFileSync(THUMBNAIL_TEMPLATE, 'utf8')))
    expect(StagesAvailable).toEqual(['Original', 'Processed'])
  })

  it('detect-stack-drift, describe-stack-drift-detection-status until complete, describe-stack-resource-drifts', async () => {
    const {StackDriftDetectionId} = await aws('detect-stack-drift', '--stack-name', 'thumbnail-service-dev')
    expect(StackDriftDetectionId).toMatch(/^[0-9a-f-]{36}$/)
    let status: Json
    for (;;) {
      status = await aws('describe-stack-drift-detection-status', '--stack-drift-detection-id', StackDriftDetectionId)
      if (status.DetectionStatus !== 'DETECTION_IN_PROGRESS') break
      await sleep(100)
    }
    expect(status).toMatchObject({DetectionStatus: 'DETECTION_COMPLETE', StackDriftStatus: 'DRIFTED', DriftedStackResourceCount: 2, StackDriftDetectionId})
    const {StackResourceDrifts} = await aws('describe-stack-resource-drifts', '--stack-name', 'thumbnail-service-dev', '--stack-resource-drift-status-filters', 'MODIFIED', 'DELETED')
    expect(StackResourceDrifts.map((drift: Json) => drift.LogicalResourceId)).toEqual(['ApiGatewayMethodThumbnailsKeyVarOptions', 'ApiGatewayMethodUploadOptions'])
    expect(StackResourceDrifts[0].PropertyDifferences).toEqual([
      {PropertyPath: '/Integration/ContentHandling', ExpectedValue: 'CONVERT_TO_TEXT', ActualValue: 'null', DifferenceType: 'REMOVE'},
    ])
    expect(JSON.parse(StackResourceDrifts[0].ExpectedProperties).Integration.ContentHandling).toBe('CONVERT_TO_TEXT')
  })

  it('fails with ValidationError and AWS\'s message for an unknown stack', async () => {
    const result = await awsCloudFormation(sandbox.url, ['describe-stacks', '--stack-name', 'foo'])
    // CLI v1 exits 255 on a service error, v2 254.
    expect([254, 255]).toContain(result.exitCode)
    expect(result.stderr).toContain('An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id foo does not exist')
    expect(result.stdout).toBe('')
  })

  it('the call log lists each call by its Action, none mutating', async () => {
    const log = await fetchCallLog(sandbox.url)
    expect(new Set(log.map((call) => call.operation))).toEqual(
      new Set(['DescribeStacks', 'DescribeStackResources', 'GetTemplate', 'DetectStackDrift', 'DescribeStackDriftDetectionStatus', 'DescribeStackResourceDrifts']),
    )
    expect(log.some((call) => call.mutating)).toBe(false)
  })
})

maybe('the AWS CLI against the sandbox: a SAM stack', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    ;({sandbox} = await imageSandbox({driftDetectionMs: 50}))
  })
  afterAll(() => sandbox.close())

  it('get-template gives the SAM YAML as a string, and --template-stage Processed the transformed JSON', async () => {
    const original = await awsCloudFormationJson<Json>(sandbox.url, ['get-template', '--stack-name', 'image-api'])
    expect(original.TemplateBody).toBe(readFileSync(IMAGE_TEMPLATE, 'utf8'))
    const processed = await awsCloudFormationJson<Json>(sandbox.url, ['get-template', '--stack-name', 'image-api', '--template-stage', 'Processed'])
    expect(processed.TemplateBody.Resources.ApiName.Type).toBe('AWS::ApiGateway::RestApi')
  })
})
