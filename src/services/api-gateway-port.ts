// What the services need from API Gateway, in plain data: the port they own. The SDK-backed
// implementation is in src/aws/api-gateway-client.ts; tests use the sandbox over HTTP or aws-sdk-client-mock.

import type {ResourceRecord} from '../core/api-config-readers.js'
import type {PatchOperation} from '../core/fix-calls.js'

export interface RestApiSummary {
  id: string
  name: string
  binaryMediaTypes: string[]
  tags: Record<string, string>
  /** When the API was created: the default import mode of a stack's OpenAPI body depends on it. */
  createdDate?: Date
}

export interface StageSummary {
  stageName: string
  deploymentId: string
}

/** GetResources?embed=methods items, as the core reads them (field names as the SDK exposes them). */
export type ResourceWithMethods = ResourceRecord

/** A custom domain's base path mapping (GetBasePathMappings): "(none)" is the domain's root. */
export interface BasePathMapping {
  basePath: string
  restApiId?: string
  /** Absent: every stage, named after the base path. */
  stage?: string
}

export type ExportType = 'oas30' | 'swagger'
export type ExportFormat = 'json' | 'yaml'

export interface ApiGatewayReader {
  getRestApi(restApiId: string): Promise<RestApiSummary>
  /** Every REST API of the Region (GetRestApis, limit 500, all pages): names are looked up in it. */
  listRestApis(): Promise<RestApiSummary[]>
  /** GetResources with embed=methods and limit=500, all pages. */
  getResources(restApiId: string): Promise<ResourceWithMethods[]>
  getStage(restApiId: string, stageName: string): Promise<StageSummary>
  /** GetStages: every stage of the API. */
  getStages(restApiId: string): Promise<StageSummary[]>
  /** GetExport with extensions=apigateway and an explicit Accept; the document as text. */
  getExport(restApiId: string, stageName: string, exportType: ExportType, format: ExportFormat): Promise<string>
  /** GetBasePathMappings of a custom domain name, all pages. */
  getBasePathMappings(domainName: string): Promise<BasePathMapping[]>
}

/** How to reach AWS: flags first, then the AWS environment conventions (contract, "Running it"). */
export interface AwsConnectionOptions {
  region?: string
  profile?: string
  endpointUrl?: string
  /** Credentials to sign with instead of the profile or default chain (a fleet's assumed role); asked again when near expiry. */
  credentials?: CredentialSource
}

/** Temporary or long-term credentials, as STS hands them out. Never printed, logged or written. */
export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  expiration?: Date
}

/** Resolves the credentials of one account; implementations cache and refresh them. */
export type CredentialSource = () => Promise<AwsCredentials>

/** One JSON Patch operation of an Update* call, as the core's fixes write them. */
export type PatchOperationInput = PatchOperation

export interface DeploymentSummary {
  id: string
  description?: string
}

/**
 * The writes apply and rollback make. Each is sent through the call policy and retried after a transient
 * failure where WRITE_SETTLEMENTS (src/core/write-operations.ts) says repeating it is harmless; where not,
 * a failure that leaves the outcome unknown (a 5xx or a dropped connection: the write may have happened)
 * is an AwsCallError of kind `ambiguous`, which the write executor settles by reading as the table says.
 */
export interface ApiGatewayWriter {
  updateRestApi(restApiId: string, patchOperations: PatchOperationInput[]): Promise<void>
  updateIntegration(restApiId: string, resourceId: string, httpMethod: string, patchOperations: PatchOperationInput[]): Promise<void>
  updateIntegrationResponse(
    restApiId: string,
    resourceId: string,
    httpMethod: string,
    statusCode: string,
    patchOperations: PatchOperationInput[],
  ): Promise<void>
  /** CreateDeployment{stageName, description}: snapshots the working copy and points the stage at it. */
  createDeployment(restApiId: string, stageName: string, description: string): Promise<DeploymentSummary>
  /** UpdateStage replace /deploymentId: points the stage at an existing deployment, no new snapshot. */
  pointStageAt(restApiId: string, stageName: string, deploymentId: string): Promise<StageSummary>
  getDeployment(restApiId: string, deploymentId: string): Promise<DeploymentSummary>
}

/** The reader and the writer over one connection, with what the CLI reports and cleans up. */
export type ApiGatewayClient = ApiGatewayReader &
  ApiGatewayWriter & {
    readonly region?: string
    stats?(): {calls: number; callsByOperation: Record<string, number>; retries: number; throttled: number; failed: number}
    close?(): void
  }
