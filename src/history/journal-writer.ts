// The one writer of journals. It appends entry by entry, each written and fsynced before append returns,
// so an entry is on disk before the step it announces and a crash at any point leaves every earlier
// entry; it writes the begin with the journal format, stamps every entry with the time and numbers the
// writes on from the journal's last step.

import {closeSync, fsyncSync, openSync, writeSync} from 'node:fs'

import type {FixCall} from '../core/fix-calls.js'
import {JOURNAL_FORMAT, type JournalEntry, type JournalRecord, type JournalStart, type JournalSummary, summarizeJournal} from '../core/journal.js'
import type {Journal} from '../services/journal-port.js'
import {entriesToAppendTo, newJournalPath} from './journal-store.js'

/** Starts the journal of one run under `historyDir`, its begin entry on disk. */
export function createJournal(historyDir: string, start: JournalStart, now: () => Date): JournalWriter {
  const at = now()
  const path = newJournalPath(historyDir, start.api.id, start.stage, at)
  // Append-only from the first byte, readable by its owner only: journals describe infrastructure.
  const writer = new JournalWriter(path, [], openSync(path, 'ax', 0o600), now)
  writer.begin(start, at)
  return writer
}

/** Opens a journal a run carries on in (a resume, a rollback), validated whole first. */
export function openJournal(path: string, now: () => Date): JournalWriter {
  const entries = entriesToAppendTo(path)
  return new JournalWriter(path, entries, openSync(path, 'a'), now)
}

export class JournalWriter implements Journal {
  private readonly list: JournalEntry[]
  /** The last step announced: steps count the journal's writes, over every run in it. */
  private lastStep: number

  constructor(
    readonly path: string,
    entries: JournalEntry[],
    private fd: number | undefined,
    private readonly now: () => Date,
  ) {
    this.list = entries
    this.lastStep = entries.filter((entry) => entry.entry === 'write').length
  }

  get entries(): readonly JournalEntry[] {
    return this.list
  }

  summary(): JournalSummary {
    return summarizeJournal(this.list)
  }

  /** The first entry; `at` is the time the journal's name carries. */
  begin(start: JournalStart, at: Date): void {
    if (this.list.length > 0) throw new Error(`journal ${this.path} has begun already`)
    const {api, region, stage, priorDeploymentId, prior, calls, choice} = start
    this.append({entry: 'begin', format: JOURNAL_FORMAT, at: at.toISOString(), api, region, stage, priorDeploymentId, prior, calls, ...(choice ? {choice} : {})})
  }

  announceWrite(call: FixCall): number {
    const step = this.lastStep + 1
    this.append({entry: 'write', at: this.stamp(), step, call})
    this.lastStep = step
    return step
  }

  confirmWrite(step: number): void {
    this.append({entry: 'written', at: this.stamp(), step})
  }

  record(entry: JournalRecord): void {
    // The kind and the time first, as in every entry.
    this.append(Object.assign({entry: entry.entry, at: this.stamp()}, entry) as JournalEntry)
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  private stamp(): string {
    return this.now().toISOString()
  }

  /** Writes and flushes to disk before returning. */
  private append(entry: JournalEntry): void {
    if (this.fd === undefined) throw new Error(`journal ${this.path} is closed`)
    writeSync(this.fd, `${JSON.stringify(entry)}\n`)
    fsyncSync(this.fd)
    this.list.push(entry)
  }
}
