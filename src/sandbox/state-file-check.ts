// What a state file must be before the sandbox serves it: the shape schemas/sandbox-state.schema.json
// gives every record, then the references between records that a schema cannot state (unique ids, a
// stage's deployment, a resource's parent, a stack's template). A file that fails either is refused on
// start with one line saying where; serving it would fail later, on some request, with a TypeError.

import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {Ajv, type ErrorObject, type ValidateFunction} from 'ajv'

import {packageRoot} from '../schemas.js'
import {expandSam} from './cloudformation/sam.js'
import {isSamTemplate, readStackTemplate} from './cloudformation/stack-template.js'
import type {StackRecord} from './cloudformation/stack-model.js'
import type {ApiKey, Authorizer, Deployment, DocumentationPart, DocumentationVersion, GatewayResponseSetting, Model, RequestValidator, Resource, RestApi, Stage, UsagePlan} from './model.js'
import {isStreamed, transferModeFault} from './response-transfer-mode.js'

/** The document as the schema guarantees it. */
export interface PersistedState {
  format: 'apigw-binfix-sandbox-state'
  version: 1
  region: string
  accountId: string
  apis: PersistedApi[]
  cloudformation?: {stacks: StackRecord[]}
  /** Account-wide API keys and usage plans, each plan with the ids of its keys. */
  usage?: {apiKeys: ApiKey[]; usagePlans: {plan: UsagePlan; keyIds: string[]}[]}
}

// Maps are stored as arrays: ids can be all digits, and plain objects would reorder such keys.
export interface PersistedApi {
  api: RestApi
  resources: Resource[]
  deployments: Deployment[]
  stages: Stage[]
  models?: Model[]
  authorizers?: Authorizer[]
  requestValidators?: RequestValidator[]
  documentationParts?: DocumentationPart[]
  documentationVersions?: DocumentationVersion[]
  gatewayResponses?: GatewayResponseSetting[]
}

let validator: ValidateFunction | undefined

function validate(): ValidateFunction {
  validator ??= new Ajv({strict: true, allErrors: false}).compile(JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'sandbox-state.schema.json'), 'utf8')) as object)
  return validator
}

/** Why `document` is not a state file the sandbox can serve (one line), or undefined when it is one. */
export function stateFileFault(document: unknown): string | undefined {
  const check = validate()
  if (!check(document)) return schemaFault(check.errors?.[0])
  const persisted = document as PersistedState
  return apisFault(persisted.apis) ?? usageFault(persisted.usage) ?? stacksFault(persisted.cloudformation?.stacks ?? [])
}

/** Key and plan ids unique, and every key a plan holds one of the file's keys. */
function usageFault(usage: PersistedState['usage']): string | undefined {
  if (usage === undefined) return undefined
  const keyIds = new Set(usage.apiKeys.map((key) => key.id))
  const fault =
    uniqueFault(usage.apiKeys, (key) => key.id, 'usage.apiKeys', 'API key id') ??
    uniqueFault(usage.usagePlans, ({plan}) => plan.id, 'usage.usagePlans', 'usage plan id')
  if (fault) return fault
  for (const [index, {keyIds: held}] of usage.usagePlans.entries()) {
    const unknown = held.find((id) => !keyIds.has(id))
    if (unknown !== undefined) return `usage.usagePlans[${index}] holds the API key ${quoted(unknown)}, which the file does not have`
    if (new Set(held).size !== held.length) return `usage.usagePlans[${index}] holds an API key twice`
  }
  return undefined
}

function schemaFault(error: ErrorObject | undefined): string {
  if (!error) return 'does not match the state file schema'
  const at = error.instancePath === '' ? 'the document' : displayPath(error.instancePath)
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'additionalProperties':
      return `${at} has an unknown member ${quoted(params['additionalProperty'])}`
    case 'required':
      return `${at} lacks ${quoted(params['missingProperty'])}`
    case 'const':
      return `${at} must be ${JSON.stringify(params['allowedValue'])}`
    case 'enum':
      return `${at} must be one of ${(params['allowedValues'] as unknown[]).join(', ')}`
    default:
      return `${at} ${error.message ?? `fails ${error.keyword}`}`
  }
}

