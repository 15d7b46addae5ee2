// How a writing command talks to the person running it: one IoHost (src/ui/terminal-io-host.ts) for
// progress, the plan shown before the question, warnings and the questions (on stderr when stdout carries
// the --json document), and Ctrl-C as a request to stop between writes.

import {Errors} from '@oclif/core'

import type {Reach} from '../core/command-line.js'
import type {IoHost} from '../services/io-host.js'
import {type Interrupt, interruptOnSignals} from './interrupt.js'

export interface Interaction {
  io: IoHost
  /** stdin and stdout are a terminal: questions can be asked. */
  interactive: boolean
  /** Aborted by the first Ctrl-C; dispose it when the command is done. */
  interrupt: Interrupt
}

export interface InteractionOptions {
  /** What printed commands repeat to reach the same API (the plan's AWS CLI commands). */
  reach?: Reach
  /**
   * Ctrl-C stops the run between writes (the default). A command whose only write is a local file made at
   * the end (init) leaves Ctrl-C to quit at once, as before: nothing would listen for the stop.
   */
  stopsBetweenWrites?: boolean
}

export async function interactionFor(json: boolean, options: InteractionOptions = {}): Promise<Interaction> {
  const {terminalIoHost} = await import('../ui/terminal-io-host.js')
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY)
  // oclif's warning line, as Command.warn prints it.
  const io = await terminalIoHost({json, interactive, warn: (text) => Errors.warn(text), ...(options.reach ? {reach: options.reach} : {})})
  const say = (text: string, quitting: boolean) => void io.notify({time: new Date(), level: 'info', code: 'run.interrupted', message: text, data: {quitting}})
  const interrupt: Interrupt = options.stopsBetweenWrites === false ? {signal: new AbortController().signal, dispose() {}} : interruptOnSignals(say)
  return {io, interactive, interrupt}
}
