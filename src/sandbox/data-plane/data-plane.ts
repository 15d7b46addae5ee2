// The sandbox's data plane: `ANY /restapis/{apiId}/{stage}/_user_request_/{path}` (the URL form
// LocalStack's next_gen router.py serves too) runs a request through the stage's deployed snapshot and
// stage variables, as API Gateway runs it through `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}/{path}`.

import {randomBytes, randomUUID} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'

import {SANDBOX_DIAGNOSIS_HEADER} from '../../core/sandbox-diagnosis.js'
import type {Deployment, Resource, RestApiState, Stage} from '../model.js'
import type {ObjectStore} from '../object-store.js'
import type {SandboxStore} from '../store.js'
import {RequestAuthorization} from './authorization/authorize.js'
import {execute} from './execute.js'
import {type GatewayResponseScope, renderGatewayResponse} from './gateway-response-rendering.js'
import {forbidden, GatewayResponse, internalServerError, MAX_PAYLOAD_BYTES, missingAuthenticationToken, payloadTooLarge} from './gateway-responses.js'
import {type Pairs, lastValue, pairsFromRawHeaders, withoutHeaders} from './headers.js'
import type {MethodResponse} from './integration-response.js'
import {type Invocation, type MethodRequest, type RequestContext, newOverrides, requestTime} from './invocation.js'
import type {LambdaRegistry} from './lambda-registry.js'
import {validateRequest} from './request-validation.js'
import {matchResource, methodFor, pathSegments} from './routing.js'
import {type StreamedResponse, writeStreamedResponse} from './streamed-response.js'

export interface ExecuteTarget {
  apiId: string
  stage: string
  /** The path after `_user_request_`, still percent-encoded; `/` when empty. */
  rawPath: string
}

/**
 * Request headers API Gateway drops before anything reads them: no mapping, template or proxy integration
 * sees them (recorded: LocalStack test_apigateway_header_remapping_*, where $input.params() of each is
 * empty and proxy integrations never get them; next_gen header_utils.py DROPPED_FROM_REQUEST_COMMON).
 */
const DROPPED_REQUEST_HEADERS = ['Connection', 'Content-Length', 'Content-MD5', 'Expect', 'Max-Forwards', 'Proxy-Authenticate', 'Server', 'TE', 'Transfer-Encoding', 'Trailer', 'Upgrade', 'WWW-Authenticate']

/** An API key, a signature or Cognito would identify the caller; without them every one of these is null. */
const NO_CALLER = {
  accessKey: null,
  accountId: null,
  caller: null,
  cognitoAuthenticationProvider: null,
  cognitoAuthenticationType: null,
  cognitoIdentityId: null,
  cognitoIdentityPoolId: null,
  principalOrgId: null,
  user: null,
  userArn: null,
}

// The sandbox frames the answer itself; a function's or backend's framing headers would contradict it.
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive'])
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

const EXECUTE_PATH = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/
// `{apiId}.execute-api.{region}.amazonaws.com` as on AWS, or `{apiId}.execute-api.localhost.localstack.cloud`
// as LocalStack serves it (docs, "API Gateway": invoking through the execute-api host): the stage is the
// path's first segment.
const EXECUTE_HOST = /^([a-z0-9]{10})\.execute-api\./i
const STAGE_PATH = /^\/([^/]+)(\/.*)?$/

/**
 * The data-plane target of a request: its path when it has the `/restapis/…/_user_request_` form (whatever
 * its Host), else its execute-api Host; undefined for control-plane and admin requests.
 */
export function executeTarget(pathname: string, host?: string): ExecuteTarget | undefined {
  const match = pathname.includes('/_user_request_') ? EXECUTE_PATH.exec(pathname) : null
  if (match) {
    const [, apiId, stage, rest] = match
    return {apiId: safeDecode(apiId!), stage: safeDecode(stage!), rawPath: rest || '/'}
  }
  const hostApiId = host === undefined ? undefined : EXECUTE_HOST.exec(host)?.[1]
  const stagePath = hostApiId === undefined ? null : STAGE_PATH.exec(pathname)
  if (!stagePath) return undefined
  return {apiId: hostApiId!.toLowerCase(), stage: safeDecode(stagePath[1]!), rawPath: stagePath[2] || '/'}
}

export class DataPlane {
  /** Diagnoses already logged: a client retrying the same route would repeat the same line. */
  private readonly diagnosed = new Set<string>()
  private readonly authorization: RequestAuthorization

