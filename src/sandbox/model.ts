// The sandbox keeps every resource in API Gateway's wire shape (field names as the REST-JSON protocol
// sends them), so handlers can answer with a copy of the record and snapshots export without mapping.

export type ContentHandling = 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT'
export type IntegrationType = 'HTTP' | 'AWS' | 'MOCK' | 'HTTP_PROXY' | 'AWS_PROXY'
export type PassthroughBehavior = 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER'
export type ResponseTransferMode = 'BUFFERED' | 'STREAM'

export const CONTENT_HANDLING_VALUES: readonly ContentHandling[] = ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT']
export const INTEGRATION_TYPES: readonly IntegrationType[] = ['HTTP', 'AWS', 'MOCK', 'HTTP_PROXY', 'AWS_PROXY']
export const PASSTHROUGH_BEHAVIORS: readonly PassthroughBehavior[] = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER']
export const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY'] as const

export interface IntegrationResponse {
  statusCode: string
  selectionPattern?: string
  responseParameters?: Record<string, string>
  /** A template put empty or null is kept, and answered, as null (observed on AWS: LocalStack recording test_put_integration_response_templates). */
  responseTemplates?: Record<string, string | null>
  contentHandling?: ContentHandling
}

export interface Integration {
  type: IntegrationType
  /** The integration's own HTTP method (wire name `httpMethod`; SDK name `integrationHttpMethod`). */
  httpMethod?: string
  uri?: string
  connectionType?: 'INTERNET' | 'VPC_LINK'
  connectionId?: string
  credentials?: string
  requestParameters?: Record<string, string>
  requestTemplates?: Record<string, string>
  passthroughBehavior?: PassthroughBehavior
  contentHandling?: ContentHandling
  timeoutInMillis: number
  /** Absent unless put: the recordings, made before streaming, show no such field (see response-transfer-mode.ts). */
  responseTransferMode?: ResponseTransferMode
  cacheNamespace?: string
  cacheKeyParameters: string[]
  integrationResponses?: Record<string, IntegrationResponse>
  tlsConfig?: {insecureSkipVerification?: boolean}
}

export interface MethodResponse {
  statusCode: string
  responseParameters?: Record<string, boolean>
  responseModels?: Record<string, string>
}

export interface Method {
  httpMethod: string
  authorizationType: string
  authorizerId?: string
  apiKeyRequired: boolean
  requestValidatorId?: string
  operationName?: string
  requestParameters?: Record<string, boolean>
  requestModels?: Record<string, string>
  methodResponses?: Record<string, MethodResponse>
  methodIntegration?: Integration
  authorizationScopes?: string[]
}

/** A model: a JSON schema (draft 4) as text, whose `$ref`s name other models by their URL. */
export interface Model {
  id: string
  name: string
  description?: string
  schema?: string
  contentType: string
}

/** Authorizers are stored as imported and listed; the data plane does not run them. */

export interface Resource {
  id: string
  parentId?: string
  pathPart?: string
  path: string
  resourceMethods?: Record<string, Method>
}

export interface EndpointConfiguration {
  types: string[]
  vpcEndpointIds?: string[]
  ipAddressType?: string
}

export interface RestApi {
  id: string
  name: string
  description?: string
  createdDate: number
  version?: string
  warnings?: string[]
  binaryMediaTypes?: string[]
  minimumCompressionSize?: number
  apiKeySource: 'HEADER' | 'AUTHORIZER'
  endpointConfiguration: EndpointConfiguration
  policy?: string
  tags?: Record<string, string>
  disableExecuteApiEndpoint: boolean
  rootResourceId: string
}

/** What a deployment freezes and what GetExport renders: the API-level settings and every resource. */
export interface ApiSnapshot {
  name: string
  description?: string
  version?: string
  binaryMediaTypes: string[]
  apiKeySource: RestApi['apiKeySource']
  minimumCompressionSize?: number
  endpointConfiguration: EndpointConfiguration
  resources: Resource[]
  /** What GetExport renders the schemas from; absent in deployments made before models were kept. */
  models?: Model[]
}

export interface Deployment {
  id: string
  description?: string
  createdDate: number
  /** Not on the wire: the frozen working copy this deployment serves. */
  snapshot: ApiSnapshot
}

/** A stage's settings for the key `resourcePath/httpMethod`, or for every method (both parts `*`). */
export interface MethodSetting {
  metricsEnabled: boolean
  loggingLevel?: string
  dataTraceEnabled: boolean
  throttlingBurstLimit: number
  throttlingRateLimit: number
  cachingEnabled: boolean
  cacheTtlInSeconds: number
  cacheDataEncrypted: boolean
  requireAuthorizationForCacheControl: boolean
  unauthorizedCacheControlHeaderStrategy: string
}

export interface Stage {
  deploymentId: string
  stageName: string
  description?: string
  cacheClusterEnabled: boolean
  cacheClusterStatus: string
  methodSettings: Record<string, MethodSetting>
  accessLogSettings?: {destinationArn?: string; format?: string}
  documentationVersion?: string
  variables?: Record<string, string>
  tracingEnabled: boolean
  tags?: Record<string, string>
  createdDate: number
  lastUpdatedDate: number
}

/** What a method's CUSTOM or COGNITO_USER_POOLS authorization names; the sandbox stores it and never runs it. */
export interface Authorizer {
  id: string
  name: string
  type: string
  providerARNs?: string[]
  authType?: string
  authorizerUri?: string
  authorizerCredentials?: string
  identitySource?: string
  identityValidationExpression?: string
  authorizerResultTtlInSeconds?: number
}

/** Documentation is kept as given, for stages to name a version of; it is neither exported nor checked against the API. */
export interface DocumentationPart {
  id: string
  location: {type: string; path?: string; method?: string; statusCode?: string; name?: string}
  /** A JSON text, as on the wire. */
  properties: string
}

export interface DocumentationVersion {
  version: string
  createdDate: number
  description?: string
}

export interface RestApiState {
  api: RestApi
  /** Insertion-ordered, like AWS's listing of an imported tree. */
  resources: Map<string, Resource>
  deployments: Map<string, Deployment>
  stages: Map<string, Stage>
  /** Keyed by name, as GetModel addresses them. */
  models: Map<string, Model>
  authorizers: Map<string, Authorizer>
  documentationParts: Map<string, DocumentationPart>
  /** Keyed by version. */
  documentationVersions: Map<string, DocumentationVersion>
}

export interface SandboxState {
  region: string
  accountId: string
  apis: Map<string, RestApiState>
}
