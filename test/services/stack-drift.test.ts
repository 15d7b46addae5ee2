// Polling CloudFormation's asynchronous drift detection: backoff, a bounded wait, only the API's resources.
import type {CloudFormationReader, DriftDetection, ResourceDrift} from '../../src/services/cloudformation-port.js'
import {detectStackDrift} from '../../src/services/stack-drift.js'

function fakeCloudFormation(statuses: DriftDetection[], drifts: ResourceDrift[] = []): CloudFormationReader & {detections: Array<string[] | undefined>} {
  const detections: Array<string[] | undefined> = []
  let polled = 0
  return {
    detections,
    stackOwning: async () => undefined,
    listStackResources: async () => [],
    getTemplate: async () => '',
    detectStackDrift: async (_stack, ids) => {
      detections.push(ids)
      return 'd-1'
    },
    driftDetectionStatus: async () => statuses[Math.min(polled++, statuses.length - 1)]!,
    resourceDrifts: async () => drifts,
  }
}

function clock() {
  let time = 0
  const waits: number[] = []
  return {waits, now: () => time, sleep: async (ms: number) => void (waits.push(ms), (time += ms))}
}

const restApiDrift: ResourceDrift = {logicalResourceId: 'ApiGatewayRestApi', resourceType: 'AWS::ApiGateway::RestApi', driftStatus: 'MODIFIED', differences: [{propertyPath: '/BinaryMediaTypes/0', actualValue: '*/*', differenceType: 'ADD'}]}
const functionDrift: ResourceDrift = {logicalResourceId: 'UploadLambdaFunction', resourceType: 'AWS::Lambda::Function', driftStatus: 'MODIFIED', differences: []}

describe('detectStackDrift', () => {
  it('polls with doubling waits until CloudFormation completes, and keeps the API Gateway resources', async () => {
    const time = clock()
    const cfn = fakeCloudFormation(
      [{status: 'DETECTION_IN_PROGRESS'}, {status: 'DETECTION_IN_PROGRESS'}, {status: 'DETECTION_COMPLETE', stackDriftStatus: 'DRIFTED', driftedResources: 2}],
      [restApiDrift, functionDrift],
    )
    const report = await detectStackDrift(cfn, 'thumbs', ['ApiGatewayRestApi'], {...time, firstDelayMs: 500})
    expect(time.waits).toEqual([500, 1000, 2000])
    expect(cfn.detections).toEqual([['ApiGatewayRestApi']])
    expect(report).toEqual({stackName: 'thumbs', outcome: 'complete', stackDriftStatus: 'DRIFTED', resources: [restApiDrift], polls: 3, waitedMs: 3500})
  })

  it('gives up within the time allowed', async () => {
    const time = clock()
    const report = await detectStackDrift(fakeCloudFormation([{status: 'DETECTION_IN_PROGRESS'}]), 'thumbs', [], {...time, timeoutMs: 10_000, firstDelayMs: 1000, maxDelayMs: 4000})
    expect(time.waits).toEqual([1000, 2000, 4000, 3000])
    expect(report).toMatchObject({outcome: 'timed-out', resources: [], waitedMs: 10_000})
  })

  it('reports a failed detection with CloudFormation’s reason', async () => {
    const time = clock()
    const report = await detectStackDrift(fakeCloudFormation([{status: 'DETECTION_FAILED', reason: 'Stack is being updated'}]), 'thumbs', [], time)
    expect(report).toMatchObject({outcome: 'failed', reason: 'Stack is being updated', resources: []})
  })
})
