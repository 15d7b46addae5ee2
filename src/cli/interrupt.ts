// Ctrl-C during writes: the first one asks the run to stop starting new writes (the one in flight is
// finished and journaled, then the run says what was and was not done and exits 130); a second one quits
// at once, which the write-ahead journal also survives. SIGTERM, as CI runners send on cancel, is the same.

import {ExitCode} from '../core/exit-codes.js'

export interface Interrupt {
  signal: AbortSignal
  /** Removes the handlers; call once the command is done. */
  dispose(): void
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const

export function interruptOnSignals(say: (message: string, quitting: boolean) => void, exit: (code: number) => never = process.exit): Interrupt {
  const controller = new AbortController()
  const onSignal = () => {
    if (!controller.signal.aborted) {
      controller.abort()
      say('Interrupted: stopping once the request in flight is answered (press Ctrl-C again to quit at once)', false)
      return
    }
    say('Quitting at once: the journal records every write announced; run the same command again to finish, or rollback to undo', true)
    exit(ExitCode.interrupted)
  }
  for (const signal of SIGNALS) process.on(signal, onSignal)
  return {
    signal: controller.signal,
    dispose: () => {
      for (const signal of SIGNALS) process.off(signal, onSignal)
    },
  }
}
