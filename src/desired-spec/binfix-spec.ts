// A binfix.yaml document (already checked against the schema) → DesiredSpec, with the checks a schema
// cannot express: real media types, known finding kinds and ids, no route written twice.

import type {TransferMode} from '../core/api-config.js'
import {type BinaryMediaTypesMode, type ContentHandlingChoice, type DesiredSpec, type RouteRule, type VerifyAuth, type VerifyProbe, WILDCARD} from '../core/desired-spec.js'
import {FINDING_KINDS, isFindingReference} from '../core/findings.js'
import {mediaTypeEssence, normalizeSpecMediaType} from '../core/media-type.js'
import {quoted} from '../core/quote.js'
import {closestName} from '../core/suggest.js'
import {type PathSegment, SpecFault} from './spec-fault.js'

/** The document as the schema admits it. */
export interface BinfixDocument {
  version: 1
  api?: string
  stack?: string
  logicalId?: string
  region?: string
  stage?: string
  binaryMediaTypes?: string[]
  binaryMediaTypesMode?: BinaryMediaTypesMode
  routes?: Record<string, {request?: ContentHandlingChoice; responses?: Record<string, ContentHandlingChoice>; transferMode?: TransferMode}>
  verify?: Array<Omit<VerifyProbe, 'contentType'> & {contentType?: string | string[]}>
  verifyAuth?: VerifyAuth
  ignore?: string[]
}

const MEDIA_TYPE_HINT = 'is not a media type (type/subtype, such as image/png)'

/** Throws SpecFault. `file` is recorded as the spec's source. */
export function desiredSpecFromBinfix(document: BinfixDocument, file: string): DesiredSpec {
  if (document.api !== undefined && document.stack !== undefined) throw new SpecFault(['stack'], 'name the API one way: api: or stack:, not both', true)
  if (document.logicalId !== undefined && document.stack === undefined) throw new SpecFault(['logicalId'], 'logicalId: goes with stack:', true)
  return {
    source: {kind: 'binfix', file},
    ...(document.api === undefined ? {} : {api: document.api}),
    ...(document.stack === undefined ? {} : {stack: {name: document.stack, ...(document.logicalId === undefined ? {} : {logicalId: document.logicalId})}}),
    ...(document.region === undefined ? {} : {region: document.region}),
    ...(document.stage === undefined ? {} : {stage: document.stage}),
    binaryMediaTypes: normalizedMediaTypes(document.binaryMediaTypes ?? [], (index) => ['binaryMediaTypes', index]),
    binaryMediaTypesMode: document.binaryMediaTypesMode ?? 'add-only',
    routes: routeRules(document.routes ?? {}),
    verify: (document.verify ?? []).map((probe, index) => checkedProbe(probe, index)),
    ...(document.verifyAuth === undefined ? {} : {verifyAuth: structuredClone(document.verifyAuth)}),
    ignore: (document.ignore ?? []).map((entry, index) => checkedIgnoreEntry(entry, index)),
  }
}

/**
 * Normalised (see normalizeSpecMediaType), in the order written, the first of any duplicates kept.
 * `pathOf` places a fault; media types that are not one are faults.
 */
export function normalizedMediaTypes(entries: readonly string[], pathOf: (index: number) => PathSegment[]): string[] {
  const types: string[] = []
  for (const [index, entry] of entries.entries()) {
    const normalized = normalizeSpecMediaType(entry)
    if (normalized === undefined) throw SpecFault.at(pathOf(index), `${quoted(entry)} ${MEDIA_TYPE_HINT}`)
    if (!types.includes(normalized)) types.push(normalized)
  }
  return types
}

/** "put /lambda" → {httpMethod: 'PUT', resourcePath: '/lambda'}; the schema has checked the form. */
export function parseRouteKey(key: string): Pick<RouteRule, 'httpMethod' | 'resourcePath'> {
  const space = key.indexOf(' ')
  const method = key.slice(0, space)
  return {httpMethod: method === WILDCARD ? WILDCARD : method.toUpperCase(), resourcePath: key.slice(space + 1)}
}

function routeRules(routes: NonNullable<BinfixDocument['routes']>): RouteRule[] {
  const seen = new Map<string, string>()
  return Object.entries(routes).map(([key, settings]) => {
    const {httpMethod, resourcePath} = parseRouteKey(key)
    const normalized = `${httpMethod} ${resourcePath}`
    const earlier = seen.get(normalized)
    if (earlier !== undefined) throw SpecFault.atKey(['routes', key], `${quoted(key)} is the same route as ${quoted(earlier)}`)
    seen.set(normalized, key)
    return {
      key,
      httpMethod,
      resourcePath,
      ...(settings.request === undefined ? {} : {request: settings.request}),
      ...(settings.responses === undefined ? {} : {responses: {...settings.responses}}),
      ...(settings.transferMode === undefined ? {} : {transferMode: settings.transferMode}),
    }
  })
}

function checkedProbe(probe: NonNullable<BinfixDocument['verify']>[number], index: number): VerifyProbe {
  for (const [position, accept] of (probe.accept ?? []).entries()) {
    // Sent as written (parameters and all); it only has to be a media type.
    if (mediaTypeEssence(accept) === undefined) throw SpecFault.at(['verify', index, 'accept', position], `${quoted(accept)} ${MEDIA_TYPE_HINT}`)
  }
  const written = probe.contentType
  const contentTypes = written === undefined ? undefined : typeof written === 'string' ? [written] : written
  for (const [position, contentType] of (contentTypes ?? []).entries()) {
    const at: PathSegment[] = typeof written === 'string' ? ['verify', index, 'contentType'] : ['verify', index, 'contentType', position]
    if (mediaTypeEssence(contentType) === undefined) throw SpecFault.at(at, `${quoted(contentType)} ${MEDIA_TYPE_HINT}`)
  }
  return {
    route: probe.route,
    ...(probe.accept === undefined ? {} : {accept: [...probe.accept]}),
    ...(contentTypes === undefined ? {} : {contentType: [...contentTypes]}),
    ...(probe.readBack === undefined ? {} : {readBack: probe.readBack}),
    ...(probe.cleanup === undefined ? {} : {cleanup: probe.cleanup}),
  }
}

function checkedIgnoreEntry(entry: string, index: number): string {
  if (isFindingReference(entry)) return entry
  // The kinds are too many to list within a one-line message; the nearest one is named instead.
  const meant = closestName(entry.split(':')[0]!, FINDING_KINDS)
  throw SpecFault.at(['ignore', index], `${quoted(entry)} is neither a finding kind nor a finding id (<kind>:<10 hex digits>)${meant ? `; did you mean ${meant}?` : ''}`)
}
