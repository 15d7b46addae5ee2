import {paginate} from '../pagination.js'
import {type OperationContext, type Route, ok} from '../route.js'

// Authorizers come from imports (x-amazon-apigateway-authorizer) and are listed as AWS lists them; the
// data plane does not run them, as it does not for methods put with CUSTOM authorization either.
export const authorizerRoutes: Route[] = [
  {method: 'GET', template: '/restapis/{restApiId}/authorizers', operation: 'GetAuthorizers', mutating: false, handle: getAuthorizers},
]

function getAuthorizers(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  return ok(paginate([...api.authorizers.values()], context.query))
}
