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
  return new ApiGatewayError('ValidationException', `1 validation error detected: ${message}`)
}
