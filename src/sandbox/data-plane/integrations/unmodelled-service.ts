// AWS integrations to services the sandbox has no stand-in for: Kinesis, DynamoDB, SQS, SNS, Step Functions
// and any other `arn:aws:apigateway:{region}:{service}:{path|action}/…` that is neither a Lambda function's
// invocation nor S3. The client gets what AWS answers when an integration fails, 500
// `{"message": "Internal server error"}` (AWS knowledge center "api-gateway-internal-server-error"), and the
// sandbox says in its diagnosis header and log that the service is not modelled, so verify blames the
// sandbox rather than a binary setting.

import {GatewayResponse} from '../gateway-responses.js'

const AWS_SERVICE_URI = /^arn:aws[\w-]*:apigateway:[^:]*:([^:/]+):(?:path|action)\//

/** The service an AWS integration URI names (`kinesis`, `dynamodb`, `states` …), or undefined for no service URI. */
export function awsServiceOf(uri: string | undefined): string | undefined {
  return uri === undefined ? undefined : AWS_SERVICE_URI.exec(uri)?.[1]
}

/** The failed integration's answer, with the sandbox's diagnosis. */
export function unmodelledServiceIntegration(service: string): GatewayResponse {
  return new GatewayResponse('DEFAULT_5XX', 500, 'InternalServerErrorException', '{"message": "Internal server error"}', 'application/json', {kind: 'unmodelled-service', service})
}
