import {Args, Flags} from '@oclif/core'

import {awsFlags, connectionOptions} from '../src/cli/aws-flags.js'
import {stackFlags, targetOptions} from '../src/cli/target-flags.js'
import {BaseCommand} from '../src/cli/base-command.js'
import {stageFlag} from '../src/cli/stage-flag.js'

export default class ExportCommand extends BaseCommand {
  static override summary = "Print a stage's deployed definition (OpenAPI 3.0 or Swagger 2.0) with API Gateway's extensions."

  static override description = [
    'What the stage serves: the deployment it points at, not the working copy, so undeployed changes do not show. ' +
      'Includes x-amazon-apigateway-integration (contentHandling and all) and x-amazon-apigateway-binary-media-types.',
    '<api> is a REST API id or an exact name. Without it, api: and stage: (and region:) come from binfix.yaml in the working directory.',
    'Read-only: GetRestApi or GetRestApis, GetStage, GetExport. --out writes the file atomically (a temporary file, then a rename).',
  ].join('\n\n')

  static override examples = [
    {description: 'OpenAPI 3.0 JSON of stage prod to stdout:', command: '<%= config.bin %> export a1b2c3d4e5 --stage prod'},
    {description: 'By name, as YAML, to a file:', command: '<%= config.bin %> export image-api --stage v1 --format yaml --out image-api.yaml'},
    {description: 'Swagger 2.0 from another Region and profile:', command: '<%= config.bin %> export image-api --stage v1 --type swagger --region eu-west-1 --profile ops'},
    {description: 'api: and stage: from ./binfix.yaml, as one JSON document:', command: '<%= config.bin %> export --json'},
    {description: 'From the local sandbox:', command: '<%= config.bin %> export image-api --stage v1 --endpoint-url http://127.0.0.1:4580'},
  ]

  static override args = {
    api: Args.string({description: 'REST API id or exact name. Default: api: in binfix.yaml.'}),
  }

  static override flags = {
    stage: stageFlag('Stage whose deployment to export. Default: stage: in binfix.yaml.'),
    type: Flags.option({summary: 'OpenAPI 3.0 (oas30) or Swagger 2.0 (swagger).', options: ['oas30', 'swagger'] as const, default: 'oas30' as const})(),
    format: Flags.option({summary: 'Output format.', options: ['json', 'yaml'] as const, default: 'json' as const})(),
    out: Flags.string({summary: 'Write the definition to FILE (atomically) instead of stdout; an existing file is kept unless --force.'}),
    force: Flags.boolean({summary: 'Replace --out if it exists.'}),
    ...stackFlags,
    ...awsFlags,
  }

  async run(): Promise<unknown> {
    const {args, flags} = await this.parse(ExportCommand)
    const connection = connectionOptions(flags)
    const [{exportStage, parseDefinition}, {renderExport}, {exportDocument}] = await Promise.all([import('../src/services/export-service.js'), import('../src/ui/export-view.js'), import('../src/ui/json/export-document.js')])
    const exported = await exportStage({
      ...targetOptions(args.api, flags),
      stage: flags.stage,
      type: flags.type,
      format: flags.format,
      out: flags.out,
      force: flags.force,
      connection,
      cwd: process.cwd(),
    })
    const {text} = exported
    if (this.jsonEnabled()) return exportDocument(exported, text === undefined ? undefined : parseDefinition(text, exported.format))
    process.stdout.write(renderExport(exported))
    return exportDocument(exported, undefined)
  }
}
