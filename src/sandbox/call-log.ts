/** One control-plane call as the sandbox saw it; tests prove read-only commands with `mutating`. */
export interface CallRecord {
  operation: string
  method: string
  path: string
  /** The status answered; 0 when an injected fault dropped the connection before the call was handled. */
  status: number
  mutating: boolean
  /** Milliseconds since the epoch at arrival. */
  at: number
  /** The account the call acted in: its access key's (request-scope.ts), or the API's for the data plane. */
  account: string
  /** The Region the call acted in: its credential scope's, or the API's for the data plane. */
  region: string
  /**
   * Present when an injected fault handled the call and then dropped the connection instead of
   * answering: `status` is the answer the client never got (a 2xx write was applied).
   */
  answerDropped?: true
  /**
   * Present while the answer is held back by `POST /_sandbox/hold-answer` (the call was handled);
   * it goes on release, or becomes `answerDropped` when the client hangs up first.
   */
  answerHeld?: true
}

/** Enough for any test or rehearsal; a long-running sandbox under load must not grow without bound. */
export const CALL_LOG_CAPACITY = 100_000

export class CallLog {
  private records: CallRecord[] = []
  /** Oldest records dropped to stay within the capacity. */
  dropped = 0

  constructor(private readonly capacity = CALL_LOG_CAPACITY) {}

  record(entry: CallRecord): void {
    this.records.push(entry)
    // Trim in chunks so the cost of shifting the array is paid rarely.
    if (this.records.length > this.capacity + this.capacity / 10) {
      const excess = this.records.length - this.capacity
      this.records.splice(0, excess)
      this.dropped += excess
    }
  }

  list(): readonly CallRecord[] {
    return this.records
  }

  clear(): void {
    this.records = []
    this.dropped = 0
  }
}
