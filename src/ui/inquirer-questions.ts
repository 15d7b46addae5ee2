// Questions to the person at the terminal through inquirer. Ctrl-C rejects with inquirer's ExitPromptError;
// it is left to propagate (BaseCommand maps it to 130).

import type {Question} from '../services/io-host.js'

export interface PromptStreams {
  input?: NodeJS.ReadableStream
  output?: NodeJS.WritableStream
}

/** Inquirer, loaded on the first question so commands that never ask (and --help) do not pay for it. */
export async function askWithInquirer(question: Question, message: string, streams: PromptStreams): Promise<unknown> {
  const {checkbox, confirm, select} = await import('@inquirer/prompts')
  switch (question.kind) {
    case 'confirm':
      // Enter declines: on a terminal no write is the default.
      return confirm({message, default: false}, streams)
    case 'checkbox':
      return checkbox({message, choices: question.choices.map((choice) => ({value: choice.value, name: choice.name, short: choice.short ?? choice.name, checked: choice.checked ?? false}))}, streams)
    case 'select':
      return select({message, choices: question.choices.map((choice) => ({value: choice.value, name: choice.name, short: choice.short ?? choice.name}))}, streams)
  }
}
