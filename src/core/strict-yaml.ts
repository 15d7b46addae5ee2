// YAML from other hands (binfix.yaml, OpenAPI specs, sandbox stack declarations) read one way only.
// YAML readers disagree: the yaml library turns `!!omap`, `!!set` and `!!binary` into a Map, a Set and
// bytes (all of which look like an empty mapping to the code after it), a `%YAML 1.1` file reads `yes` as
// true and merges `<<` keys, and `200:` next to `"200":` becomes one JavaScript key whose last value wins.
// Rather than pick a reading, all of these are refused at their line; what is left is JSON's data model
// (YAML 1.2 core schema), which every reader agrees on. Aliases are kept but their expansion is bounded.

import {type Alias, CST, type Document, Lexer, LineCounter, type Node, type Scalar, type YAMLMap, isAlias, isMap, isScalar, isSeq, parseDocument} from 'yaml'

import {escapeControls, quoted} from './quote.js'

/** A fault at `offset` in the text; `line` and `column` count from 1. `detail` is one line and short. */
export class YamlReadError extends Error {
  constructor(
    readonly offset: number,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`line ${line}, column ${column}: ${detail}`)
  }
}

export interface StrictYaml {
  /** Plain JSON values: objects, arrays, strings, numbers, booleans and null. */
  value: unknown
  /** The parsed nodes, for callers that place their own faults. */
  document: Document.Parsed
  lines: LineCounter
}

export interface YamlBounds {
  /** Levels of mappings and lists. binfix.yaml needs 5; deep OpenAPI schemas rarely pass 30. */
  maxDepth: number
  /** Values produced by following aliases: enough for any real reuse, far below a "billion laughs". */
  maxAliasedValues: number
}

export const YAML_BOUNDS: YamlBounds = {maxDepth: 100, maxAliasedValues: 100_000}

const CORE_SCHEMA = 'tag:yaml.org,2002:'
/** The YAML 1.2 core schema's tags and the node each one fits. */
const CORE_TAGS: ReadonlyMap<string, (node: Node) => boolean> = new Map([
  [`${CORE_SCHEMA}str`, (node: Node) => isScalar(node) && typeof node.value === 'string'],
  [`${CORE_SCHEMA}int`, (node: Node) => isScalar(node) && Number.isInteger(node.value)],
  [`${CORE_SCHEMA}float`, (node: Node) => isScalar(node) && typeof node.value === 'number'],
  [`${CORE_SCHEMA}bool`, (node: Node) => isScalar(node) && typeof node.value === 'boolean'],
  [`${CORE_SCHEMA}null`, (node: Node) => isScalar(node) && node.value === null],
  [`${CORE_SCHEMA}map`, (node: Node) => isMap(node)],
  [`${CORE_SCHEMA}seq`, (node: Node) => isSeq(node)],
])
const CORE_TAG_NAMES = [...CORE_TAGS.keys()].map((tag) => tagName(tag)).join(', ')

/** Parses `text` as one YAML 1.2 document of plain values. Throws YamlReadError at the first fault. */
export function readStrictYaml(text: string, bounds: YamlBounds = YAML_BOUNDS): StrictYaml {
  checkNesting(text, bounds.maxDepth)
  const lines = new LineCounter()
  // Every option that changes a reading is pinned, whatever the file's own directives say.
  const document = parseWithoutOverflow(text, {
    lineCounter: lines,
    prettyErrors: false,
    version: '1.2',
    schema: 'core',
    merge: false,
    resolveKnownTags: false,
    uniqueKeys: true,
    strict: true,
  })
  const faultAt = (offset: number, detail: string): YamlReadError => {
    const {line, col} = lines.linePos(offset)
    return new YamlReadError(offset, line, col, oneLine(detail))
  }
  const [error] = document.errors
  if (error) throw faultAt(error.pos[0], withoutPlace(error.message))
  const {version, explicit} = document.directives?.yaml ?? {}
  if (explicit && version !== '1.2') throw faultAt(0, `%YAML ${String(version)}: this file is read as YAML 1.2 only (1.1 reads yes, 0755 and << otherwise)`)
  // The library warns, at the tag itself, about every tag it did not apply; the value would pass untagged.
  const [warning] = document.warnings
  if (warning?.code === 'TAG_RESOLVE_FAILED') throw faultAt(warning.pos[0], tagFault(text.slice(warning.pos[0], warning.pos[1]), warning.message))
  if (warning) throw faultAt(warning.pos[0], withoutPlace(warning.message))
  const value = new PlainReader(lines, (node, detail) => faultAt(offsetOf(node), detail), bounds).value(document.contents, 0)
  return {value, document, lines}
}

/**
 * Refuses nesting far deeper than maxDepth before the yaml library parses it. Its parser recurses once
 * per level a token closes: a few thousand levels (`- - - …`, 2 bytes each) throw a RangeError past its
 * own guard, and near the stack's end V8 may even abort the process compiling a regular expression. The
 * estimate comes from the lexer, which does not recurse: flow brackets exactly, and for block
 * collections twice the open indentation levels (a sequence may share its key's column) plus the `-`,
 * `?` and `:` indicators on the line. Real documents stay far below twice maxDepth.
 */
