import {Flags} from '@oclif/core'

import type {AwsConnectionOptions} from '../services/api-gateway-port.js'
import {UsageError} from '../core/errors.js'
import {echoed} from '../core/quote.js'

const AWS_GROUP = 'AWS'

/**
 * The flags of every command that talks to AWS. No `env` fallbacks here: the SDK reads AWS_REGION,
 * AWS_PROFILE, AWS_ENDPOINT_URL_API_GATEWAY and AWS_ENDPOINT_URL itself (AWS_DEFAULT_REGION is read
 * by createApiGatewayReader).
 */
export const awsFlags = {
  region: Flags.string({
    summary: "AWS Region of the API. Default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region.",
    helpGroup: AWS_GROUP,
  }),
  profile: Flags.string({
    summary: 'Named profile from the shared AWS config and credentials files. Default: AWS_PROFILE, then the default chain.',
    helpGroup: AWS_GROUP,
  }),
  'endpoint-url': Flags.string({
    summary: 'Send API Gateway calls to this URL (e.g. the sandbox). Default: AWS_ENDPOINT_URL_API_GATEWAY, AWS_ENDPOINT_URL.',
    helpGroup: AWS_GROUP,
  }),
}

export interface AwsFlagValues {
  region?: string
  profile?: string
  'endpoint-url'?: string
}

/** The parsed AWS flags as connection options; a malformed value is a one-line UsageError naming its flag. */
export function connectionOptions(flags: AwsFlagValues): AwsConnectionOptions {
  const options: AwsConnectionOptions = {}
  if (flags.region !== undefined) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(flags.region)) throw new UsageError(`--region ${echoed(flags.region)}: not a Region name (e.g. us-east-1)`)
    options.region = flags.region
  }
  if (flags.profile !== undefined) {
    if (flags.profile.trim() === '') throw new UsageError('--profile: the profile name is empty')
    options.profile = flags.profile
  }
  const endpoint = flags['endpoint-url']
  if (endpoint !== undefined) {
    let url: URL | undefined
    try {
      url = new URL(endpoint)
    } catch {
      url = undefined
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new UsageError(`--endpoint-url ${echoed(endpoint)}: not an http(s) URL`)
    // Not echoed: the value holds a secret.
    if (url.username || url.password) throw new UsageError('--endpoint-url: must not contain a user name or password')
    options.endpointUrl = endpoint
  }
  return options
}
