// verify: real binary round trips through a deployed stage. Reads what the stage serves (GetStage,
// GetExport) and the working copy (GetRestApi, GetResources) once, sends the planned probes one after
// another (uploads must land before their read-backs), judges each answer, and names the setting behind
// every failure. No control-plane call here writes.

import type {AwsConnectionOptions, BasePathMapping} from './api-gateway-port.js'
import {type ApiConfig, routeKey} from '../core/api-config.js'
import type {DesiredSpec, VerifyProbe} from '../core/desired-spec.js'
import {RemoteError, UsageError} from '../core/errors.js'
import {mediaTypeEssence} from '../core/media-type.js'
import {stageBaseUrl} from '../core/stage-url.js'
import {parseSize} from '../core/verify/byte-size.js'
import {type Cause, explainFailure} from '../core/verify/causes.js'
import {type ObservedOutcome, type VerdictBasis, judge} from '../core/verify/judge.js'
import {BODILESS_METHODS, type ProbePlan, type ProbeStep, type StepKind, planProbes} from '../core/verify/probe-plan.js'
import {parseRequestLine} from '../core/verify/route-match.js'
import {type SizeLimit, effectiveSizeLimit} from '../core/verify/size-limits.js'
import {type StepResult, type VerifySummary, summarizeVerify} from '../core/verify/summary.js'
import {VerifyInputError} from '../core/verify/verify-input-error.js'
import {type RequesterOptions, type StageRequester, StageUnreachableError, stageRequester} from '../http/stage-requests.js'
import {loadDesiredSpec} from '../desired-spec/load-spec.js'
import {type LiveReader, connectReader, readLiveState} from './live-state.js'
import {type ProbeAuthFlags, type ProbeCredentials, probeCredentials} from './probe-auth.js'
import type {ProbeSigner} from './probe-signer-port.js'
import {type IoHost, SILENT_IO_HOST} from './io-host.js'
import {startTask} from './tasks.js'
import {type CloudFormationFactory, LazyCloudFormation} from './cloudformation-connection.js'
import {type StackTarget, resolveApi, specTarget} from './target.js'

export interface VerifyRequest {
  api?: string
  /** --stack/--logical-id: the REST API that stack deploys. */
  stack?: StackTarget
  /** --reuse-spec: the spec names another API (api: or stack:) but is meant for this one too. */
  reuseSpec?: boolean
  stage?: string
  specFile?: string
  /** --route: probes that replace the spec's verify entries. */
  routes?: string[]
  accept?: string[]
  contentTypes?: string[]
  readBack?: string
  /** --size as typed. */
  size?: string
  baseUrl?: string
  /** --domain: a custom domain name whose base path mapping gives the stage's URL. */
  domain?: string
  /** --api-key, --header, --sign: what gets the probes through the stage's authorization. */
  auth?: ProbeAuthFlags
  cwd: string
  connection: AwsConnectionOptions
}

export interface StepReport {
  id: string
  kind: StepKind
  /** The served route, "PUT /lambda". */
  route: string
  label: string
  request: {method: string; path: string; headers: Record<string, string>; bodyBytes: number}
  status: number
  pass: boolean
  observed: ObservedOutcome
  basis: VerdictBasis
  summary: string
  /** Present for failed steps. */
  cause?: Cause
  ms: number
}

/** The largest raw payload a probed route carries, in the directions the probes used. */
export interface RouteLimit {
  route: string
  request?: SizeLimit
  response?: SizeLimit
}

export interface VerifyReport {
  api: {id: string; name: string}
  region: string | null
  stage: string
  deploymentId: string
  baseUrl: string
  /** Where the credentials sent with every probe came from ("x-api-key from --api-key"); never their values. */
  auth: string[]
  spec: {kind: DesiredSpec['source']['kind']; file: string | null} | null
  /** Where the probes came from. */
  probes: 'spec' | 'flags' | 'defaults'
  payload: {bytes: number; sha256: string}
  steps: StepReport[]
  /** The effective payload limit of every route probed. */
  limits: RouteLimit[]
  summary: VerifySummary
  allPassed: boolean
  calls: {controlPlane: number; stage: number}
}

