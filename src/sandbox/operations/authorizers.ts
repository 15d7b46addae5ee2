// Authorizers are kept so that a method's CUSTOM or COGNITO_USER_POOLS authorization can name one, as AWS
// requires (methods.ts); the sandbox never runs them, and its data plane does not authorize requests.
import {notFound} from '../api-errors.js'
import type {Authorizer} from '../model.js'
import {paginate} from '../pagination.js'
import {type OperationContext, type Route, accepted, compact, created, jsonBody, ok, optionalEnum, optionalString, requiredString} from '../route.js'

const AUTHORIZERS = '/restapis/{restApiId}/authorizers'

export const authorizerRoutes: Route[] = [
  {method: 'POST', template: AUTHORIZERS, operation: 'CreateAuthorizer', mutating: true, handle: createAuthorizer},
  {method: 'GET', template: AUTHORIZERS, operation: 'GetAuthorizers', mutating: false, handle: getAuthorizers},
  {method: 'GET', template: `${AUTHORIZERS}/{authorizerId}`, operation: 'GetAuthorizer', mutating: false, handle: (c) => ok(locateAuthorizer(c))},
  {method: 'DELETE', template: `${AUTHORIZERS}/{authorizerId}`, operation: 'DeleteAuthorizer', mutating: true, handle: deleteAuthorizer},
]

const AUTHORIZER_TYPES = ['TOKEN', 'REQUEST', 'COGNITO_USER_POOLS'] as const

function createAuthorizer(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const body = jsonBody(context)
  const input = 'createAuthorizerInput'
  const name = requiredString(body, 'name', input)
  const type = optionalEnum(body, 'type', AUTHORIZER_TYPES, input) ?? requiredString(body, 'type', input)
  const providerARNs = body.providerARNs
  const ttl = body.authorizerResultTtlInSeconds
  const authorizer: Authorizer = compact({
    id: context.store.newId(6, api.authorizers),
    name,
    type,
    providerARNs: Array.isArray(providerARNs) ? providerARNs.filter((arn): arn is string => typeof arn === 'string') : undefined,
    authType: optionalString(body, 'authType'),
    authorizerUri: optionalString(body, 'authorizerUri'),
    authorizerCredentials: optionalString(body, 'authorizerCredentials'),
    identitySource: optionalString(body, 'identitySource'),
    identityValidationExpression: optionalString(body, 'identityValidationExpression'),
    authorizerResultTtlInSeconds: typeof ttl === 'number' && Number.isInteger(ttl) ? ttl : undefined,
  })
  api.authorizers.set(authorizer.id, authorizer)
  return created(authorizer)
}

function getAuthorizers(context: OperationContext) {
  return ok(paginate([...context.store.api(context.params.restApiId).authorizers.values()], context.query))
}

function locateAuthorizer(context: OperationContext): Authorizer {
  const found = context.store.api(context.params.restApiId).authorizers.get(context.params.authorizerId)
  if (!found) throw notFound('Invalid Authorizer identifier specified')
  return found
}

function deleteAuthorizer(context: OperationContext) {
  const authorizer = locateAuthorizer(context)
  context.store.api(context.params.restApiId).authorizers.delete(authorizer.id)
  return accepted()
}
