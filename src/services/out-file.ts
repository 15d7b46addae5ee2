// Files a command writes with --out: checked before any AWS call, written whole or not at all.

import {randomBytes} from 'node:crypto'
import {rename, rm, stat, writeFile} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'

import {UsageError} from '../cli/errors.js'

/** The absolute path of `out`; a directory or a missing parent directory is refused. */
export async function checkedOutPath(out: string, cwd: string): Promise<string> {
  if (out.trim() === '') throw new UsageError('--out: the file name is empty')
  const path = resolve(cwd, out)
  const existing = await stat(path).catch(() => undefined)
  if (existing?.isDirectory()) throw new UsageError(`--out ${out}: is a directory; name a file`)
  const parent = await stat(dirname(path)).catch(() => undefined)
  if (!parent) throw new UsageError(`--out ${out}: directory ${dirname(out)} does not exist`)
  if (!parent.isDirectory()) throw new UsageError(`--out ${out}: ${dirname(out)} is not a directory`)
  return path
}

/** Temp file in the same directory, then rename: readers never see half a file. */
export async function writeAtomically(path: string, text: string, named: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, text, {flag: 'wx', mode: 0o644})
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, {force: true})
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory; name a file' : (code ?? (error as Error).message)
    throw new UsageError(`--out ${named}: cannot write (${reason})`)
  }
}
