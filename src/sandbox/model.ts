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

/**
 * Which parts of a request the data plane checks before the integration, for the methods that name it
 * (developer guide, api-gateway-method-request-validation).
 */
export interface RequestValidator {
  id: string
  name?: string
  validateRequestBody: boolean
  validateRequestParameters: boolean
}

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
  /** What the data plane validates requests with; absent in deployments made before validators were kept. */
  requestValidators?: RequestValidator[]
  /** The gateway responses the stage answers with; absent in deployments made before they were kept. */
  gatewayResponses?: GatewayResponseSetting[]
  /** What the data plane runs for CUSTOM and COGNITO_USER_POOLS methods; absent in deployments made before they ran. */
  authorizers?: Authorizer[]
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

/** What a method's CUSTOM or COGNITO_USER_POOLS authorization names; the data plane runs it (data-plane/authorization/). */
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

/**
 * A gateway response the API sets (PutGatewayResponse, UpdateGatewayResponse or an import), with only the
 * members it was given: what the others read as is the type's default (gateway-response-settings.ts).
 */
export interface GatewayResponseSetting {
  responseType: string
  statusCode?: string
  responseParameters?: Record<string, string>
  responseTemplates?: Record<string, string>
}

/** Documentation parts and versions, kept for the control plane and for stages to name a version of. */
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
  requestValidators: Map<string, RequestValidator>
  documentationParts: Map<string, DocumentationPart>
  /** Keyed by version. */
  documentationVersions: Map<string, DocumentationVersion>
  /** Keyed by response type; only the types the API sets. */
  gatewayResponses: Map<string, GatewayResponseSetting>
}

/** An account's API key (wire shape); `value` is a secret: answered only when asked for, never logged. */
export interface ApiKey {
  id: string
  value: string
  name?: string
  customerId?: string
  description?: string
  enabled: boolean
  createdDate: number
  lastUpdatedDate: number
  /** `restApiId/stageName`, as the wire lists them. */
  stageKeys: string[]
  tags?: Record<string, string>
}

export interface ThrottleSettings {
  burstLimit?: number
  rateLimit?: number
}

export interface QuotaSettings {
  limit?: number
  offset?: number
  period?: string
}

export interface ApiStage {
  apiId: string
  stage: string
  throttle?: Record<string, ThrottleSettings>
}

export interface UsagePlan {
  id: string
  name: string
  description?: string
  apiStages: ApiStage[]
  throttle?: ThrottleSettings
  quota?: QuotaSettings
  productCode?: string
  tags?: Record<string, string>
}

export interface SandboxState {
  region: string
  accountId: string
  apis: Map<string, RestApiState>
  /** Account-wide, like AWS's; insertion-ordered. */
  apiKeys: Map<string, ApiKey>
  usagePlans: Map<string, UsagePlan>
  /** A usage plan's API key ids, in the order they were added. */
  usagePlanKeys: Map<string, string[]>
}
