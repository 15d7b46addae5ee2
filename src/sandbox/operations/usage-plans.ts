// Usage plans and their keys: which API stages a key may call (data-plane/authorization/api-key-check.ts).
// Their throttle and quota are kept and answered; the sandbox's data plane enforces neither.
import {badRequest, conflict, notFound} from '../api-errors.js'
import type {ApiStage, QuotaSettings, SandboxState, ThrottleSettings, UsagePlan} from '../model.js'
import {paginate} from '../pagination.js'
import {type PatchOperation, invalidPatchPath, readPatchOperations, requireOp} from '../patch.js'
import {compact, jsonBody, optionalString, optionalStringMap, requiredString} from '../request-body.js'
import {type OperationContext, type Route, accepted, created, ok} from '../route.js'
import {locateApiKey, tolerantLimit} from './api-keys.js'
import {refuseReservedKeys} from './tags.js'

const PLAN = '/usageplans/{usagePlanId}'

export const usagePlanRoutes: Route[] = [
  {method: 'POST', template: '/usageplans', operation: 'CreateUsagePlan', mutating: true, handle: createUsagePlan},
  {method: 'GET', template: '/usageplans', operation: 'GetUsagePlans', mutating: false, handle: getUsagePlans},
  {method: 'GET', template: PLAN, operation: 'GetUsagePlan', mutating: false, handle: (c) => ok(withTags(locatePlan(c.store.state, c.params.usagePlanId)))},
  {method: 'PATCH', template: PLAN, operation: 'UpdateUsagePlan', mutating: true, handle: updateUsagePlan},
  {method: 'DELETE', template: PLAN, operation: 'DeleteUsagePlan', mutating: true, handle: deleteUsagePlan},
  {method: 'POST', template: `${PLAN}/keys`, operation: 'CreateUsagePlanKey', mutating: true, handle: createUsagePlanKey},
  {method: 'GET', template: `${PLAN}/keys`, operation: 'GetUsagePlanKeys', mutating: false, handle: getUsagePlanKeys},
  {method: 'GET', template: `${PLAN}/keys/{keyId}`, operation: 'GetUsagePlanKey', mutating: false, handle: getUsagePlanKey},
  {method: 'DELETE', template: `${PLAN}/keys/{keyId}`, operation: 'DeleteUsagePlanKey', mutating: true, handle: deleteUsagePlanKey},
]

const INVALID_PLAN = 'Invalid Usage Plan ID specified'
const INVALID_API_STAGE = 'Invalid API Stage specified'

function locatePlan(state: SandboxState, id: string): UsagePlan {
  const found = state.usagePlans.get(id)
  if (!found) throw notFound(INVALID_PLAN)
  return found
}

/**
 * GetUsagePlan and UpdateUsagePlan answer `tags: {}` for a plan without tags, CreateUsagePlan and
 * GetUsagePlans leave it out (observed on AWS: LocalStack recording test_usage_plan_crud).
 */
function withTags(plan: UsagePlan): UsagePlan {
  return {...plan, tags: plan.tags ?? {}}
}

function createUsagePlan(context: OperationContext) {
  const body = jsonBody(context)
  const {state} = context.store
  const tags = optionalStringMap(body, 'tags')
  refuseReservedKeys(Object.keys(tags ?? {}))
  const plan: UsagePlan = compact({
    id: context.store.newId(6, state.usagePlans),
    name: requiredString(body, 'name', 'createUsagePlanInput'),
    description: optionalString(body, 'description'),
    apiStages: readApiStages(context, body.apiStages),
    throttle: readThrottle(body.throttle),
    quota: readQuota(body.quota),
    tags: tags && Object.keys(tags).length > 0 ? tags : undefined,
  })
  state.usagePlans.set(plan.id, plan)
  state.usagePlanKeys.set(plan.id, [])
  return created(plan)
}

/**
 * Each stage must exist. AWS refuses one that does not, or a blank API id or stage, with a 400 whose
 * placeholders it leaves unformatted (reported against AWS: aws/aws-sdk #354, aws/aws-cdk #6169).
 */
