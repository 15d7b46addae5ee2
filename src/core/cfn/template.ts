// CloudFormation templates (JSON or YAML, SAM's included) read into plain values. YAML short tags become
// the long form CloudFormation expands them to (`!GetAtt Api.RootResourceId` →
// `{"Fn::GetAtt": ["Api", "RootResourceId"]}`, AWS "Intrinsic function reference"), so every reader
// handles one shape. YAML is read as version 1.1 without the tags and hash merges CloudFormation does not
// support, as CloudFormation reads it ("CloudFormation template format"): `yes` is true, `0755` octal, an
// unquoted date text and `<<` an ordinary key. JSON reads the same under it, so both go through one parser
// and both get line numbers in errors.

import {LineCounter, type Node, type Tags, type YAMLMap, isAlias, isMap, isScalar, isSeq, parseDocument} from 'yaml'

import {Aliases, YAML_BOUNDS, YamlReadError, checkNesting, collidingKeyDetail, tagName} from '../strict-yaml.js'
import {isObject, mappingOf, splitGetAtt} from './intrinsics.js'
import type {CfnObject, CfnValue} from './values.js'

export type {CfnObject, CfnValue} from './values.js'

export interface CfnResource {
  Type: string
  /** `{}` when the resource has none. */
  Properties: CfnObject
  /** `{}` when the resource has none; CDK writes `aws:cdk:path` here. */
  Metadata: CfnObject
  Condition?: string
}

export interface CfnTemplate {
  description?: string
  /** `Transform`, whether written as one name or a list (macros with parameters give their Name). */
  transforms: string[]
  /** `Resources` by logical id. */
  resources: Record<string, CfnResource>
  /** The other sections, `{}` when absent. `globals` is SAM's `Globals`. */
  metadata: CfnObject
  parameters: CfnObject
  outputs: CfnObject
  conditions: CfnObject
  globals: CfnObject
}

/** A template that cannot be read, or a question it cannot answer. */
export class CfnTemplateError extends Error {
  override readonly name: string = 'CfnTemplateError'
}

/** Text that is not a template; `line` and `column` count from 1. */
export class TemplateParseError extends CfnTemplateError {
  override readonly name = 'TemplateParseError'
  constructor(
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`line ${line}, column ${column}: ${detail}`)
  }
}

/** YAML 1.1 types CloudFormation does not support ("CloudFormation template format"), hash merges (`<<`) among them. */
const UNSUPPORTED_TAGS = new Set(['binary', 'omap', 'pairs', 'set', 'timestamp', 'merge'].map((name) => `tag:yaml.org,2002:${name}`))

function withoutUnsupportedTags(tags: Tags): Tags {
  return tags.filter((tag) => typeof tag === 'string' || !UNSUPPORTED_TAGS.has(tag.tag))
}

/** YAML short tags and the long-form keys CloudFormation expands them to. */
const SHORT_TAGS: ReadonlyMap<string, string> = new Map([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ['!Base64', 'Fn::Base64'],
  ['!Cidr', 'Fn::Cidr'],
  ['!FindInMap', 'Fn::FindInMap'],
  ['!GetAtt', 'Fn::GetAtt'],
  ['!GetAZs', 'Fn::GetAZs'],
  ['!ImportValue', 'Fn::ImportValue'],
  ['!Join', 'Fn::Join'],
  ['!Select', 'Fn::Select'],
  ['!Split', 'Fn::Split'],
  ['!Sub', 'Fn::Sub'],
  ['!Transform', 'Fn::Transform'],
  ['!And', 'Fn::And'],
  ['!Equals', 'Fn::Equals'],
  ['!If', 'Fn::If'],
  ['!Not', 'Fn::Not'],
  ['!Or', 'Fn::Or'],
  // AWS::LanguageExtensions
  ['!Length', 'Fn::Length'],
  ['!ToJsonString', 'Fn::ToJsonString'],
  ['!ForEach', 'Fn::ForEach'],
])

