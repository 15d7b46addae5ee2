// A spec file parsed with its positions, so every fault can name `file:line:column`. JSON is YAML, so
// JSON specs go through the same parser and get the same positions. The text is read strictly
// (core/strict-yaml.ts): a spec never means one thing here and another to the next tool that reads it.

import {type Document, type LineCounter, type Node, type Pair, isAlias, isMap, isNode, isScalar, isSeq} from 'yaml'

import {UsageError} from '../core/errors.js'
import {YamlReadError, readStrictYaml} from '../core/strict-yaml.js'
import type {PathSegment} from './spec-fault.js'

export class YamlSource {
  private constructor(
    /** As the user named it. */
    readonly file: string,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly value: unknown,
  ) {}

  /** Throws a UsageError at the first syntax error or value the strict reading refuses. */
  static parse(file: string, text: string): YamlSource {
    try {
      const {document, lines, value} = readStrictYaml(text)
      return new YamlSource(file, document, lines, value)
    } catch (error) {
      if (error instanceof YamlReadError) throw new UsageError(`${file}:${error.line}:${error.column}: ${error.detail}`)
      throw error
    }
  }

  /** Plain JSON values. */
  data(): unknown {
    return this.value
  }

  /** A UsageError pointing at the value at `path` (or its key), or at the deepest part of it that exists. */
  errorAtPath(path: readonly PathSegment[], message: string, atKey = false): UsageError {
    return this.errorAt(this.offsetOf(path, atKey), message)
  }

  errorAt(offset: number, message: string): UsageError {
    const {line, col} = this.lines.linePos(offset)
    return new UsageError(`${this.file}:${line}:${col}: ${message}`)
  }

  private offsetOf(path: readonly PathSegment[], atKey: boolean): number {
    let node: Node | undefined = this.resolved(this.document.contents)
    let offset = node?.range?.[0] ?? 0
    for (const [index, segment] of path.entries()) {
      const last = index === path.length - 1
      if (node && isMap(node)) {
        const pair = node.items.find((item) => keyText(item) === String(segment))
        if (!pair) break
        const keyOffset = isNode(pair.key) ? pair.key.range?.[0] : undefined
        const value = isNode(pair.value) ? this.resolved(pair.value) : undefined
        offset = (last && atKey ? keyOffset : (value?.range?.[0] ?? keyOffset)) ?? offset
        node = value
      } else if (node && isSeq(node)) {
        const item = node.items[Number(segment)]
        if (!isNode(item)) break
        node = this.resolved(item)
        offset = node?.range?.[0] ?? offset
      } else {
        break
      }
    }
    return offset
  }

  private resolved(node: unknown): Node | undefined {
    if (isAlias(node)) return this.resolved(node.resolve(this.document))
    return isNode(node) ? node : undefined
  }
}

function keyText(pair: Pair<unknown, unknown>): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined
}
