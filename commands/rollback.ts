import {Args, Flags} from '@oclif/core'

import {awsFlags, connectionOptions} from '../src/cli/aws-flags.js'
import {stackFlags, targetOptions} from '../src/cli/target-flags.js'
import {BaseCommand} from '../src/cli/base-command.js'
import {forceUnlockFlag, historyFlag} from '../src/cli/history-flag.js'
import {interactionFor} from '../src/cli/interaction.js'
import {reachOf} from '../src/cli/reach.js'
import {stageFlag} from '../src/cli/stage-flag.js'
import {ExitCode} from '../src/core/exit-codes.js'

export default class RollbackCommand extends BaseCommand {
  static override summary = 'Undo an apply: the stage serves its previous deployment again and the changed settings get their prior values.'

  static override description = `Reads the newest journal of the API and stage (or --journal FILE), points the stage back at the deployment it served before the apply (UpdateStage /deploymentId; no new deployment is made), and restores the prior value of every setting the apply wrote, so a later deploy does not republish the change. --to DEPLOYMENT_ID serves a chosen deployment instead; without a journal starting from it, the settings are restored to what that deployment serves. Writes only what differs: a second rollback writes nothing.

Exit codes: 0 rolled back (or nothing to do), 1 failure or not converged, 2 bad input (no journal, unknown deployment, a journal of another API, Region or stage), 130 declined at the prompt.`

  static override examples = [
    '<%= config.bin %> rollback a1b2c3d4e5 --stage v1',
    '<%= config.bin %> rollback a1b2c3d4e5 --stage v1 --to abc123 --yes',
    '<%= config.bin %> rollback --journal .apigw-binfix/history/a1b2c3d4e5/000001-20261121T101500.000Z-v1-3f2a1b.jsonl --yes',
  ]

  static override args = {
    api: Args.string({description: "REST API id or exact name. Default: the journal's API, or api: in ./binfix.yaml."}),
  }

  static override flags = {
    stage: stageFlag("The stage to roll back. Default: the journal's, or stage: in ./binfix.yaml."),
    to: Flags.string({summary: 'Serve this deployment instead of the one the journal recorded.'}),
    journal: Flags.string({summary: 'The journal of the apply to undo. Default: the newest for the API and stage.'}),
    yes: Flags.boolean({char: 'y', summary: 'Roll back without asking (for pipelines).'}),
    ...historyFlag,
    ...forceUnlockFlag,
    ...stackFlags,
    ...awsFlags,
  }

  async run(): Promise<unknown> {
    const {args, flags} = await this.parse(RollbackCommand)
    const json = this.jsonEnabled()
    const [{rollbackStage}, {renderRollback}, {paletteFor}, {io, interactive, interrupt}, {rollbackDocument}] = await Promise.all([
      import('../src/services/rollback-service.js'),
      import('../src/ui/apply-view.js'),
      import('../src/ui/colours.js'),
      interactionFor(json),
      import('../src/ui/json/rollback-document.js'),
    ])
    try {
      const report = await rollbackStage(
        {
          ...targetOptions(args.api, flags),
          stage: flags.stage,
          to: flags.to,
          journalFile: flags.journal,
          yes: flags.yes,
          interactive,
          historyDir: flags.history,
          forceUnlock: flags['force-unlock'],
          cwd: process.cwd(),
          connection: connectionOptions(flags),
        },
        {io, signal: interrupt.signal},
      )
      process.exitCode = report.interrupted ? ExitCode.interrupted : report.converged ? ExitCode.ok : ExitCode.failure
      if (!json) this.log(renderRollback(report, paletteFor(process.stdout), {reach: reachOf(flags, report.region)}))
      return rollbackDocument(report)
    } finally {
      interrupt.dispose()
    }
  }
}
