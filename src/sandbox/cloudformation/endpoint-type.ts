// A RestApi's endpoint type as a stack's template gives it, applied to the live REST API the stack created.
import type {RestApi} from '../model.js'

const ENDPOINT_TYPES = ['EDGE', 'REGIONAL', 'PRIVATE']

export function isEndpointType(type: string): boolean {
  return ENDPOINT_TYPES.includes(type)
}

/** Sets the one endpoint type; a private API is dual-stack, as UpdateRestApi makes it (operations/rest-apis.ts). */
export function setEndpointType(api: RestApi, type: string): void {
  api.endpointConfiguration = {...api.endpointConfiguration, types: [type], ...(type === 'PRIVATE' ? {ipAddressType: 'dualstack'} : {})}
}
