// HTTP_PROXY: the method request goes to the rendered `uri` almost as it came. The body is forwarded
// as its bytes when its Content-Type matches binaryMediaTypes and as UTF-8 text otherwise (invalid
// bytes become U+FFFD); the backend's status and headers come back as they are, and its body meets the
// response table of src/core/conversion.ts with no contentHandling. Request parameter mappings still
// apply and add to what is forwarded (LocalStack next_gen handlers/integration_request.py: "undocumented
// but validated behavior").

import {convertResponse} from '../../../core/conversion.js'
import {acceptIsBinary, contentTypeIsBinary} from '../../../core/media-type.js'
import {lastValue, withoutHeaders} from '../headers.js'
import {checkHeaderMappings, integrationRequestHeaders, methodResponseHeaders} from '../integration-headers.js'
import {header, type Invocation} from '../invocation.js'
import type {MethodResponse} from '../integration-response.js'
import {mapRequestParameters, renderUri} from '../parameter-mapping.js'
import {applyOutcome, payloadBytes} from '../payload.js'
import {type HttpCall, callEndpoint} from './http-client.js'
import {endpointUrl, NO_BODY_METHODS} from './urls.js'

// Host and Content-Encoding are not passed through, though a mapping may set them (integration_request.py;
// recorded in LocalStack's test_apigateway_header_remapping_http[HTTP_PROXY]); Keep-Alive is hop-by-hop.
const NOT_PASSED = ['host', 'content-encoding', 'keep-alive']

export async function invokeHttpProxy(invocation: Invocation): Promise<MethodResponse> {
  const {request, snapshot} = invocation
  const answer = await callEndpoint(proxiedCall(invocation))
  const outcome = convertResponse({
    integrationPayload: contentTypeIsBinary(lastValue(answer.headers, 'content-type'), snapshot.binaryMediaTypes) ? 'binary' : 'text',
    acceptIsBinary: acceptIsBinary(header(request, 'accept'), snapshot.binaryMediaTypes),
    contentHandling: undefined,
  })
  return {
    statusCode: answer.status,
    headers: methodResponseHeaders('HTTP_PROXY', answer.headers),
    body: payloadBytes(applyOutcome(outcome, {kind: 'binary', bytes: answer.body})),
  }
}

/** The call an HTTP_PROXY integration makes for a method request, buffered or streamed alike. */
export function proxiedCall(invocation: Invocation): HttpCall {
  const {integration, request, snapshot} = invocation
  const mapping = mapRequestParameters(invocation)
  checkHeaderMappings('HTTP_PROXY', mapping.header)
  const mapped = new Set(mapping.header.map(([name]) => name.toLowerCase()))
  const passed = [...withoutHeaders(request.headers, NOT_PASSED).filter(([name]) => !mapped.has(name.toLowerCase())), ...mapping.header]
  const headers = integrationRequestHeaders('HTTP_PROXY', passed, invocation)
  const method = integration.httpMethod && integration.httpMethod !== 'ANY' ? integration.httpMethod : request.httpMethod
  const binary = contentTypeIsBinary(header(request, 'content-type'), snapshot.binaryMediaTypes)
  const body = applyOutcome(binary ? 'binary' : 'text', {kind: 'binary', bytes: request.body})
  return {
    method,
    url: endpointUrl(renderUri(integration.uri ?? '', mapping.path, invocation.stageVariables), [...request.query, ...mapping.querystring]),
    headers,
    body: NO_BODY_METHODS.has(method) ? undefined : payloadBytes(body),
    timeoutMs: integration.timeoutInMillis,
  }
}