export interface VerifyDependencies {
  createReader?: (connection: AwsConnectionOptions) => Promise<LiveReader>
  createCloudFormation?: CloudFormationFactory
  createRequester?: (baseUrl: string, options: RequesterOptions) => StageRequester
  createSigner?: (connection: AwsConnectionOptions) => Promise<ProbeSigner>
  io?: IoHost
  env?: NodeJS.ProcessEnv
}

export async function verifyStage(request: VerifyRequest, dependencies: VerifyDependencies = {}): Promise<VerifyReport> {
  // Every local input is checked before the first call.
  const flagged = checkedFlags(request)
  const spec = await loadDesiredSpec({specFile: request.specFile, binaryTypes: [], cwd: request.cwd})
  const stageName = request.stage ?? spec?.stage
  if (stageName === undefined) throw new UsageError('No stage given: pass --stage or set stage: in the spec')
  const source = flagged.probes ? 'flags' : spec && spec.verify.length > 0 ? 'spec' : 'defaults'
  if (flagged.acceptOnly && source === 'defaults') {
    throw new UsageError('--accept needs probes to apply to: pass --route, or list verify: entries in the spec')
  }
  const probes = flagged.probes ?? (spec?.verify ?? []).map((probe) => (flagged.acceptOnly ? {...probe, accept: flagged.acceptOnly} : probe))
  const env = dependencies.env ?? process.env
  const credentials = probeCredentials(request.auth ?? {}, spec?.verifyAuth, env)

  const connection = {...request.connection, region: request.connection.region ?? spec?.region}
  const reader = await (dependencies.createReader ?? connectReader)(connection)
  const cloudFormation = new LazyCloudFormation(connection, dependencies.createCloudFormation)
  let signer: ProbeSigner | undefined
  try {
    const api = await resolveApi(reader, {api: request.api, stack: request.stack, ...specTarget(spec), judgedBySpec: true, reuseSpec: request.reuseSpec}, cloudFormation)
    const {live, served} = await readLiveState(reader, api, stageName)
    if (!served) throw new Error(`stage ${stageName} was not read`)
    const config = served.config
    const plan = planned({served: config, probes, binaryMediaTypes: spec?.binaryMediaTypes.length ? spec.binaryMediaTypes : config.binaryMediaTypes, payloadSize: flagged.size, probeSource: flagged.probes ? '--route' : 'verify'})
    const region = reader.region ?? request.connection.region ?? spec?.region
    const customBase = request.domain === undefined ? request.baseUrl : domainBaseUrl(request.domain, await reader.getBasePathMappings(request.domain), api.id, stageName)
    if (region === undefined && customBase === undefined) throw new UsageError('No Region: pass --region (or set AWS_REGION) to reach the stage')
    const baseUrl = stageBaseUrl({
      restApiId: api.id,
      region: region ?? '',
      stage: stageName,
      ...(customBase === undefined ? {} : {baseUrl: customBase}),
      ...endpointOf(request.connection, env),
    })
    if (credentials.sign) signer = await (dependencies.createSigner ?? connectSigner)(connection)
    const authenticate = authenticator(credentials, signer)
    const requester = (dependencies.createRequester ?? stageRequester)(baseUrl, authenticate ? {authenticate} : {})
    const results = await sendProbes(plan, requester, {served: config, working: live, stage: stageName}, dependencies.io ?? SILENT_IO_HOST, baseUrl)
    const summary = summarizeVerify(results.map(({result}) => result))
    return {
      api: {id: api.id, name: api.name},
      region: region ?? null,
      stage: stageName,
      deploymentId: served.deploymentId,
      baseUrl,
      auth: credentials.sources,
      spec: spec ? {kind: spec.source.kind, file: spec.source.file ?? null} : null,
      probes: source,
      payload: {bytes: plan.reference.size, sha256: plan.reference.sha256},
      steps: results.map(stepReport),
      limits: routeLimits(plan.steps),
      summary,
      allPassed: summary.allPassed,
      calls: {controlPlane: (reader.stats?.().calls ?? 0) + (await cloudFormation.calls()), stage: requester.sent},
    }
  } finally {
    signer?.close?.()
    reader.close?.()
    await cloudFormation.close()
  }
}

