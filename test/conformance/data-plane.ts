// What the data-plane transcriptions share: LocalStack's fixtures (create_rest_apigw, api_invoke_url), the
// stand-in functions of fixtures/functions/localstack/, and a `requests` session whose requests to a stage
// carry the Host header they carried to AWS. The sandbox serves a stage at
// /restapis/{apiId}/{stage}/_user_request_/{path} whatever the Host; sending `{apiId}.execute-api.{region}.amazonaws.com`
// keeps what the request tells the API (Host, $context.domainName, domainPrefix) as it was on AWS.
import {CreateRestApiCommand, type CreateRestApiCommandInput, GetResourcesCommand} from '@aws-sdk/client-api-gateway'

import type {ConformanceContext} from './context.js'
import {shortUid} from './context.js'
import {type PythonRequest, PythonRequests, type PythonResponse} from './python-requests.js'
import type {Deviation} from './replay.js'

export const REGION = 'us-east-1'
/** The account the recordings show (LocalStack's placeholder for the one they were made in); the sandboxes run in it. */
export const ACCOUNT = '111111111111'

/** A stand-in function of fixtures/functions/localstack/ by file name (without .mjs). */
export function standIn(name: string): string {
  return new URL(`../../fixtures/functions/localstack/${name}.mjs`, import.meta.url).pathname
}

export function standInUrl(name: string): URL {
  return new URL(`../../fixtures/functions/localstack/${name}.mjs`, import.meta.url)
}

/** arns.apigateway_invocations_arn for a function of the sandbox's account. */
export function lambdaUri(functionName: string): string {
  return `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${functionArn(functionName)}/invocations`
}

export function functionArn(functionName: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`
}

/** The fixture create_rest_apigw: CreateRestApi (name test-api-<uid> unless given) and the root resource's id. */
export async function createRestApigw(context: ConformanceContext, input: Partial<CreateRestApiCommandInput> = {}): Promise<{apiId: string; name: string; rootId: string}> {
  const created = await context.client.send(new CreateRestApiCommand({name: `test-api-${shortUid()}`, ...input}))
  const resources = await context.client.send(new GetResourcesCommand({restApiId: created.id!}))
  return {apiId: created.id!, name: created.name!, rootId: resources.items!.find((resource) => resource.path === '/')!.id!}
}

/** api_invoke_url(api_id, stage, path), in the sandbox's path form. */
export function invokeUrl(context: ConformanceContext, apiId: string, stage: string, path = '/'): string {
  return `${context.sandbox.url}/restapis/${apiId}/${stage}/_user_request_${path}`
}

const STAGE_PATH = /\/restapis\/([^/]+)\/[^/]*\/_user_request_/

/** `requests` against the sandbox, with the Host an API's stage has on AWS. */
export class ExecuteApiRequests extends PythonRequests {
  override request(method: string, url: string, options: PythonRequest = {}): Promise<PythonResponse> {
    const apiId = STAGE_PATH.exec(url)?.[1]
    return super.request(method, url, apiId === undefined ? options : {...options, host: `${apiId}.execute-api.${REGION}.amazonaws.com`})
  }
}

/** A session for a file of transcriptions, closed after it. */
export function useRequests(): ExecuteApiRequests {
  const requests = new ExecuteApiRequests()
  afterAll(() => requests.close())
  return requests
}

/** An IAM role ARN for integrations' `credentials`: the sandbox stores it and invokes without IAM. */
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/apigw-invoke`

/**
 * Headers CloudFront adds on the way to an edge-optimized API (CreateRestApi's default endpoint type), to
 * the request API Gateway passes on and to the response the client gets. The sandbox serves a stage
 * directly, with no CloudFront in front, so it has none of them.
 */
export const CLOUDFRONT_REQUEST_HEADERS = [
  'CloudFront-Forwarded-Proto',
  'CloudFront-Is-Desktop-Viewer',
  'CloudFront-Is-Mobile-Viewer',
  'CloudFront-Is-SmartTV-Viewer',
  'CloudFront-Is-Tablet-Viewer',
  'CloudFront-Viewer-ASN',
  'CloudFront-Viewer-Country',
  'Via',
  'X-Amz-Cf-Id',
]
export const CLOUDFRONT_RESPONSE_HEADERS = ['Via', 'X-Amz-Cf-Id', 'X-Amz-Cf-Pop', 'X-Cache']

const NO_CLOUDFRONT = 'edge-optimized API: CloudFront in front of API Gateway adds this header; the sandbox has no CloudFront in front of a stage'

/** A deviation for each CloudFront header under each of `places` (paths within a match key) of each key. */
export function cloudFrontDeviations(test: string, keys: readonly string[], places: readonly string[], headers: readonly string[]): Deviation[] {
  return keys.flatMap((key) => places.flatMap((place) => headers.map((header) => ({test, key, path: `${place}.${header}`, reason: NO_CLOUDFRONT}))))
}

/** A body-less GET's status when it must be `expected`, else the answer in the failure. */
export function expectStatus(response: PythonResponse, expected: number): void {
  if (response.status !== expected) throw new Error(`expected status ${expected}, got ${response.status}: ${response.text.slice(0, 300)}`)
}
