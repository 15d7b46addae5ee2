import {badRequest, conflict, notFound} from './api-errors.js'
import {importDocumentationParts} from './documentation-import.js'
import {applyRequestValidators} from './import-request-validators.js'
import {withIntegrationDefaults} from './integration-defaults.js'
import {PATH_PART_MESSAGE, isValidPathPart} from './path-part.js'
import type {IdSource} from './ids.js'
import {applyGatewayResponses} from './openapi/gateway-responses-extension.js'
import type {ImportedDefinition, ImportedModel} from './openapi/import.js'
import {withModelUrls} from './openapi/model-refs.js'
import type {ApiSnapshot, Authorizer, Deployment, Method, Model, Resource, RestApi, RestApiState, SandboxState, Stage} from './model.js'

export interface StoreOptions {
  region: string
  accountId: string
  ids: IdSource
  /** Milliseconds; wire timestamps are epoch seconds. */
  clock: () => number
  /** A REST API id another account or Region holds: ids are unique across them (partitions.ts). */
  apiIdTaken?: (id: string) => boolean
}

export interface DeployRequest {
  stageName?: string
  description?: string
  stageDescription?: string
  variables?: Record<string, string>
  cacheClusterEnabled?: boolean
  tracingEnabled?: boolean
}

export interface NewRestApi {
  name: string
  description?: string
  version?: string
  binaryMediaTypes?: string[]
  apiKeySource?: RestApi['apiKeySource']
  endpointConfiguration?: RestApi['endpointConfiguration']
  minimumCompressionSize?: number
  policy?: string
  tags?: Record<string, string>
  disableExecuteApiEndpoint?: boolean
}

/** The sandbox's state and the lookups every operation shares, with API Gateway's not-found messages. */
export class SandboxStore {
  state: SandboxState

  constructor(readonly options: StoreOptions) {
    this.state = {region: options.region, accountId: options.accountId, apis: new Map(), apiKeys: new Map(), usagePlans: new Map(), usagePlanKeys: new Map()}
  }

  nowSeconds(): number {
    return Math.floor(this.options.clock() / 1000)
  }

  newId(length: number, taken: {has(id: string): boolean}): string {
    for (;;) {
      const id = this.options.ids.next(length)
      if (!taken.has(id)) return id
    }
  }

  api(restApiId: string): RestApiState {
    const found = this.state.apis.get(restApiId)
    if (!found) throw notFound(`Invalid API identifier specified ${this.state.accountId}:${restApiId}`)
    return found
  }

  resource(api: RestApiState, resourceId: string): Resource {
    const found = api.resources.get(resourceId)
    if (!found) throw notFound('Invalid Resource identifier specified')
    return found
  }

  method(resource: Resource, httpMethod: string): Method {
    // Own keys only: an id from the URL such as `constructor` must not find an Object.prototype member.
    const found = Object.hasOwn(resource.resourceMethods ?? {}, httpMethod) ? resource.resourceMethods?.[httpMethod] : undefined
    if (!found) throw notFound('Invalid Method identifier specified')
    return found
  }

  stage(api: RestApiState, stageName: string): Stage {
    const found = api.stages.get(stageName)
    if (!found) throw notFound('Invalid Stage identifier specified')
    return found
  }

