import {Args, Flags} from '@oclif/core'

import {awsFlags, connectionOptions} from '../src/cli/aws-flags.js'
import {reuseSpecFlag, stackFlags, targetOptions} from '../src/cli/target-flags.js'
import {BaseCommand} from '../src/cli/base-command.js'
import {reachOf} from '../src/cli/reach.js'
import {stageFlag} from '../src/cli/stage-flag.js'
import {ExitCode} from '../src/core/exit-codes.js'

export default class PlanCommand extends BaseCommand {
  static override summary = 'Show the changes, the exact API Gateway requests and the diff that would bring the API in line with its spec.'

  static override description = `Audits the API like \`audit\`, then turns the findings into the smallest set of writes: one UpdateRestApi for every binary media type change, one UpdateIntegration per method, one UpdateIntegrationResponse per status code, then one CreateDeployment of the stage. Read-only. --out saves the plan with a fingerprint of the live configuration; \`apply --plan\` replays it only while the API is unchanged.

Exit codes: 0 nothing to change, 3 changes planned or findings left standing, 2 bad input (flags, spec, unknown API, stage or route), 1 failure talking to AWS.`

  static override examples = [
    '<%= config.bin %> plan a1b2c3d4e5 --stage v1 --spec binfix.yaml',
    '<%= config.bin %> plan --stage v1 --out plan.json',
    '<%= config.bin %> plan --stage v1 --json',
    '<%= config.bin %> plan --stage v1 --out plan.json --sign-key plan-signing.pem',
  ]

  static override args = {
    api: Args.string({description: 'REST API id or exact name. Default: api: in ./binfix.yaml.'}),
  }

  static override flags = {
    spec: Flags.string({summary: 'Desired spec: binfix.yaml or an OpenAPI 2.0/3.0 document. Default: ./binfix.yaml if present.'}),
    stage: stageFlag('The stage to redeploy and judge. Default: stage: in the spec.'),
    'binary-type': Flags.string({summary: 'A binary media type the API must have (added to the spec). Repeatable.', multiple: true}),
    out: Flags.string({summary: 'Save the plan (JSON) for `apply --plan`; an existing file is kept unless --force.'}),
    force: Flags.boolean({summary: 'Replace --out if it exists.'}),
    'fix-hazards': Flags.boolean({summary: 'Also fix CORS preflights that fail today on routes the spec does not govern (reported, and left as they are, without it).'}),
    'sign-key': Flags.string({summary: 'Sign the saved plan with this key file (an HMAC secret of 32+ bytes, or an Ed25519 private key in PEM), for apply --verify-key.', dependsOn: ['out']}),
    ...stackFlags,
    ...reuseSpecFlag,
    ...awsFlags,
  }

  async run(): Promise<unknown> {
    const {args, flags} = await this.parse(PlanCommand)
    const [{planChanges}, {renderPlan}, {paletteFor}, {binfixCommandLine}, {planDocument}] = await Promise.all([
      import('../src/services/plan-service.js'),
      import('../src/ui/plan-view.js'),
      import('../src/ui/colours.js'),
      import('../src/core/command-line.js'),
      import('../src/ui/json/plan-document.js'),
    ])
    const report = await planChanges({
      ...targetOptions(args.api, flags),
      specFile: flags.spec,
      binaryTypes: flags['binary-type'],
      stage: flags.stage,
      out: flags.out,
      force: flags.force,
      signKey: flags['sign-key'],
      fixHazards: flags['fix-hazards'],
      cwd: process.cwd(),
      connection: connectionOptions(flags),
    })
    // Findings left standing make plan say 3 as audit does: the API is not what it should be.
    process.exitCode = report.empty && report.standing.length === 0 ? ExitCode.ok : ExitCode.findings
    if (!this.jsonEnabled()) {
      const reach = reachOf(flags, report.plan.region)
      this.log(renderPlan(report.plan, report.requests, paletteFor(process.stdout), reach, report.standing))
      if (report.out !== undefined) {
        this.log(`\nSaved to ${report.out}. Apply it with: ${binfixCommandLine(['apply', '--plan', report.out, ...(report.plan.stage ? [] : ['--no-deploy'])], reach, {history: true})}`)
      }
    }
    return planDocument(report)
  }
}
