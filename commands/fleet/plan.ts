import {Flags} from '@oclif/core'

import {BaseCommand} from '../../src/cli/base-command.js'
import {fleetScopeFlags, fleetScopeRequest} from '../../src/cli/fleet-flags.js'
import {stageFlag} from '../../src/cli/stage-flag.js'
import {ExitCode} from '../../src/core/exit-codes.js'

export default class FleetPlanCommand extends BaseCommand {
  static override summary = 'Plan the fixes of every REST API of many accounts and Regions, in one file for fleet apply.'

  static override description = `Plans every selected API and stage as \`plan\` plans one (the same reads and rules), and saves the plans that change something, each with its live fingerprint, in one file (--out) for \`fleet apply --plan\`. Accounts, Regions and the fleet file as for fleet audit. Read-only.

Exit codes: 0 nothing to change, 3 changes planned, 2 bad input, 1 an account, Region or API could not be read.`

  static override examples = ['<%= config.bin %> fleet plan --organization --role-name BinfixFixer --regions us-east-1,eu-west-1 --out fleet-plan.json']

  static override flags = {
    ...fleetScopeFlags,
    fleet: Flags.string({summary: 'The fleet file: selectors mapped to specs, first match wins. Default: ./binfix-fleet.yaml if present.'}),
    stage: stageFlag("Plan only this stage of every API. Default: the fleet file's or spec's stage, else every stage."),
    out: Flags.string({summary: 'Where to save the fleet plan (0600); an existing file is kept unless --force.', required: true}),
    force: Flags.boolean({summary: 'Replace --out if it exists.'}),
  }

  async run(): Promise<unknown> {
    const {flags} = await this.parse(FleetPlanCommand)
    const cwd = process.cwd()
    const scope = fleetScopeRequest(flags, cwd)
    const [{planFleet}, {fleetPlanDocument}, {fleetOutputSink}, {stdoutOutput}, {renderFleetSummary}, {paletteFor}] = await Promise.all([
      import('../../src/services/fleet/fleet-plan-service.js'),
      import('../../src/ui/json/fleet-plan-document.js'),
      import('../../src/services/fleet/fleet-output.js'),
      import('../../src/services/streamed-out-file.js'),
      import('../../src/ui/fleet-view.js'),
      import('../../src/ui/colours.js'),
    ])
    const report = await planFleet(
      {...scope, out: flags.out, force: flags.force, ...(flags.fleet !== undefined ? {fleetFile: flags.fleet} : {}), ...(flags.stage !== undefined ? {stage: flags.stage} : {})},
      fleetOutputSink('text', stdoutOutput()),
    )
    const unreadable = report.failures.length > 0 || report.totals.apisFailed > 0
    process.exitCode = unreadable ? ExitCode.failure : report.planned > 0 ? ExitCode.findings : ExitCode.ok
    if (!this.jsonEnabled()) {
      this.log(renderFleetSummary(report, paletteFor(process.stdout)))
      this.log(`\n${report.planned} plan(s) saved to ${report.out}; apply them with: fleet apply --plan ${report.out} (and the same accounts)`)
    }
    return fleetPlanDocument(report)
  }
}
