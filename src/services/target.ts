// Which REST API and stage a command works on: the `<api>` argument (an id or an exact name), the REST
// API a CloudFormation stack deploys (--stack, --logical-id), or the `api:`/`stage:` of binfix.yaml.

import type {ApiGatewayReader, RestApiSummary, StageSummary} from '../aws/api-gateway-port.js'
import type {CloudFormationReader, StackResourceSummary} from '../aws/cloudformation-port.js'
import {AwsCallError, UsageError} from '../cli/errors.js'
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
  /** The spec file `specApi` came from, for messages. */
  specFile?: string
}

/** API Gateway's generated REST API ids. */
const REST_API_ID = /^[a-z0-9]{10}$/

/** Readers that know their Region (createApiGatewayReader's do) get it named in messages. */
type RegionalReader = ApiGatewayReader & {readonly region?: string}

/** `cloudFormation` is asked only for a --stack target. */
export async function resolveApi(reader: RegionalReader, target: ApiTarget, cloudFormation?: CloudFormationReader): Promise<RestApiSummary> {
  if (target.stack) {
    if (!cloudFormation) throw new Error('resolveApi: a --stack target needs a CloudFormation reader')
    return resolveStackApi(reader, target.stack, cloudFormation)
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
