import {Flags} from '@oclif/core'

import {UsageError, echoed} from './errors.js'

// CreateStage's rule, as schemas/binfix.schema.json states it for stage:.
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/

/** `value` if it is a stage name API Gateway accepts, else a one-line UsageError naming `flag`. */
export function checkedStageName(value: string, flag: string): string {
  if (!STAGE_NAME.test(value)) throw new UsageError(`${flag} ${echoed(value)}: not a stage name (1 to 128 of a-z, A-Z, 0-9, '-' and '_')`)
  return value
}

/** A stage-name flag, checked while parsing: a bad name is refused before any call. */
export function stageFlag(summary: string) {
  return Flags.string({summary, parse: async (value, _context, flag) => checkedStageName(value, `--${flag.name}`)})
}
