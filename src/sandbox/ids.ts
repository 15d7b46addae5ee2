import {randomBytes} from 'node:crypto'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** API Gateway ids are short lower-case alphanumerics: 10 characters for REST APIs, 6 for the rest. */
export interface IdSource {
  next(length: number): string
}

export function randomIds(): IdSource {
  return {
    next(length) {
      const bytes = randomBytes(length)
      let id = ''
      for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length]
      return id
    },
  }
}

/** Deterministic ids for reproducible demos and seeded runs. */
export function seededIds(seed: number): IdSource {
  let state = seed >>> 0 || 0x9e3779b9
  return {
    next(length) {
      let id = ''
      for (let i = 0; i < length; i++) {
        state ^= state << 13
        state ^= state >>> 17
        state ^= state << 5
        id += ALPHABET[(state >>> 0) % ALPHABET.length]
      }
      return id
    },
  }
}
