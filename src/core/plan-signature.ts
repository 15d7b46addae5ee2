// Signed plans: a pipeline signs the plan that was reviewed (`plan --sign-key`) and the apply job checks
// it (`apply --verify-key`), so a plan edited on its way between the two is refused. HMAC-SHA256 with a
// shared secret, or Ed25519 with a key pair (the apply job then holds only the public key). What is
// signed is the plan's canonical JSON (keys sorted, no whitespace) without the signature itself.

import {type KeyObject, createHash, createHmac, createPrivateKey, createPublicKey, sign, timingSafeEqual, verify} from 'node:crypto'

import type {Plan} from './plan.js'

export type SigningKey = {kind: 'hmac'; secret: Buffer} | {kind: 'ed25519'; privateKey?: KeyObject; publicKey: KeyObject}

/** An HMAC secret shorter than this is refused: SHA-256's block of guessable bytes is no protection. */
export const MIN_HMAC_SECRET_BYTES = 32

/** A key from a file's bytes: a PEM Ed25519 private or public key, else the bytes are an HMAC secret. */
export function parseSigningKey(bytes: Buffer): SigningKey | {fault: string} {
  const text = bytes.toString('utf8')
  if (text.includes('-----BEGIN')) {
    let publicKey: KeyObject
    let privateKey: KeyObject | undefined
    try {
      if (text.includes('PRIVATE KEY-----')) {
        privateKey = createPrivateKey(text)
        publicKey = createPublicKey(privateKey)
      } else {
        publicKey = createPublicKey(text)
      }
    } catch {
      return {fault: 'not a PEM key that can be read'}
    }
    if (publicKey.asymmetricKeyType !== 'ed25519') return {fault: `a ${publicKey.asymmetricKeyType ?? 'non-asymmetric'} key: plans are signed with Ed25519 keys or an HMAC secret`}
    return {kind: 'ed25519', publicKey, ...(privateKey ? {privateKey} : {})}
  }
  // A secret written with `echo` ends in a newline that is not part of it.
  const secret = Buffer.from(text.replace(/\r?\n$/, ''), 'utf8')
  if (secret.length < MIN_HMAC_SECRET_BYTES) return {fault: `an HMAC secret of ${secret.length} bytes: use at least ${MIN_HMAC_SECRET_BYTES} random bytes (e.g. openssl rand -hex 32)`}
  return {kind: 'hmac', secret}
}

export function signPlan(plan: Plan, key: SigningKey): Plan {
  const {signature: _previous, ...unsigned} = plan
  const payload = Buffer.from(canonicalJson(unsigned), 'utf8')
  if (key.kind === 'hmac') {
    return {...unsigned, signature: {algorithm: 'hmac-sha256', keyId: keyIdOf(key), value: createHmac('sha256', key.secret).update(payload).digest('base64')}}
  }
  if (!key.privateKey) throw new Error('signPlan: an Ed25519 public key cannot sign')
  return {...unsigned, signature: {algorithm: 'ed25519', keyId: keyIdOf(key), value: sign(null, payload, key.privateKey).toString('base64')}}
}

/** Why the plan's signature does not prove it is the plan signed with `key`; undefined when it does. */
export function signatureFault(plan: Plan, key: SigningKey): string | undefined {
  const {signature, ...unsigned} = plan
  if (!signature) return 'it is not signed'
  const algorithm = key.kind === 'hmac' ? 'hmac-sha256' : 'ed25519'
  if (signature.algorithm !== algorithm) return `it is signed with ${signature.algorithm}, not ${algorithm}`
  if (signature.keyId !== keyIdOf(key)) return `it is signed with key ${signature.keyId}, not ${keyIdOf(key)}`
  const payload = Buffer.from(canonicalJson(unsigned), 'utf8')
  const given = Buffer.from(signature.value, 'base64')
  const valid =
    key.kind === 'hmac'
      ? (() => {
          const expected = createHmac('sha256', key.secret).update(payload).digest()
          return given.length === expected.length && timingSafeEqual(given, expected)
        })()
      : verify(null, payload, key.publicKey, given)
  return valid ? undefined : 'its signature does not match its content: it was changed after it was signed'
}

export function keyIdOf(key: SigningKey): string {
  const material = key.kind === 'hmac' ? key.secret : key.publicKey.export({type: 'spki', format: 'der'})
  return createHash('sha256').update(material).digest('hex').slice(0, 16)
}

/** JSON with object keys sorted at every level: the same plan always signs the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value)
}
