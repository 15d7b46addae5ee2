// API keys: account-wide, like AWS's. A key's value is a secret: answered by CreateApiKey, and by
// GetApiKey(s) only when asked (includeValue(s)); the call log records paths, never bodies or values.
import {randomBytes} from 'node:crypto'

import {badRequest, conflict, notFound} from '../api-errors.js'
import type {ApiKey, SandboxState} from '../model.js'
import {paginate} from '../pagination.js'
import {type PatchOperation, readPatchOperations} from '../patch.js'
import {compact, jsonBody, optionalBoolean, optionalString, optionalStringMap} from '../request-body.js'
import {type OperationContext, type Route, accepted, created, ok} from '../route.js'
import {refuseReservedKeys} from './tags.js'

export const apiKeyRoutes: Route[] = [
  {method: 'POST', template: '/apikeys', operation: 'CreateApiKey', mutating: true, handle: createApiKey},
  {method: 'GET', template: '/apikeys', operation: 'GetApiKeys', mutating: false, handle: getApiKeys},
  {method: 'GET', template: '/apikeys/{apiKey}', operation: 'GetApiKey', mutating: false, handle: getApiKey},
  {method: 'PATCH', template: '/apikeys/{apiKey}', operation: 'UpdateApiKey', mutating: true, handle: updateApiKey},
  {method: 'DELETE', template: '/apikeys/{apiKey}', operation: 'DeleteApiKey', mutating: true, handle: deleteApiKey},
]

// AWS's limits and words (observed on AWS: LocalStack recordings test_create_api_key_with_invalid_name,
// test_create_api_key_with_invalid_value, test_update_api_key_invalid_description_length).
const MAX_NAME = 1024
const MIN_VALUE = 20
const MAX_VALUE = 128
const MAX_DESCRIPTION = 125_000
const INVALID_DESCRIPTION = 'Invalid API Key description specified.'

const VALUE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A generated value: 40 alphanumerics, as AWS generates them (developer guide, api-gateway-api-usage-plans). */
function generatedValue(): string {
  let value = ''
  for (const byte of randomBytes(40)) value += VALUE_ALPHABET[byte % VALUE_ALPHABET.length]
  return value
}

function createApiKey(context: OperationContext) {
  const body = jsonBody(context)
  const name = optionalString(body, 'name')
  if (name !== undefined && name.length > MAX_NAME) throw badRequest(`Invalid API Key name, can be at most ${MAX_NAME} characters.`)
  const description = optionalString(body, 'description')
  if (description !== undefined && description.length > MAX_DESCRIPTION) throw badRequest(INVALID_DESCRIPTION)
  const value = optionalString(body, 'value')
  if (value !== undefined && value !== '' && value.length < MIN_VALUE) throw badRequest(`API Key value should be at least ${MIN_VALUE} characters`)
  if (value !== undefined && value.length > MAX_VALUE) throw badRequest(`API Key value exceeds maximum size of ${MAX_VALUE} characters`)
  const tags = optionalStringMap(body, 'tags')
  refuseReservedKeys(Object.keys(tags ?? {}))
  const now = context.store.nowSeconds()
  const {state} = context.store
  // Values are unique in an account: a second key with the same value is a 409 (reported against AWS:
  // rrahul963/serverless-add-api-key #27, "API Key already exists", ConflictException).
  if (value && [...state.apiKeys.values()].some((key) => key.value === value)) throw conflict('API Key already exists')
  // An empty name or value is as good as none: AWS answers no name and a generated value (recorded).
  const key: ApiKey = compact({
    id: context.store.newId(10, state.apiKeys),
    value: value || generatedValue(),
    name: name || undefined,
    customerId: optionalString(body, 'customerId'),
    description: description || undefined,
    enabled: optionalBoolean(body, 'enabled') ?? false,
    createdDate: now,
    lastUpdatedDate: now,
    stageKeys: readStageKeys(body),
    tags: tags && Object.keys(tags).length > 0 ? tags : undefined,
  })
  state.apiKeys.set(key.id, key)
  return created(key)
}

/** `stageKeys: [{restApiId, stageName}]` in, `"restApiId/stageName"` out, as the wire shapes are. */
function readStageKeys(body: Record<string, unknown>): string[] {
  const raw = body.stageKeys
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) throw badRequest('Invalid value for stageKeys: expected a list')
  return raw.map((entry) => {
    const {restApiId, stageName} = (entry ?? {}) as Record<string, unknown>
    if (typeof restApiId !== 'string' || typeof stageName !== 'string') throw badRequest('Invalid stage key specified')
    return `${restApiId}/${stageName}`
  })
}

