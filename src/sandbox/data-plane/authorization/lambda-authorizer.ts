// CUSTOM authorization by a Lambda authorizer (TOKEN or REQUEST), run through the sandbox's local
// functions: the function is the one `authorizerUri` names, as for a Lambda integration. Developer guide
// "Use API Gateway Lambda authorizers": the input events, the output (principalId, policyDocument, context,
// usageIdentifierKey) and the result cache keyed on the identity sources for authorizerResultTtlInSeconds.

import {JavaRegexError, javaMatches} from '../../../core/java-regex.js'
import type {Authorizer} from '../../model.js'
import {GatewayResponse} from '../gateway-responses.js'
import type {Invocation} from '../invocation.js'
import {functionName} from '../integrations/lambda-invoke.js'
import {withinTimeout} from '../integrations/deadline.js'
import {proxyEvent} from '../integrations/proxy-event.js'
import {authorizerConfigurationError, authorizerFunctionNotFound, explicitDeny, implicitDeny, unauthorized} from './answers.js'
import {identityValues, tokenHeader} from './identity-sources.js'
import {evaluatePolicy, policyStatements} from './policy.js'

/** What a Lambda authorizer answered, once checked. */
export interface AuthorizerOutput {
  principalId?: string
  statements: NonNullable<ReturnType<typeof policyStatements>>
  /** Values as `$context.authorizer.KEY` gives them: strings (developer guide, output: numbers and booleans are stringified). */
  context: Record<string, string>
  usageIdentifierKey?: string
}

/** What authorization leaves for the rest of the request. */
export interface LambdaAuthorization {
  /** `$context.authorizer`: principalId, integrationLatency and the context's keys. */
  authorizer: Record<string, unknown>
  usageIdentifierKey?: string
}

/**
 * The result cache: by authorizer, deployment and identity-source values, for authorizerResultTtlInSeconds
 * (300 when unset, as the API reference defaults it; 0 disables it). The policy is cached, not the decision:
 * a cached policy is evaluated again against each request's method ARN, which is why a policy naming one
 * method fails its siblings within the TTL (AWS knowledge center "api-gateway-lambda-authorization-errors").
 */
export class AuthorizerCache {
  private readonly entries = new Map<string, {output: AuthorizerOutput; expiresAt: number}>()

  constructor(private readonly clock: () => number) {}

  get(key: string): AuthorizerOutput | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= this.clock()) {
      this.entries.delete(key)
      return undefined
    }
    return entry.output
  }

  set(key: string, output: AuthorizerOutput, ttlSeconds: number): void {
    if (ttlSeconds <= 0) return
    this.entries.set(key, {output, expiresAt: this.clock() + ttlSeconds * 1000})
  }
}

/** The Lambda authorizer's timeout: the sandbox gives it the integration's default bound. */
const AUTHORIZER_TIMEOUT_MS = 29_000

