// The ApiGatewayReader port over the AWS SDK, and the call helper the SDK writer (api-gateway-writer.ts)
// builds on. Reached only through the dynamic imports in clients.ts, so commands that never call AWS
// (and --help) do not load the SDK.

import {
  type APIGatewayClient,
  GetBasePathMappingsCommand,
  GetExportCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  type RestApi,
  type Stage,
} from '@aws-sdk/client-api-gateway'

import {AwsCallError} from '../core/errors.js'
import type {PatchOperation} from '../core/fix-calls.js'
import {type WriteOperation, mayRepeat} from '../core/write-operations.js'
import type {ApiGatewayReader, BasePathMapping, ExportFormat, ExportType, ResourceWithMethods, RestApiSummary, StageSummary} from '../services/api-gateway-port.js'
import {ambiguousCallError, type AwsCallContext, toAwsCallError} from './aws-errors.js'
import type {CallPolicy, CallStats, RunOptions} from './call-policy.js'

/** API Gateway's largest page. */
export const PAGE_LIMIT = 500

/** The reader createApiGatewayReader returns: the port plus what the CLI reports and cleans up. */
export interface AwsApiGatewayReader extends ApiGatewayReader {
  /** The Region the calls go to (flag, environment or profile). */
  readonly region: string
  stats(): CallStats
  /** Closes the client's connections. */
  close(): void
}

/** One API Gateway request as errors name it: the HTTP method is also the IAM action (apigateway:PATCH). */
export interface ApiGatewayRequest {
  operation: ReadOperation | WriteOperation
  httpMethod: string
  /** The API Gateway resource path, e.g. /restapis/a1b2c3d4e5/resources. */
  resourcePath: string
}

export interface ReaderSettings {
  region: string
  /** Where the calls go, for messages (the client's configured or resolved endpoint). */
  endpoint: () => string
  profile?: string
}

/** Reads are repeatable; a write goes through `write`, whose operation must have an entry in WRITE_SETTLEMENTS. */
type ReadOperation = `Get${string}`

const ACCEPT_BY_FORMAT: Record<ExportFormat, string> = {json: 'application/json', yaml: 'application/yaml'}

export class SdkApiGatewayReader implements AwsApiGatewayReader {
  readonly region: string

  constructor(
    protected readonly client: APIGatewayClient,
    readonly policy: CallPolicy,
    private readonly settings: ReaderSettings,
  ) {
    this.region = settings.region
  }

  stats(): CallStats {
    return this.policy.stats()
  }

  close(): void {
    this.client.destroy()
  }

  async getRestApi(restApiId: string): Promise<RestApiSummary> {
    const api = await this.call(get('GetRestApi', `/restapis/${restApiId}`), () => this.client.send(new GetRestApiCommand({restApiId})))
    return summaryOf(api)
  }

  async listRestApis(): Promise<RestApiSummary[]> {
    const apis = await this.allPages('GetRestApis', '/restapis', (position) =>
      this.client.send(new GetRestApisCommand({limit: PAGE_LIMIT, position})),
    )
    return apis.map(summaryOf)
  }

  async getResources(restApiId: string): Promise<ResourceWithMethods[]> {
    return this.allPages('GetResources', `/restapis/${restApiId}/resources`, (position) =>
      this.client.send(new GetResourcesCommand({restApiId, embed: ['methods'], limit: PAGE_LIMIT, position})),
    )
  }

  async getStage(restApiId: string, stageName: string): Promise<StageSummary> {
    const stage = await this.call(get('GetStage', `/restapis/${restApiId}/stages/${stageName}`), () =>
      this.client.send(new GetStageCommand({restApiId, stageName})),
    )
    return stageSummaryOf(stage, stageName)
  }

  async getStages(restApiId: string): Promise<StageSummary[]> {
    // GetStages has no pages: it answers every stage at once.
    const stages = await this.call(get('GetStages', `/restapis/${restApiId}/stages`), () => this.client.send(new GetStagesCommand({restApiId})))
    return (stages.item ?? []).map((stage) => stageSummaryOf(stage, stage.stageName ?? ''))
  }