/** `/apis/0/stages/1/deploymentId` → `apis[0].stages[1].deploymentId`. */
function displayPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path === '' ? segment : `${path}.${JSON.stringify(segment).slice(1, -1)}`), '')
}

// Values from the file are shown quoted, escaped and cut, so a corrupted one stays on the line.
function quoted(value: unknown): string {
  const text = JSON.stringify(String(value))
  return text.length > 82 ? `${text.slice(0, 80)}…"` : text
}

function apisFault(apis: PersistedApi[]): string | undefined {
  const seen = new Map<string, number>()
  for (const [index, entry] of apis.entries()) {
    const at = `apis[${index}] (${quoted(entry.api.id)})`
    const earlier = seen.get(entry.api.id)
    if (earlier !== undefined) return `${at} repeats the id of apis[${earlier}]`
    seen.set(entry.api.id, index)
    const fault =
      resourceTreeFault(entry.resources, entry.api.rootResourceId, `${at}.resources`) ??
      deploymentsFault(entry.deployments, at) ??
      uniqueFault(entry.models ?? [], (model) => model.name, `${at}.models`, 'model name') ??
      uniqueFault(entry.models ?? [], (model) => model.id, `${at}.models`, 'model id') ??
      uniqueFault(entry.authorizers ?? [], (authorizer) => authorizer.id, `${at}.authorizers`, 'authorizer id') ??
      uniqueFault(entry.authorizers ?? [], (authorizer) => authorizer.name, `${at}.authorizers`, 'authorizer name') ??
      uniqueFault(entry.requestValidators ?? [], (validator) => validator.id, `${at}.requestValidators`, 'request validator id') ??
      uniqueFault(entry.documentationParts ?? [], (part) => part.id, `${at}.documentationParts`, 'documentation part id') ??
      uniqueFault(entry.documentationVersions ?? [], (version) => version.version, `${at}.documentationVersions`, 'documentation version') ??
      uniqueFault(entry.gatewayResponses ?? [], (setting) => setting.responseType, `${at}.gatewayResponses`, 'gateway response type') ??
      stagesFault(entry.stages, new Set(entry.deployments.map((deployment) => deployment.id)), at)
    if (fault) return fault
  }
  return undefined
}

// Models are looked up by name and authorizers by id, and an import matches both by name.
function deploymentsFault(deployments: Deployment[], at: string): string | undefined {
  const ids = new Set<string>()
  for (const [index, deployment] of deployments.entries()) {
    const where = `${at}.deployments[${index}]`
    if (ids.has(deployment.id)) return `${where} repeats the deployment id ${quoted(deployment.id)}`
    ids.add(deployment.id)
    // A snapshot is the tree the deployment serves; its root is the resource whose path is /.
    const root = deployment.snapshot.resources.find((resource) => resource.path === '/')
    if (!root) return `${where}.snapshot has no root resource (path /)`
    const fault = resourceTreeFault(deployment.snapshot.resources, root.id, `${where}.snapshot.resources`)
    if (fault) return fault
  }
  return undefined
}

function uniqueFault<T>(records: T[], key: (record: T) => string, at: string, what: string): string | undefined {
  const seen = new Set<string>()
  for (const [index, record] of records.entries()) {
    if (seen.has(key(record))) return `${at}[${index}] repeats the ${what} ${quoted(key(record))}`
    seen.add(key(record))
  }
  return undefined
}

function stagesFault(stages: Stage[], deploymentIds: Set<string>, at: string): string | undefined {
  const names = new Set<string>()
  for (const [index, stage] of stages.entries()) {
    const where = `${at}.stages[${index}]`
    if (names.has(stage.stageName)) return `${where} repeats the stage name ${quoted(stage.stageName)}`
    names.add(stage.stageName)
    if (!deploymentIds.has(stage.deploymentId)) return `${where} (${quoted(stage.stageName)}) serves deployment ${quoted(stage.deploymentId)}, which the API does not have`
  }
  return undefined
}

