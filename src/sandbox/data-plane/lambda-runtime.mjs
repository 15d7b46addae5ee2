// How the Node.js Lambda runtime calls a handler: the context object, async and callback handlers, the error
// object of a failed invocation and the JSON of a result. Plain JavaScript, because it runs in two places:
// in the sandbox's thread for handlers given as functions (tests), and in the function runtime's worker
// thread (lambda-worker.mjs) for handler modules, where no TypeScript loader exists. Types: lambda-runtime.d.mts.

import {pathToFileURL} from 'node:url'

/**
 * Results are refused above 6,291,556 bytes, the figure Lambda's own message names ("Response payload
 * size (N bytes) exceeded maximum allowed payload size (6291556 bytes).", umihico/pythonista-chromeless #11,
 * DataBiosphere/azul #7466).
 */
export const MAX_RESULT_BYTES = 6_291_556

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
export async function invokeHandler(getHandler, eventJson, invocation) {
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
