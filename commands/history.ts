import {Args} from '@oclif/core'

import {BaseCommand} from '../src/cli/base-command.js'
import {historyFlag} from '../src/cli/history-flag.js'
import {reachOf} from '../src/cli/reach.js'
import {stageFlag} from '../src/cli/stage-flag.js'

export default class HistoryCommand extends BaseCommand {
  static override summary = 'List the journals of an API: when, which stage, what changed and how each run ended, with the rollback command for each.'

  static override description = `Reads the journals apply and rollback keep (.apigw-binfix/history by default, or --history DIR, or $APIGW_BINFIX_HISTORY), oldest first, so an older apply can be rolled back by its journal (rollback --journal FILE) without hunting for the path. Without <api>, every API the directory holds journals for.

A journal that cannot be read is listed with the reason. Local files only: no call to AWS.

Exit codes: 0 listed (or nothing to list), 2 bad input (no journal of that API).`

  static override examples = [
    '<%= config.bin %> history a1b2c3d4e5',
    '<%= config.bin %> history ApiName --stage v1',
    '<%= config.bin %> history --history ci-artifacts/history --json',
  ]

  static override args = {
    api: Args.string({description: 'REST API id, or its name as the journals record it. Default: every API with journals.'}),
  }

  static override flags = {
    stage: stageFlag('Only the journals of this stage.'),
    ...historyFlag,
  }

  async run(): Promise<unknown> {
    const {args, flags} = await this.parse(HistoryCommand)
    const [{listHistory}, {renderHistory}, {paletteFor}, {historyDocument}] = await Promise.all([
      import('../src/services/history-service.js'),
      import('../src/ui/history-view.js'),
      import('../src/ui/colours.js'),
      import('../src/ui/json/history-document.js'),
    ])
    const report = listHistory({api: args.api, stage: flags.stage, historyDir: flags.history, cwd: process.cwd()})
    if (!this.jsonEnabled()) this.log(renderHistory(report, paletteFor(process.stdout), reachOf({history: flags.history})))
    return historyDocument(report)
  }
}
