// Questions to the person at the terminal, behind a port so services can be tested with scripted answers;
// src/ui/prompter.ts asks them through inquirer.

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
