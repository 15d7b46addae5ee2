// What the conversion model says goes wrong for a probe under a given configuration, stage by stage,
// each with the setting responsible. causes.ts matches these against what actually came back. Everything
// here is derived from experience.ts / conversion.ts / media-type.ts, so verify, audit and the sandbox
// cannot disagree about what a setting does.

import {type ApiConfig, type IntegrationConfig, type RouteConfig, isLambdaCustomIntegration, routeKey} from '../api-config.js'
import {convertResponse} from '../conversion.js'
import {PREFLIGHT_ACCEPT, downloadExperience, preflightExperience, selectResponse, uploadExperience} from '../experience.js'
import {acceptIsBinary, contentTypeIsBinary, entryMatches, firstAcceptEntry, mediaTypeEssence} from '../media-type.js'
import type {CauseSetting} from './cause.js'
import {JSON_ACCEPT} from './expectations.js'
import type {UploadSource} from './probe-plan.js'

/** What a broken stage makes of the payload, in the judge's terms (several outcomes share one family). */
export type Damage = 'base64' | 'mangled' | 'double-base64' | 'server-error'

export interface Diagnosis {
  /** Where it happens: on the way in (the upload) or on the way out (this request's answer). */
  stage: 'request' | 'response'
  damage: Damage
  setting: Exclude<CauseSetting, 'undeployed' | 'other' | 'function-output' | 'size-limit' | 'sandbox' | 'integration.uri'>
  sentence: string
  fix: string
}

/** What the upload's request does to the payload that later steps read back. */
export function uploadDiagnoses(upload: Pick<UploadSource, 'contentType' | 'encoding'>, route: RouteConfig, config: ApiConfig): Diagnosis[] {
  const types = config.binaryMediaTypes
  const {contentType} = upload
  const key = routeKey(route)
  const integration = route.integration
  const binary = contentTypeIsBinary(contentType, types)
  const experience = uploadExperience(route, types, contentType)
  const found: Diagnosis[] = []
  if (upload.encoding === 'raw') {
    if (experience.outcome === 'text') {
      found.push({
        stage: 'request',
        damage: 'mangled',
        setting: 'binaryMediaTypes',
        sentence: `Content-Type \`${contentType}\` is not in binaryMediaTypes ${listOf(types)}, so API Gateway handed the body on as UTF-8 text and every byte that is not valid UTF-8 became U+FFFD`,
        fix: `add ${essence(contentType)} to binaryMediaTypes`,
      })
    } else if (experience.fails && experience.outcome === 'base64-decode') {
      found.push({
        stage: 'request',
        damage: 'server-error',
        setting: 'binaryMediaTypes',
        sentence: `${key}'s integration has contentHandling CONVERT_TO_BINARY, which base64-decodes bodies whose Content-Type (\`${contentType}\`) is not in binaryMediaTypes ${listOf(types)}; raw bytes are not base64`,
        fix: `add ${essence(contentType)} to binaryMediaTypes, so the bytes pass unchanged`,
      })
    } else if (experience.fails && integration) {
      found.push(rawBytesRefused(key, integration, contentType, undefined))
    }
    return found
  }
  // A base64 text body: harmless as text; only a Content-Type that counts as binary hurts it.
  if (!binary || !integration || integration.type === 'AWS_PROXY' || integration.type === 'HTTP_PROXY') return found
  const entry = types.find((candidate) => entryMatches(candidate, contentType))!
  if (experience.fails && experience.outcome === 'binary') {
    found.push(rawBytesRefused(key, integration, contentType, entry))
  } else if (experience.outcome === 'base64-encode') {
    found.push({
      stage: 'request',
      damage: 'double-base64',
      setting: 'binaryMediaTypes',
      sentence: `Content-Type \`${contentType}\` matches \`${entry}\` in binaryMediaTypes, so ${key}'s CONVERT_TO_TEXT base64-encoded the base64 text a second time`,
      fix: `list the binary types in binaryMediaTypes instead of \`${entry}\`, so text bodies stay text`,
    })
  }
  return found
}

// A body that counts as binary cannot be rendered by a mapping template, nor become Lambda's JSON event
// (the two failing cases of uploadExperience; aws-binary-facts §1.3, §1.6).
function rawBytesRefused(key: string, integration: IntegrationConfig, contentType: string, binaryEntry: string | undefined): Diagnosis {
  const where = templateApplies(integration, contentType) ? 'cannot go through the request mapping template' : 'cannot become the JSON event Lambda is invoked with'
  if (binaryEntry !== undefined) {
    return {
      stage: 'request',
      damage: 'server-error',
      setting: 'binaryMediaTypes',
      sentence: `Content-Type \`${contentType}\` matches \`${binaryEntry}\` in binaryMediaTypes, so the base64 text counts as binary and ${where}`,
      fix: `set contentHandling CONVERT_TO_TEXT on the integration of ${key}, or list the binary types in binaryMediaTypes instead of \`${binaryEntry}\``,
    }
  }
  return {
    stage: 'request',
    damage: 'server-error',
    setting: 'integration.contentHandling',
    sentence: `${key}'s integration has ${handlingPhrase(integration.contentHandling)}: the raw bytes ${where}`,
    fix: `set contentHandling CONVERT_TO_TEXT on the integration of ${key}`,
  }
}

