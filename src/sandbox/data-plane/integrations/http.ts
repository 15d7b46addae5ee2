// HTTP (non-proxy): the integration request goes to the rendered `uri` with only the mapped query
// strings and headers; the answer is text or binary by its Content-Type, and selection patterns match
// its status code.

import {contentTypeIsBinary} from '../../../core/media-type.js'
import {lastValue} from '../headers.js'
import type {Invocation} from '../invocation.js'
import type {IntegrationRequest} from '../integration-request.js'
import type {EndpointResponse} from '../integration-response.js'
import {payloadBytes} from '../payload.js'
import {callEndpoint} from './http-client.js'
import {endpointUrl, NO_BODY_METHODS} from './urls.js'

export async function invokeHttp(invocation: Invocation, request: IntegrationRequest): Promise<EndpointResponse> {
  const sendsBody = !NO_BODY_METHODS.has(request.httpMethod)
  const answer = await callEndpoint({
    method: request.httpMethod,
    url: endpointUrl(request.uri, request.query),
    // With API Gateway's own already (integration-headers.ts).
    headers: request.headers,
    body: sendsBody ? payloadBytes(request.body) : undefined,
    timeoutMs: invocation.integration.timeoutInMillis,
  })
  return {
    statusCode: answer.status,
    headers: answer.headers,
    body: {kind: 'binary', bytes: answer.body},
    payloadKind: contentTypeIsBinary(lastValue(answer.headers, 'content-type'), invocation.snapshot.binaryMediaTypes) ? 'binary' : 'text',
    selectionValue: String(answer.status),
  }
}
