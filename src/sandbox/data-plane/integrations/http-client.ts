// One HTTP call to an integration endpoint with node:http(s): raw bytes both ways, every response
// header kept with its spelling, and an abort when the integration timeout expires.

import {request as httpRequest} from 'node:http'
import {request as httpsRequest} from 'node:https'

import {apiConfigurationError, internalServerError} from '../gateway-responses.js'
import {multiValueMap, pairsFromRawHeaders} from '../headers.js'
import {withinTimeout} from './deadline.js'

export interface HttpCall {
  method: string
  url: URL
  headers: Array<[string, string]>
  body?: Buffer
  timeoutMs: number
}

export interface HttpAnswer {
  status: number
  headers: Array<[string, string]>
  body: Buffer
}

export async function callEndpoint(call: HttpCall): Promise<HttpAnswer> {
  if (call.url.protocol !== 'http:' && call.url.protocol !== 'https:') throw internalServerError()
  const controller = new AbortController()
  const answer = new Promise<HttpAnswer>((resolve, reject) => {
    const send = call.url.protocol === 'https:' ? httpsRequest : httpRequest
    const outgoing = send(call.url, {method: call.method, headers: outgoingHeaders(call), signal: controller.signal}, (incoming) => {
      const chunks: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.on('end', () => resolve({status: incoming.statusCode ?? 502, headers: pairsFromRawHeaders(incoming.rawHeaders), body: Buffer.concat(chunks)}))
      incoming.on('error', reject)
    })
    // An unreachable or failing endpoint is a configuration error for API Gateway: 500, API_CONFIGURATION_ERROR (LocalStack next_gen integrations/http.py).
    outgoing.on('error', () => reject(apiConfigurationError()))
    outgoing.end(call.body)
  })
  return withinTimeout(answer, call.timeoutMs, () => controller.abort())
}

/**
 * Repeated headers go out as repeated lines; each name keeps its first spelling. A request without a
 * body says Content-Length: 0, as API Gateway's do (recorded at the backend: LocalStack
 * test_apigateway_header_remapping_http, a GET reaching httpbin with Content-Length 0).
 */
export function outgoingHeaders(call: HttpCall): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {'Content-Length': String(call.body?.length ?? 0)}
  // One value as a string: Node takes a list for most headers but not for Host, which a mapping may set.
  for (const [name, values] of Object.entries(multiValueMap(call.headers))) headers[name] = values.length === 1 ? values[0]! : values
  return headers
}