// As experience.ts decides it: only a template registered for the request's media type meets the body.
function templateApplies(integration: IntegrationConfig, contentType: string): boolean {
  const wanted = mediaTypeEssence(contentType)
  return wanted !== undefined && integration.requestTemplateTypes.some((type) => mediaTypeEssence(type) === wanted)
}

/**
 * The upload's own answer (it asks for application/json): a Lambda or MOCK integration answers text,
 * which API Gateway base64-decodes when that Accept counts as binary (an any-type entry) or the response
 * says CONVERT_TO_BINARY; an ordinary answer is not base64, so the upload fails with 500.
 */
export function uploadAnswerDiagnoses(route: RouteConfig, config: ApiConfig): Diagnosis[] {
  const integration = route.integration
  if (!integration || !answersText(integration)) return []
  const response = selectResponse(integration)
  const binaryAccept = acceptIsBinary(JSON_ACCEPT, config.binaryMediaTypes)
  if (convertResponse({integrationPayload: 'text', acceptIsBinary: binaryAccept, contentHandling: response?.contentHandling}) !== 'base64-decode') return []
  const subject = responseSubject(route, response?.statusCode)
  const because = response?.contentHandling === 'CONVERT_TO_BINARY' ? `${subject} has contentHandling CONVERT_TO_BINARY` : `\`${JSON_ACCEPT}\` matches \`${matchingAcceptEntry(JSON_ACCEPT, config.binaryMediaTypes)}\` in binaryMediaTypes`
  return [
    {
      stage: 'response',
      damage: 'server-error',
      setting: 'integrationResponse.contentHandling',
      sentence: `${because}, so API Gateway base64-decodes the text answer of ${routeKey(route)}, which is not base64`,
      fix: `set contentHandling CONVERT_TO_TEXT for ${subject}`,
    },
  ]
}

/** What the answer to `accept` suffers on the way out of `route`. */
export function downloadDiagnoses(route: RouteConfig, accept: string, config: ApiConfig): Diagnosis[] {
  const types = config.binaryMediaTypes
  const integration = route.integration
  const binaryAccept = acceptIsBinary(accept, types)
  const first = firstAcceptEntry(accept)
  const notBinary = (observed: string): Pick<Diagnosis, 'setting' | 'sentence' | 'fix'> => ({
    setting: 'binaryMediaTypes',
    sentence: `came back as ${observed} because ${acceptReason(first, types)}`,
    fix: addAcceptFix(first),
  })
  if (!integration || integration.type === 'AWS_PROXY') {
    return binaryAccept ? [] : [{stage: 'response', damage: 'base64', ...notBinary('base64 text')}]
  }
  if (integration.type === 'HTTP_PROXY') {
    return binaryAccept ? [] : [{stage: 'response', damage: 'mangled', ...notBinary('UTF-8 text (invalid bytes became U+FFFD)')}]
  }
  const response = selectResponse(integration)
  const subject = responseSubject(route, response?.statusCode)
  const handling = response?.contentHandling
  const experience = downloadExperience(route, types, accept)
  const convertToBinary = `set contentHandling CONVERT_TO_BINARY for ${subject}`
  switch (experience.outcome) {
    case 'binary':
      return []
    case 'base64-decode': {
      if (!experience.fails) return []
      const because =
        handling === 'CONVERT_TO_BINARY'
          ? `${subject} has contentHandling CONVERT_TO_BINARY`
          : `${first === undefined ? 'a missing Accept header' : `the first Accept entry \`${essence(first)}\``} matches binaryMediaTypes ${listOf(types)}`
      return [
        {
          stage: 'response',
          damage: 'server-error',
          setting: 'integrationResponse.contentHandling',
          sentence: `${because}, so API Gateway base64-decodes the MOCK template's text answer for ${subject}, which has no CONVERT_TO_TEXT`,
          fix: `set contentHandling CONVERT_TO_TEXT for ${subject}`,
        },
      ]
    }
    case 'base64-encode':
    case 'text': {
      // MOCK answers with its template's text: not a binary download, nothing to explain.
      if (integration.type === 'MOCK') return []
      const textBackend = isLambdaCustomIntegration(integration)
      // A Lambda result stays the function's base64 text; a binary backend answer becomes base64, or
      // (when it does not count as binary) UTF-8-damaged text. The first Accept entry stands for the
      // backend's Content-Type here, as in experience.ts.
      const damage: Damage = textBackend || experience.outcome === 'base64-encode' ? 'base64' : 'mangled'
      const observed = damage === 'base64' ? 'base64 text' : 'UTF-8 text (invalid bytes became U+FFFD)'
      if (handling === 'CONVERT_TO_TEXT') {
        return [{stage: 'response', damage, setting: 'integrationResponse.contentHandling', sentence: `came back as ${observed} because ${subject} has contentHandling CONVERT_TO_TEXT`, fix: convertToBinary}]
      }
      const reason = notBinary(observed)
      return [{stage: 'response', damage, ...reason, fix: `${reason.fix}, or ${convertToBinary}`}]
    }
  }
}

