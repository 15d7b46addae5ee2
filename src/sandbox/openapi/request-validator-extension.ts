// x-amazon-apigateway-request-validators (the document's validators, by name) and
// x-amazon-apigateway-request-validator (the one a method uses: the operation's, else the document's
// default), as the developer guide describes them (api-gateway-swagger-extensions-request-validators,
// -request-validator; LocalStack's AWS-validated recording test_import_with_circular_models_and_request_validation).

import type {RequestValidator} from '../model.js'
import {type Json, invalid, isRecord, own} from './json-reading.js'

export const REQUEST_VALIDATORS_EXT = 'x-amazon-apigateway-request-validators'
export const REQUEST_VALIDATOR_EXT = 'x-amazon-apigateway-request-validator'

export interface ImportedRequestValidator {
  name: string
  validateRequestBody: boolean
  validateRequestParameters: boolean
}

/** Every validator the document defines, used or not. */
export function readRequestValidators(doc: Json): ImportedRequestValidator[] {
  const raw = own(doc, REQUEST_VALIDATORS_EXT)
  if (raw === undefined) return []
  if (!isRecord(raw)) throw invalid(`${REQUEST_VALIDATORS_EXT} must be an object`)
  return Object.entries(raw).map(([name, validator]) => {
    if (!isRecord(validator)) throw invalid(`${REQUEST_VALIDATORS_EXT}.${name} must be an object`)
    return {name, validateRequestBody: readFlag(validator, 'validateRequestBody', name), validateRequestParameters: readFlag(validator, 'validateRequestParameters', name)}
  })
}

function readFlag(validator: Json, key: string, name: string): boolean {
  const value = own(validator, key)
  if (value === undefined) return false
  if (typeof value !== 'boolean') throw invalid(`${REQUEST_VALIDATORS_EXT}.${name}.${key} must be a boolean`)
  return value
}

/** The name of the validator `operation` uses, checked against the document's validators. */
export function methodRequestValidator(doc: Json, operation: Json, validators: readonly ImportedRequestValidator[], where: string): string | undefined {
  const named = own(operation, REQUEST_VALIDATOR_EXT) ?? own(doc, REQUEST_VALIDATOR_EXT)
  if (named === undefined) return undefined
  if (typeof named !== 'string') throw invalid(`${REQUEST_VALIDATOR_EXT} of ${where} must be a string`)
  if (!validators.some((validator) => validator.name === named)) throw invalid(`${REQUEST_VALIDATOR_EXT} of ${where} names '${named}', which ${REQUEST_VALIDATORS_EXT} does not define`)
  return named
}

/**
 * The validators as GetExport writes them, keyed by name (an unnamed one by its id), and what each
 * method's `x-amazon-apigateway-request-validator` says: only with the `apigateway` (developer guide,
 * api-gateway-export-api: "to ensure that the x-amazon-apigateway-request-validator extension is included")
 * or `validators` extensions.
 */
export function exportedRequestValidators(validators: readonly RequestValidator[]): {definitions: Record<string, {validateRequestBody: boolean; validateRequestParameters: boolean}>; nameOf(id: string): string | undefined} {
  const names = new Map(validators.map((validator) => [validator.id, validator.name ?? validator.id]))
  return {
    definitions: Object.fromEntries(
      validators.map((validator) => [names.get(validator.id)!, {validateRequestBody: validator.validateRequestBody, validateRequestParameters: validator.validateRequestParameters}]),
    ),
    nameOf: (id) => names.get(id),
  }
}