  constructor(
    /** The store that holds a REST API, in whichever account and Region. */
    private readonly storeOfApi: (restApiId: string) => SandboxStore | undefined,
    clock: () => number,
    readonly lambdas: LambdaRegistry,
    readonly objects: ObjectStore,
    /** Where the sandbox's own diagnoses go, one line each (default: stderr). */
    private readonly logDiagnosis: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {
    this.authorization = new RequestAuthorization(clock)
  }

  /** Serves one request and returns the status it answered. */
  async serve(request: IncomingMessage, response: ServerResponse, target: ExecuteTarget, query: string, body: Buffer | 'too-large'): Promise<number> {
    const requestId = randomUUID()
    const startedAt = Date.now()
    const framing = connectionHeader(response)
    let answer: MethodResponse | StreamedResponse
    let invocation: Invocation | undefined
    try {
      if (body === 'too-large' || body.length > MAX_PAYLOAD_BYTES) throw payloadTooLarge()
      invocation = this.invocation(request, target, query, body, requestId, startedAt)
      await this.authorization.check(invocation)
      validateRequest(invocation)
      answer = await execute(invocation)
    } catch (error) {
      if (!(error instanceof GatewayResponse)) {
        process.stderr.write(`sandbox data plane: ${(error as Error).stack ?? String(error)}\n`)
      }
      const gatewayResponse = error instanceof GatewayResponse ? error : internalServerError()
      const diagnosis = gatewayResponse.diagnosisLine
      if (diagnosis !== undefined) this.diagnose(diagnosis)
      const scope = invocation ? invocationScope(invocation) : this.routingScope(request, target, query, requestId, startedAt)
      return writeGatewayResponse(response, gatewayResponse, scope, requestId, framing)
    }
    const headers = answer.headers.filter(([name, value]) => HEADER_NAME.test(name) && !FRAMING_HEADERS.has(name.toLowerCase()) && !/[\r\n]/.test(value))
    // API Gateway answers its trace id for the integrations it traces into: not MOCK, whose answer it makes
    // itself, nor HTTP_PROXY, which passes the backend's headers (recorded: LocalStack
    // test_invocation_trace_id, test_apigateway_header_remapping_*; next_gen handlers/response_enricher.py).
    const traced = invocation.integration.type !== 'MOCK' && invocation.integration.type !== 'HTTP_PROXY'
    const own = ['x-amzn-RequestId', requestId, 'x-amz-apigw-id', apigwId(), ...(traced ? ['X-Amzn-Trace-Id', invocation.traceId] : [])]
    if ('kind' in answer) {
      await writeStreamedResponse(response, answer, [...headers.flat(), ...own, 'Connection', framing])
      return answer.statusCode
    }
    // Node sends no body for HEAD, keeping the length GET would have.
    response.writeHead(answer.statusCode, [...headers.flat(), ...own, 'Connection', framing, 'Content-Length', String(answer.body.length)])
    response.end(answer.body)
    return answer.statusCode
  }

  /** Logs one of the sandbox's own diagnoses, once per distinct line (a client retrying would repeat it). */
  diagnose(line: string): void {
    if (this.diagnosed.has(line)) return
    this.diagnosed.add(line)
    this.logDiagnosis(`sandbox: ${line}`)
  }

  /** The stage's API, stage and deployment, when the stage exists. */
  private deployed(target: ExecuteTarget): Deployed | undefined {
    const store = this.storeOfApi(target.apiId)
    const api = store?.state.apis.get(target.apiId)
    const stage = api?.stages.get(target.stage)
    const deployment = stage && api?.deployments.get(stage.deploymentId)
    return store && api && stage && deployment ? {store, api, stage, deployment} : undefined
  }

  /** What a gateway response can read of a request that failed before its invocation was complete (routing). */
  private routingScope(request: IncomingMessage, target: ExecuteTarget, query: string, requestId: string, startedAt: number): GatewayResponseScope | undefined {
    const found = this.deployed(target)
    if (!found) return undefined
    const headers = withoutHeaders(pairsFromRawHeaders(request.rawHeaders), DROPPED_REQUEST_HEADERS)
    const {resourceId: _id, resourcePath: _path, ...context} = this.requestContext(found, request, target, headers, requestId, startedAt, undefined)
    return {
      settings: found.deployment.snapshot.gatewayResponses ?? [],
      headers,
      query: [...new URLSearchParams(query)],
      pathParameters: {},
      context,
      stageVariables: found.stage.variables ?? {},
    }
  }

  private requestContext(
    {store, api, stage, deployment}: Deployed,
    request: IncomingMessage,
    target: ExecuteTarget,
    headers: Pairs,
    requestId: string,
    startedAt: number,
    resource: Resource | undefined,
  ): RequestContext {
    const httpMethod = (request.method ?? 'GET').toUpperCase()
    const sourceIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '')
    const {region, accountId} = store.state
    const domainName = lastValue(headers, 'host') ?? `${api.api.id}.execute-api.${region}.amazonaws.com`
    return {
      accountId,
      apiId: api.api.id,
      deploymentId: deployment.id,
      domainName,
      domainPrefix: domainName.split('.')[0]!,
      extendedRequestId: requestId.replaceAll('-', '').slice(0, 16),
      httpMethod,
      identity: {...NO_CALLER, sourceIp, userAgent: lastValue(headers, 'user-agent') ?? null},
      path: `/${stage.stageName}${target.rawPath}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTime: requestTime(startedAt),
      requestTimeEpoch: startedAt,
      resourceId: resource?.id ?? '',
      resourcePath: resource?.path ?? '',
      stage: stage.stageName,
    }
  }

  private invocation(request: IncomingMessage, target: ExecuteTarget, query: string, body: Buffer, requestId: string, startedAt: number): Invocation {
    const found = this.deployed(target)
    if (!found) throw forbidden()
    const {stage, deployment} = found
    const snapshot = deployment.snapshot

    const segments = pathSegments(target.rawPath)
    const httpMethod = (request.method ?? 'GET').toUpperCase()
    const match = segments && matchResource(snapshot, segments, httpMethod)
    const method = match && methodFor(match.resource, httpMethod)
    if (!match || !method) throw missingAuthenticationToken()
    // A method without an integration cannot be invoked.
    const integration = method.methodIntegration
    if (!integration) throw internalServerError()

    const headers = withoutHeaders(pairsFromRawHeaders(request.rawHeaders), DROPPED_REQUEST_HEADERS)
    // The path as sent, but for the slashes it starts with (recorded: `//hardcoded` reaches a function as
    // `/hardcoded`, while $context.path keeps `/stage//hardcoded`).
    const path = `/${target.rawPath.replace(/^\/+/, '')}`
    const sourceIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '')
    const methodRequest: MethodRequest = {httpMethod, path, headers, query: [...new URLSearchParams(query)], body, sourceIp, port: request.socket.localPort ?? 0}
    const {region, accountId} = found.store.state
    const context = this.requestContext(found, request, target, headers, requestId, startedAt, match.resource)
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
      objects: this.objects,
      region,
      accountId,
      apiKeys: found.store.state,
      diagnose: (line) => this.diagnose(line),
      overrides: newOverrides(),
      traceId: traceHeader(lastValue(headers, 'x-amzn-trace-id')),
    }
  }
}

