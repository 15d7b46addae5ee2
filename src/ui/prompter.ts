// Questions to the person at the terminal, behind a port so services can be tested with scripted answers.
// Ctrl-C rejects with inquirer's ExitPromptError; it is left to propagate (BaseCommand maps it to 130).

export interface PromptChoice<Value> {
  value: Value
  /** The line shown. */
  name: string
  /** Shown in the answer once chosen; the name by default. */
  short?: string
  checked?: boolean
}

export interface Prompter {
  confirm(message: string, options?: {default?: boolean}): Promise<boolean>
  /** The values of the choices left ticked, in the order given. */
  checkbox<Value>(message: string, choices: readonly PromptChoice<Value>[]): Promise<Value[]>
  /** One value out of several. */
  select<Value>(message: string, choices: readonly PromptChoice<Value>[]): Promise<Value>
}

export interface PromptStreams {
  input?: NodeJS.ReadableStream
  output?: NodeJS.WritableStream
}

/** Inquirer, loaded on the first question so commands that never ask (and --help) do not pay for it. */
export class InquirerPrompter implements Prompter {
  constructor(private readonly streams: PromptStreams = {}) {}

  async confirm(message: string, options: {default?: boolean} = {}): Promise<boolean> {
    const {confirm} = await import('@inquirer/prompts')
    return confirm({message, default: options.default ?? false}, this.streams)
  }

  async checkbox<Value>(message: string, choices: readonly PromptChoice<Value>[]): Promise<Value[]> {
    const {checkbox} = await import('@inquirer/prompts')
    return checkbox<Value>({message, choices: choices.map((choice) => ({value: choice.value, name: choice.name, short: choice.short ?? choice.name, checked: choice.checked ?? false}))}, this.streams)
  }

  async select<Value>(message: string, choices: readonly PromptChoice<Value>[]): Promise<Value> {
    const {select} = await import('@inquirer/prompts')
    return select<Value>({message, choices: choices.map((choice) => ({value: choice.value, name: choice.name, short: choice.short ?? choice.name}))}, this.streams)
  }
}
