// The payload as the JSONPath functions of a mapping template ($input.json, $input.path) see it.
// Results take Jayway JsonPath's shape, as API Gateway's do: a definite path (no wildcard, deep scan, filter,
// slice or union) yields one value, an indefinite one the list of its matches.
import {JSONPath} from 'jsonpath-plus'

/** What a JSONPath expression selected from a document. */
export type JsonPathSelection = {found: false} | {found: true; value: unknown}

/**
 * Reads a payload as the document JSONPath runs on. An empty payload reads as `{}` (API Gateway hands templates
 * `{}` for a request without a body); text that is not JSON reads as one string value, the way json-smart's
 * permissive parser reads a form-encoded or plain-text body, so `$input.path('$')` is the text itself.
 */
export function readPayloadDocument(payload: string): unknown {
  if (payload === '') return {}
  try {
    return JSON.parse(payload) as unknown
  } catch {
    return payload
  }
}

/** Evaluates `expression` on `document`; a definite path that matches nothing is not found. */
export function selectJsonPath(document: unknown, expression: string): JsonPathSelection {
  const path = rootedPath(expression)
  // jsonpath-plus answers nothing at all for a null document, so the root is read directly.
  if (path === '$') return {found: true, value: document}
  const json = document as null | boolean | number | string | object
  const matches = JSONPath<unknown[] | undefined>({path, json, wrap: true})
  if (!isDefinitePath(path)) return {found: true, value: matches ?? []}
  return matches && matches.length > 0 ? {found: true, value: matches[0]} : {found: false}
}

// Jayway reads a path that does not start at the root as relative to it ("foo.bar" is "$.foo.bar").
function rootedPath(expression: string): string {
  const path = expression.trim()
  if (path === '' || path === '$') return '$'
  if (path.startsWith('$')) return path
  if (path.startsWith('[')) return `$${path}`
  return `$.${path}`
}

function isDefinitePath(path: string): boolean {
  let quote: string | undefined
  let bracketDepth = 0
  for (let i = 0; i < path.length; i++) {
    const char = path[i]
    if (quote) {
      if (char === '\\') i++
      else if (char === quote) quote = undefined
      continue
    }
    if (char === "'" || char === '"') quote = char
    else if (char === '[') bracketDepth++
    else if (char === ']') bracketDepth--
    else if (char === '*' || char === '?') return false
    else if (char === '.' && path[i + 1] === '.') return false
    else if (bracketDepth > 0 && (char === ',' || char === ':')) return false
  }
  return true
}
