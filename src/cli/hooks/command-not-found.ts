// `apigw-binfix nosuchcmd`: oclif alone prints "command nosuchcmd not found" and exits 1; the contract
// makes it a usage error, one line (or one JSON document with --json) and exit 2.

import type {Hook} from '@oclif/core'

import {errorDocument} from '../base-command.js'
import {UsageError, echoed} from '../errors.js'

const hook: Hook.CommandNotFound = async function (options) {
  const bin = options.config.bin
  const given = echoed(options.id)
  const error = new UsageError(
    options.id.startsWith('-') ? `Unknown flag ${given}; see ${bin} --help` : `${given} is not an ${bin} command; see ${bin} --help for the commands`,
  )
  if (options.argv?.includes('--json')) process.stdout.write(`${JSON.stringify(errorDocument(error), null, 2)}\n`)
  else process.stderr.write(`Error: ${error.message}\n`)
  // Printed here: oclif's printer would add a `Code:` line. It still exits with the error's code.
  error.skipOclifErrorHandling = true
  throw error
}

export default hook