/** A CORS preflight (no Content-Type, Accept of any type): the MOCK request template, then its answer. */
export function preflightDiagnoses(route: RouteConfig, config: ApiConfig): Diagnosis[] {
  const types = config.binaryMediaTypes
  const key = routeKey(route)
  const {request, responses} = preflightExperience(route, types)
  const failing = responses.filter((response) => response.experience.fails)
  const alsoResponses = failing.length > 0 ? ' and its integration responses' : ''
  if (request.fails) {
    const entry = types.find((candidate) => entryMatches(candidate, undefined)) ?? '*/*'
    return [
      {
        stage: 'request',
        damage: 'server-error',
        setting: 'integration.contentHandling',
        sentence: `\`${entry}\` in binaryMediaTypes makes the preflight count as binary and ${key}'s MOCK integration has no CONVERT_TO_TEXT`,
        fix: `set contentHandling CONVERT_TO_TEXT on the MOCK integration of ${key}${alsoResponses}`,
      },
    ]
  }
  return failing.slice(0, 1).map(({statusCode}) => {
    const subject = responseSubject(route, statusCode)
    const handling = route.integration?.responses.find((response) => response.statusCode === statusCode)?.contentHandling
    const because =
      handling === 'CONVERT_TO_BINARY'
        ? `${subject} has contentHandling CONVERT_TO_BINARY`
        : `\`${matchingAcceptEntry(PREFLIGHT_ACCEPT, types)}\` in binaryMediaTypes makes MOCK's answer (which has no Content-Type) and the preflight's Accept \`${PREFLIGHT_ACCEPT}\` binary`
    return {
      stage: 'response',
      damage: 'server-error',
      setting: 'integrationResponse.contentHandling',
      sentence: `${because}, so the answer is bytes when it meets the response mapping template of ${subject}, which cannot transform bytes without CONVERT_TO_TEXT`,
      fix: `set contentHandling CONVERT_TO_TEXT for ${subject}`,
    } satisfies Diagnosis
  })
}

function answersText(integration: IntegrationConfig): boolean {
  return integration.type === 'MOCK' || isLambdaCustomIntegration(integration)
}

function acceptReason(first: string | undefined, types: readonly string[]): string {
  if (first === undefined) return `the request had no Accept header, which only a \`*/*\` entry matches, and binaryMediaTypes is ${listOf(types)}`
  const shown = essence(first)
  const wildcard =
    shown === '*/*' ? '; an Accept of `*/*` matches only a `*/*` entry' : shown.includes('*') ? `; a wildcard in Accept is never expanded: only a \`${shown}\` or \`*/*\` entry matches it` : ''
  return `the first Accept entry \`${shown}\` is not in binaryMediaTypes ${listOf(types)}${wildcard}`
}

function addAcceptFix(first: string | undefined): string {
  if (first === undefined || essence(first) === '*/*') return 'add */* to binaryMediaTypes (MOCK OPTIONS methods then need contentHandling CONVERT_TO_TEXT)'
  return `add ${essence(first)} to binaryMediaTypes`
}

function matchingAcceptEntry(accept: string, types: readonly string[]): string {
  const first = firstAcceptEntry(accept)
  return types.find((entry) => entryMatches(entry, first)) ?? '*/*'
}

/** "status 200 of GET /lambda", or the route alone when it has no integration response to name. */
function responseSubject(route: RouteConfig, statusCode: string | undefined): string {
  return statusCode === undefined ? `the integration response of ${routeKey(route)}` : `status ${statusCode} of ${routeKey(route)}`
}

export function handlingPhrase(handling: string | undefined): string {
  return handling === undefined ? 'no contentHandling' : `contentHandling ${handling}`
}

/** "(application/octet-stream, image/jpeg)", or "(which is empty)". */
export function listOf(types: readonly string[]): string {
  return types.length === 0 ? '(which is empty)' : `(${types.join(', ')})`
}

function essence(mediaType: string): string {
  return mediaTypeEssence(mediaType) ?? mediaType.trim()
}
