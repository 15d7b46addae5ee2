import type {Route} from './route.js'

interface CompiledRoute {
  route: Route
  segments: string[]
}

export interface RouteMatch {
  route: Route
  params: Record<string, string>
}

/** Matches a raw path against the route templates; each `{param}` takes one percent-decoded segment. */
export class Router {
  private readonly compiled: CompiledRoute[]

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => ({route, segments: route.template.split('/').slice(1)}))
  }

  /** `undefined` when nothing matches; `'method'` when the path exists for another HTTP method. */
  match(method: string, rawPath: string, query: URLSearchParams): RouteMatch | 'method' | undefined {
    const segments = rawPath.split('/').slice(1)
    let pathMatched = false
    for (const {route, segments: template} of this.compiled) {
      const params = matchSegments(template, segments)
      if (!params) continue
      pathMatched = true
      if (route.method !== method) continue
      if (route.query && Object.entries(route.query).some(([key, value]) => query.get(key) !== value)) continue
      return {route, params}
    }
    return pathMatched ? 'method' : undefined
  }
}

function matchSegments(template: string[], segments: string[]): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (const [index, part] of template.entries()) {
    const segment = segments[index]
    if (part.startsWith('{')) {
      if (segment === '') return undefined
      let decoded: string
      try {
        decoded = decodeURIComponent(segment)
      } catch {
        return undefined
      }
      params[part.slice(1, -1)] = decoded
    } else if (part !== segment) {
      return undefined
    }
  }
  return params
}