export function checkNesting(text: string, maxDepth: number): void {
  const deepest = 2 * maxDepth
  const indents: number[] = []
  let offset = 0
  let flowDepth = 0
  let indicators = 0
  let indent = 0
  let lineStart = true
  let scalarFollows = false
  for (const token of new Lexer().lex(text)) {
    // Markers the lexer adds, not text: a document starts, a flow collection ends in error, a scalar follows.
    if (token === CST.DOCUMENT || token === CST.FLOW_END) continue
    if (token === CST.SCALAR) {
      scalarFollows = true
      continue
    }
    const type = scalarFollows ? 'scalar' : CST.tokenType(token)
    scalarFollows = false
    const at = offset
    offset += token.length
    if (type === 'newline') {
      lineStart = true
      indent = 0
      indicators = 0
      continue
    }
    if (type === 'space' || type === 'comment') {
      if (lineStart && type === 'space') indent = token.length
      continue
    }
    if (lineStart && flowDepth === 0) {
      while (indents.length > 0 && indents.at(-1)! >= indent) indents.pop()
      indents.push(indent)
    }
    lineStart = false
    // A flow collection on one line (minified JSON) has a `:` per entry, and nests by its brackets instead.
    if (type === 'seq-item-ind' || type === 'explicit-key-ind' || (type === 'map-value-ind' && flowDepth === 0)) indicators++
    if (type === 'flow-map-start' || type === 'flow-seq-start') flowDepth++
    if ((type === 'flow-map-end' || type === 'flow-seq-end') && flowDepth > 0) flowDepth--
    if (2 * indents.length + indicators + flowDepth > deepest) {
      const before = text.slice(0, at)
      const line = before.split('\n').length
      throw new YamlReadError(at, line, at - before.lastIndexOf('\n'), `nested more than ${maxDepth} levels deep`)
    }
  }
}

/** parseDocument, with a stack overflow it did not catch itself refused like any other fault. */
function parseWithoutOverflow(text: string, options: Parameters<typeof parseDocument>[1]): Document.Parsed {
  try {
    return parseDocument(text, options)
  } catch (error) {
    if (error instanceof RangeError && /call stack/.test(error.message)) throw new YamlReadError(0, 1, 1, 'nested too deep to read')
    throw error
  }
}

function tagFault(written: string, message: string): string {
  const resolved = /^Unresolved tag: (\S+)/.exec(message)?.[1]
  const shown = written.length > 60 ? quoted(written) : written
  if (resolved !== undefined && CORE_TAGS.has(resolved)) return `the value does not fit its tag ${shown}`
  return `tag ${shown} is not read: only YAML 1.2 core tags are (${CORE_TAG_NAMES})`
}

type Fault = (node: unknown, detail: string) => YamlReadError

class PlainReader {
  private readonly aliases: Aliases

  constructor(
    private readonly lines: LineCounter,
    private readonly fault: Fault,
    private readonly bounds: YamlBounds,
  ) {
    this.aliases = new Aliases(bounds.maxAliasedValues, fault)
  }

  value(node: unknown, depth: number): unknown {
    if (depth > this.bounds.maxDepth) throw this.fault(node, `nested more than ${this.bounds.maxDepth} levels deep`)
    this.aliases.visit(node)
    if (node === null || node === undefined) return null
    if (isAlias(node)) return this.aliases.follow(node, (target) => this.value(target, depth))
    this.checkTag(node as Node)
    if (isScalar(node)) return this.scalar(node)
    if (isSeq(node)) return this.aliases.within(node, () => node.items.map((item) => this.value(item, depth + 1)))
    if (isMap(node)) return this.aliases.within(node, () => this.mapping(node, depth))
    throw this.fault(node, 'not a YAML value')
  }

  private checkTag(node: Node): void {
    const tag = node.tag
    if (tag === undefined) return
    const fits = CORE_TAGS.get(tag)
    // The library has warned about these already (readStrictYaml refuses them at the tag); kept for safety.
    if (!fits) throw this.fault(node, `tag ${tagName(tag)} is not read: only YAML 1.2 core tags are (${CORE_TAG_NAMES})`)
    if (!fits(node)) throw this.fault(node, `${describeNode(node)} does not fit its tag ${tagName(tag)}`)
  }

  private scalar(node: Scalar): unknown {
    const value = node.value
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
    throw this.fault(node, `${describeNode(node)} is not text, a number, true, false or null`)
  }

