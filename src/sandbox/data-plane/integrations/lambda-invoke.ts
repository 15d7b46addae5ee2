// What the AWS and AWS_PROXY integrations share: finding the function an integration URI names and
// invoking it within the integration timeout, with the Lambda service's failures mapped to the answers
// API Gateway gives for them.

import {internalServerError, lambdaFunctionNotFound, lambdaRequestTooLong} from '../gateway-responses.js'
import type {Invocation} from '../invocation.js'
import type {InvokeResult} from '../lambda-registry.js'
import {renderUri} from '../parameter-mapping.js'
import {withinTimeout} from './deadline.js'
import {awsServiceOf, unmodelledServiceIntegration} from './unmodelled-service.js'

// Invoke's path, or InvokeWithResponseStream's (developer guide, response-transfer-mode-lambda.html).
const LAMBDA_PATH = /^arn:aws[\w-]*:apigateway:[^:]*:lambda:path\/(?:2015-03-31\/functions\/(.+)\/invocations|2021-11-15\/functions\/(.+)\/response-streaming-invocations)$/

/**
 * The function name in `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function}/invocations`,
 * where `{function}` is a function ARN (`arn:aws:lambda:{region}:{account}:function:NAME[:qualifier]`),
 * `NAME[:qualifier]` or a partial ARN, after `${stageVariables.x}` substitution. The sandbox serves one
 * version of each function, so a qualifier (alias or version) selects the same handler.
 */
export function functionName(uri: string, stageVariables: Record<string, string>): string | undefined {
  const match = LAMBDA_PATH.exec(renderUri(uri, {}, stageVariables))
  const target = match?.[1] ?? match?.[2]
  if (target === undefined) return undefined
  let decoded: string
  try {
    decoded = decodeURIComponent(target)
  } catch {
    // A malformed %-escape names no function; the caller answers 500 as for any unknown target.
    return undefined
  }
  const parts = decoded.split(':')
  const at = parts.indexOf('function')
  return at >= 0 ? parts[at + 1] : parts[0]
}

/** Invokes the integration's function; Lambda-side failures become API Gateway's answers. */
export async function invokeFunction(invocation: Invocation, eventJson: string): Promise<Exclude<InvokeResult, {kind: 'not-found' | 'event-too-large' | 'invalid-event'}>> {
  const {integration} = invocation
  const name = functionName(integration.uri ?? '', invocation.stageVariables)
  if (name === undefined) {
    // AWS_PROXY also takes a Firehose action, which the sandbox does not model.
    const service = awsServiceOf(integration.uri)
    throw service !== undefined && service !== 'lambda' ? unmodelledServiceIntegration(service) : internalServerError()
  }
  const timeoutMs = integration.timeoutInMillis
  const result = await withinTimeout(
    invocation.lambdas.invoke(name, eventJson, {region: invocation.region, accountId: invocation.accountId, deadline: Date.now() + timeoutMs}),
    timeoutMs,
  )
  switch (result.kind) {
    case 'event-too-large':
      throw lambdaRequestTooLong()
    case 'not-found':
      throw lambdaFunctionNotFound(name)
    // An event Lambda cannot parse is a Lambda service error that API Gateway does not pass on: 500
    // Internal server error (AWS knowledge center "api-gateway-internal-server-error": unmanaged Lambda
    // service exceptions).
    case 'invalid-event':
      throw internalServerError()
    default:
      return result
  }
}
