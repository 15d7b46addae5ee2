// The failures the tool reports to its user, independent of the command-line framework: every layer
// throws them, and only `src/cli/base-command.ts` hands them to oclif. The model is aws-cdk-cli's
// toolkit-lib `ToolkitError`: a plain Error subclass that says what kind of failure it is.

import {ExitCode, type ExitCodeValue} from './exit-codes.js'

/** A one-line, user-facing failure with the contract's exit code. */
export class BinfixError extends Error {
  /**
   * The exit code again, where oclif's errors keep theirs (`oclif.exit`), as plain data and no oclif import:
   * callers of a service without the command line (tests) read it there, and oclif's flag parser rewrites it
   * on a flag's failure, which a getter would not allow.
   */
  readonly oclif: {readonly exit: ExitCodeValue}

  constructor(
    /** What kind of failure, as the --json error document names it: `USAGE`, `AWS_THROTTLED` … */
    readonly code: string,
    message: string,
    readonly exitCode: ExitCodeValue,
  ) {
    super(message)
    this.oclif = {exit: exitCode}
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
