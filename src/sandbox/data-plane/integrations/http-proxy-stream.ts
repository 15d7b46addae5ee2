// HTTP_PROXY with responseTransferMode STREAM: the request goes out as the buffered proxy sends it; API
// Gateway answers once the backend's status and headers are all in, then passes the body on as it
// arrives, unconverted (developer guide, response-streaming-http.html: "API Gateway won't send the HTTP
// response status code or any HTTP response headers until it has fully received all headers").

import {request as httpRequest} from 'node:http'
import {request as httpsRequest} from 'node:https'

import {GatewayResponse, endpointRequestTimedOut, internalServerError} from '../gateway-responses.js'
import {pairsFromRawHeaders} from '../headers.js'
import {methodResponseHeaders} from '../integration-headers.js'
import type {Invocation} from '../invocation.js'
import {ChunkQueue, type StreamedResponse} from '../streamed-response.js'
import {outgoingHeaders} from './http-client.js'
import {withinTimeout} from './deadline.js'
import {proxiedCall} from './http-proxy.js'

export async function invokeHttpProxyStream(invocation: Invocation): Promise<StreamedResponse> {
  const call = proxiedCall(invocation)
  if (call.url.protocol !== 'http:' && call.url.protocol !== 'https:') throw internalServerError()
  const controller = new AbortController()
  const queue = new ChunkQueue()
  // The integration timeout bounds the whole stream (up to 15 minutes); past it the stream is cut.
  const cut = setTimeout(() => {
    queue.fail(endpointRequestTimedOut())
    controller.abort()
  }, call.timeoutMs)
  cut.unref()
  const head = new Promise<{status: number; headers: Array<[string, string]>}>((resolve, reject) => {
    const send = call.url.protocol === 'https:' ? httpsRequest : httpRequest
    const outgoing = send(call.url, {method: call.method, headers: outgoingHeaders(call), signal: controller.signal}, (incoming) => {
      incoming.on('data', (chunk: Buffer) => queue.push(chunk))
      incoming.on('end', () => {
        clearTimeout(cut)
        queue.end()
      })
      incoming.on('error', () => queue.fail(internalServerError()))
      resolve({status: incoming.statusCode ?? 502, headers: pairsFromRawHeaders(incoming.rawHeaders)})
    })
    // An unreachable endpoint is a configuration error, as for the buffered proxy (http-client.ts).
    outgoing.on('error', () => {
      clearTimeout(cut)
      reject(internalServerError())
    })
    outgoing.end(call.body)
  })
  try {
    const {status, headers} = await withinTimeout(head, call.timeoutMs)
    return {kind: 'streamed', statusCode: status, headers: methodResponseHeaders('HTTP_PROXY', headers), body: queue}
  } catch (error) {
    clearTimeout(cut)
    controller.abort()
    throw error instanceof GatewayResponse ? error : internalServerError()
  }
}
