// The sandbox's side of its function runtime (lambda-worker.mjs, a worker thread): invocations go there as
// messages, results come back, and a watchdog restarts the thread when a handler holds it past its deadline.
//
// Deadline: the sandbox knows no function timeout of its own, only API Gateway's integration timeout, which
// context.getRemainingTimeInMillis already counts down to. When an invocation passes it, API Gateway has
// answered 504 (integrations/deadline.ts) and the function may go on, as a Lambda function outlives API
// Gateway's wait. Only a thread that then does not answer a ping within PING_GRACE_MS, because a handler is
// computing or looping, is terminated and started again. Invocations it had not begun run in the new one
// (on AWS each would have had an execution environment of its own); those it had begun fail as a Lambda
// function whose runtime was killed (Runtime.ExitError). Every handler module is loaded afresh, module state
// gone, as in a new Lambda execution environment.

import {Worker} from 'node:worker_threads'

import {type ChunkSink, type HandlerInvocation, type RuntimeResult, functionError} from './lambda-runtime.mjs'

const PING_GRACE_MS = 1_000

interface Pending {
  resolve: (result: RuntimeResult) => void
  file: string
  eventJson: string
  invocation: HandlerInvocation
  /** A streaming invocation's chunks go here as the thread sends them. */
  sink?: ChunkSink
  timer: NodeJS.Timeout
  /** The thread took it up (it says so before calling the handler). */
  started: boolean
}

export class FunctionHost {
  private worker: Worker | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 0
  private pings = 0
  private probing: {seq: number; timer: NodeJS.Timeout; functionName: string} | undefined

  constructor(
    /** Where the host says it restarted the runtime (the sandbox's diagnosis log). */
    private readonly report: (line: string) => void,
  ) {}

  /** Runs the handler module `file` in the function runtime; with a `sink`, as a streaming invocation. */
  invoke(file: string, eventJson: string, invocation: HandlerInvocation, sink?: ChunkSink): Promise<RuntimeResult> {
    const id = ++this.nextId
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.probe(invocation.functionName), Math.max(0, invocation.deadline - Date.now()))
      timer.unref()
      this.pending.set(id, {resolve, file, eventJson, invocation, sink, timer, started: false})
      this.running().postMessage({type: 'invoke', id, file, eventJson, invocation, streaming: sink !== undefined})
    })
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.stopped('signal: killed', false)
    await worker?.terminate()
  }

  private running(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./lambda-worker.mjs', import.meta.url))
    // The sandbox's server, not its function runtime, decides when the process ends.
    worker.unref()
    let failure: Error | undefined
    type Message = {type: 'started'; id: number} | {type: 'chunk'; id: number; bytes: Uint8Array} | {type: 'result'; id: number; result: RuntimeResult} | {type: 'pong'; seq: number}
    worker.on('message', (message: Message) => {
      if (message.type === 'pong') {
        if (this.probing?.seq === message.seq) {
          clearTimeout(this.probing.timer)
          this.probing = undefined
        }
        return
      }
      if (message.type === 'started') {
        // From a thread since replaced, it would mark an invocation the new thread now runs.
        if (this.worker !== worker) return
        const pending = this.pending.get(message.id)
        if (pending) pending.started = true
        return
      }
      if (message.type === 'chunk') {
        if (this.worker === worker) this.pending.get(message.id)?.sink?.(message.bytes)
        return
      }
      const pending = this.pending.get(message.id)
      if (!pending) return
      this.pending.delete(message.id)
      clearTimeout(pending.timer)
      pending.resolve(message.result)
    })
    // An exception no handler caught (a throw in a timer) ends the thread, as it ends a Lambda runtime.
    worker.on('error', (error) => (failure = error))
    worker.on('exit', (code) => {
      if (this.worker !== worker) return
      const reason = failure === undefined ? `exit status ${code}` : `${failure.name}: ${failure.message.split('\n')[0]}`
      // Lambda would log it to CloudWatch; the sandbox's answer (a function error) alone would not say why.
      const running = [...new Set([...this.pending.values()].filter((pending) => pending.started).map((pending) => pending.invocation.functionName))].sort()
      this.report(`the sandbox's function runtime exited (${reason}) while it ran ${running.length > 0 ? `Lambda function ${running.join(', ')}` : 'no invocation'}; it starts again for the next invocation, every function's module state afresh`)
      this.stopped(reason, true)
    })
    this.worker = worker
    return worker
  }

  /** An invocation passed its deadline: is the thread free to answer, or held by a handler? */
  private probe(functionName: string): void {
    const worker = this.worker
    if (!worker || this.probing) return
    const seq = ++this.pings
    const timer = setTimeout(() => {
      if (this.worker !== worker) return
      this.report(
        `Lambda function ${functionName} ran past its integration timeout and kept the sandbox's function runtime busy for ${PING_GRACE_MS} ms more: the runtime was restarted (API Gateway answered 504; every function's module state starts afresh)`,
      )
      this.stopped('signal: killed', true)
      void worker.terminate()
    }, PING_GRACE_MS)
    timer.unref()
    this.probing = {seq, timer, functionName}
    worker.postMessage({type: 'ping', seq})
  }

  /**
   * The thread is gone (or going): what it had begun fails as Lambda reports a killed runtime; with
   * `restart`, what it had not begun goes to a new thread.
   */
  private stopped(reason: string, restart: boolean): void {
    this.worker = undefined
    if (this.probing) clearTimeout(this.probing.timer)
    this.probing = undefined
    for (const [id, pending] of this.pending) {
      if (restart && !pending.started) {
        this.running().postMessage({type: 'invoke', id, file: pending.file, eventJson: pending.eventJson, invocation: pending.invocation, streaming: pending.sink !== undefined})
        continue
      }
      clearTimeout(pending.timer)
      this.pending.delete(id)
      pending.resolve(functionError({name: 'Runtime.ExitError', message: `RequestId: ${pending.invocation.awsRequestId} Error: Runtime exited with error: ${reason}`}))
    }
  }
}
