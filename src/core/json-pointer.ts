// RFC 6901 segment escaping as API Gateway patch paths use it: '/' inside a key is '~1' (AWS docs),
// '~' is '~0' (RFC 6901; AWS documents only '~1', and decoding '~0' is what a conforming server does).

export function escapePointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1')
}

export function unescapePointerSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~')
}

export function binaryMediaTypePatchPath(mediaType: string): string {
  return `/binaryMediaTypes/${escapePointerSegment(mediaType)}`
}
