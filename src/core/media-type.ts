// Media types as API Gateway compares them against `binaryMediaTypes` (aws-binary-facts §1.4, vectors
// `matching`): only the first Accept entry counts, parameters are ignored, a wildcard in the header is
// never expanded, an entry's subtype wildcard (`image/*`) matches, a type wildcard (`*/png`) never does,
// and `*/*` matches everything, including a request without the header (reported behaviour, §1.4).

import {unescapePointerSegment} from './json-pointer.js'

export const ANY_MEDIA_TYPE = '*/*'

// RFC 9110 token characters.
const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/

export interface MediaTypeParts {
  type: string
  subtype: string
}

/** `type/subtype` in lower case without parameters, or undefined when the text is not a media type. */
export function mediaTypeEssence(text: string): string | undefined {
  const parts = parseMediaType(text)
  return parts && `${parts.type}/${parts.subtype}`
}

export function parseMediaType(text: string): MediaTypeParts | undefined {
  const essence = text.split(';', 1)[0]!.trim().toLowerCase()
  const slash = essence.indexOf('/')
  if (slash <= 0 || slash === essence.length - 1) return undefined
  const type = essence.slice(0, slash)
  const subtype = essence.slice(slash + 1)
  if (!TOKEN.test(type) || !TOKEN.test(subtype)) return undefined
  return {type, subtype}
}

/**
 * A media type as users write it in specs: case-insensitive, parameters dropped, and the `~1` form that
 * SAM and old CloudFormation docs ask for (`image~1png`) read as `image/png`.
 */
export function normalizeSpecMediaType(text: string): string | undefined {
  const decoded = !text.includes('/') && text.includes('~1') ? unescapePointerSegment(text) : text
  return mediaTypeEssence(decoded)
}

export function sameMediaType(a: string, b: string): boolean {
  const left = normalizeSpecMediaType(a)
  return left !== undefined && left === normalizeSpecMediaType(b)
}

/** The media type that decides the response side: the first Accept entry, as sent. */
export function firstAcceptEntry(accept: string | null | undefined): string | undefined {
  if (accept === null || accept === undefined) return undefined
  const first = accept.split(',', 1)[0]!.trim()
  return first === '' ? undefined : first
}

/** Does one `binaryMediaTypes` entry match a (single) header media type? */
export function entryMatches(entry: string, headerMediaType: string | undefined): boolean {
  const wanted = parseMediaType(entry)
  if (!wanted) return false
  if (wanted.type === '*' && wanted.subtype === '*') return true
  if (headerMediaType === undefined) return false
  const got = parseMediaType(headerMediaType)
  if (!got) return false
  if (wanted.type === '*') return false
  if (wanted.subtype === '*') return wanted.type === got.type
  return wanted.type === got.type && wanted.subtype === got.subtype
}

/** Content-Type side: the whole header value is one media type. */
export function contentTypeIsBinary(contentType: string | null | undefined, binaryMediaTypes: readonly string[]): boolean {
  const value = contentType ?? undefined
  return binaryMediaTypes.some((entry) => entryMatches(entry, value))
}

/** Accept side: only the first entry of the list counts. */
export function acceptIsBinary(accept: string | null | undefined, binaryMediaTypes: readonly string[]): boolean {
  const first = firstAcceptEntry(accept)
  return binaryMediaTypes.some((entry) => entryMatches(entry, first))
}

export function headerIsBinary(header: 'Accept' | 'Content-Type', value: string | null | undefined, binaryMediaTypes: readonly string[]): boolean {
  return header === 'Accept' ? acceptIsBinary(value, binaryMediaTypes) : contentTypeIsBinary(value, binaryMediaTypes)
}

export type MalformedReason = 'not-a-media-type' | 'type-wildcard' | 'has-parameters' | 'surrounding-space' | 'escaped-slash'

/**
 * Why a live `binaryMediaTypes` entry can never do what its author meant, or undefined when it is fine.
 * API Gateway stores any string; these forms match nothing (or not what they say).
 */
export function malformedReason(entry: string): MalformedReason | undefined {
  if (entry !== entry.trim()) return 'surrounding-space'
  if (!entry.includes('/') && entry.includes('~1') && parseMediaType(unescapePointerSegment(entry))) return 'escaped-slash'
  const parts = parseMediaType(entry)
  if (!parts) return 'not-a-media-type'
  if (parts.type === '*' && parts.subtype !== '*') return 'type-wildcard'
  if (entry.includes(';')) return 'has-parameters'
  return undefined
}
