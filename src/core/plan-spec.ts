// What a saved plan records of the desired spec. The plan file is a published format
// (schemas/plan.schema.json#/definitions/spec), so it has its own shape here, copied field by field from the
// loader's DesiredSpec and back: renaming a field of DesiredSpec breaks these two functions at compile time,
// never the plans users keep. Its fields are those DesiredSpec had when the format was published (plan
// format version 1), so plans written before this shape existed read as they are.

import type {ContentHandlingChoice, DesiredSpec, RouteRule, VerifyAuth, VerifyProbe} from './desired-spec.js'
import {optionalField} from './optional-field.js'

export interface PlanSpecRoute {
  key: string
  httpMethod: string
  resourcePath: string
  request?: ContentHandlingChoice
  responses?: Record<string, ContentHandlingChoice>
  transferMode?: 'BUFFERED' | 'STREAM'
}

export interface PlanSpecProbe {
  route: string
  accept?: string[]
  contentType?: string[]
  readBack?: string
  cleanup?: string
}

export interface PlanSpec {
  source: {kind: 'binfix' | 'openapi' | 'flags'; file?: string}
  api?: string
  stack?: {name: string; logicalId?: string}
  region?: string
  stage?: string
  binaryMediaTypes: string[]
  binaryMediaTypesMode: 'add-only' | 'exact'
  routes: PlanSpecRoute[]
  verify: PlanSpecProbe[]
  /** Environment variable names only, never the secrets. */
  verifyAuth?: {apiKeyEnv?: string; headers?: Record<string, string>; sign?: boolean}
  ignore: string[]
}

/** The spec as the plan file records it (same field order as before the shape existed, so files stay alike). */
export function planSpecOf(spec: DesiredSpec): PlanSpec {
  return {
    source: {kind: spec.source.kind, ...optionalField('file', spec.source.file)},
    ...optionalField('api', spec.api),
    ...optionalField('stack', spec.stack && {name: spec.stack.name, ...optionalField('logicalId', spec.stack.logicalId)}),
    ...optionalField('region', spec.region),
    ...optionalField('stage', spec.stage),
    binaryMediaTypes: [...spec.binaryMediaTypes],
    binaryMediaTypesMode: spec.binaryMediaTypesMode,
    routes: spec.routes.map(recordedRoute),
    verify: spec.verify.map(recordedProbe),
    ...optionalField('verifyAuth', spec.verifyAuth && recordedAuth(spec.verifyAuth)),
    ignore: [...spec.ignore],
  }
}

/**
 * The loader's form of a recorded spec, for apply's re-audit. Fields the format does not know (a later
 * version's additions, or anything written by hand) are not carried over.
 */
export function desiredSpecOf(recorded: PlanSpec): DesiredSpec {
  return {
    source: {kind: recorded.source.kind, ...optionalField('file', recorded.source.file)},
    ...optionalField('api', recorded.api),
    ...optionalField('stack', recorded.stack && {name: recorded.stack.name, ...optionalField('logicalId', recorded.stack.logicalId)}),
    ...optionalField('region', recorded.region),
    ...optionalField('stage', recorded.stage),
    binaryMediaTypes: [...recorded.binaryMediaTypes],
    binaryMediaTypesMode: recorded.binaryMediaTypesMode,
    routes: recorded.routes.map(recordedRoute),
    verify: recorded.verify.map(recordedProbe),
    ...optionalField('verifyAuth', recorded.verifyAuth && recordedAuth(recorded.verifyAuth)),
    ignore: [...recorded.ignore],
  }
}

// RouteRule and PlanSpecRoute have the same fields today; each direction names them, so neither follows the other silently.
function recordedRoute(rule: RouteRule | PlanSpecRoute): RouteRule & PlanSpecRoute {
  return {
    key: rule.key,
    httpMethod: rule.httpMethod,
    resourcePath: rule.resourcePath,
    ...optionalField('request', rule.request),
    ...optionalField('responses', rule.responses && {...rule.responses}),
    ...optionalField('transferMode', rule.transferMode),
  }
}

function recordedProbe(probe: VerifyProbe | PlanSpecProbe): VerifyProbe & PlanSpecProbe {
  return {
    route: probe.route,
    ...optionalField('accept', probe.accept && [...probe.accept]),
    ...optionalField('contentType', probe.contentType && [...probe.contentType]),
    ...optionalField('readBack', probe.readBack),
    ...optionalField('cleanup', probe.cleanup),
  }
}

function recordedAuth(auth: VerifyAuth | NonNullable<PlanSpec['verifyAuth']>): VerifyAuth & NonNullable<PlanSpec['verifyAuth']> {
  return {
    ...optionalField('apiKeyEnv', auth.apiKeyEnv),
    ...optionalField('headers', auth.headers && {...auth.headers}),
    ...optionalField('sign', auth.sign),
  }
}
