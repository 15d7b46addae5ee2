// `x-amazon-apigateway-endpoint-configuration` (developer guide, api-gateway-swagger-extensions-endpoint-configuration):
// `vpcEndpointIds` (a list of strings) and `disableExecuteApiEndpoint` (a boolean), among Swagger 2.0's
// top-level extensions or, in OpenAPI 3.0, a Server object's (the first server that has it). ipAddressType is
// for HTTP APIs only and is not read.
import {type Json, invalid, isRecord, own} from './json-reading.js'

export const ENDPOINT_CONFIGURATION_EXT = 'x-amazon-apigateway-endpoint-configuration'

export interface EndpointConfigurationExtension {
  vpcEndpointIds?: string[]
  disableExecuteApiEndpoint?: boolean
}

export function readEndpointConfigurationExtension(doc: Json): EndpointConfigurationExtension | undefined {
  const servers = own(doc, 'servers')
  const raw = own(doc, ENDPOINT_CONFIGURATION_EXT) ?? (Array.isArray(servers) ? servers.map((server) => (isRecord(server) ? own(server, ENDPOINT_CONFIGURATION_EXT) : undefined)).find((found) => found !== undefined) : undefined)
  if (raw === undefined) return undefined
  if (!isRecord(raw)) throw invalid(`${ENDPOINT_CONFIGURATION_EXT} must be an object`)
  const extension: EndpointConfigurationExtension = {}
  const ids = own(raw, 'vpcEndpointIds')
  if (ids !== undefined) {
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) throw invalid(`${ENDPOINT_CONFIGURATION_EXT}.vpcEndpointIds must be an array of strings`)
    if (ids.length > 0) extension.vpcEndpointIds = [...new Set(ids as string[])]
  }
  const disable = own(raw, 'disableExecuteApiEndpoint')
  if (disable !== undefined) {
    if (typeof disable !== 'boolean') throw invalid(`${ENDPOINT_CONFIGURATION_EXT}.disableExecuteApiEndpoint must be a boolean`)
    extension.disableExecuteApiEndpoint = disable
  }
  return extension
}
