// The sandbox's Lambda service: functions are local handler modules (or in-process functions in tests)
// called with the event and a context the way the Node.js runtime calls them. Events and results cross
// as JSON text, so a function gets a fresh copy of the event and API Gateway gets the JSON of the result.

import {randomUUID} from 'node:crypto'
import {resolve} from 'node:path'
import {pathToFileURL} from 'node:url'

export interface LambdaContext {
  functionName: string
  functionVersion: string
  invokedFunctionArn: string
  memoryLimitInMB: string
  awsRequestId: string
  logGroupName: string
  logStreamName: string
  callbackWaitsForEmptyEventLoop: boolean
  getRemainingTimeInMillis(): number
}

export type LambdaHandler = (event: unknown, context: LambdaContext, callback?: (error?: unknown, result?: unknown) => void) => unknown

/**
 * Lambda's synchronous invocation limits. The request side refuses events over 6,291,456 bytes
 * ("Request must be smaller than 6291456 bytes for the InvokeFunction operation", aws-binary-facts §4.3);
 * results are refused above 6,291,556 bytes, the figure Lambda's own message names ("Response payload
 * size (N bytes) exceeded maximum allowed payload size (6291556 bytes).", umihico/pythonista-chromeless #11,
 * DataBiosphere/azul #7466).
 */
export const MAX_EVENT_BYTES = 6_291_456
export const MAX_RESULT_BYTES = 6_291_556

export type InvokeResult =
  /** The function returned: `payload` is the JSON text of its result. */
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
  private readonly handlers = new Map<string, LambdaHandler | Promise<LambdaHandler>>()
  private readonly sources = new Map<string, string | LambdaHandler>()

  constructor(entries: Record<string, string | LambdaHandler> = {}) {
    for (const [name, source] of Object.entries(entries)) this.sources.set(name, typeof source === 'string' ? resolve(source) : source)
  }

  names(): string[] {
    return [...this.sources.keys()].sort()
  }

  /** Invokes `name` with the JSON text `eventJson` (an empty payload is the event `{}`). */
  async invoke(name: string, eventJson: string, options: InvokeOptions): Promise<InvokeResult> {
    if (Buffer.byteLength(eventJson) > MAX_EVENT_BYTES) return {kind: 'event-too-large'}
    if (!this.sources.has(name)) return {kind: 'not-found'}
    let event: unknown
    try {
      event = eventJson.trim() === '' ? {} : JSON.parse(eventJson)
    } catch {
      return {kind: 'invalid-event'}
    }
    let handler: LambdaHandler
    try {
      handler = await this.handler(name)
    } catch (error) {
      // What the Node.js runtime reports for a module that fails to load or lacks the handler.
      const message = (error as Error).message
      return functionError({name: message.includes('no exported function named handler') ? 'Runtime.HandlerNotFound' : 'Runtime.ImportModuleError', message})
    }
    const context = lambdaContext(name, options)
    let value: unknown
    try {
      value = await call(handler, event, context)
    } catch (error) {
      return functionError(error)
    }
    // JSON.stringify of undefined (a function that returns nothing) is undefined; Lambda sends `null`.
    const payload = JSON.stringify(value) ?? 'null'
    const size = Buffer.byteLength(payload)
    if (size > MAX_RESULT_BYTES) {
      return functionError({
        name: 'Function.ResponseSizeTooLarge',
        message: `Response payload size (${size} bytes) exceeded maximum allowed payload size (${MAX_RESULT_BYTES} bytes).`,
      })
    }
    return {kind: 'result', payload, value: JSON.parse(payload)}
  }

  private handler(name: string): LambdaHandler | Promise<LambdaHandler> {
    let handler = this.handlers.get(name)
    if (!handler) {
      const source = this.sources.get(name)!
      handler = typeof source === 'function' ? source : loadHandler(source)
      this.handlers.set(name, handler)
    }
    return handler
  }
}

/** Imports a handler module and returns its `handler` export; the message names what is wrong. */
export async function loadHandler(file: string): Promise<LambdaHandler> {
  const module = (await import(pathToFileURL(file).href)) as {handler?: unknown}
  if (typeof module.handler !== 'function') throw new Error(`${file} has no exported function named handler`)
  return module.handler as LambdaHandler
}

function lambdaContext(functionName: string, {region, accountId, deadline}: InvokeOptions): LambdaContext {
  const requestId = randomUUID()
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `sandbox/[$LATEST]${requestId.replaceAll('-', '')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  }
}

/** Async handlers return a promise; callback-style handlers (three parameters) answer through the callback. */
function call(handler: LambdaHandler, event: unknown, context: LambdaContext): Promise<unknown> {
  if (handler.length < 3) return Promise.resolve().then(() => handler(event, context))
  return new Promise((resolvePromise, reject) => {
    const callback = (error?: unknown, result?: unknown) => (error ? reject(error) : resolvePromise(result))
    Promise.resolve()
      .then(() => handler(event, context, callback))
      .then((returned) => {
        if (returned instanceof Object && 'then' in returned) resolvePromise(returned)
      }, reject)
  })
}

/** Lambda's error object for an exception, as the Node.js runtime reports it. */
function functionError(error: unknown): InvokeResult {
  const isError = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
  const errorMessage = isError ? String((error as Error).message) : String(error)
  const errorType = isError ? String((error as Error).name ?? 'Error') : typeof error
  const stack = error instanceof Error && error.stack ? error.stack.split('\n').slice(1).map((line) => line.trim()) : []
  return {kind: 'function-error', payload: JSON.stringify({errorMessage, errorType, stackTrace: stack}), errorMessage}
}
