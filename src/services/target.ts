// Which REST API and stage a command works on: the `<api>` argument (an id or an exact name), the REST
// API a CloudFormation stack deploys (--stack, --logical-id), or the `api:`/`stage:` of binfix.yaml.

import type {ApiGatewayReader, RestApiSummary, StageSummary} from './api-gateway-port.js'
import type {CloudFormationReader, StackResourceSummary} from './cloudformation-port.js'
import {AwsCallError, UsageError} from '../core/errors.js'
import {echoed} from '../core/quote.js'
import {closestName} from '../core/suggest.js'

export interface StackTarget {
  /** Stack name or stack id. */
  name: string
  /** The REST API's logical id, needed when the stack has several. */
  logicalId?: string
}

export interface ApiTarget {
  /** The command's `<api>` argument; wins over `specApi`. */
  api?: string
  /** --stack: wins over `specApi` (the command line names the API, not the spec). */
  stack?: StackTarget
  /** `api:` of the spec file. */
  specApi?: string
  /** `stack:` (and `logicalId:`) of the spec file, used like --stack when nothing else names the API. */
  specStack?: StackTarget
  /** The spec file `specApi` came from, for messages. */
  specFile?: string
  /**
   * The spec is judged against (or applied to) the API: when the command line names another API than
   * the spec's `api:` or `stack:`, refuse unless `reuseSpec` (--reuse-spec) says it is meant for it too.
   */
  judgedBySpec?: boolean
  reuseSpec?: boolean
}

/** The spec-related part of a target, from a loaded spec. */
export function specTarget(spec: {api?: string; stack?: StackTarget; source: {file?: string}} | undefined): Pick<ApiTarget, 'specApi' | 'specStack' | 'specFile'> {
  if (!spec) return {}
  return {...(spec.api === undefined ? {} : {specApi: spec.api}), ...(spec.stack === undefined ? {} : {specStack: spec.stack}), ...(spec.source.file === undefined ? {} : {specFile: spec.source.file})}
}

/** API Gateway's generated REST API ids. */
const REST_API_ID = /^[a-z0-9]{10}$/

/** Readers that know their Region (createApiGatewayReader's do) get it named in messages. */
type RegionalReader = ApiGatewayReader & {readonly region?: string}

/** `cloudFormation` is asked only for a --stack target. */
export async function resolveApi(reader: RegionalReader, target: ApiTarget, cloudFormation?: CloudFormationReader): Promise<RestApiSummary> {
  const api = await resolveNamedApi(reader, target, cloudFormation)
  if (target.judgedBySpec && !target.reuseSpec) refuseSpecOfAnotherApi(api, target)
  return api
}

async function resolveNamedApi(reader: RegionalReader, target: ApiTarget, cloudFormation?: CloudFormationReader): Promise<RestApiSummary> {
  const stack = target.stack ?? (target.api === undefined && target.specApi === undefined ? target.specStack : undefined)
  if (stack) {
    if (!cloudFormation) throw new Error('resolveApi: a --stack target needs a CloudFormation reader')
    return resolveStackApi(reader, stack, cloudFormation)
  }
  const value = target.api ?? target.specApi
  if (value === undefined || value.trim() === '') {
    throw new UsageError('No REST API given: pass <api> (an id or a name) or set api: in binfix.yaml')
  }
  const where = `in ${reader.region ?? 'this Region'}`
  const origin = target.api === undefined && target.specFile ? ` (api: in ${target.specFile})` : ''

  if (REST_API_ID.test(value)) {
    const byId = await getIfExists(reader, value)
    if (byId) return byId
  }
  // Every page of GetRestApis is read to find the name; a suggestion comes from the same pages.
  const apis = await reader.listRestApis()
  const named = apis.filter((api) => api.name === value)
  if (named.length === 1) return named[0]
  if (named.length === 0) throw new UsageError(`No REST API "${value}" ${where}${origin}${apiSuggestion(value, apis)}`)
  const candidates = named.map((api) => `${api.id} (${api.name})`).join(', ')
  throw new UsageError(`${named.length} REST APIs are named "${value}" ${where}${origin}: ${candidates}; pass the id instead`)
}

const STACK_NAME_TAG = 'aws:cloudformation:stack-name'
const STACK_ID_TAG = 'aws:cloudformation:stack-id'
const LOGICAL_ID_TAG = 'aws:cloudformation:logical-id'

/**
 * A spec written for API A, applied to API B, would (in `exact` mode) remove B's binary media types to
 * match A's: the command line naming another API than the spec's `api:` or `stack:` is refused.
 */
