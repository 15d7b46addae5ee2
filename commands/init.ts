import {Args, Flags} from '@oclif/core'

import {awsFlags, connectionOptions} from '../src/cli/aws-flags.js'
import {stackFlags, targetOptions} from '../src/cli/target-flags.js'
import {BaseCommand} from '../src/cli/base-command.js'
import {interactionFor} from '../src/cli/interaction.js'

export default class InitCommand extends BaseCommand {
  static override summary = 'Write a desired spec (binfix.yaml) from the live API, keeping the settings you choose.'

  static override description = `Reads the API's working copy (GetRestApi or GetRestApis, GetResources) and proposes a spec: its binary media types (entries that cannot work as written are left out, with a warning) and the contentHandling of every route that sets one. Asks which to keep; --yes keeps them all without asking. Makes no change to the API: the only write is the local file, and an existing one is replaced only when you confirm (or with --force). Without a terminal it needs --yes.

<api> is a REST API id or an exact name; without it, api: (and region:) come from binfix.yaml.`

  static override examples = [
    '<%= config.bin %> init a1b2c3d4e5',
    '<%= config.bin %> init image-api --yes --out specs/image-api.yaml --region eu-west-1',
    '<%= config.bin %> init image-api --yes --force --json',
    '<%= config.bin %> init image-api --endpoint-url http://127.0.0.1:4580   # the sandbox',
  ]

  static override args = {
    api: Args.string({description: 'REST API id or exact name. Default: api: in binfix.yaml.'}),
  }

  static override flags = {
    yes: Flags.boolean({char: 'y', summary: 'Keep the live state as it is, without asking.'}),
    out: Flags.string({summary: 'File to write.', default: 'binfix.yaml'}),
    force: Flags.boolean({summary: 'Overwrite --out if it exists, without asking.'}),
    ...stackFlags,
    ...awsFlags,
  }

  async run(): Promise<unknown> {
    const {args, flags} = await this.parse(InitCommand)
    const connection = connectionOptions(flags)
    const json = this.jsonEnabled()
    // Reads, then writes one local file at the end: Ctrl-C quits at once.
    const [{initSpec}, {renderInit}, {io, interactive}, {initDocument}] = await Promise.all([
      import('../src/services/init-service.js'),
      import('../src/ui/init-view.js'),
      interactionFor(json, {stopsBetweenWrites: false}),
      import('../src/ui/json/init-document.js'),
    ])
    const result = await initSpec(
      {
        ...targetOptions(args.api, flags),
        connection,
        out: flags.out,
        yes: flags.yes,
        force: flags.force,
        interactive,
        cwd: process.cwd(),
      },
      // With --json, stdout carries the one document; questions go to stderr.
      {io, now: () => new Date()},
    )
    if (!json) this.log(renderInit(result))
    return initDocument(result)
  }
}
