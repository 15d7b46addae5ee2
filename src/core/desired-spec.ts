// What the API's owner intends, whatever it was written in (binfix.yaml, an OpenAPI document, flags).
// Loaders live in src/desired-spec/; this is the shape rules read.

import type {RouteConfig, TransferMode} from './api-config.js'
import type {ContentHandling} from './conversion.js'

/** PASSTHROUGH is the spec's word for "contentHandling unset". */
export type ContentHandlingChoice = ContentHandling | 'PASSTHROUGH'
export const CONTENT_HANDLING_CHOICES: readonly ContentHandlingChoice[] = ['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT', 'PASSTHROUGH']

export type BinaryMediaTypesMode = 'add-only' | 'exact'

/** Matches any path or any method. */
export const WILDCARD = '*'

export interface RouteRule {
  /** As written, e.g. "PUT /lambda" or "OPTIONS *". */
  key: string
  /** Upper case, or '*'. */
  httpMethod: string
  /** A resource path such as /thumbnails/{key}, or '*'. */
  resourcePath: string
  request?: ContentHandlingChoice
  /** Status code (or '*' for every integration response) → handling. */
  responses?: Record<string, ContentHandlingChoice>
  /** The integration's responseTransferMode the owner intends (core/rules/streaming.ts judges it). */
  transferMode?: TransferMode
}

export interface VerifyProbe {
  /** "METHOD /path?query". */
  route: string
  /** One download request per entry, sent as written. */
  accept?: string[]
  /** One upload per entry: the probe payload is sent with this Content-Type. Uploads happen only where listed. */
  contentType?: string[]
  /** "GET /path?query" that reads an upload back; by default the GET of the same URL when the API has one. */
  readBack?: string
  /** "DELETE /path?query" sent after the probe's downloads, to remove what the upload stored. */
  cleanup?: string
}

/** What verify sends to pass a stage's authorization: environment variable names, never the secrets. */
export interface VerifyAuth {
  /** Holds the API key, sent as x-api-key. */
  apiKeyEnv?: string
  /** Header name → the environment variable holding its value. */
  headers?: Record<string, string>
  /** SigV4-sign every probe (service execute-api) with the control plane's credentials. */
  sign?: boolean
}

export interface SpecSource {
  kind: 'binfix' | 'openapi' | 'flags'
  /** The file it came from; absent for flags. */
  file?: string
}

export interface DesiredSpec {
  source: SpecSource
  /** The REST API it is written for: an id or a name. */
  api?: string
  /** Or the CloudFormation stack (name or id) that deploys it, with the API's logical id when it has several. */
  stack?: {name: string; logicalId?: string}
  region?: string
  stage?: string
  /** Normalised media types (lower case essence), in the order written, without duplicates. */
  binaryMediaTypes: string[]
  binaryMediaTypesMode: BinaryMediaTypesMode
  routes: RouteRule[]
  verify: VerifyProbe[]
  verifyAuth?: VerifyAuth
  /** Finding kinds or finding ids accepted as they are. */
  ignore: string[]
}

/**
 * The rule that governs a route: an exact path beats '*', then an exact method beats '*'. Later rules of
 * the same precedence win, as later keys win in YAML maps.
 */
export function ruleFor(rules: readonly RouteRule[], route: Pick<RouteConfig, 'httpMethod' | 'resourcePath'>): RouteRule | undefined {
  let best: {rule: RouteRule; rank: number} | undefined
  for (const rule of rules) {
    const pathExact = rule.resourcePath === route.resourcePath
    const methodExact = rule.httpMethod === route.httpMethod
    if (!pathExact && rule.resourcePath !== WILDCARD) continue
    if (!methodExact && rule.httpMethod !== WILDCARD) continue
    const rank = (pathExact ? 2 : 0) + (methodExact ? 1 : 0)
    if (!best || rank >= best.rank) best = {rule, rank}
  }
  return best?.rule
}

export function choiceOf(handling: ContentHandling | undefined): ContentHandlingChoice {
  return handling ?? 'PASSTHROUGH'
}

export function handlingOf(choice: ContentHandlingChoice): ContentHandling | undefined {
  return choice === 'PASSTHROUGH' ? undefined : choice
}
