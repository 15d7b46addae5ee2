import {Flags} from '@oclif/core'

import {checkedStageName} from '../core/stage-name.js'

/** A stage-name flag, checked while parsing: a bad name is refused before any call. */
export function stageFlag(summary: string) {
  return Flags.string({summary, parse: async (value, _context, flag) => checkedStageName(value, `--${flag.name}`)})
}
