// What each probe request asks for and what it must get back. Only the first Accept entry decides the
// response side (aws-binary-facts §1.3, §1.4): a client whose first entry is binary must get the exact
// bytes; a client that asked for text (JSON, XML, text/*) is served correctly when the bytes can be
// recovered from the answer — AWS's own sample answers Accept: application/json with {"image": "<base64>"}.

import {PREFLIGHT_ACCEPT} from '../experience.js'
import {firstAcceptEntry, parseMediaType} from '../media-type.js'
import {BROWSER_IMAGE_ACCEPT} from '../rules/proxy.js'
import {base64Encode, utf8Bytes} from './payload.js'

/** The payload a step can be compared with: only what an upload of this run stored. */
export interface PayloadReference {
  sha256: string
  size: number
}

/**
 * - `bytes`: the answer must be the payload, byte for byte (judged by shape without a reference).
 * - `recoverable`: the payload must be recoverable: the raw bytes, their base64, or JSON holding it.
 * - `success`: any 2xx; the body is not examined (`note` says why, for the report).
 */
export type Expectation =
  | {kind: 'bytes'; reference?: PayloadReference}
  | {kind: 'recoverable'; reference?: PayloadReference}
  | {kind: 'success'; note?: string}

export interface AcceptChoice {
  accept: string
  label: string
}

// Default Accept values from MDN's "List of default Accept values" (aws-binary-facts §1.4): browsers lead
// with image/avif, which is why listing image/png alone still sends base64 to <img> tags.
export const CHROME_IMAGE_ACCEPT = BROWSER_IMAGE_ACCEPT
export const FIREFOX_IMAGE_ACCEPT = 'image/avif,image/webp,*/*'
export const ANY_ACCEPT = PREFLIGHT_ACCEPT
export const JSON_ACCEPT = 'application/json'
export const FALLBACK_BINARY_TYPE = 'application/octet-stream'

const KNOWN_ACCEPTS: readonly AcceptChoice[] = [
  {accept: CHROME_IMAGE_ACCEPT, label: 'Chrome <img>'},
  {accept: FIREFOX_IMAGE_ACCEPT, label: 'Firefox <img>'},
  {accept: ANY_ACCEPT, label: 'any (*/*)'},
  {accept: JSON_ACCEPT, label: 'JSON client'},
]

// Path words that say a resource serves pictures; enough to pick image/jpeg over application/octet-stream.
const IMAGE_PATH = /image|img|thumb|photo|picture|avatar|icon/i

/**
 * The Accept values a download is tried with when its probe lists none: the declared binary type first,
 * then what browsers send for <img>, then the any-type Accept and a JSON client.
 *
 * The declared type is one concrete entry of `binaryMediaTypes` (wildcards name no type a client sends):
 * a concrete image/* entry for a path that looks like it serves images, else the first concrete entry,
 * else application/octet-stream. One is enough: every concrete entry matches itself, so they all take
 * the same path through API Gateway.
 */
export function defaultAcceptMatrix(binaryMediaTypes: readonly string[], resourcePath: string): AcceptChoice[] {
  const concrete = binaryMediaTypes.filter((entry) => {
    const parts = parseMediaType(entry)
    return parts !== undefined && parts.type !== '*' && parts.subtype !== '*'
  })
  const image = IMAGE_PATH.test(resourcePath) ? concrete.find((entry) => parseMediaType(entry)!.type === 'image') : undefined
  const declared = image ?? concrete[0] ?? FALLBACK_BINARY_TYPE
  return [{accept: declared, label: 'declared binary type'}, ...KNOWN_ACCEPTS.filter((choice) => choice.accept !== declared)]
}

/** "Chrome <img>" for the values of the default matrix, else the header as written. */
export function acceptLabel(accept: string): string {
  return KNOWN_ACCEPTS.find((choice) => choice.accept === accept)?.label ?? `Accept: ${accept}`
}

/**
 * A media type a client reads as text: text/*, application/json, application/*+json, application/xml
 * and any *+xml. Parameters are ignored; anything unparsable counts as binary (bytes are the strict case).
 */
export function isTextMediaType(mediaType: string | undefined): boolean {
  const parts = mediaType === undefined ? undefined : parseMediaType(mediaType)
  if (!parts) return false
  if (parts.type === 'text') return true
  if (parts.type === 'application' && (parts.subtype === 'json' || parts.subtype === 'xml' || parts.subtype.endsWith('+json'))) return true
  return parts.subtype.endsWith('+xml')
}

/** Bytes for a binary first Accept entry, the recoverable payload for a text one. */
export function downloadExpectation(accept: string, reference: PayloadReference | undefined): Expectation {
  const kind = isTextMediaType(firstAcceptEntry(accept)) ? 'recoverable' : 'bytes'
  return reference ? {kind, reference} : {kind}
}

export type UploadEncoding = 'raw' | 'base64'

/**
 * What an upload sends: the raw payload for a binary Content-Type, its base64 text for a text one (AWS's
 * sample request 4: PUT with Content-Type: application/json and the image as base64 text).
 */
export function uploadBody(contentType: string, payload: Uint8Array): {encoding: UploadEncoding; body: Uint8Array} {
  return isTextMediaType(contentType) ? {encoding: 'base64', body: utf8Bytes(base64Encode(payload))} : {encoding: 'raw', body: payload}
}
