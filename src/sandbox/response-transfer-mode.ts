// An integration's responseTransferMode (BUFFERED, the default, or STREAM) and what AWS allows with it.
// Developer guide, response-transfer-mode.html: "You can only use response payload streaming for
// HTTP_PROXY or AWS_PROXY integration types"; a stream runs up to 15 minutes, so the integration
// timeout may be set up to 900000 ms (response-streaming-http.html imports `timeoutInMillis: 900000`).
// The member and its enum are botocore's (apigateway 2015-07-09 service-2.json, ResponseTransferMode).

import type {Integration, IntegrationType, ResponseTransferMode} from './model.js'

export const RESPONSE_TRANSFER_MODES: readonly ResponseTransferMode[] = ['BUFFERED', 'STREAM']
const STREAMABLE_TYPES: readonly IntegrationType[] = ['HTTP_PROXY', 'AWS_PROXY']

export const MIN_TIMEOUT_MS = 50
// A buffered integration's timeout goes past 29 s only by a quota increase (Regional and private APIs);
// the sandbox has always accepted up to 300000 ms, the cap the Terraform provider also applies (#45472).
export const MAX_BUFFERED_TIMEOUT_MS = 300_000
export const MAX_STREAM_TIMEOUT_MS = 900_000

export function isStreamed(integration: Pick<Integration, 'responseTransferMode'>): boolean {
  return integration.responseTransferMode === 'STREAM'
}

/**
 * Why an integration's transfer mode, type and timeout cannot stand together, in the words the sandbox
 * answers with, or undefined. AWS's message for STREAM on another type is not recorded by any source:
 * the sandbox's own sentence names the rule of the developer guide. The buffered timeout message is
 * AWS's (observed on AWS: LocalStack recording test_put_integration_validation).
 */
export function transferModeFault(integration: Pick<Integration, 'type' | 'timeoutInMillis' | 'responseTransferMode'>): string | undefined {
  const streamed = isStreamed(integration)
  if (streamed && !STREAMABLE_TYPES.includes(integration.type)) {
    return `Response transfer mode STREAM is only supported for integration types ${STREAMABLE_TYPES.join(' and ')}, not ${integration.type}`
  }
  const timeout = integration.timeoutInMillis
  if (streamed && (timeout < MIN_TIMEOUT_MS || timeout > MAX_STREAM_TIMEOUT_MS)) return `Timeout should be between ${MIN_TIMEOUT_MS} ms and ${MAX_STREAM_TIMEOUT_MS} ms`
  if (!streamed && (timeout < MIN_TIMEOUT_MS || timeout > MAX_BUFFERED_TIMEOUT_MS)) return 'Timeout should be between 50 ms and 29000 ms'
  return undefined
}
