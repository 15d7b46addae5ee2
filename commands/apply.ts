import {Args, Flags} from '@oclif/core'

import type {ApplyReport} from '../src/services/apply-service.js'

import {awsFlags, connectionOptions} from '../src/cli/aws-flags.js'
import {reuseSpecFlag, stackFlags, targetOptions} from '../src/cli/target-flags.js'
import {BaseCommand} from '../src/cli/base-command.js'
import {forceUnlockFlag, historyFlag} from '../src/cli/history-flag.js'
import {interactionFor} from '../src/cli/interaction.js'
import {reachOf, withoutReachFlags} from '../src/cli/reach.js'
import {stageFlag} from '../src/cli/stage-flag.js'
import {ExitCode} from '../src/core/exit-codes.js'

export default class ApplyCommand extends BaseCommand {
  static override summary = 'Fix the live API: confirm, patch only what differs, redeploy the stage once, and prove it converged.'

  static override description = `Plans like \`plan\` (or loads a saved plan with --plan), shows the plan and asks: apply all, choose changes, or cancel. Before the first write it records the prior value of everything it changes and the stage's deployment in a journal (.apigw-binfix/history/<api>/ by default), so \`rollback\` can undo it and a re-run after a crash finishes it. After the patches it redeploys the stage once, then re-reads and re-audits the API.

Without a terminal it refuses unless --yes is given. For an API a CloudFormation stack deploys, a live fix is drift: apply shows the owning stack and what its next update does to each change before asking, and without a terminal it also needs --allow-drift. --dry-run prints the requests and writes nothing. --no-deploy patches the working copy only: nothing is live until the stage is redeployed.

Exit codes: 0 converged (or nothing to change), 1 failure or not converged, 2 bad input, refusal to prompt without a terminal, or drift of a stack's API without --allow-drift, 4 the saved plan is stale, 130 cancelled at the prompt.`

  static override examples = [
    '<%= config.bin %> apply a1b2c3d4e5 --stage v1',
    '<%= config.bin %> apply --stage v1 --yes --json',
    '<%= config.bin %> apply --plan plan.json --yes',
    '<%= config.bin %> apply --plan plan.json --verify-key plan-signing.pub.pem --yes',
    '<%= config.bin %> apply --stage v1 --dry-run',
    '<%= config.bin %> apply --stage v1 --yes --skip preflight-hazard --skip integration-content-handling:adfd76d424',
    '<%= config.bin %> apply --stack image-api --stage prod --yes --allow-drift',
  ]

  static override args = {
    api: Args.string({description: 'REST API id or exact name. Default: api: in ./binfix.yaml (or the plan\'s API).'}),
  }

  static override flags = {
    spec: Flags.string({summary: 'Desired spec. Default: ./binfix.yaml if present.', exclusive: ['plan']}),
    plan: Flags.string({summary: 'Apply a plan saved with `plan --out` (refused with exit 4 if the API changed since).', exclusive: ['spec', 'binary-type']}),
    'verify-key': Flags.string({summary: 'Apply the --plan only if its signature verifies with this key file (the HMAC secret, or the Ed25519 public key in PEM).', dependsOn: ['plan']}),
    stage: stageFlag('The stage to redeploy. Default: stage: in the spec, or the plan\'s.'),
    'binary-type': Flags.string({summary: 'A binary media type the API must have (added to the spec). Repeatable.', multiple: true}),
    yes: Flags.boolean({char: 'y', summary: 'Apply every change without asking (for pipelines).'}),
    only: Flags.string({summary: 'Apply only the changes that resolve this finding id or kind (as audit prints them). Repeatable.', multiple: true}),
    skip: Flags.string({summary: 'Leave out the changes that resolve this finding id or kind. Repeatable.', multiple: true}),
    'fix-hazards': Flags.boolean({summary: 'Also fix CORS preflights that fail today on routes the spec does not govern (reported, and left as they are, without it).'}),
    'dry-run': Flags.boolean({summary: 'Print the requests apply would send; write nothing.'}),
    'allow-drift': Flags.boolean({summary: "Apply to an API a CloudFormation stack deploys without a terminal (the fix is drift until the template says the same)."}),
    deploy: Flags.boolean({summary: 'Redeploy the stage after patching. --no-deploy patches only.', default: true, allowNo: true}),
    ...historyFlag,
    ...forceUnlockFlag,
    ...stackFlags,
    ...reuseSpecFlag,
    ...awsFlags,
  }

  async run(): Promise<unknown> {
    const {args, flags} = await this.parse(ApplyCommand)
    const json = this.jsonEnabled()
    const reach = reachOf(flags)
    const [{applyChanges}, {renderApply}, {paletteFor}, {io, interactive, interrupt}, {applyDocument}] = await Promise.all([
      import('../src/services/apply-service.js'),
      import('../src/ui/apply-view.js'),
      import('../src/ui/colours.js'),
      interactionFor(json, {reach}),
      import('../src/ui/json/apply-document.js'),
    ])
    try {
      const report = await applyChanges(
        {
          ...targetOptions(args.api, flags),
          specFile: flags.spec,
          binaryTypes: flags['binary-type'],
          planFile: flags.plan,
          verifyKey: flags['verify-key'],
          stage: flags.stage,
          yes: flags.yes,
          only: flags.only,
          skip: flags.skip,
          fixHazards: flags['fix-hazards'],
          dryRun: flags['dry-run'],
          deploy: flags.deploy,
          interactive,
          allowDrift: flags['allow-drift'],
          historyDir: flags.history,
          forceUnlock: flags['force-unlock'],
          cwd: process.cwd(),
          connection: connectionOptions(flags),
          reach,
        },
        {io, signal: interrupt.signal},
      )
      process.exitCode = report.outcome === 'interrupted' ? ExitCode.interrupted : report.converged === false ? ExitCode.failure : ExitCode.ok
      if (!json) this.log(renderApply(report, paletteFor(process.stdout), {reach: {...reach, ...(report.region ? {region: report.region} : {})}, finish: finishArgs(report, this.argv)}))
      return applyDocument(report)
    } finally {
      interrupt.dispose()
    }
  }
}

/** The apply that carries on after an interruption: the same command line, or for a saved plan (stale once partly applied) its spec. */
function finishArgs(report: ApplyReport, argv: readonly string[]): string[] {
  if (report.source.kind !== 'plan') return ['apply', ...withoutReachFlags(argv)]
  const stage = report.stage === null ? ['--no-deploy'] : ['--stage', report.stage]
  const spec = report.source.spec
  const specArgs = !spec ? [] : spec.file ? ['--spec', spec.file] : spec.binaryMediaTypes.flatMap((type) => ['--binary-type', type])
  return ['apply', report.api.id, ...stage, ...specArgs]
}
