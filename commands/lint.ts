import {Flags} from '@oclif/core'

import {BaseCommand} from '../src/cli/base-command.js'
import {UsageError} from '../src/core/errors.js'
import {ExitCode} from '../src/core/exit-codes.js'

export default class LintCommand extends BaseCommand {
  static override summary = 'Find broken binary handling in templates and API definitions before they are deployed.'

  static override description = `Reads, offline and with no AWS call, the files under each PATH (default: the current folder): CloudFormation and SAM templates (JSON or YAML with short-form intrinsics), CDK's synthesized cdk.out/*.template.json, the Serverless Framework's .serverless/cloudformation-template-update-stack.json and serverless.yml, OpenAPI 2.0/3.0 documents with API Gateway's extensions, and Terraform plans as JSON (terraform show -json). Each REST API they declare is judged by audit's rules (against --spec or ./binfix.yaml when there is one) and by the rules only a file shows: a deployment that never changes with the methods, "~1" where it is stored as written, an import in merge mode that never removes a type, */* next to CORS preflights a tool generates without contentHandling, two lists of binary media types that disagree. Each finding names its file, line and column, says what a real request will experience and how to fix it in the file's own language.

--format human (default) groups findings by file with the line shown; sarif prints a SARIF 2.1.0 log for GitHub code scanning; github prints workflow commands that annotate a pull request. --json prints the report as one JSON document.

Exit codes: 0 nothing to fix, 3 findings (an error or warning), 2 bad input (a path, the spec, a named file that cannot be read).`

  static override examples = [
    '<%= config.bin %> lint',
    '<%= config.bin %> lint template.yaml --spec binfix.yaml',
    '<%= config.bin %> lint infra/ cdk.out/ --format sarif > binfix.sarif',
    '<%= config.bin %> lint .serverless/ serverless.yml --format github',
    'terraform show -json tfplan > plan.json && <%= config.bin %> lint plan.json',
  ]

  // Any number of paths.
  static override strict = false

  static override flags = {
    spec: Flags.string({summary: 'Desired spec: binfix.yaml or an OpenAPI 2.0/3.0 document. Default: ./binfix.yaml if present.'}),
    'binary-type': Flags.string({summary: 'A binary media type the API must have (added to the spec). Repeatable.', multiple: true}),
    format: Flags.string({summary: 'human, sarif or github.', options: ['human', 'sarif', 'github'], default: 'human'}),
  }

  async run(): Promise<unknown> {
    const {argv, flags} = await this.parse(LintCommand)
    const paths = argv.map(String)
    if (this.jsonEnabled() && flags.format !== 'human') throw new UsageError(`--json and --format ${flags.format} both choose the output: give one`)
    // The service's module graph first, then the views that share it: linking both at once trips jest's ESM
    // loader (ERR_VM_MODULE_LINK_FAILURE on a shared core module) in the in-process CLI tests.
    const {lintPaths} = await import('../src/services/lint-service.js')
    const [{lintDocument}, {renderLint, renderGithubAnnotations}, {sarifLog}, {paletteFor}] = await Promise.all([import('../src/ui/json/lint-document.js'), import('../src/ui/lint-view.js'), import('../src/ui/lint-sarif.js'), import('../src/ui/colours.js')])
    const report = await lintPaths({paths, specFile: flags.spec, binaryTypes: flags['binary-type'], cwd: process.cwd()})
    process.exitCode = report.inSync ? ExitCode.ok : ExitCode.findings
    if (this.jsonEnabled()) return lintDocument(report)
    if (flags.format === 'sarif') this.log(JSON.stringify(sarifLog(report, this.config.version), null, 2))
    else if (flags.format === 'github') {
      const text = renderGithubAnnotations(report)
      if (text !== '') this.log(text)
    } else this.log(renderLint(report, paletteFor(process.stdout)))
    return lintDocument(report)
  }
}
