// Request validators, which methods name by id and the data plane applies (data-plane/request-validation.ts),
// with AWS's answers as recorded (LocalStack's AWS-validated recordings of TestApiGatewayApiRequestValidator).
import {badRequest, notFound} from '../api-errors.js'
import type {RequestValidator, RestApiState} from '../model.js'
import {paginate} from '../pagination.js'
import {invalidPatchPath, readPatchOperations} from '../patch.js'
import {jsonBody, optionalBoolean, optionalString} from '../request-body.js'
import {type OperationContext, type Route, accepted, created, ok} from '../route.js'

const VALIDATORS = '/restapis/{restApiId}/requestvalidators'
const VALIDATOR = `${VALIDATORS}/{requestValidatorId}`

export const requestValidatorRoutes: Route[] = [
  {method: 'POST', template: VALIDATORS, operation: 'CreateRequestValidator', mutating: true, handle: createRequestValidator},
  {method: 'GET', template: VALIDATORS, operation: 'GetRequestValidators', mutating: false, handle: getRequestValidators},
  {method: 'GET', template: VALIDATOR, operation: 'GetRequestValidator', mutating: false, handle: (c) => ok(locateValidator(c).validator)},
  {method: 'PATCH', template: VALIDATOR, operation: 'UpdateRequestValidator', mutating: true, handle: updateRequestValidator},
  {method: 'DELETE', template: VALIDATOR, operation: 'DeleteRequestValidator', mutating: true, handle: deleteRequestValidator},
]

const BLANK_NAME = 'Request Validator name cannot be blank'

/** A name another validator of the API has: 400, as reported against AWS (serverless/serverless#10099). */
function checkNameFree(api: RestApiState, name: string | undefined, own?: string): void {
  if (name === undefined) return
  for (const validator of api.requestValidators.values()) {
    if (validator.name === name && validator.id !== own) throw badRequest('Request Validator name must be unique')
  }
}

function createRequestValidator(context: OperationContext) {
  const body = jsonBody(context)
  const name = optionalString(body, 'name')
  const validateRequestBody = optionalBoolean(body, 'validateRequestBody') ?? false
  const validateRequestParameters = optionalBoolean(body, 'validateRequestParameters') ?? false
  // Here an unknown API is a bad request, not a missing one (observed on AWS: test_validators_crud_no_api,
  // test_create_request_validator_invalid_api_id).
  const api = context.store.state.apis.get(context.params.restApiId)
  if (!api) throw badRequest('Invalid REST API identifier specified')
  // The name is optional in the service model; an empty one is refused as UpdateRequestValidator refuses it (not recorded for create).
  if (name === '') throw badRequest(BLANK_NAME)
  checkNameFree(api, name)
  const validator: RequestValidator = {id: context.store.newId(6, api.requestValidators), ...(name === undefined ? {} : {name}), validateRequestBody, validateRequestParameters}
  api.requestValidators.set(validator.id, validator)
  return created(validator)
}

function getRequestValidators(context: OperationContext) {
  return ok(paginate([...context.store.api(context.params.restApiId).requestValidators.values()], context.query))
}

/** Below the API, an unknown API is an unknown validator (observed on AWS: test_invalid_get_request_validator, test_invalid_delete_request_validator). */
function locateValidator(context: OperationContext): {api: RestApiState; validator: RequestValidator} {
  const api = context.store.state.apis.get(context.params.restApiId)
  const validator = api?.requestValidators.get(context.params.requestValidatorId)
  if (!api || !validator) throw notFound('Invalid Request Validator identifier specified')
  return {api, validator}
}

/**
 * Replace only, of /name, /validateRequestParameters and /validateRequestBody; a flag replaced without a
 * value, or with anything but "true", is false (observed on AWS: test_request_validator_lifecycle,
 * test_invalid_update_request_validator_operations).
 */
function updateRequestValidator(context: OperationContext) {
  const operations = readPatchOperations(jsonBody(context), 'updateRequestValidatorInput')
  const {api, validator} = locateValidator(context)
  const next = structuredClone(validator)
  for (const operation of operations) {
    if (operation.op !== 'replace') throw invalidPatchPath(operation)
    switch (operation.path) {
      case '/name':
        if (!operation.value) throw badRequest(BLANK_NAME)
        checkNameFree(api, operation.value, next.id)
        next.name = operation.value
        break
      case '/validateRequestBody':
      case '/validateRequestParameters':
        next[operation.path.slice(1) as 'validateRequestBody' | 'validateRequestParameters'] = operation.value?.toLowerCase() === 'true'
        break
      default:
        throw badRequest(`Invalid patch path  '${operation.path}' specified for op 'replace'. Must be one of: [/name, /validateRequestParameters, /validateRequestBody]`)
    }
  }
  api.requestValidators.set(next.id, next)
  return ok(next)
}

function deleteRequestValidator(context: OperationContext) {
  const {api, validator} = locateValidator(context)
  api.requestValidators.delete(validator.id)
  return accepted()
}
