// What is wrong with text JSON.parse refused, in words safe to print: V8's messages quote the text around
// the fault, which can span lines and hold what a file should not echo (tokens, secrets).

/** E.g. "ends too early", "expected ':' after property name at line 2, column 12", "unexpected 'A'". */
export function jsonSyntaxProblem(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error)
  if (/^Unexpected end of JSON input/.test(message)) return 'ends too early'
  const positioned = /^(.*?) (?:in JSON )?at position (\d+)/.exec(message)
  if (positioned) {
    const offset = Number(positioned[2])
    if (offset >= text.trimEnd().length) return 'ends too early'
    const before = text.slice(0, offset)
    const line = before.split('\n').length
    const column = offset - before.lastIndexOf('\n')
    return `${lowerFirst(positioned[1]!)} at line ${line}, column ${column}`
  }
  const token = /^Unexpected token '(.)'/u.exec(message)
  if (token) return `unexpected ${JSON.stringify(token[1]).replaceAll('"', "'")}`
  return 'not valid JSON'
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}