  private mapping(node: YAMLMap, depth: number): Record<string, unknown> {
    const entries: Array<[string, unknown]> = []
    const keys = new Map<string, Node>()
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null
      const key = this.keyText(keyNode, node, depth)
      const first = keys.get(key)
      if (first) throw this.fault(keyNode, collidingKeyDetail(keyNode, first, this.lines))
      keys.set(key, keyNode!)
      entries.push([key, this.value(pair.value, depth + 1)])
    }
    // fromEntries defines own properties, so a `__proto__` key stays a key.
    return Object.fromEntries(entries)
  }

  /** The key as the JSON object will hold it: text. */
  private keyText(keyNode: Node | null, map: YAMLMap, depth: number): string {
    if (keyNode === null || keyNode === undefined) throw this.fault(map, 'a mapping entry without a key')
    if (isAlias(keyNode)) {
      this.aliases.visit(keyNode)
      return this.aliases.follow(keyNode, (target) => this.keyText(target, map, depth))
    }
    if (isScalar(keyNode) && keyNode.value === '<<' && keyNode.type === 'PLAIN') {
      throw this.fault(keyNode, 'a merge key (<<): YAML 1.2 has none and readers disagree on it; write the keys out')
    }
    const key = this.value(keyNode, depth + 1)
    if (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') return String(key)
    throw this.fault(keyNode, key === null ? 'a null key (~, null or nothing)' : 'a mapping or list as a key: keys must be text or numbers')
  }
}

/**
 * Aliases followed in one pass, in document order: the library's own Alias.resolve walks the whole
 * document on every call, so many aliases would take quadratic time. Counts the values read through
 * aliases against a bound ("billion laughs") and refuses an alias inside its own anchor's value.
 * A reader calls visit on every node before reading it, and reads collections through within.
 */
export class Aliases {
  /** The latest node of each anchor so far, in document order. */
  private readonly anchors = new Map<string, Node>()
  /** Each alias's node, found where the alias stands; read again inside an expansion, it means the same. */
  private readonly targets = new Map<Node, Node>()
  /** The collections being read, outermost first. */
  private readonly open = new Set<Node>()
  private expanding = 0
  private expanded = 0

  constructor(
    private readonly maxExpanded: number,
    private readonly fault: (node: unknown, detail: string) => Error,
  ) {}

  visit(node: unknown): void {
    if (this.expanding > 0 && ++this.expanded > this.maxExpanded) throw this.fault(node, `aliases expand to more than ${this.maxExpanded} values`)
    // Nodes met again through an alias are not where their anchors stand in the text.
    const anchor = isAlias(node) ? undefined : (node as Node | null | undefined)?.anchor
    if (anchor !== undefined && this.expanding === 0) this.anchors.set(anchor, node as Node)
  }

  follow<T>(alias: Alias, read: (target: Node) => T): T {
    const target = this.targets.get(alias) ?? this.anchors.get(alias.source)
    if (target === undefined) throw this.fault(alias, 'an alias without an anchor before it')
    if (this.open.has(target)) throw this.fault(alias, 'an alias inside the value of its own anchor')
    this.targets.set(alias, target)
    this.expanding++
    try {
      return read(target)
    } finally {
      this.expanding--
    }
  }

  within<T>(collection: Node, read: () => T): T {
    this.open.add(collection)
    try {
      return read()
    } finally {
      this.open.delete(collection)
    }
  }
}

/**
 * Two keys of one mapping that are the same text once read (`200` and `"200"`, `1` and `1.0`) would be one
 * object key whose last value silently wins.
 */
export function collidingKeyDetail(key: Node | null, first: Node, lines: LineCounter): string {
  const {line, col} = lines.linePos(offsetOf(first))
  return `key ${describeNode(key)} repeats key ${describeNode(first)} of line ${line}, column ${col} (keys are compared as text)`
}

/** A node as written, cut short: `"200"`, `200`, `a mapping`. */
export function describeNode(node: unknown): string {
  if (isScalar(node)) {
    const text = node.source ?? String(node.value)
    return typeof node.value === 'string' ? quoted(node.value) : text.length > 60 ? quoted(text) : text
  }
  if (isMap(node)) return 'a mapping'
  if (isSeq(node)) return 'a list'
  if (isAlias(node)) return `*${quoted(node.source)}`
  return 'nothing'
}

/** `!!omap` for the YAML types, `!Ref` for local tags, `!<uri>` for the rest; cut when long. */
export function tagName(tag: string): string {
  const name = tag.startsWith(CORE_SCHEMA) ? `!!${tag.slice(CORE_SCHEMA.length)}` : tag.startsWith('!') ? tag : `!<${tag}>`
  return name.length > 60 ? quoted(name) : name
}

function offsetOf(node: unknown): number {
  const range = (node as Node | null | undefined)?.range
  return range ? range[0] : 0
}

/** The library's message without its own place (the caller names line and column). */
function withoutPlace(message: string): string {
  return message.split('\n', 1)[0]!.replace(/ at line \d+, column \d+:?$/, '')
}

const MAX_DETAIL = 300

/** One line, cut: library messages may quote the text they stumbled on. */
function oneLine(detail: string): string {
  const escaped = escapeControls(detail)
  return escaped.length > MAX_DETAIL ? `${escaped.slice(0, MAX_DETAIL)}…` : escaped
}
