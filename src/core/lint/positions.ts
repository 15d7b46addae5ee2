// Line and column of a value in a YAML or JSON text, by its keys from the top. Values are read elsewhere
// (parseTemplate, readStrictYaml); this parse only places them, so it accepts any tag and never fails on
// what the readers already accepted.

import {LineCounter, type Node, isMap, isScalar, isSeq, parseDocument} from 'yaml'

export type SourcePath = ReadonlyArray<string | number>

export interface SourceLocation {
  line: number
  column: number
}

export interface SourcePositions {
  /** Where `path` is written: its key in a mapping, its item in a list; the nearest written ancestor when part of it is not. */
  at(path: SourcePath): SourceLocation
  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string
}

export function sourcePositions(text: string): SourcePositions {
  const lines = new LineCounter()
  // Tags (CloudFormation's !Ref …) only warn here; they do not move any node.
  const document = parseDocument(text, {lineCounter: lines, version: '1.1', uniqueKeys: false, prettyErrors: false, keepSourceTokens: false})
  const textLines = text.split(/\r?\n/)
  const locate = (offset: number): SourceLocation => {
    const {line, col} = lines.linePos(offset)
    return {line, column: col}
  }
  return {
    at(path) {
      let node: unknown = document.contents
      let offset = rangeStart(node) ?? 0
      for (const segment of path) {
        if (isMap(node)) {
          const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment))
          if (!pair) break
          offset = rangeStart(pair.key) ?? offset
          node = pair.value
        } else if (isSeq(node) && typeof segment === 'number') {
          const item = node.items[segment]
          if (item === undefined) break
          offset = rangeStart(item) ?? offset
          node = item
        } else {
          break
        }
      }
      return locate(offset)
    },
    lineText(line) {
      return textLines[line - 1] ?? ''
    },
  }
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0]
}