  /** CreateRestApi; an import starts `withDefaultModels: false`, as it has the document's models only. */
  createApi(input: NewRestApi, withDefaultModels = true): RestApiState {
    const apiIdTaken = this.options.apiIdTaken
    const id = this.newId(10, apiIdTaken ? {has: (candidate) => this.state.apis.has(candidate) || apiIdTaken(candidate)} : this.state.apis)
    const rootId = this.newId(10, new Set())
    const api: RestApi = {
      id,
      name: input.name,
      createdDate: this.nowSeconds(),
      apiKeySource: input.apiKeySource ?? 'HEADER',
      endpointConfiguration: withIpAddressType(input.endpointConfiguration ?? {types: ['EDGE']}),
      disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
      rootResourceId: rootId,
    }
    if (input.description !== undefined) api.description = input.description
    if (input.version !== undefined) api.version = input.version
    if (input.binaryMediaTypes?.length) api.binaryMediaTypes = dedupe(input.binaryMediaTypes)
    if (input.minimumCompressionSize !== undefined) api.minimumCompressionSize = input.minimumCompressionSize
    if (input.policy !== undefined) api.policy = input.policy
    if (input.tags && Object.keys(input.tags).length > 0) api.tags = {...input.tags}
    const state: RestApiState = {
      api,
      resources: new Map([[rootId, {id: rootId, path: '/'}]]),
      deployments: new Map(),
      stages: new Map(),
      models: new Map(),
      authorizers: new Map(),
      requestValidators: new Map(),
      documentationParts: new Map(),
      documentationVersions: new Map(),
      gatewayResponses: new Map(),
    }
    if (withDefaultModels) {
      for (const model of DEFAULT_MODELS) state.models.set(model.name, {id: this.newId(6, modelIds(state)), ...structuredClone(model)})
    }
    this.state.apis.set(id, state)
    return state
  }

  resourceByPath(api: RestApiState, path: string): Resource | undefined {
    for (const resource of api.resources.values()) if (resource.path === path) return resource
    return undefined
  }

  createResource(api: RestApiState, parent: Resource, pathPart: string): Resource {
    validatePathPart(pathPart)
    const path = parent.path === '/' ? `/${pathPart}` : `${parent.path}/${pathPart}`
    if (this.resourceByPath(api, path)) {
      throw conflict(`Another resource with the same parent already has this name: ${pathPart}`)
    }
    const resource: Resource = {id: this.newId(6, api.resources), parentId: parent.id, pathPart, path}
    api.resources.set(resource.id, resource)
    return resource
  }

  /** Creates every missing ancestor of `path`, as an import does. */
  ensureResourcePath(api: RestApiState, path: string): Resource {
    let current = this.resource(api, api.api.rootResourceId)
    if (path === '/' || path === '') return current
    for (const part of path.split('/').filter(Boolean)) {
      const childPath = current.path === '/' ? `/${part}` : `${current.path}/${part}`
      current = this.resourceByPath(api, childPath) ?? this.createResource(api, current, part)
    }
    return current
  }

  deleteResource(api: RestApiState, resource: Resource): void {
    if (resource.id === api.api.rootResourceId) throw badRequest('Cannot delete the root resource')
    const prefix = `${resource.path}/`
    for (const [id, candidate] of api.resources) {
      if (candidate.id === resource.id || candidate.path.startsWith(prefix)) api.resources.delete(id)
    }
  }

  /**
   * PutRestApi/ImportRestApi. `merge` adds the document's paths and methods to what exists and unions
   * the binary media types; `overwrite` makes the API exactly the document (VALIDATED in
   * aws-binary-facts §5.1). Resource ids survive for paths both versions have. Either way the API takes
   * the document's title as its name (test_put_rest_api_mode_binary_media_types, both modes).
   */
  applyDefinition(api: RestApiState, definition: ImportedDefinition, mode: 'merge' | 'overwrite'): void {
    this.layOut(api, definition, mode, mode === 'overwrite')
  }

