// API Gateway's own answers when it refuses a request before the integration, each a GatewayResponse of
// its type so that an API's gateway responses can replace it. Types, status codes and x-amzn-ErrorType as
// LocalStack's next_gen gateway_response.py classes them; bodies as observed on AWS (sources below).

import {GatewayResponse} from '../gateway-responses.js'

/**
 * A missing, empty or invalid identity source, or a Lambda authorizer that threw `Unauthorized`: 401
 * `{"message":"Unauthorized"}` (AWS knowledge center "api-gateway-401-error-lambda-authorizer"; the
 * failure table of dev.to/marcogrcr "API Gateway + Lambda authorizer + Lambda proxy integration failure modes").
 */
export const unauthorized = () => new GatewayResponse('UNAUTHORIZED', 401, 'UnauthorizedException', '{"message":"Unauthorized"}')

/**
 * The authorizer's policy denies the method explicitly, or allows it nowhere: 403 with `Message`
 * capitalised as observed (dev.to/marcogrcr failure-mode table: EXPLICIT_DENY and IMPLICIT_DENY; AWS
 * knowledge center "api-gateway-403-error-lambda-authorizer" gives the same two texts).
 */
export const explicitDeny = () =>
  new GatewayResponse('ACCESS_DENIED', 403, 'AccessDeniedException', '{"Message":"User is not authorized to access this resource with an explicit deny"}')
export const implicitDeny = () => new GatewayResponse('ACCESS_DENIED', 403, 'AccessDeniedException', '{"Message":"User is not authorized to access this resource"}')

/**
 * The authorizer failed: its function threw something other than `Unauthorized`, timed out, could not be
 * invoked or answered no valid output. 500 `{"message":null}` with AuthorizerConfigurationException
 * (dev.to/marcogrcr failure-mode table; loige.co "Debugging custom ApiGateway authorizers"; the message
 * is null by default on AWS, LocalStack gateway_response.py AuthorizerConfigurationError).
 */
export const authorizerConfigurationError = () =>
  new GatewayResponse('AUTHORIZER_CONFIGURATION_ERROR', 500, 'AuthorizerConfigurationException', '{"message":null}')

/** The same answer when the sandbox has no handler for the authorizer's function, which its diagnosis header says. */
export const authorizerFunctionNotFound = (functionName: string) =>
  new GatewayResponse('AUTHORIZER_CONFIGURATION_ERROR', 500, 'AuthorizerConfigurationException', '{"message":null}', 'application/json', {kind: 'no-lambda-handler', functionName})

/**
 * A method that requires an API key called without an enabled key of a usage plan of this stage: 403
 * `{"message":"Forbidden"}` (recorded: LocalStack test_api_key_required_for_methods answers 403 without a
 * key and with a disabled one; next_gen api_key_validation.py raises InvalidAPIKeyError("Forbidden")).
 */
export const invalidApiKey = () => new GatewayResponse('INVALID_API_KEY', 403, 'ForbiddenException', '{"message":"Forbidden"}')

/**
 * An AWS_IAM method called without a SigV4 Authorization header: 403 Missing Authentication Token (AWS
 * knowledge center "api-gateway-troubleshoot-403-forbidden": IAM authorization without signed requests).
 */
export const missingSignature = () =>
  new GatewayResponse('MISSING_AUTHENTICATION_TOKEN', 403, 'MissingAuthenticationTokenException', '{"message":"Missing Authentication Token"}')
