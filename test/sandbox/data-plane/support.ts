// Shared set-up for the data-plane tests: a sandbox with Lambda functions, APIs built in its store and
// deployed, requests sent with node:http (fetch would add Accept and Content-Type headers of its own,
// and the tests must control exactly what API Gateway sees), and local HTTP backends that record what
// reaches them.

import {type IncomingHttpHeaders, type IncomingMessage, createServer, request as httpRequest} from 'node:http'
import type {AddressInfo} from 'node:net'

import {withIntegrationDefaults} from '../../../src/sandbox/integration-defaults.js'
import type {Integration, Method} from '../../../src/sandbox/model.js'
import type {LambdaHandler} from '../../../src/sandbox/data-plane/lambda-registry.js'
import type {Sandbox} from '../../../src/sandbox/server.js'
import {startTestSandbox} from '../../helpers/sandbox.js'

export interface RouteSpec {
  path: string
  method: string
  integration: Omit<Integration, 'timeoutInMillis' | 'cacheKeyParameters'> & {timeoutInMillis?: number}
  /** Method response status codes; by default those of the integration responses. */
  methodResponses?: string[]
}

export interface ApiSpec {
  binaryMediaTypes?: string[]
  routes: RouteSpec[]
  stageVariables?: Record<string, string>
  stage?: string
}

export interface DeployedApi {
  apiId: string
  stage: string
  /** The data-plane URL of `path` (with its query) on the stage. */
  url(path: string): string
}

/** Creates an API in the sandbox's store and deploys it: the same records the control plane writes. */
export function deployApi(sandbox: Sandbox, spec: ApiSpec): DeployedApi {
  const {store} = sandbox
  const api = store.createApi({name: 'data-plane-test', binaryMediaTypes: spec.binaryMediaTypes})
  for (const route of spec.routes) {
    const resource = store.ensureResourcePath(api, route.path)
    const integration = withIntegrationDefaults(structuredClone(route.integration) as Integration, resource.id)
    const codes = route.methodResponses ?? Object.values(integration.integrationResponses ?? {}).map((response) => response.statusCode)
    const method: Method = {
      httpMethod: route.method,
      authorizationType: 'NONE',
      apiKeyRequired: false,
      methodResponses: Object.fromEntries(codes.map((statusCode) => [statusCode, {statusCode}])),
      methodIntegration: integration,
    }
    resource.resourceMethods = {...resource.resourceMethods, [route.method]: method}
  }
  const stage = spec.stage ?? 'test'
  store.deploy(api, {stageName: stage, variables: spec.stageVariables})
  return {apiId: api.api.id, stage, url: (path) => `${sandbox.url}/restapis/${api.api.id}/${stage}/_user_request_${path}`}
}

export function sandboxWith(lambdas: Record<string, string | LambdaHandler> = {}): Promise<Sandbox> {
  return startTestSandbox({lambdas})
}

export interface Answer {
  status: number
  headers: IncomingHttpHeaders
  rawHeaders: string[]
  body: Buffer
  text: string
  json(): any
}

export interface SendOptions {
  method?: string
  /** Sent exactly as given: nothing is added but Host (and Content-Length for a body). */
  headers?: Record<string, string | string[]>
  body?: Buffer | string
}

export function send(url: string, options: SendOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body
    const headers = {...options.headers, ...(body ? {'Content-Length': String(body.length)} : {})}
    const outgoing = httpRequest(url, {method: options.method ?? 'GET', headers}, (incoming) => {
      const chunks: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.on('end', () => {
        const bytes = Buffer.concat(chunks)
        const text = bytes.toString('utf8')
        resolve({status: incoming.statusCode!, headers: incoming.headers, rawHeaders: incoming.rawHeaders, body: bytes, text, json: () => JSON.parse(text)})
      })
      incoming.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  rawHeaders: string[]
  body: Buffer
}

export interface BackendAnswer {
  status?: number
  headers?: Record<string, string | string[]>
  body?: Buffer | string
  /** Milliseconds to wait before answering. */
  delayMs?: number
}

export interface Backend {
  url: string
  received: ReceivedRequest[]
  close(): Promise<void>
}

/** A local HTTP server standing in for an integration endpoint; it records every request. */
export async function startBackend(answer: (request: ReceivedRequest) => BackendAnswer = () => ({})): Promise<Backend> {
  const received: ReceivedRequest[] = []
  const server = createServer((incoming: IncomingMessage, response) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const request = {method: incoming.method!, url: incoming.url!, headers: incoming.headers, rawHeaders: incoming.rawHeaders, body: Buffer.concat(chunks)}
      received.push(request)
      const reply = answer(request)
      const write = () => {
        if (response.destroyed) return
        const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : (reply.body ?? Buffer.alloc(0))
        response.writeHead(reply.status ?? 200, {...reply.headers, 'Content-Length': String(body.length)})
        response.end(body)
      }
      if (reply.delayMs) setTimeout(write, reply.delayMs)
      else write()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** A Lambda handler that records the events it gets and answers with `answer(event)`. */
export function recordingFunction(answer: (event: any) => unknown = () => ({statusCode: 200, body: ''})): LambdaHandler & {events: any[]} {
  const events: any[] = []
  const handler = async (event: unknown) => {
    events.push(event)
    return answer(event)
  }
  return Object.assign(handler, {events})
}

export const LAMBDA_URI = (name: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`

/**
 * Bytes that are not UTF-8: a gzip header, a lone lead byte (C3) before an ASCII byte, an FF, a quote.
 * As UTF-8 text, each invalid sequence becomes U+FFFD (EF BF BD), written out by hand below.
 */
export const BINARY = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x41, 0xc3, 0x28, 0xff, 0x22])
export const BINARY_AS_TEXT = Buffer.from([0x1f, 0xef, 0xbf, 0xbd, 0x08, 0x00, 0x41, 0xef, 0xbf, 0xbd, 0x28, 0xef, 0xbf, 0xbd, 0x22])
