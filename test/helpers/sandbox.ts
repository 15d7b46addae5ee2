import {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import {type Sandbox, type SandboxOptions, startSandbox} from '../../src/sandbox/server.js'

export const TEST_CREDENTIALS = {accessKeyId: 'AKIDSANDBOXTEST', secretAccessKey: 'sandbox-test-secret'}

/** A sandbox on a free loopback port. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({port: 0, ...options})
}

/** The real SDK client over HTTP; one attempt so tests see each answer as the server gave it. */
export function sdkClient(endpoint: string, maxAttempts = 1): APIGatewayClient {
  return new APIGatewayClient({endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts})
}

export async function fetchCallLog(endpoint: string): Promise<Array<{operation: string; method: string; path: string; status: number; mutating: boolean}>> {
  const response = await fetch(`${endpoint}/_sandbox/calls`)
  return (await response.json()) as never
}
