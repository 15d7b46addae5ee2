// Names the snippets use for things only the owner's source knows: the logical ids of the stack that deploys
// the API where it is known, else placeholders; variable and resource names derived from a route; and the
// names deploy tools generate themselves.

import {routeKey} from '../api-config.js'
import type {DeclaredBinaryHandling, DeclaredStage} from '../cfn/declared.js'
import type {Owner} from '../cfn/owner.js'
import type {RestApiType} from '../cfn/template-rest-apis.js'
import type {IacFormat} from './formats.js'

/** The owner's real names, where known: each replaces a placeholder and its comment says where it is from. */
export interface SourceNames {
  /** The logical id of the REST API resource the format's fragment merges into. */
  restApi?: string
  /** AWS::ApiGateway::Method logical ids by route key ("GET /path"). */
  methods?: Readonly<Record<string, string>>
  /** Where the names are from, for the comments: "stack image-api". */
  source?: string
  /** The resource of the owner's template that creates each stage, by stage name. */
  stages?: Readonly<Record<string, Pick<DeclaredStage, 'type' | 'logicalId'>>>
}

/**
 * The names of the owner's stack that `format` can use. The REST API's logical id goes only on a fragment
 * of the type the template declares (a SAM snippet's AWS::Serverless::Api is not a template's
 * AWS::ApiGateway::RestApi, and SAM's implicit API has no resource to merge into). CDK constructs and
 * Terraform resources have names of their own, which no stack records.
 */
export function stackNames(format: IacFormat, owner: Pick<Owner, 'kind' | 'stackName' | 'logicalId'>, declared?: DeclaredBinaryHandling): SourceNames {
  // Without the template, only SAM leaves the resource type open: the other tools write AWS::ApiGateway::RestApi.
  const apiType: RestApiType | undefined = declared?.api.type ?? (owner.kind === 'sam' ? undefined : 'AWS::ApiGateway::RestApi')
  const fragmentType: RestApiType | undefined = format === 'cloudformation' ? 'AWS::ApiGateway::RestApi' : format === 'sam' ? 'AWS::Serverless::Api' : undefined
  const restApi = fragmentType !== undefined && fragmentType === apiType ? owner.logicalId : undefined
  const methodEntries =
    format === 'cloudformation' || format === 'serverless'
      ? (declared?.routes ?? []).flatMap((route) => (route.source === 'method-resource' && route.logicalId !== undefined ? [[routeKey(route), route.logicalId] as const] : []))
      : []
  const stages = format === 'cloudformation' ? (declared?.stages ?? []) : []
  if (restApi === undefined && methodEntries.length === 0 && stages.length === 0) return {}
  return {
    ...(restApi === undefined ? {} : {restApi}),
    ...(methodEntries.length === 0 ? {} : {methods: Object.fromEntries(methodEntries)}),
    ...(stages.length === 0 ? {} : {stages: Object.fromEntries(stages.map(({stageName, type, logicalId}) => [stageName, {type, logicalId}]))}),
    ...(owner.stackName === undefined ? {} : {source: `stack ${owner.stackName}`}),
  }
}

/** The logical id `names` gives a route's method, if any. */
export function knownMethodLogicalId(names: SourceNames, method: {httpMethod: string; resourcePath: string}): string | undefined {
  return names.methods?.[routeKey(method)]
}

/** Where a known name is from, for the comments. */
export function nameSource(names: SourceNames): string {
  return names.source ?? 'your stack'
}

/** The function an API Gateway Lambda integration URI invokes (…/functions/arn:…:function:NAME[:alias]/invocations). */
export function lambdaFunctionName(uri: string | undefined): string | undefined {
  return /:function:([A-Za-z0-9_-]+)/.exec(uri ?? '')?.[1]
}

/** "/thumbnails/{key}" → ["thumbnails", "key"]; "{proxy+}" → "proxy"; the root → []. */
export function pathWords(resourcePath: string): string[] {
  return resourcePath
    .split('/')
    .map((part) => part.replaceAll(/[^A-Za-z0-9]+/g, ' ').trim())
    .filter(Boolean)
    .flatMap((part) => part.split(' '))
}

/** "PUT", "/lambda" → "PutLambda"; "GET", "/" → "GetRoot". */
export function routePascal(httpMethod: string, resourcePath: string): string {
  const words = pathWords(resourcePath)
  return [httpMethod.toLowerCase(), ...(words.length === 0 ? ['root'] : words)].map(capitalize).join('')
}

/** "PUT", "/lambda" → "put_lambda" (Terraform resource names). */
export function routeSnake(httpMethod: string, resourcePath: string): string {
  const words = pathWords(resourcePath)
  return [httpMethod, ...(words.length === 0 ? ['root'] : words)].map((word) => word.toLowerCase()).join('_')
}

/** "PUT", "/lambda" → "putLambda" (TypeScript variables). */
export function routeCamel(httpMethod: string, resourcePath: string): string {
  const pascal = routePascal(httpMethod, resourcePath)
  return pascal.charAt(0).toLowerCase() + pascal.slice(1)
}

/** "thumbnail-service-dev-upload" → "thumbnailServiceDevUpload". */
export function camelIdentifier(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean)
  const joined = words.map((word, index) => (index === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : capitalize(word))).join('')
  return /^[A-Za-z_]/.test(joined) ? joined : `_${joined}`
}

/** The placeholder logical id of a route's AWS::ApiGateway::Method: "PutLambdaMethod". */
export function methodLogicalId(method: {httpMethod: string; resourcePath: string}): string {
  return `${routePascal(method.httpMethod, method.resourcePath)}Method`
}

/**
 * The logical id the Serverless Framework gives a route's method: ApiGatewayMethod + each path part
 * (capitalised, "-" as "Dash", "{x}" as "XVar", other characters dropped) + the method (serverless/serverless
 * lib/plugins/aws/lib/naming.js: getMethodLogicalId, normalizePath, normalizePathPart).
 */
export function serverlessMethodLogicalId(method: {httpMethod: string; resourcePath: string}): string {
  const normalizedPath = method.resourcePath
    .split('/')
    .map((part) =>
      capitalize(lodashCapitalize(part).replaceAll('-', 'Dash').replaceAll(/\{(.*)\}/g, '$1Var').replaceAll(/[^0-9A-Za-z]/g, '')),
    )
    .join('')
  return `ApiGatewayMethod${normalizedPath}${capitalize(method.httpMethod.toLowerCase())}`
}

/** "PUT /lambda", for comments. */
export function routeName(method: {httpMethod: string; resourcePath: string}): string {
  return routeKey(method)
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

// lodash's capitalize: first character upper case, the rest lower case.
function lodashCapitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
}
