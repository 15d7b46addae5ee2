// The probe payload and the forms API Gateway can turn it into: base64 text and UTF-8-sanitised text
// (aws-binary-facts §1.2: bytes that are not valid UTF-8 become U+FFFD, EF BF BD). The judge recognises
// each form, so a failure can say what happened to the bytes rather than only that they differ.

import {createHash} from 'node:crypto'

export const DEFAULT_PAYLOAD_SIZE = 256

/**
 * The bytes every probe sends: 0, 1, …, 255 repeated to `size`. All 256 byte values (from 256 bytes on)
 * means every way of mishandling binary shows: invalid UTF-8, NUL, CR/LF, high bytes.
 */
export function probePayload(size = DEFAULT_PAYLOAD_SIZE): Uint8Array {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`payload size ${size}: must be a whole number of bytes, at least 1`)
  const bytes = new Uint8Array(size)
  for (let index = 0; index < size; index += 1) bytes[index] = index % 256
  return bytes
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
}

const lenientUtf8 = new TextDecoder('utf-8', {fatal: false, ignoreBOM: true})
const strictUtf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})
const utf8Encoder = new TextEncoder()

/** What API Gateway's text handling makes of bytes: decoded as UTF-8 (invalid sequences → U+FFFD) and re-encoded. */
export function utf8Mangled(bytes: Uint8Array): Uint8Array {
  return utf8Encoder.encode(lenientUtf8.decode(bytes))
}

/** The text of the bytes when they are valid UTF-8, else undefined. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return undefined
  }
}

export function utf8Bytes(text: string): Uint8Array {
  return utf8Encoder.encode(text)
}

export const REPLACEMENT_CHARACTER = '\uFFFD'

export function base64Encode(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

/**
 * The bytes a text is the base64 of, or undefined when it is not base64. Strict where Buffer is lenient:
 * any character outside the alphabet, or a length no encoder produces, makes it "not base64".
 */
export function base64Decode(text: string): Uint8Array | undefined {
  const compact = text.replace(/[\r\n]+/g, '')
  if (!isBase64Text(compact)) return undefined
  const unpadded = compact.replace(/=+$/, '')
  if (unpadded.length % 4 === 1) return undefined
  if (compact.length !== unpadded.length && compact.length % 4 !== 0) return undefined
  return new Uint8Array(Buffer.from(unpadded.replaceAll('-', '+').replaceAll('_', '/'), 'base64'))
}

const PADDING = 0x3d // '='
const MIN_BASE64_RUN = 4

/**
 * Standard or URL-safe alphabet (not mixed), at least one character, then up to two '=': what
 * `/^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/` accepts. A scan for the same reason as base64AlphabetRuns.
 */
function isBase64Text(text: string): boolean {
  let end = text.length
  while (end > 0 && text.length - end < 2 && text.charCodeAt(end - 1) === PADDING) end -= 1
  if (end === 0) return false
  let standard = true
  let urlSafe = true
  for (let index = 0; index < end; index++) {
    const code = text.charCodeAt(index)
    const alphanumeric = isAlphanumeric(code)
    standard &&= alphanumeric || code === 0x2b || code === 0x2f // + /
    urlSafe &&= alphanumeric || code === 0x2d || code === 0x5f // - _
    if (!standard && !urlSafe) return false
  }
  return true
}

function isAlphanumeric(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)
}

/**
 * Each maximal run of at least 4 characters of the standard base64 alphabet, with up to two '=' after
 * it: what `/[A-Za-z0-9+/]{4,}={0,2}/g` matches. A scan rather than that regex: V8's backtracking stack
 * overflows ("Maximum call stack size exceeded") on a run of a few MiB, and bodies reach 10 MiB.
 */
export function base64AlphabetRuns(text: string): string[] {
  const runs: string[] = []
  let index = 0
  while (index < text.length) {
    if (!isStandardBase64Character(text.charCodeAt(index))) {
      index += 1
      continue
    }
    const start = index
    while (index < text.length && isStandardBase64Character(text.charCodeAt(index))) index += 1
    if (index - start < MIN_BASE64_RUN) continue
    let end = index
    while (end < text.length && end - index < 2 && text.charCodeAt(end) === PADDING) end += 1
    runs.push(text.slice(start, end))
    index = end
  }
  return runs
}

function isStandardBase64Character(code: number): boolean {
  return isAlphanumeric(code) || code === 0x2b || code === 0x2f // + /
}
