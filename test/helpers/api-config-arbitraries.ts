// fast-check arbitraries for working copies (ApiConfig) and desired specs, shared by property tests.
import fc from 'fast-check'

import type {ApiConfig, IntegrationKind, RouteConfig} from '../../src/core/api-config.js'
import type {ContentHandling} from '../../src/core/conversion.js'
import type {ContentHandlingChoice, DesiredSpec, RouteRule} from '../../src/core/desired-spec.js'

export const MEDIA_TYPES = ['image/png', 'image/jpeg', 'application/octet-stream', '*/*', 'image/*', 'multipart/form-data']
/** Entries only a working copy holds: an escaped slash, a non-type, a type wildcard. */
export const LIVE_ONLY_ENTRIES = ['image~1gif', '-', '*/png']
export const PATHS = ['/', '/a', '/b/{id}', '/c']
export const METHODS = ['GET', 'PUT', 'POST', 'OPTIONS']
export const STATUS_CODES = ['200', '400', '500']

export const handlingArbitrary = fc.constantFrom<ContentHandling | undefined>(undefined, 'CONVERT_TO_BINARY', 'CONVERT_TO_TEXT')
const choice = fc.constantFrom<ContentHandlingChoice>('PASSTHROUGH', 'CONVERT_TO_BINARY', 'CONVERT_TO_TEXT')

const route = fc.record({
  path: fc.constantFrom(...PATHS),
  method: fc.constantFrom(...METHODS),
  type: fc.constantFrom<IntegrationKind>('AWS', 'MOCK', 'AWS_PROXY', 'HTTP'),
  contentHandling: handlingArbitrary,
  responses: fc.uniqueArray(fc.record({statusCode: fc.constantFrom(...STATUS_CODES), contentHandling: handlingArbitrary}), {
    selector: (response) => response.statusCode,
    maxLength: 3,
  }),
})

const generatedLive = fc.record({
  binaryMediaTypes: fc.uniqueArray(fc.constantFrom(...MEDIA_TYPES, ...LIVE_ONLY_ENTRIES), {maxLength: 5}),
  routes: fc.uniqueArray(route, {selector: (entry) => `${entry.method} ${entry.path}`, maxLength: 8}),
})

const rule = fc.record({
  path: fc.constantFrom(...PATHS, '*'),
  method: fc.constantFrom(...METHODS, '*'),
  request: fc.option(choice, {nil: undefined}),
  responses: fc.option(fc.dictionary(fc.constantFrom('200', '500', '*'), choice, {maxKeys: 2}), {nil: undefined}),
})

const generatedSpec = fc.record({
  binaryMediaTypes: fc.uniqueArray(fc.constantFrom('image/png', 'image/jpeg', 'application/octet-stream', '*/*', 'image/*'), {maxLength: 3}),
  mode: fc.constantFrom<'add-only' | 'exact'>('add-only', 'exact'),
  rules: fc.uniqueArray(rule, {selector: (entry) => `${entry.method} ${entry.path}`, maxLength: 4}),
})

interface GeneratedLive {
  binaryMediaTypes: string[]
  routes: Array<{path: string; method: string; type: IntegrationKind; contentHandling?: ContentHandling; responses: Array<{statusCode: string; contentHandling?: ContentHandling}>}>
}

interface GeneratedSpec {
  binaryMediaTypes: string[]
  mode: 'add-only' | 'exact'
  rules: Array<{path: string; method: string; request?: ContentHandlingChoice; responses?: Record<string, ContentHandlingChoice>}>
}

/** The resource id of a path: every method of a path shares its resource, as on API Gateway. */
export function resourceIdOf(path: string): string {
  return `r${PATHS.indexOf(path)}`
}

function toConfig(live: GeneratedLive): ApiConfig {
  const routes: RouteConfig[] = live.routes.map((entry, index) => ({
    resourceId: resourceIdOf(entry.path),
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

function toSpec(generated: GeneratedSpec): DesiredSpec {
  const routes: RouteRule[] = generated.rules.map((entry) => ({
    key: `${entry.method} ${entry.path}`,
    httpMethod: entry.method,
    resourcePath: entry.path,
    ...(entry.request ? {request: entry.request} : {}),
    ...(entry.responses ? {responses: entry.responses} : {}),
  }))
  return {source: {kind: 'binfix', file: 'binfix.yaml'}, binaryMediaTypes: generated.binaryMediaTypes, binaryMediaTypesMode: generated.mode, routes, verify: [], ignore: []}
}

/** A working copy: routes with resource ids and integrations, binary media types well-formed or not. */
export const liveConfigArbitrary: fc.Arbitrary<ApiConfig> = generatedLive.map((generated) => toConfig(generated as GeneratedLive))

export const desiredSpecArbitrary: fc.Arbitrary<DesiredSpec> = generatedSpec.map((generated) => toSpec(generated as GeneratedSpec))
