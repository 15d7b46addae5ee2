import type {Integration} from './model.js'

export const DEFAULT_TIMEOUT_MS = 29_000

/** Integration defaults as GetIntegration shows them for an integration put or imported without them. */
export function withIntegrationDefaults(integration: Integration, resourceId: string): Integration {
  integration.passthroughBehavior ??= 'WHEN_NO_MATCH'
  integration.timeoutInMillis ??= DEFAULT_TIMEOUT_MS
  integration.cacheNamespace ??= resourceId
  integration.cacheKeyParameters ??= []
  return integration
}
