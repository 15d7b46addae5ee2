// Holding back the answer of one write, to rehearse the crash no fault injection can time: the write
// landed, and the client died before it heard back. `POST /_sandbox/hold-answer {"afterWrites": k}`
// picks the k-th write handled from then on; its answer waits for `POST /_sandbox/release`, or is
// dropped when the client hangs up first.

import type {ServerResponse} from 'node:http'

export class AnswerHold {
  /** Writes still to come up to and including the one whose answer is held; undefined when none is armed. */
  private writesToGo: number | undefined
  private readonly held = new Set<() => void>()

  /** Replaces any hold armed before and not reached yet. */
  arm(afterWrites: number): void {
    this.writesToGo = afterWrites
  }

  /** Counts one handled write: true when it is the one whose answer is to be held. */
  countWrite(): boolean {
    if (this.writesToGo === undefined) return false
    this.writesToGo--
    if (this.writesToGo > 0) return false
    this.writesToGo = undefined
    return true
  }

  /**
   * Keeps `send` until release. `settled` learns whether the answer was sent (`true`) or the client
   * hung up while it was held (`false`).
   */
  hold(response: ServerResponse, send: () => void, settled: (sent: boolean) => void): void {
    if (!response.socket || response.socket.destroyed) {
      settled(false)
      return
    }
    const hangUp = () => {
      this.held.delete(release)
      settled(false)
    }
    const release = () => {
      this.held.delete(release)
      response.off('close', hangUp)
      send()
      settled(true)
    }
    this.held.add(release)
    // Before the answer is written, 'close' can only mean the connection went away.
    response.once('close', hangUp)
  }

  get heldAnswers(): number {
    return this.held.size
  }

  /** Sends every held answer; returns how many. */
  release(): number {
    const waiting = [...this.held]
    for (const release of waiting) release()
    return waiting.length
  }

  /** Disarms and releases, so nothing armed before a reset surprises the next rehearsal. */
  reset(): void {
    this.writesToGo = undefined
    this.release()
  }
}

/** `{"afterWrites": k}` with k a positive integer, else a message saying what is wrong. */
export function parseHoldRequest(body: Buffer | 'too-large'): {afterWrites: number} | {error: string} {
  let json: unknown
  try {
    json = body === 'too-large' ? undefined : JSON.parse(body.toString('utf8'))
  } catch {
    json = undefined
  }
  const afterWrites = (json as {afterWrites?: unknown} | undefined)?.afterWrites
  if (typeof afterWrites !== 'number' || !Number.isSafeInteger(afterWrites) || afterWrites < 1) {
    return {error: 'hold-answer takes {"afterWrites": k} with k a whole number of writes, at least 1'}
  }
  return {afterWrites}
}
