// A Prompter that answers from a script and records every question, for services that ask.
import type {PromptChoice, Prompter} from '../../src/ui/prompter.js'

export interface PromptScript {
  confirm?: boolean
  /** Which values to keep, by question; the ticked ones by default. */
  keep?: (message: string, values: unknown[], choices: readonly PromptChoice<unknown>[]) => unknown[]
  /** The value chosen, by question. */
  select?: (message: string, values: unknown[]) => unknown
}

export class ScriptedPrompter implements Prompter {
  readonly asked: string[] = []
  readonly checkboxChoices: Array<readonly PromptChoice<unknown>[]> = []

  constructor(private readonly script: PromptScript = {}) {}

  async confirm(message: string): Promise<boolean> {
    this.asked.push(message)
    if (this.script.confirm === undefined) throw new Error(`unexpected question: ${message}`)
    return this.script.confirm
  }

  async checkbox<Value>(message: string, choices: readonly PromptChoice<Value>[]): Promise<Value[]> {
    this.asked.push(message)
    this.checkboxChoices.push(choices)
    const values = choices.map((choice) => choice.value)
    const kept = this.script.keep?.(message, values, choices) ?? choices.filter((choice) => choice.checked).map((choice) => choice.value)
    return kept as Value[]
  }

  async select<Value>(message: string, choices: readonly PromptChoice<Value>[]): Promise<Value> {
    this.asked.push(message)
    if (!this.script.select) throw new Error(`unexpected question: ${message}`)
    return this.script.select(message, choices.map((choice) => choice.value)) as Value
  }
}
