// Types of lambda-runtime.mjs.

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

export interface HandlerInvocation {
  functionName: string
  region: string
  accountId: string
  /** Epoch milliseconds after which API Gateway gives up; the function sees it as its remaining time. */
  deadline: number
  awsRequestId: string
}

export type RuntimeResult =
  /** The function returned: `payload` is the JSON text of its result. */
  | {kind: 'result'; payload: string}
  /** The function threw (or its result was too large): Lambda's error object, as JSON text. */
  | {kind: 'function-error'; payload: string; errorMessage: string}
  /** Lambda takes only JSON events (InvalidRequestContentException). */
  | {kind: 'invalid-event'}
  /** A streamified handler invoked with a sink ended its stream; what it wrote went to the sink. */
  | {kind: 'streamed'}

/** Where a streaming invocation's chunks go, in order, as they are written. */
export type ChunkSink = (bytes: Uint8Array) => void

export declare const MAX_RESULT_BYTES: number
export declare function loadHandler(file: string): Promise<LambdaHandler>
export declare function invokeHandler(
  getHandler: () => LambdaHandler | Promise<LambdaHandler>,
  eventJson: string,
  invocation: HandlerInvocation,
  sink?: ChunkSink,
): Promise<RuntimeResult>
export declare function isStreamified(handler: unknown): boolean
export declare function functionError(error: unknown): Extract<RuntimeResult, {kind: 'function-error'}>
