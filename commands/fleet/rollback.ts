import {Flags} from '@oclif/core'

import {BaseCommand} from '../../src/cli/base-command.js'
import {fleetScopeFlags, fleetScopeRequest} from '../../src/cli/fleet-flags.js'
import {historyFlag} from '../../src/cli/history-flag.js'

export default class FleetRollbackCommand extends BaseCommand {
  static override summary = 'Undo a fleet apply from its journals.'

  static override description = `Reads the record fleet apply --out wrote and rolls back each API it wrote to as \`rollback --journal --yes\` does: the stage points at its prior deployment again and every setting gets its prior value; convergent, so a second run writes nothing. Name the accounts as for fleet apply.

Exit codes: 0 rolled back, 1 an API failed or an account could not be reached, 130 interrupted, 2 bad input.`

  static override examples = ['<%= config.bin %> fleet rollback --from fleet-apply.json --organization --role-name BinfixFixer']

  static override flags = {
    ...fleetScopeFlags,
    from: Flags.string({summary: 'The record of the fleet apply to undo (fleet apply --out).', required: true}),
    'max-failures': Flags.integer({summary: 'Stop starting new APIs after this many failed.', min: 1}),
    ...historyFlag,
  }

  async run(): Promise<unknown> {
    const {flags} = await this.parse(FleetRollbackCommand)
    const cwd = process.cwd()
    const scope = fleetScopeRequest(flags, cwd)
    const [{rollbackFleet}, {fleetRollbackDocument}, {interruptOnSignals}, {renderFleetRollback}] = await Promise.all([
      import('../../src/services/fleet/fleet-rollback-service.js'),
      import('../../src/ui/json/fleet-rollback-document.js'),
      import('../../src/cli/interrupt.js'),
      import('../../src/ui/fleet-view.js'),
    ])
    const interrupt = interruptOnSignals((message) => process.stderr.write(`${message}\n`))
    try {
      const report = await rollbackFleet(
        {...scope, from: flags.from, ...(flags['max-failures'] !== undefined ? {maxFailures: flags['max-failures']} : {}), ...(flags.history !== undefined ? {historyDir: flags.history} : {})},
        {signal: interrupt.signal},
      )
      process.exitCode = report.exitCode
      if (!this.jsonEnabled()) this.log(renderFleetRollback(report))
      return fleetRollbackDocument(report)
    } finally {
      interrupt.dispose()
    }
  }
}
