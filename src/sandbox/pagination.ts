import {validationError} from './api-errors.js'

/**
 * Collections answer `{"item": [...], "position": "..."}` (aws-binary-facts §2.1). The position is an
 * opaque token; here it encodes the offset of the next page. Default page size 25, maximum 500.
 */
export function paginate<T>(items: readonly T[], query: URLSearchParams): {item: T[]; position?: string} {
  const limitText = query.get('limit')
  let limit = 25
  if (limitText !== null) {
    limit = Number(limitText)
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      throw validationError(`Value '${limitText}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 500`)
    }
  }
  const start = decodePosition(query.get('position'))
  const page = items.slice(start, start + limit)
  const next = start + limit
  return next < items.length ? {item: page, position: encodePosition(next)} : {item: page}
}

function encodePosition(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url')
}

function decodePosition(position: string | null): number {
  if (position === null || position === '') return 0
  const match = /^o:(\d+)$/.exec(Buffer.from(position, 'base64url').toString('utf8'))
  if (!match) throw validationError(`Value '${position}' at 'position' failed to satisfy constraint: invalid pagination token`)
  return Number(match[1])
}