function readApiStages(context: OperationContext, raw: unknown): ApiStage[] {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) throw badRequest('Invalid value for apiStages: expected a list')
  return raw.map((entry) => {
    const {apiId, stage, throttle} = (entry ?? {}) as Record<string, unknown>
    if (typeof apiId !== 'string' || typeof stage !== 'string' || !context.store.state.apis.get(apiId)?.stages.has(stage)) {
      throw badRequest('Invalid API Stage {api: %s, stage: %s} specified for usageplan %s')
    }
    const apiStage: ApiStage = {apiId, stage}
    if (throttle !== undefined && throttle !== null && typeof throttle === 'object') {
      apiStage.throttle = Object.fromEntries(Object.entries(throttle).map(([path, settings]) => [path, readThrottle(settings) ?? {}]))
    }
    return apiStage
  })
}

function readThrottle(raw: unknown): ThrottleSettings | undefined {
  if (raw === undefined || raw === null) return undefined
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badRequest('Invalid value for throttle: expected an object')
  const {burstLimit, rateLimit} = raw as Record<string, unknown>
  return compact({burstLimit: integerOrUndefined(burstLimit, 'burstLimit'), rateLimit: numberOrUndefined(rateLimit, 'rateLimit')})
}

function readQuota(raw: unknown): QuotaSettings | undefined {
  if (raw === undefined || raw === null) return undefined
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badRequest('Invalid value for quota: expected an object')
  const {limit, offset, period} = raw as Record<string, unknown>
  if (period !== undefined && period !== null && !QUOTA_PERIODS.includes(period as string)) throw badRequest(`Invalid quota period specified: ${String(period)}`)
  return compact({limit: integerOrUndefined(limit, 'limit'), offset: integerOrUndefined(offset, 'offset') ?? 0, period: (period ?? undefined) as string | undefined})
}

const QUOTA_PERIODS = ['DAY', 'WEEK', 'MONTH']

function integerOrUndefined(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value)) throw badRequest(`Invalid value for ${field}: expected an integer`)
  return value
}

function numberOrUndefined(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number') throw badRequest(`Invalid value for ${field}: expected a number`)
  return value
}

/** Listed without `tags` when empty; `keyId` keeps the plans holding that key. */
function getUsagePlans(context: OperationContext) {
  const {state} = context.store
  const keyId = context.query.get('keyId')
  const plans = [...state.usagePlans.values()].filter((plan) => keyId === null || (state.usagePlanKeys.get(plan.id) ?? []).includes(keyId))
  return ok(paginate(plans, tolerantLimit(context.query)))
}

function updateUsagePlan(context: OperationContext) {
  const operations = readPatchOperations(jsonBody(context), 'updateUsagePlanInput')
  const {state} = context.store
  // The plan is looked up before the operations are read (recorded: update-wrong-id).
  const plan = locatePlan(state, context.params.usagePlanId)
  const next = structuredClone(plan)
  for (const operation of operations) applyUsagePlanPatch(context, next, operation)
  state.usagePlans.set(plan.id, next)
  return ok(withTags(next))
}

function applyUsagePlanPatch(context: OperationContext, plan: UsagePlan, operation: PatchOperation): void {
  const {path} = operation
  if (path === '/apiStages') {
    patchApiStages(context, plan, operation)
    return
  }
  const [, group, field] = path.split('/')
  if ((group === 'throttle' || group === 'quota') && field === undefined) {
    requireOp(operation, ['remove'])
    delete plan[group]
    return
  }
  if (group === 'throttle' && (field === 'burstLimit' || field === 'rateLimit')) {
    requireOp(operation, ['replace'])
    plan.throttle = {...plan.throttle, [field]: numericValue(operation, field === 'burstLimit')}
    return
  }
  if (group === 'quota' && (field === 'limit' || field === 'offset' || field === 'period')) {
    requireOp(operation, ['replace'])
    // A quota starts at offset 0 (recorded: test_usage_plan_crud update-usage-plan).
    const quota: QuotaSettings = {offset: 0, ...plan.quota}
    if (field === 'period') {
      if (!QUOTA_PERIODS.includes(operation.value ?? '')) throw badRequest(`Invalid quota period specified: ${operation.value ?? 'null'}`)
      quota.period = operation.value
    } else {
      quota[field] = numericValue(operation, true)
    }
    plan.quota = quota
    return
  }
  if ((path === '/name' || path === '/description' || path === '/productCode') && field === undefined) {
    requireOp(operation, ['replace'])
    const key = path.slice(1) as 'name' | 'description' | 'productCode'
    if (key === 'name') {
      if (!operation.value) throw badRequest('Invalid name specified')
      plan.name = operation.value
    } else if (operation.value === undefined || operation.value === '') delete plan[key]
    else plan[key] = operation.value
    return
  }
  throw invalidPatchPath(operation)
}