async function connectSigner(connection: AwsConnectionOptions): Promise<ProbeSigner> {
  const {createProbeSigner} = await import('../aws/clients.js')
  return createProbeSigner(connection)
}

/** The credentials every probe carries, then (with --sign) the signature over the whole request. */
function authenticator(credentials: ProbeCredentials, signer: ProbeSigner | undefined): RequesterOptions['authenticate'] {
  if (Object.keys(credentials.headers).length === 0 && !signer) return undefined
  return async (request, url) => {
    const headers = {...request.headers, ...credentials.headers}
    const signature = signer ? await signer.sign({method: request.method, url, headers, ...(request.body ? {body: request.body} : {})}) : {}
    return {...credentials.headers, ...signature}
  }
}

/**
 * The stage's URL under a custom domain: the base path mapping of this API and stage ("(none)" is the
 * root), or one for every stage of the API, which callers follow with the stage name (developer guide,
 * "Working with API mappings for REST APIs").
 */
function domainBaseUrl(domain: string, mappings: readonly BasePathMapping[], restApiId: string, stage: string): string {
  const ofApi = mappings.filter((mapping) => mapping.restApiId === restApiId)
  const mapping = ofApi.find((entry) => entry.stage === stage) ?? ofApi.find((entry) => entry.stage === undefined)
  if (!mapping) {
    const known = ofApi.map((entry) => `${entry.basePath} → ${entry.stage ?? 'every stage'}`).join(', ')
    throw new UsageError(`--domain ${domain}: no base path maps to REST API ${restApiId} stage ${stage}${known ? ` (its mappings: ${known})` : ''}`)
  }
  const path = mapping.basePath === '(none)' ? '' : `/${mapping.basePath}`
  return `https://${domain}${path}${mapping.stage === undefined ? `/${stage}` : ''}`
}

interface FlaggedProbes {
  probes?: VerifyProbe[]
  /** --accept without --route: replaces the Accept lists of the spec's entries. */
  acceptOnly?: string[]
  size?: number
}

function checkedFlags(request: VerifyRequest): FlaggedProbes {
  const size = request.size === undefined ? undefined : sizeFrom(request.size)
  for (const accept of request.accept ?? []) {
    if (mediaTypeEssence(accept.split(',', 1)[0]!) === undefined) throw new UsageError(`--accept ${accept}: its first entry is not a media type (type/subtype)`)
  }
  for (const contentType of request.contentTypes ?? []) {
    if (mediaTypeEssence(contentType) === undefined) throw new UsageError(`--content-type ${contentType}: not a media type (type/subtype)`)
  }
  if (request.baseUrl !== undefined) checkedBaseUrl(request.baseUrl)
  if (request.domain !== undefined) {
    if (request.baseUrl !== undefined) throw new UsageError('--domain and --base-url both name where the stage answers: give one')
    // A DNS name: labels of letters, digits and hyphens (custom domain names are such host names).
    if (!/^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/.test(request.domain)) throw new UsageError(`--domain ${request.domain}: not a domain name such as api.example.com`)
  }
  if (request.readBack !== undefined && parseRequestLine(request.readBack)?.method !== 'GET') {
    throw new UsageError(`--read-back ${request.readBack}: must be "GET /path?query"`)
  }
  const routes = request.routes ?? []
  if (routes.length === 0) {
    if (request.contentTypes?.length) throw new UsageError('--content-type uploads only on routes named with --route')
    if (request.readBack !== undefined) throw new UsageError('--read-back reads back an upload of a --route')
    return {...(request.accept?.length ? {acceptOnly: request.accept} : {}), ...(size === undefined ? {} : {size})}
  }
  const probes = routes.map((route): VerifyProbe => {
    const line = parseRequestLine(route)
    if (!line) throw new UsageError(`--route ${route}: must be "METHOD /path?query", such as "GET /lambda?key=cat.jpg"`)
    const uploads = !BODILESS_METHODS.includes(line.method) && request.contentTypes?.length
    return {
      route: `${line.method} ${line.target}`,
      ...(request.accept?.length ? {accept: request.accept} : {}),
      ...(uploads ? {contentType: request.contentTypes!} : {}),
      ...(uploads && request.readBack !== undefined ? {readBack: request.readBack} : {}),
    }
  })
  if (request.contentTypes?.length && !probes.some((probe) => probe.contentType)) {
    throw new UsageError('--content-type: none of the --route requests takes a body (GET, HEAD, OPTIONS and DELETE send none)')
  }
  return {probes, ...(size === undefined ? {} : {size})}
}