// Aliases can expand a small text into a huge value (a "billion laughs"); templates rarely use aliases
// at all, so this many nodes reached through them means an attack or a mistake. Nesting is bounded too:
// templates stay far below it, and a deeper one would otherwise end in a stack overflow.
const {maxAliasedValues: MAX_ALIASED_NODES, maxDepth: MAX_DEPTH} = YAML_BOUNDS

type ErrorAt = (offset: number, detail: string) => TemplateParseError

interface TemplateDocument {
  root: YAMLMap
  sections: CfnObject
  at: ErrorAt
}

/** The text as a mapping of sections, short tags expanded; the nodes stay for errors that name the line. */
function readDocument(text: string): TemplateDocument {
  try {
    checkNesting(text, MAX_DEPTH)
  } catch (error) {
    if (error instanceof YamlReadError) throw new TemplateParseError(error.line, error.column, error.detail)
    throw error
  }
  const lines = new LineCounter()
  const document = parseDocument(text, {lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.1', customTags: withoutUnsupportedTags})
  const at: ErrorAt = (offset, detail) => {
    const {line, col} = lines.linePos(offset)
    return new TemplateParseError(line, col, detail)
  }
  const [error] = document.errors
  if (error) throw at(error.pos[0], firstLine(error.message))
  // Left out of the schema, these tags would be read as if untagged (a !!set as a mapping of nulls).
  for (const warning of document.warnings) {
    const tag = /^Unresolved tag: (\S+)/.exec(warning.message)?.[1]
    if (tag !== undefined && UNSUPPORTED_TAGS.has(tag)) throw at(warning.pos[0], `tag ${tagName(tag)}: CloudFormation does not support it`)
  }
  if (!document.contents) throw new TemplateParseError(1, 1, 'the text is empty, not a template')
  const root = document.contents
  if (!isMap(root)) throw at(offsetOf(root), 'a template is a mapping of sections (Resources, …)')
  return {root, sections: new NodeReader(lines, at).value(root, 0) as CfnObject, at}
}

/**
 * Every section as written, resource attributes included (`Mappings`, `DependsOn`, `DeletionPolicy`, …),
 * for readers that need more than CfnTemplate keeps. Only the text is checked, not the sections.
 */
export function parseTemplateSections(text: string): CfnObject {
  return readDocument(text).sections
}

export function parseTemplate(text: string): CfnTemplate {
  const {root, sections, at} = readDocument(text)
  const resourcesNode = root.get('Resources', true) as Node | undefined
  if (resourcesNode === undefined) throw at(offsetOf(root), 'the template has no Resources section')
  if (!isMap(resourcesNode)) throw at(offsetOf(resourcesNode), 'Resources must be a mapping of logical ids')

  const resources: Array<[string, CfnResource]> = []
  const rawResources = sections['Resources'] as CfnObject
  for (const pair of resourcesNode.items) {
    const logicalId = String(isScalar(pair.key) ? pair.key.value : pair.key)
    const raw = Object.hasOwn(rawResources, logicalId) ? rawResources[logicalId] : undefined
    const place = offsetOf((pair.value as Node | null) ?? (pair.key as Node))
    if (!isObject(raw)) throw at(place, `resource ${logicalId} must be a mapping with a Type`)
    if (typeof raw['Type'] !== 'string') throw at(place, `resource ${logicalId} has no Type`)
    const properties = raw['Properties'] ?? {}
    if (!isObject(properties)) throw at(place, `resource ${logicalId}: Properties must be a mapping`)
    const metadata = raw['Metadata']
    resources.push([
      logicalId,
      {
        Type: raw['Type'],
        Properties: properties,
        Metadata: isObject(metadata) ? metadata : {},
        ...(typeof raw['Condition'] === 'string' ? {Condition: raw['Condition']} : {}),
      },
    ])
  }

  return {
    ...(typeof sections['Description'] === 'string' ? {description: sections['Description']} : {}),
    transforms: transformNames(sections['Transform']),
    resources: Object.fromEntries(resources),
    metadata: mappingOf(sections['Metadata']),
    parameters: mappingOf(sections['Parameters']),
    outputs: mappingOf(sections['Outputs']),
    conditions: mappingOf(sections['Conditions']),
    globals: mappingOf(sections['Globals']),
  }
}

/** Converts YAML nodes to values, expanding short tags and aliases. */
class NodeReader {
  private readonly aliases: Aliases

  constructor(
    private readonly lines: LineCounter,
    private readonly at: ErrorAt,
  ) {
    this.aliases = new Aliases(MAX_ALIASED_NODES, (node, detail) => this.at(offsetOf(node), detail))
  }

  value(node: unknown, depth: number): CfnValue {
    if (depth > MAX_DEPTH) throw this.at(offsetOf(node), `nested more than ${MAX_DEPTH} levels deep`)
    this.aliases.visit(node)
    if (node === null || node === undefined) return null
    if (isAlias(node)) return this.aliases.follow(node, (target) => this.value(target, depth))
    const plain = this.plain(node, depth)
    const tag = (node as Node).tag
    if (tag === undefined || tag.startsWith('tag:yaml.org,2002:')) return plain
    const key = SHORT_TAGS.get(tag)
    if (!key) throw this.at(offsetOf(node), `unknown tag ${tag}`)
    return {[key]: this.shortForm(tag, node, plain)}
  }

  private plain(node: unknown, depth: number): CfnValue {
    if (isScalar(node)) {
      const value = node.value
      if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
      // Big integers and the like: keep the text as written.
      return String(node.source ?? value)
    }
    if (isSeq(node)) return this.aliases.within(node, () => node.items.map((item) => this.value(item, depth + 1)))
    if (isMap(node)) return this.aliases.within(node, () => this.mapping(node, depth))
    throw this.at(offsetOf(node), 'unexpected YAML node')
  }

  private mapping(node: YAMLMap, depth: number): CfnObject {
    // Keys the parser sees as different (`1` and `"1"`) can still be one key once text; CloudFormation
    // calls what follows duplicate sections "undefined behavior" ("Template format"), so refuse it.
    const keys = new Map<string, Node>()
    // fromEntries defines own properties, so a `__proto__` key stays a key.
    return Object.fromEntries(
      node.items.map((pair) => {
        const key = isScalar(pair.key) ? pair.key.value : undefined
        if (key === undefined || key === null || typeof key === 'object') throw this.at(offsetOf(pair.key), 'mapping keys must be plain scalars')
        // An anchor on a key still counts where it stands.
        this.aliases.visit(pair.key)
        const text = String(key)
        const first = keys.get(text)
        if (first) throw this.at(offsetOf(pair.key), collidingKeyDetail(pair.key as Node, first, this.lines))
        keys.set(text, pair.key as Node)
        return [text, this.value(pair.value, depth + 1)]
      }),
    )
  }

  /** The argument of a short-form function, shaped as its long form wants it. */
  private shortForm(tag: string, node: unknown, plain: CfnValue): CfnValue {
    const scalar = isScalar(node)
    if (tag === '!Ref' || tag === '!Condition') {
      if (!scalar) throw this.at(offsetOf(node), `${tag} takes a name`)
      return plain === null ? '' : String(plain)
    }
    if (tag === '!GetAtt' && scalar) {
      const text = String(plain ?? '')
      const target = splitGetAtt(text)
      if (!target) throw this.at(offsetOf(node), `!GetAtt needs LogicalId.Attribute, got "${text}"`)
      return [target.logicalId, target.attribute]
    }
    // `!GetAZs` with nothing after it means the current region, as `Fn::GetAZs: ""` does.
    if (scalar && plain === null) return ''
    return plain
  }
}

/** The names a `Transform` section lists, whether it is one name or a list (macros with parameters give their Name). */
export function transformNames(value: CfnValue | undefined): string[] {
  const entries = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]
  return entries.flatMap((entry) => {
    if (typeof entry === 'string') return [entry]
    if (isObject(entry) && typeof entry['Name'] === 'string') return [entry['Name']]
    return []
  })
}

function offsetOf(node: unknown): number {
  const range = (node as Node | null | undefined)?.range
  return range ? range[0] : 0
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
