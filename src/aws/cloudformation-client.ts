// The CloudFormationReader port over the AWS SDK. Reached only through the dynamic import in clients.ts.
// Calls go through the same call policy as API Gateway's (retries, Retry-After), without API Gateway's
// quotas: CloudFormation's own are not published per operation and are far from what one run asks.

import {
  type CloudFormationClient,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStackResourcesCommand,
  DetectStackDriftCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  type StackResourceDrift,
} from '@aws-sdk/client-cloudformation'

import {AwsCallError} from '../core/errors.js'
import {type AwsCallContext, errorName, toAwsCallError} from './aws-errors.js'
import type {CallPolicy, CallStats} from './call-policy.js'
import type {CloudFormationReader, DriftDetection, OwningStack, ResourceDrift, StackResourceSummary, TemplateStage} from '../services/cloudformation-port.js'

export interface AwsCloudFormationReader extends CloudFormationReader {
  readonly region: string
  stats(): CallStats
  close(): void
}

export interface CloudFormationSettings {
  region: string
  endpoint: () => string
  profile?: string
}

export class SdkCloudFormationReader implements AwsCloudFormationReader {
  readonly region: string

  constructor(
    private readonly client: CloudFormationClient,
    private readonly policy: CallPolicy,
    private readonly settings: CloudFormationSettings,
  ) {
    this.region = settings.region
  }

  stats(): CallStats {
    return this.policy.stats()
  }

  close(): void {
    this.client.destroy()
  }

  async stackOwning(physicalResourceId: string): Promise<OwningStack | undefined> {
    let answer
    try {
      answer = await this.call('DescribeStackResources', `*`, () => this.client.send(new DescribeStackResourcesCommand({PhysicalResourceId: physicalResourceId})))
    } catch (error) {
      // "Stack for <id> does not exist": the resource belongs to no stack.
      if (error instanceof AwsCallError && error.kind === 'not-found') return undefined
      throw error
    }
    const resources = answer.StackResources ?? []
    const first = resources[0]
    if (!first?.StackName || !first.StackId) return undefined
    return {
      stackName: first.StackName,
      stackId: first.StackId,
      resources: resources.map((resource) => ({
        logicalResourceId: resource.LogicalResourceId ?? '',
        ...(resource.PhysicalResourceId ? {physicalResourceId: resource.PhysicalResourceId} : {}),
        resourceType: resource.ResourceType ?? '',
        ...(resource.ResourceStatus ? {resourceStatus: resource.ResourceStatus} : {}),
        ...(resource.DriftInformation?.StackResourceDriftStatus ? {driftStatus: resource.DriftInformation.StackResourceDriftStatus} : {}),
      })),
    }
  }

  async listStackResources(stackName: string): Promise<StackResourceSummary[]> {
    const resources: StackResourceSummary[] = []
    let nextToken: string | undefined
    do {
      const token = nextToken
      const page = await this.call('ListStackResources', stackName, () => this.client.send(new ListStackResourcesCommand({StackName: stackName, NextToken: token})))
      for (const resource of page.StackResourceSummaries ?? []) {
        resources.push({
          logicalResourceId: resource.LogicalResourceId ?? '',
          ...(resource.PhysicalResourceId ? {physicalResourceId: resource.PhysicalResourceId} : {}),
          resourceType: resource.ResourceType ?? '',
          ...(resource.ResourceStatus ? {resourceStatus: resource.ResourceStatus} : {}),
          ...(resource.DriftInformation?.StackResourceDriftStatus ? {driftStatus: resource.DriftInformation.StackResourceDriftStatus} : {}),
        })
      }
      nextToken = page.NextToken || undefined
    } while (nextToken !== undefined)
    return resources
  }

  async getTemplate(stackName: string, stage: TemplateStage): Promise<string> {
    const answer = await this.call('GetTemplate', stackName, () => this.client.send(new GetTemplateCommand({StackName: stackName, TemplateStage: stage})))
    return answer.TemplateBody ?? ''
  }

