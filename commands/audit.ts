import {Args, Flags} from '@oclif/core'

import {awsFlags, connectionOptions} from '../src/cli/aws-flags.js'
import {BaseCommand} from '../src/cli/base-command.js'
import {reachOf} from '../src/cli/reach.js'
import {reuseSpecFlag, stackFlags, targetOptions} from '../src/cli/target-flags.js'
import {stageFlag} from '../src/cli/stage-flag.js'
import {ExitCode} from '../src/core/exit-codes.js'

export default class AuditCommand extends BaseCommand {
  static override summary = "Judge a live REST API's binary handling against what its owner intends."

  static override description = `Reads the API's working copy (GetRestApi, GetResources) and, with --stage, what the stage really serves (GetStage, GetExport), then reports per route and direction what a real request experiences, why, and the exact API Gateway calls that fix it. Without a spec (--spec, ./binfix.yaml or --binary-type) it runs the rules that need none: malformed binary media types, CORS preflight hazards, Lambda-proxy advice and, with --stage, undeployed changes.

For an API a CloudFormation stack deploys (its aws:cloudformation:* tags, confirmed with DescribeStackResources), it names the owner (Serverless Framework, SAM, CDK or CloudFormation), shows what the stack's template declares for the affected settings (GetTemplate) and predicts whether the next stack update keeps or reverts each fix. --cfn-drift also runs CloudFormation drift detection and shows the drift of the API's resources next to the findings.

Read-only: it never writes to the API or the stack.

Exit codes: 0 in sync, 3 findings (an error or warning remains), 2 bad input (flags, spec, unknown API or stage), 1 failure talking to AWS.`

  static override examples = [
    '<%= config.bin %> audit a1b2c3d4e5 --stage v1 --spec binfix.yaml',
    '<%= config.bin %> audit "Image API" --stage v1 --binary-type image/jpeg --binary-type application/octet-stream',
    '<%= config.bin %> audit --stage v1 --diff',
    '<%= config.bin %> audit a1b2c3d4e5 --json --endpoint-url http://127.0.0.1:4580',
    '<%= config.bin %> audit --stack thumbnail-service-dev --stage dev --cfn-drift',
  ]

  static override args = {
    api: Args.string({description: 'REST API id or exact name. Default: api: in ./binfix.yaml.'}),
  }

  static override flags = {
    spec: Flags.string({summary: 'Desired spec: binfix.yaml or an OpenAPI 2.0/3.0 document with API Gateway extensions. Default: ./binfix.yaml if present.'}),
    stage: stageFlag('Also judge what this stage serves (its deployment) and report undeployed changes. Default: stage: in the spec.'),
    'binary-type': Flags.string({summary: 'A binary media type the API must have (added to the spec). Repeatable.', multiple: true}),
    diff: Flags.boolean({summary: 'Show a unified diff of the working copy before and after the fixes.'}),
    'cfn-drift': Flags.boolean({summary: "Run CloudFormation drift detection on the stack that owns the API (waits up to 2 minutes)."}),
    ...stackFlags,
    ...reuseSpecFlag,
    ...awsFlags,
  }

  async run(): Promise<unknown> {
    const {args, flags} = await this.parse(AuditCommand)
    const connection = connectionOptions(flags)
    const [{auditApi}, {renderAudit}, {paletteFor}, {auditDocument}] = await Promise.all([
      import('../src/services/audit-service.js'),
      import('../src/ui/audit-view.js'),
      import('../src/ui/colours.js'),
      import('../src/ui/json/audit-document.js'),
    ])
    const report = await auditApi({
      ...targetOptions(args.api, flags),
      specFile: flags.spec,
      binaryTypes: flags['binary-type'],
      stage: flags.stage,
      diff: flags.diff,
      cfnDrift: flags['cfn-drift'],
      cwd: process.cwd(),
      connection,
    })
    // Findings are a result, not an error: the report is still printed (and returned for --json).
    process.exitCode = report.inSync ? ExitCode.ok : ExitCode.findings
    if (!this.jsonEnabled()) this.log(renderAudit(report, paletteFor(process.stdout), reachOf(flags, report.region)))
    return auditDocument(report)
  }
}
