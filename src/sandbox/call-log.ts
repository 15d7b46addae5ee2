/** One control-plane call as the sandbox saw it; tests prove read-only commands with `mutating`. */
export interface CallRecord {
  operation: string
  method: string
  path: string
  status: number
  mutating: boolean
  /** Milliseconds since the epoch at arrival. */
  at: number
}

export class CallLog {
  private records: CallRecord[] = []

  record(entry: CallRecord): void {
    this.records.push(entry)
  }

  list(): readonly CallRecord[] {
    return this.records
  }

  clear(): void {
    this.records = []
  }
}
