// Which served route a concrete request lands on, the way API Gateway routes it: the most specific
// resource wins segment by segment (a literal beats {param}, which beats {greedy+}), then the exact
// method, else ANY. Probes are written as concrete requests ("PUT /thumbnails/cat.png?size=s").

import type {ApiConfig, RouteConfig} from '../api-config.js'

export interface ProbeRequestLine {
  method: string
  /** Path and query as written: what is appended to the stage's base URL. */
  target: string
  /** The path alone, for routing. */
  path: string
}

const REQUEST_LINE = /^([A-Za-z]+)\s+(\/\S*)$/

/** "METHOD /path?query" → its parts, or undefined when it is not one. */
export function parseRequestLine(text: string): ProbeRequestLine | undefined {
  const match = REQUEST_LINE.exec(text.trim())
  if (!match) return undefined
  const target = match[2]!
  return {method: match[1]!.toUpperCase(), target, path: target.split(/[?#]/, 1)[0]!}
}

/** The served route a request with this method and path reaches, or undefined (API Gateway's 403/404). */
export function resolveRoute(config: ApiConfig, method: string, path: string): RouteConfig | undefined {
  let best: {resourcePath: string; rank: number[]} | undefined
  for (const resourcePath of new Set(config.routes.map((route) => route.resourcePath))) {
    const rank = matchRank(resourcePath, path)
    if (rank && (!best || compareRanks(rank, best.rank) > 0)) best = {resourcePath, rank}
  }
  if (!best) return undefined
  const onResource = config.routes.filter((route) => route.resourcePath === best.resourcePath)
  return onResource.find((route) => route.httpMethod === method) ?? onResource.find((route) => route.httpMethod === 'ANY')
}

const LITERAL = 2
const PARAMETER = 1
const GREEDY = 0

/** Per segment how specifically the template matched, or undefined when it does not match the path. */
export function matchRank(resourcePath: string, path: string): number[] | undefined {
  const template = segments(resourcePath)
  const concrete = segments(path)
  const rank: number[] = []
  for (const [index, part] of template.entries()) {
    if (/^\{[^}]+\+\}$/.test(part)) {
      // A greedy parameter takes one or more remaining segments and must be last.
      return index === template.length - 1 && concrete.length > index ? [...rank, GREEDY] : undefined
    }
    const given = concrete[index]
    if (given === undefined || given === '') return undefined
    if (/^\{[^}]+\}$/.test(part)) rank.push(PARAMETER)
    else if (part === given || part === safeDecode(given)) rank.push(LITERAL)
    else return undefined
  }
  return concrete.length === template.length ? rank : undefined
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    if (a[index] !== b[index]) return a[index]! - b[index]!
  }
  return a.length - b.length
}

function segments(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '')
  return trimmed === '' ? [] : trimmed.split('/')
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** A path that reaches `resourcePath`: every {param} and {greedy+} becomes "probe". */
export function concretePath(resourcePath: string): string {
  return resourcePath.replace(/\{[^}]+\}/g, 'probe')
}

export function hasPathParameters(resourcePath: string): boolean {
  return resourcePath.includes('{')
}