function numericValue(operation: PatchOperation, integer: boolean): number {
  const value = Number(operation.value)
  if (operation.value === undefined || operation.value === '' || Number.isNaN(value) || (integer && !Number.isInteger(value))) {
    throw badRequest(`Invalid value specified for ${operation.path}: ${operation.value ?? 'null'}`)
  }
  return value
}

/**
 * `add` or `remove` of `/apiStages` with the value `apiId:stage`: a missing or malformed value is a 400, an
 * API or stage that does not exist a 404 naming both and the plan (observed on AWS: LocalStack recording
 * test_usage_plan_crud update-wrong-api-stages-*).
 */
function patchApiStages(context: OperationContext, plan: UsagePlan, operation: PatchOperation): void {
  requireOp(operation, ['add', 'remove'])
  const parts = (operation.value ?? '').split(':')
  if (operation.value === undefined || parts.length !== 2) throw badRequest(INVALID_API_STAGE)
  const [apiId, stage] = parts as [string, string]
  if (!context.store.state.apis.get(apiId)?.stages.has(stage)) {
    throw notFound(`Invalid API Stage {api: ${apiId}, stage: ${stage}} specified for usageplan ${plan.id}`)
  }
  plan.apiStages = plan.apiStages.filter((entry) => entry.apiId !== apiId || entry.stage !== stage)
  if (operation.op === 'add') plan.apiStages.push({apiId, stage})
}

function deleteUsagePlan(context: OperationContext) {
  const {state} = context.store
  const plan = locatePlan(state, context.params.usagePlanId)
  state.usagePlans.delete(plan.id)
  state.usagePlanKeys.delete(plan.id)
  return accepted()
}

function usagePlanKeyAnswer(state: SandboxState, keyId: string) {
  const key = locateApiKey(state, keyId)
  return compact({id: key.id, type: 'API_KEY', value: key.value, name: key.name})
}

function createUsagePlanKey(context: OperationContext) {
  const body = jsonBody(context)
  const {state} = context.store
  const plan = locatePlan(state, context.params.usagePlanId)
  const keyId = requiredString(body, 'keyId', 'createUsagePlanKeyInput')
  const keyType = requiredString(body, 'keyType', 'createUsagePlanKeyInput')
  if (keyType !== 'API_KEY') throw badRequest(`Invalid key type specified: ${keyType}`)
  const answer = usagePlanKeyAnswer(state, keyId)
  const held = state.usagePlanKeys.get(plan.id) ?? []
  if (held.includes(keyId)) throw conflict(`API Key ${keyId} is already in usage plan ${plan.id}`)
  state.usagePlanKeys.set(plan.id, [...held, keyId])
  return created(answer)
}

/**
 * Newest first, `name` a case-sensitive prefix; an unknown plan answers an empty list (observed on AWS:
 * LocalStack recording test_get_usage_plan_api_keys, get-up-keys-bad-usage-plan).
 */
function getUsagePlanKeys(context: OperationContext) {
  const {state} = context.store
  const nameQuery = context.query.get('name')
  const keys = [...(state.usagePlanKeys.get(context.params.usagePlanId) ?? [])]
    .reverse()
    .map((keyId) => usagePlanKeyAnswer(state, keyId))
    .filter((key) => nameQuery === null || (key.name ?? '').startsWith(nameQuery))
  return ok(paginate(keys, tolerantLimit(context.query)))
}

function getUsagePlanKey(context: OperationContext) {
  const {state} = context.store
  locatePlan(state, context.params.usagePlanId)
  if (!(state.usagePlanKeys.get(context.params.usagePlanId) ?? []).includes(context.params.keyId)) throw notFound('Invalid Usage Plan Key identifier specified')
  return ok(usagePlanKeyAnswer(state, context.params.keyId))
}

function deleteUsagePlanKey(context: OperationContext) {
  const {state} = context.store
  const plan = locatePlan(state, context.params.usagePlanId)
  const held = state.usagePlanKeys.get(plan.id) ?? []
  if (!held.includes(context.params.keyId)) throw notFound('Invalid Usage Plan Key identifier specified')
  state.usagePlanKeys.set(plan.id, held.filter((id) => id !== context.params.keyId))
  return accepted()
}
