import {Flags, ux} from '@oclif/core'

import {BaseCommand} from '../src/cli/base-command.js'
import {stageFlag} from '../src/cli/stage-flag.js'
import {UsageError} from '../src/core/errors.js'
import {echoed} from '../src/core/quote.js'
import type * as launcher from '../src/services/sandbox-service.js'

// oclif imports every command of the registry to run any one of them (and for --help without the
// manifest): the service and the server load in run(). The defaults are copies; their types make tsc
// reject a copy that drifts from the server's.
const DEFAULT_SANDBOX_PORT: typeof launcher.DEFAULT_SANDBOX_PORT = 4580
const DEFAULT_REGION: typeof launcher.DEFAULT_REGION = 'us-east-1'

export default class SandboxCommand extends BaseCommand {
  static override summary = 'Run a local API Gateway control plane to rehearse fixes without an AWS account.'

  static override description = `Speaks API Gateway's REST-JSON wire protocol (the AWS SDKs and the AWS CLI accept it as the real service): REST APIs, resources, methods, integrations, integration responses, deployments that snapshot the working copy, stages, exports of the deployed stage, tags. Point any client at it with --endpoint-url or AWS_ENDPOINT_URL_API_GATEWAY. Admin endpoints: GET /_sandbox/health, GET /_sandbox/calls (the call log), DELETE /_sandbox/calls, POST /_sandbox/reset, POST /_sandbox/hold-answer {"afterWrites": k} / POST /_sandbox/release (apply the k-th write but hold its answer: rehearse a client that dies mid-write), and the S3 objects S3 integrations serve under /_sandbox/objects (GET lists buckets, GET /BUCKET its objects, PUT, GET and DELETE /BUCKET/KEY one object).

CloudFormation: POST / with the query protocol answers DescribeStacks, DescribeStackResources, ListStackResources, GetTemplate, DetectStackDrift, DescribeStackDriftDetectionStatus and DescribeStackResourceDrifts for the stacks given with --import-stack (drift against the live API); SAM's implicit API (ServerlessRestApi, stage Prod) is built from the template.

Accounts and Regions: each request acts in the Region of its SigV4 credential scope and the account of its access key id (a 12-digit key is that account, as in LocalStack; any other key the default account 123456789012), which holds its own APIs, stacks and quotas; the data plane finds an API by its id. STS AssumeRole and GetCallerIdentity, Organizations ListAccounts and Account ListRegions answer on the same port; --fleet FILE populates accounts, Regions, roles and APIs at start.

Data plane: ANY /restapis/{apiId}/{stage}/_user_request_/{path} runs requests through the stage's deployed snapshot (MOCK, HTTP, HTTP_PROXY, Lambda and Lambda proxy integrations, S3 integrations on an in-memory object store, binary conversions as on AWS); Lambda functions are local handler modules given with --lambda or --functions. A function with none answers AWS's 500 for a missing function, plus an x-apigw-binfix-sandbox-diagnosis header (AWS never sends it) and a line on stderr naming the function and the flag that serves it; so does an integration with an AWS service the sandbox does not model (Kinesis, DynamoDB, SQS, SNS, Step Functions …), answering AWS's 500 for a failed integration. Handler modules run in a thread of their own: one that computes or loops past its integration timeout gets API Gateway's 504 and that thread is restarted, while the sandbox keeps answering. Selection patterns and the templates' regex methods run on RE2 in linear time (Java-only features such as lookaround and backreferences are not supported); templates stay within API Gateway's 1,000 #foreach iterations and 300 KB and the sandbox's own 1 s and 10 MB bounds.

Runs until interrupted (Ctrl-C exits 0).`

  static override examples = [
    '<%= config.bin %> sandbox --import fixtures/apis/image-api.oas30.json --deploy-stage v1',
    '<%= config.bin %> sandbox --port 0 --json',
    '<%= config.bin %> sandbox --state .apigw-binfix/sandbox.json --aws-quotas',
    '<%= config.bin %> sandbox --fault-rate 0.2 --seed 7 --latency 20',
    '<%= config.bin %> sandbox --import fixtures/apis/thumbnail-service.oas30.json --deploy-stage dev --functions fixtures/functions',
    '<%= config.bin %> sandbox --import fixtures/apis/image-api.oas30.json --deploy-stage v1 --lambda image=fixtures/functions/image.mjs',
    '<%= config.bin %> sandbox --import fixtures/apis/thumbnail-service.oas30.json --deploy-stage dev --import-stack fixtures/stacks/thumbnail-service.stack.yaml',
  ]

