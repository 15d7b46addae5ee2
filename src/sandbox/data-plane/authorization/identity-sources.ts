// An authorizer's identity sources (`identitySource`: comma-separated `method.request.header.NAME`,
// `method.request.querystring.NAME`, `stageVariables.NAME`, `context.NAME`) read from the request: the
// values API Gateway checks are present and keys its result cache on (developer guide "Configure a
// Lambda authorizer": a missing, null or empty identity source is a 401 without invoking the function).

import {lastValue} from '../headers.js'
import type {Invocation} from '../invocation.js'
import {pathValue} from '../parameter-mapping.js'

/** Each source's value in order, or undefined when one is missing or empty. */
export function identityValues(identitySource: string | undefined, invocation: Invocation): string[] | undefined {
  const sources = (identitySource ?? '').split(',').map((source) => source.trim()).filter(Boolean)
  const values: string[] = []
  for (const source of sources) {
    const value = identityValue(source, invocation)
    if (value === undefined || value === '') return undefined
    values.push(value)
  }
  return values
}

function identityValue(source: string, invocation: Invocation): string | undefined {
  const {request} = invocation
  if (source.startsWith('method.request.header.')) return lastValue(request.headers, source.slice('method.request.header.'.length))
  if (source.startsWith('method.request.querystring.')) {
    const name = source.slice('method.request.querystring.'.length)
    let found: string | undefined
    for (const [key, value] of request.query) if (key === name) found = value
    return found
  }
  if (source.startsWith('stageVariables.')) return invocation.stageVariables[source.slice('stageVariables.'.length)]
  if (source.startsWith('context.')) {
    const value = pathValue(invocation.context, source.slice('context.'.length))
    return value === undefined || value === null ? undefined : String(value)
  }
  return undefined
}

/** The header a TOKEN or COGNITO_USER_POOLS authorizer reads its token from (Authorization when none is named). */
export function tokenHeader(identitySource: string | undefined): string {
  const source = (identitySource ?? '').trim()
  return source.startsWith('method.request.header.') ? source.slice('method.request.header.'.length) : 'Authorization'
}
