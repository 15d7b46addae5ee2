// What `init` proposes from a live API and how it writes it: pure, so the proposal and the file are tested
// without AWS. The file must load back (load-spec.ts) to the very spec it was rendered from.

import {Document} from 'yaml'

import {type ApiConfig, type RouteConfig, routeKey} from '../core/api-config.js'
import type {DesiredSpec, RouteRule, VerifyProbe} from '../core/desired-spec.js'
import {type MalformedReason, malformedReason, normalizeSpecMediaType} from '../core/media-type.js'

export interface LiveApi {
  id: string
  name: string
  config: ApiConfig
}

export interface LeftOutMediaType {
  entry: string
  reason: MalformedReason
}

export interface SpecProposal {
  spec: DesiredSpec
  /** Live binaryMediaTypes entries that cannot work as written, so the spec does not repeat them. */
  leftOut: LeftOutMediaType[]
  /** Suggested, commented out, in the written file. */
  verifyExample?: VerifyProbe
}

/** The live state as a spec: every usable binary media type, and every route that sets a contentHandling. */
export function proposeSpec(live: LiveApi, options: {file: string; region?: string}): SpecProposal {
  const binaryMediaTypes: string[] = []
  const leftOut: LeftOutMediaType[] = []
  for (const entry of live.config.binaryMediaTypes) {
    const reason = malformedReason(entry)
    const normalized = normalizeSpecMediaType(entry)
    if (reason !== undefined || normalized === undefined) leftOut.push({entry, reason: reason ?? 'not-a-media-type'})
    else if (!binaryMediaTypes.includes(normalized)) binaryMediaTypes.push(normalized)
  }
  const routes = live.config.routes.flatMap((route) => routeRuleOf(route) ?? [])
  const verifyExample = exampleProbe(live.config.routes, binaryMediaTypes)
  return {
    spec: {
      source: {kind: 'binfix', file: options.file},
      api: live.id,
      ...(options.region === undefined ? {} : {region: options.region}),
      binaryMediaTypes,
      binaryMediaTypesMode: 'add-only',
      routes,
      verify: [],
      ignore: [],
    },
    leftOut,
    ...(verifyExample ? {verifyExample} : {}),
  }
}

/**
 * The route's settings as a rule, when its integration or one of its integration responses sets a
 * contentHandling: what is set, and nothing more. Parts left unset stay ungoverned, as in an OpenAPI
 * document used as the spec, so the written spec never pins a setting nobody chose.
 */
export function routeRuleOf(route: RouteConfig): RouteRule | undefined {
  const integration = route.integration
  if (!integration) return undefined
  const responses = Object.fromEntries(
    integration.responses.flatMap((response) => (response.contentHandling === undefined ? [] : [[response.statusCode, response.contentHandling] as const])),
  )
  // A streamed route's intent is written too, so audit keeps it streaming.
  const streams = integration.responseTransferMode === 'STREAM'
  if (integration.contentHandling === undefined && Object.keys(responses).length === 0 && !streams) return undefined
  return {
    key: routeKey(route),
    httpMethod: route.httpMethod,
    resourcePath: route.resourcePath,
    ...(integration.contentHandling === undefined ? {} : {request: integration.contentHandling}),
    ...(Object.keys(responses).length === 0 ? {} : {responses}),
    ...(streams ? {transferMode: 'STREAM' as const} : {}),
  }
}

/** One line per rule, for choosing: `PUT /lambda: request CONVERT_TO_TEXT; responses 200 PASSTHROUGH`. */
export function describeRouteRule(rule: RouteRule): string {
  const parts: string[] = []
  if (rule.request !== undefined) parts.push(`request ${rule.request}`)
  if (rule.transferMode !== undefined) parts.push(`transferMode ${rule.transferMode}`)
  const responses = Object.entries(rule.responses ?? {})
  if (responses.length > 0) parts.push(`responses ${responses.map(([status, choice]) => `${status} ${choice}`).join(', ')}`)
  return `${rule.key}: ${parts.join('; ')}`
}

