// Finds the resource and method a request path targets in a deployment's resource tree. At each level
// a literal path part beats `{param}`, which beats a greedy `{name+}` (at least one segment, all the
// rest of the path); a literal that leads nowhere falls back to the variable parts. Empty segments
// are ignored (LocalStack next_gen handlers/resource_router.py). Only a resource with the request's method
// (or ANY) matches: a literal resource without it lets the request fall through to a `{param}` or
// `{proxy+}` sibling that has it (recorded: LocalStack test_proxy_routing_with_hardcoded_resource_sibling,
// OPTIONS /test reaching the OPTIONS of /{proxy+} beside a POST-only /test; resource_router.py has one rule
// per resource and method). The exact method wins over ANY, and ANY stands for DELETE, GET, HEAD, OPTIONS,
// PATCH, POST and PUT (resource_router.py ApiGatewayMethodRule). HEAD and OPTIONS are served only where
// defined (or ANY): API Gateway does not answer HEAD from GET.

import type {ApiSnapshot, Method, Resource} from '../model.js'

interface Node {
  resource?: Resource
  literals: Map<string, Node>
  variable?: {name: string; node: Node}
  greedy?: {name: string; resource: Resource}
}

export interface ResourceMatch {
  resource: Resource
  pathParameters: Record<string, string>
}

const ANY_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'])

/** Deployments never change: each snapshot's tree is built once. */
const trees = new WeakMap<ApiSnapshot, Node>()

/** The resource the path and method reach, or undefined when none has the method (403 on AWS). */
export function matchResource(snapshot: ApiSnapshot, segments: readonly PathSegment[], httpMethod: string): ResourceMatch | undefined {
  let tree = trees.get(snapshot)
  if (!tree) {
    tree = buildTree(snapshot.resources)
    trees.set(snapshot, tree)
  }
  const pathParameters: Record<string, string> = {}
  const resource = walk(tree, segments, 0, pathParameters, (candidate) => methodFor(candidate, httpMethod) !== undefined)
  return resource && {resource, pathParameters}
}

export function methodFor(resource: Resource, httpMethod: string): Method | undefined {
  const methods = resource.resourceMethods ?? {}
  if (Object.hasOwn(methods, httpMethod)) return methods[httpMethod]
  if (ANY_METHODS.has(httpMethod) && Object.hasOwn(methods, 'ANY')) return methods.ANY
  return undefined
}

/**
 * A segment of the request path: `text` percent-decoded, to match literal path parts; `raw` as sent, and
 * `rest` the raw path from it on without trailing slashes, which is what path parameters get: REST APIs
 * pass path parameters still percent-encoded and a greedy one with its inner double slashes (recorded:
 * LocalStack test_lambda_aws_proxy_integration, `proxy-value/api/user/test%2Balias@gmail.com/…` and
 * `proxy-value//double-slash`).
 */
export interface PathSegment {
  text: string
  raw: string
  rest: string
}

/** The request path's segments; empty ones (leading, trailing or doubled slashes) are not segments. */
export function pathSegments(rawPath: string): PathSegment[] | undefined {
  const segments: PathSegment[] = []
  let start = 0
  for (const part of rawPath.split('/')) {
    const at = start
    start += part.length + 1
    if (part === '') continue
    try {
      segments.push({text: decodeURIComponent(part), raw: part, rest: rawPath.slice(at).replace(/\/+$/, '')})
    } catch {
      return undefined
    }
  }
  return segments
}

function newNode(): Node {
  return {literals: new Map()}
}

function buildTree(resources: readonly Resource[]): Node {
  const root = newNode()
  for (const resource of resources) {
    let node = root
    const parts = resource.path.split('/').filter(Boolean)
    for (const [index, part] of parts.entries()) {
      const variable = /^\{(.+)\}$/.exec(part)?.[1]
      if (variable?.endsWith('+')) {
        // A greedy part is always the last one of its path (CreateResource refuses children under it).
        if (index === parts.length - 1) node.greedy ??= {name: variable.slice(0, -1), resource}
        break
      }
      if (variable !== undefined) {
        node.variable ??= {name: variable, node: newNode()}
        node = node.variable.node
      } else {
        let child = node.literals.get(part)
        if (!child) node.literals.set(part, (child = newNode()))
        node = child
      }
      if (index === parts.length - 1) node.resource = resource
    }
    if (parts.length === 0) root.resource = resource
  }
  return root
}

function walk(node: Node, segments: readonly PathSegment[], index: number, params: Record<string, string>, serves: (resource: Resource) => boolean): Resource | undefined {
  if (index === segments.length) return node.resource && serves(node.resource) ? node.resource : undefined
  const segment = segments[index]!
  const literal = node.literals.get(segment.text)
  const viaLiteral = literal && walk(literal, segments, index + 1, params, serves)
  if (viaLiteral) return viaLiteral
  if (node.variable) {
    const found = walk(node.variable.node, segments, index + 1, params, serves)
    if (found) {
      params[node.variable.name] = segment.raw
      return found
    }
  }
  if (node.greedy && serves(node.greedy.resource)) {
    params[node.greedy.name] = segment.rest
    return node.greedy.resource
  }
  return undefined
}
