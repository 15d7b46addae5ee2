// What a fleet command holds per (account, Region): one API Gateway client whose call policy is that
// account-Region's token bucket (API Gateway's quotas are per account and Region: 10/s with bursts of 40,
// GetResources 5 per 2 s, CreateDeployment 1 per 5 s; src/aws/call-policy.ts), and a CloudFormation
// reader that connects only if an API there carries stack tags.

import type {AwsConnectionOptions} from '../api-gateway-port.js'
import {LazyCloudFormation} from '../cloudformation-connection.js'
import type {CloudFormationFactory} from '../cloudformation-connection.js'
import type {LiveReader} from '../live-state.js'

export interface CallCounts {
  calls: number
  throttled: number
  retries: number
}

export interface RegionConnection {
  reader: LiveReader
  cloudFormation: LazyCloudFormation
  counts(): CallCounts
  close(): Promise<void>
}

export type RegionConnector = (access: AwsConnectionOptions, region: string) => Promise<RegionConnection>

/** The SDK-backed connection, loaded on first use; its own CallPolicy is the account-Region's bucket. */
export function sdkRegionConnector(createCloudFormation?: CloudFormationFactory): RegionConnector {
  return async (access, region) => {
    const {createApiGatewayReader} = await import('../../aws/clients.js')
    const connection = {...access, region}
    const reader = await createApiGatewayReader(connection)
    const cloudFormation = new LazyCloudFormation(connection, createCloudFormation)
    return {
      reader,
      cloudFormation,
      counts: () => {
        const stats = reader.stats()
        return {calls: stats.calls, throttled: stats.throttled, retries: stats.retries}
      },
      close: async () => {
        reader.close()
        await cloudFormation.close()
      },
    }
  }
}
