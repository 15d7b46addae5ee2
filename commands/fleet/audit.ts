import {Flags} from '@oclif/core'

import {BaseCommand} from '../../src/cli/base-command.js'
import {fleetScopeFlags, fleetScopeRequest} from '../../src/cli/fleet-flags.js'
import {stageFlag} from '../../src/cli/stage-flag.js'
import {UsageError} from '../../src/core/errors.js'
import {ExitCode} from '../../src/core/exit-codes.js'

export default class FleetAuditCommand extends BaseCommand {
  static override summary = 'Judge every REST API of many accounts and Regions, at the quota limit.'

  static override description = `Reads every REST API of the accounts (--profile, --accounts FILE or --organization --role-name) and Regions (--regions) with the same reads as \`audit\` and judges each by the spec the fleet file (--fleet, default ./binfix-fleet.yaml) gives it, or by the rules that need no spec. Account-Regions run in parallel, each within API Gateway's quotas for it. An account whose role cannot be assumed, or a Region that refuses, is reported (which call, which permission) and the run goes on.

Output (--output): text (a summary per account and Region, the default), json (one document, as --json), jsonl (one line per API as soon as it is judged), asff (Security Hub findings, for aws securityhub batch-import-findings); to stdout or --out FILE.

Read-only. Exit codes: 0 every API in sync, 3 findings, 2 bad input, 1 an account, Region or API could not be read.`

  static override examples = [
    '<%= config.bin %> fleet audit --profile dev --profile prod --regions us-east-1,eu-west-1',
    '<%= config.bin %> fleet audit --accounts accounts.yml --fleet binfix-fleet.yaml --output jsonl --out fleet.jsonl',
    '<%= config.bin %> fleet audit --organization --role-name OrganizationAccountAccessRole --regions all --output asff --out findings.json',
  ]

  static override flags = {
    ...fleetScopeFlags,
    fleet: Flags.string({summary: 'The fleet file: selectors mapped to specs, first match wins. Default: ./binfix-fleet.yaml if present.'}),
    stage: stageFlag('Judge only this stage of every API. Default: the fleet file\'s or spec\'s stage, else every stage.'),
    output: Flags.string({summary: 'text, json, jsonl or asff.', options: ['text', 'json', 'jsonl', 'asff']}),
    out: Flags.string({summary: 'Write the output to this file (0600) instead of stdout; an existing file is kept unless --force.'}),
    force: Flags.boolean({summary: 'Replace --out if it exists.'}),
    checkpoint: Flags.string({summary: 'Record each API judged in this file, so a run killed at any point can be resumed with --resume.'}),
    resume: Flags.boolean({summary: 'Resume the run recorded in --checkpoint: only the APIs it had not judged are read.', dependsOn: ['checkpoint']}),
  }

  async run(): Promise<unknown> {
    const {flags} = await this.parse(FleetAuditCommand)
    const cwd = process.cwd()
    const scope = fleetScopeRequest(flags, cwd)
    const format = (flags.output ?? (this.jsonEnabled() ? 'json' : 'text')) as 'text' | 'json' | 'jsonl' | 'asff'
    if (this.jsonEnabled() && format !== 'json' && flags.out === undefined) throw new UsageError(`--json and --output ${format} would both write to stdout: pass --out FILE for the ${format}`)
    const [{auditFleet}, {fleetOutputSink}, {fleetAuditDocument, fleetApiRecord, accessFailureRecord}, {checkedOutPath}, {streamedOutFile, stdoutOutput}, {renderFleetSummary}, {paletteFor}, {fleetProgress}, {terminalIoHost}, {interruptOnSignals}] = await Promise.all([
      import('../../src/services/fleet/fleet-audit-service.js'),
      import('../../src/services/fleet/fleet-output.js'),
      import('../../src/ui/json/fleet-audit-document.js'),
      import('../../src/services/out-file.js'),
      import('../../src/services/streamed-out-file.js'),
      import('../../src/ui/fleet-view.js'),
      import('../../src/ui/colours.js'),
      import('../../src/services/fleet/fleet-progress.js'),
      import('../../src/ui/terminal-io-host.js'),
      import('../../src/cli/interrupt.js'),
    ])
    const outPath = flags.out === undefined ? undefined : await checkedOutPath(flags.out, cwd, {replace: flags.force})
    const output = outPath === undefined ? stdoutOutput() : await streamedOutFile(outPath, flags.out!, {replace: flags.force})
    const sink = fleetOutputSink(format, output, new Date(), {api: fleetApiRecord, failure: accessFailureRecord})
    // Progress only on a terminal: pipes and CI logs get the results alone.
    const progress = process.stderr.isTTY ? fleetProgress(await terminalIoHost({json: this.jsonEnabled(), interactive: false, warn: (text) => this.warn(text)})) : undefined
    const interrupt = interruptOnSignals((message) => process.stderr.write(`${message}\n`))
    let report
    try {
      report = await auditFleet(
        {
          ...scope,
          ...(flags.fleet !== undefined ? {fleetFile: flags.fleet} : {}),
          ...(flags.stage !== undefined ? {stage: flags.stage} : {}),
          ...(flags.checkpoint !== undefined ? {checkpoint: {file: flags.checkpoint, resume: flags.resume}} : {}),
        },
        sink,
        {signal: interrupt.signal, ...(progress ? {observer: progress} : {})},
      )
      await sink.end()
      // --output json and --json print the same document.
      if (format === 'json' && (outPath !== undefined || !this.jsonEnabled())) await output.write(`${JSON.stringify(fleetAuditDocument(report, sink.kept()), null, 2)}\n`)
      if (format === 'text') await output.write(`${renderFleetSummary(report, paletteFor(outPath === undefined ? process.stdout : {isTTY: false}))}\n`)
      await output.finish()
    } catch (error) {
      await output.abandon()
      throw error
    } finally {
      progress?.stop()
      interrupt.dispose()
    }
    const unreadable = report.failures.length > 0 || report.totals.apisFailed > 0
    process.exitCode = report.interrupted ? ExitCode.interrupted : unreadable ? ExitCode.failure : report.totals.apisInSync === report.totals.apis ? ExitCode.ok : ExitCode.findings
    // With a file, stdout gets the summary (as text) or, with --json, the document without the per-API results.
    if (outPath !== undefined && !this.jsonEnabled() && format !== 'text') this.log(renderFleetSummary(report, paletteFor(process.stdout)))
    return fleetAuditDocument(report, format === 'json' && outPath === undefined ? sink.kept() : undefined)
  }
}