export async function runLambdaAuthorizer(authorizer: Authorizer, invocation: Invocation, cache: AuthorizerCache): Promise<LambdaAuthorization> {
  const methodArn = methodArnOf(invocation)
  let identity: string[]
  let event: Record<string, unknown>
  if (authorizer.type === 'TOKEN') {
    const token = identityValues(`method.request.header.${tokenHeader(authorizer.identitySource)}`, invocation)?.[0]
    if (token === undefined) throw unauthorized()
    // A token the validation expression does not match fully is refused without invoking the function.
    if (authorizer.identityValidationExpression && !fullMatch(authorizer.identityValidationExpression, token)) throw unauthorized()
    identity = [token]
    event = {type: 'TOKEN', authorizationToken: token, methodArn}
  } else {
    const values = identityValues(authorizer.identitySource, invocation)
    if (values === undefined) throw unauthorized()
    identity = values
    const {body: _body, isBase64Encoded: _encoded, ...request} = proxyEvent(invocation, '', false)
    event = {type: 'REQUEST', methodArn, ...request}
  }
  const ttl = authorizer.authorizerResultTtlInSeconds ?? 300
  // Without identity sources a REQUEST authorizer's results cannot be keyed, so they are not cached.
  const cacheKey = identity.length > 0 ? JSON.stringify([authorizer.id, invocation.context.deploymentId, identity]) : undefined
  let output = cacheKey === undefined ? undefined : cache.get(cacheKey)
  // $context.authorizer.integrationLatency: the milliseconds the authorizer took, 0 for a cached result
  // (developer guide, "Variables for data transformations": $context.authorizer.integrationLatency).
  let latency = 0
  if (output === undefined) {
    const startedAt = Date.now()
    output = await invokeAuthorizer(authorizer, invocation, event)
    latency = Date.now() - startedAt
    if (cacheKey !== undefined) cache.set(cacheKey, output, ttl)
  }
  const decision = evaluatePolicy(output.statements, methodArn)
  if (decision === 'explicit-deny') throw explicitDeny()
  if (decision === 'implicit-deny') throw implicitDeny()
  const authorization: LambdaAuthorization = {authorizer: {...output.context, principalId: output.principalId ?? null, integrationLatency: latency}}
  if (output.usageIdentifierKey !== undefined) authorization.usageIdentifierKey = output.usageIdentifierKey
  return authorization
}

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path without its leading slash}`. */
export function methodArnOf(invocation: Invocation): string {
  const {region, accountId, context, request} = invocation
  return `arn:aws:execute-api:${region}:${accountId}:${context.apiId}/${context.stage}/${request.httpMethod}/${request.path.replace(/^\/+/, '')}`
}

/** A Java regular expression (API Gateway's), on RE2 in linear time as the data plane's other patterns. */
function fullMatch(expression: string, value: string): boolean {
  try {
    return javaMatches(expression, value)
  } catch (error) {
    // An expression RE2 cannot run (lookaround, backreferences) validates nothing here; the sandbox says so
    // nowhere else, so it lets the token on to the function rather than refuse every caller.
    if (error instanceof JavaRegexError) return true
    throw error
  }
}

async function invokeAuthorizer(authorizer: Authorizer, invocation: Invocation, event: Record<string, unknown>): Promise<AuthorizerOutput> {
  const name = functionName(authorizer.authorizerUri ?? '', invocation.stageVariables)
  if (name === undefined) throw authorizerConfigurationError()
  let result
  try {
    result = await withinTimeout(
      invocation.lambdas.invoke(name, JSON.stringify(event), {region: invocation.region, accountId: invocation.accountId, deadline: Date.now() + AUTHORIZER_TIMEOUT_MS}),
      AUTHORIZER_TIMEOUT_MS,
    )
  } catch (error) {
    if (error instanceof GatewayResponse) throw authorizerConfigurationError()
    throw error
  }
  if (result.kind === 'not-found') throw authorizerFunctionNotFound(name)
  // A function that fails with the message "Unauthorized" refuses the caller; any other failure is the authorizer's.
  if (result.kind === 'function-error') throw result.errorMessage === 'Unauthorized' ? unauthorized() : authorizerConfigurationError()
  if (result.kind !== 'result') throw authorizerConfigurationError()
  const output = authorizerOutput(result.value)
  if (output === undefined) throw authorizerConfigurationError()
  return output
}

/**
 * The output as API Gateway accepts it: a policyDocument with statements; principalId a string when
 * present; context a map of strings, numbers and booleans only ("You can't set a JSON object or array as a
 * valid value of any key in the context map"); usageIdentifierKey a string when present.
 */
export function authorizerOutput(value: unknown): AuthorizerOutput | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  const {principalId, policyDocument, context, usageIdentifierKey} = value as Record<string, unknown>
  const statements = policyStatements(policyDocument)
  if (statements === undefined) return undefined
  if (principalId !== undefined && principalId !== null && typeof principalId !== 'string') return undefined
  if (usageIdentifierKey !== undefined && usageIdentifierKey !== null && typeof usageIdentifierKey !== 'string') return undefined
  const contextValues: Record<string, string> = {}
  if (context !== undefined && context !== null) {
    if (typeof context !== 'object' || Array.isArray(context)) return undefined
    for (const [key, entry] of Object.entries(context)) {
      if (entry === null) continue
      if (typeof entry !== 'string' && typeof entry !== 'number' && typeof entry !== 'boolean') return undefined
      contextValues[key] = String(entry)
    }
  }
  const output: AuthorizerOutput = {statements, context: contextValues}
  if (typeof principalId === 'string') output.principalId = principalId
  if (typeof usageIdentifierKey === 'string') output.usageIdentifierKey = usageIdentifierKey
  return output
}