  static override flags = {
    port: Flags.integer({summary: `Port to listen on; 0 picks a free one.`, default: DEFAULT_SANDBOX_PORT}),
    host: Flags.string({
      summary: 'Address to bind. Loopback by default; anything else exposes an unauthenticated API to the network (warned about on stderr, with --json too). An empty value is refused.',
      default: '127.0.0.1',
    }),
    region: Flags.string({summary: 'Region the sandbox reports in ARNs and export URLs.', default: DEFAULT_REGION}),
    state: Flags.string({summary: 'Persist state to FILE after every write (atomically, mode 0600) and reload it on start; a damaged FILE is refused (exit 2) and left as it is.'}),
    import: Flags.string({summary: 'Import an OpenAPI 2.0/3.0 definition (JSON or YAML) as a new REST API. Repeatable.', multiple: true}),
    'deploy-stage': stageFlag('Deploy every imported API to this stage.'),
    'import-stack': Flags.string({
      summary: 'Declare a CloudFormation stack: a YAML or JSON file with stackName, template and restApis (which REST API, by name or id, each RestApi resource is; e.g. one of --import; the SAM implicit API is built unless named). Repeatable.',
      multiple: true,
    }),
    'aws-quotas': Flags.boolean({
      summary: "Enforce API Gateway's control-plane quotas: 10 rps burst 40 in total, GetResources 5 per 2 s, CreateDeployment 1 per 5 s.",
    }),
    latency: Flags.integer({summary: 'Delay every control-plane answer by MS milliseconds.'}),
    'fault-rate': Flags.string({
      summary: 'Fail this fraction (0 to 1) of calls with 500, 503, 429, ConflictException or a dropped connection (half the dropped writes are applied first, as on AWS when only the answer is lost).',
    }),
    seed: Flags.integer({summary: 'Seed for fault injection and generated ids (reproducible runs).'}),
    lambda: Flags.string({
      summary: 'Serve the Lambda function NAME from a handler module: NAME=path/to/handler.mjs (its `handler` export is called). Repeatable.',
      multiple: true,
    }),
    functions: Flags.string({summary: 'Serve every DIR/NAME.mjs as the Lambda function NAME.'}),
    fleet: Flags.string({
      summary:
        'Start with a fleet: a YAML file (schemas/sandbox-fleet.schema.json) naming accounts (id, name, OU, tags), their Regions, roles (assumable or not, external id), Regions that answer errors, and how many copies of which OpenAPI definitions to create in each, deployed and owned by stacks where asked. Not with --state.',
    }),
  }

  async run(): Promise<unknown> {
    const {flags} = await this.parse(SandboxCommand)
    const faultRateText = flags['fault-rate']
    const faultRate = faultRateText === undefined ? undefined : Number(faultRateText)
    // Number('abc') is NaN and Number('') is 0: name what the user typed, not a stand-in value.
    if (faultRateText !== undefined && (Number.isNaN(faultRate) || faultRateText.trim() === '')) {
      throw new UsageError(`--fault-rate ${echoed(faultRateText)}: must be a number from 0 to 1`)
    }
    const {runSandbox} = await import('../src/services/sandbox-service.js')
    const running = await runSandbox({
      port: flags.port,
      host: flags.host,
      region: flags.region,
      stateFile: flags.state,
      imports: flags.import ?? [],
      importStacks: flags['import-stack'] ?? [],
      deployStage: flags['deploy-stage'],
      awsQuotas: flags['aws-quotas'],
      latencyMs: flags.latency,
      faultRate,
      seed: flags.seed,
      lambdaFlags: flags.lambda ?? [],
      functionsDir: flags.functions,
      fleetFile: flags.fleet,
    })
    // Listening for Ctrl-C before announcing the endpoint: a caller that interrupts as soon as it reads the
    // announcement must get the clean stop, not the default death by signal.
    const signalled = untilSignalled()
    const summary = {
      endpoint: running.endpoint,
      region: running.region,
      restApis: running.restApis,
      ...(running.restored === undefined ? {} : {restored: running.restored}),
      ...(running.stacks.length > 0 ? {stacks: running.stacks} : {}),
      ...(running.functions.length > 0 ? {functions: running.functions} : {}),
      ...(running.fleet === undefined ? {} : {fleet: running.fleet}),
    }
    // On stderr in both modes (oclif's warn and logToStderr are silent under --json): stdout keeps the one
    // document, and whoever reads the pipeline's log still learns the sandbox is reachable from the network.
    if (running.exposed) ux.stderr(`Warning: listening on ${flags.host}: the sandbox has no authentication`)
    if (this.jsonEnabled()) {
      this.logJson(this.toSuccessJson(summary))
    } else {
      this.log(`apigw-binfix sandbox listening on ${running.endpoint} (region ${running.region})`)
      // What was there before this start comes first: the state file's APIs and stacks, then the imports.
      if (running.restored) {
        const {file, restApis, stacks} = running.restored
        for (const api of restApis) {
          const stages = api.stages.map((stage) => `${stage.stage} (${stage.deploymentId})`)
          this.log(`  ${api.id}  ${api.name}  restored from ${file}  ${stages.length > 0 ? `stages ${stages.join(', ')}` : 'no stages'}`)
        }
        for (const stack of stacks) this.log(`  stack ${stack.stackName}  restored from ${file}  (${stackApis(stack.restApis)})`)
      }
      for (const api of running.restApis) {
        this.log(`  ${api.id}  ${api.name}  from ${api.file}${api.stage ? `  deployed to ${api.stage} (${api.deploymentId})` : ''}`)
      }
      for (const stack of running.stacks) this.log(`  stack ${stack.stackName}  from ${stack.file}  (${stackApis(stack.restApis)})`)
      if (running.functions.length > 0) this.log(`  Lambda functions: ${running.functions.join(', ')}`)
      if (running.fleet) {
        const {file, accounts, accountRegions, restApis, stacks} = running.fleet
        this.log(`  fleet from ${file}: ${accounts} accounts, ${restApis} REST APIs (${stacks} owned by stacks) in ${accountRegions} account-Regions; STS, Organizations and Account answer on the same endpoint`)
      }
      const servesStacks = running.stacks.length > 0 || (running.restored?.stacks.length ?? 0) > 0
      this.log(
        `Use it with: --endpoint-url ${running.endpoint}  (or AWS_ENDPOINT_URL_API_GATEWAY=${running.endpoint}${servesStacks ? `, AWS_ENDPOINT_URL_CLOUDFORMATION=${running.endpoint}` : ''})`,
      )
      this.log('Press Ctrl-C to stop.')
    }
    await signalled
    await running.sandbox.close()
    return undefined
  }
}

/** "ApiName → k3q9z1x7ab": each RestApi logical id of a stack and the REST API it is. */
function stackApis(restApis: Record<string, string>): string {
  return Object.entries(restApis)
    .map(([logicalId, id]) => `${logicalId} → ${id}`)
    .join(', ')
}

function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
