// Authorizers: what a method's CUSTOM or COGNITO_USER_POOLS authorization names (methods.ts), and what the
// data plane runs before the integration (data-plane/authorization/).
import {ApiGatewayError, badRequest, notFound} from '../api-errors.js'
import type {Authorizer, RestApiState} from '../model.js'
import {paginate} from '../pagination.js'
import {type PatchOperation, invalidPatchPath, readPatchOperations, requireOp} from '../patch.js'
import {compact, jsonBody, optionalEnum, optionalString, requiredString} from '../request-body.js'
import {type OperationContext, type Route, accepted, created, ok} from '../route.js'

const AUTHORIZERS = '/restapis/{restApiId}/authorizers'

export const authorizerRoutes: Route[] = [
  {method: 'POST', template: AUTHORIZERS, operation: 'CreateAuthorizer', mutating: true, handle: createAuthorizer},
  {method: 'GET', template: AUTHORIZERS, operation: 'GetAuthorizers', mutating: false, handle: getAuthorizers},
  {method: 'GET', template: `${AUTHORIZERS}/{authorizerId}`, operation: 'GetAuthorizer', mutating: false, handle: (c) => ok(locateAuthorizer(c))},
  {method: 'PATCH', template: `${AUTHORIZERS}/{authorizerId}`, operation: 'UpdateAuthorizer', mutating: true, handle: updateAuthorizer},
  {method: 'DELETE', template: `${AUTHORIZERS}/{authorizerId}`, operation: 'DeleteAuthorizer', mutating: true, handle: deleteAuthorizer},
]

const AUTHORIZER_TYPES = ['TOKEN', 'REQUEST', 'COGNITO_USER_POOLS'] as const

/**
 * CreateAuthorizer on an API that does not exist is answered with a 409 (observed on AWS: LocalStack recording
 * test_authorizer_crud_no_api), where the other authorizer operations answer the usual 404.
 */
function apiForNewAuthorizer(context: OperationContext): RestApiState {
  const api = context.store.state.apis.get(context.params.restApiId)
  if (!api) throw new ApiGatewayError('ConflictException', 'Unable to complete operation due to concurrent modification. Please try again later.')
  return api
}

/** AWS fills authType from the type when it is not given (observed on AWS: LocalStack recording test_apigateway_with_custom_authorization_method: a TOKEN authorizer answers "custom"). */
export function defaultAuthType(type: string): string {
  return type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : 'custom'
}

function createAuthorizer(context: OperationContext) {
  const body = jsonBody(context)
  const input = 'createAuthorizerInput'
  const name = requiredString(body, 'name', input)
  const type = optionalEnum(body, 'type', AUTHORIZER_TYPES, input) ?? requiredString(body, 'type', input)
  const api = apiForNewAuthorizer(context)
  const providerARNs = body.providerARNs
  const ttl = body.authorizerResultTtlInSeconds
  const authorizer: Authorizer = compact({
    id: context.store.newId(6, api.authorizers),
    name,
    type,
    providerARNs: Array.isArray(providerARNs) ? providerARNs.filter((arn): arn is string => typeof arn === 'string') : undefined,
    authType: optionalString(body, 'authType') ?? defaultAuthType(type),
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

/** The fields UpdateAuthorizer replaces (API reference, UpdateAuthorizer; developer guide, "patch operations"). */
const REPLACEABLE = ['name', 'type', 'authType', 'authorizerUri', 'authorizerCredentials', 'identitySource', 'identityValidationExpression', 'authorizerResultTtlInSeconds'] as const

function updateAuthorizer(context: OperationContext) {
  const operations = readPatchOperations(jsonBody(context), 'updateAuthorizerInput')
  const authorizer = locateAuthorizer(context)
  const api = context.store.api(context.params.restApiId)
  const next = structuredClone(authorizer)
  for (const operation of operations) applyAuthorizerPatch(next, operation)
  // Imports match authorizers by name, so two may not share one (the words are the sandbox's; no recording renames one).
  if ([...api.authorizers.values()].some((other) => other.id !== next.id && other.name === next.name)) {
    throw badRequest(`Authorizer name must be unique. Authorizer ${next.name} already exists in this RestApi.`)
  }
  api.authorizers.set(next.id, next)
  return ok(next)
}

function applyAuthorizerPatch(authorizer: Authorizer, operation: PatchOperation): void {
  const [, field, ...rest] = operation.path.split('/')
  // Cognito user pools are added and removed one ARN at a time: `/providerARNs/{arn}` (the ARN's slashes escaped as ~1).
  if (field === 'providerARNs' && rest.length > 0) {
    requireOp(operation, ['add', 'remove'])
    const arn = rest.join('/').replaceAll('~1', '/').replaceAll('~0', '~')
    const arns = (authorizer.providerARNs ?? []).filter((entry) => entry !== arn)
    if (operation.op === 'add') arns.push(arn)
    authorizer.providerARNs = arns
    return
  }
  const replaceable = REPLACEABLE as readonly string[]
  if (field === undefined || rest.length > 0 || !replaceable.includes(field)) throw invalidPatchPath(operation)
  requireOp(operation, ['replace'])
  const value = operation.value
  if (field === 'name' || field === 'type') {
    if (!value) throw badRequest(`Invalid value specified for ${operation.path}`)
    if (field === 'type' && !(AUTHORIZER_TYPES as readonly string[]).includes(value)) throw badRequest(`Invalid authorizer type specified: ${value}`)
    authorizer[field] = value
  } else if (field === 'authorizerResultTtlInSeconds') {
    const ttl = Number(value)
    // The documented range: 0 to 3600 seconds (developer guide, "Configure a Lambda authorizer").
    if (value === undefined || !Number.isInteger(ttl) || ttl < 0 || ttl > 3600) throw badRequest(`Invalid value specified for ${operation.path}: ${value ?? 'null'}`)
    authorizer.authorizerResultTtlInSeconds = ttl
  } else if (value === undefined || value === '') {
    delete authorizer[field as Exclude<(typeof REPLACEABLE)[number], 'name' | 'type' | 'authorizerResultTtlInSeconds'>]
  } else {
    authorizer[field as Exclude<(typeof REPLACEABLE)[number], 'name' | 'type' | 'authorizerResultTtlInSeconds'>] = value
  }
}

function deleteAuthorizer(context: OperationContext) {
  const authorizer = locateAuthorizer(context)
  context.store.api(context.params.restApiId).authorizers.delete(authorizer.id)
  return accepted()
}
