// GetExport's YAML. A definition exported and imported again must give back every mapping template
// byte for byte, which the yaml library's default styles do not: it folds long lines and writes some
// text (a line of spaces, a space before a line break) in block, folded or double-quoted forms that
// read back otherwise. So nothing is folded, multi-line text is a literal block where that reads back
// the same and double-quoted with JSON's escapes where not, and the document is read back before it is
// answered.

import {isDeepStrictEqual} from 'node:util'

import {Document, parse, visit} from 'yaml'

type Style = 'BLOCK_LITERAL' | 'QUOTE_DOUBLE'

export function exportYaml(document: unknown): string {
  const text = render(document, (value) => (readsBackAsLiteral(value) ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE'))
  if (isDeepStrictEqual(parse(text), document)) return text
  // Double quotes keep any text; only readability is lost.
  return render(document, () => 'QUOTE_DOUBLE')
}

function render(document: unknown, style: (value: string) => Style): string {
  const doc = new Document(document)
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && /[\n\r]/.test(node.value)) node.type = style(node.value)
    },
  })
  // JSON's escapes: the library's own double-quoted form breaks lines and can lose a space doing it.
  return doc.toString({lineWidth: 0, doubleQuotedAsJSON: true})
}

function readsBackAsLiteral(value: string): boolean {
  try {
    return (parse(render({value}, () => 'BLOCK_LITERAL')) as {value?: unknown}).value === value
  } catch {
    return false
  }
}