function refuseSpecOfAnotherApi(api: RestApiSummary, target: ApiTarget): void {
  if (target.api === undefined && target.stack === undefined) return
  const file = target.specFile ?? 'the spec'
  const named = target.api !== undefined ? `<api> ${echoed(target.api)}` : `--stack ${target.stack!.name}`
  const advice = `pass the spec written for it with --spec, or --reuse-spec if ${file} is meant for this API too`
  if (target.specApi !== undefined && target.specApi !== api.id && target.specApi !== api.name) {
    throw new UsageError(`${file} is written for REST API ${target.specApi} (api:), but ${named} is ${api.id} (${api.name}): ${advice}`)
  }
  const specStack = target.specStack
  if (specStack === undefined) return
  const stackMatches = api.tags[STACK_NAME_TAG] === specStack.name || api.tags[STACK_ID_TAG] === specStack.name
  const logicalMatches = specStack.logicalId === undefined || api.tags[LOGICAL_ID_TAG] === specStack.logicalId
  if (!stackMatches || !logicalMatches) {
    const deployer = api.tags[STACK_NAME_TAG] ? `deployed by stack ${api.tags[STACK_NAME_TAG]}${api.tags[LOGICAL_ID_TAG] ? ` (${api.tags[LOGICAL_ID_TAG]})` : ''}` : 'deployed by no stack'
    const wanted = `stack ${specStack.name}${specStack.logicalId ? ` (${specStack.logicalId})` : ''}`
    throw new UsageError(`${file} is written for the REST API of ${wanted} (stack:), but ${named} is ${api.id} (${api.name}), ${deployer}: ${advice}`)
  }
}

/** "; did you mean image-api (a1b2c3d4e5)?" for the API whose name or id is nearest `value`, else "". */
function apiSuggestion(value: string, apis: readonly RestApiSummary[]): string {
  const nearest = closestName(value, [...apis.map((api) => api.name), ...apis.map((api) => api.id)])
  if (nearest === undefined) return ''
  const byId = apis.find((api) => api.id === nearest)
  const meant = byId ? [byId] : apis.filter((api) => api.name === nearest)
  return `; did you mean ${meant[0]!.name} (${meant.map((api) => api.id).join(', ')})?`
}

export async function resolveStage(reader: RegionalReader, restApiId: string, stageName: string): Promise<StageSummary> {
  try {
    return await reader.getStage(restApiId, stageName)
  } catch (error) {
    if (error instanceof AwsCallError && error.kind === 'not-found') {
      throw new UsageError(`No stage "${stageName}" in REST API ${restApiId}${reader.region ? ` (${reader.region})` : ''}${await stageSuggestion(reader, restApiId, stageName)}`)
    }
    throw error
  }
}

/** "; did you mean v1?" from one GetStages, made only once the stage is known to be missing. */
async function stageSuggestion(reader: ApiGatewayReader, restApiId: string, stageName: string): Promise<string> {
  let stages: StageSummary[]
  try {
    stages = await reader.getStages(restApiId)
  } catch (error) {
    // Without the list (no permission for it, say) the stage is still missing: say that much.
    if (error instanceof AwsCallError) return ''
    throw error
  }
  const nearest = closestName(stageName, stages.map((stage) => stage.stageName))
  return nearest === undefined ? '' : `; did you mean ${nearest}?`
}

const REST_API_TYPE = 'AWS::ApiGateway::RestApi'

/**
 * The REST API a stack deploys: ListStackResources (all pages) names it by logical id and physical id
 * (the REST API id). SAM's and Serverless's APIs are AWS::ApiGateway::RestApi rows there too.
 */
async function resolveStackApi(reader: RegionalReader, stack: StackTarget, cloudFormation: CloudFormationReader): Promise<RestApiSummary> {
  const where = reader.region ? ` in ${reader.region}` : ''
  let resources: StackResourceSummary[]
  try {
    resources = await cloudFormation.listStackResources(stack.name)
  } catch (error) {
    if (error instanceof AwsCallError && error.kind === 'not-found') throw new UsageError(`--stack ${stack.name}: no such stack${where}`)
    throw error
  }
  // Sorted by logical id: the candidates are listed in a stable order.
  const apis = resources.filter((resource) => resource.resourceType === REST_API_TYPE).sort((a, b) => a.logicalResourceId.localeCompare(b.logicalResourceId))
  const listed = apis.map((resource) => `${resource.logicalResourceId} (${resource.physicalResourceId ?? 'not created'})`).join(', ')
  let chosen: StackResourceSummary | undefined
  if (stack.logicalId !== undefined) {
    chosen = apis.find((resource) => resource.logicalResourceId === stack.logicalId)
    if (!chosen) throw new UsageError(`--logical-id ${stack.logicalId}: stack ${stack.name} has no REST API of that logical id; its REST APIs: ${listed || 'none'}`)
  } else if (apis.length === 1) {
    chosen = apis[0]
  } else if (apis.length === 0) {
    throw new UsageError(`--stack ${stack.name}: the stack deploys no REST API (${REST_API_TYPE})`)
  } else {
    throw new UsageError(`--stack ${stack.name}: the stack deploys ${apis.length} REST APIs: ${listed}; pass --logical-id`)
  }
  const restApiId = chosen!.physicalResourceId
  if (restApiId === undefined) throw new UsageError(`--stack ${stack.name}: REST API ${chosen!.logicalResourceId} has no physical id (status ${chosen!.resourceStatus ?? 'unknown'})`)
  const api = await getIfExists(reader, restApiId)
  if (!api) throw new UsageError(`--stack ${stack.name}: its REST API ${chosen!.logicalResourceId} (${restApiId}) does not exist${where}; was it deleted outside the stack?`)
  return api
}

async function getIfExists(reader: ApiGatewayReader, restApiId: string): Promise<RestApiSummary | undefined> {
  try {
    return await reader.getRestApi(restApiId)
  } catch (error) {
    if (error instanceof AwsCallError && error.kind === 'not-found') return undefined
    throw error
  }
}
