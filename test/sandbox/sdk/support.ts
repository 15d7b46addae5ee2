// Shared plumbing for the SDK-over-HTTP sandbox tests: fixtures, raw (unsigned) HTTP calls for what the SDK's
// types do not let through, and a small API built from control-plane calls.
import {readFileSync} from 'node:fs'

import {
  type APIGatewayClient,
  type Op,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway'

export const ACCOUNT_ID = '123456789012'

/** One patch operation as the SDK takes it; `value` only when given, as AWS's own examples send it. */
export const patch = (op: Op, path: string, value?: string) => (value === undefined ? {op, path} : {op, path, value})

export function fixtureText(name: string): string {
  return readFileSync(new URL(`../../../fixtures/apis/${name}`, import.meta.url), 'utf8')
}

export function fixtureJson(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>
}

export interface PatchPathVector {
  mediaType: string
  path: string
}

export function patchPathVectors(): PatchPathVector[] {
  const vectors = JSON.parse(readFileSync(new URL('../../../fixtures/vectors/conversions.json', import.meta.url), 'utf8')) as {
    patchPaths: {cases: PatchPathVector[]}
  }
  return vectors.patchPaths.cases
}

export interface RawAnswer {
  status: number
  errorType: string | null
  headers: Headers
  text: string
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: unknown
}

/** An unsigned request straight to the sandbox, with the Accept header the SDKs send. */
export async function raw(
  base: string,
  method: string,
  path: string,
  body?: string | Buffer | object,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const payload = body === undefined || typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body)
  const response = await fetch(base + path, {
    method,
    headers: {accept: 'application/json', ...(payload === undefined ? {} : {'content-type': 'application/json'}), ...headers},
    body: payload,
    signal: AbortSignal.timeout(5_000),
  })
  const text = await response.text()
  let json: unknown
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  return {status: response.status, errorType: response.headers.get('x-amzn-errortype'), headers: response.headers, text, json}
}

export interface SmallApi {
  id: string
  rootId: string
  /** `/items`, with a GET method backed by a MOCK integration. */
  itemsId: string
}

/** CreateRestApi + CreateResource + PutMethod + PutIntegration: the least an API needs to be deployable. */
export async function createSmallApi(client: APIGatewayClient, name: string): Promise<SmallApi> {
  const api = await client.send(new CreateRestApiCommand({name}))
  const items = await client.send(new CreateResourceCommand({restApiId: api.id, parentId: api.rootResourceId, pathPart: 'items'}))
  await client.send(new PutMethodCommand({restApiId: api.id, resourceId: items.id, httpMethod: 'GET', authorizationType: 'NONE'}))
  await client.send(
    new PutIntegrationCommand({restApiId: api.id, resourceId: items.id, httpMethod: 'GET', type: 'MOCK', requestTemplates: {'application/json': '{"statusCode": 200}'}}),
  )
  return {id: api.id!, rootId: api.rootResourceId!, itemsId: items.id!}
}

/** Drops the SDK's `$metadata` so outputs of different calls can be compared. */
export function withoutMetadata<T extends {$metadata?: unknown}>(output: T): Omit<T, '$metadata'> {
  const {$metadata: _ignored, ...rest} = output
  return rest
}
