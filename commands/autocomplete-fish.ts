import {BaseCommand} from '../src/cli/base-command.js'

export default class AutocompleteFishCommand extends BaseCommand {
  static override summary = 'Print the fish completion script (for bash and zsh: autocomplete bash, autocomplete zsh).'

  static override description = 'Save it where fish looks for completions (~/.config/fish/completions/apigw-binfix.fish); new shells complete commands, flags and the values of flags that have a fixed set. With --json: {schemaVersion, shell, script}.'

  static override examples = ['<%= config.bin %> autocomplete fish > ~/.config/fish/completions/<%= config.bin %>.fish']

  async run(): Promise<unknown> {
    await this.parse(AutocompleteFishCommand)
    const {fishCompletion} = await import('../src/cli/fish-completion.js')
    const script = fishCompletion(this.config.bin, this.config.commands)
    if (!this.jsonEnabled()) process.stdout.write(script)
    return {shell: 'fish', script}
  }
}
