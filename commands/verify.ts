import {Args, Flags} from '@oclif/core'

import {awsFlags, connectionOptions} from '../src/cli/aws-flags.js'
import {reuseSpecFlag, stackFlags, targetOptions} from '../src/cli/target-flags.js'
import {BaseCommand} from '../src/cli/base-command.js'
import {stageFlag} from '../src/cli/stage-flag.js'
import {ExitCode} from '../src/core/exit-codes.js'

export default class VerifyCommand extends BaseCommand {
  static override summary = 'Send real binary round trips through a stage and name the setting behind every failure.'

  static override description = `Uploads a payload holding all 256 byte values on the routes the spec lists (verify: entries, or --route with --content-type), reads it back, downloads it with a matrix of Accept headers (the declared binary type, the <img> Accept of current Chrome and Firefox, */*, a JSON client), checks CORS preflights, and compares SHA-256. Each failure is explained from API Gateway's conversion rules and the configuration the stage serves (GetStage, GetExport), including fixes made but not deployed. It also reports each route's effective payload limit (about 4.5 MiB through Lambda, after base64); --size probes near it. Control-plane reads only; uploads write only to the API's own backend.

Targets https://{api}.execute-api.{region}.amazonaws.com/{stage}, the sandbox when --endpoint-url points at it, --domain (a custom domain's base path mapping) or --base-url. On authenticated stages every probe carries --api-key, --header values or a SigV4 signature (--sign); a 401 or 403 from an authorizer, an API key check or IAM is reported as an authorization failure, never as a binary one.

Exit codes: 0 every probe passed, 3 a probe failed, 2 bad input, 1 the stage or AWS could not be reached.`

  static override examples = [
    '<%= config.bin %> verify a1b2c3d4e5 --stage v1 --spec binfix.yaml',
    '<%= config.bin %> verify "Image API" --stage v1 --route "GET /lambda?key=cat.jpg" --accept image/jpeg --accept "image/avif,image/webp,*/*"',
    '<%= config.bin %> verify --stage v1 --route "PUT /lambda?key=big.jpg" --content-type image/jpeg --size 4.4MiB',
    '<%= config.bin %> verify a1b2c3d4e5 --stage prod --base-url https://images.example.com --json',
    '<%= config.bin %> verify a1b2c3d4e5 --stage prod --domain images.example.com --api-key "$IMAGES_API_KEY"',
    '<%= config.bin %> verify a1b2c3d4e5 --stage prod --header "Authorization: Bearer $TOKEN"',
    '<%= config.bin %> verify a1b2c3d4e5 --stage prod --sign',
  ]

  static override args = {
    api: Args.string({description: 'REST API id or exact name. Default: api: in ./binfix.yaml.'}),
  }

  static override flags = {
    stage: stageFlag('The stage to send requests through. Default: stage: in the spec.'),
    spec: Flags.string({summary: 'Desired spec whose verify: entries are the probes. Default: ./binfix.yaml if present.'}),
    route: Flags.string({
      summary: 'Probe "METHOD /path?query" instead of the spec\'s entries. Repeatable.',
      multiple: true,
    }),
    accept: Flags.string({summary: 'Accept header for downloads, one request each (replaces the default matrix). Repeatable.', multiple: true}),
    'content-type': Flags.string({summary: 'Upload with this Content-Type on the --route routes that take a body. Repeatable.', multiple: true}),
    'read-back': Flags.string({summary: '"GET /path?query" that returns what a --route upload stored.'}),
    size: Flags.string({summary: 'Payload size, e.g. 256, 64KiB, 4.4MiB (default 256: every byte value once).'}),
    'base-url': Flags.string({summary: "The stage's base URL, e.g. a custom domain with its base path."}),
    domain: Flags.string({summary: 'A custom domain name: its base path mapping for the API and stage gives the URL (GetBasePathMappings).'}),
    'api-key': Flags.string({summary: 'API key sent as x-api-key with every probe (or verifyAuth.apiKeyEnv in the spec). Never printed.'}),
    header: Flags.string({summary: 'A header sent with every probe, "Name: value", e.g. a Lambda or Cognito authorizer\'s token. Repeatable. Never printed.', multiple: true}),
    sign: Flags.boolean({summary: 'SigV4-sign every probe (service execute-api) with the credentials of the control-plane calls, for AWS_IAM routes.'}),
    ...stackFlags,
    ...reuseSpecFlag,
    ...awsFlags,
  }

  async run(): Promise<unknown> {
    const {args, flags} = await this.parse(VerifyCommand)
    const connection = connectionOptions(flags)
    const [{verifyStage}, {renderVerify}, {paletteFor}, {verifyDocument}] = await Promise.all([
      import('../src/services/verify-service.js'),
      import('../src/ui/verify-view.js'),
      import('../src/ui/colours.js'),
      import('../src/ui/json/verify-document.js'),
    ])
    const report = await verifyStage({
      ...targetOptions(args.api, flags),
      stage: flags.stage,
      specFile: flags.spec,
      routes: flags.route,
      accept: flags.accept,
      contentTypes: flags['content-type'],
      readBack: flags['read-back'],
      size: flags.size,
      baseUrl: flags['base-url'],
      domain: flags.domain,
      auth: {apiKey: flags['api-key'], headers: flags.header, sign: flags.sign},
      cwd: process.cwd(),
      connection,
    })
    process.exitCode = report.allPassed ? ExitCode.ok : ExitCode.findings
    if (!this.jsonEnabled()) this.log(renderVerify(report, paletteFor(process.stdout)))
    return verifyDocument(report)
  }
}
