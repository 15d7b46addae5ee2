// How a writing command talks to the person running it: questions through inquirer (on stderr when
// stdout carries the --json document), progress on stderr, and Ctrl-C as a request to stop between writes.

import type {Progress} from '../services/progress.js'
import type {Prompter} from '../ui/prompter.js'
import {type Interrupt, interruptOnSignals} from './interrupt.js'

export interface Interaction {
  prompter: Prompter
  progress: Progress
  /** stdin and stdout are a terminal: questions can be asked. */
  interactive: boolean
  /** Aborted by the first Ctrl-C; dispose it when the command is done. */
  interrupt: Interrupt
}

export async function interactionFor(json: boolean): Promise<Interaction> {
  const [{InquirerPrompter}, {progressFor}, {paletteFor}] = await Promise.all([import('../ui/prompter.js'), import('../ui/progress-view.js'), import('../ui/colours.js')])
  const progress = await progressFor(process.stderr, paletteFor(process.stderr))
  return {
    prompter: new InquirerPrompter(json ? {output: process.stderr} : {}),
    progress,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    interrupt: interruptOnSignals((message) => progress.note(message)),
  }
}
