import {type ApiGatewayError, badRequest, validationErrors} from './api-errors.js'

// API Gateway's Update* operations take RFC 6902-shaped operations, but each resource supports only
// some (op, path) pairs and answers anything else with 400 (aws-binary-facts §3).

export const PATCH_OPS = ['add', 'remove', 'move', 'test', 'replace', 'copy'] as const
export type PatchOp = (typeof PATCH_OPS)[number]

export interface PatchOperation {
  op: PatchOp
  path: string
  value?: string
  from?: string
}

/**
 * Reads `patchOperations`. Every `op` outside the model's enum is reported together, index 1-based, and
 * before `frontEndErrors` (the request's other model constraints, such as a status code's pattern), as
 * AWS's front end does before it looks anything up (observed on AWS: LocalStack recordings
 * test_update_rest_api_concatenation_of_errors, test_update_method_response_negative_tests).
 */
export function readPatchOperations(body: Record<string, unknown>, inputName: string, frontEndErrors: readonly string[] = []): PatchOperation[] {
  const raw = body.patchOperations
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) throw badRequest('Invalid patch operations: expected a list')
  const entries: unknown[] = raw ?? []
  const opErrors: string[] = []
  entries.forEach((entry, index) => {
    if (typeof entry !== 'object' || entry === null) return
    const {op} = entry as Record<string, unknown>
    if (typeof op !== 'string' || !(PATCH_OPS as readonly string[]).includes(op)) {
      opErrors.push(
        `Value '${String(op)}' at '${inputName}.patchOperations.${index + 1}.member.op' ` +
          `failed to satisfy constraint: Member must satisfy enum value set: [${PATCH_OPS.join(', ')}]`,
      )
    }
  })
  if (opErrors.length > 0 || frontEndErrors.length > 0) throw validationErrors([...opErrors, ...frontEndErrors])
  return entries.map((entry) => {
    if (typeof entry !== 'object' || entry === null) throw badRequest('Invalid patch operation: expected an object')
    const {op, path, value, from} = entry as Record<string, unknown>
    if (typeof path !== 'string') throw badRequest(`Invalid patch path  'null' specified for op '${String(op)}'. Please choose supported operations`)
    const operation: PatchOperation = {op: op as PatchOp, path}
    if (value !== undefined && value !== null) operation.value = String(value)
    if (typeof from === 'string') operation.from = from
    return operation
  })
}

export function invalidPatchPath(operation: PatchOperation): ApiGatewayError {
  return badRequest(`Invalid patch path  '${operation.path}' specified for op '${operation.op}'. Please choose supported operations`)
}

export function unsupportedPatchOp(allowed: readonly PatchOp[]): ApiGatewayError {
  return badRequest(`Invalid patch operation specified. Must be one of: [${allowed.join(', ')}]`)
}

export function requireOp(operation: PatchOperation, allowed: readonly PatchOp[]): void {
  if (!allowed.includes(operation.op)) throw unsupportedPatchOp(allowed)
}

export function requireValue(operation: PatchOperation): string {
  if (operation.value === undefined) throw badRequest(`Invalid null or empty value in ${operation.path}`)
  return operation.value
}

/** Splits `/requestTemplates/application~1json` into `['requestTemplates', 'application/json']`. */
export function pathSegments(path: string): string[] {
  if (!path.startsWith('/')) return []
  return path
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
}

/** add/replace set a key, remove deletes it; used for the string maps (templates, parameters, variables). */
export function patchStringMap<Value extends string | null>(
  map: Record<string, Value> | undefined,
  key: string,
  operation: PatchOperation,
): Record<string, Value | string> | undefined {
  requireOp(operation, ['add', 'replace', 'remove'])
  const next: Record<string, Value | string> = {...map}
  if (operation.op === 'remove') {
    if (!Object.hasOwn(next, key)) throw badRequest(`Invalid patch path  '${operation.path}' specified for op 'remove'. Please choose supported operations`)
    delete next[key]
  } else {
    next[key] = operation.value ?? ''
  }
  return Object.keys(next).length === 0 ? undefined : next
}