  /** `replacing`: an overwrite of an API that had resources of its own (PutRestApi), not a new import. */
  private layOut(api: RestApiState, definition: ImportedDefinition, mode: 'merge' | 'overwrite', replacing: boolean): void {
    api.api.name = definition.name
    const survivors = new Set<string>()
    if (mode === 'overwrite') {
      const keep = new Set(['/'])
      for (const entry of definition.resources) {
        let path = ''
        for (const part of entry.path.split('/').filter(Boolean)) keep.add((path += `/${part}`))
      }
      for (const [id, resource] of api.resources) {
        if (!keep.has(resource.path)) api.resources.delete(id)
        else {
          delete resource.resourceMethods
          if (replacing) survivors.add(id)
        }
      }
      api.api.binaryMediaTypes = dedupe(definition.binaryMediaTypes)
      if (definition.description === undefined) delete api.api.description
      else api.api.description = definition.description
    } else {
      api.api.binaryMediaTypes = dedupe([...(api.api.binaryMediaTypes ?? []), ...definition.binaryMediaTypes])
      if (definition.description !== undefined) api.api.description = definition.description
    }
    if (api.api.binaryMediaTypes.length === 0) delete api.api.binaryMediaTypes
    if (definition.version !== undefined) api.api.version = definition.version
    if (definition.apiKeySource !== undefined || mode === 'overwrite') api.api.apiKeySource = definition.apiKeySource ?? 'HEADER'
    this.applyModels(api, definition.models, mode)
    const authorizerIds = this.applyAuthorizers(api, definition, mode)
    const validatorIds = applyRequestValidators(api, definition.requestValidators, mode, (taken) => this.newId(6, taken))
    applyGatewayResponses(api.gatewayResponses, definition.gatewayResponses, mode)
    importDocumentationParts(api, definition.documentationParts, mode, () => this.newId(6, api.documentationParts))
    for (const entry of definition.resources) {
      const resource = this.ensureResourcePath(api, entry.path)
      if (Object.keys(entry.methods).length === 0) continue
      const methods = structuredClone(entry.methods)
      // An overwrite keeps the id of a resource both versions have, but the integrations it puts there
      // get a cache namespace of their own, one per resource and not that id
      // (test_import_rest_api_with_base_path_oas30[ignore], srv-url-integration-test-*).
      const cacheNamespace = survivors.has(resource.id) ? this.newId(6, api.resources) : resource.id
      for (const [httpMethod, method] of Object.entries(methods)) {
        const authorizer = entry.authorizers?.[httpMethod]
        const authorizerId = authorizer === undefined ? undefined : authorizerIds.get(authorizer)
        if (authorizerId !== undefined) method.authorizerId = authorizerId
        const validator = entry.requestValidators?.[httpMethod]
        const validatorId = validator === undefined ? undefined : validatorIds.get(validator)
        if (validatorId !== undefined) method.requestValidatorId = validatorId
        if (!method.methodIntegration) continue
        method.methodIntegration.cacheNamespace ??= cacheNamespace
        withIntegrationDefaults(method.methodIntegration, resource.id)
        if (method.methodIntegration.uri !== undefined) method.methodIntegration.uri = this.withAwsVariables(method.methodIntegration.uri)
        if (method.methodIntegration.credentials !== undefined) method.methodIntegration.credentials = this.withAwsVariables(method.methodIntegration.credentials)
      }
      resource.resourceMethods = {...resource.resourceMethods, ...methods}
    }
  }

  /** The document's models replace (overwrite) or join (merge) the API's; a model keeps its id under its name. */
  private applyModels(api: RestApiState, models: readonly ImportedModel[], mode: 'merge' | 'overwrite'): void {
    const before = api.models
    if (mode === 'overwrite') api.models = new Map()
    for (const {name, schema} of models) {
      const id = before.get(name)?.id ?? this.newId(6, modelIds(api))
      // The schema's own description becomes the model's (LocalStack's AWS-validated recording test_import_with_circular_models).
      const description = typeof schema.description === 'string' ? {description: schema.description} : {}
      api.models.set(name, {id, name, ...description, contentType: 'application/json', schema: JSON.stringify(withModelUrls(schema, api.api.id))})
    }
  }

