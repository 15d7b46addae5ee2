import {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import {type Sandbox, type SandboxOptions, startSandbox} from '../../src/sandbox/server.js'

export const TEST_CREDENTIALS = {accessKeyId: 'AKIDSANDBOXTEST', secretAccessKey: 'sandbox-test-secret'}

/** A sandbox on a free loopback port; its diagnoses (a function without handler) are kept off the test output. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({port: 0, logDiagnosis: () => {}, ...options})
}

/** The real SDK client over HTTP; one attempt so tests see each answer as the server gave it. */
export function sdkClient(endpoint: string, maxAttempts = 1): APIGatewayClient {
  return new APIGatewayClient({endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts})
}

export async function fetchCallLog(endpoint: string): Promise<Array<{operation: string; method: string; path: string; status: number; mutating: boolean; account: string; region: string}>> {
  const response = await fetch(`${endpoint}/_sandbox/calls`)
  return (await response.json()) as never
}

/**
 * The environment a CLI run against a test sandbox gets: test credentials, the sandbox's region, and no
 * shared config or profile from the machine running the tests. The endpoint is passed as a flag.
 */
export function sandboxCliEnv(): Record<string, string | undefined> {
  return {
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: undefined,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: undefined,
    AWS_PROFILE: undefined,
    AWS_ENDPOINT_URL: undefined,
    AWS_ENDPOINT_URL_API_GATEWAY: undefined,
    AWS_ENDPOINT_URL_CLOUDFORMATION: undefined,
    AWS_CONFIG_FILE: '/nonexistent/apigw-binfix-test-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/apigw-binfix-test-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  }
}
