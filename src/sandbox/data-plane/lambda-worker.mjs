// The sandbox's function runtime: a worker thread in which every handler module is loaded and called
// (lambda-runtime.mjs), so a handler that computes for long, or loops forever, holds this thread and not the
// sandbox's. One thread for all functions: their modules share memory as they did in the sandbox's thread
// (the thumbnail-service stand-ins keep their images in a module both import). function-host.ts drives it.

import {parentPort} from 'node:worker_threads'

import {functionError, invokeHandler, loadHandler} from './lambda-runtime.mjs'

/** Handler modules by file, loaded once as a warm Lambda environment keeps its module. */
const handlers = new Map()

function handlerIn(file) {
  let handler = handlers.get(file)
  if (!handler) {
    handler = loadHandler(file)
    // A module that failed to load is tried again next time, as a new Lambda environment would.
    handler.catch(() => handlers.delete(file))
    handlers.set(file, handler)
  }
  return handler
}

parentPort.on('message', (message) => {
  // Answered at once: a thread that cannot answer is busy in a handler (function-host.ts's watchdog).
  if (message.type === 'ping') {
    parentPort.postMessage({type: 'pong', seq: message.seq})
    return
  }
  const {id, file, eventJson, invocation, streaming} = message
  // Before the handler can hold this thread: an invocation not begun when the thread is restarted runs again.
  parentPort.postMessage({type: 'started', id})
  // A streaming invocation's chunks cross as they are written; the result, posted last, follows them.
  const sink = streaming ? (bytes) => parentPort.postMessage({type: 'chunk', id, bytes}, [bytes.buffer]) : undefined
  void invokeHandler(() => handlerIn(file), eventJson, invocation, sink)
    .catch((error) => functionError(error))
    .then((result) => parentPort.postMessage({type: 'result', id, result}))
})
