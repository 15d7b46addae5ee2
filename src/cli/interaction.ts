// How a writing command talks to the person running it: questions through inquirer (on stderr when
// stdout carries the --json document) and progress on stderr.

import type {Progress} from '../services/progress.js'
import type {Prompter} from '../ui/prompter.js'

export interface Interaction {
  prompter: Prompter
  progress: Progress
  /** stdin and stdout are a terminal: questions can be asked. */
  interactive: boolean
}

export async function interactionFor(json: boolean): Promise<Interaction> {
  const [{InquirerPrompter}, {progressFor}, {paletteFor}] = await Promise.all([import('../ui/prompter.js'), import('../ui/progress-view.js'), import('../ui/colours.js')])
  return {
    prompter: new InquirerPrompter(json ? {output: process.stderr} : {}),
    progress: await progressFor(process.stderr, paletteFor(process.stderr)),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  }
}
