// Sizes as people write them on the command line, and as the verify report prints them. KB and MB are
// decimal (1000, 1000²), KiB and MiB binary (1024, 1024²), as the IEC and SI prefixes say.

import {VerifyInputError} from './verify-input-error.js'

export const KIB = 1024
export const MIB = 1024 * 1024

/** API Gateway's payload limit (aws-binary-facts §4.2): a bigger probe could never come back. */
export const MAX_PROBE_SIZE = 10 * MIB

const UNITS: Record<string, number> = {'': 1, b: 1, kb: 1000, mb: 1000 * 1000, kib: KIB, mib: MIB}
const SIZE = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i

/**
 * Bytes from "256", "4608KiB", "4.4MiB" or "5MB" (fractions round down to whole bytes). Throws
 * VerifyInputError naming `name` (the flag) and the value for anything else, zero, or more than 10 MiB.
 */
export function parseSize(text: string, name = '--size'): number {
  const match = SIZE.exec(text.trim())
  const multiplier = match ? UNITS[match[2]!.toLowerCase()] : undefined
  if (!match || multiplier === undefined) {
    throw new VerifyInputError(`${name} ${text}: not a size; write bytes or a number with KB, MB, KiB or MiB, e.g. 256, 4608KiB, 4.4MiB`)
  }
  const bytes = Math.floor(Number(match[1]) * multiplier)
  if (bytes < 1) throw new VerifyInputError(`${name} ${text}: must be at least 1 byte`)
  if (bytes > MAX_PROBE_SIZE) {
    throw new VerifyInputError(`${name} ${text}: ${bytes} bytes is over API Gateway's payload limit of ${MAX_PROBE_SIZE} bytes (10 MiB)`)
  }
  return bytes
}

/** "1 byte", "256 bytes", "4.5 KiB", "4.5 MiB": binary units, rounded to one decimal. */
export function formatSize(bytes: number): string {
  if (bytes < KIB) return bytes === 1 ? '1 byte' : `${bytes} bytes`
  if (bytes < MIB) return `${oneDecimal(bytes / KIB)} KiB`
  return `${oneDecimal(bytes / MIB)} MiB`
}

function oneDecimal(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1).replace(/\.0$/, '')
}
