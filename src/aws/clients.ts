// Builds the SDK-backed adapters. The SDK is imported dynamically: a command pays for loading it only
// when it really calls AWS, never for --help or --version.

import type {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import {UsageError} from '../core/errors.js'
import type {AwsApiGatewayReader, ReaderSettings} from './api-gateway-client.js'
import type {AwsConnectionOptions} from '../services/api-gateway-port.js'
import type {AwsApiGateway} from './api-gateway-writer.js'
import type {ProbeSigner} from '../services/probe-signer-port.js'
import {CallPolicy, type CallPolicyOptions} from './call-policy.js'

export type {AwsApiGatewayReader} from './api-gateway-client.js'
export type {AwsApiGateway} from './api-gateway-writer.js'
export type {AwsCloudFormationReader} from './cloudformation-client.js'

/**
 * An ApiGatewayReader over one SDK client. Region: `region`, else AWS_REGION, else AWS_DEFAULT_REGION
 * (which the JS SDK ignores, unlike the AWS CLI), else the profile's. Endpoint: `endpointUrl`, else the
 * SDK's own AWS_ENDPOINT_URL_API_GATEWAY / AWS_ENDPOINT_URL / profile `endpoint_url`. Credentials: the
 * SDK's default provider chain. The SDK does not retry (`maxAttempts: 1`): the call policy does.
 * Pass a CallPolicy to share its rate limits and counts with other clients of the same account.
 */
export async function createApiGatewayReader(options: AwsConnectionOptions, policy: CallPolicy | CallPolicyOptions = {}): Promise<AwsApiGatewayReader> {
  const [{SdkApiGatewayReader}, connection] = await Promise.all([import('./api-gateway-client.js'), connect(options)])
  return new SdkApiGatewayReader(connection.client, callPolicyOf(policy), connection.settings)
}

/**
 * The reader and the ApiGatewayWriter over one SDK client, configured as createApiGatewayReader's.
 * Writes that WRITE_SETTLEMENTS (src/core/write-operations.ts) does not let repeat are not retried when
 * their outcome is unknown (AwsCallError kind `ambiguous`).
 */
export async function createApiGatewayClient(options: AwsConnectionOptions, policy: CallPolicy | CallPolicyOptions = {}): Promise<AwsApiGateway> {
  const [{SdkApiGatewayWriter}, connection] = await Promise.all([import('./api-gateway-writer.js'), connect(options)])
  return new SdkApiGatewayWriter(connection.client, callPolicyOf(policy), connection.settings)
}

/**
 * A CloudFormationReader, configured as createApiGatewayReader's: `endpointUrl` (the sandbox serves both
 * services on one port) else the SDK's AWS_ENDPOINT_URL_CLOUDFORMATION / AWS_ENDPOINT_URL. Its calls are
 * counted and retried by their own policy, without API Gateway's quotas.
 */
export async function createCloudFormationReader(options: AwsConnectionOptions): Promise<import('./cloudformation-client.js').AwsCloudFormationReader> {
  const [{SdkCloudFormationReader}, {CloudFormationClient}] = await Promise.all([import('./cloudformation-client.js'), import('@aws-sdk/client-cloudformation')])
  const client = new CloudFormationClient(sdkClientConfig(options))
  const profile = profileInUse(options)
  const region = await regionOf(client, profile)
  const endpoint = options.endpointUrl ?? `https://cloudformation.${region}.amazonaws.com`
  return new SdkCloudFormationReader(client, new CallPolicy({quotas: false}), {region, endpoint: () => endpoint, ...(profile ? {profile} : {})})
}

/**
 * Signs verify's probes (SigV4, service execute-api) with the credentials an API Gateway client of these
 * options resolves: the same chain, profile and Region as the control plane's calls.
 */
export async function createProbeSigner(options: AwsConnectionOptions): Promise<ProbeSigner> {
  const [{APIGatewayClient}, {probeSigner}] = await Promise.all([import('@aws-sdk/client-api-gateway'), import('./probe-signer.js')])
  const client = new APIGatewayClient(sdkClientConfig(options))
  const region = await regionOf(client, profileInUse(options))
  const signer = await probeSigner({region, credentials: () => client.config.credentials()})
  return {...signer, close: () => client.destroy()}
}

interface Connection {
  client: APIGatewayClient
  settings: ReaderSettings
}

async function connect(options: AwsConnectionOptions): Promise<Connection> {
  const {APIGatewayClient} = await import('@aws-sdk/client-api-gateway')
  const client = new APIGatewayClient(sdkClientConfig(options))
  const profile = profileInUse(options)
  const region = await regionOf(client, profile)
  // The host each request actually went to, so network errors name it even when the SDK chose it.
  let lastEndpoint = options.endpointUrl ?? `https://apigateway.${region}.amazonaws.com`
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as {protocol?: string; hostname?: string; port?: number}
      if (request.hostname) lastEndpoint = `${request.protocol ?? 'https:'}//${request.hostname}${request.port ? `:${request.port}` : ''}`
      return next(args)
    },
    {step: 'finalizeRequest', name: 'binfixEndpointRecorder'},
  )
  return {client, settings: {region, endpoint: () => lastEndpoint, ...(profile ? {profile} : {})}}
}

/** --profile, else AWS_PROFILE (which the SDK reads itself): messages about credentials must name it. */
function profileInUse(options: AwsConnectionOptions): string | undefined {
  return options.profile ?? (process.env.AWS_PROFILE || undefined)
}

/** What every SDK client is given: the call policy retries, so the SDK makes one attempt. */
export function sdkClientConfig(options: AwsConnectionOptions) {
  return {
    region: options.region ?? regionFromEnvironment(),
    ...(options.profile ? {profile: options.profile} : {}),
    ...(options.endpointUrl ? {endpoint: options.endpointUrl} : {}),
    ...(options.credentials ? {credentials: options.credentials} : {}),
    maxAttempts: 1,
    // The SDK logs nothing by default, except that without a logger of its own some warnings fall back
    // to console.warn (e.g. eight lines when both a profile and AWS_ACCESS_KEY_ID are set; the profile
    // wins): stderr carries one line per error.
    logger: SILENT_LOGGER,
  }
}

/** The Region the client resolved (flag, environment or profile); none is a usage error. */
async function regionOf(client: {config: {region: () => Promise<string>}; destroy(): void}, profile: string | undefined): Promise<string> {
  try {
    return await client.config.region()
  } catch (error) {
    client.destroy()
    if (/Region is missing/i.test((error as Error).message)) {
      const inProfile = profile
        ? `or set region for profile "${profile}" in the AWS config file (is the profile defined there? AWS_CONFIG_FILE, else ~/.aws/config)`
        : 'or set region in the AWS profile'
      throw new UsageError(`no AWS Region: pass --region, set AWS_REGION, ${inProfile}`)
    }
    throw error
  }
}

function callPolicyOf(policy: CallPolicy | CallPolicyOptions): CallPolicy {
  return policy instanceof CallPolicy ? policy : new CallPolicy(policy)
}

const SILENT_LOGGER = {debug() {}, info() {}, warn() {}, error() {}}

function regionFromEnvironment(): string | undefined {
  if (process.env.AWS_REGION) return undefined
  return process.env.AWS_DEFAULT_REGION || undefined
}
