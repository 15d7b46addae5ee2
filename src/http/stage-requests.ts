// Sends verify's probes to a deployed stage and returns exactly the bytes that came back. node:http(s)
// rather than fetch: no automatic content decoding and every header as sent, so what is judged is what a
// client receives.

import {request as httpRequest} from 'node:http'
import {request as httpsRequest} from 'node:https'

export interface StageRequest {
  method: string
  /** Path and query relative to the stage's base URL, starting with '/'. */
  path: string
  headers: Record<string, string>
  body?: Uint8Array
}

export interface StageAnswer {
  status: number
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>
  body: Uint8Array
  /**
   * The connection broke before the answer's end: a streamed (chunked) answer that was cut, as API Gateway
   * cuts a stream at its integration timeout or when the integration fails mid-stream. `body` has what came.
   */
  truncated?: boolean
}

export class StageUnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`)
  }
}

export interface StageRequester {
  send(request: StageRequest): Promise<StageAnswer>
  /** Requests sent so far. */
  readonly sent: number
}

/** Above API Gateway's 29 s integration timeout, so the stage's own 504 arrives first. */
const DEFAULT_TIMEOUT_MS = 35_000

export interface RequesterOptions {
  timeoutMs?: number
  /** Headers a request gets last (credentials, a signature), computed for its full URL. */
  authenticate?: (request: StageRequest, url: URL) => Promise<Record<string, string>>
}

export function stageRequester(baseUrl: string, options: RequesterOptions = {}): StageRequester {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  let sent = 0
  return {
    get sent() {
      return sent
    },
    async send(request) {
      sent += 1
      const extra = options.authenticate ? await options.authenticate(request, urlOf(base, request)) : {}
      return send(base, {...request, headers: {...request.headers, ...extra}}, timeoutMs)
    },
  }
}

function urlOf(base: URL, request: StageRequest): URL {
  return new URL(base.href + request.path)
}

function send(base: URL, request: StageRequest, timeoutMs: number): Promise<StageAnswer> {
  const url = urlOf(base, request)
  const body = request.body
  const headers: Record<string, string | number> = {...request.headers}
  if (body !== undefined) headers['content-length'] = body.length
  const call = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const outgoing = call(url, {method: request.method, headers, timeout: timeoutMs}, (incoming) => {
      // A chunked (streamed) answer is read to its last chunk like any other: what is judged is the whole body.
      const chunks: Buffer[] = []
      const answer = (truncated: boolean): StageAnswer => {
        const answerHeaders: Record<string, string> = {}
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (value !== undefined) answerHeaders[name] = Array.isArray(value) ? value.join(', ') : value
        }
        return {status: incoming.statusCode ?? 0, headers: answerHeaders, body: new Uint8Array(Buffer.concat(chunks)), ...(truncated ? {truncated} : {})}
      }
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.on('end', () => resolve(answer(false)))
      // The status and headers came: a break now is a cut answer, judged by the bytes that arrived.
      incoming.on('error', () => resolve(answer(true)))
    })
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)))
    outgoing.on('error', (error: NodeJS.ErrnoException) => reject(new StageUnreachableError(url.origin, describeNetworkError(error))))
    outgoing.end(body === undefined ? undefined : Buffer.from(body.buffer, body.byteOffset, body.byteLength))
  })
}

function describeNetworkError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused'
    case 'ENOTFOUND':
      return 'host not found'
    case 'ECONNRESET':
      return 'connection reset'
    default:
      return error.message
  }
}
