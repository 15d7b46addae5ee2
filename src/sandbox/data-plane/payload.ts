// Carries out a conversion outcome of src/core/conversion.ts on real bytes. Which outcome applies is
// decided there; this module only knows what each outcome does to a body.

import type {ConversionOutcome} from '../../core/conversion.js'
import {internalServerError} from './gateway-responses.js'

/** A body in API Gateway's two kinds: text (what a mapping template can read) or raw bytes. */
export type Payload = {kind: 'text'; text: string} | {kind: 'binary'; bytes: Buffer}

// `ignoreBOM: true` keeps a leading EF BB BF as U+FEFF instead of dropping it: 'text' changes only
// the bytes that are not UTF-8.
const utf8 = new TextDecoder('utf-8', {fatal: false, ignoreBOM: true})

/** Bytes as UTF-8 text; every invalid sequence becomes U+FFFD (EF BF BD once re-encoded). */
export function utf8Text(bytes: Uint8Array): string {
  return utf8.decode(bytes)
}

export function payloadBytes(payload: Payload): Buffer {
  return payload.kind === 'binary' ? payload.bytes : Buffer.from(payload.text, 'utf8')
}

export function payloadText(payload: Payload): string {
  return payload.kind === 'text' ? payload.text : utf8Text(payload.bytes)
}

/**
 * Applies `outcome` to a body. `decodeSource` is the text base64-decoding reads when it differs from
 * the body's own text (a Lambda result that is a JSON string: see integrations/lambda.ts). A body that
 * is not base64 where base64 is expected is an API configuration error: 500 (aws-binary-facts §1.2, §1.3).
 */
export function applyOutcome(outcome: ConversionOutcome, body: Payload, decodeSource?: string): Payload {
  switch (outcome) {
    case 'text':
      return {kind: 'text', text: payloadText(body)}
    case 'binary':
      return {kind: 'binary', bytes: payloadBytes(body)}
    case 'base64-encode':
      return {kind: 'text', text: payloadBytes(body).toString('base64')}
    case 'base64-decode': {
      const bytes = decodeBase64(decodeSource ?? payloadText(body))
      if (bytes === undefined) throw internalServerError()
      return {kind: 'binary', bytes}
    }
  }
}

/**
 * Standard base64 as API Gateway decodes it: the alphabet only, padding optional but only at the end, no
 * dangling sixth bit group. A space or line break is no base64 character either: AWS answers 500 and passes
 * nothing on for base64 text with spaces (recorded: LocalStack
 * test_apigw_s3_binary_support_request_convert_to_binary, "this is a UTF8 text typed object" under
 * CONVERT_TO_BINARY; Java's basic Base64 decoder refuses every character outside the alphabet). Node's own
 * decoder silently skips bad characters, which would turn garbage into bytes instead of a 500, so the
 * complete groups are re-encoded and compared: native work, where a scan in JavaScript or a regular
 * expression over a multi-megabyte body costs tens of milliseconds.
 */
export function decodeBase64(text: string): Buffer | undefined {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end -= 1
  const padding = text.length - end
  if (padding > 2 || end % 4 === 1) return undefined
  if (padding > 0 && text.length % 4 !== 0) return undefined
  const whole = end - (end % 4)
  for (let index = whole; index < end; index++) {
    if (!isBase64Character(text.charCodeAt(index))) return undefined
  }
  const groups = text.slice(0, whole)
  // Node stops at an inner '=' and re-encodes the group as it was: padding is only allowed at the end.
  if (groups.includes('=') || Buffer.from(groups, 'base64').toString('base64') !== groups) return undefined
  return Buffer.from(text.slice(0, end), 'base64')
}

function isBase64Character(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2b || // +
    code === 0x2f // /
  )
}
