// Files a command writes with --out: checked before any AWS call, written whole or not at all.

import {randomBytes} from 'node:crypto'
import {link, rename, rm, stat, writeFile} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'

import {UsageError} from '../core/errors.js'

/**
 * The absolute path of `out`; a directory, a missing parent directory, or (without `replace`, --force)
 * an existing file is refused, before any AWS call.
 */
export async function checkedOutPath(out: string, cwd: string, options: {replace: boolean}): Promise<string> {
  if (out.trim() === '') throw new UsageError('--out: the file name is empty')
  const path = resolve(cwd, out)
  const existing = await stat(path).catch(() => undefined)
  if (existing?.isDirectory()) throw new UsageError(`--out ${out}: is a directory; name a file`)
  if (existing && !options.replace) throw new UsageError(existsMessage(out))
  const parent = await stat(dirname(path)).catch(() => undefined)
  if (!parent) throw new UsageError(`--out ${out}: directory ${dirname(out)} does not exist`)
  if (!parent.isDirectory()) throw new UsageError(`--out ${out}: ${dirname(out)} is not a directory`)
  return path
}

function existsMessage(out: string): string {
  return `--out ${out}: the file exists; pass --force to replace it`
}

/**
 * Temp file in the same directory, then rename: readers never see half a file. Without `replace`, a
 * hard link puts it in place only if no file has appeared there since (rename would replace it).
 * Created 0600: what it holds describes infrastructure.
 */
export async function writeAtomically(path: string, text: string, named: string, options: {replace: boolean}): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, text, {flag: 'wx', mode: 0o600})
    if (options.replace) await rename(temporary, path)
    else await link(temporary, path).finally(() => rm(temporary, {force: true}))
  } catch (error) {
    await rm(temporary, {force: true})
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST' && !options.replace) throw new UsageError(existsMessage(named))
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory; name a file' : (code ?? (error as Error).message)
    throw new UsageError(`--out ${named}: cannot write (${reason})`)
  }
}
