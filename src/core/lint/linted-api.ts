// What a reader makes of one REST API a file declares: the configuration API Gateway will hold once it is
// deployed (the audit's rules judge it as they judge a live working copy), where each setting is written,
// and the facts about how the file gets deployed that only the file shows.

import type {ApiConfig} from '../api-config.js'
import type {IacFormat, SourceNames} from '../iac/index.js'
import type {LintFormat} from './lint-finding.js'
import type {SourcePath} from './positions.js'

export interface DeclaredMediaType {
  /** As written. */
  raw: string
  /** What API Gateway stores for it (SAM and CloudFormation's property read "~1" as "/"). */
  stored: string
  path: SourcePath
  /** Where it is written, for messages: `ImagesApi.BinaryMediaTypes`, `x-amazon-apigateway-binary-media-types`. */
  place: string
  /** Stored exactly as written: an OpenAPI extension, Terraform's binary_media_types. */
  literal: boolean
}

export interface RoutePlaces {
  method: SourcePath
  /** The integration's contentHandling, or the integration that lacks it. */
  contentHandling: SourcePath
  /** Each integration response's contentHandling, or the response that lacks it, by status code. */
  responses: ReadonlyMap<string, SourcePath>
  /** A preflight the tool generates from a CORS switch, which has no contentHandling option. */
  generatedBy?: GeneratedPreflight
}

export interface GeneratedPreflight {
  /** `SAM's Cors`, `Serverless's cors: true`, `CDK's addCorsPreflight`. */
  tool: string
  /** Where the switch is written. */
  path: SourcePath
  /** How to give the preflight contentHandling in this tool. */
  workaround: string
}

/** A Deployment (CloudFormation) or aws_api_gateway_deployment (Terraform) of the API. */
export interface DeclaredDeployment {
  name: string
  path: SourcePath
  /** Its logical id changes with the methods (hash or timestamp suffix), or Terraform triggers redeploy it. */
  redeploys: boolean
  /** Terraform triggers that hash resource ids only, which do not change when a setting does. */
  idsOnly?: boolean
}

/** An OpenAPI body imported in merge mode: removing a binary media type from it never removes it live. */
export interface MergeImport {
  path: SourcePath
  /** `Mode merge`, `no Mode (merge for APIs created since 2021-03-29)`. */
  because: string
}

export interface LintedApi {
  /** Logical id, API title or Terraform address. */
  name: string
  format: LintFormat
  /** The iac renderer that speaks the file's language; undefined for OpenAPI files (their own snippet). */
  iacFormat?: IacFormat
  /** The file's own names for the iac renderer (logical ids), where it has them. */
  iacNames?: SourceNames
  /** Routes carry their route key as resourceId, so the audit's rules can name them in fixes. */
  config: ApiConfig
  api: SourcePath
  /** Where the list is written (the first place), for a type it lacks; undefined when nowhere. */
  mediaTypeList?: SourcePath
  mediaTypes: DeclaredMediaType[]
  routes: ReadonlyMap<string, RoutePlaces>
  deployments: DeclaredDeployment[]
  mergeImport?: MergeImport
  /** The RestApi's BinaryMediaTypes property next to its body's extension, when both are written. */
  propertyAndBody?: {property: DeclaredMediaType[]; body: DeclaredMediaType[]; path: SourcePath}
}
