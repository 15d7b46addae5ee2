// COGNITO_USER_POOLS authorization, simplified: the sandbox has no user pools, so it checks that the
// identity source header carries a JWT whose payload decodes to a JSON object and passes its claims on
// ($context.authorizer.claims, requestContext.authorizer.claims). Neither the signature, nor the issuer,
// nor the expiry, nor the method's authorization scopes are checked. A missing or unreadable token is
// AWS's 401 Unauthorized (developer guide "Integrate a REST API with an Amazon Cognito user pool").

import type {Authorizer} from '../../model.js'
import {lastValue} from '../headers.js'
import type {Invocation} from '../invocation.js'
import {unauthorized} from './answers.js'
import {tokenHeader} from './identity-sources.js'

export function cognitoClaims(authorizer: Authorizer, invocation: Invocation): Record<string, unknown> {
  const token = lastValue(invocation.request.headers, tokenHeader(authorizer.identitySource))
  if (token === undefined || token === '') throw unauthorized()
  const claims = jwtPayload(token)
  if (claims === undefined) throw unauthorized()
  return claims
}

function jwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.')
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+={0,2}$/.test(parts[1]!)) return undefined
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'))
    return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
