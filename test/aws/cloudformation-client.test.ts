// The SDK CloudFormation reader against aws-sdk-client-mock: what it sends, how it pages, what a stack
// that does not exist and a refusal come out as.
import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStackResourcesCommand,
  DetectStackDriftCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation'
import {mockClient} from 'aws-sdk-client-mock'

import {CallPolicy} from '../../src/aws/call-policy.js'
import {SdkCloudFormationReader} from '../../src/aws/cloudformation-client.js'
import {AwsCallError} from '../../src/core/errors.js'
import {TEST_CREDENTIALS} from '../helpers/sandbox.js'

const REGION = 'eu-west-1'
const client = new CloudFormationClient({region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1})
const mock = mockClient(client)
let reader: SdkCloudFormationReader

beforeEach(() => {
  mock.reset()
  reader = new SdkCloudFormationReader(client, new CallPolicy({quotas: false, sleep: async () => {}, random: () => 0}), {region: REGION, endpoint: () => 'https://cloudformation.eu-west-1.amazonaws.com'})
})

afterAll(() => client.destroy())

function serviceError(name: string, message: string, status: number): CloudFormationServiceException {
  return new CloudFormationServiceException({name, message, $fault: 'client', $metadata: {httpStatusCode: status}})
}

describe('SdkCloudFormationReader', () => {
  it('finds the stack owning a REST API by its physical id', async () => {
    mock.on(DescribeStackResourcesCommand, {PhysicalResourceId: 'a1b2c3d4e5'}).resolves({
      StackResources: [
        {StackName: 'thumbs', StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/thumbs/1', LogicalResourceId: 'ApiGatewayRestApi', PhysicalResourceId: 'a1b2c3d4e5', ResourceType: 'AWS::ApiGateway::RestApi', ResourceStatus: 'CREATE_COMPLETE', Timestamp: new Date()},
        {StackName: 'thumbs', StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/thumbs/1', LogicalResourceId: 'UploadLambdaFunction', ResourceType: 'AWS::Lambda::Function', ResourceStatus: 'CREATE_COMPLETE', Timestamp: new Date(), DriftInformation: {StackResourceDriftStatus: 'IN_SYNC'}},
      ],
    })
    expect(await reader.stackOwning('a1b2c3d4e5')).toEqual({
      stackName: 'thumbs',
      stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/thumbs/1',
      resources: [
        {logicalResourceId: 'ApiGatewayRestApi', physicalResourceId: 'a1b2c3d4e5', resourceType: 'AWS::ApiGateway::RestApi', resourceStatus: 'CREATE_COMPLETE'},
        {logicalResourceId: 'UploadLambdaFunction', resourceType: 'AWS::Lambda::Function', resourceStatus: 'CREATE_COMPLETE', driftStatus: 'IN_SYNC'},
      ],
    })
  })

  it('says no stack owns a resource when CloudFormation answers that the stack does not exist', async () => {
    mock.on(DescribeStackResourcesCommand).rejects(serviceError('ValidationError', 'Stack for a1b2c3d4e5 does not exist', 400))
    expect(await reader.stackOwning('a1b2c3d4e5')).toBeUndefined()
  })

  it('names the CloudFormation permission when access is denied', async () => {
    mock.on(GetTemplateCommand).rejects(serviceError('AccessDenied', 'User is not authorized', 403))
    await expect(reader.getTemplate('thumbs', 'Original')).rejects.toThrow(
      new AwsCallError('access-denied', 'access denied: GetTemplate needs cloudformation:GetTemplate on arn:aws:cloudformation:eu-west-1:*:stack/thumbs/*'),
    )
  })

  it('follows every page of ListStackResources and DescribeStackResourceDrifts', async () => {
    mock
      .on(ListStackResourcesCommand, {StackName: 'thumbs', NextToken: undefined})
      .resolves({StackResourceSummaries: [{LogicalResourceId: 'A', ResourceType: 'AWS::ApiGateway::RestApi', PhysicalResourceId: 'a1', LastUpdatedTimestamp: new Date(), ResourceStatus: 'CREATE_COMPLETE'}], NextToken: 't2'})
      .on(ListStackResourcesCommand, {StackName: 'thumbs', NextToken: 't2'})
      .resolves({StackResourceSummaries: [{LogicalResourceId: 'B', ResourceType: 'AWS::ApiGateway::RestApi', PhysicalResourceId: 'b2', LastUpdatedTimestamp: new Date(), ResourceStatus: 'CREATE_COMPLETE'}]})
    expect((await reader.listStackResources('thumbs')).map((resource) => resource.logicalResourceId)).toEqual(['A', 'B'])

    mock
      .on(DescribeStackResourceDriftsCommand, {StackName: 'thumbs', MaxResults: 100, NextToken: undefined})
      .resolves({
        StackResourceDrifts: [
          {
            StackId: 's',
            LogicalResourceId: 'ApiGatewayRestApi',
            PhysicalResourceId: 'a1',
            ResourceType: 'AWS::ApiGateway::RestApi',
            StackResourceDriftStatus: 'MODIFIED',
            Timestamp: new Date(),
            PropertyDifferences: [{PropertyPath: '/BinaryMediaTypes/0', ExpectedValue: 'image/png', ActualValue: '*/*', DifferenceType: 'NOT_EQUAL'}],
          },
        ],
        NextToken: 'n',
      })
      .on(DescribeStackResourceDriftsCommand, {StackName: 'thumbs', MaxResults: 100, NextToken: 'n'})
      .resolves({StackResourceDrifts: []})
    expect(await reader.resourceDrifts('thumbs')).toEqual([
      {
        logicalResourceId: 'ApiGatewayRestApi',
        physicalResourceId: 'a1',
        resourceType: 'AWS::ApiGateway::RestApi',
        driftStatus: 'MODIFIED',
        differences: [{propertyPath: '/BinaryMediaTypes/0', expectedValue: 'image/png', actualValue: '*/*', differenceType: 'NOT_EQUAL'}],
      },
    ])
  })

  it('starts drift detection and reads its status', async () => {
    mock.on(DetectStackDriftCommand, {StackName: 'thumbs', LogicalResourceIds: ['ApiGatewayRestApi']}).resolves({StackDriftDetectionId: 'd-1'})
    mock.on(DescribeStackDriftDetectionStatusCommand, {StackDriftDetectionId: 'd-1'}).resolves({
      StackId: 's',
      StackDriftDetectionId: 'd-1',
      DetectionStatus: 'DETECTION_COMPLETE',
      StackDriftStatus: 'DRIFTED',
      DriftedStackResourceCount: 1,
      Timestamp: new Date(),
    })
    expect(await reader.detectStackDrift('thumbs', ['ApiGatewayRestApi'])).toBe('d-1')
    expect(await reader.driftDetectionStatus('d-1')).toEqual({status: 'DETECTION_COMPLETE', stackDriftStatus: 'DRIFTED', driftedResources: 1})
  })

  it('returns the template text as CloudFormation holds it', async () => {
    mock.on(GetTemplateCommand, {StackName: 'thumbs', TemplateStage: 'Original'}).resolves({TemplateBody: 'Transform: AWS::Serverless-2016-10-31\n'})
    expect(await reader.getTemplate('thumbs', 'Original')).toBe('Transform: AWS::Serverless-2016-10-31\n')
  })
})
