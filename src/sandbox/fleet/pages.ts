// Pages of a list with an opaque NextToken, as Organizations and Account hand them out: the token holds
// where the next page starts, and a token the sandbox did not make is refused.

export interface Page<T> {
  items: T[]
  nextToken?: string
}

export class PageTokenError extends Error {}

const PREFIX = 'sandbox-page:'

export function page<T>(items: readonly T[], token: string | undefined, size: number): Page<T> {
  const start = token === undefined ? 0 : offsetOf(token)
  const end = start + size
  return {items: items.slice(start, end), ...(end < items.length ? {nextToken: Buffer.from(`${PREFIX}${end}`).toString('base64url')} : {})}
}

function offsetOf(token: string): number {
  const text = Buffer.from(token, 'base64url').toString('utf8')
  const offset = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : Number.NaN
  if (!Number.isSafeInteger(offset) || offset < 0) throw new PageTokenError(token)
  return offset
}
