// Which requests `verify` sends, in order, and what each must return. Built from the probes of the
// desired spec (or flags) and the routes the stage serves; uploads happen only where a probe lists a
// Content-Type, each followed by a read-back, then downloads, then every MOCK preflight.

import {type ApiConfig, type RouteConfig, isMockPreflight} from '../api-config.js'
import type {VerifyProbe} from '../desired-spec.js'
import {parseMediaType} from '../media-type.js'
import {MAX_PROBE_SIZE} from './byte-size.js'
import {
  type AcceptChoice,
  type Expectation,
  JSON_ACCEPT,
  type PayloadReference,
  type UploadEncoding,
  acceptLabel,
  defaultAcceptMatrix,
  downloadExpectation,
  uploadBody,
} from './expectations.js'
import {DEFAULT_PAYLOAD_SIZE, probePayload, sha256Hex} from './payload.js'
import {type ProbeRequestLine, concretePath, hasPathParameters, parseRequestLine, resolveRoute} from './route-match.js'
import {VerifyInputError} from './verify-input-error.js'

export type StepKind = 'upload' | 'read-back' | 'download' | 'cleanup' | 'preflight'
export const STEP_KINDS: readonly StepKind[] = ['upload', 'read-back', 'download', 'cleanup', 'preflight']

export interface ProbeRequest {
  method: string
  /** Path and query as sent, relative to the stage's base URL. */
  path: string
  /** As sent, in their usual capitalisation. */
  headers: Record<string, string>
  body?: Uint8Array
}

interface StepBase {
  /** "1", "2", … in sending order. */
  id: string
  /** The served route the request reaches. */
  route: RouteConfig
  label: string
  request: ProbeRequest
  expect: Expectation
}

export interface UploadStep extends StepBase {
  kind: 'upload'
  contentType: string
  encoding: UploadEncoding
  expect: Extract<Expectation, {kind: 'success'}>
  readBackStepId?: string
}

/** The upload whose stored payload a later step reads. */
export interface UploadSource {
  stepId: string
  route: RouteConfig
  contentType: string
  encoding: UploadEncoding
}

export interface ReadBackStep extends StepBase {
  kind: 'read-back'
  accept: string
  upload: UploadSource
}

export interface DownloadStep extends StepBase {
  kind: 'download'
  accept: string
  /** Present when an upload of this run wrote this URL: the answer is compared with the payload. */
  upload?: UploadSource
}

export interface PreflightStep extends StepBase {
  kind: 'preflight'
  /** The Access-Control-Request-Method sent. */
  requestMethod: string
}

/** A probe's `cleanup`: removes what its upload stored, once everything that reads it was sent. */
export interface CleanupStep extends StepBase {
  kind: 'cleanup'
  expect: Extract<Expectation, {kind: 'success'}>
}

export type ProbeStep = UploadStep | ReadBackStep | DownloadStep | CleanupStep | PreflightStep

export interface ProbePlanInput {
  /** What the stage serves: its deployment's configuration. */
  served: ApiConfig
  /** The desired spec's verify entries, or probes from flags; empty means the defaults. */
  probes: readonly VerifyProbe[]
  /** The declared binary media types (the desired spec's), for the default Accept matrix. */
  binaryMediaTypes: readonly string[]
  payloadSize?: number
  /** How refusals name the probes: `verify[1].route …`. */
  probeSource?: string
}

export interface ProbePlan {
  payload: Uint8Array
  reference: PayloadReference
  /** True when no probes were given and every GET without path parameters was tried. */
  defaults: boolean
  steps: ProbeStep[]
}

// Methods whose requests carry no body (RFC 9110 gives GET, HEAD, DELETE and OPTIONS no defined body
// semantics; API Gateway's own clients send none).
export const BODILESS_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS', 'DELETE']

/** Browser-like CORS preflight headers; the Origin is a placeholder no real allow-list depends on. */
export const PREFLIGHT_ORIGIN = 'https://example.com'

interface ResolvedProbe {
  method: string
  target: string
  route: RouteConfig
  contentTypes: string[]
  accepts?: string[]
  readBack?: {target: string; route: RouteConfig}
  cleanup?: {method: string; target: string; route: RouteConfig}
}