/** The key as answered: without its value unless asked for. */
export function apiKeyAnswer(key: ApiKey, withValue: boolean): Partial<ApiKey> {
  if (withValue) return {...key}
  const {value: _secret, ...rest} = key
  return rest
}

export function locateApiKey(state: SandboxState, id: string): ApiKey {
  const found = state.apiKeys.get(id)
  if (!found) throw notFound('Invalid API Key identifier specified')
  return found
}

/**
 * Newest first, `name` a case-sensitive prefix of the key's name, a `limit` outside 1..500 ignored
 * (observed on AWS: LocalStack recording test_get_api_keys, test_negative_get_usage_plan_api_keys answers
 * limit=-1 with 200).
 */
function getApiKeys(context: OperationContext) {
  const {query} = context
  const nameQuery = query.get('name')
  const customerId = query.get('customerId')
  const withValues = query.get('includeValues') === 'true'
  const keys = [...context.store.state.apiKeys.values()]
    .reverse()
    .filter((key) => (nameQuery === null || (key.name ?? '').startsWith(nameQuery)) && (customerId === null || key.customerId === customerId))
    .map((key) => apiKeyAnswer(key, withValues))
  return ok(paginate(keys, tolerantLimit(query)))
}

/** The query with an out-of-range or unreadable limit dropped, as AWS ignores it for key listings. */
export function tolerantLimit(query: URLSearchParams): URLSearchParams {
  const limit = Number(query.get('limit'))
  if (query.get('limit') === null || (Number.isInteger(limit) && limit >= 1 && limit <= 500)) return query
  const copy = new URLSearchParams(query)
  copy.delete('limit')
  return copy
}

function getApiKey(context: OperationContext) {
  const key = locateApiKey(context.store.state, context.params.apiKey)
  return ok(apiKeyAnswer(key, context.query.get('includeValue') === 'true'))
}

const UPDATABLE_PATHS = ['/description', '/enabled', '/name', '/customerId']

function updateApiKey(context: OperationContext) {
  const operations = readPatchOperations(jsonBody(context), 'updateApiKeyInput')
  const key = locateApiKey(context.store.state, context.params.apiKey)
  const next = structuredClone(key)
  for (const operation of operations) applyApiKeyPatch(next, operation)
  next.lastUpdatedDate = context.store.nowSeconds()
  context.store.state.apiKeys.set(key.id, next)
  // UpdateApiKey answers `tags: {}` for a key without tags and never the value (recorded: test_update_api_key_invalid_enabled_type).
  return ok({...apiKeyAnswer(next, false), tags: next.tags ?? {}})
}

function applyApiKeyPatch(key: ApiKey, operation: PatchOperation): void {
  // Stage keys (legacy, before usage plans) are added and removed as `restApiId/stageName` (API reference, UpdateApiKey).
  if (operation.path === '/stages' && (operation.op === 'add' || operation.op === 'remove')) {
    const stageKey = operation.value ?? ''
    key.stageKeys = key.stageKeys.filter((entry) => entry !== stageKey)
    if (operation.op === 'add') key.stageKeys.push(stageKey)
    return
  }
  if (operation.op !== 'replace' || !UPDATABLE_PATHS.includes(operation.path)) {
    throw badRequest(`Invalid patch path  '${operation.path}' specified for op '${operation.op}'. Must be one of: [${UPDATABLE_PATHS.join(', ')}]`)
  }
  const value = operation.value
  switch (operation.path) {
    case '/enabled':
      // Read as Java's Boolean.parseBoolean: anything but "true" disables (recorded: "not-a-boolean" answers enabled false).
      key.enabled = value?.toLowerCase() === 'true'
      return
    case '/description':
      if (value !== undefined && value.length > MAX_DESCRIPTION) throw badRequest(INVALID_DESCRIPTION)
      setOrDrop(key, 'description', value)
      return
    case '/name':
      if (value !== undefined && value.length > MAX_NAME) throw badRequest(`Invalid API Key name, can be at most ${MAX_NAME} characters.`)
      setOrDrop(key, 'name', value)
      return
    default:
      setOrDrop(key, 'customerId', value)
  }
}

function setOrDrop(key: ApiKey, field: 'description' | 'name' | 'customerId', value: string | undefined): void {
  if (value === undefined || value === '') delete key[field]
  else key[field] = value
}

function deleteApiKey(context: OperationContext) {
  const {state} = context.store
  const key = locateApiKey(state, context.params.apiKey)
  state.apiKeys.delete(key.id)
  // A deleted key leaves every usage plan (recorded: test_get_usage_plan_api_keys, get-up-keys-after-delete).
  for (const [planId, keyIds] of state.usagePlanKeys) state.usagePlanKeys.set(planId, keyIds.filter((id) => id !== key.id))
  return accepted()
}
