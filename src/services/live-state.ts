// What audit, plan, apply and rollback read before judging: the working copy (GetRestApi, GetResources)
// and, with a stage, what the stage serves (GetStage, GetExport). Reads only.

import type {ApiGatewayReader, AwsConnectionOptions, RestApiSummary} from './api-gateway-port.js'
import type {ApiConfig} from '../core/api-config.js'
import {OpenApiReadError, apiConfigFromOpenApi, apiConfigFromResources} from '../core/api-config-readers.js'
import {RemoteError} from '../core/errors.js'
import {resolveStage} from './target.js'

export interface ServedState {
  deploymentId: string
  /** The stage's deployment, read from its export into the same model as the working copy. */
  config: ApiConfig
}

export interface LiveState {
  api: RestApiSummary
  live: ApiConfig
  served?: ServedState
}

type RegionalReader = ApiGatewayReader & {readonly region?: string}

/** A reader that can also report its Region and call count, and close (the SDK-backed one does). */
export type LiveReader = RegionalReader & {stats?(): {calls: number}; close?(): void}

/** The SDK-backed reader, loaded on first use. */
export async function connectReader(connection: AwsConnectionOptions): Promise<LiveReader> {
  const {createApiGatewayReader} = await import('../aws/clients.js')
  return createApiGatewayReader(connection)
}

/** The working copy of `api` (already resolved) and, when `stageName` is given, what that stage serves. */
export async function readLiveState(reader: RegionalReader, api: RestApiSummary, stageName: string | undefined): Promise<LiveState> {
  const [resources, served] = await Promise.all([reader.getResources(api.id), stageName === undefined ? undefined : readServed(reader, api.id, stageName)])
  return {api, live: apiConfigFromResources(api.binaryMediaTypes, resources), ...(served ? {served} : {})}
}

/** Re-reads the working copy (GetRestApi too: binary media types live there) and the stage. */
export async function rereadLiveState(reader: RegionalReader, restApiId: string, stageName: string | undefined): Promise<LiveState> {
  return readLiveState(reader, await reader.getRestApi(restApiId), stageName)
}

export async function readServed(reader: RegionalReader, restApiId: string, stageName: string): Promise<ServedState> {
  const stage = await resolveStage(reader, restApiId, stageName)
  const document = await reader.getExport(restApiId, stageName, 'oas30', 'json')
  try {
    return {deploymentId: stage.deploymentId, config: apiConfigFromOpenApi(JSON.parse(document))}
  } catch (error) {
    if (error instanceof OpenApiReadError || error instanceof SyntaxError) {
      throw new RemoteError(`the export of stage ${stageName} could not be read: ${error.message}`)
    }
    throw error
  }
}
