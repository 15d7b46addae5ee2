// The two Lambda invocation paths an AWS_PROXY integration URI can name: Invoke's
// `arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations` and
// InvokeWithResponseStream's `…/2021-11-15/functions/FUNCTION_ARN/response-streaming-invocations`, which a
// streamed (responseTransferMode STREAM) Lambda proxy needs (developer guide, response-transfer-mode-lambda.html).

const INVOKE = /^(arn:aws[\w-]*:apigateway:[^:]*:lambda:path\/)2015-03-31\/functions\/(.+)\/invocations$/

export function isInvokeUri(uri: string | undefined): boolean {
  return uri !== undefined && INVOKE.test(uri)
}

/** Invoke's URI rewritten to InvokeWithResponseStream's for the same function; undefined for any other URI. */
export function streamingInvocationUri(uri: string | undefined): string | undefined {
  const match = uri === undefined ? null : INVOKE.exec(uri)
  return match ? `${match[1]}2021-11-15/functions/${match[2]}/response-streaming-invocations` : undefined
}
