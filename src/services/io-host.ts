// The one channel between the services and the person running them, modelled on aws-cdk's IIoHost
// (toolkit-lib): `notify` for messages, `requestResponse` for questions. The services say what happens and
// ask; the host decides how it looks (src/ui/terminal-io-host.ts: a live task list and inquirer on a
// terminal, plain lines otherwise; test/helpers/test-io-host.ts records and answers from a script).
// Hosts key on a message's code and data, never on its text.

import type {FixCall} from '../core/fix-calls.js'
import type {Plan} from '../core/plan.js'
import type {Ownership} from './ownership.js'

/**
 * How much a message matters. `result` is what the run is for (the plan shown before the question: stdout
 * on a terminal); `info` is progress (tasks, notes); `warn` and `error` need the person's attention;
 * `debug` and `trace` are for whoever chases a bug (no host shows them today).
 */
export type IoLevel = 'error' | 'warn' | 'result' | 'info' | 'debug' | 'trace'

/** A task: one step of work that starts and then succeeds or fails. Several may run at once. */
export interface TaskStart {
  /** Unique among the tasks of one run; a task's end names it. */
  taskId: string
  title: string
}

export interface TaskEnd {
  taskId: string
  title: string
  outcome: 'succeeded' | 'failed'
  /** What came of it (an id, a verdict) or why it failed. */
  note?: string
}

/**
 * Every message by its stable code, with the data it carries. A shipped code keeps its meaning and data
 * (data may gain fields); a new kind of message gets a new code.
 */
export interface IoMessageData {
  /** A task started (`info`). */
  'task.start': TaskStart
  /** A task succeeded or failed (`info`). */
  'task.end': TaskEnd
  /** A write's answer was lost; what landed is read back before anything is resent (`info`). */
  'write.answer-lost': {operation: string}
  /** Ctrl-C or SIGTERM: the first stops new writes, a second quits (`info`). */
  'run.interrupted': {quitting: boolean}
  /** The plan apply is about to ask about, or a dry run's (`result`). */
  'apply.plan': {plan: Plan; requests: readonly FixCall[]}
  /** A CloudFormation stack deploys the API: the fix is drift (`result`, after the plan). */
  'apply.ownership': {ownership: Ownership}
  /** init left a live binary media type out of the spec: it cannot work as written (`warn`). */
  'init.left-out': {entry: string; reason: string}
  /** init writes, with --yes, a spec that asks for nothing (`warn`). */
  'init.empty-spec': {api: {id: string; name: string}}
  /** A fleet audit's figures so far, every few seconds (`info`). */
  'fleet.progress': {accountsDone: number; accounts: number; apisDone: number; callsPerSecond: number; throttled: number}
}

/** Every question by its stable code, with the answer it expects. */
export interface IoRequestResponse {
  /** init: replace the existing --out file? */
  'init.overwrite': boolean
  /** init: write a spec that asks for nothing? */
  'init.write-empty': boolean
  /** init: the binary media types to keep. */
  'init.keep-types': string[]
  /** init: the route settings to keep, by route key. */
  'init.keep-routes': string[]
  /** apply: only a redeploy is due; redeploy? */
  'apply.redeploy': boolean
  /** apply: all changes, some, or none. */
  'apply.choose': 'all' | 'choose' | 'cancel'
  /** apply: the changes to apply, by key. */
  'apply.changes': string[]
  /** rollback: point the stage back and restore the settings? */
  'rollback.confirm': boolean
}

export type IoMessageCode = keyof IoMessageData
export type IoRequestCode = keyof IoRequestResponse
export type IoCode = IoMessageCode | IoRequestCode

interface Envelope<Code extends IoCode> {
  time: Date
  level: IoLevel
  code: Code
  /** The message as one plain line, for hosts with no view of their own for the code. */
  message: string
}

/** A message; a switch on `code` narrows `data`. */
export type IoMessage<Code extends IoMessageCode = IoMessageCode> = {[C in Code]: Envelope<C> & {data: IoMessageData[C]}}[Code]

export interface Choice<Value> {
  value: Value
  /** The line shown. */
  name: string
  /** Shown in the answer once chosen; the name by default. */
  short?: string
  checked?: boolean
}

/** How a question is asked: yes or no, one value of several, or the values left ticked (in the order given). */
export type Question = {kind: 'confirm'} | {kind: 'select'; choices: readonly Choice<unknown>[]} | {kind: 'checkbox'; choices: readonly Choice<unknown>[]}

/**
 * A question. `defaultResponse` is the answer --yes stands for, which a host that cannot ask (no terminal)
 * gives. The services themselves refuse before asking when there is neither a terminal nor --yes, and do
 * not ask under --yes, so that answer is never taken silently. On a terminal a confirmation defaults to no.
 */
export type IoRequest<Code extends IoRequestCode = IoRequestCode> = {
  [C in Code]: Envelope<C> & {data: {question: Question}; defaultResponse: IoRequestResponse[C]}
}[Code]

export interface IoHost {
  notify(message: IoMessage): Promise<void>
  /** The answer; rejects when the person interrupts the question (inquirer's ExitPromptError, exit 130). */
  requestResponse<Code extends IoRequestCode>(request: IoRequest<Code>): Promise<IoRequestResponse[Code]>
}

/** Says nothing and is never asked anything: verify's default, whose command shows the report, not each probe as it goes. */
export const SILENT_IO_HOST: IoHost = {
  notify: async () => {},
  requestResponse: async (request) => {
    throw new Error(`nobody to ask: ${request.message}`)
  },
}

/** A message stamped now. */
export function message<Code extends IoMessageCode>(level: IoLevel, code: Code, text: string, data: IoMessageData[Code]): IoMessage<Code> {
  return {time: new Date(), level, code, message: text, data} as IoMessage<Code>
}

type CodeAnswered<Answer> = {[C in IoRequestCode]: IoRequestResponse[C] extends Answer ? C : never}[IoRequestCode]

/** Yes or no. */
export function confirmation<Code extends CodeAnswered<boolean>>(code: Code, text: string, defaultResponse: boolean): IoRequest<Code> {
  return {time: new Date(), level: 'info', code, message: text, data: {question: {kind: 'confirm'}}, defaultResponse} as IoRequest<Code>
}

/** One value out of several. */
export function selection<Code extends IoRequestCode, Value extends IoRequestResponse[Code]>(code: Code, text: string, choices: readonly Choice<Value>[], defaultResponse: Value): IoRequest<Code> {
  return {time: new Date(), level: 'info', code, message: text, data: {question: {kind: 'select', choices}}, defaultResponse} as IoRequest<Code>
}

/** The values left ticked. */
export function checklist<Code extends CodeAnswered<unknown[]>, Value extends IoRequestResponse[Code][number]>(code: Code, text: string, choices: readonly Choice<Value>[], defaultResponse: Value[]): IoRequest<Code> {
  return {time: new Date(), level: 'info', code, message: text, data: {question: {kind: 'checkbox', choices}}, defaultResponse} as IoRequest<Code>
}
