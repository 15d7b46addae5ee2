// The judgement of one answer: what came back, in the terms of API Gateway's conversions (intact, base64,
// UTF-8-damaged, base64 of damaged, base64 twice), and whether the step passes. With a reference (an
// upload of this run stored the payload) the answer is compared with the payload and its known forms;
// without one only its shape can be judged, so only the unmistakable symptoms fail.

import {SANDBOX_DIAGNOSIS_HEADER, type SandboxDiagnosis, parseSandboxDiagnosis} from '../sandbox-diagnosis.js'
import {formatSize} from './byte-size.js'
import type {Expectation} from './expectations.js'
import type {ProbeStep} from './probe-plan.js'
import {REPLACEMENT_CHARACTER, base64AlphabetRuns, base64Decode, base64Encode, bytesEqual, sha256Hex, utf8Bytes, utf8Mangled, utf8Text} from './payload.js'

export type ObservedOutcome =
  /** The payload, byte for byte. */
  | 'bytes-intact'
  /** The body is the base64 text of the payload. */
  | 'base64-text'
  /** JSON holding a string that is the base64 of the payload (`jsonField` says where). */
  | 'json-base64'
  /** The payload after API Gateway's text handling: invalid UTF-8 replaced by U+FFFD. */
  | 'utf8-mangled'
  /** Text that is not JSON but holds the base64 of the payload, e.g. a template's `{"image": ""…""}`. */
  | 'embedded-base64'
  /** The base64 of the UTF-8-damaged payload: damaged on the way in, encoded on the way out. */
  | 'base64-of-mangled'
  /** The base64 of the payload's base64 text. */
  | 'double-base64'
  /** Any status outside 2xx. */
  | 'error-status'
  /** Some other bytes. */
  | 'different-bytes'
  /** No reference: valid UTF-8 text that is neither base64 nor damaged. */
  | 'text'
  /** No reference: bytes that are not text. */
  | 'bytes-unverified'
  /** No reference: the body is base64 text of binary data. */
  | 'looks-base64'
  /** UTF-8 text holding U+FFFD: bytes that were not valid UTF-8 were replaced. */
  | 'contains-replacement-chars'
  /** A 2xx answer whose body is not examined (uploads, preflights). */
  | 'accepted'
  /** A streamed answer whose connection broke before its end: what came is not the whole body. */
  | 'stream-cut'

/** What a verdict rests on: the payload's SHA-256, the answer's shape (no reference), or its status. */
export type VerdictBasis = 'payload' | 'shape' | 'status'

export interface Observation {
  status: number
  /** Lower-case names. */
  headers: Record<string, string>
  body: Uint8Array
  /** The connection broke before the answer's end (stage-requests.ts). */
  truncated?: boolean
}

export interface Verdict {
  pass: boolean
  observed: ObservedOutcome
  /** Plain words for the report, e.g. "came back as base64 text (344 characters) instead of 256 bytes". */
  summary: string
  basis: VerdictBasis
  status: number
  body: {size: number; sha256: string}
  /** json-base64: the JSON path of the string holding the payload ("" for a JSON string). */
  jsonField?: string
  /** An error answered by API Gateway itself ({"message": …}), not by an integration response. */
  gatewayMessage?: string
  /** Its x-amzn-ErrorType, which names the kind of refusal (UnauthorizedException, AccessDeniedException …). */
  errorType?: string
  /** An error the sandbox gave because of its own set-up, as its diagnosis header says (never from AWS). */
  sandboxDiagnosis?: SandboxDiagnosis
}

export function judge(step: Pick<ProbeStep, 'expect'>, observation: Observation, payload: Uint8Array): Verdict {
  const {expect} = step
  const body = {size: observation.body.byteLength, sha256: sha256Hex(observation.body)}
  const verdict = (pass: boolean, observed: ObservedOutcome, summary: string, basis: VerdictBasis, jsonField?: string): Verdict => ({
    pass,
    observed,
    summary,
    basis,
    status: observation.status,
    body,
    ...(jsonField === undefined ? {} : {jsonField}),
  })
  const is2xx = observation.status >= 200 && observation.status <= 299
  const basis: VerdictBasis = expect.kind === 'success' ? 'status' : expect.reference ? 'payload' : 'shape'
  if (!is2xx) {
    const message = gatewayMessage(observation.body)
    const sandboxDiagnosis = parseSandboxDiagnosis(observation.headers[SANDBOX_DIAGNOSIS_HEADER])
    // API Gateway sends "ForbiddenException:…" style values on some answers: the type is what precedes a colon.
    const errorType = observation.headers['x-amzn-errortype']?.split(':', 1)[0]?.trim()
    return {
      ...verdict(false, 'error-status', `answered ${observation.status} ${excerpt(observation.body)}`, basis),
      ...(message === undefined ? {} : {gatewayMessage: message}),
      ...(errorType ? {errorType} : {}),
      ...(sandboxDiagnosis === undefined ? {} : {sandboxDiagnosis}),
    }
  }
  // Whatever the bytes so far look like, a stream that broke off did not deliver the answer.
  if (observation.truncated) return verdict(false, 'stream-cut', `the answer stopped after ${formatSize(body.size)}, its stream cut before the end`, basis)
  if (expect.kind === 'success') {
    return verdict(true, 'accepted', `answered ${observation.status}${expect.note ? `; ${expect.note}` : ''}`, basis)
  }
  if (expect.reference) {
    const found = compareWithPayload(observation.body, payload)
    const pass = found.observed === 'bytes-intact' || (expect.kind === 'recoverable' && RECOVERABLE.includes(found.observed))
    return verdict(pass, found.observed, describeCompared(found, observation.body, payload, pass), basis, found.jsonField)
  }
  const shape = classifyShape(observation.body)
  const pass = expect.kind === 'bytes' ? shape.observed === 'text' || shape.observed === 'bytes-unverified' : shape.observed !== 'contains-replacement-chars'
  return verdict(pass, shape.observed, describeShape(shape, observation, expect, pass), basis)
}

