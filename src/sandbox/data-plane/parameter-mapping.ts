// requestParameters and responseParameters: `integration.request.{path|querystring|header}.NAME` from
// method request data, and `method.response.header.NAME` from integration response data, `$context`,
// stage variables or a quoted literal (developer guide "request-response-data-mappings"). A source that
// yields nothing leaves the target unset (LocalStack next_gen parameters_mapping.py).

import {allValues, lastValue, type Pairs} from './headers.js'
import {type Invocation} from './invocation.js'
import {readPayloadDocument, selectJsonPath} from './json-path.js'
import {payloadText, type Payload} from './payload.js'

export interface RequestDataMapping {
  path: Record<string, string>
  querystring: Array<[string, string]>
  header: Array<[string, string]>
}

export function mapRequestParameters(invocation: Invocation): RequestDataMapping {
  const mapping: RequestDataMapping = {path: {}, querystring: [], header: []}
  for (const [target, source] of Object.entries(invocation.integration.requestParameters ?? {})) {
    const [location, ...nameParts] = target.replace(/^integration\.request\./, '').split('.')
    const name = nameParts.join('.')
    const value = source.startsWith('method.request.') ? methodRequestValue(source.slice('method.request.'.length), invocation) : sharedValue(source, invocation)
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue
    const values = Array.isArray(value) ? value : [value]
    if (location === 'path') mapping.path[name] = values.at(-1)!
    else if (location === 'querystring') for (const item of values) mapping.querystring.push([name, item])
    else if (location === 'header') mapping.header.push([name, values.join(',')])
  }
  return mapping
}

function methodRequestValue(expression: string, invocation: Invocation): string | string[] | undefined {
  const {request} = invocation
  if (expression === 'body') return payloadText({kind: 'binary', bytes: request.body})
  if (expression.startsWith('body.')) return jsonValue(payloadText({kind: 'binary', bytes: request.body}), expression.slice(5))
  const dot = expression.indexOf('.')
  const kind = expression.slice(0, dot)
  const name = expression.slice(dot + 1)
  switch (kind) {
    case 'path':
      return invocation.pathParameters[name]
    case 'querystring':
      return request.query.filter(([key]) => key === name).at(-1)?.[1]
    case 'multivaluequerystring':
      return request.query.filter(([key]) => key === name).map(([, value]) => value)
    case 'header':
      return lastValue(request.headers, name)
    case 'multivalueheader':
      return allValues(request.headers, name).join(',') || undefined
    default:
      return undefined
  }
}

/** Sources valid on both sides: `context.x`, `stageVariables.x`, `'literal'`. */
function sharedValue(source: string, invocation: Invocation): string | undefined {
  if (source.startsWith("'") && source.endsWith("'") && source.length >= 2) return source.slice(1, -1)
  if (source.startsWith('stageVariables.')) return invocation.stageVariables[source.slice('stageVariables.'.length)]
  if (source.startsWith('context.')) {
    const value = pathValue(invocation.context, source.slice('context.'.length))
    return value === undefined || value === null ? undefined : String(value)
  }
  return undefined
}

export interface EndpointView {
  headers: Pairs
  body: Payload
}

/** `method.response.header.NAME` values for the selected integration response. */
export function mapResponseParameters(parameters: Record<string, string> | undefined, endpoint: EndpointView, invocation: Invocation): Array<[string, string]> {
  const headers: Array<[string, string]> = []
  for (const [target, source] of Object.entries(parameters ?? {})) {
    if (!target.startsWith('method.response.header.')) continue
    const name = target.slice('method.response.header.'.length)
    let value: string | undefined
    if (source === 'integration.response.body') value = payloadText(endpoint.body)
    else if (source.startsWith('integration.response.body.')) value = jsonValue(payloadText(endpoint.body), source.slice('integration.response.body.'.length))
    else if (source.startsWith('integration.response.header.')) value = lastValue(endpoint.headers, source.slice('integration.response.header.'.length))
    else if (source.startsWith('integration.response.multivalueheader.')) {
      value = allValues(endpoint.headers, source.slice('integration.response.multivalueheader.'.length)).join(',') || undefined
    } else value = sharedValue(source, invocation)
    if (value !== undefined && value !== '') headers.push([name, value])
  }
  return headers
}

/** A JSONPath field of a body (`a.b[0]`, read as `$.a.b[0]`); objects come back as JSON text. */
function jsonValue(text: string, path: string): string | undefined {
  const selection = selectJsonPath(readPayloadDocument(text), path)
  if (!selection.found || selection.value === undefined || selection.value === null) return undefined
  return typeof selection.value === 'string' ? selection.value : JSON.stringify(selection.value)
}

/** The value at a dotted path of own properties (`context.identity.sourceIp`), or undefined. */
export function pathValue(root: unknown, path: string): unknown {
  let current = root
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined
    current = (current as Record<string, unknown>)[part]
  }
  return current
}

/**
 * The integration URI with `{name}` path mappings and `${stageVariables.name}` filled in. A path parameter
 * is still percent-encoded as the client sent it and goes in as it is; only characters a URL cannot carry
 * (from a value mapped out of a decoded query string or header) are escaped.
 */
export function renderUri(uri: string, pathMapping: Record<string, string>, stageVariables: Record<string, string>): string {
  return uri
    .replace(/\$\{stageVariables\.([^}]+)\}/g, (_, name: string) => stageVariables[name] ?? '')
    .replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const value = pathMapping[name]
      return value === undefined ? whole : value.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@%/]/gu, (char) => encodeURIComponent(char))
    })
}
