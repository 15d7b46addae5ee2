// Language checks for the snippets: YAML without errors or warnings, TypeScript without syntax errors,
// HCL with balanced brackets, and `terraform fmt` where terraform is installed.
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {join} from 'node:path'

import ts from 'typescript'
import {parseDocument} from 'yaml'

export type Json = Record<string, any>

/** The document as plain data; throws on any YAML error or warning. */
export function yamlOf(text: string): Json {
  const document = parseDocument(text)
  const problems = [...document.errors, ...document.warnings]
  if (problems.length > 0) throw new Error(`invalid YAML: ${problems.map((problem) => problem.message).join('; ')}`)
  return document.toJS() as Json
}

/** Syntax diagnostics of a TypeScript source (no type check: the snippet's names are the owner's). */
export function typeScriptSyntaxErrors(text: string): string[] {
  const output = ts.transpileModule(text, {reportDiagnostics: true, compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022}})
  return (output.diagnostics ?? []).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
}

/** Brackets balance outside strings and comments (HCL: "…" strings with \ escapes, # comments). */
export function unbalancedBrackets(text: string): string | undefined {
  const stack: string[] = []
  const pairs: Record<string, string> = {'}': '{', ']': '[', ')': '('}
  for (const line of text.split('\n')) {
    let inString = false
    for (let index = 0; index < line.length; index++) {
      const char = line[index]!
      if (inString) {
        if (char === '\\') index++
        else if (char === '"') inString = false
        continue
      }
      if (char === '#') break
      if (char === '"') inString = true
      else if ('{[('.includes(char)) stack.push(char)
      else if (char in pairs && stack.pop() !== pairs[char]) return `unexpected ${char} in: ${line}`
    }
    if (inString) return `unterminated string in: ${line}`
  }
  return stack.length === 0 ? undefined : `unclosed ${stack.join('')}`
}

export const TERRAFORM = [process.env['TERRAFORM'], ...(process.env['PATH'] ?? '').split(':').map((dir) => join(dir, 'terraform'))].find(
  (candidate): candidate is string => candidate !== undefined && candidate !== '' && existsSync(candidate),
)

/** `terraform fmt -check -`: 0 when the text is valid HCL already laid out as terraform writes it. */
export function terraformFmtCheck(text: string): number | null {
  return spawnSync(TERRAFORM!, ['fmt', '-check', '-'], {input: text, encoding: 'utf8'}).status
}