  async detectStackDrift(stackName: string, logicalResourceIds?: string[]): Promise<string> {
    const answer = await this.call('DetectStackDrift', stackName, () =>
      this.client.send(new DetectStackDriftCommand({StackName: stackName, ...(logicalResourceIds?.length ? {LogicalResourceIds: logicalResourceIds} : {})})),
    )
    if (!answer.StackDriftDetectionId) throw new AwsCallError('other', `DetectStackDrift ${stackName}: CloudFormation returned no detection id`)
    return answer.StackDriftDetectionId
  }

  async driftDetectionStatus(detectionId: string): Promise<DriftDetection> {
    const answer = await this.call('DescribeStackDriftDetectionStatus', '*', () =>
      this.client.send(new DescribeStackDriftDetectionStatusCommand({StackDriftDetectionId: detectionId})),
    )
    return {
      status: (answer.DetectionStatus ?? 'DETECTION_IN_PROGRESS') as DriftDetection['status'],
      ...(answer.StackDriftStatus ? {stackDriftStatus: answer.StackDriftStatus} : {}),
      ...(answer.DetectionStatusReason ? {reason: answer.DetectionStatusReason} : {}),
      ...(answer.DriftedStackResourceCount === undefined ? {} : {driftedResources: answer.DriftedStackResourceCount}),
    }
  }

  async resourceDrifts(stackName: string): Promise<ResourceDrift[]> {
    const drifts: ResourceDrift[] = []
    let nextToken: string | undefined
    do {
      const token = nextToken
      const page = await this.call('DescribeStackResourceDrifts', stackName, () =>
        this.client.send(new DescribeStackResourceDriftsCommand({StackName: stackName, MaxResults: 100, NextToken: token})),
      )
      drifts.push(...(page.StackResourceDrifts ?? []).map(driftOf))
      nextToken = page.NextToken || undefined
    } while (nextToken !== undefined)
    return drifts
  }

  private call<T>(operation: string, stack: string, send: () => Promise<T>): Promise<T> {
    return this.policy.run(operation, send, (error, attempts) => {
      // CloudFormation answers a missing stack with a 400 ValidationError "… does not exist".
      if (errorName(error) === 'ValidationError' && /does not exist/i.test((error as Error).message ?? '')) {
        return new AwsCallError('not-found', `${operation} ${stack} in ${this.region}: ${(error as Error).message}`)
      }
      return toAwsCallError(error, this.context(operation, stack, attempts))
    })
  }

  private context(operation: string, stack: string, attempts: number): AwsCallContext {
    return {
      operation,
      httpMethod: 'POST',
      resourcePath: stack,
      region: this.settings.region,
      endpoint: this.settings.endpoint(),
      attempts,
      ...(this.settings.profile ? {profile: this.settings.profile} : {}),
      service: {name: 'CloudFormation', permission: `cloudformation:${operation} on arn:aws:cloudformation:${this.settings.region}:*:stack/${stack}/*`},
    }
  }
}

function driftOf(drift: StackResourceDrift): ResourceDrift {
  return {
    logicalResourceId: drift.LogicalResourceId ?? '',
    ...(drift.PhysicalResourceId ? {physicalResourceId: drift.PhysicalResourceId} : {}),
    resourceType: drift.ResourceType ?? '',
    driftStatus: drift.StackResourceDriftStatus ?? 'NOT_CHECKED',
    differences: (drift.PropertyDifferences ?? []).map((difference) => ({
      propertyPath: difference.PropertyPath ?? '',
      ...(difference.ExpectedValue === undefined ? {} : {expectedValue: difference.ExpectedValue}),
      ...(difference.ActualValue === undefined ? {} : {actualValue: difference.ActualValue}),
      ...(difference.DifferenceType ? {differenceType: difference.DifferenceType} : {}),
    })),
  }
}
