// How long-running services say what they are doing, without printing: the command chooses a live task
// list on a terminal or plain lines otherwise (src/ui/progress-view.ts).

export interface ProgressTask {
  done(note?: string): void
  fail(note: string): void
}

export interface Progress {
  /** Starts a step; steps run one after another. */
  task(title: string): ProgressTask
  /** A line of information between steps (a retry, a reconciliation). */
  note(message: string): void
}

export const SILENT_PROGRESS: Progress = {
  task: () => ({done() {}, fail() {}}),
  note() {},
}