/** Throws VerifyInputError, one line naming the probe, for a probe the stage cannot serve. */
export function planProbes(input: ProbePlanInput): ProbePlan {
  const size = input.payloadSize ?? DEFAULT_PAYLOAD_SIZE
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PROBE_SIZE) {
    throw new VerifyInputError(`payload size ${size}: must be a whole number of bytes from 1 to ${MAX_PROBE_SIZE}`)
  }
  const payload = probePayload(size)
  const reference = {sha256: sha256Hex(payload), size}
  const probes = input.probes.map((probe, index) => resolveProbe(input.served, probe, index, input.probeSource ?? 'verify'))
  const steps = new StepList()

  // Uploads first, so that later downloads of the same URLs have something to compare with.
  const written = new Map<string, UploadSource>()
  for (const probe of probes) {
    for (const contentType of probe.contentTypes) {
      const {encoding, body} = uploadBody(contentType, payload)
      const uploadId = steps.nextId()
      const readBackId = probe.readBack ? steps.idAfter(1) : undefined
      const note = probe.readBack
        ? `the read-back (step ${readBackId}) compares what was stored`
        : `not compared: the stage serves no GET on ${probe.route.resourcePath} to read it back`
      steps.add({
        kind: 'upload',
        route: probe.route,
        label: `upload as ${contentType}${encoding === 'base64' ? ' (base64 text)' : ''}`,
        // The upload's answer is judged by status only; asking for JSON keeps it off the binary path.
        request: {method: probe.method, path: probe.target, headers: {'Content-Type': contentType, Accept: JSON_ACCEPT}, body},
        expect: {kind: 'success', note},
        contentType,
        encoding,
        ...(readBackId ? {readBackStepId: readBackId} : {}),
      })
      const upload: UploadSource = {stepId: uploadId, route: probe.route, contentType, encoding}
      written.set(probe.target, upload)
      if (!probe.readBack) continue
      written.set(probe.readBack.target, upload)
      // application/json gets text under almost any configuration, and recovery accepts raw bytes too.
      steps.add({
        kind: 'read-back',
        route: probe.readBack.route,
        label: `read back with Accept: ${JSON_ACCEPT}`,
        request: {method: 'GET', path: probe.readBack.target, headers: {Accept: JSON_ACCEPT}},
        expect: {kind: 'recoverable', reference},
        accept: JSON_ACCEPT,
        upload,
      })
    }
  }

  const downloads: Array<{method: string; target: string; route: RouteConfig; accepts: AcceptChoice[]}> =
    probes.length > 0
      ? probes
          .filter((probe) => probe.contentTypes.length === 0 || probe.accepts !== undefined)
          .map((probe) => ({
            // An upload probe's Accept values download what it stored, through its read-back route.
            ...(probe.contentTypes.length > 0 && probe.readBack ? {method: 'GET', ...probe.readBack} : probe),
            accepts: probe.accepts?.map((accept) => ({accept, label: acceptLabel(accept)})) ?? defaultAcceptMatrix(input.binaryMediaTypes, probe.route.resourcePath),
          }))
      : input.served.routes
          .filter((route) => route.httpMethod === 'GET' && !hasPathParameters(route.resourcePath))
          .map((route) => ({method: 'GET', target: route.resourcePath, route, accepts: defaultAcceptMatrix(input.binaryMediaTypes, route.resourcePath)}))
  for (const download of downloads) {
    const upload = written.get(download.target)
    for (const {accept, label} of download.accepts) {
      steps.add({
        kind: 'download',
        route: download.route,
        label,
        request: {method: download.method, path: download.target, headers: {Accept: accept}},
        expect: downloadExpectation(accept, upload ? reference : undefined),
        accept,
        ...(upload ? {upload} : {}),
      })
    }
  }

  for (const {cleanup} of probes) {
    if (!cleanup) continue
    steps.add({
      kind: 'cleanup',
      route: cleanup.route,
      label: 'clean up what the upload stored',
      request: {method: cleanup.method, path: cleanup.target, headers: {Accept: JSON_ACCEPT}},
      expect: {kind: 'success'},
    })
  }

  for (const route of input.served.routes.filter(isMockPreflight)) {
    const requestMethod = preflightRequestMethod(input.served, route.resourcePath)
    steps.add({
      kind: 'preflight',
      route,
      label: `CORS preflight for ${requestMethod}`,
      request: {
        method: 'OPTIONS',
        path: concretePath(route.resourcePath),
        headers: {Origin: PREFLIGHT_ORIGIN, 'Access-Control-Request-Method': requestMethod, 'Access-Control-Request-Headers': 'content-type', Accept: '*/*'},
      },
      expect: {kind: 'success'},
      requestMethod,
    })
  }

  if (steps.list.length === 0) {
    throw new VerifyInputError('nothing to verify: the stage serves no GET without path parameters and no MOCK preflight; list probes under verify: in the spec')
  }
  return {payload, reference, defaults: probes.length === 0, steps: steps.list}
}

