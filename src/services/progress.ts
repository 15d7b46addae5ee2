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

/** Runs `work` as one step: done with `note(result)`, or failed with the error's message (and rethrown). */
export async function step<T>(progress: Progress, title: string, work: () => Promise<T>, note?: (result: T) => string | undefined): Promise<T> {
  const task = progress.task(title)
  try {
    const result = await work()
    task.done(note?.(result))
    return result
  } catch (error) {
    task.fail((error as Error).message)
    throw error
  }
}
