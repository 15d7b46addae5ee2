// How the Node.js Lambda runtime calls a handler: the context object, async and callback handlers, the error
// object of a failed invocation and the JSON of a result. Plain JavaScript, because it runs in two places:
// in the sandbox's thread for handlers given as functions (tests), and in the function runtime's worker
// thread (lambda-worker.mjs) for handler modules, where no TypeScript loader exists. Types: lambda-runtime.d.mts.

import {Writable} from 'node:stream'
import {finished} from 'node:stream/promises'
import {pathToFileURL} from 'node:url'

/**
 * Results are refused above 6,291,556 bytes, the figure Lambda's own message names ("Response payload
 * size (N bytes) exceeded maximum allowed payload size (6291556 bytes).", umihico/pythonista-chromeless #11,
 * DataBiosphere/azul #7466).
 */
export const MAX_RESULT_BYTES = 6_291_556

// Response streaming, as the Node.js runtime provides it (Lambda developer guide, config-rs-write-functions.html;
// API Gateway developer guide, response-streaming-lambda-configure.html): `awslambda.streamifyResponse(handler)`
// marks a handler called as (event, responseStream, context); `awslambda.HttpResponseStream.from(stream,
// metadata)` writes the metadata's JSON and the delimiter of 8 null bytes that API Gateway reads before the
// body (response-transfer-mode-lambda.html, "Lambda proxy integration format for response streaming"). The
// mark is the runtime's own symbol, so a handler streamified by another copy of the global is recognised.
const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming')
const STREAM_RESPONSE = 'response'
const METADATA_DELIMITER = new Uint8Array(8)

// Member by member: the AWS SDK's @aws/lambda-invoke-store puts an `awslambda` object of its own there.
const runtimeGlobal = (globalThis.awslambda ??= {})
runtimeGlobal.streamifyResponse ??= (handler) => {
  handler[STREAMING] = STREAM_RESPONSE
  return handler
}
runtimeGlobal.HttpResponseStream ??= {
  from(stream, metadata) {
    stream.write(JSON.stringify(metadata ?? {}))
    stream.write(METADATA_DELIMITER)
    return stream
  },
}

export function isStreamified(handler) {
  return typeof handler === 'function' && handler[STREAMING] === STREAM_RESPONSE
}

/** Imports a handler module and returns its `handler` export; the message names what is wrong. */
export async function loadHandler(file) {
  const module = await import(pathToFileURL(file).href)
  if (typeof module.handler !== 'function') throw new Error(`${file} has no exported function named handler`)
  return module.handler
}

/**
 * Runs one invocation: `getHandler` loads the handler, `eventJson` is the event's JSON text (an empty payload
 * is the event `{}`), `invocation` names the function and says when API Gateway gives up. Resolves with the
 * result's JSON text, Lambda's error object for a failure, or `invalid-event` for an event that is no JSON.
 */
export async function invokeHandler(getHandler, eventJson, invocation, sink) {
  let event
  try {
    event = eventJson.trim() === '' ? {} : JSON.parse(eventJson)
  } catch {
    return {kind: 'invalid-event'}
  }
  let handler
  try {
    handler = await getHandler()
  } catch (error) {
    // What the Node.js runtime reports for a module that fails to load or lacks the handler.
    const message = error.message
    return functionError({name: message.includes('no exported function named handler') ? 'Runtime.HandlerNotFound' : 'Runtime.ImportModuleError', message})
  }
  if (isStreamified(handler)) return callStreamified(handler, event, lambdaContext(invocation), sink)
  let value
  try {
    value = await call(handler, event, lambdaContext(invocation))
  } catch (error) {
    return functionError(error)
  }
  let payload
  try {
    // JSON.stringify of undefined (a function that returns nothing) is undefined; Lambda sends `null`.
    payload = JSON.stringify(value) ?? 'null'
  } catch (error) {
    // A result with a cycle or a BigInt cannot be sent: the invocation fails with the serialization error.
    return functionError(error)
  }
  const size = Buffer.byteLength(payload)
  if (size > MAX_RESULT_BYTES) {
    return functionError({
      name: 'Function.ResponseSizeTooLarge',
      message: `Response payload size (${size} bytes) exceeded maximum allowed payload size (${MAX_RESULT_BYTES} bytes).`,
    })
  }
  return {kind: 'result', payload}
}

/**
 * A streamified handler writes to its response stream. Invoked with a `sink` (InvokeWithResponseStream),
 * every chunk goes there as it is written and the result says only that the stream ended; invoked without
 * one (Invoke), Lambda buffers what was written and returns it as the payload, within Invoke's limit
 * (AWS compute blog "introducing-aws-lambda-response-streaming", as middy's streamify-response page
 * quotes it: a streaming function behind a buffering caller still returns its payload, buffered). The stream ends when the handler ends it or, at the latest, when it returns.
 */
async function callStreamified(handler, event, context, sink) {
  const written = []
  const responseStream = new Writable({
    write(chunk, _encoding, done) {
      if (sink) sink(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength).slice())
      else written.push(chunk)
      done()
    },
  })
  try {
    await handler(event, responseStream, context)
    if (!responseStream.writableEnded) responseStream.end()
    await finished(responseStream)
  } catch (error) {
    return functionError(error)
  }
  if (sink) return {kind: 'streamed'}
  const payload = Buffer.concat(written)
  if (payload.length > MAX_RESULT_BYTES) {
    return functionError({
      name: 'Function.ResponseSizeTooLarge',
      message: `Response payload size (${payload.length} bytes) exceeded maximum allowed payload size (${MAX_RESULT_BYTES} bytes).`,
    })
  }
  // Not JSON in general: the metadata, the delimiter and the body, as bytes; read as UTF-8 like any payload.
  return {kind: 'result', payload: payload.toString('utf8')}
}

function lambdaContext({functionName, region, accountId, deadline, awsRequestId}) {
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `sandbox/[$LATEST]${awsRequestId.replaceAll('-', '')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  }
}

/** Async handlers return a promise; callback-style handlers (three parameters) answer through the callback. */
function call(handler, event, context) {
  if (handler.length < 3) return Promise.resolve().then(() => handler(event, context))
  return new Promise((resolvePromise, reject) => {
    const callback = (error, result) => (error ? reject(error) : resolvePromise(result))
    Promise.resolve()
      .then(() => handler(event, context, callback))
      .then((returned) => {
        if (returned instanceof Object && 'then' in returned) resolvePromise(returned)
      }, reject)
  })
}

/** Lambda's error object for an exception, as the Node.js runtime reports it. */
export function functionError(error) {
  const isError = error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
  const errorMessage = isError ? String(error.message) : String(error)
  const errorType = isError ? String(error.name ?? 'Error') : typeof error
  const stack = error instanceof Error && error.stack ? error.stack.split('\n').slice(1).map((line) => line.trim()) : []
  return {kind: 'function-error', payload: JSON.stringify({errorMessage, errorType, stackTrace: stack}), errorMessage}
}
