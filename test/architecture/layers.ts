// The layers of src/ and commands/ and the imports each may make, as pure functions over an import graph
// (import-graph.ts reads the real one; dependency-rules.test.ts also feeds made-up ones to see each rule
// fail). DEVELOPERS.md ("Layers point one way") says the same in one sentence.

import type {ImportEdge, ImportKind} from './import-graph.js'

export type Layer = 'commands' | 'cli' | 'ui' | 'services' | 'spec' | 'aws' | 'http' | 'history' | 'sandbox' | 'core' | 'schemas'

const PLACES: ReadonlyArray<readonly [string, Layer]> = [
  ['commands/', 'commands'],
  ['src/cli/', 'cli'],
  ['src/ui/', 'ui'],
  ['src/services/', 'services'],
  ['src/desired-spec/', 'spec'],
  ['src/aws/', 'aws'],
  ['src/http/', 'http'],
  ['src/history/', 'history'],
  ['src/sandbox/', 'sandbox'],
  ['src/core/', 'core'],
  ['src/schemas.ts', 'schemas'],
]

export function layerOf(path: string): Layer | undefined {
  return PLACES.find(([place]) => (place.endsWith('/') ? path.startsWith(place) : path === place))?.[1]
}

const ADAPTERS: readonly Layer[] = ['aws', 'http', 'history']

/**
 * Ports: the interfaces, owned by the services, behind which the adapters (and the ui's terminal IoHost)
 * sit. Adapters may name them, as types only; commands, cli and ui name them as they name
 * any service type.
 */
export const PORTS: ReadonlySet<string> = new Set([
  'src/services/io-host.ts',
  'src/services/probe-signer-port.ts',
  'src/services/api-gateway-port.ts',
  'src/services/cloudformation-port.ts',
  'src/services/journal-port.ts',
  'src/services/fleet-port.ts',
])

/** The one module outside the sandbox that starts it (the sandbox command loads it in run()). */
export const SANDBOX_LAUNCHER = 'src/services/sandbox-service.ts'

/**
 * Everything the sandbox imports from outside src/sandbox/, and why; exactly these (an entry nothing
 * imports any more fails, so the list stays the sandbox's real needs). Through them it also loads
 * cfn/values.ts (the template's value types) and nothing else of the project.
 */
export const SANDBOX_IMPORTS: ReadonlyMap<string, string> = new Map([
  ['src/core/media-type.ts', 'Content-Type and Accept matching, as the data plane and verify both read them'],
  ['src/core/conversion.ts', 'the conversion model: what API Gateway does to a payload, applied by the data plane'],
  ['src/core/java-regex.ts', 'selection patterns, authorizer validation expressions and model patterns are Java regular expressions'],
  ['src/core/sandbox-diagnosis.ts', "the sandbox's diagnosis header, written here and read by verify"],
  ['src/core/quote.ts', 'values quoted in messages'],
  ['src/core/json-pointer.ts', 'JSON pointers in OpenAPI $refs and drift paths'],
  ['src/core/openapi-names.ts', "the x-amazon-apigateway-* extension names import reads"],
  ['src/core/strict-yaml.ts', 'stack declarations are YAML from other hands'],
  ['src/core/cfn/template.ts', 'CloudFormation templates read for --import-stack'],
  ['src/core/cfn/intrinsics.ts', 'Ref, Fn::GetAtt and the other intrinsics in those templates'],
  ['src/core/cfn/stack-markers.ts', "CloudFormation's system tags and SAM's transform name"],
  ['src/schemas.ts', "packageRoot(): where the shipped schemas/ folder is, to check a state file against its schema (the published-schema loader, which imports nothing of the project)"],
])

/**
 * Packages that serve one place only, by path prefix: the SDK is the AWS adapter's, the template and JSON
 * path engines the sandbox's, the prompts and spinner the ui's (loaded late, so --help never pays for them).
 */