// API Gateway's own errors (gateway responses) carry exactly {"message": "…"}.
function gatewayMessage(body: Uint8Array): string | undefined {
  const text = utf8Text(body)
  if (text === undefined || !text.trimStart().startsWith('{')) return undefined
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
    const keys = Object.keys(parsed)
    const message = (parsed as {message?: unknown}).message
    return keys.length === 1 && typeof message === 'string' ? message : undefined
  } catch {
    return undefined
  }
}

/** Forms a client that asked for text can recover the payload from. */
const RECOVERABLE: readonly ObservedOutcome[] = ['base64-text', 'json-base64', 'embedded-base64']

interface Compared {
  observed: ObservedOutcome
  /** The base64 text found, for its length. */
  base64?: string
  jsonField?: string
}

function compareWithPayload(body: Uint8Array, payload: Uint8Array): Compared {
  if (bytesEqual(body, payload)) return {observed: 'bytes-intact'}
  const mangled = utf8Mangled(payload)
  if (bytesEqual(body, mangled)) return {observed: 'utf8-mangled'}
  const text = utf8Text(body)
  if (text === undefined) return {observed: 'different-bytes'}
  const forms = textForms(text)
  const decoded = forms.map((form) => ({...form, bytes: base64Decode(form.text)}))
  const holding = (wanted: Uint8Array) => decoded.find((form) => form.bytes !== undefined && bytesEqual(form.bytes, wanted))
  const direct = holding(payload)
  if (direct) return direct.field === undefined ? {observed: 'base64-text', base64: direct.text} : {observed: 'json-base64', base64: direct.text, jsonField: direct.field}
  const ofMangled = holding(mangled)
  if (ofMangled) return {observed: 'base64-of-mangled', base64: ofMangled.text}
  const twice = holding(utf8Bytes(base64Encode(payload)))
  if (twice) return {observed: 'double-base64', base64: twice.text}
  const embedded = base64Runs(text).find((run) => bytesEqual(base64Decode(run)!, payload))
  if (embedded) return {observed: 'embedded-base64', base64: embedded}
  if (text.includes(REPLACEMENT_CHARACTER)) return {observed: 'contains-replacement-chars'}
  return {observed: 'different-bytes'}
}

/** The body as text, and every string inside it when it is JSON (with its path), each trimmed. */
function textForms(text: string): Array<{text: string; field?: string}> {
  const forms: Array<{text: string; field?: string}> = [{text: text.trim()}]
  const json = parseJson(text)
  if (json !== undefined) collectStrings(json, '', forms, 0)
  return forms
}

// A mapping template may wrap the function's JSON string in more quotes, which is no longer JSON; the
// base64 inside is still there for a client to take.
function base64Runs(text: string): string[] {
  return base64AlphabetRuns(text).filter((run) => base64Decode(run) !== undefined)
}

const MAX_JSON_DEPTH = 16

