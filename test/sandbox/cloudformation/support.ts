// Shared plumbing for the CloudFormation tests: sandboxes with the fixture stacks, the real SDK client,
// unsigned query-protocol calls for what the SDK does not let through, the AWS CLI, and waiting for drift.
import {fileURLToPath} from 'node:url'

import {
  CloudFormationClient,
  DescribeStackDriftDetectionStatusCommand,
  type DescribeStackDriftDetectionStatusCommandOutput,
  DescribeStackResourceDriftsCommand,
  DetectStackDriftCommand,
  type StackResourceDrift,
} from '@aws-sdk/client-cloudformation'

import type {Sandbox, SandboxOptions} from '../../../src/sandbox/server.js'
import {type SetupResult, setUpSandbox} from '../../../src/sandbox/setup.js'
import {type CliResult, awsCli, awsCliJson} from '../../helpers/external/aws-cli.js'
import {TEST_CREDENTIALS, startTestSandbox} from '../../helpers/sandbox.js'

export const fixture = (path: string) => fileURLToPath(new URL(`../../../fixtures/${path}`, import.meta.url))

export const THUMBNAIL_API = fixture('apis/thumbnail-service.oas30.json')
export const IMAGE_API = fixture('apis/image-api.oas30.json')
export const THUMBNAIL_STACK = fixture('stacks/thumbnail-service.stack.yaml')
export const IMAGE_STACK = fixture('stacks/image-api.stack.yaml')
export const THUMBNAIL_TEMPLATE = fixture('stacks/thumbnail-service.serverless.json')
export const IMAGE_TEMPLATE = fixture('stacks/image-api.sam.yaml')

/** A sandbox with the thumbnail service deployed to dev and its stack. */
export async function thumbnailSandbox(options: SandboxOptions = {}): Promise<{sandbox: Sandbox; setup: SetupResult; apiId: string}> {
  const sandbox = await startTestSandbox(options)
  const setup = setUpSandbox(sandbox, {imports: [THUMBNAIL_API], deployStage: 'dev', stacks: [THUMBNAIL_STACK]})
  return {sandbox, setup, apiId: setup.restApis[0]!.id}
}

/** A sandbox with the image API deployed to v1 and its SAM stack. */
export async function imageSandbox(options: SandboxOptions = {}): Promise<{sandbox: Sandbox; setup: SetupResult; apiId: string}> {
  const sandbox = await startTestSandbox(options)
  const setup = setUpSandbox(sandbox, {imports: [IMAGE_API], deployStage: 'v1', stacks: [IMAGE_STACK]})
  return {sandbox, setup, apiId: setup.restApis[0]!.id}
}

/** The real SDK client over HTTP, one attempt per call. */
export function cloudFormationClient(endpoint: string): CloudFormationClient {
  return new CloudFormationClient({endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1})
}

export interface QueryAnswer {
  status: number
  contentType: string | null
  requestId: string | null
  text: string
}

/** An unsigned query-protocol request, as the SDKs send it: `POST /` with a form body. */
export async function query(endpoint: string, parameters: Record<string, string>): Promise<QueryAnswer> {
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded; charset=utf-8'},
    body: new URLSearchParams(parameters).toString(),
  })
  return {status: response.status, contentType: response.headers.get('content-type'), requestId: response.headers.get('x-amzn-requestid'), text: await response.text()}
}

/** The text of the first `<name>` element of an XML answer. */
export function xmlText(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)
  return match?.[1]
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls DescribeStackDriftDetectionStatus until the detection is no longer in progress. */
export async function untilDetected(client: CloudFormationClient, id: string, timeoutMs = 5_000): Promise<DescribeStackDriftDetectionStatusCommandOutput> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const status = await client.send(new DescribeStackDriftDetectionStatusCommand({StackDriftDetectionId: id}))
    if (status.DetectionStatus !== 'DETECTION_IN_PROGRESS') return status
    if (Date.now() > deadline) throw new Error(`drift detection ${id} still in progress after ${timeoutMs} ms`)
    await sleep(25)
  }
}

/** DetectStackDrift, waits for it, and returns every resource's drift by logical id. */
export async function detectDrift(
  client: CloudFormationClient,
  stackName: string,
  logicalIds?: string[],
): Promise<{status: DescribeStackDriftDetectionStatusCommandOutput; drifts: Map<string, StackResourceDrift>}> {
  const {StackDriftDetectionId} = await client.send(new DetectStackDriftCommand({StackName: stackName, LogicalResourceIds: logicalIds}))
  const status = await untilDetected(client, StackDriftDetectionId!)
  const drifts = new Map<string, StackResourceDrift>()
  let NextToken: string | undefined
  do {
    const page = await client.send(new DescribeStackResourceDriftsCommand({StackName: stackName, NextToken}))
    for (const drift of page.StackResourceDrifts ?? []) drifts.set(drift.LogicalResourceId!, drift)
    NextToken = page.NextToken
  } while (NextToken)
  return {status, drifts}
}


// The preinstalled AWS CLI, with dummy credentials and nothing from the machine's AWS configuration.
export function awsCloudFormation(endpoint: string, args: readonly string[]): Promise<CliResult> {
  return awsCli('cloudformation', endpoint, args)
}

export function awsCloudFormationJson<T = Record<string, unknown>>(endpoint: string, args: readonly string[]): Promise<T> {
  return awsCliJson<T>('cloudformation', endpoint, args)
}
