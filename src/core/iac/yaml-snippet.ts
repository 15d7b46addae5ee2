// YAML snippets built as documents (the `yaml` package), not by concatenating text: the output always
// parses, strings are quoted where YAML would read them as something else ("200", "*/*"), and comments
// sit on the key or list item they explain.

import {Document, isMap, isScalar, isSeq} from 'yaml'

export interface YamlComment {
  /** Keys and list indexes down to the node the comment goes before; [] for the top of the document. */
  path: ReadonlyArray<string | number>
  lines: readonly string[]
}

export interface YamlSnippet {
  value: unknown
  header: readonly string[]
  comments: readonly YamlComment[]
  /** Lines after the last node, e.g. an alternative shown as commented-out YAML. */
  footer?: readonly string[]
}

export function renderYaml(snippet: YamlSnippet): string {
  const doc = new Document(snippet.value)
  doc.commentBefore = commentText(snippet.header)
  for (const comment of snippet.comments) attachComment(doc, comment)
  if (snippet.footer && snippet.footer.length > 0) doc.comment = commentText(snippet.footer)
  return doc.toString({lineWidth: 0})
}

function attachComment(doc: Document, comment: YamlComment): void {
  if (comment.path.length === 0) {
    doc.commentBefore = [doc.commentBefore, commentText(comment.lines)].filter(Boolean).join('\n')
    return
  }
  const parent = doc.getIn(comment.path.slice(0, -1), true)
  const last = comment.path[comment.path.length - 1]!
  let target: {commentBefore?: string | null} | undefined
  if (isMap(parent)) target = parent.items.find((pair) => isScalar(pair.key) && pair.key.value === last)?.key as {commentBefore?: string | null} | undefined
  else if (isSeq(parent) && typeof last === 'number') target = parent.items[last] as {commentBefore?: string | null} | undefined
  // A comment whose node is missing is a generator bug: fail loudly rather than drop the explanation.
  if (!target) throw new Error(`no YAML node at ${comment.path.join('.')}`)
  target.commentBefore = [target.commentBefore, commentText(comment.lines)].filter(Boolean).join('\n')
}

/** The yaml package writes "#" before each line; a leading space keeps "# text" readable. */
function commentText(lines: readonly string[]): string {
  return lines.map((line) => (line === '' ? '' : ` ${line}`)).join('\n')
}