function collectStrings(value: unknown, path: string, into: Array<{text: string; field?: string}>, depth: number): void {
  if (typeof value === 'string') into.push({text: value.trim(), field: path})
  else if (depth >= MAX_JSON_DEPTH || value === null || typeof value !== 'object') return
  else if (Array.isArray(value)) value.forEach((item, index) => collectStrings(item, `${path}[${index}]`, into, depth + 1))
  else for (const [key, item] of Object.entries(value)) collectStrings(item, path === '' ? key : `${path}.${key}`, into, depth + 1)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

interface Shape {
  observed: 'text' | 'bytes-unverified' | 'looks-base64' | 'contains-replacement-chars'
  base64?: string
}

// Shorter base64-looking runs are too often tokens or digests to call them a symptom, and a run that is
// not nearly the whole body is a field of some larger answer.
const MIN_BASE64_SYMPTOM = 64
const BASE64_SHARE_OF_BODY = 0.9

/**
 * Without a reference: U+FFFD in otherwise valid UTF-8 is damage (real binary is almost never valid
 * UTF-8), and a body that is all but entirely the base64 of non-text data (bare, as a JSON string or in
 * a one-field wrapper) is the "base64 instead of bytes" symptom. Anything else cannot be told apart
 * from a correct answer.
 */
function classifyShape(body: Uint8Array): Shape {
  const text = utf8Text(body)
  if (text === undefined) return {observed: 'bytes-unverified'}
  if (text.includes(REPLACEMENT_CHARACTER)) return {observed: 'contains-replacement-chars'}
  const run = longest(base64Runs(text.replace(/[\r\n]+/g, '')))
  if (run && run.length >= MIN_BASE64_SYMPTOM && run.length >= BASE64_SHARE_OF_BODY * text.trim().length && !looksLikeText(base64Decode(run)!)) {
    return {observed: 'looks-base64', base64: run}
  }
  return {observed: 'text'}
}

/** The first of the longest, in one pass: a body of base64 runs can hold a million of them. */
function longest(runs: string[]): string | undefined {
  let found: string | undefined
  for (const run of runs) if (found === undefined || run.length > found.length) found = run
  return found
}

function looksLikeText(bytes: Uint8Array): boolean {
  const text = utf8Text(bytes)
  // Control characters other than tab and line breaks mark binary data.
  return text !== undefined && !/[\u0000-\u0008\u000E-\u001F\u007F]/.test(text)
}

function describeCompared(found: Compared, body: Uint8Array, payload: Uint8Array, pass: boolean): string {
  const expected = formatSize(payload.byteLength)
  const characters = `${found.base64?.length ?? 0} characters`
  switch (found.observed) {
    case 'bytes-intact':
      return `bytes intact (${expected}, sha256 ${shortHash(sha256Hex(body))}…)`
    case 'base64-text':
      return pass ? `came back as base64 text (${characters}) that decodes to the ${expected}` : `came back as base64 text (${characters}) instead of ${expected}`
    case 'json-base64': {
      const where = found.jsonField ? `JSON with the bytes base64-encoded in "${found.jsonField}"` : 'a JSON string holding the base64 of the bytes'
      return pass ? `came back as ${where} (${expected}, recoverable)` : `came back as ${where} instead of ${expected}`
    }
    case 'utf8-mangled':
      return `came back as UTF-8 text of ${formatSize(body.byteLength)} instead of ${expected}: every byte that was not valid UTF-8 became U+FFFD (EF BF BD)`
    case 'base64-of-mangled':
      return `came back as base64 text (${characters}) of the bytes after UTF-8 damage: every byte that was not valid UTF-8 had become U+FFFD`
    case 'embedded-base64':
      return pass ? `came back as text holding the base64 of the ${expected} (recoverable)` : `came back as text holding the base64 of the bytes instead of ${expected}`
    case 'double-base64':
      return `came back base64-encoded twice (${characters}) instead of ${expected}`
    case 'contains-replacement-chars':
      return `came back as text of ${formatSize(body.byteLength)} holding U+FFFD replacement characters instead of ${expected}`
    default:
      return `came back as ${formatSize(body.byteLength)} (sha256 ${shortHash(sha256Hex(body))}…) instead of the ${expected} sent (sha256 ${shortHash(sha256Hex(payload))}…)`
  }
}

function describeShape(shape: Shape, observation: Observation, expect: Expectation, pass: boolean): string {
  const size = formatSize(observation.body.byteLength)
  const notCompared = 'not compared: no upload of this run stored it'
  switch (shape.observed) {
    case 'contains-replacement-chars':
      return `came back as text of ${size} holding U+FFFD replacement characters: bytes that were not valid UTF-8 were replaced`
    case 'looks-base64':
      return pass || expect.kind !== 'bytes'
        ? `came back as base64 text (${shape.base64!.length} characters); ${notCompared}`
        : `came back as base64 text (${shape.base64!.length} characters) instead of bytes`
    case 'text': {
      const contentType = observation.headers['content-type']
      return `came back as text of ${size}${contentType ? ` (${contentType})` : ''}; ${notCompared}`
    }
    case 'bytes-unverified':
      return `came back as ${size} of binary (sha256 ${shortHash(sha256Hex(observation.body))}…); ${notCompared}`
  }
}

export function shortHash(sha256: string): string {
  return sha256.slice(0, 8)
}

const EXCERPT_LENGTH = 120

/** A short, printable view of an error body: `{"message": "Internal server error"}`. */
function excerpt(body: Uint8Array): string {
  if (body.byteLength === 0) return '(empty body)'
  const text = utf8Text(body)
  if (text === undefined) return `(${formatSize(body.byteLength)} of binary)`
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat
}
