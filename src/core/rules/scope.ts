// What an audit could judge, so that "in sync" is never claimed for what was not looked at: without a
// spec only the rules that need none run, and they say nothing about which types must be binary.

import {type ApiConfig, isLambdaProxy} from '../api-config.js'

export interface AuditScope {
  routes: number
  /** The working copy's list, as stored. */
  binaryMediaTypes: string[]
  /** MOCK OPTIONS methods, checked for CORS preflight hazards. */
  preflights: number
  /** Lambda-proxy methods, which get advice on isBase64Encoded and Accept. */
  lambdaProxyRoutes: number
  /** A stage's deployment was compared with the working copy. */
  stageCompared: boolean
  /** Judged against a desired spec (media types and contentHandling), not only the rules that need none. */
  specJudged: boolean
}

export function auditScope(live: ApiConfig, options: {stageCompared: boolean; specJudged: boolean}): AuditScope {
  return {
    routes: live.routes.length,
    binaryMediaTypes: [...live.binaryMediaTypes],
    preflights: live.routes.filter((route) => route.httpMethod === 'OPTIONS' && route.integration?.type === 'MOCK').length,
    lambdaProxyRoutes: live.routes.filter(isLambdaProxy).length,
    ...options,
  }
}
