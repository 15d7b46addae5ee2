// What `init` says once the spec is written.

import type {InitResult} from '../services/init-service.js'

export function renderInit({out, spec, api}: InitResult): string {
  const routes = spec.routes.length === 1 ? '1 route' : `${spec.routes.length} routes`
  const types = spec.binaryMediaTypes.length === 1 ? '1 binary media type' : `${spec.binaryMediaTypes.length} binary media types`
  return `Wrote ${out} for REST API ${api.name} (${api.id}): ${types}, ${routes} with contentHandling`
}
