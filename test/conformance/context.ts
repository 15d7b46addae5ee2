// What a transcription runs against: a sandbox on a free port and the AWS SDK's API Gateway client over
// HTTP (one attempt, so each answer is the server's own), made fresh for each file of transcriptions.
import {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import type {Sandbox, SandboxOptions} from '../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../helpers/sandbox.js'

export interface ConformanceContext {
  sandbox: Sandbox
  client: APIGatewayClient
}

/** Starts the sandbox before the file's tests and closes it after; the returned object fills in then. */
export function useConformanceSandbox(options: SandboxOptions = {}): ConformanceContext {
  const context = {} as ConformanceContext
  beforeAll(async () => {
    context.sandbox = await startTestSandbox(options)
    context.client = sdkClient(context.sandbox.url)
  })
  afterAll(async () => {
    context.client?.destroy()
    await context.sandbox?.close()
  })
  return context
}

/** LocalStack's SortingTransformer(key, by): the list under `key` sorted, wherever it is. */
export function sortedBy<T>(value: T, key: string, by: (item: any) => string): T {
  if (Array.isArray(value)) return value.map((item) => sortedBy(item, key, by)) as T
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [name, name === key && Array.isArray(item) ? [...item].sort((a, b) => (by(a) < by(b) ? -1 : by(a) > by(b) ? 1 : 0)) : sortedBy(item, key, by)]),
  ) as T
}

/** A name unique in the sandbox, as LocalStack's short_uid() makes them. */
export function shortUid(): string {
  return Math.random().toString(16).slice(2, 10)
}