/** One root (no parent, path /), every other resource under an existing parent, ids and paths unique. */
function resourceTreeFault(resources: Resource[], rootId: string, at: string): string | undefined {
  const byId = new Map<string, Resource>()
  const paths = new Set<string>()
  for (const [index, resource] of resources.entries()) {
    if (byId.has(resource.id)) return `${at}[${index}] repeats the resource id ${quoted(resource.id)}`
    if (paths.has(resource.path)) return `${at}[${index}] repeats the path ${quoted(resource.path)}`
    byId.set(resource.id, resource)
    paths.add(resource.path)
  }
  const root = byId.get(rootId)
  if (!root) return `${at} lacks the root resource ${quoted(rootId)}`
  if (root.path !== '/' || root.parentId !== undefined) return `${at}: the root resource ${quoted(rootId)} must have path / and no parent`
  for (const [index, resource] of resources.entries()) {
    const where = `${at}[${index}]`
    if (resource !== root) {
      if (resource.parentId === undefined || resource.pathPart === undefined) return `${where} (${quoted(resource.path)}) lacks parentId or pathPart`
      const parent = byId.get(resource.parentId)
      if (!parent || parent === resource) return `${where} (${quoted(resource.path)}) has parent ${quoted(resource.parentId)}, which is not another resource of the API`
      const expected = parent.path === '/' ? `/${resource.pathPart}` : `${parent.path}/${resource.pathPart}`
      if (resource.path !== expected) return `${where} has path ${quoted(resource.path)}, but its parent and pathPart make ${quoted(expected)}`
    }
    const fault = methodsFault(resource, where)
    if (fault) return fault
  }
  return undefined
}

// Records keyed by a field of their own must agree with their key: lookups go by key, answers show the field.
function methodsFault(resource: Resource, at: string): string | undefined {
  for (const [key, method] of Object.entries(resource.resourceMethods ?? {})) {
    const where = `${at}.resourceMethods.${key}`
    if (method.httpMethod !== key) return `${where} has httpMethod ${quoted(method.httpMethod)}`
    for (const [code, response] of Object.entries(method.methodResponses ?? {})) {
      if (response.statusCode !== code) return `${where}.methodResponses.${code} has statusCode ${quoted(response.statusCode)}`
    }
    for (const [code, response] of Object.entries(method.methodIntegration?.integrationResponses ?? {})) {
      if (response.statusCode !== code) return `${where}.methodIntegration.integrationResponses.${code} has statusCode ${quoted(response.statusCode)}`
    }
    // A streamed integration the control plane would refuse (a MOCK that streams) has no data-plane meaning.
    const integration = method.methodIntegration
    const streamFault = integration && isStreamed(integration) ? transferModeFault(integration) : undefined
    if (streamFault) return `${where}.methodIntegration: ${streamFault}`
  }
  return undefined
}

function stacksFault(stacks: StackRecord[]): string | undefined {
  const names = new Set<string>()
  const ids = new Set<string>()
  for (const [index, stack] of stacks.entries()) {
    const at = `cloudformation.stacks[${index}] (${quoted(stack.stackName)})`
    if (names.has(stack.stackName)) return `${at} repeats a stack name`
    if (ids.has(stack.stackId)) return `${at} repeats a stack id`
    names.add(stack.stackName)
    ids.add(stack.stackId)
    // Drift detection and GetTemplate read the template on demand; a broken one would fail there.
    try {
      const parsed = readStackTemplate(stack.templateBody)
      if (isSamTemplate(parsed.template)) expandSam(parsed.template)
    } catch (error) {
      return `${at}.templateBody is not a template the sandbox can read (${firstLine(error)})`
    }
    const logicalIds = new Set<string>()
    for (const resource of stack.resources) {
      if (logicalIds.has(resource.logicalId)) return `${at}.resources repeats the logical id ${quoted(resource.logicalId)}`
      logicalIds.add(resource.logicalId)
    }
    const detectionIds = new Set<string>()
    for (const detection of stack.detections) {
      if (detectionIds.has(detection.id)) return `${at}.detections repeats the detection id ${quoted(detection.id)}`
      detectionIds.add(detection.id)
      if (detection.stackId !== stack.stackId) return `${at}.detections: detection ${quoted(detection.id)} belongs to another stack`
    }
  }
  return undefined
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
}