  /** Likewise the authorizers, by name; answers each name's id for the methods that use it. */
  private applyAuthorizers(api: RestApiState, definition: ImportedDefinition, mode: 'merge' | 'overwrite'): Map<string, string> {
    const byName = new Map([...api.authorizers.values()].map((authorizer) => [authorizer.name, authorizer]))
    if (mode === 'overwrite') api.authorizers = new Map()
    for (const imported of definition.authorizers) {
      const id = byName.get(imported.name)?.id ?? this.newId(6, api.authorizers)
      const authorizer: Authorizer = {id, ...structuredClone(imported)}
      if (authorizer.authorizerUri !== undefined) authorizer.authorizerUri = this.withAwsVariables(authorizer.authorizerUri)
      if (authorizer.authorizerCredentials !== undefined) authorizer.authorizerCredentials = this.withAwsVariables(authorizer.authorizerCredentials)
      if (authorizer.providerARNs) authorizer.providerARNs = authorizer.providerARNs.map((arn) => this.withAwsVariables(arn))
      for (const [key, existing] of api.authorizers) if (existing.name === authorizer.name) api.authorizers.delete(key)
      api.authorizers.set(id, authorizer)
    }
    return new Map([...api.authorizers.values()].map((authorizer) => [authorizer.name, authorizer.id]))
  }

  /**
   * `${AWS::AccountId}`, `${AWS::Partition}` and `${AWS::Region}` as API Gateway resolves them when a
   * definition is imported (developer guide, import-api-aws-variables). Other `${...}` stay as written.
   */
  withAwsVariables(text: string): string {
    const {region, accountId} = this.state
    const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws'
    return text.replaceAll('${AWS::AccountId}', accountId).replaceAll('${AWS::Partition}', partition).replaceAll('${AWS::Region}', region)
  }

  /** ImportRestApi: a new API made exactly from the document. */
  importApi(definition: ImportedDefinition, endpointType?: string): RestApiState {
    const state = this.createApi(
      {
        name: definition.name,
        description: definition.description,
        version: definition.version,
        endpointConfiguration: endpointType ? {types: [endpointType]} : undefined,
        disableExecuteApiEndpoint: definition.endpointConfiguration?.disableExecuteApiEndpoint,
      },
      false,
    )
    const vpcEndpointIds = definition.endpointConfiguration?.vpcEndpointIds
    if (vpcEndpointIds) state.api.endpointConfiguration.vpcEndpointIds = [...vpcEndpointIds]
    this.layOut(state, definition, 'overwrite', false)
    return state
  }

  /** CreateDeployment: freezes the working copy and, with a stage name, points (or creates) that stage. */
  deploy(api: RestApiState, request: DeployRequest): Deployment {
    if (!this.hasMethods(api)) throw badRequest("The REST API doesn't contain any methods")
    // Every method needs an integration to be deployed: AWS answers 400 BadRequestException (reported
    // against AWS in serverless/serverless#11748 and hashicorp/terraform-provider-aws#21210).
    for (const resource of api.resources.values()) {
      for (const method of Object.values(resource.resourceMethods ?? {})) {
        if (!method.methodIntegration) throw badRequest('No integration defined for method')
      }
    }
    // Checked before anything is created: a refused stage name must not leave a deployment behind.
    if (request.stageName && !api.stages.has(request.stageName)) validateStageName(request.stageName)
    const deployment: Deployment = {id: this.newId(6, api.deployments), createdDate: this.nowSeconds(), snapshot: this.snapshot(api)}
    if (request.description !== undefined) deployment.description = request.description
    api.deployments.set(deployment.id, deployment)
    if (request.stageName) {
      const existing = api.stages.get(request.stageName)
      if (existing) {
        existing.deploymentId = deployment.id
        if (request.variables) existing.variables = {...existing.variables, ...request.variables}
        existing.lastUpdatedDate = this.nowSeconds()
      } else {
        api.stages.set(request.stageName, this.newStage(request.stageName, deployment.id, {
          description: request.stageDescription,
          variables: request.variables,
          cacheClusterEnabled: request.cacheClusterEnabled,
          tracingEnabled: request.tracingEnabled,
        }))
      }
    }
    return deployment
  }

