// The answers API Gateway makes itself instead of the integration's (gateway responses), with the
// wire shapes observed on AWS: status, `x-amzn-ErrorType` and the exact body text. The 4xx defaults
// render `{"message":$context.error.messageString}` (no space); the 5xx integration failures and the
// Lambda 413 come back as `{"message": "..."}` (with a space; lgtm-generator #10 shows a 31-byte
// `{"message": "Request Too Long"}`). These are the answers of an API that sets no gateway responses;
// data-plane.ts renders each through the deployed API's own (gateway-response-rendering.ts) by its type.

import {type SandboxDiagnosis, formatSandboxDiagnosis} from '../../core/sandbox-diagnosis.js'
import type {GatewayResponseType} from '../gateway-response-settings.js'

/** API Gateway's gateway response types (API reference, GatewayResponse.responseType), by which an API can replace the answer for each kind of failure. */
export type {GatewayResponseType} from '../gateway-response-settings.js'

export class GatewayResponse extends Error {
  constructor(
    /**
     * The gateway response type the answer belongs to (as LocalStack's gateway_response.py classes it);
     * absent on answers made before an API's deployment is known, which no gateway response can change.
     */
    readonly type: GatewayResponseType | undefined,
    readonly status: number,
    /** `x-amzn-ErrorType`; absent on answers made before API Gateway's own handling starts. */
    readonly errorType: string | undefined,
    readonly body: string,
    readonly contentType = 'application/json',
    /**
     * Why the sandbox answered so when the reason is its own set-up: sent in a header of its own
     * (core/sandbox-diagnosis.ts) that AWS never sends, next to AWS's answer, and logged.
     */
    readonly diagnosis?: SandboxDiagnosis,
  ) {
    super(body)
  }

  /**
   * `$context.error.validationErrorString` for the API's templates: what request validation found, set by
   * the validator that answers BAD_REQUEST_BODY or BAD_REQUEST_PARAMETERS; empty otherwise.
   */
  validationErrorString = ''

  /** `$context.error.message`: the `message` (or `Message`) of the JSON body, else the body's text. */
  get errorMessage(): string {
    try {
      const parsed = JSON.parse(this.body) as unknown
      if (typeof parsed === 'object' && parsed !== null) {
        const {message, Message} = parsed as Record<string, unknown>
        if (typeof message === 'string') return message
        if (typeof Message === 'string') return Message
      }
    } catch {
      // Not JSON: the text is the message.
    }
    return this.body
  }

  /** The diagnosis as the one-line header value and log line. */
  get diagnosisLine(): string | undefined {
    return this.diagnosis === undefined ? undefined : formatSandboxDiagnosis(this.diagnosis)
  }
}

/**
 * No resource, or no method on it, for the path: AWS answers as if the caller lacked a signature
 * (LocalStack gateway_response.py MISSING_AUTHENTICATION_TOKEN 403; AWS knowledge center
 * "api-gateway-troubleshoot-403-forbidden").
 */
export const missingAuthenticationToken = () =>
  new GatewayResponse('MISSING_AUTHENTICATION_TOKEN', 403, 'MissingAuthenticationTokenException', '{"message":"Missing Authentication Token"}')

/**
 * A stage the API does not have: 403 Forbidden (AWS knowledge center "api-gateway-troubleshoot-403-forbidden":
 * invoking a non-existent stage name gives 403 forbidden). On AWS an unknown API id has no host name at
 * all; in the `_user_request_` URL form the sandbox answers it like an unknown stage, as LocalStack's
 * router.py does for any (api, stage) pair it has no deployment for.
 */
export const forbidden = () => new GatewayResponse(undefined, 403, 'ForbiddenException', '{"message":"Forbidden"}')

const INTERNAL_SERVER_ERROR = '{"message": "Internal server error"}'

export const internalServerError = (status = 500) => new GatewayResponse('DEFAULT_5XX', status, 'InternalServerErrorException', INTERNAL_SERVER_ERROR)

/**
 * An API whose own set-up fails the request: no integration response for the endpoint's answer, an
 * integration response naming a method response the method does not have, an HTTP endpoint that cannot be
 * reached (LocalStack next_gen handlers/integration_response.py and integrations/http.py raise
 * ApiConfigurationError; AWS knowledge center "api-gateway-internal-server-error": "Execution failed due
 * to configuration error"). The wire answer stays the 500 observed for these.
 */
export const apiConfigurationError = () => new GatewayResponse('API_CONFIGURATION_ERROR', 500, 'InternalServerErrorException', INTERNAL_SERVER_ERROR)

/**
 * The integration could not be invoked: a Lambda proxy integration whose method is not POST, a Lambda
 * function the call cannot reach (LocalStack next_gen integrations/aws.py raises IntegrationFailureError
 * with 500, whatever INTEGRATION_FAILURE's default 504 says: test_lambda_aws_proxy_integration_non_post_method).
 */
export const integrationFailure = () => new GatewayResponse('INTEGRATION_FAILURE', 500, 'InternalServerErrorException', INTERNAL_SERVER_ERROR)

/**
 * A Lambda integration whose function does not exist: a Lambda service error API Gateway does not pass
 * on, 500 Internal server error (AWS knowledge center "api-gateway-internal-server-error": unmanaged
 * Lambda service exceptions). In the sandbox that is a function it was given no handler for, which the
 * diagnosis header says.
 */
export const lambdaFunctionNotFound = (functionName: string) =>
  // A Lambda error on the call is an integration failure (LocalStack next_gen integrations/aws.py).
  new GatewayResponse('INTEGRATION_FAILURE', 500, 'InternalServerErrorException', INTERNAL_SERVER_ERROR, 'application/json', {kind: 'no-lambda-handler', functionName})

export const unsupportedMediaType = () => new GatewayResponse('UNSUPPORTED_MEDIA_TYPE', 415, 'UnsupportedMediaTypeException', '{"message":"Unsupported Media Type"}')

/** The integration did not answer within timeoutInMillis (INTEGRATION_TIMEOUT, 504). */
export const endpointRequestTimedOut = () =>
  new GatewayResponse('INTEGRATION_TIMEOUT', 504, 'InternalServerErrorException', '{"message": "Endpoint request timed out"}')

/**
 * A Lambda invocation payload over 6,291,456 bytes (Lambda's RequestEntityTooLargeException): observed
 * as 413, `x-amzn-ErrorType: BadRequestException`, `{"message": "Request Too Long"}` (koki-develop/lgtm-generator #10).
 */
export const lambdaRequestTooLong = () => new GatewayResponse('DEFAULT_4XX', 413, 'BadRequestException', '{"message": "Request Too Long"}')

export const MAX_PAYLOAD_BYTES = 10_485_760

/**
 * A body over API Gateway's 10 MB quota is refused by the front end before routing, as plain text and
 * without API Gateway's error headers: `HTTP content length exceeded 10485760 bytes.` with
 * `content-type: text; charset=utf-8` (observed, koki-develop/lgtm-generator #10; the text is Netty's
 * HttpObjectAggregator message).
 */
export const payloadTooLarge = () =>
  new GatewayResponse(undefined, 413, undefined, `HTTP content length exceeded ${MAX_PAYLOAD_BYTES} bytes.`, 'text; charset=utf-8')
