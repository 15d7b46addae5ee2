// The ApiGatewayWriter port over the AWS SDK. It extends the reader so that apply and rollback read,
// write and read back over one client, one connection pool and one call policy. Reached only through
// the dynamic import in clients.ts. Which writes are sent again after a lost answer is WRITE_SETTLEMENTS'
// (src/core/write-operations.ts).

import {
  CreateDeploymentCommand,
  type Deployment,
  GetDeploymentCommand,
  UpdateIntegrationCommand,
  UpdateIntegrationResponseCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway'

import {type AwsApiGatewayReader, SdkApiGatewayReader, stageSummaryOf} from './api-gateway-client.js'
import type {ApiGatewayWriter, DeploymentSummary, PatchOperationInput, StageSummary} from '../services/api-gateway-port.js'

/** What createApiGatewayClient returns: the reader and the writer over one client. */
export type AwsApiGateway = AwsApiGatewayReader & ApiGatewayWriter

export class SdkApiGatewayWriter extends SdkApiGatewayReader implements AwsApiGateway {
  async updateRestApi(restApiId: string, patchOperations: PatchOperationInput[]): Promise<void> {
    await this.write(
      {operation: 'UpdateRestApi', httpMethod: 'PATCH', resourcePath: `/restapis/${restApiId}`},
      () => this.client.send(new UpdateRestApiCommand({restApiId, patchOperations})),
      patchOperations,
    )
  }

  async updateIntegration(restApiId: string, resourceId: string, httpMethod: string, patchOperations: PatchOperationInput[]): Promise<void> {
    await this.write(
      {operation: 'UpdateIntegration', httpMethod: 'PATCH', resourcePath: integrationPath(restApiId, resourceId, httpMethod)},
      () => this.client.send(new UpdateIntegrationCommand({restApiId, resourceId, httpMethod, patchOperations})),
      patchOperations,
    )
  }

  async updateIntegrationResponse(
    restApiId: string,
    resourceId: string,
    httpMethod: string,
    statusCode: string,
    patchOperations: PatchOperationInput[],
  ): Promise<void> {
    await this.write(
      {operation: 'UpdateIntegrationResponse', httpMethod: 'PATCH', resourcePath: `${integrationPath(restApiId, resourceId, httpMethod)}/responses/${statusCode}`},
      () => this.client.send(new UpdateIntegrationResponseCommand({restApiId, resourceId, httpMethod, statusCode, patchOperations})),
      patchOperations,
    )
  }

  async createDeployment(restApiId: string, stageName: string, description: string): Promise<DeploymentSummary> {
    const deployment = await this.write(
      {operation: 'CreateDeployment', httpMethod: 'POST', resourcePath: `/restapis/${restApiId}/deployments`},
      () => this.client.send(new CreateDeploymentCommand({restApiId, stageName, description})),
    )
    return deploymentSummaryOf(deployment)
  }

  async pointStageAt(restApiId: string, stageName: string, deploymentId: string): Promise<StageSummary> {
    const stage = await this.write(
      {operation: 'UpdateStage', httpMethod: 'PATCH', resourcePath: `/restapis/${restApiId}/stages/${stageName}`},
      () => this.client.send(new UpdateStageCommand({restApiId, stageName, patchOperations: [{op: 'replace', path: '/deploymentId', value: deploymentId}]})),
    )
    return stageSummaryOf(stage, stageName)
  }

  async getDeployment(restApiId: string, deploymentId: string): Promise<DeploymentSummary> {
    const deployment = await this.call(
      {operation: 'GetDeployment', httpMethod: 'GET', resourcePath: `/restapis/${restApiId}/deployments/${deploymentId}`},
      () => this.client.send(new GetDeploymentCommand({restApiId, deploymentId})),
    )
    return deploymentSummaryOf(deployment)
  }
}

function integrationPath(restApiId: string, resourceId: string, httpMethod: string): string {
  return `/restapis/${restApiId}/resources/${resourceId}/methods/${httpMethod}/integration`
}

function deploymentSummaryOf(deployment: Deployment): DeploymentSummary {
  const summary: DeploymentSummary = {id: deployment.id ?? ''}
  if (deployment.description !== undefined) summary.description = deployment.description
  return summary
}