function sizeFrom(text: string): number {
  try {
    return parseSize(text, '--size')
  } catch (error) {
    if (error instanceof VerifyInputError) throw new UsageError(error.message)
    throw error
  }
}

function checkedBaseUrl(text: string): void {
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new UsageError(`--base-url ${text}: not an http(s) URL`)
  if (url.username || url.password) throw new UsageError('--base-url: must not contain a user name or password')
  if (url.search || url.hash) throw new UsageError(`--base-url ${text}: must not have a query or fragment`)
}

function planned(input: Parameters<typeof planProbes>[0]): ProbePlan {
  try {
    return planProbes(input)
  } catch (error) {
    if (error instanceof VerifyInputError) throw new UsageError(error.message)
    throw error
  }
}

/** The control-plane endpoint the SDK will use, when it is not AWS's own (the sandbox's data plane shares it). */
function endpointOf(connection: AwsConnectionOptions, env: NodeJS.ProcessEnv): {endpointUrl?: string} {
  const endpoint = connection.endpointUrl ?? (env.AWS_ENDPOINT_URL_API_GATEWAY || undefined) ?? (env.AWS_ENDPOINT_URL || undefined)
  return endpoint === undefined ? {} : {endpointUrl: endpoint}
}

interface TimedResult {
  result: StepResult
  status: number
  ms: number
}

async function sendProbes(
  plan: ProbePlan,
  requester: StageRequester,
  context: {served: ApiConfig; working: ApiConfig; stage: string},
  io: IoHost,
  baseUrl: string,
): Promise<TimedResult[]> {
  const results: TimedResult[] = []
  for (const step of plan.steps) {
    const task = await startTask(io, `${step.request.method} ${step.request.path}  ${step.label}`)
    const started = performance.now()
    let answer
    try {
      answer = await requester.send(step.request)
    } catch (error) {
      await task.fail((error as Error).message)
      if (error instanceof StageUnreachableError) throw new RemoteError(`The stage at ${baseUrl} could not be reached: ${error.reason}`)
      throw error
    }
    const ms = Math.round(performance.now() - started)
    const verdict = judge(step, answer, plan.payload)
    const result: StepResult = {step, verdict}
    if (!verdict.pass) result.cause = explainFailure(step, verdict, {...context, earlier: results.map((earlier) => earlier.result)})
    if (verdict.pass) await task.succeed(verdict.summary)
    else await task.fail(verdict.summary)
    results.push({result, status: answer.status, ms})
  }
  return results
}

function stepReport({result: {step, verdict, cause}, status, ms}: TimedResult): StepReport {
  return {
    id: step.id,
    kind: step.kind,
    route: routeKey(step.route),
    label: step.label,
    request: {method: step.request.method, path: step.request.path, headers: step.request.headers, bodyBytes: step.request.body?.length ?? 0},
    status,
    pass: verdict.pass,
    observed: verdict.observed,
    basis: verdict.basis,
    summary: verdict.summary,
    ...(cause ? {cause} : {}),
    ms,
  }
}

function routeLimits(steps: readonly ProbeStep[]): RouteLimit[] {
  const limits = new Map<string, RouteLimit>()
  for (const step of steps) {
    // Preflights and clean-ups carry no payload; uploads carry it in, read-backs and downloads out.
    if (step.kind === 'preflight' || step.kind === 'cleanup') continue
    const key = routeKey(step.route)
    const limit = limits.get(key) ?? {route: key}
    if (step.kind === 'upload') limit.request = effectiveSizeLimit(step.route, 'request')
    else limit.response = effectiveSizeLimit(step.route, 'response')
    limits.set(key, limit)
  }
  return [...limits.values()]
}
