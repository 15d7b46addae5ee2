// What CreateModel and UpdateModel accept as a model's schema. A model is a JSON schema (draft 4) whose
// references to other models are their URLs (developer guide, models-mappings-models).

import {type ApiGatewayError, badRequest} from './api-errors.js'
import {isModelUrl} from './openapi/model-refs.js'

/** Observed on AWS for an empty or absent schema, whatever the content type (LocalStack recordings test_model_validation, test_update_model). */
const NO_SCHEMA = 'Model schema must have at least 1 property or array items defined'

// AWS's answer to a reference that is not a model's URL, as reported against AWS
// (Dropsource/serverless-todo-api-example-complete#3); the sandbox gives a schema that is no JSON object
// the same envelope with the first error alone (AWS's wording for it is not recorded).
const INVALID_SCHEMA = 'Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]'
const NOT_CANONICAL = 'Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified, Model reference must be in canonical form]'

/** Throws API Gateway's answer when `schema` cannot be a model's schema. */
export function checkModelSchema(schema: string | undefined): void {
  if (schema === undefined || schema === '') throw badRequest(NO_SCHEMA)
  let parsed: unknown
  try {
    parsed = JSON.parse(schema)
  } catch {
    throw badRequest(INVALID_SCHEMA)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest(INVALID_SCHEMA)
  const fault = referenceFault(parsed, parsed)
  if (fault) throw fault
}

// A reference is a model's URL, or a pointer into the schema itself that resolves there.
function referenceFault(value: unknown, root: unknown): ApiGatewayError | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const fault = referenceFault(item, root)
      if (fault) return fault
    }
    return undefined
  }
  if (value === null || typeof value !== 'object') return undefined
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref') {
      if (typeof item !== 'string' || !(isModelUrl(item) || resolvesLocally(item, root))) return badRequest(NOT_CANONICAL)
      continue
    }
    const fault = referenceFault(item, root)
    if (fault) return fault
  }
  return undefined
}

function resolvesLocally(ref: string, root: unknown): boolean {
  if (!ref.startsWith('#')) return false
  let node = root
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const segment = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~')
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return false
    node = (node as Record<string, unknown>)[segment]
  }
  return true
}
