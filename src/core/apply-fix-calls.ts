// Applies fix calls to an ApiConfig the way API Gateway applies the same patches to the working copy, so
// that a diff (and a plan's expected result) shows exactly what the calls will change.

import type {ApiConfig, IntegrationConfig, RouteConfig} from './api-config.js'
import type {ContentHandling} from './conversion.js'
import type {FixCall, PatchOperation} from './fix-calls.js'
import {unescapePointerSegment} from './json-pointer.js'

const BINARY_MEDIA_TYPES_PREFIX = '/binaryMediaTypes/'

export function applyFixCalls(config: ApiConfig, calls: readonly FixCall[]): ApiConfig {
  let result: ApiConfig = {binaryMediaTypes: [...config.binaryMediaTypes], routes: config.routes}
  for (const call of calls) {
    switch (call.operation) {
      case 'UpdateRestApi':
        result = {...result, binaryMediaTypes: patchBinaryMediaTypes(result.binaryMediaTypes, call.patchOperations)}
        break
      case 'UpdateIntegration':
        result = mapRoute(result, call.resourceId, call.httpMethod, (integration) => withContentHandling(integration, call.patchOperations))
        break
      case 'UpdateIntegrationResponse':
        result = mapRoute(result, call.resourceId, call.httpMethod, (integration) => ({
          ...integration,
          responses: integration.responses.map((response) =>
            response.statusCode === call.statusCode ? withContentHandling(response, call.patchOperations) : response,
          ),
        }))
        break
      case 'CreateDeployment':
        break
    }
  }
  return result
}

// A set addressed by escaped name: add appends when absent, remove drops it (aws-binary-facts §3.2).
function patchBinaryMediaTypes(list: readonly string[], operations: readonly PatchOperation[]): string[] {
  const result = [...list]
  for (const operation of operations) {
    if (!operation.path.startsWith(BINARY_MEDIA_TYPES_PREFIX)) continue
    const entry = unescapePointerSegment(operation.path.slice(BINARY_MEDIA_TYPES_PREFIX.length))
    const index = result.indexOf(entry)
    if (operation.op === 'add' && index === -1) result.push(entry)
    if (operation.op === 'remove' && index !== -1) result.splice(index, 1)
  }
  return result
}

function mapRoute(config: ApiConfig, resourceId: string, httpMethod: string, change: (integration: IntegrationConfig) => IntegrationConfig): ApiConfig {
  return {
    ...config,
    routes: config.routes.map((route: RouteConfig) =>
      route.resourceId === resourceId && route.httpMethod === httpMethod && route.integration ? {...route, integration: change(route.integration)} : route,
    ),
  }
}

function withContentHandling<T extends {contentHandling?: ContentHandling}>(target: T, operations: readonly PatchOperation[]): T {
  let result = target
  for (const operation of operations) {
    if (operation.path !== '/contentHandling') continue
    const {contentHandling: _previous, ...rest} = result
    const value = operation.op === 'remove' ? '' : (operation.value ?? '')
    result = (value === '' ? rest : {...rest, contentHandling: value as ContentHandling}) as T
  }
  return result
}
