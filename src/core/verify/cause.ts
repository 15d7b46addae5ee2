// What a failed probe is blamed on. Its own module so the cause finders (causes.ts and the finders it
// calls, summary.ts) share the type without importing one another in a circle.

export type CauseSetting =
  | 'binaryMediaTypes'
  | 'integration.contentHandling'
  | 'integrationResponse.contentHandling'
  /** Which integration response answers: a Lambda success is matched as an empty errorMessage. */
  | 'integrationResponse.selectionPattern'
  /** No request template for the request's Content-Type: a Lambda function gets no JSON event. */
  | 'integration.requestTemplates'
  /** The Lambda function's answer, not a setting of API Gateway. */
  | 'function-output'
  /** The payload is bigger than the route can carry. */
  | 'size-limit'
  /** The working copy has the fix; the stage serves an older deployment. */
  | 'undeployed'
  /** The sandbox's own set-up (a Lambda function it has no handler for, a service it does not model), not the API. */
  | 'sandbox'
  /** An authorizer, an API key or IAM refused the request before any binary setting was reached. */
  | 'authorization'
  /** A streamed Lambda proxy's URI: Invoke's instead of InvokeWithResponseStream's (streaming-causes.ts). */
  | 'integration.uri'
  | 'other'

export interface Cause {
  setting: CauseSetting
  /** One short sentence for the report, printed under the failed step. */
  sentence: string
  /** What to change, when something can. */
  fix?: string
}
