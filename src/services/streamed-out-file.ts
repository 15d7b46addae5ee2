// An --out file written as results come (fleet audit's JSON Lines): into a 0600 temp file beside it, put
// in place whole at the end (without --force only if nothing appeared there meanwhile), as out-file.ts
// does for files written at once. A run that fails leaves no half file.

import {randomBytes} from 'node:crypto'
import {type FileHandle, link, open, rename, rm} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

import {UsageError} from '../core/errors.js'

export interface TextOutput {
  write(text: string): Promise<void>
  /** Puts the file in place (or flushes stdout). */
  finish(): Promise<void>
  /** Drops what was written (no file appears). */
  abandon(): Promise<void>
}

/** `path` is already checked (checkedOutPath); `named` as the user wrote it, for messages. */
export async function streamedOutFile(path: string, named: string, options: {replace: boolean}): Promise<TextOutput> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  let handle: FileHandle
  try {
    handle = await open(temporary, 'wx', 0o600)
  } catch (error) {
    throw new UsageError(`--out ${named}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await handle.close()
  }
  return {
    write: async (text) => {
      await handle.write(text)
    },
    finish: async () => {
      await handle.sync()
      await close()
      try {
        if (options.replace) await rename(temporary, path)
        else await link(temporary, path)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`--out ${named}: the file exists; pass --force to replace it`)
        throw new UsageError(`--out ${named}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
      } finally {
        await rm(temporary, {force: true})
      }
    },
    abandon: async () => {
      await close()
      await rm(temporary, {force: true})
    },
  }
}

/** Standard output, honouring back-pressure so a slow reader does not make memory grow. */
export function stdoutOutput(stream: NodeJS.WritableStream = process.stdout): TextOutput {
  return {
    write: (text) =>
      new Promise((resolveWrite) => {
        if (stream.write(text)) resolveWrite()
        else stream.once('drain', () => resolveWrite())
      }),
    finish: async () => {},
    abandon: async () => {},
  }
}
