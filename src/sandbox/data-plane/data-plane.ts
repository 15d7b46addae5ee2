// The sandbox's data plane: `ANY /restapis/{apiId}/{stage}/_user_request_/{path}` (the URL form
// LocalStack's next_gen router.py serves too) runs a request through the stage's deployed snapshot and
// stage variables, as API Gateway runs it through `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}/{path}`.

import {randomUUID} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'

import {SANDBOX_DIAGNOSIS_HEADER} from '../../core/sandbox-diagnosis.js'
import type {SandboxStore} from '../store.js'
import {execute} from './execute.js'
import {forbidden, GatewayResponse, internalServerError, MAX_PAYLOAD_BYTES, missingAuthenticationToken, payloadTooLarge} from './gateway-responses.js'
import {lastValue, pairsFromRawHeaders} from './headers.js'
import type {MethodResponse} from './integration-response.js'
import {type Invocation, type MethodRequest, type RequestContext, newOverrides, requestTime} from './invocation.js'
import type {LambdaRegistry} from './lambda-registry.js'
import {matchResource, methodFor, pathSegments} from './routing.js'

export interface ExecuteTarget {
  apiId: string
  stage: string
  /** The path after `_user_request_`, still percent-encoded; `/` when empty. */
  rawPath: string
}

// The sandbox frames the answer itself; a function's or backend's framing headers would contradict it.
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive'])
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

const EXECUTE_PATH = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/

/** The data-plane target of a request path, or undefined for control-plane and admin paths. */
export function executeTarget(pathname: string): ExecuteTarget | undefined {
  if (!pathname.includes('/_user_request_')) return undefined
  const match = EXECUTE_PATH.exec(pathname)
  if (!match) return undefined
  const [, apiId, stage, rest] = match
  return {apiId: safeDecode(apiId!), stage: safeDecode(stage!), rawPath: rest || '/'}
}

export class DataPlane {
  /** Diagnoses already logged: a client retrying the same route would repeat the same line. */
  private readonly diagnosed = new Set<string>()

  constructor(
    private readonly store: SandboxStore,
    readonly lambdas: LambdaRegistry,
    /** Where the sandbox's own diagnoses go, one line each (default: stderr). */
    private readonly logDiagnosis: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  /** Serves one request and returns the status it answered. */
  async serve(request: IncomingMessage, response: ServerResponse, target: ExecuteTarget, query: string, body: Buffer | 'too-large'): Promise<number> {
    const requestId = randomUUID()
    const startedAt = Date.now()
    let answer: MethodResponse
    try {
      if (body === 'too-large' || body.length > MAX_PAYLOAD_BYTES) throw payloadTooLarge()
      answer = await execute(this.invocation(request, target, query, body, requestId, startedAt))
    } catch (error) {
      if (!(error instanceof GatewayResponse)) {
        process.stderr.write(`sandbox data plane: ${(error as Error).stack ?? String(error)}\n`)
      }
      const gatewayResponse = error instanceof GatewayResponse ? error : internalServerError()
      const diagnosis = gatewayResponse.diagnosisLine
      if (diagnosis !== undefined) this.diagnose(diagnosis)
      return writeGatewayResponse(response, gatewayResponse, requestId)
    }
    const headers = answer.headers.filter(([name, value]) => HEADER_NAME.test(name) && !FRAMING_HEADERS.has(name.toLowerCase()) && !/[\r\n]/.test(value))
    // Node sends no body for HEAD, keeping the length GET would have.
    response.writeHead(answer.statusCode, [...headers.flat(), 'x-amzn-RequestId', requestId, 'Content-Length', String(answer.body.length)])
    response.end(answer.body)
    return answer.statusCode
  }

  /** Logs one of the sandbox's own diagnoses, once per distinct line (a client retrying would repeat it). */
  diagnose(line: string): void {
    if (this.diagnosed.has(line)) return
    this.diagnosed.add(line)
    this.logDiagnosis(`sandbox: ${line}`)
  }

  private invocation(request: IncomingMessage, target: ExecuteTarget, query: string, body: Buffer, requestId: string, startedAt: number): Invocation {
    const api = this.store.state.apis.get(target.apiId)
    const stage = api?.stages.get(target.stage)
    const deployment = stage && api?.deployments.get(stage.deploymentId)
    if (!api || !stage || !deployment) throw forbidden()
    const snapshot = deployment.snapshot

    const segments = pathSegments(target.rawPath)
    const httpMethod = (request.method ?? 'GET').toUpperCase()
    const match = segments && matchResource(snapshot, segments, httpMethod)
    const method = match && methodFor(match.resource, httpMethod)
    if (!match || !method) throw missingAuthenticationToken()
    // A method without an integration cannot be invoked.
    const integration = method.methodIntegration
    if (!integration) throw internalServerError()

    const headers = pairsFromRawHeaders(request.rawHeaders)
    const path = `/${segments!.join('/')}`
    const sourceIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '')
    const methodRequest: MethodRequest = {httpMethod, path, headers, query: [...new URLSearchParams(query)], body, sourceIp}
    const {region, accountId} = this.store.state
    const domainName = lastValue(headers, 'host') ?? `${api.api.id}.execute-api.${region}.amazonaws.com`
    const context: RequestContext = {
      accountId,
      apiId: api.api.id,
      deploymentId: deployment.id,
      domainName,
      domainPrefix: domainName.split('.')[0]!,
      extendedRequestId: requestId.replaceAll('-', '').slice(0, 16),
      httpMethod,
      identity: {sourceIp, userAgent: lastValue(headers, 'user-agent') ?? null},
      path: `/${stage.stageName}${path}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTime: requestTime(startedAt),
      requestTimeEpoch: startedAt,
      resourceId: match.resource.id,
      resourcePath: match.resource.path,
      stage: stage.stageName,
    }
    return {
      request: methodRequest,
      snapshot,
      resource: match.resource,
      method,
      integration,
      pathParameters: match.pathParameters,
      stageVariables: stage.variables ?? {},
      context,
      lambdas: this.lambdas,
      region,
      accountId,
      diagnose: (line) => this.diagnose(line),
      overrides: newOverrides(),
    }
  }
}

function writeGatewayResponse(response: ServerResponse, error: GatewayResponse, requestId: string): number {
  const body = Buffer.from(error.body)
  const headers: string[] = ['Content-Type', error.contentType, 'Content-Length', String(body.length)]
  // The front end's 413 comes before API Gateway's own handling and carries neither header.
  if (error.errorType !== undefined) headers.push('x-amzn-RequestId', requestId, 'x-amzn-ErrorType', error.errorType)
  const diagnosis = error.diagnosisLine
  if (diagnosis !== undefined) headers.push(SANDBOX_DIAGNOSIS_HEADER, diagnosis)
  response.writeHead(error.status, headers)
  response.end(body)
  return error.status
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
