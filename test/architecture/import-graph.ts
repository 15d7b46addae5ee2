// The import graph of the project's own modules, read with TypeScript's parser (no dependency of its
// own): static imports and re-exports, `import type` and `export type`, `typeof import('…')` types and
// dynamic `import()`. Relative specifiers are the edges between the project's modules; packages are
// listed apart, node: builtins left out. ts.preProcessFile, which reads specifiers its own way, checks that none is missed.

import {existsSync, readFileSync, readdirSync} from 'node:fs'
import {join, posix} from 'node:path'

import ts from 'typescript'

/** `type`: erased when compiled (`import type`, `export type`, `typeof import()`); the others load the module. */
export type ImportKind = 'static' | 'type' | 'dynamic'

export interface ImportEdge {
  /** Paths relative to the repository root, with `/`. */
  from: string
  to: string
  kind: ImportKind
}

export interface ImportGraph {
  modules: string[]
  edges: ImportEdge[]
  /** What could not be read as an edge: a relative specifier naming no file, or one the walk missed. */
  unreadable: string[]
  /** The modules with an `import()` of a name computed at run time. */
  computedImports: string[]
  /** Imports of packages (`to` is the package's name: `@scope/name` or `name`); node: builtins are left out. */
  packageImports: ImportEdge[]
}

/** The package a bare specifier names: `@aws-sdk/client-s3/dist` → `@aws-sdk/client-s3`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

const SOURCE = /\.(ts|mts|mjs|js)$/

function sourceFiles(root: string, folder: string): string[] {
  return readdirSync(join(root, folder), {withFileTypes: true}).flatMap((entry) => {
    const path = posix.join(folder, entry.name)
    if (entry.isDirectory()) return sourceFiles(root, path)
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

interface Specifier {
  text: string
  kind: ImportKind
}

/** Every module specifier of one file, with how it is imported. */
export function specifiersOf(fileName: string, text: string): {specifiers: Specifier[]; computed: number} {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true)
  const specifiers: Specifier[] = []
  let computed = 0
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      // `import {type A} from` is not erased under verbatimModuleSyntax: only the clause's `type` is.
      specifiers.push({text: node.moduleSpecifier.text, kind: node.importClause?.isTypeOnly ? 'type' : 'static'})
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push({text: node.moduleSpecifier.text, kind: node.isTypeOnly ? 'type' : 'static'})
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      specifiers.push({text: node.moduleReference.expression.text, kind: node.isTypeOnly ? 'type' : 'static'})
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments
      if (argument && ts.isStringLiteralLike(argument)) specifiers.push({text: argument.text, kind: 'dynamic'})
      else computed++
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifiers.push({text: node.argument.literal.text, kind: 'type'})
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return {specifiers, computed}
}

/** The file a relative specifier names: `./x.js` is `./x.ts` in the sources (Node16 resolution). */
function resolved(root: string, from: string, specifier: string): string | undefined {
  const target = posix.normalize(posix.join(posix.dirname(from), specifier))
  const candidates = target.endsWith('.js') ? [target.replace(/\.js$/, '.ts'), target] : target.endsWith('.mjs') ? [target.replace(/\.mjs$/, '.mts'), target] : [target]
  return candidates.find((candidate) => existsSync(join(root, candidate)))
}

export function readImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const modules = folders.flatMap((folder) => sourceFiles(root, folder)).sort()
  const edges: ImportEdge[] = []
  const unreadable: string[] = []
  const computedImports: string[] = []
  const packageImports: ImportEdge[] = []
  for (const from of modules) {
    const text = readFileSync(join(root, from), 'utf8')
    const {specifiers, computed} = specifiersOf(from, text)
    if (computed > 0) computedImports.push(from)
    // The second reading: every specifier TypeScript's pre-processor sees must be one the walk above saw.
    const seen = new Set(specifiers.map((specifier) => specifier.text))
    for (const file of ts.preProcessFile(text, true, true).importedFiles) {
      if (!seen.has(file.fileName)) unreadable.push(`${from}: ${file.fileName} (seen by ts.preProcessFile only)`)
    }
    for (const specifier of specifiers) {
      if (!specifier.text.startsWith('.')) {
        if (!specifier.text.startsWith('node:')) packageImports.push({from, to: packageName(specifier.text), kind: specifier.kind})
        continue
      }
      const to = resolved(root, from, specifier.text)
      if (to === undefined) unreadable.push(`${from}: ${specifier.text} names no file`)
      else edges.push({from, to, kind: specifier.kind})
    }
  }
  return {modules, edges, unreadable, computedImports, packageImports}
}
