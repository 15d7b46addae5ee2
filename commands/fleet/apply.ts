import {Flags} from '@oclif/core'

import {BaseCommand} from '../../src/cli/base-command.js'
import {fleetScopeFlags, fleetScopeRequest} from '../../src/cli/fleet-flags.js'
import {historyFlag} from '../../src/cli/history-flag.js'

export default class FleetApplyCommand extends BaseCommand {
  static override summary = 'Apply a fleet plan: every API patched, redeployed once and checked, in parallel across accounts.'

  static override description = `Applies each plan of a fleet plan (fleet plan --out) as \`apply --plan --yes\` applies one: its lock, its journal, only the writes that differ, one redeploy of the stage and the convergence check. Accounts run in parallel; CreateDeployment is serialised within an account. A plan whose API changed since is skipped (stale), not fatal; --max-failures N stops starting new APIs after N failures; Ctrl-C lets the writes in flight finish their journal step and starts nothing new. Name the accounts as for fleet plan (the plan says which account and Region each API is in). --out records each API's outcome and journal for fleet rollback.

Exit codes: 0 applied and converged, 4 some plans stale, 3 findings remain or APIs not started, 1 an API failed or an account could not be reached, 130 interrupted, 2 bad input.`

  static override examples = ['<%= config.bin %> fleet apply --plan fleet-plan.json --organization --role-name BinfixFixer --out fleet-apply.json']

  static override flags = {
    ...fleetScopeFlags,
    plan: Flags.string({summary: 'The fleet plan to apply (fleet plan --out).', required: true}),
    'max-failures': Flags.integer({summary: 'Stop starting new APIs after this many failed.', min: 1}),
    'allow-drift': Flags.boolean({summary: 'Write to APIs CloudFormation stacks deploy (the fix is drift until the template says the same).'}),
    out: Flags.string({summary: "Record each API's outcome and journal here (0600), for fleet rollback --from."}),
    force: Flags.boolean({summary: 'Replace --out if it exists.'}),
    ...historyFlag,
  }

  async run(): Promise<unknown> {
    const {flags} = await this.parse(FleetApplyCommand)
    const cwd = process.cwd()
    const scope = fleetScopeRequest(flags, cwd)
    const [{applyFleet}, {fleetApplyDocument}, {interruptOnSignals}, {renderFleetApply}] = await Promise.all([
      import('../../src/services/fleet/fleet-apply-service.js'),
      import('../../src/ui/json/fleet-apply-document.js'),
      import('../../src/cli/interrupt.js'),
      import('../../src/ui/fleet-view.js'),
    ])
    const interrupt = interruptOnSignals((message) => process.stderr.write(`${message}\n`))
    try {
      const report = await applyFleet(
        {
          ...scope,
          planFile: flags.plan,
          ...(flags['max-failures'] !== undefined ? {maxFailures: flags['max-failures']} : {}),
          ...(flags['allow-drift'] ? {allowDrift: true} : {}),
          ...(flags.history !== undefined ? {historyDir: flags.history} : {}),
          ...(flags.out !== undefined ? {out: flags.out, force: flags.force} : {}),
        },
        {signal: interrupt.signal},
      )
      process.exitCode = report.exitCode
      if (!this.jsonEnabled()) this.log(renderFleetApply(report))
      return fleetApplyDocument(report)
    } finally {
      interrupt.dispose()
    }
  }
}
