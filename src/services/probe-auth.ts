// What verify sends to get through a stage's authorization: an API key, headers for Lambda or Cognito
// authorizers, a SigV4 signature for IAM. Given as flags or named in the spec by environment variable;
// the values are secrets, so no message, report, plan or journal ever holds one, only where it came from.

import type {VerifyAuth} from '../core/desired-spec.js'
import {UsageError} from '../core/errors.js'
import {quoted} from '../core/quote.js'

export interface ProbeCredentials {
  /** Sent with every probe, after the probe's own headers. */
  headers: Record<string, string>
  sign: boolean
  /** Where each header came from, for the report: "x-api-key from --api-key". */
  sources: string[]
}

export interface ProbeAuthFlags {
  /** --api-key */
  apiKey?: string
  /** --header "Name: value", repeatable. */
  headers?: string[]
  /** --sign */
  sign?: boolean
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/
// A value is one line of visible characters and spaces (RFC 9110 field-value), nothing Node would refuse.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]{0,8192}$/
/** Headers each probe sets itself, or the HTTP client does: credentials must not replace them. */
const PROBE_HEADERS = new Set(['accept', 'content-type', 'content-length', 'host', 'transfer-encoding', 'connection', 'origin', 'access-control-request-method', 'access-control-request-headers'])

/** Flags first, then the spec's verifyAuth read from `env`; one-line usage errors that never echo a value. */
export function probeCredentials(flags: ProbeAuthFlags, auth: VerifyAuth | undefined, env: NodeJS.ProcessEnv): ProbeCredentials {
  const headers: Record<string, string> = {}
  const sources: string[] = []
  const add = (name: string, value: string, source: string) => {
    if (!HEADER_NAME.test(name)) throw new UsageError(`${source}: ${quoted(name)} is not a header name`)
    if (PROBE_HEADERS.has(name.toLowerCase())) throw new UsageError(`${source}: ${name} is set by each probe itself; send credentials in another header`)
    if (!HEADER_VALUE.test(value)) throw new UsageError(`${source}: the value of ${name} must be one line of printable characters (at most 8192)`)
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase())
    if (existing !== undefined) throw new UsageError(`${source}: ${name} is already sent (${sources.find((entry) => entry.startsWith(`${existing} `))})`)
    headers[name] = value
    sources.push(`${name} from ${source}`)
  }
  const fromEnv = (variable: string, place: string): string => {
    const value = env[variable]
    if (value === undefined || value === '') throw new UsageError(`${place} ${variable}: the environment variable is not set`)
    return value
  }
  if (flags.apiKey !== undefined) {
    if (flags.apiKey === '') throw new UsageError('--api-key: empty')
    add('x-api-key', flags.apiKey, '--api-key')
  } else if (auth?.apiKeyEnv !== undefined) {
    add('x-api-key', fromEnv(auth.apiKeyEnv, 'verifyAuth.apiKeyEnv'), `$${auth.apiKeyEnv}`)
  }
  for (const written of flags.headers ?? []) {
    const colon = written.indexOf(':')
    if (colon <= 0) throw new UsageError(`--header ${quoted(written.slice(0, 40))}: write "Name: value", such as "Authorization: Bearer …"`)
    add(written.slice(0, colon).trim(), written.slice(colon + 1).trim(), '--header')
  }
  for (const [name, variable] of Object.entries(auth?.headers ?? {})) {
    // A flag for the same header wins over the spec's.
    if (Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase())) continue
    add(name, fromEnv(variable, `verifyAuth.headers.${name}`), `$${variable}`)
  }
  const sign = flags.sign === true || auth?.sign === true
  if (sign && Object.keys(headers).some((key) => key.toLowerCase() === 'authorization')) {
    throw new UsageError('--sign writes the Authorization header: it cannot also be given with --header or verifyAuth.headers')
  }
  if (sign) sources.push(`SigV4 signature from ${flags.sign === true ? '--sign' : 'verifyAuth.sign'}`)
  return {headers, sign, sources}
}