  newStage(stageName: string, deploymentId: string, fields: Partial<Stage>): Stage {
    validateStageName(stageName)
    const now = this.nowSeconds()
    const stage: Stage = {
      deploymentId,
      stageName,
      cacheClusterEnabled: fields.cacheClusterEnabled ?? false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      methodSettings: {},
      tracingEnabled: fields.tracingEnabled ?? false,
      createdDate: now,
      lastUpdatedDate: now,
    }
    if (fields.description !== undefined) stage.description = fields.description
    if (fields.variables !== undefined) stage.variables = fields.variables
    if (fields.tags !== undefined) stage.tags = fields.tags
    if (fields.documentationVersion !== undefined) stage.documentationVersion = fields.documentationVersion
    return stage
  }

  hasMethods(api: RestApiState): boolean {
    for (const resource of api.resources.values()) {
      if (resource.resourceMethods && Object.keys(resource.resourceMethods).length > 0) return true
    }
    return false
  }

  /** A deployment is an immutable copy of the working copy at the time it was made. */
  snapshot(api: RestApiState): ApiSnapshot {
    const snapshot: ApiSnapshot = {
      name: api.api.name,
      binaryMediaTypes: [...(api.api.binaryMediaTypes ?? [])],
      apiKeySource: api.api.apiKeySource,
      endpointConfiguration: structuredClone(api.api.endpointConfiguration),
      resources: structuredClone([...api.resources.values()]),
      models: structuredClone([...api.models.values()]),
      requestValidators: structuredClone([...api.requestValidators.values()]),
      gatewayResponses: structuredClone([...api.gatewayResponses.values()]),
      authorizers: structuredClone([...api.authorizers.values()]),
    }
    if (api.api.description !== undefined) snapshot.description = api.api.description
    if (api.api.version !== undefined) snapshot.version = api.api.version
    if (api.api.minimumCompressionSize !== undefined) snapshot.minimumCompressionSize = api.api.minimumCompressionSize
    return snapshot
  }

  reset(): void {
    this.state.apis.clear()
    this.state.apiKeys.clear()
    this.state.usagePlans.clear()
    this.state.usagePlanKeys.clear()
  }
}

/**
 * AWS has answered with `ipAddressType` since dual-stack endpoints arrived (2025): `ipv4` unless asked
 * otherwise, and private APIs are dual-stack (LocalStack's AWS-validated snapshots, 2025).
 */
function withIpAddressType(configuration: RestApi['endpointConfiguration']): RestApi['endpointConfiguration'] {
  return {...configuration, ipAddressType: configuration.ipAddressType ?? (configuration.types.includes('PRIVATE') ? 'dualstack' : 'ipv4')}
}

/**
 * The models CreateRestApi gives every API (LocalStack's AWS-validated recordings: test_model_lifecycle,
 * test_api_gateway_request_validator_with_ref_models).
 */
const DEFAULT_MODELS: ReadonlyArray<Omit<Model, 'id'>> = [
  {
    name: 'Empty',
    description: 'This is a default empty schema model',
    contentType: 'application/json',
    schema: JSON.stringify({$schema: 'http://json-schema.org/draft-04/schema#', title: 'Empty Schema', type: 'object'}),
  },
  {
    name: 'Error',
    description: 'This is a default error schema model',
    contentType: 'application/json',
    schema: JSON.stringify({$schema: 'http://json-schema.org/draft-04/schema#', title: 'Error Schema', type: 'object', properties: {message: {type: 'string'}}}),
  },
]

function modelIds(api: RestApiState): Set<string> {
  return new Set([...api.models.values()].map((model) => model.id))
}

export function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)]
}

function validateStageName(stageName: string): void {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(stageName)) throw badRequest('Stage name only allows a-zA-Z0-9_-')
}

function validatePathPart(pathPart: string): void {
  if (!isValidPathPart(pathPart)) throw badRequest(PATH_PART_MESSAGE)
}
