// Reading a control-plane request's JSON body as AWS's front end does: members of the declared types,
// with AWS's messages for what is missing or of another type.

import {ApiGatewayError, badRequest, validationError} from './api-errors.js'
import type {OperationContext} from './route.js'

export {compact} from './omit-unset.js'

/** A body as a JSON object: {} when empty, undefined when it is not JSON or not an object (each service says so its own way). */
export function jsonObjectBody(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return {}
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'))
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>
  } catch {
    // Not JSON: answered by the caller, as a body that is not an object.
  }
  return undefined
}

/** The JSON body as an object; malformed JSON is a SerializationException, as AWS's front end answers. */
export function jsonBody(context: OperationContext): Record<string, unknown> {
  if (context.body.length === 0) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(context.body.toString('utf8'))
  } catch (error) {
    throw new ApiGatewayError('SerializationException', `Could not parse request body into json: ${(error as Error).message}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('Could not parse request body into json: expected an object')
  }
  return parsed as Record<string, unknown>
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw notAString(value, field)
  return value
}

/**
 * A JSON value where the model has a string: AWS's deserializer names the Java class it read a boolean or
 * a number into (observed on AWS: LocalStack recordings test_put_integration_request_parameter_bool_type,
 * test_integration_response_invalid_responsetemplates); what it says of an object or a list is not recorded.
 */
function notAString(value: unknown, field: string): ApiGatewayError {
  const javaClass = typeof value === 'boolean' ? 'java.lang.Boolean' : typeof value === 'number' ? 'com.amazon.coral.value.json.numbers.TruncatingBigNumber' : undefined
  if (javaClass === undefined) return badRequest(`Invalid value for ${field}: expected a string`)
  return new ApiGatewayError('SerializationException', `class ${javaClass} can not be converted to an String`)
}

export function requiredString(body: Record<string, unknown>, field: string, inputName: string): string {
  const value = optionalString(body, field)
  if (value === undefined) {
    throw missingMember(inputName, field)
  }
  return value
}

/** A required member left out: the front end's modeled-constraint answer. */
export function missingMember(inputName: string, field: string): ApiGatewayError {
  return validationError(`Value null at '${inputName}.${field}' failed to satisfy constraint: Member must not be null`)
}

export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw badRequest(`Invalid value for ${field}: expected a boolean`)
  return value
}

export function optionalStringMap(body: Record<string, unknown>, field: string): Record<string, string> | undefined {
  const map = optionalNullableStringMap(body, field)
  if (map && Object.values(map).some((entry) => entry === null)) throw badRequest(`Invalid value for ${field}: expected a map of strings`)
  return map as Record<string, string> | undefined
}

/** A map of strings whose values may be JSON null, as boto3 sends `None` in a map. */
export function optionalNullableStringMap(body: Record<string, unknown>, field: string): Record<string, string | null> | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`Invalid value for ${field}: expected a map of strings`)
  for (const entry of Object.values(value)) {
    if (entry !== null && typeof entry !== 'string') throw notAString(entry, field)
  }
  return {...(value as Record<string, string | null>)}
}

export function optionalBooleanMap(body: Record<string, unknown>, field: string): Record<string, boolean> | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'boolean')) {
    throw badRequest(`Invalid value for ${field}: expected a map of booleans`)
  }
  return {...(value as Record<string, boolean>)}
}

/** Modeled enums are checked by AWS's front end with this message shape (aws-binary-facts §2.5). */
export function optionalEnum<T extends string>(
  body: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
  inputName: string,
): T | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw validationError(
      `Value '${String(value)}' at '${inputName}.${field}' failed to satisfy constraint: ` +
        `Member must satisfy enum value set: [${allowed.join(', ')}]`,
    )
  }
  return value as T
}
