// oclif's help, but `apigw-binfix aduit --help` and `apigw-binfix help nosuch` are usage errors like any
// other: one line naming the nearest command, exit 2 (oclif alone prints "Command aduit not found." and
// exits 1). Loaded only for help, as oclif loads any help class.

import {Help} from '@oclif/core'

import {UsageError} from '../core/errors.js'
import {echoed} from '../core/quote.js'
import {oclifError} from './base-command.js'

const NOT_FOUND = /^Command (.+) not found\.$/

export default class BinfixHelp extends Help {
  override async showHelp(argv: string[]): Promise<void> {
    try {
      await super.showHelp(argv)
    } catch (error) {
      const typed = NOT_FOUND.exec((error as Error).message)?.[1]
      if (typed === undefined) throw error
      const {closestName} = await import('../core/suggest.js')
      const word = typed.split(':')[0]!
      const suggestion = closestName(word, this.config.commands.filter((command) => !command.hidden).map((command) => command.id))
      const refusal = oclifError(new UsageError(`${echoed(word)} is not an ${this.config.bin} command; ${suggestion ? `did you mean ${suggestion}?` : `see ${this.config.bin} --help for the commands`}`))
      // Printed here: oclif's printer would indent it and add a `Code:` line. It still exits with the code.
      process.stderr.write(`Error: ${refusal.message}\n`)
      refusal.skipOclifErrorHandling = true
      throw refusal
    }
  }
}
