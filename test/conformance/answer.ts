// An AWS SDK v3 answer in the shape boto3 gives it, which is what the recordings hold: the output's
// members, dates as "datetime", bodies read, and `ResponseMetadata: {HTTPHeaders: {}, HTTPStatusCode}`;
// an error as `{Error: {Code, Message}, message?, ResponseMetadata}`, where botocore adds `message` at
// the top for the exceptions the service models (their member), and not for the others.

/** The accounts the recordings replaced by LocalStack's placeholder account, and the sandbox's own. */
const SANDBOX_ACCOUNT = '123456789012'
const RECORDED_ACCOUNT = '111111111111'

/** API Gateway's modeled exceptions: their `message` member is parsed to the top of the error response. */
const MODELED_ERRORS = new Set([
  'BadRequestException',
  'ConflictException',
  'LimitExceededException',
  'NotFoundException',
  'ServiceUnavailableException',
  'TooManyRequestsException',
  'UnauthorizedException',
])

type SdkError = Error & {name: string; $metadata?: {httpStatusCode?: number}; $fault?: string}

/** The answer to `call`, succeeded or failed, as the recordings hold it. */
export async function answer(call: Promise<unknown>): Promise<unknown> {
  try {
    const output = (await call) as {$metadata?: {httpStatusCode?: number}}
    const {$metadata, ...members} = output
    return {...(botoValue(members) as object), ResponseMetadata: {HTTPHeaders: {}, HTTPStatusCode: $metadata?.httpStatusCode ?? 200}}
  } catch (failure) {
    const error = failure as SdkError
    if (error.$metadata === undefined) throw failure
    const message = withRecordedAccount(error.message)
    return {
      Error: {Code: error.name, Message: message},
      ...(MODELED_ERRORS.has(error.name) ? {message} : {}),
      ResponseMetadata: {HTTPHeaders: {}, HTTPStatusCode: error.$metadata.httpStatusCode},
    }
  }
}

/** Dates as "datetime", bytes as their text, undefined members gone, the sandbox's account as the recordings'. */
export function botoValue(value: unknown): unknown {
  if (value instanceof Date) return 'datetime'
  if (value instanceof Uint8Array) return withRecordedAccount(Buffer.from(value).toString('utf8'))
  if (typeof value === 'string') return withRecordedAccount(value)
  if (Array.isArray(value)) return value.map(botoValue)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined).map(([key, item]) => [key, botoValue(item)]))
  }
  return value
}

function withRecordedAccount(text: string): string {
  return text.replaceAll(SANDBOX_ACCOUNT, RECORDED_ACCOUNT)
}
