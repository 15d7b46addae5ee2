// Applying an audit's fixes (in the model, as API Gateway applies the same patches) leaves nothing to fix:
// the property apply relies on to converge in one pass.
import fc from 'fast-check'

import type {ApiConfig, IntegrationKind, RouteConfig} from '../../src/core/api-config.js'
import {applyFixCalls} from '../../src/core/apply-fix-calls.js'
import type {ContentHandling} from '../../src/core/conversion.js'
import type {ContentHandlingChoice, DesiredSpec, RouteRule} from '../../src/core/desired-spec.js'
import {fixesToApply} from '../../src/core/merge-fixes.js'
import {judge} from '../../src/core/rules/index.js'

const MEDIA_TYPES = ['image/png', 'image/jpeg', 'application/octet-stream', '*/*', 'image/*', 'multipart/form-data']
const LIVE_ONLY_ENTRIES = ['image~1gif', '-', '*/png']
const PATHS = ['/', '/a', '/b/{id}', '/c']
const METHODS = ['GET', 'PUT', 'POST', 'OPTIONS']
const handling = fc.constantFrom<ContentHandling | undefined>(undefined, 'CONVERT_TO_BINARY', 'CONVERT_TO_TEXT')
const choice = fc.constantFrom<ContentHandlingChoice>('PASSTHROUGH', 'CONVERT_TO_BINARY', 'CONVERT_TO_TEXT')

const route = fc.record({
  path: fc.constantFrom(...PATHS),
  method: fc.constantFrom(...METHODS),
  type: fc.constantFrom<IntegrationKind>('AWS', 'MOCK', 'AWS_PROXY', 'HTTP'),
  contentHandling: handling,
  responses: fc.uniqueArray(fc.record({statusCode: fc.constantFrom('200', '400', '500'), contentHandling: handling}), {selector: (response) => response.statusCode, maxLength: 3}),
})

const liveConfig = fc.record({
  binaryMediaTypes: fc.uniqueArray(fc.constantFrom(...MEDIA_TYPES, ...LIVE_ONLY_ENTRIES), {maxLength: 5}),
  routes: fc.uniqueArray(route, {selector: (entry) => `${entry.method} ${entry.path}`, maxLength: 8}),
})

const rule = fc.record({
  path: fc.constantFrom(...PATHS, '*'),
  method: fc.constantFrom(...METHODS, '*'),
  request: fc.option(choice, {nil: undefined}),
  responses: fc.option(fc.dictionary(fc.constantFrom('200', '500', '*'), choice, {maxKeys: 2}), {nil: undefined}),
})

const spec = fc.record({
  binaryMediaTypes: fc.uniqueArray(fc.constantFrom('image/png', 'image/jpeg', 'application/octet-stream', '*/*', 'image/*'), {maxLength: 3}),
  mode: fc.constantFrom<'add-only' | 'exact'>('add-only', 'exact'),
  rules: fc.uniqueArray(rule, {selector: (entry) => `${entry.method} ${entry.path}`, maxLength: 4}),
})

interface GeneratedLive {
  binaryMediaTypes: string[]
  routes: Array<{path: string; method: string; type: IntegrationKind; contentHandling?: ContentHandling; responses: Array<{statusCode: string; contentHandling?: ContentHandling}>}>
}

function toConfig(live: GeneratedLive): ApiConfig {
  const routes: RouteConfig[] = live.routes.map((entry, index) => ({
    resourceId: `r${PATHS.indexOf(entry.path)}`,
    resourcePath: entry.path,
    httpMethod: entry.method,
    integration: {
      type: entry.type,
      ...(entry.type === 'AWS' ? {uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations'} : {}),
      ...(entry.contentHandling ? {contentHandling: entry.contentHandling} : {}),
      requestTemplateTypes: index % 2 === 0 ? ['application/json'] : [],
      responses: entry.responses.map((response) => ({statusCode: response.statusCode, ...(response.contentHandling ? {contentHandling: response.contentHandling} : {}), responseTemplateTypes: []})),
    },
  }))
  return {binaryMediaTypes: live.binaryMediaTypes, routes}
}

function toSpec(generated: {binaryMediaTypes: string[]; mode: 'add-only' | 'exact'; rules: Array<{path: string; method: string; request?: ContentHandlingChoice; responses?: Record<string, ContentHandlingChoice>}>}): DesiredSpec {
  const routes: RouteRule[] = generated.rules.map((entry) => ({
    key: `${entry.method} ${entry.path}`,
    httpMethod: entry.method,
    resourcePath: entry.path,
    ...(entry.request ? {request: entry.request} : {}),
    ...(entry.responses ? {responses: entry.responses} : {}),
  }))
  return {source: {kind: 'binfix', file: 'binfix.yaml'}, binaryMediaTypes: generated.binaryMediaTypes, binaryMediaTypesMode: generated.mode, routes, verify: [], ignore: []}
}

describe('fixes converge', () => {
  it('after applying the fixes, only findings that no API Gateway write can fix remain', () => {
    fc.assert(
      fc.property(liveConfig, fc.option(spec, {nil: undefined}), (generatedLive, generatedSpec) => {
        const live = toConfig(generatedLive as GeneratedLive)
        const desired = generatedSpec && toSpec(generatedSpec)
        const before = judge({restApiId: 'api', live, ...(desired ? {spec: desired} : {})})
        const fixed = applyFixCalls(live, fixesToApply(before.findings))
        const after = judge({restApiId: 'api', live: fixed, ...(desired ? {spec: desired} : {})})
        // unknown-route and a preflight the spec itself breaks carry no fix: only the spec can change.
        const fixable = after.findings.filter((finding) => finding.severity !== 'info' && finding.fix.length > 0)
        const unfixable = new Set(after.findings.filter((finding) => finding.severity !== 'info' && finding.fix.length === 0).map((finding) => finding.kind))
        for (const kind of unfixable) expect(['unknown-route', 'preflight-hazard']).toContain(kind)
        expect(fixable).toEqual([])
        // And applying the fixes of a converged API changes nothing.
        expect(applyFixCalls(fixed, fixesToApply(after.findings))).toEqual(fixed)
      }),
      {numRuns: 400},
    )
  })
})
