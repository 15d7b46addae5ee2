import type {Integration} from './model.js'

export const DEFAULT_TIMEOUT_MS = 29_000

/** Integration defaults as GetIntegration shows them for an integration put or imported without them. */
export function withIntegrationDefaults(integration: Integration, resourceId: string): Integration {
  integration.passthroughBehavior ??= 'WHEN_NO_MATCH'
  integration.timeoutInMillis ??= DEFAULT_TIMEOUT_MS
  integration.cacheNamespace ??= resourceId
  integration.cacheKeyParameters ??= []
  // The developer guide's put-integration output for an HTTP integration shows connectionType INTERNET
  // (api-gateway-create-api-step-by-step / "Set up HTTP integrations"); no source shows it for the others.
  if (integration.type === 'HTTP' || integration.type === 'HTTP_PROXY') integration.connectionType ??= 'INTERNET'
  return integration
}
