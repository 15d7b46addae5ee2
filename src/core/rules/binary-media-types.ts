// missing-, unexpected- and malformed-binary-media-type: the API-wide list against the spec and against
// what API Gateway can match.

import {binaryMediaTypePatchPath} from '../json-pointer.js'
import {type RouteConfig} from '../api-config.js'
import {acceptsUploads, downloadExperience, downloadSubject, servesDownloads, uploadExperience, uploadSubject} from '../experience.js'
import {type Finding, finding} from '../findings.js'
import type {FixCall} from '../fix-calls.js'
import {type MalformedReason, malformedReason, normalizeSpecMediaType} from '../media-type.js'
import {type RuleContext, exampleOf} from './context.js'

export function binaryMediaTypeFindings(ctx: RuleContext): Finding[] {
  return [...malformed(ctx), ...missing(ctx), ...unexpected(ctx)]
}

const MALFORMED_WHY: Record<MalformedReason, string> = {
  'not-a-media-type': 'is not a media type (type/subtype), so no request ever matches it',
  'type-wildcard': 'has a wildcard type, which API Gateway never matches (only subtype wildcards like image/* work)',
  'has-parameters': 'carries parameters, which requests are not matched on',
  'surrounding-space': 'has surrounding spaces, so it never matches a header',
  'escaped-slash': 'was stored with "~1" instead of "/" (an escaping leaked from a patch path or template), so it never matches',
}

function malformed(ctx: RuleContext): Finding[] {
  const found: Finding[] = []
  for (const entry of ctx.live.binaryMediaTypes) {
    const reason = malformedReason(entry)
    if (!reason) continue
    const repaired = normalizeSpecMediaType(entry)
    const keepsRepaired = repaired !== undefined && reason !== 'type-wildcard' && ctx.intended.binaryMediaTypes.includes(repaired)
    const alreadyLive = repaired !== undefined && ctx.live.binaryMediaTypes.includes(repaired)
    const patchOperations = [
      {op: 'remove' as const, path: binaryMediaTypePatchPath(entry)},
      ...(keepsRepaired && !alreadyLive ? [{op: 'add' as const, path: binaryMediaTypePatchPath(repaired)}] : []),
    ]
    found.push(
      finding({
        kind: 'malformed-binary-media-type',
        severity: 'warning',
        mediaType: entry,
        expected: keepsRepaired ? repaired : null,
        actual: entry,
        message: `The entry ${JSON.stringify(entry)} ${MALFORMED_WHY[reason]}.${keepsRepaired ? ` Replacing it with ${repaired} makes it work.` : ''}`,
        fix: [updateRestApi(ctx, patchOperations)],
      }),
    )
  }
  return found
}

function missing(ctx: RuleContext): Finding[] {
  if (!ctx.spec) return []
  const live = ctx.live.binaryMediaTypes.map((entry) => normalizeSpecMediaType(entry))
  return ctx.spec.binaryMediaTypes
    .filter((wanted) => !live.includes(wanted))
    .map((wanted) =>
      finding({
        kind: 'missing-binary-media-type',
        severity: 'error',
        mediaType: wanted,
        expected: wanted,
        actual: null,
        message: [`${wanted} is not in binaryMediaTypes.`, consequences(ctx, ctx.live.binaryMediaTypes, ctx.intended.binaryMediaTypes, wanted, 'Today'), sideEffect(ctx, wanted)]
          .filter(Boolean)
          .join(' '),
        fix: [updateRestApi(ctx, [{op: 'add', path: binaryMediaTypePatchPath(wanted)}])],
      }),
    )
}

function unexpected(ctx: RuleContext): Finding[] {
  // --binary-type flags name what must be there, not everything that may be.
  if (!ctx.spec || ctx.spec.source.kind === 'flags') return []
  // An add-only spec that lists no types leaves the list to the API.
  if (ctx.spec.binaryMediaTypesMode === 'add-only' && ctx.spec.binaryMediaTypes.length === 0) return []
  const wanted = new Set(ctx.spec.binaryMediaTypes)
  const exact = ctx.spec.binaryMediaTypesMode === 'exact'
  return ctx.live.binaryMediaTypes
    .filter((entry) => malformedReason(entry) === undefined && !wanted.has(normalizeSpecMediaType(entry)!))
    .map((entry) => {
      const without = ctx.live.binaryMediaTypes.filter((kept) => kept !== entry)
      const effect = consequences(ctx, ctx.live.binaryMediaTypes, without, entry, 'Because of it')
      return finding({
        kind: 'unexpected-binary-media-type',
        // In add-only mode the spec allows entries it does not list; only exact mode removes them.
        severity: exact ? 'error' : 'info',
        mediaType: entry,
        expected: null,
        actual: entry,
        message: `${entry} is in binaryMediaTypes but not in the spec${exact ? '' : ' (kept: binaryMediaTypesMode is add-only)'}. ${effect}`,
        fix: [updateRestApi(ctx, [{op: 'remove', path: binaryMediaTypePatchPath(entry)}])],
      })
    })
}

/**
 * The first upload and the first download whose experience differs between two lists, in words:
 * "Today, PUT /lambda with Content-Type: image/jpeg reaches the integration as UTF-8 text: …".
 */
function consequences(ctx: RuleContext, current: readonly string[], other: readonly string[], entry: string, lead: string): string {
  const sentences: string[] = []
  const routes = ctx.live.routes.filter((route) => route.httpMethod !== 'OPTIONS')
  const upload = exampleOf(entry, 'upload')
  const uploadRoute = routes.find((route) => acceptsUploads(route) && differs(route, current, other, 'upload', upload))
  if (uploadRoute) sentences.push(`${uploadSubject(uploadRoute, upload)} ${uploadExperience(uploadRoute, current, upload).description}`)
  const download = exampleOf(entry, 'download')
  const downloadRoute = routes.find((route) => servesDownloads(route) && differs(route, current, other, 'download', download))
  if (downloadRoute) sentences.push(`${downloadSubject(downloadRoute, download)} ${downloadExperience(downloadRoute, current, download).description}`)
  if (sentences.length === 0) return `No route of this API handles ${entry} differently because of it.`
  return `${lead}, ${sentences.join('; ')}.`
}

/**
 * Broad entries (application/json, application/*, *\/*) also turn JSON bodies into binary: a Lambda proxy
 * then receives them base64-encoded (aws-binary-facts §7.2). Said once, for the first route affected.
 */
function sideEffect(ctx: RuleContext, wanted: string): string | undefined {
  const json = 'application/json'
  const route = ctx.live.routes.find(
    (candidate) => acceptsUploads(candidate) && candidate.integration?.type === 'AWS_PROXY' && differs(candidate, ctx.live.binaryMediaTypes, [...ctx.live.binaryMediaTypes, wanted], 'upload', json),
  )
  if (!route) return undefined
  return `Side effect: ${uploadSubject(route, json)} will then reach the function base64-encoded with isBase64Encoded: true, so the function must decode JSON bodies too.`
}

function differs(route: RouteConfig, current: readonly string[], other: readonly string[], direction: 'upload' | 'download', mediaType: string): boolean {
  const experience = direction === 'upload' ? uploadExperience : downloadExperience
  return experience(route, current, mediaType).description !== experience(route, other, mediaType).description
}

function updateRestApi(ctx: RuleContext, patchOperations: Extract<FixCall, {operation: 'UpdateRestApi'}>['patchOperations']): FixCall {
  return {operation: 'UpdateRestApi', restApiId: ctx.restApiId, patchOperations}
}
