// API Gateway's error wire format: the status, an `x-amzn-ErrorType` header naming the code and a body
// `{"message": "..."}` (aws-binary-facts §2.1, §2.5). The SDK builds its exception class from the code.

export type ApiErrorCode =
  | 'BadRequestException'
  | 'ConflictException'
  | 'LimitExceededException'
  | 'NotFoundException'
  | 'TooManyRequestsException'
  | 'UnauthorizedException'
  | 'ServiceUnavailableException'
  | 'ValidationException'
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'RequestEntityTooLargeException'
  | 'InternalFailure'
  | 'AccessDeniedException'
  | 'UnrecognizedClientException'

const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  BadRequestException: 400,
  ValidationException: 400,
  SerializationException: 400,
  UnknownOperationException: 404,
  RequestEntityTooLargeException: 413,
  UnauthorizedException: 401,
  NotFoundException: 404,
  ConflictException: 409,
  LimitExceededException: 429,
  TooManyRequestsException: 429,
  InternalFailure: 500,
  // What an account gets where an SCP denies it, or in a Region not enabled for it (fleet/region-failures.ts).
  AccessDeniedException: 403,
  UnrecognizedClientException: 403,
  ServiceUnavailableException: 503,
}

export class ApiGatewayError extends Error {
  readonly status: number

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
    this.name = code
    this.status = STATUS_BY_CODE[code]
  }
}

export const badRequest = (message: string) => new ApiGatewayError('BadRequestException', message)
export const notFound = (message: string) => new ApiGatewayError('NotFoundException', message)
export const conflict = (message: string) => new ApiGatewayError('ConflictException', message)

/** Input constraints AWS's front end checks from the service model (the modeled-enum message shape). */
export function validationError(message: string): ApiGatewayError {
  return validationErrors([message])
}

/**
 * Every constraint a request breaks, reported together: "2 validation errors detected: …; …" (observed on
 * AWS: LocalStack recordings test_update_rest_api_concatenation_of_errors,
 * test_create_rest_api_with_endpoint_configuration, test_update_method_response_negative_tests).
 */
export function validationErrors(messages: readonly string[]): ApiGatewayError {
  const count = messages.length === 1 ? '1 validation error' : `${messages.length} validation errors`
  return new ApiGatewayError('ValidationException', `${count} detected: ${messages.join('; ')}`)
}

/**
 * A URI label's status code outside the model's StatusCode pattern, which every method and integration
 * response operation shares (botocore data/apigateway/2015-07-09/service-2.json), as the front end words
 * it (observed on AWS: LocalStack recordings test_integration_response_invalid_statuscode,
 * test_update_method_response_negative_tests).
 */
export function statusCodeConstraint(statusCode: string): string | undefined {
  return /^[1-5]\d\d$/.test(statusCode) ? undefined : `Value '${statusCode}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`
}
