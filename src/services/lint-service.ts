// lint: finds the files under the paths it is given (CloudFormation, SAM, CDK and Serverless templates,
// serverless.yml, OpenAPI documents, Terraform plans as JSON), reads them and judges them offline. It
// makes no AWS call: everything it knows is in the files and the spec.

import {type Dirent, type Stats, constants, realpathSync} from 'node:fs'
import {type FileHandle, open, readdir, stat} from 'node:fs/promises'
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
  /** How many JSON and YAML files one folder walk may find before it is refused; MAX_WALKED_FILES by default. */
  maxWalkedFiles?: number
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
/** Far more than a repository's templates, far fewer than a checkout of dependencies: the paths held stay a few MB. */
export const MAX_WALKED_FILES = 50_000
/**
 * The largest definition AWS takes among lint's kinds: an OpenAPI document of 6 MB (API Gateway's
 * ImportRestApi and PutRestApi: "The maximum size of the API definition file is 6MB"). Templates have a
 * lower bound of their own (classify.ts, CloudFormation's 1 MB); Terraform plans have no AWS quota and
 * share this one. Larger files are refused from their size, before they are read.
 */
const MAX_BYTES = 6 * 1024 * 1024

export async function lintPaths(request: LintRequest): Promise<LintReport> {
  const spec = await loadDesiredSpec({cwd: request.cwd, ...(request.specFile === undefined ? {} : {specFile: request.specFile}), ...(request.binaryTypes ? {binaryTypes: request.binaryTypes} : {})})
  const targets = request.paths.length > 0 ? request.paths : ['.']
  const found: Array<{file: string; named: boolean}> = []
  const unreadableFolders: Array<{file: string; reason: string}> = []
  for (const target of targets) {
    const absolute = resolve(request.cwd, target)
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`${clipped(target)}: ${error.code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${error.code ?? error.message})`}`)
    })
    if (info.isDirectory()) {
      const walked = await walk(absolute, target, request.maxWalkedFiles ?? MAX_WALKED_FILES)
      for (const file of walked.files) found.push({file, named: false})
      for (const {folder, reason} of walked.unreadable) unreadableFolders.push({file: displayName(request.cwd, folder), reason})
    } else {
      found.push({file: absolute, named: true})
    }
  }
  const seen = new Set<string>()
  const report: LintReport = {files: [], skipped: [...unreadableFolders], findings: [], spec: spec ? {file: spec.source.file ?? null} : null, inSync: true}
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
  const read = await readDefinition(file)
  if ('problem' in read) {
    // A file named on the command line is input: one line, exit 2. In a folder, it is listed as skipped.
    if (named) throw new UsageError(`${escapeControls(shown)}: ${read.problem}`)
    return {file: shown, skipped: read.problem, unreadable: true}
  }
  return lintSource(shown, read.text, named, spec)
}

const strictUtf8 = new TextDecoder('utf-8', {fatal: true})

/**
 * A regular file's text, read whole only when it is within MAX_BYTES, or why not. Opened without
 * blocking (a FIFO would wait for a writer forever) and checked on the open file, so what is read is
 * what was checked.
 */
async function readDefinition(file: string): Promise<{text: string} | {problem: string}> {
  let handle: FileHandle
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    return {problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`}
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) return {problem: `not a regular file (${kindOf(info)}), not a definition lint reads`}
    if (info.size > MAX_BYTES) return {problem: `${info.size} bytes, larger than the ${MAX_BYTES} bytes (6 MB) of the largest definition API Gateway imports`}
    // The size is checked; a file growing meanwhile is cut at the bound (and then fails to parse).
    const buffer = Buffer.alloc(Math.min(info.size, MAX_BYTES) + 1)
    let length = 0
    while (length < buffer.length) {
      const {bytesRead} = await handle.read(buffer, length, buffer.length - length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > MAX_BYTES) return {problem: `grew past ${MAX_BYTES} bytes while being read`}
    const bytes = buffer.subarray(0, length)
    try {
      return {text: strictUtf8.decode(bytes)}
    } catch {
      const {line, column} = firstInvalidUtf8(bytes)
      return {problem: `line ${line}, column ${column}: not UTF-8 (CloudFormation, API Gateway and Terraform read UTF-8 only)`}
    }
  } catch (error) {
    return {problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`}
  } finally {
    await handle.close()
  }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  if (info.isSocket()) return 'a socket'
  if (info.isDirectory()) return 'a folder'
  return 'not a file'
}

/** Where the first byte that is not UTF-8 is: line and column (in characters) of the valid text before it. */
function firstInvalidUtf8(bytes: Uint8Array): {line: number; column: number} {
  // Bisect the longest valid prefix: decoding is linear, so this stays O(n log n).
  let valid = 0
  let invalid = bytes.length
  while (invalid - valid > 4) {
    const middle = (valid + invalid) >>> 1
    if (decodesUpTo(bytes, middle)) valid = middle
    else invalid = middle
  }
  while (valid < invalid && decodesUpTo(bytes, valid + 1)) valid++
  // A prefix cut inside a character fails too: back up to the last one that decodes.
  let text = ''
  for (let end = valid; end >= Math.max(0, valid - 3); end--) {
    try {
      text = strictUtf8.decode(bytes.subarray(0, end))
      break
    } catch {
      continue
    }
  }
  const lines = text.split('\n')
  return {line: lines.length, column: [...lines.at(-1)!].length + 1}
}

function decodesUpTo(bytes: Uint8Array, end: number): boolean {
  // A prefix ending inside a valid character is cut, not invalid: allow up to 3 bytes of it.
  for (let cut = end; cut >= Math.max(0, end - 3); cut--) {
    try {
      strictUtf8.decode(bytes.subarray(0, cut))
      return true
    } catch {
      continue
    }
  }
  return false
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

/**
 * The data files under `folder`. Symbolic links are not followed (readdir's entry for a link is neither
 * a file nor a folder): a loop cannot form, and a link in a pull request cannot make lint read, and show
 * lines of, a file outside the folder. FIFOs, devices and sockets are not files either.
 */
async function walk(folder: string, shownFolder: string, maxFiles: number): Promise<{files: string[]; unreadable: Array<{folder: string; reason: string}>}> {
  const files: string[] = []
  const unreadable: Array<{folder: string; reason: string}> = []
  const visit = async (dir: string): Promise<void> => {
    let entries: Dirent[]
    try {
      entries = await readdir(dir, {withFileTypes: true})
    } catch (error) {
      unreadable.push({folder: dir, reason: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`})
      return
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        // Hidden folders hold tools' state, except the Serverless Framework's compiled templates.
        if (SKIPPED_FOLDERS.has(entry.name) || (entry.name.startsWith('.') && entry.name !== '.serverless')) continue
        await visit(path)
      } else if (entry.isFile() && EXTENSIONS.test(entry.name)) {
        if (files.length === maxFiles) throw new UsageError(`${escapeControls(shownFolder)}: more than ${maxFiles} JSON and YAML files under it; name the folders that hold the templates`)
        files.push(path)
      }
    }
  }
  await visit(folder)
  return {files, unreadable}
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