export function leftOutWarning({entry, reason}: LeftOutMediaType): string {
  return `left out live binary media type ${JSON.stringify(entry)}: ${LEFT_OUT_REASONS[reason]}`
}

const LEFT_OUT_REASONS: Record<MalformedReason, string> = {
  'not-a-media-type': 'it is not a media type, so it matches nothing',
  'type-wildcard': 'a type wildcard (*/subtype) matches nothing',
  'has-parameters': 'parameters do not belong in a binary media type',
  'surrounding-space': 'it has spaces around it',
  'escaped-slash': 'API Gateway stores the ~1 form literally, so it matches nothing',
}

/** The spec with only the chosen media types and route rules. */
export function narrowSpec(spec: DesiredSpec, keep: {binaryMediaTypes: readonly string[]; routeKeys: readonly string[]}): DesiredSpec {
  return {
    ...spec,
    binaryMediaTypes: spec.binaryMediaTypes.filter((type) => keep.binaryMediaTypes.includes(type)),
    routes: spec.routes.filter((rule) => keep.routeKeys.includes(rule.key)),
  }
}

export interface SpecHeader {
  apiId: string
  apiName: string
  writtenAt: Date
  verifyExample?: VerifyProbe
}

/** binfix.yaml text: a header saying which API and when, the spec, and an optional commented probe. */
export function renderSpecYaml(spec: DesiredSpec, header: SpecHeader): string {
  const document = new Document(specDocument(spec))
  document.commentBefore = [
    ` Desired binary handling for REST API ${JSON.stringify(header.apiName)} (${header.apiId}),`,
    ` written by \`apigw-binfix init\` from its live working copy at ${header.writtenAt.toISOString()}.`,
    ' binaryMediaTypesMode add-only keeps live types that are not listed; exact removes them.',
    ' PASSTHROUGH means contentHandling unset; a setting a route does not list is left as it is.',
  ].join('\n')
  if (header.verifyExample && spec.verify.length === 0) {
    const probe = header.verifyExample
    document.comment = [
      ' Probes for `apigw-binfix verify` (uncomment and adjust the path and query):',
      ' verify:',
      `   - route: ${JSON.stringify(probe.route)}`,
      ...(probe.accept ? [`     accept: [${probe.accept.join(', ')}]`] : []),
    ].join('\n')
  }
  return document.toString({lineWidth: 0})
}

/** The file's data, keys in the order the contract documents them; empty optional lists left out. */
function specDocument(spec: DesiredSpec): Record<string, unknown> {
  return {
    version: 1,
    ...(spec.api === undefined ? {} : {api: spec.api}),
    ...(spec.region === undefined ? {} : {region: spec.region}),
    ...(spec.stage === undefined ? {} : {stage: spec.stage}),
    binaryMediaTypes: spec.binaryMediaTypes,
    binaryMediaTypesMode: spec.binaryMediaTypesMode,
    routes: Object.fromEntries(
      spec.routes.map((rule) => [
        rule.key,
        {
          ...(rule.request === undefined ? {} : {request: rule.request}),
          ...(rule.responses === undefined ? {} : {responses: rule.responses}),
          ...(rule.transferMode === undefined ? {} : {transferMode: rule.transferMode}),
        },
      ]),
    ),
    ...(spec.verify.length === 0 ? {} : {verify: spec.verify}),
    ...(spec.ignore.length === 0 ? {} : {ignore: spec.ignore}),
  }
}

/** A GET route that can return binary, to suggest as a first probe. */
function exampleProbe(routes: readonly RouteConfig[], binaryMediaTypes: readonly string[]): VerifyProbe | undefined {
  const route = routes.find((candidate) => candidate.httpMethod === 'GET' && candidate.integration !== undefined)
  if (!route) return undefined
  const accept = binaryMediaTypes.find((type) => !type.includes('*')) ?? 'application/octet-stream'
  return {route: `GET ${route.resourcePath}`, accept: [accept]}
}
