// Which REST API and stage a command works on: the `<api>` argument (an id or an exact name) or the
// `api:`/`stage:` of binfix.yaml.

import type {ApiGatewayReader, RestApiSummary, StageSummary} from '../aws/api-gateway-port.js'
import {AwsCallError, UsageError} from '../cli/errors.js'

export interface ApiTarget {
  /** The command's `<api>` argument; wins over `specApi`. */
  api?: string
  /** `api:` of the spec file. */
  specApi?: string
  /** The spec file `specApi` came from, for messages. */
  specFile?: string
}

/** API Gateway's generated REST API ids. */
const REST_API_ID = /^[a-z0-9]{10}$/

/** Readers that know their Region (createApiGatewayReader's do) get it named in messages. */
type RegionalReader = ApiGatewayReader & {readonly region?: string}

export async function resolveApi(reader: RegionalReader, target: ApiTarget): Promise<RestApiSummary> {
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
  const named = await reader.findRestApisByName(value)
  if (named.length === 1) return named[0]
  if (named.length === 0) throw new UsageError(`No REST API "${value}" ${where}${origin}`)
  const candidates = named.map((api) => `${api.id} (${api.name})`).join(', ')
  throw new UsageError(`${named.length} REST APIs are named "${value}" ${where}${origin}: ${candidates}; pass the id instead`)
}

export async function resolveStage(reader: RegionalReader, restApiId: string, stageName: string): Promise<StageSummary> {
  try {
    return await reader.getStage(restApiId, stageName)
  } catch (error) {
    if (error instanceof AwsCallError && error.kind === 'not-found') {
      throw new UsageError(`No stage "${stageName}" in REST API ${restApiId}${reader.region ? ` (${reader.region})` : ''}`)
    }
    throw error
  }
}

async function getIfExists(reader: ApiGatewayReader, restApiId: string): Promise<RestApiSummary | undefined> {
  try {
    return await reader.getRestApi(restApiId)
  } catch (error) {
    if (error instanceof AwsCallError && error.kind === 'not-found') return undefined
    throw error
  }
}
