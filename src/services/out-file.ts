// Files a command writes with --out: checked before any AWS call, written whole or not at all.

import {randomBytes} from 'node:crypto'
import {link, open, rename, rm, stat} from 'node:fs/promises'
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
 * Created 0600: what it holds describes infrastructure. As the sandbox's state file does, the temp file
 * is flushed before it is put in place and the directory after, so a crash leaves the old file or the
 * whole new one (a rename alone can reach the disk before the data it names).
 */
export async function writeAtomically(path: string, text: string, named: string, options: {replace: boolean}): Promise<void> {
  const directory = dirname(path)
  const temporary = join(directory, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const file = await open(temporary, 'wx', 0o600)
    try {
      await file.writeFile(text)
      await file.sync()
    } finally {
      await file.close()
    }
    if (options.replace) await rename(temporary, path)
    else await link(temporary, path).finally(() => rm(temporary, {force: true}))
  } catch (error) {
    await rm(temporary, {force: true})
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST' && !options.replace) throw new UsageError(existsMessage(named))
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory; name a file' : (code ?? (error as Error).message)
    throw new UsageError(`--out ${named}: cannot write (${reason})`)
  }
  await syncDirectory(directory)
}

// Makes the rename (or link) itself durable. Not every platform can open a directory (Windows cannot) and
// some file systems refuse fsync on one (EINVAL): there the file is in place as durably as they make it.
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r').catch(() => undefined)
  if (handle === undefined) return
  try {
    await handle.sync()
  } catch {
    // The file is in place; only its durability is the file system's.
  } finally {
    await handle.close()
  }
}
