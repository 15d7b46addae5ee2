// What the services need from API Gateway, in plain data. The SDK-backed implementation is in
// api-gateway-client.ts; tests use the sandbox over HTTP or aws-sdk-client-mock.

export interface RestApiSummary {
  id: string
  name: string
  binaryMediaTypes: string[]
  tags: Record<string, string>
}

export interface StageSummary {
  stageName: string
  deploymentId: string
}

/** Shaped like GetResources?embed=methods items (field names as the SDK exposes them). */
export interface ResourceWithMethods {
  id?: string
  path?: string
  resourceMethods?: Record<
    string,
    {
      httpMethod?: string
      methodIntegration?: {
        type?: string
        uri?: string
        contentHandling?: string
        passthroughBehavior?: string
        requestTemplates?: Record<string, string>
        integrationResponses?: Record<
          string,
          {statusCode?: string; selectionPattern?: string; contentHandling?: string; responseTemplates?: Record<string, string>}
        >
      }
    }
  >
}

export type ExportType = 'oas30' | 'swagger'
export type ExportFormat = 'json' | 'yaml'

export interface ApiGatewayReader {
  getRestApi(restApiId: string): Promise<RestApiSummary>
  /** Every REST API whose name is exactly `name` (GetRestApis, limit 500, all pages). */
  findRestApisByName(name: string): Promise<RestApiSummary[]>
  /** GetResources with embed=methods and limit=500, all pages. */
  getResources(restApiId: string): Promise<ResourceWithMethods[]>
  getStage(restApiId: string, stageName: string): Promise<StageSummary>
  /** GetExport with extensions=apigateway and an explicit Accept; the document as text. */
  getExport(restApiId: string, stageName: string, exportType: ExportType, format: ExportFormat): Promise<string>
}

/** How to reach AWS: flags first, then the AWS environment conventions (contract, "Running it"). */
export interface AwsConnectionOptions {
  region?: string
  profile?: string
  endpointUrl?: string
}
