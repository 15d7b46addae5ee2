import {randomUUID} from 'node:crypto'
import {type IncomingMessage, type Server, type ServerResponse, createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {setTimeout as sleep} from 'node:timers/promises'

import {type Admission, createAdmission} from './admission.js'
import {AnswerHold, parseHoldRequest} from './answer-hold.js'
import {ApiGatewayError} from './api-errors.js'
import {CallLog, type CallRecord} from './call-log.js'
import {writeStateWithStacks} from './cloudformation/persistence.js'
import {errorDocument, queryParameters} from './cloudformation/query-protocol.js'
import {answerQuery} from './cloudformation/service.js'
import {DEFAULT_DRIFT_DETECTION_MS, type Stacks} from './cloudformation/stacks.js'
import {DataPlane, executeTarget} from './data-plane/data-plane.js'
import {OBJECT_ADMIN_PREFIX, answerObjectAdmin} from './object-admin.js'
import {ObjectStore} from './object-store.js'
import {type LambdaHandler, LambdaRegistry} from './data-plane/lambda-registry.js'
import {type IdSource, randomIds, seededIds} from './ids.js'
import {apiKeyRoutes} from './operations/api-keys.js'
import {authorizerRoutes} from './operations/authorizers.js'
import {deploymentRoutes} from './operations/deployments.js'
import {documentationRoutes} from './operations/documentation.js'
import {gatewayResponseRoutes} from './operations/gateway-responses.js'
import {exportRoutes} from './operations/exports.js'
import {integrationRoutes} from './operations/integrations.js'
import {methodRoutes} from './operations/methods.js'
import {modelRoutes} from './operations/models.js'
import {requestValidatorRoutes} from './operations/request-validators.js'
import {resourceRoutes} from './operations/resources.js'
import {restApiRoutes} from './operations/rest-apis.js'
import {tagRoutes} from './operations/tags.js'
import {usagePlanRoutes} from './operations/usage-plans.js'
import type {OperationContext, Reply, Route} from './route.js'
import {Router} from './router.js'
import {Partitions} from './partitions.js'
import {type CredentialScope, accountOfAccessKey, credentialScope} from './request-scope.js'
import {LIST_REGIONS_PATH, answerListRegions} from './fleet/account-regions.js'
import {EMPTY_DIRECTORY, type FleetDirectory, regionFailure} from './fleet/directory.js'
import {apiGatewayRefusal, cloudFormationRefusal} from './fleet/region-failures.js'
import {ORGANIZATIONS_TARGET_PREFIX, answerOrganizations} from './fleet/organizations.js'
import {SecurityTokenService} from './fleet/sts.js'
import {readStateFile} from './state-file.js'
import type {SandboxStore} from './store.js'

export interface SandboxOptions {
  host?: string
  /** 0 picks a free port. */
  port?: number
  region?: string
  accountId?: string
  /** Persist after every successful write and reload on start. */
  stateFile?: string
  awsQuotas?: boolean
  latencyMs?: number
  /** 0..1: the fraction of calls failed by an injected fault (admission.ts FAULT_KINDS); a dropped write may have been applied. */
  faultRate?: number
  /** Seeds fault injection and makes generated ids reproducible. */
  seed?: number
  clock?: () => number
  /**
   * Lambda functions the data plane invokes, by function name: a handler module's path (its `handler`
   * export is called) or, in tests, the handler itself.
   */
  lambdas?: Record<string, string | LambdaHandler>
  /**
   * How long a CloudFormation drift detection stays DETECTION_IN_PROGRESS before its result is there
   * (default 300 ms; AWS's take seconds to minutes). 0 completes it as soon as it is asked about.
   */
  driftDetectionMs?: number
  /**
   * The accounts, organization and roles STS, Organizations and Account answer about (`--fleet`); without
   * one there is no organization and any role can be assumed.
   */
  fleetDirectory?: FleetDirectory
  /**
   * Where the sandbox writes, once each, what it cannot answer like AWS because of its own set-up (a
   * Lambda function with no handler): the same line the diagnosis header carries. Default: stderr.
   */
  logDiagnosis?: (line: string) => void
}

export interface Sandbox {
  url: string
  port: number
  /** The default account and Region's store (the account and Region of unsigned requests). */
  store: SandboxStore
  /** Every account and Region a request or a fleet acted in, the default one included. */
  partitions: Partitions
  /** The objects S3 integrations read and write (in memory only). */
  objects: ObjectStore
  /** The default account and Region's CloudFormation stacks, which the query protocol on `POST /` answers about (`--import-stack`). */
  stacks: Stacks
  calls: CallLog
  /** Writes the state file now (after a setup made outside the control plane, such as `--import`). */
  persist(): void
  close(): Promise<void>
}

export const DEFAULT_SANDBOX_PORT = 4580
export const DEFAULT_REGION = 'us-east-1'
export const DEFAULT_ACCOUNT_ID = '123456789012'
/** Above API Gateway's 10 MB payload quota, so oversize requests still get AWS's own answers. */
const MAX_REQUEST_BYTES = 11 * 1024 * 1024

const router = new Router([
  ...restApiRoutes,
  ...resourceRoutes,
  ...methodRoutes,
  ...integrationRoutes,
  ...authorizerRoutes,
  ...documentationRoutes,
  ...gatewayResponseRoutes,
  ...deploymentRoutes,
  ...exportRoutes,
  ...tagRoutes,
  ...modelRoutes,
  ...requestValidatorRoutes,
  ...apiKeyRoutes,
  ...usagePlanRoutes,
])

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const ids: IdSource = options.seed === undefined ? randomIds() : seededIds(options.seed)
  const clock = options.clock ?? Date.now
  const stateFile = options.stateFile
  // The state file holds the default account and Region.
  const persist = () => {
    if (stateFile) writeStateWithStacks(stateFile, store.state, stacks.records.values())
  }
  const partitions = new Partitions({
    accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
    region: options.region ?? DEFAULT_REGION,
    ids,
    clock,
    driftDetectionMs: options.driftDetectionMs ?? DEFAULT_DRIFT_DETECTION_MS,
    onDefaultStacksChange: persist,
  })
  const {store, stacks} = partitions.default
  if (stateFile) {
    // Read once and checked whole before anything is served or written: a file that cannot be served
    // stops the start (StateFileError) and is left as it is.
    const restored = readStateFile(stateFile)
    if (restored) {
      store.state = restored.state
      stacks.restore(restored.stacks)
    }
  }
  const admission = createAdmission({
    awsQuotas: options.awsQuotas ?? false,
    faultRate: options.faultRate ?? 0,
    seed: options.seed ?? 0,
    now: options.clock,
  })
  const calls = new CallLog()
  // The function runtime's restarts are the sandbox's own doing: logged with its other diagnoses.
  const lambdas = new LambdaRegistry(options.lambdas, (line) => dataPlane.diagnose(line))
  const objects = new ObjectStore(options.clock)
  const dataPlane = new DataPlane((restApiId) => partitions.ownerOfApi(restApiId)?.store, clock, lambdas, objects, options.logDiagnosis)
  const sts = new SecurityTokenService(() => options.fleetDirectory ?? EMPTY_DIRECTORY, clock)
  const handler = new RequestHandler(partitions, calls, admission, dataPlane, options, persist, sts)
  const server = createServer((request, response) => {
    handler.handle(request, response).catch((error: unknown) => {
      process.stderr.write(`sandbox: ${(error as Error).stack ?? String(error)}\n`)
      if (!response.headersSent) writeError(response, new ApiGatewayError('InternalFailure', 'Internal server error'))
      else response.destroy()
    })
  })
  server.keepAliveTimeout = 5_000
  const host = options.host ?? '127.0.0.1'
  await listen(server, host, options.port ?? DEFAULT_SANDBOX_PORT)
  const port = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${urlHost}:${port}`,
    port,
    store,
    partitions,
    objects,
    stacks,
    calls,
    persist,
    close: async () => {
      partitions.close()
      await Promise.all([close(server), lambdas.close()])
    },
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

class RequestHandler {
  private readonly answerHold = new AnswerHold()
  /** When the fleet's accounts joined their organization, as Organizations reports it. */
  private readonly startedAt = new Date()

  constructor(
    private readonly partitions: Partitions,
    private readonly calls: CallLog,
    private readonly admission: Admission,
    private readonly dataPlane: DataPlane,
    private readonly options: SandboxOptions,
    private readonly persist: () => void,
    private readonly sts: SecurityTokenService,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrivedAt = Date.now()
    const url = parseRequestTarget(request.url ?? '/')
    const method = request.method ?? 'GET'
    const body = await readBody(request)
    if (url === undefined) {
      // A target no URL parser accepts (e.g. `http://[`) is the client's error, not an internal failure.
      writeError(response, new ApiGatewayError('BadRequestException', `Invalid request target: ${request.url}`))
      return
    }

    if (url.pathname === OBJECT_ADMIN_PREFIX || url.pathname.startsWith(`${OBJECT_ADMIN_PREFIX}/`)) {
      answerObjectAdmin(this.dataPlane.objects, method, url.pathname, request.headers['content-type'], body, response)
      return
    }
    if (url.pathname.startsWith('/_sandbox/')) {
      this.handleAdmin(method, url.pathname, body, response)
      return
    }

    // The data plane finds the API by its id in whichever account and Region holds it. It has no
    // control-plane quotas, latency or faults; its calls are logged for counting.
    const target = executeTarget(url.pathname, request.headers.host)
    if (target) {
      const owner = this.partitions.ownerOfApi(target.apiId) ?? this.partitions.default
      const status = await this.dataPlane.serve(request, response, target, url.search, body)
      this.calls.record({operation: 'execute-api:Invoke', method, path: url.pathname, status, mutating: false, at: arrivedAt, account: owner.accountId, region: owner.region})
      return
    }

    // Everything else acts in the account and Region the request was signed for (request-scope.ts).
    const scope = credentialScope(request.headers, url.searchParams)
    const defaults = this.partitions.default
    const account = scope === undefined ? defaults.accountId : accountOfAccessKey(scope.accessKeyId, defaults.accountId)
    const region = scope?.region ?? defaults.region
    const partition = this.partitions.get(account, region)

    // STS, Organizations and Account on the same port, told apart as their endpoints would be by the
    // service of the credential scope (and Organizations' X-Amz-Target); no API Gateway quotas apply.
    if (body !== 'too-large' && this.answerAccountServices(request, response, url, method, body, scope, account, region, arrivedAt)) return

    // CloudFormation's query protocol on the same port (`POST /` with a form body holding Action=). API
    // Gateway's control-plane quotas, latency and faults are not CloudFormation's, so they do not apply.
    const query = body === 'too-large' ? undefined : queryParameters(method, url.pathname, request.headers, body)
    // A Region the fleet declares failing for the account answers every call of it with that failure.
    const failure = regionFailure(this.options.fleetDirectory ?? EMPTY_DIRECTORY, account, region)
    if (failure) {
      const refused = {callerArn: this.sts.callerArn(scope?.accessKeyId ?? '', account), accountId: account, region, method, path: url.pathname}
      if (query) {
        const action = query.get('Action') ?? ''
        const requestId = randomUUID()
        const error = cloudFormationRefusal(failure, refused, action)
        this.calls.record({operation: action, method, path: url.pathname, status: error.status, mutating: false, at: arrivedAt, account, region})
        writeXml(response, error.status, errorDocument(error, requestId), requestId)
        return
      }
      const match = router.match(method, url.pathname, url.searchParams)
      const error = apiGatewayRefusal(failure, refused)
      const operation = typeof match === 'object' ? match.route : undefined
      this.calls.record({operation: operation?.operation ?? 'Unknown', method, path: url.pathname, status: error.status, mutating: operation?.mutating ?? false, at: arrivedAt, account, region})
      writeError(response, error)
      return
    }
    if (query) {
      const answer = answerQuery(partition.stacks, query)
      this.calls.record({operation: answer.operation, method, path: url.pathname, status: answer.status, mutating: false, at: arrivedAt, account, region})
      writeXml(response, answer.status, answer.xml, answer.requestId)
      return
    }

    const match = router.match(method, url.pathname, url.searchParams)
    if (match === undefined || match === 'method') {
      writeError(response, new ApiGatewayError('UnknownOperationException', `Unknown operation: ${method} ${url.pathname}`))
      return
    }
    const {route, params} = match
    const record = (status: number, answer: Pick<CallRecord, 'answerDropped' | 'answerHeld'> = {}): CallRecord => {
      const entry: CallRecord = {operation: route.operation, method, path: url.pathname, status, mutating: route.mutating, at: arrivedAt, account, region, ...answer}
      this.calls.record(entry)
      return entry
    }

    if (body === 'too-large') {
      record(413)
      writeError(response, new ApiGatewayError('RequestEntityTooLargeException', 'Request Too Long'))
      return
    }
    if (this.options.latencyMs) await sleep(this.options.latencyMs)

    const decision = this.admission.admit(route.operation, route.mutating, {accountId: account, region})
    if (decision.kind === 'drop') {
      record(0)
      request.socket.destroy()
      return
    }
    if (decision.kind === 'reject') {
      record(decision.error.status)
      writeError(response, decision.error)
      return
    }

    const answer = this.apply(route, {store: partition.store, params, query: url.searchParams, headers: request.headers, body})
    // Every handled write counts towards a hold; a fault that drops the answer anyway spends it.
    const held = route.mutating && this.answerHold.countWrite()
    if (decision.kind === 'drop-after-apply') {
      // The client sees the same broken connection as for `drop`; the log keeps the answer it never got.
      record(answer.status, {answerDropped: true})
      request.socket.destroy()
      return
    }
    const send = () => (answer instanceof ApiGatewayError ? writeError(response, answer) : writeReply(response, answer))
    if (!held) {
      record(answer.status)
      send()
      return
    }
    // Logged now, in arrival order; the entry then tells whether the answer was sent or dropped.
    const entry = record(answer.status, {answerHeld: true})
    this.answerHold.hold(response, send, (sent) => {
      delete entry.answerHeld
      if (!sent) entry.answerDropped = true
    })
  }

  /** Answers STS, Organizations and Account calls; false when the request is none of them. */
  private answerAccountServices(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    method: string,
    body: Buffer,
    scope: CredentialScope | undefined,
    account: string,
    region: string,
    arrivedAt: number,
  ): boolean {
    const record = (operation: string, status: number) => this.calls.record({operation, method, path: url.pathname, status, mutating: false, at: arrivedAt, account, region})
    const directory = this.options.fleetDirectory ?? EMPTY_DIRECTORY
    if (scope?.service === 'sts') {
      const parameters = queryParameters(method, url.pathname, request.headers, body)
      if (!parameters) return false
      const answer = this.sts.answer(parameters, scope.accessKeyId, account)
      record(answer.operation, answer.status)
      writeXml(response, answer.status, answer.xml, answer.requestId)
      return true
    }
    const target = request.headers['x-amz-target']
    if (method === 'POST' && typeof target === 'string' && target.startsWith(ORGANIZATIONS_TARGET_PREFIX)) {
      const answer = answerOrganizations(directory, target, body, account, this.startedAt)
      record(answer.operation, answer.status)
      writeJson(response, answer.status, answer.body, {'content-type': 'application/x-amz-json-1.1', ...(answer.errorType ? {'x-amzn-errortype': answer.errorType} : {})})
      return true
    }
    if (scope?.service === 'account' && method === 'POST' && url.pathname === LIST_REGIONS_PATH) {
      const answer = answerListRegions(directory, body, account, this.sts.callerArn(scope.accessKeyId, account))
      record(answer.operation, answer.status)
      writeJson(response, answer.status, answer.body, answer.errorType ? {'x-amzn-errortype': answer.errorType} : {})
      return true
    }
    return false
  }

  /** Runs the operation and persists a successful write; an ApiGatewayError it throws is its answer. */
  private apply(route: Route, context: OperationContext): Reply | ApiGatewayError {
    let reply: Reply
    try {
      reply = route.handle(context)
    } catch (error) {
      if (!(error instanceof ApiGatewayError)) throw error
      return error
    }
    if (route.mutating) this.persist()
    return reply
  }

  /** Listed only when the data plane has functions, so a control-plane-only sandbox reports what it always did. */
  private functionsForHealth(): {functions?: string[]} {
    const functions = this.dataPlane.lambdas.names()
    return functions.length > 0 ? {functions} : {}
  }

  private handleAdmin(method: string, path: string, body: Buffer | 'too-large', response: ServerResponse): void {
    if (method === 'GET' && path === '/_sandbox/health') {
      writeJson(response, 200, {
        status: 'ok',
        region: this.partitions.default.region,
        restApis: this.partitions.default.store.state.apis.size,
        calls: this.calls.list().length,
        callsDropped: this.calls.dropped,
        heldAnswers: this.answerHold.heldAnswers,
        ...this.functionsForHealth(),
      })
    } else if (method === 'GET' && path === '/_sandbox/calls') {
      writeJson(response, 200, this.calls.list())
    } else if (method === 'DELETE' && path === '/_sandbox/calls') {
      this.calls.clear()
      writeJson(response, 200, {cleared: true})
    } else if (method === 'POST' && path === '/_sandbox/reset') {
      this.answerHold.reset()
      this.partitions.reset()
      this.sts.reset()
      this.dataPlane.objects.clear()
      this.calls.clear()
      this.persist()
      writeJson(response, 200, {reset: true})
    } else if (method === 'POST' && path === '/_sandbox/hold-answer') {
      const hold = parseHoldRequest(body)
      if ('error' in hold) {
        writeJson(response, 400, {message: hold.error})
        return
      }
      this.answerHold.arm(hold.afterWrites)
      writeJson(response, 200, {afterWrites: hold.afterWrites})
    } else if (method === 'POST' && path === '/_sandbox/release') {
      writeJson(response, 200, {released: this.answerHold.release()})
    } else {
      writeJson(response, 404, {message: `No sandbox admin endpoint ${method} ${path}`})
    }
  }
}

