import {Errors} from '@oclif/core'

import {ExitCode, type ExitCodeValue} from './exit-codes.js'

/**
 * How messages show a value the user gave: on one line (control characters escaped), in quotes when it is
 * empty or holds spaces, and cut when long.
 */
export function echoed(value: string, max = 80): string {
  const escaped = value.replaceAll(/[\u0000-\u001f\u007f]/g, (character) => JSON.stringify(character).slice(1, -1))
  const shown = escaped.length > max ? `${escaped.slice(0, max)}…` : escaped
  const quoted = shown === '' || /\s/.test(value) ? `"${shown}"` : shown
  return escaped.length > max ? `${quoted} (${value.length} characters)` : quoted
}

/** A one-line, user-facing failure with the contract's exit code. */
export class BinfixError extends Errors.CLIError {
  constructor(
    override readonly code: string,
    message: string,
    exit: ExitCodeValue,
  ) {
    super(message, {exit})
  }
}

/** Bad flags, files or values: exit 2, nothing written. */
export class UsageError extends BinfixError {
  constructor(message: string) {
    super('USAGE', message, ExitCode.usage)
  }
}

export class RemoteError extends BinfixError {
  constructor(message: string) {
    super('REMOTE', message, ExitCode.failure)
  }
}

export type AwsCallErrorKind =
  | 'not-found'
  | 'access-denied'
  | 'expired-credentials'
  | 'invalid-credentials'
  | 'no-credentials'
  | 'throttled'
  | 'conflict'
  | 'bad-request'
  | 'unavailable'
  | 'network'
  /** A write failed in a way that leaves open whether AWS applied it (a 5xx or a dropped connection). */
  | 'ambiguous'
  | 'other'

/** A call to AWS failed (after the retries the call policy allows): exit 1, one line, no secrets. */
export class AwsCallError extends BinfixError {
  constructor(
    readonly kind: AwsCallErrorKind,
    message: string,
  ) {
    super(`AWS_${kind.toUpperCase().replaceAll('-', '_')}`, message, ExitCode.failure)
  }
}

/** The person at the prompt said no, or pressed Ctrl-C: exit 130, nothing further written. */
export class DeclinedError extends BinfixError {
  constructor(message: string) {
    super('DECLINED', message, ExitCode.interrupted)
  }
}
