// The headers API Gateway sends an integration and those it answers with, as recorded on AWS by LocalStack's
// TestApiGatewayHeaderRemapping (test_apigateway_integrations.py: every header of HTTP's list sent and mapped,
// through HTTP, HTTP_PROXY, AWS and AWS_PROXY integrations) and test_apigateway_http.py; the lists are
// LocalStack's next_gen handlers/integration_request.py and method_response.py, which replay those recordings.

import type {IntegrationType} from '../model.js'
import {internalServerError} from './gateway-responses.js'
import {lastValue} from './headers.js'
import type {Invocation} from './invocation.js'

// A header mapping to one of these fails the request (500): API Gateway sets them itself. Lambda-bound
// integrations refuse a few more.
const RESERVED_FOR_ALL = ['content-length', 'transfer-encoding', 'x-amzn-trace-id', 'x-amzn-apigateway-api-id']
const RESERVED_FOR_LAMBDA = [...RESERVED_FOR_ALL, 'authorization', 'connection', 'expect', 'proxy-authenticate', 'te']

// Never sent on, whether mapped or passed through; AWS integrations also leave out Referer, HTTP ones Via.
// Trailer too, in the sandbox only: Node's HTTP client cannot send it without chunked encoding.
const NOT_SENT = ['expect', 'proxy-authenticate', 'te', 'trailer']
const NOT_SENT_AWS = [...NOT_SENT, 'referer']
const NOT_SENT_HTTP = [...NOT_SENT, 'via']

/** Fails the request when a header mapping names a header API Gateway keeps for itself. */
export function checkHeaderMappings(type: IntegrationType, mapped: ReadonlyArray<readonly [string, string]>): void {
  const reserved = type === 'AWS' || type === 'AWS_PROXY' ? RESERVED_FOR_LAMBDA : RESERVED_FOR_ALL
  // "Execution failed due to configuration error: … header already present" on AWS.
  if (mapped.some(([name]) => reserved.includes(name.toLowerCase()))) throw internalServerError()
}

/**
 * What reaches an HTTP, HTTP_PROXY or AWS integration: `headers` without those never sent, then API
 * Gateway's defaults where absent (Accept: application/json, its User-Agent, the method request's
 * Content-Type unless it was a GET, HEAD or OPTIONS), its trace header, and for HTTP integrations the API's id.
 */
export function integrationRequestHeaders(type: IntegrationType, headers: ReadonlyArray<readonly [string, string]>, invocation: Invocation): Array<[string, string]> {
  const dropped = type === 'AWS' ? NOT_SENT_AWS : type === 'HTTP' || type === 'HTTP_PROXY' ? NOT_SENT_HTTP : NOT_SENT
  const sent: Array<[string, string]> = headers.filter(([name]) => !dropped.includes(name.toLowerCase()) && name.toLowerCase() !== 'x-amzn-trace-id').map(([name, value]) => [name, value])
  const setDefault = (name: string, value: string) => {
    if (!lastValue(sent, name)) sent.push([name, value])
  }
  setDefault('Accept', 'application/json')
  setDefault('User-Agent', `AmazonAPIGateway_${invocation.context.apiId}`)
  const contentType = lastValue(invocation.request.headers, 'content-type')
  if (contentType && !['GET', 'HEAD', 'OPTIONS'].includes(invocation.request.httpMethod)) setDefault('Content-Type', contentType)
  sent.push(['X-Amzn-Trace-Id', invocation.traceId])
  if (type === 'HTTP' || type === 'HTTP_PROXY') sent.push(['X-Amzn-Apigateway-Api-Id', invocation.context.apiId])
  return sent
}

// Headers an integration answers that API Gateway keeps for its own answer: the integration's are passed
// on renamed x-amzn-Remapped-NAME. Non-proxy integrations (whose headers come from mappings) have more.
const REMAPPED = ['connection', 'content-length', 'date', 'server', 'x-amzn-requestid']
const REMAPPED_NON_PROXY = [...REMAPPED, 'authorization', 'content-md5', 'expect', 'host', 'max-forwards', 'proxy-authenticate', 'trailer', 'upgrade', 'user-agent', 'www-authenticate']
const DROPPED = ['transfer-encoding']
const DROPPED_HTTP_PROXY = [...DROPPED, 'content-encoding', 'via']

/** An integration's answer headers as the client gets them: API Gateway's own renamed, some dropped. */
export function methodResponseHeaders(type: IntegrationType, headers: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  const remapped = type === 'HTTP' || type === 'AWS' ? REMAPPED_NON_PROXY : REMAPPED
  const dropped = type === 'HTTP_PROXY' ? DROPPED_HTTP_PROXY : DROPPED
  const answered: Array<[string, string]> = []
  for (const [name, value] of headers) {
    const lower = name.toLowerCase()
    if (dropped.includes(lower)) continue
    answered.push([remapped.includes(lower) ? `x-amzn-Remapped-${name}` : name, value])
  }
  return answered
}
