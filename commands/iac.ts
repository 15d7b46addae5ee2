import {Args, Flags} from '@oclif/core'

import {awsFlags, connectionOptions} from '../src/cli/aws-flags.js'
import {reuseSpecFlag, stackFlags, targetOptions} from '../src/cli/target-flags.js'
import {BaseCommand} from '../src/cli/base-command.js'
import {stageFlag} from '../src/cli/stage-flag.js'

export default class IacCommand extends BaseCommand {
  static override summary = 'Print the fix as a change to the source of the tool that deploys the API, so the next deploy keeps it.'

  static override description = `Reads the API like \`plan\` (GetRestApi, GetResources; with --stage also GetStage and GetExport), judges it against the desired spec, and prints the binary settings the spec governs (the whole binaryMediaTypes list after the spec's mode, and the contentHandling of each integration and integration response it sets) as snippets for CloudFormation, SAM, the Serverless Framework, the AWS CDK or Terraform, with comments saying where each goes, what each tool cannot express, and how the change gets deployed. Read-only: it never writes to API Gateway.

Exit codes: 0 printed (or written with --out), 2 bad input (flags, spec, unknown API, stage or route), 1 failure talking to AWS.`

  static override examples = [
    '<%= config.bin %> iac a1b2c3d4e5 --format cloudformation --spec binfix.yaml',
    '<%= config.bin %> iac --format sam --stage v1',
    '<%= config.bin %> iac "Image API" --format terraform --binary-type image/jpeg --out binary.tf',
    '<%= config.bin %> iac --format cdk --json --endpoint-url http://127.0.0.1:4580',
  ]

  static override args = {
    api: Args.string({description: 'REST API id or exact name. Default: api: in ./binfix.yaml.'}),
  }

  static override flags = {
    // A plain string the service checks (parseIacFormat): without it the format comes from the owning stack.
    format: Flags.string({summary: 'cloudformation, sam, serverless, cdk or terraform. Default: the tool of the CloudFormation stack that deploys the API.'}),
    spec: Flags.string({summary: 'Desired spec: binfix.yaml or an OpenAPI 2.0/3.0 document. Default: ./binfix.yaml if present.'}),
    stage: stageFlag('The stage the change is deployed to (named in the snippets, and checked to exist). Default: stage: in the spec.'),
    'binary-type': Flags.string({summary: 'A binary media type the API must have (added to the spec). Repeatable.', multiple: true}),
    out: Flags.string({summary: 'Write the snippets to FILE (atomically) instead of stdout; an existing file is kept unless --force.'}),
    force: Flags.boolean({summary: 'Replace --out if it exists.'}),
    ...stackFlags,
    ...reuseSpecFlag,
    ...awsFlags,
  }

  async run(): Promise<unknown> {
    const {args, flags} = await this.parse(IacCommand)
    const connection = connectionOptions(flags)
    const [{iacForApi, parseIacFormat}, {renderIac}, {iacDocument}] = await Promise.all([import('../src/services/iac-service.js'), import('../src/ui/iac-view.js'), import('../src/ui/json/iac-document.js')])
    const report = await iacForApi({
      ...targetOptions(args.api, flags),
      specFile: flags.spec,
      binaryTypes: flags['binary-type'],
      stage: flags.stage,
      format: parseIacFormat(flags.format),
      out: flags.out,
      force: flags.force,
      cwd: process.cwd(),
      connection,
    })
    if (!this.jsonEnabled()) process.stdout.write(renderIac(report))
    return iacDocument(report)
  }
}