function parseRequestTarget(target: string): URL | undefined {
  try {
    return new URL(target, 'http://sandbox')
  } catch {
    return undefined
  }
}

function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_REQUEST_BYTES) tooLarge = true
      else chunks.push(chunk)
    })
    request.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

function baseHeaders(): Record<string, string> {
  return {'x-amzn-requestid': randomUUID()}
}

function writeJson(response: ServerResponse, status: number, json: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(json)
  response.writeHead(status, {
    ...baseHeaders(),
    'content-type': 'application/json',
    ...extra,
    'content-length': Buffer.byteLength(text),
  })
  response.end(text)
}

function writeXml(response: ServerResponse, status: number, xml: string, requestId: string): void {
  response.writeHead(status, {
    'x-amzn-requestid': requestId,
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(xml),
  })
  response.end(xml)
}

function writeError(response: ServerResponse, error: ApiGatewayError): void {
  const headers: Record<string, string> = {'x-amzn-errortype': error.code}
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds)
  writeJson(response, error.status, {message: error.message}, headers)
}

function writeReply(response: ServerResponse, reply: Reply): void {
  if ('json' in reply) {
    writeJson(response, reply.status, reply.json)
  } else if ('raw' in reply) {
    const body = typeof reply.raw === 'string' ? Buffer.from(reply.raw) : reply.raw
    response.writeHead(reply.status, {
      ...baseHeaders(),
      ...reply.headers,
      'content-type': reply.contentType,
      'content-length': body.length,
    })
    response.end(body)
  } else {
    response.writeHead(reply.status, {...baseHeaders(), 'content-length': 0})
    response.end()
  }
}
