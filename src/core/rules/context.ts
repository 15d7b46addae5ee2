// What every rule reads: the working copy, what the stage serves, the spec, and the configuration the
// spec intends (the working copy with the spec's settings applied), computed once.

import type {ApiConfig, RouteConfig} from '../api-config.js'
import {type DesiredSpec, handlingOf, ruleFor} from '../desired-spec.js'
import {malformedReason, normalizeSpecMediaType} from '../media-type.js'

export interface AuditInput {
  restApiId: string
  /** The working copy (GetRestApi + GetResources). */
  live: ApiConfig
  /** What the stage serves (its deployment's export), when a stage is audited. */
  deployed?: ApiConfig
  stageName?: string
  spec?: DesiredSpec
}

export interface RuleContext extends AuditInput {
  /** The working copy as the spec wants it (binary media types and content handling). */
  intended: ApiConfig
}

export function ruleContext(input: AuditInput): RuleContext {
  return {...input, intended: intendedConfig(input.live, input.spec)}
}

export function intendedConfig(live: ApiConfig, spec: DesiredSpec | undefined): ApiConfig {
  return {binaryMediaTypes: intendedBinaryMediaTypes(live.binaryMediaTypes, spec), routes: live.routes.map((route) => intendedRoute(route, spec))}
}

/**
 * add-only keeps every well-formed live entry and appends what the spec lacks; exact is the spec's list.
 * Malformed entries are replaced by their repaired form (kept only if the spec wants it, in exact mode).
 */
export function intendedBinaryMediaTypes(live: readonly string[], spec: DesiredSpec | undefined): string[] {
  const result: string[] = []
  const push = (entry: string) => {
    if (!result.some((kept) => normalizeSpecMediaType(kept) === normalizeSpecMediaType(entry))) result.push(entry)
  }
  const wanted = new Set(spec?.binaryMediaTypes ?? [])
  for (const entry of live) {
    const reason = malformedReason(entry)
    const repaired = normalizeSpecMediaType(entry)
    if (spec?.binaryMediaTypesMode === 'exact' && (repaired === undefined || !wanted.has(repaired))) continue
    if (reason === undefined) push(entry)
    else if (repaired !== undefined && reason !== 'type-wildcard') push(repaired)
  }
  for (const entry of spec?.binaryMediaTypes ?? []) push(entry)
  return result
}

function intendedRoute(route: RouteConfig, spec: DesiredSpec | undefined): RouteConfig {
  const rule = spec && ruleFor(spec.routes, route)
  const integration = route.integration
  if (!rule || !integration) return route
  const contentHandling = rule.request === undefined ? integration.contentHandling : handlingOf(rule.request)
  const responses = integration.responses.map((response) => {
    const choice = rule.responses?.[response.statusCode] ?? rule.responses?.['*']
    if (choice === undefined) return response
    const {contentHandling: _previous, ...rest} = response
    const handling = handlingOf(choice)
    return handling ? {...rest, contentHandling: handling} : rest
  })
  const {contentHandling: _previous, ...rest} = integration
  return {...route, integration: {...rest, ...(contentHandling ? {contentHandling} : {}), responses}}
}

/** A concrete media type that an entry matches, for example requests in messages. */
export function exampleOf(entry: string, direction: 'upload' | 'download'): string {
  const essence = normalizeSpecMediaType(entry) ?? entry
  if (essence === '*/*') return direction === 'upload' ? 'application/octet-stream' : 'image/avif'
  const [type, subtype] = essence.split('/') as [string, string]
  if (subtype !== '*') return essence
  return WILDCARD_EXAMPLES[type] ?? `${type}/example`
}

const WILDCARD_EXAMPLES: Record<string, string> = {
  image: 'image/png',
  application: 'application/octet-stream',
  audio: 'audio/mpeg',
  video: 'video/mp4',
  multipart: 'multipart/form-data',
  text: 'text/plain',
  font: 'font/woff2',
}

/** The first concrete binary type the intended configuration names, for example requests. */
export function representativeType(binaryMediaTypes: readonly string[], direction: 'upload' | 'download'): string {
  const first = binaryMediaTypes.find((entry) => malformedReason(entry) === undefined)
  return first === undefined ? 'application/octet-stream' : exampleOf(first, direction)
}
