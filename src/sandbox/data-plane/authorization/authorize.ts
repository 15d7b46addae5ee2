// Authorization, between routing and the integration, in API Gateway's order (LocalStack next_gen
// gateway.py: the authorizer, then the API key check, then the method request): the method's
// authorization type decides who the caller is, then a method with apiKeyRequired needs a valid key.
// What it learns goes into $context (authorizer, identity), which templates and proxy events read.

import type {Invocation} from '../invocation.js'
import {authorizerConfigurationError} from './answers.js'
import {requireApiKey} from './api-key-check.js'
import {cognitoClaims} from './cognito.js'
import {signedAccessKey} from './iam.js'
import {AuthorizerCache, runLambdaAuthorizer} from './lambda-authorizer.js'

export class RequestAuthorization {
  private readonly cache: AuthorizerCache

  /** The sandbox's clock, so a test's clock moves the cache's TTL too. */
  constructor(clock: () => number) {
    this.cache = new AuthorizerCache(clock)
  }

  /** Throws the GatewayResponse that refuses the request; fills in $context when it is let through. */
  async check(invocation: Invocation): Promise<void> {
    const {method, context} = invocation
    let usageIdentifierKey: string | undefined
    switch (method.authorizationType) {
      case 'CUSTOM': {
        const result = await runLambdaAuthorizer(this.authorizerOf(invocation), invocation, this.cache)
        context.authorizer = result.authorizer
        usageIdentifierKey = result.usageIdentifierKey
        break
      }
      case 'COGNITO_USER_POOLS':
        context.authorizer = {claims: cognitoClaims(this.authorizerOf(invocation), invocation)}
        break
      case 'AWS_IAM':
        context.identity.accessKey = signedAccessKey(invocation)
        break
      default:
        break
    }
    if (method.apiKeyRequired) {
      const key = requireApiKey(invocation.apiKeys, invocation, usageIdentifierKey)
      context.identity.apiKey = key.value
      context.identity.apiKeyId = key.id
    }
  }

  /** The deployed authorizer the method names; a deployment made before authorizers were deployed has none. */
  private authorizerOf(invocation: Invocation) {
    const found = invocation.snapshot.authorizers?.find((authorizer) => authorizer.id === invocation.method.authorizerId)
    if (found === undefined) throw authorizerConfigurationError()
    return found
  }
}
