import {paginate} from '../pagination.js'
import {type OperationContext, type Route, ok} from '../route.js'

// Models are listed here; they are made by CreateRestApi (the two defaults) and by imports.
export const modelRoutes: Route[] = [
  {method: 'GET', template: '/restapis/{restApiId}/models', operation: 'GetModels', mutating: false, handle: getModels},
]

function getModels(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  return ok(paginate([...api.models.values()], context.query))
}
