// The commands of oclif's plugins (help, autocomplete) do not go through BaseCommand: their parse errors
// would print oclif's several lines (a page of help for an unknown flag) and exit 1 for some. Before oclif
// prints a failure, this puts any parse error left unhandled into the contract's form: one line, exit 2.

import type {Hook} from '@oclif/core'

import {ExitCode} from '../../core/exit-codes.js'

const hook: Hook.Finally = async function ({error, Command}) {
  const failure = error as (Error & {parse?: unknown; skipOclifErrorHandling?: boolean; oclif?: {exit?: number}}) | undefined
  // oclif's parse errors (CLIParseError and its family) carry the parse they failed.
  if (!failure || failure.skipOclifErrorHandling || failure.parse === undefined) return
  const {parseFailureLine} = await import('../parse-failure.js')
  const flags = {...Command?.flags} as Record<string, {char?: string; allowNo?: boolean}>
  const known = Object.entries(flags).map(([name, flag]) => ({name, char: flag.char, allowNo: flag.allowNo}))
  process.stderr.write(`Error: ${await parseFailureLine(failure, known)}\n`)
  failure.skipOclifErrorHandling = true
  failure.oclif = {...failure.oclif, exit: ExitCode.usage}
}

export default hook
