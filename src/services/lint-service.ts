// lint: finds the files under the paths it is given (CloudFormation, SAM, CDK and Serverless templates,
// serverless.yml, OpenAPI documents, Terraform plans as JSON), reads them and judges them offline. It
// makes no AWS call: everything it knows is in the files and the spec.

import {type Dirent, realpathSync} from 'node:fs'
import {readFile, readdir, stat} from 'node:fs/promises'
import {join, relative, resolve, sep} from 'node:path'

import type {DesiredSpec} from '../core/desired-spec.js'
import {UsageError} from '../core/errors.js'
import {type FileLint, type LintFinding, LintReadError, lintText} from '../core/lint/index.js'
import {clipped, escapeControls} from '../core/quote.js'
import {loadDesiredSpec} from '../desired-spec/load-spec.js'

export interface LintRequest {
  /** Files or folders; none: the current folder. */
  paths: string[]
  specFile?: string
  binaryTypes?: string[]
  cwd: string
}

export interface LintReport {
  /** Files read as one of lint's kinds, in path order. */
  files: Array<Extract<FileLint, {format: string}>>
  /** Files looked at and left, with why (only those named or that looked like a template). */
  skipped: Array<{file: string; reason: string}>
  findings: LintFinding[]
  spec: {file: string | null} | null
  /** False exactly when an error or warning remains (as audit's). */
  inSync: boolean
}

// What a folder walk looks at: data files, not code; never dependencies or version control.
const EXTENSIONS = /\.(json|ya?ml|template)$/i
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.terraform', '.aws-sam'])
/** Larger files are not definitions; Terraform plans of big estates stay well below. */
const MAX_BYTES = 20 * 1024 * 1024

export async function lintPaths(request: LintRequest): Promise<LintReport> {
  const spec = await loadDesiredSpec({cwd: request.cwd, ...(request.specFile === undefined ? {} : {specFile: request.specFile}), ...(request.binaryTypes ? {binaryTypes: request.binaryTypes} : {})})
  const targets = request.paths.length > 0 ? request.paths : ['.']
  const found: Array<{file: string; named: boolean}> = []
  for (const target of targets) {
    const absolute = resolve(request.cwd, target)
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`${clipped(target)}: ${error.code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${error.code ?? error.message})`}`)
    })
    if (info.isDirectory()) for (const file of await walk(absolute)) found.push({file, named: false})
    else found.push({file: absolute, named: true})
  }
  const seen = new Set<string>()
  const report: LintReport = {files: [], skipped: [], findings: [], spec: spec ? {file: spec.source.file ?? null} : null, inSync: true}
  for (const {file, named} of found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const real = safeRealpath(file)
    if (seen.has(real)) continue
    seen.add(real)
    const shown = displayName(request.cwd, file)
    const result = await lintFile(file, shown, named, spec)
    if ('skipped' in result) {
      // Files of lint's kinds that could not be read are said; other data files in a folder are not.
      if (named || ('unreadable' in result && result.unreadable)) report.skipped.push({file: shown, reason: result.skipped})
      continue
    }
    report.files.push(result)
    report.findings.push(...result.findings)
  }
  report.inSync = !report.findings.some((entry) => entry.severity === 'error' || entry.severity === 'warning')
  return report
}

async function lintFile(file: string, shown: string, named: boolean, spec: DesiredSpec | undefined): Promise<FileLint | {file: string; skipped: string; unreadable: true}> {
  let text: string
  try {
    const info = await stat(file)
    if (info.size > MAX_BYTES) {
      if (named) throw new UsageError(`${escapeControls(shown)}: larger than ${MAX_BYTES / 1024 / 1024} MiB, not a definition lint reads`)
      return {file: shown, skipped: 'too large'}
    }
    text = await readFile(file, 'utf8')
  } catch (error) {
    if (error instanceof UsageError) throw error
    if (named) throw new UsageError(`${escapeControls(shown)}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
    return {file: shown, skipped: 'cannot be read'}
  }
  return lintSource(shown, text, named, spec)
}

/**
 * A file's text as lint takes it: read as one of lint's kinds, skipped, or (when the file was named)
 * refused in one line naming it (a UsageError, exit 2).
 */
export function lintSource(shown: string, text: string, named: boolean, spec: DesiredSpec | undefined): FileLint | {file: string; skipped: string; unreadable: true} {
  try {
    return lintText(shown, text, spec)
  } catch (error) {
    if (!(error instanceof LintReadError)) throw error
    // A file named on the command line is input: one line, exit 2. In a folder, other YAML may look alike.
    if (named) throw new UsageError(`${escapeControls(shown)}: ${error.message}`)
    return {file: shown, skipped: error.message, unreadable: true}
  }
}

async function walk(folder: string): Promise<string[]> {
  const files: string[] = []
  const visit = async (dir: string): Promise<void> => {
    let entries: Dirent[]
    try {
      entries = await readdir(dir, {withFileTypes: true})
    } catch {
      return
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        // Hidden folders hold tools' state, except the Serverless Framework's compiled templates.
        if (SKIPPED_FOLDERS.has(entry.name) || (entry.name.startsWith('.') && entry.name !== '.serverless')) continue
        await visit(path)
      } else if (entry.isFile() && EXTENSIONS.test(entry.name)) {
        files.push(path)
      }
    }
  }
  await visit(folder)
  return files
}

/** Relative to the current folder with "/", as SARIF and GitHub's annotations want paths; absolute outside it. */
function displayName(cwd: string, file: string): string {
  const relativePath = relative(cwd, file)
  if (relativePath.startsWith('..') || resolve(cwd, relativePath) !== file) return file
  return relativePath.split(sep).join('/')
}

function safeRealpath(file: string): string {
  try {
    return realpathSync(file)
  } catch {
    return file
  }
}
