// The journal of a run as apply, rollback and the write executor use it: the port they own. The one
// implementation is the JournalWriter (src/history/journal-writer.ts), which numbers the steps, writes
// the format and has every entry on disk before the step it announces.

import type {FixCall} from '../core/fix-calls.js'
import type {JournalEntry, JournalRecord, JournalSummary} from '../core/journal.js'

export interface Journal {
  readonly path: string
  readonly entries: readonly JournalEntry[]
  summary(): JournalSummary
  /** Appends a `write` entry numbered on from the journal's last step, on disk when it returns; the step. */
  announceWrite(call: FixCall): number
  /** Appends the `written` entry of an announced step. */
  confirmWrite(step: number): void
  /** Appends any other entry, stamped with the time, on disk when it returns. */
  record(entry: JournalRecord): void
  close(): void
}
