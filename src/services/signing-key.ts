// The key files of `plan --sign-key` and `apply --verify-key`: read before any AWS call, never echoed.

import {readFile} from 'node:fs/promises'
import {resolve} from 'node:path'

import {UsageError} from '../core/errors.js'
import {type SigningKey, parseSigningKey} from '../core/plan-signature.js'
import {echoed} from '../core/quote.js'

/** A key file larger than this is no key (PEM Ed25519 keys are about 120 bytes). */
const MAX_KEY_FILE_BYTES = 16_384

export async function readSigningKey(flag: '--sign-key' | '--verify-key', file: string, cwd: string): Promise<SigningKey> {
  let bytes: Buffer
  try {
    bytes = await readFile(resolve(cwd, file))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(`${flag} ${echoed(file)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? (error as Error).message})`}`)
  }
  if (bytes.length > MAX_KEY_FILE_BYTES) throw new UsageError(`${flag} ${echoed(file)}: ${bytes.length} bytes is no key file`)
  const key = parseSigningKey(bytes)
  if ('fault' in key) throw new UsageError(`${flag} ${echoed(file)}: ${key.fault}`)
  if (flag === '--sign-key' && key.kind === 'ed25519' && !key.privateKey) throw new UsageError(`${flag} ${echoed(file)}: a public key cannot sign; pass the private key (the apply job gets the public one)`)
  return key
}
