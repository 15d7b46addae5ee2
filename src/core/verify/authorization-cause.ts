// A probe the stage refused for want of credentials: an authorizer, an API key or IAM said no before any
// binary setting was reached, so no binary setting is blamed. Told apart by API Gateway's own answers
// (gateway responses UNAUTHORIZED 401, ACCESS_DENIED 403, INVALID_API_KEY 403 "Forbidden",
// MISSING_AUTHENTICATION_TOKEN and INVALID_SIGNATURE 403; developer guide, "Gateway response types").

import type {Cause} from './cause.js'
import type {Verdict} from './judge.js'

const SIGNATURE_ERRORS = new Set(['MissingAuthenticationTokenException', 'IncompleteSignatureException', 'InvalidSignatureException', 'UnrecognizedClientException'])

export function authorizationCause(verdict: Verdict): Cause | undefined {
  if (verdict.observed !== 'error-status') return undefined
  const said = `${verdict.status} ${verdict.gatewayMessage ?? ''}`.trim()
  if (verdict.status === 401) {
    return {
      setting: 'authorization',
      sentence: `the stage's authorizer refused the request (${said}): no token it accepts was sent`,
      fix: 'send the token the authorizer reads with --header "Authorization: …" (or verifyAuth.headers in the spec)',
    }
  }
  if (verdict.status !== 403) return undefined
  if (verdict.errorType === 'AccessDeniedException') {
    return {setting: 'authorization', sentence: `the stage's authorizer denied the request (${said})`, fix: 'send a token whose policy allows this method'}
  }
  if (verdict.errorType !== undefined && SIGNATURE_ERRORS.has(verdict.errorType)) {
    return {
      setting: 'authorization',
      sentence: `the route wants an IAM (SigV4) signature and the request had none it accepts (${said})`,
      fix: 'pass --sign (or verifyAuth.sign: true) with credentials allowed execute-api:Invoke on it',
    }
  }
  if (verdict.gatewayMessage === 'Forbidden') {
    return {
      setting: 'authorization',
      sentence: `the method requires an API key and no valid one was sent (${said})`,
      fix: 'pass --api-key, or name the environment variable holding it in verifyAuth.apiKeyEnv',
    }
  }
  return undefined
}
