// Questions to the person at the terminal: the services' Prompter port (src/services/prompter.ts) over
// inquirer. Ctrl-C rejects with inquirer's ExitPromptError; it is left to propagate (BaseCommand maps it to 130).

import type {PromptChoice, Prompter} from '../services/prompter.js'

export type {PromptChoice, Prompter} from '../services/prompter.js'

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