interface Deployed {
  store: SandboxStore
  api: RestApiState
  stage: Stage
  deployment: Deployment
}

/** What a gateway response can read of a request whose invocation was complete. */
function invocationScope(invocation: Invocation): GatewayResponseScope {
  return {
    settings: invocation.snapshot.gatewayResponses ?? [],
    headers: invocation.request.headers,
    query: invocation.request.query,
    pathParameters: invocation.pathParameters,
    context: invocation.context,
    stageVariables: invocation.stageVariables,
  }
}

function writeGatewayResponse(response: ServerResponse, error: GatewayResponse, scope: GatewayResponseScope | undefined, requestId: string, framing: string): number {
  const answer = renderGatewayResponse(error, scope)
  const headers: string[] = ['Content-Type', answer.contentType, 'Content-Length', String(answer.body.length), 'Connection', framing]
  // The front end's 413 comes before API Gateway's own handling and carries none of these.
  if (error.errorType !== undefined) headers.push('x-amzn-RequestId', requestId, 'x-amz-apigw-id', apigwId(), 'x-amzn-ErrorType', error.errorType)
  headers.push(...answer.headers.flat())
  const diagnosis = error.diagnosisLine
  if (diagnosis !== undefined) headers.push(SANDBOX_DIAGNOSIS_HEADER, diagnosis)
  response.writeHead(answer.status, headers)
  response.end(answer.body)
  return answer.status
}

/**
 * What API Gateway says about the connection: `keep-alive`, or `close` when the client asked for it. Said
 * explicitly, which also keeps Node from adding a `Keep-Alive: timeout=5` header AWS does not send
 * (recorded answers show `Connection: keep-alive` and no Keep-Alive; `Connection: close` to a client that
 * sent it: LocalStack test_apigateway_header_remapping_*).
 */
function connectionHeader(response: ServerResponse): string {
  return (response as ServerResponse & {shouldKeepAlive?: boolean}).shouldKeepAlive === false ? 'close' : 'keep-alive'
}

/** `x-amz-apigw-id`, an id of API Gateway's own on every answer it makes: 15 base64 characters and `=`. */
function apigwId(): string {
  return randomBytes(11).toString('base64')
}

/**
 * The X-Ray trace header of a request (X-Ray developer guide, "Tracing header"): the client's Root and
 * Parent when it sent them, new ones otherwise; Sampled as sent, else 1 when the client named a parent
 * (recorded: LocalStack test_invocation_trace_id; next_gen handlers/parse.py populate_trace_id).
 */
export function traceHeader(incoming: string | undefined): string {
  const parts = new Map<string, string>()
  for (const part of (incoming ?? '').split(';')) {
    const [key, value, ...extra] = part.split('=')
    if (key !== undefined && value !== undefined && extra.length === 0) parts.set(key.trim().charAt(0).toUpperCase() + key.trim().slice(1).toLowerCase(), value.trim())
  }
  const root = parts.get('Root') ?? `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`
  const parent = parts.get('Parent')
  return `Root=${root};Parent=${parent ?? randomBytes(8).toString('hex')};Sampled=${parts.get('Sampled') ?? (parent ? '1' : '0')}`
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
