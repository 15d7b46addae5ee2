// A method's request validator, applied before the integration (developer guide,
// api-gateway-method-request-validation): the required request parameters must be there and not blank,
// and the body must satisfy the method's model for its content type; each failure is a gateway response
// of its own type. What AWS answers is recorded in LocalStack's AWS-validated recordings
// test_api_gateway_request_validator, _with_ref_models, _with_ref_one_ofmodels and
// test_import_with_circular_models_and_request_validation; the order of checks and of the missing names
// follows LocalStack's next_gen handlers/method_request.py, which those recordings validate.

import {mediaTypeEssence} from '../../core/media-type.js'
import {GatewayResponse} from './gateway-responses.js'
import {allValues} from './headers.js'
import {type Invocation, header} from './invocation.js'
import {ModelSchemaFault, ValidationBudgetError, modelValidator} from './model-schemas.js'

/** BAD_REQUEST_PARAMETERS: the names missing, in the order of their request parameter expressions. */
export const badRequestParameters = (missing: readonly string[]) =>
  new GatewayResponse('BAD_REQUEST_PARAMETERS', 400, 'BadRequestException', JSON.stringify({message: `Missing required request parameters: [${missing.join(', ')}]`}))

/** BAD_REQUEST_BODY. */
export const badRequestBody = () => new GatewayResponse('BAD_REQUEST_BODY', 400, 'BadRequestException', JSON.stringify({message: 'Invalid request body'}))

/** Throws the gateway response for a request the method's validator refuses; returns when it passes. */
export function validateRequest(invocation: Invocation): void {
  const validatorId = invocation.method.requestValidatorId?.trim()
  if (!validatorId) return
  // A deployment made before validators were kept has none: nothing to apply.
  const validator = invocation.snapshot.requestValidators?.find((candidate) => candidate.id === validatorId)
  if (!validator) return
  if (validator.validateRequestParameters) {
    const missing = missingParameters(invocation)
    if (missing.length > 0) throw badRequestParameters(missing)
  }
  if (validator.validateRequestBody && !bodyIsValid(invocation)) throw badRequestBody()
}

const PARAMETER = /^method\.request\.(header|multivalueheader|path|querystring|multivaluequerystring)\.(.+)$/

/** The names of the required parameters the request lacks or leaves blank, by expression in code-unit order. */
function missingParameters(invocation: Invocation): string[] {
  const required = Object.entries(invocation.method.requestParameters ?? {})
    .filter(([, isRequired]) => isRequired)
    .map(([expression]) => expression)
    .sort()
  const missing: string[] = []
  for (const expression of required) {
    const match = PARAMETER.exec(expression)
    if (!match) continue
    const [, location, name] = match as unknown as [string, string, string]
    if (!isPresent(invocation, location, name)) missing.push(name)
  }
  return missing
}

function isPresent(invocation: Invocation, location: string, name: string): boolean {
  switch (location) {
    case 'header':
    case 'multivalueheader':
      return allValues(invocation.request.headers, name).some(notBlank)
    case 'path':
      return Object.hasOwn(invocation.pathParameters, name) && notBlank(invocation.pathParameters[name]!)
    default:
      return invocation.request.query.some(([key, value]) => key === name && notBlank(value))
  }
}

const notBlank = (value: string) => value.trim() !== ''

/**
 * The model is the one for the request's content type (application/json when it sends none), else the
 * `$default` one; without either the body is not validated (developer guide; recorded: a GET without a
 * Content-Type is held to the application/json model). An empty body is validated as `{}` and a body that
 * is no JSON fails (LocalStack method_request.py).
 */
function bodyIsValid(invocation: Invocation): boolean {
  const models = invocation.method.requestModels ?? {}
  const contentType = header(invocation.request, 'content-type')
  const wanted = contentType === undefined ? 'application/json' : (mediaTypeEssence(contentType) ?? contentType.trim().toLowerCase())
  const modelName = Object.entries(models).find(([mediaType]) => (mediaTypeEssence(mediaType) ?? mediaType.toLowerCase()) === wanted)?.[1] ?? models.$default
  // A deployment made before models were kept cannot say what the model requires.
  if (modelName === undefined || invocation.snapshot.models === undefined) return true
  const validate = modelValidator(invocation.snapshot, invocation.context.apiId, modelName)
  if (validate instanceof ModelSchemaFault) {
    invocation.diagnose(validate.diagnosis)
    return false
  }
  let body: unknown
  try {
    body = invocation.request.body.length === 0 ? {} : JSON.parse(invocation.request.body.toString('utf8'))
  } catch {
    return false
  }
  try {
    return validate(body)
  } catch (error) {
    // Past the time bound, or a reference cycle that recursed without end on one value.
    invocation.diagnose(error instanceof ValidationBudgetError ? error.message : `a body validation with model ${JSON.stringify(modelName)} failed (${(error as Error).name}); the body is answered as invalid`)
    return false
  }
}