export const PACKAGE_HOMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^@aws-sdk\//, 'src/aws/'],
  [/^@smithy\//, 'src/aws/'],
  [/^velocityjs$/, 'src/sandbox/'],
  [/^jsonpath-plus$/, 'src/sandbox/'],
  [/^@inquirer\//, 'src/ui/'],
  [/^ora$/, 'src/ui/'],
]

/** A package import outside the place the package serves. */
export function packageOutOfPlace({from, to}: ImportEdge): boolean {
  const home = PACKAGE_HOMES.find(([name]) => name.test(to))?.[1]
  return home !== undefined && !from.startsWith(home)
}

/** What a layer above the adapters may import: `always`, or `asTypes` with `import type` only. */
const MAY_IMPORT: Partial<Record<Layer, {always: readonly Layer[]; asTypes: readonly Layer[]}>> = {
  commands: {always: ['commands', 'cli', 'ui', 'services', 'core'], asTypes: []},
  // The command framework: flags, errors, exit codes, and the terminal IoHost it builds for commands.
  cli: {always: ['cli', 'ui', 'core'], asTypes: ['services']},
  // Renders what the services return.
  ui: {always: ['ui', 'core'], asTypes: ['services']},
  // src/desired-spec is the desired-spec loader (binfix.yaml or OpenAPI, validated against its schema): an input
  // reader the services call, like the adapters, below the services and above the core.
  services: {always: ['services', 'spec', 'core', 'aws', 'http', 'history', 'sandbox', 'schemas'], asTypes: []},
  spec: {always: ['spec', 'core', 'schemas'], asTypes: []},
  schemas: {always: [], asTypes: []},
}

export type Rule =
  | 'every module has a layer'
  | 'the core imports only the core'
  | 'adapters import no services but their ports'
  | 'only the launcher imports the sandbox'
  | 'the sandbox imports only its listed core modules'
  | 'layers point one way'
  | 'no import cycles'
  | 'packages stay where they serve'

export interface Violation {
  rule: Rule
  from: string
  to: string
  kind?: ImportKind
}

/** The rule `edge` breaks, if any. */
export function ruleBroken({from, to, kind}: ImportEdge): Rule | undefined {
  const source = layerOf(from)
  const target = layerOf(to)
  if (source === undefined || target === undefined) return 'every module has a layer'
  if (target === 'sandbox' && source !== 'sandbox' && from !== SANDBOX_LAUNCHER) return 'only the launcher imports the sandbox'
  if (source === 'sandbox') return target === 'sandbox' || SANDBOX_IMPORTS.has(to) ? undefined : 'the sandbox imports only its listed core modules'
  if (source === 'core') return target === 'core' ? undefined : 'the core imports only the core'
  if (ADAPTERS.includes(source)) {
    if (target === source || target === 'core' || target === 'schemas') return undefined
    if (target === 'services' && PORTS.has(to) && kind === 'type') return undefined
    return target === 'services' ? 'adapters import no services but their ports' : 'layers point one way'
  }
  const may = MAY_IMPORT[source]!
  if (may.always.includes(target)) return undefined
  if (kind === 'type' && may.asTypes.includes(target)) return undefined
  return 'layers point one way'
}

/** Strongly connected components of more than one module, or a module importing itself (Tarjan). */
export function cycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>()
  for (const {from, to} of edges) next.set(from, [...(next.get(from) ?? []), to])
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const connect = (module: string): void => {
    index.set(module, index.size)
    low.set(module, index.get(module)!)
    stack.push(module)
    onStack.add(module)
    for (const target of next.get(module) ?? []) {
      if (!index.has(target)) {
        connect(target)
        low.set(module, Math.min(low.get(module)!, low.get(target)!))
      } else if (onStack.has(target)) low.set(module, Math.min(low.get(module)!, index.get(target)!))
    }
    if (low.get(module) === index.get(module)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== module)
      if (component.length > 1 || (next.get(module) ?? []).includes(module)) found.push(component.sort())
    }
  }
  for (const module of [...next.keys()].sort()) if (!index.has(module)) connect(module)
  return found
}

export function violations(edges: readonly ImportEdge[], packageImports: readonly ImportEdge[] = []): Violation[] {
  const broken: Violation[] = []
  for (const edge of packageImports) if (packageOutOfPlace(edge)) broken.push({rule: 'packages stay where they serve', from: edge.from, to: edge.to, kind: edge.kind})
  for (const edge of edges) {
    const rule = ruleBroken(edge)
    if (rule) broken.push({rule, from: edge.from, to: edge.to, kind: edge.kind})
  }
  for (const component of cycles(edges)) broken.push({rule: 'no import cycles', from: component[0], to: component.join(' → ')})
  return broken
}

/** An import that breaks a rule today, kept while the move that removes it is under way. */
export interface AllowedImport {
  /** The importing file. */
  from: string
  /** The modules it may import against the rules, each of which must still be such an import. */
  to: readonly string[]
  reason: string
}

/** The violations no entry allows, and the allowed imports that are no longer there or break no rule. */
export function checkedAgainst(found: readonly Violation[], allowlist: readonly AllowedImport[]): {unallowed: Violation[]; stale: string[]} {
  const allowed = (violation: Violation) => allowlist.some((entry) => entry.from === violation.from && entry.to.includes(violation.to))
  const stale = allowlist.flatMap((entry) => entry.to.filter((to) => !found.some((violation) => violation.rule !== 'no import cycles' && violation.from === entry.from && violation.to === to)).map((to) => `${entry.from} → ${to}`))
  return {unallowed: found.filter((violation) => violation.rule === 'no import cycles' || !allowed(violation)), stale}
}
