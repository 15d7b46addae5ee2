// The IoHost of a person at a terminal (or a CI log): tasks and notes go to the task list on stderr,
// results (the plan shown before the question) to stdout, warnings to the command's warning line, and
// questions through inquirer on stdout. When stdout carries the --json document, questions go to stderr
// and results and warnings are not shown (as oclif's log and warn, which printed them before, are not).
// Without a terminal nothing is asked: the question's default (what --yes stands for) is the answer, and
// the services refuse before asking in that case anyway.

import type {Reach} from '../core/command-line.js'
import type {IoHost, IoMessage, IoRequest, IoRequestCode, IoRequestResponse} from '../services/io-host.js'
import {renderDriftWarning} from './apply-view.js'
import {type Palette, paletteFor} from './colours.js'
import {type PromptStreams, askWithInquirer} from './inquirer-questions.js'
import {renderPlan} from './plan-view.js'
import {type TaskListView, taskListFor} from './progress-view.js'

type Stream = NodeJS.WritableStream & {isTTY?: boolean; columns?: number}

export interface TerminalIoHostOptions {
  /** stdout carries the --json document: questions go to stderr, results are not shown. */
  json: boolean
  /** stdin and stdout are a terminal: questions can be asked. */
  interactive: boolean
  /** What printed commands repeat to reach the same API. */
  reach?: Reach
  /** How a warning is shown (the command's warning line). */
  warn: (text: string) => void
  stdout?: Stream
  stderr?: Stream
  /** Where questions are read and drawn; stdin and the results' stream by default. */
  prompts?: PromptStreams
}

export async function terminalIoHost(options: TerminalIoHostOptions): Promise<IoHost> {
  const stderr = options.stderr ?? process.stderr
  const stdout = options.stdout ?? process.stdout
  const tasks = await taskListFor(stderr, paletteFor(stderr))
  const prompts: PromptStreams = {...(options.json ? {output: stderr} : stdout === process.stdout ? {} : {output: stdout}), ...options.prompts}
  const results = options.json ? undefined : {stream: stdout, colour: paletteFor(stdout), reach: options.reach ?? {}}
  return new TerminalIoHost(tasks, results, options, prompts)
}

class TerminalIoHost implements IoHost {
  constructor(
    private readonly tasks: TaskListView,
    /** Undefined under --json. */
    private readonly results: {stream: NodeJS.WritableStream; colour: Palette; reach: Reach} | undefined,
    private readonly options: TerminalIoHostOptions,
    private readonly prompts: PromptStreams,
  ) {}

  async notify(message: IoMessage): Promise<void> {
    switch (message.code) {
      case 'task.start':
        return this.tasks.start(message.data.taskId, message.data.title)
      case 'task.end':
        return this.tasks.end(message.data.taskId, message.data.outcome, message.message)
      case 'apply.plan':
        return this.result(({colour, reach}) => renderPlan(message.data.plan, message.data.requests, colour, reach))
      case 'apply.ownership':
        return this.result(({colour, reach}) => renderDriftWarning(message.data.ownership, colour, reach))
    }
    // debug and trace are not shown.
    switch (message.level) {
      case 'result':
        return this.result(() => message.message)
      case 'warn':
        return this.options.json ? undefined : this.options.warn(message.message)
      case 'error':
        return void (this.options.stderr ?? process.stderr).write(`${message.message}\n`)
      case 'info':
        return this.tasks.note(message.message)
    }
  }

  async requestResponse<Code extends IoRequestCode>(request: IoRequest<Code>): Promise<IoRequestResponse[Code]> {
    if (!this.options.interactive) return request.defaultResponse
    return (await askWithInquirer(request.data.question, request.message, this.prompts)) as IoRequestResponse[Code]
  }

  /** A block of its own, followed by a blank line. */
  private result(render: (view: {colour: Palette; reach: Reach}) => string): void {
    if (this.results) this.results.stream.write(`${render(this.results)}\n\n`)
  }
}
