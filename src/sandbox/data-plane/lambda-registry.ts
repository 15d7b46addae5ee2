// The sandbox's Lambda service: functions are local handler modules (or in-process functions in tests)
// called with the event and a context the way the Node.js runtime calls them (lambda-runtime.mjs). Events
// and results cross as JSON text, so a function gets a fresh copy of the event and API Gateway gets the JSON
// of the result. Handler modules run in the function runtime's worker thread (function-host.ts), so no
// handler can hold the sandbox's event loop; handlers given as functions (the tests' stand-ins) cannot
// cross threads and run in the sandbox's own.

import {randomUUID} from 'node:crypto'
import {resolve} from 'node:path'

import {FunctionHost} from './function-host.js'
import {type ChunkSink, type HandlerInvocation, type LambdaHandler, type RuntimeResult, invokeHandler} from './lambda-runtime.mjs'

export type {LambdaContext, LambdaHandler} from './lambda-runtime.mjs'
export {MAX_RESULT_BYTES, loadHandler} from './lambda-runtime.mjs'

/**
 * Lambda's synchronous invocation limit on the request side: events over 6,291,456 bytes are refused
 * ("Request must be smaller than 6291456 bytes for the InvokeFunction operation", aws-binary-facts §4.3).
 * Results: MAX_RESULT_BYTES (lambda-runtime.mjs).
 */
export const MAX_EVENT_BYTES = 6_291_456

export type InvokeResult =
  /**
   * The function returned: `payload` is the JSON text of its result, `value` the result; a streamified
   * function's buffered payload need not be JSON, and its value is then undefined.
   */
  | {kind: 'result'; payload: string; value: unknown}
  /** The function threw (or its result was too large): Lambda's error object, as JSON text. */
  | {kind: 'function-error'; payload: string; errorMessage: string}
  | {kind: 'not-found'}
  | {kind: 'event-too-large'}
  /** Lambda takes only JSON events (InvalidRequestContentException). */
  | {kind: 'invalid-event'}

export interface InvokeOptions {
  region: string
  accountId: string
  /** Epoch milliseconds after which API Gateway gives up; the function sees it as its remaining time. */
  deadline: number
}

export class LambdaRegistry {
  private readonly sources = new Map<string, string | LambdaHandler>()
  private readonly host: FunctionHost

  constructor(
    entries: Record<string, string | LambdaHandler> = {},
    /** Where the function runtime says it was restarted (the sandbox's diagnosis log). */
    report: (line: string) => void = () => {},
  ) {
    for (const [name, source] of Object.entries(entries)) this.sources.set(name, typeof source === 'string' ? resolve(source) : source)
    this.host = new FunctionHost(report)
  }

  names(): string[] {
    return [...this.sources.keys()].sort()
  }

  /** Invokes `name` with the JSON text `eventJson` (an empty payload is the event `{}`). */
  async invoke(name: string, eventJson: string, options: InvokeOptions): Promise<InvokeResult> {
    if (Buffer.byteLength(eventJson) > MAX_EVENT_BYTES) return {kind: 'event-too-large'}
    const source = this.sources.get(name)
    if (source === undefined) return {kind: 'not-found'}
    const result = await this.run(source, name, eventJson, options)
    if (result.kind === 'streamed') throw new Error('a buffered invocation cannot end as a stream')
    return result.kind === 'result' ? {...result, value: parsedOrUndefined(result.payload)} : result
  }

  /**
   * InvokeWithResponseStream: a streamified function's chunks go to `sink` as it writes them and the result
   * is `streamed`; any other function's result comes back whole, as Invoke's does.
   */
  async invokeWithResponseStream(name: string, eventJson: string, options: InvokeOptions, sink: ChunkSink): Promise<Exclude<InvokeResult, {kind: 'result'}> | RuntimeResult> {
    if (Buffer.byteLength(eventJson) > MAX_EVENT_BYTES) return {kind: 'event-too-large'}
    const source = this.sources.get(name)
    if (source === undefined) return {kind: 'not-found'}
    return this.run(source, name, eventJson, options, sink)
  }

  private run(source: string | LambdaHandler, name: string, eventJson: string, options: InvokeOptions, sink?: ChunkSink): Promise<RuntimeResult> {
    const invocation: HandlerInvocation = {functionName: name, region: options.region, accountId: options.accountId, deadline: options.deadline, awsRequestId: randomUUID()}
    return typeof source === 'string' ? this.host.invoke(source, eventJson, invocation, sink) : invokeHandler(() => source, eventJson, invocation, sink)
  }

  /** Ends the function runtime's thread. */
  close(): Promise<void> {
    return this.host.close()
  }
}

function parsedOrUndefined(payload: string): unknown {
  try {
    return JSON.parse(payload)
  } catch {
    return undefined
  }
}