type StepDraft = ProbeStep extends infer Step ? (Step extends ProbeStep ? Omit<Step, 'id'> : never) : never

class StepList {
  readonly list: ProbeStep[] = []

  nextId(): string {
    return this.idAfter(0)
  }

  idAfter(offset: number): string {
    return String(this.list.length + 1 + offset)
  }

  add(draft: StepDraft): void {
    this.list.push({id: this.nextId(), ...draft} as ProbeStep)
  }
}

function resolveProbe(served: ApiConfig, probe: VerifyProbe, index: number, source: string): ResolvedProbe {
  const name = `${source}[${index}]`
  const line = parseRequestLine(probe.route)
  if (!line) throw new VerifyInputError(`${name}.route "${probe.route}": not a request; write "METHOD /path?query", e.g. "GET /files/probe.bin"`)
  const route = resolveRoute(served, line.method, line.path)
  if (!route) throw new VerifyInputError(`${name}.route "${probe.route}": the stage serves no such route`)

  const contentTypes = probe.contentType ?? []
  if (contentTypes.length > 0 && BODILESS_METHODS.includes(line.method)) {
    throw new VerifyInputError(`${name}.route "${probe.route}": ${line.method} requests carry no body, so there is nothing to upload; use PUT, POST or PATCH`)
  }
  for (const contentType of contentTypes) {
    if (!parseMediaType(contentType)) throw new VerifyInputError(`${name}.contentType "${contentType}": not a media type such as image/png`)
  }
  for (const accept of probe.accept ?? []) {
    if (accept.trim() === '') throw new VerifyInputError(`${name}.accept: an empty Accept value; leave accept out for the default set`)
  }

  const resolved: ResolvedProbe = {method: line.method, target: line.target, route, contentTypes}
  if (probe.accept && probe.accept.length > 0) resolved.accepts = [...probe.accept]
  if (probe.cleanup !== undefined) resolved.cleanup = cleanupOf(served, probe.cleanup, name)
  if (contentTypes.length === 0) return resolved
  resolved.readBack = readBackOf(served, probe, line, route, name)
  if (resolved.accepts && !resolved.readBack) {
    throw new VerifyInputError(`${name}.accept: the stage serves no GET on ${route.resourcePath} to download the upload with; give readBack`)
  }
  return resolved
}

function readBackOf(served: ApiConfig, probe: VerifyProbe, line: ProbeRequestLine, route: RouteConfig, name: string): ResolvedProbe['readBack'] {
  if (probe.readBack !== undefined) {
    const readBack = parseRequestLine(probe.readBack)
    if (!readBack || readBack.method !== 'GET') {
      throw new VerifyInputError(`${name}.readBack "${probe.readBack}": write the GET that reads the upload back, e.g. "GET /files/probe.bin"`)
    }
    const readRoute = resolveRoute(served, 'GET', readBack.path)
    if (!readRoute) throw new VerifyInputError(`${name}.readBack "${probe.readBack}": the stage serves no such route`)
    return {target: readBack.target, route: readRoute}
  }
  // By default the same URL is read back, when the uploaded resource also answers GET.
  const readRoute = resolveRoute(served, 'GET', line.path)
  return readRoute && readRoute.resourcePath === route.resourcePath ? {target: line.target, route: readRoute} : undefined
}

function cleanupOf(served: ApiConfig, written: string, name: string): NonNullable<ResolvedProbe['cleanup']> {
  const line = parseRequestLine(written)
  if (!line) throw new VerifyInputError(`${name}.cleanup "${written}": not a request; write "METHOD /path?query", e.g. "DELETE /files/probe.bin"`)
  const route = resolveRoute(served, line.method, line.path)
  if (!route) throw new VerifyInputError(`${name}.cleanup "${written}": the stage serves no such route`)
  return {method: line.method, target: line.target, route}
}

// The method a browser would preflight: what the resource serves besides OPTIONS, reads first.
const PREFLIGHTED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']

function preflightRequestMethod(served: ApiConfig, resourcePath: string): string {
  const methods = served.routes.filter((route) => route.resourcePath === resourcePath).map((route) => route.httpMethod)
  return PREFLIGHTED_METHODS.find((method) => methods.includes(method)) ?? 'GET'
}

/** "PUT /lambda?key=probe.jpg", the request line of a step as the report shows it. */
export function requestLine(step: ProbeStep): string {
  return `${step.request.method} ${step.request.path}`
}