  async getExport(restApiId: string, stageName: string, exportType: ExportType, format: ExportFormat): Promise<string> {
    const exported = await this.call(get('GetExport', `/restapis/${restApiId}/stages/${stageName}/exports/${exportType}`), () =>
      this.client.send(
        new GetExportCommand({restApiId, stageName, exportType, parameters: {extensions: 'apigateway'}, accepts: ACCEPT_BY_FORMAT[format]}),
      ),
    )
    return Buffer.from(exported.body ?? new Uint8Array()).toString('utf8')
  }

  async getBasePathMappings(domainName: string): Promise<BasePathMapping[]> {
    const mappings = await this.allPages('GetBasePathMappings', `/domainnames/${domainName}/basepathmappings`, (position) =>
      this.client.send(new GetBasePathMappingsCommand({domainName, limit: PAGE_LIMIT, position})),
    )
    return mappings.map((mapping) => ({
      basePath: mapping.basePath ?? '(none)',
      ...(mapping.restApiId === undefined ? {} : {restApiId: mapping.restApiId}),
      ...(mapping.stage === undefined ? {} : {stage: mapping.stage}),
    }))
  }

  /** Sends a read through the call policy; failures come out as AwsCallErrors naming `request`. */
  protected call<T>(request: ApiGatewayRequest & {operation: ReadOperation}, send: () => Promise<T>): Promise<T> {
    return this.run(request, send, {idempotent: true})
  }

  /** Sends a write, repeated after a lost answer only where WRITE_SETTLEMENTS allows it. */
  protected write<T>(request: ApiGatewayRequest & {operation: WriteOperation}, send: () => Promise<T>, patchOperations: readonly PatchOperation[] = []): Promise<T> {
    return this.run(request, send, {idempotent: mayRepeat(request.operation, patchOperations)})
  }

  private run<T>(request: ApiGatewayRequest, send: () => Promise<T>, options: RunOptions): Promise<T> {
    return this.policy.run(
      request.operation,
      send,
      (error, attempts, ambiguous) => {
        const context = this.context(request, attempts)
        return ambiguous ? ambiguousCallError(error, context) : toAwsCallError(error, context)
      },
      options,
    )
  }

  private async allPages<T>(operation: ReadOperation, resourcePath: string, page: (position: string | undefined) => Promise<{items?: T[]; position?: string}>): Promise<T[]> {
    const items: T[] = []
    const seen = new Set<string>()
    let position: string | undefined
    do {
      const current = position
      const answer = await this.call(get(operation, resourcePath), () => page(current))
      items.push(...(answer.items ?? []))
      position = answer.position || undefined
      if (position !== undefined && seen.has(position)) {
        throw new AwsCallError('other', `${operation} ${resourcePath}: API Gateway handed out the same page position twice; stopped paging`)
      }
      if (position !== undefined) seen.add(position)
    } while (position !== undefined)
    return items
  }

  private context(request: ApiGatewayRequest, attempts: number): AwsCallContext {
    return {
      ...request,
      region: this.settings.region,
      endpoint: this.settings.endpoint(),
      attempts,
      profile: this.settings.profile,
    }
  }
}

function get(operation: ReadOperation, resourcePath: string): ApiGatewayRequest & {operation: ReadOperation} {
  return {operation, httpMethod: 'GET', resourcePath}
}

export function stageSummaryOf(stage: Stage, stageName: string): StageSummary {
  return {stageName: stage.stageName ?? stageName, deploymentId: stage.deploymentId ?? ''}
}

function summaryOf(api: RestApi): RestApiSummary {
  return {id: api.id ?? '', name: api.name ?? '', binaryMediaTypes: api.binaryMediaTypes ?? [], tags: api.tags ?? {}, ...(api.createdDate ? {createdDate: api.createdDate} : {})}
}
