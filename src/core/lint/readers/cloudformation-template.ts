// CloudFormation templates, SAM's (before the transform), CDK's synthesized ones and the Serverless
// Framework's compiled one: each REST API as core/cfn reads it (declaredRoutes: Method resources, the
// inline OpenAPI body, SAM's Api events and Cors), with the settings the conversion model needs that the
// declared facts leave out (templates, URIs, selection patterns) read from the same resources.

import {type IntegrationConfig, type IntegrationKind, type IntegrationResponseConfig, type RouteConfig, compareText, routeKey, sortRoutes} from '../../api-config.js'
import {type DeclaredRoute, declaredRoutes, responseHandling} from '../../cfn/declared.js'
import {intrinsicOf, isObject, literalText, refOf} from '../../cfn/intrinsics.js'
import {samApiEvents} from '../../cfn/sam-api-events.js'
import {type RestApiResource, restApiResources} from '../../cfn/template-rest-apis.js'
import type {CfnObject, CfnTemplate, CfnValue} from '../../cfn/template.js'
import type {IacFormat} from '../../iac/index.js'
import type {LintFormat} from '../lint-finding.js'
import type {DeclaredDeployment, DeclaredMediaType, GeneratedPreflight, LintedApi, MergeImport, RoutePlaces} from '../linted-api.js'
import type {SourcePath} from '../positions.js'
import {type OpenApiRead, readOpenApi} from './openapi-document.js'
import {withoutEdgeSlashes} from './resource-path-text.js'

const IAC_FORMAT: Record<string, IacFormat> = {cloudformation: 'cloudformation', sam: 'sam', cdk: 'cdk', 'serverless-template': 'serverless'}
const KINDS: readonly IntegrationKind[] = ['HTTP', 'AWS', 'MOCK', 'HTTP_PROXY', 'AWS_PROXY']

export function readTemplateApis(template: CfnTemplate, format: LintFormat): LintedApi[] {
  return restApiResources(template).map((api) => readApi(template, api, format))
}

function readApi(template: CfnTemplate, api: RestApiResource, format: LintFormat): LintedApi {
  const sam = api.type !== 'AWS::ApiGateway::RestApi'
  const {api: declaredApi, routes: declared} = declaredRoutes(template, api.logicalId)
  const apiPath: SourcePath = api.type === 'implicit' ? implicitApiPath(template) : ['Resources', api.logicalId]
  const props = template.resources[api.logicalId]?.Properties ?? {}
  const bodyKey = api.type === 'AWS::Serverless::Api' ? 'DefinitionBody' : 'Body'
  const inline = inlineBody(props[bodyKey], [...apiPath, 'Properties', bodyKey], `${api.logicalId}.${bodyKey}`)

  const globals = isObject(template.globals['Api']) ? template.globals['Api'] : {}
  const globalTypes = sam ? propertyTypes(globals['BinaryMediaTypes'], ['Globals', 'Api', 'BinaryMediaTypes'], 'Globals.Api.BinaryMediaTypes') : []
  const propertyList = propertyTypes(props['BinaryMediaTypes'], [...apiPath, 'Properties', 'BinaryMediaTypes'], `${api.logicalId}.BinaryMediaTypes`)
  const bodyTypes = inline?.mediaTypes ?? []
  const mediaTypes = [...globalTypes, ...propertyList, ...bodyTypes]
  const mediaTypeList = props['BinaryMediaTypes'] !== undefined ? [...apiPath, 'Properties', 'BinaryMediaTypes'] : globalTypes.length > 0 ? ['Globals', 'Api', 'BinaryMediaTypes'] : inline?.mediaTypeList

  const routes: RouteConfig[] = []
  const places = new Map<string, RoutePlaces>()
  for (const route of declared) {
    const read = readRoute(template, api, route, inline, format, globals)
    if (!read) continue
    routes.push({...read.route, resourceId: routeKey(read.route)})
    places.set(routeKey(read.route), read.places)
  }

  // The file's own logical ids where the renderer's fragment is of the same type (as iac's stackNames does for a stack).
  const namesApi = (format === 'sam' && api.type === 'AWS::Serverless::Api') || (format === 'cloudformation' && api.type === 'AWS::ApiGateway::RestApi')
  const methodIds = format === 'cloudformation' || format === 'serverless-template' ? declared.flatMap((route) => (route.source === 'method-resource' && route.logicalId ? [[routeKey(route), route.logicalId] as const] : [])) : []
  const iacNames = {...(namesApi ? {restApi: api.logicalId} : {}), ...(methodIds.length > 0 ? {methods: Object.fromEntries(methodIds)} : {}), source: 'this template'}
  const mergeImport = importMode(declaredApi.definition, declaredApi.mode, props, apiPath, bodyKey, sam, mediaTypes.length > 0)
  return {
    name: api.logicalId,
    format,
    ...(IAC_FORMAT[format] ? {iacFormat: IAC_FORMAT[format]} : {}),
    iacNames,
    config: {binaryMediaTypes: [...new Set(mediaTypes.map((entry) => entry.stored))], routes: sortRoutes(routes)},
    api: apiPath,
    ...(mediaTypeList ? {mediaTypeList} : {}),
    mediaTypes,
    routes: places,
    deployments: deployments(template, api.logicalId, format),
    ...(mergeImport ? {mergeImport} : {}),
    ...(!sam && propertyList.length > 0 && bodyTypes.length > 0 ? {propertyAndBody: {property: propertyList, body: bodyTypes, path: [...apiPath, 'Properties', 'BinaryMediaTypes']}} : {}),
  }
}

/** SAM's implicit API has no resource: it is placed at the first Api event that makes it. */
function implicitApiPath(template: CfnTemplate): SourcePath {
  const event = samApiEvents(template).find((candidate) => candidate.restApiId === undefined)
  return event ? ['Resources', event.functionId, 'Properties', 'Events', event.eventId] : ['Resources']
}

function inlineBody(body: CfnValue | undefined, path: SourcePath, name: string): OpenApiRead | undefined {
  if (!isObject(body) || intrinsicOf(body)) return undefined
  try {
    return readOpenApi(withLiteralUris(body), path, `${name} x-amazon-apigateway-binary-media-types`)
  } catch {
    // A body API Gateway would refuse is the import's problem; the declared facts still judge its methods.
    return undefined
  }
}

/** Integration URIs written with Fn::Sub or Fn::Join become their literal parts, enough to tell a Lambda integration. */
function withLiteralUris(body: CfnObject): CfnObject {
  const paths = body['paths']
  if (!isObject(paths)) return body
  const rewritten = Object.fromEntries(
    Object.entries(paths).map(([path, item]) => {
      if (!isObject(item)) return [path, item]
      const operations = Object.entries(item).map(([key, operation]) => {
        const integration = isObject(operation) ? operation['x-amazon-apigateway-integration'] : undefined
        if (!isObject(operation) || !isObject(integration) || integration['uri'] === undefined || typeof integration['uri'] === 'string') return [key, operation]
        const uri = uriText(integration['uri'])
        const {uri: _intrinsic, ...rest} = integration
        return [key, {...operation, 'x-amazon-apigateway-integration': uri === undefined ? rest : {...rest, uri}}]
      })
      return [path, Object.fromEntries(operations)]
    }),
  )
  return {...body, paths: rewritten}
}

/**
 * BinaryMediaTypes of a RestApi, a Serverless::Api or Globals.Api. SAM writes its "~1" form into the body
 * with "/" (samtranslator swagger.py add_binary_media_types) and into the RestApi property as written
 * (api_generator.py, "for backwards compatibility"), which CloudFormation stores with "/": SAM's documented
 * form works where SAM does not edit the body (DefinitionUri). CDK and Serverless write "/" there.
 */
function propertyTypes(value: CfnValue | undefined, path: SourcePath, place: string): DeclaredMediaType[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((entry, index) => {
    const raw = literalText(entry)
    return raw === undefined ? [] : [{raw, stored: raw.includes('/') ? raw : raw.replaceAll('~1', '/'), path: [...path, index], place, literal: false}]
  })
}

function readRoute(
  template: CfnTemplate,
  api: RestApiResource,
  route: DeclaredRoute,
  inline: OpenApiRead | undefined,
  format: LintFormat,
  globals: CfnObject,
): {route: RouteConfig; places: RoutePlaces} | undefined {
  const {httpMethod, resourcePath} = route
  switch (route.source) {
    case 'openapi': {
      const found = inline?.config.routes.find((candidate) => candidate.httpMethod === httpMethod && normalizePath(candidate.resourcePath) === resourcePath)
      const places = found && inline?.routes.get(routeKey(found))
      if (!found || !places) return undefined
      return {route: {...found, resourcePath}, places}
    }
    case 'method-resource':
      return methodResource(template, route, format)
    case 'sam-event': {
      const event = samApiEvents(template).find((candidate) => normalizePath(literalText(candidate.path) ?? '') === resourcePath && literalText(candidate.method)?.toUpperCase() === httpMethod)
      const method: SourcePath = event ? ['Resources', event.functionId, 'Properties', 'Events', event.eventId] : ['Resources']
      // SAM's Api events are Lambda proxies (samtranslator eventsources/push.py).
      const uri = `arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${event?.functionId ?? 'Function'}.Arn}/invocations`
      return {route: {resourcePath, httpMethod, integration: {type: 'AWS_PROXY', uri, requestTemplateTypes: [], responses: []}}, places: {method, contentHandling: method, responses: new Map()}}
    }
    case 'sam-cors': {
      // samtranslator swagger.py _options_method_response_for_cors: type mock, requestTemplates and the
      // default response's responseTemplates for application/json, no contentHandling anywhere.
      const props = template.resources[api.logicalId]?.Properties ?? {}
      const at: SourcePath = props['Cors'] !== undefined ? ['Resources', api.logicalId, 'Properties', 'Cors'] : globals['Cors'] !== undefined ? ['Globals', 'Api', 'Cors'] : ['Resources', api.logicalId]
      const generatedBy: GeneratedPreflight = {
        tool: "SAM's Cors",
        path: at,
        workaround: 'SAM has no contentHandling option for the preflights it generates (aws/serverless-application-model#553); define options for this path in DefinitionBody (type: mock, its requestTemplates and CORS responseParameters) with contentHandling: CONVERT_TO_TEXT on the integration and on its default response: SAM leaves a path alone whose options operation the body has.',
      }
      const integration: IntegrationConfig = {type: 'MOCK', requestTemplateTypes: ['application/json'], responses: [{statusCode: '200', responseTemplateTypes: ['application/json']}]}
      return {route: {resourcePath, httpMethod, integration}, places: {method: at, contentHandling: at, responses: new Map([['200', at]]), generatedBy}}
    }
    default:
      return undefined
  }
}

function methodResource(template: CfnTemplate, route: DeclaredRoute, format: LintFormat): {route: RouteConfig; places: RoutePlaces} | undefined {
  const logicalId = route.logicalId!
  const method: SourcePath = ['Resources', logicalId]
  const raw = template.resources[logicalId]?.Properties['Integration']
  const base = {resourcePath: route.resourcePath, httpMethod: route.httpMethod}
  const type = KINDS.find((kind) => kind === route.integrationType)
  if (!isObject(raw) || intrinsicOf(raw) || !type) return {route: base, places: {method, contentHandling: method, responses: new Map()}}
  const integrationPath = [...method, 'Properties', 'Integration']
  const responses: IntegrationResponseConfig[] = []
  const responsePlaces = new Map<string, SourcePath>()
  const written = Array.isArray(raw['IntegrationResponses']) ? raw['IntegrationResponses'] : []
  written.forEach((entry, index) => {
    const statusCode = isObject(entry) ? literalText(entry['StatusCode']) : undefined
    if (!isObject(entry) || statusCode === undefined) return
    const handling = responseHandling(route, statusCode)
    const pattern = literalText(entry['SelectionPattern'])
    responses.push({
      statusCode,
      ...(pattern ? {selectionPattern: pattern} : {}),
      ...(handling.state === 'declared' ? {contentHandling: handling.value} : {}),
      responseTemplateTypes: keysOf(entry['ResponseTemplates']),
    })
    const at = [...integrationPath, 'IntegrationResponses', index]
    responsePlaces.set(statusCode, 'ContentHandling' in entry ? [...at, 'ContentHandling'] : at)
  })
  const uri = uriText(raw['Uri'])
  const mode = literalText(raw['ResponseTransferMode'])?.toUpperCase()
  const timeout = raw['TimeoutInMillis']
  const integration: IntegrationConfig = {
    type,
    ...(uri ? {uri} : {}),
    ...(route.integration.state === 'declared' ? {contentHandling: route.integration.value} : {}),
    requestTemplateTypes: keysOf(raw['RequestTemplates']),
    responses: responses.sort((a, b) => compareText(a.statusCode, b.statusCode)),
    ...(mode === 'STREAM' || mode === 'BUFFERED' ? {responseTransferMode: mode} : {}),
    ...(typeof timeout === 'number' ? {timeoutInMillis: timeout} : {}),
  }
  const places: RoutePlaces = {
    method,
    contentHandling: 'ContentHandling' in raw ? [...integrationPath, 'ContentHandling'] : integrationPath,
    responses: responsePlaces,
    ...(route.preflight ? generatedPreflight(format, logicalId, method) : {}),
  }
  return {route: {...base, integration}, places}
}

/** Preflights Serverless and CDK generate from a CORS switch come out as Method resources. */
function generatedPreflight(format: LintFormat, logicalId: string, method: SourcePath): {generatedBy?: GeneratedPreflight} {
  if (format === 'serverless-template') {
    // lib/plugins/aws/package/compile/events/api-gateway/lib/cors.js; serverless #10254, PR #11010 unmerged.
    return {
      generatedBy: {
        tool: "Serverless's cors: true",
        path: method,
        workaround: `Serverless writes no contentHandling on the responses of the preflights it generates (serverless #10254): add it in serverless.yml under resources.Resources.${logicalId}.Properties.Integration.IntegrationResponses (ContentHandling: CONVERT_TO_TEXT on each), which Serverless merges into the compiled method.`,
      },
    }
  }
  if (format === 'cdk' && /OPTIONS/.test(logicalId)) {
    return {
      generatedBy: {
        tool: "CDK's addCorsPreflight",
        path: method,
        workaround: "addCorsPreflight has no contentHandling option: reach the generated method with resource.node.findChild('OPTIONS') and addPropertyOverride('Integration.ContentHandling', 'CONVERT_TO_TEXT') and 'Integration.IntegrationResponses.0.ContentHandling'.",
      },
    }
  }
  return {}
}

/**
 * A Deployment is created once and never redeployed when methods change (AWS::ApiGateway::Deployment
 * reference); a logical id that hashes the methods (CDK, aws/aws-cdk PR #7115; SAM's `<Api>Deployment<hash>`)
 * or a timestamp (Serverless's `ApiGatewayDeployment<epoch ms>`) makes every change a new one.
 */
function deployments(template: CfnTemplate, apiLogicalId: string, format: LintFormat): DeclaredDeployment[] {
  return Object.entries(template.resources)
    .filter(([, resource]) => resource.Type === 'AWS::ApiGateway::Deployment' && refOf(resource.Properties['RestApiId']) === apiLogicalId)
    .map(([logicalId]) => ({
      name: logicalId,
      path: ['Resources', logicalId],
      redeploys: format === 'cdk' || format === 'serverless-template' || trailingRun(logicalId, /[0-9a-f]/i) >= 8 || trailingRun(logicalId, /\d/) >= 10,
    }))
}

/**
 * How many characters at the end of `text` match `character`. A scan from the end: an unanchored
 * /[0-9a-f]{8,}$/ retries from every position, quadratic on a long key of hex digits (JSON keys are unbounded).
 */
function trailingRun(text: string, character: RegExp): number {
  let count = 0
  while (count < text.length && character.test(text[text.length - 1 - count]!)) count++
  return count
}

/**
 * Whether the API is imported from an OpenAPI body in merge mode: without Mode, APIs created since
 * 2021-03-29 merge (CloudFormation RestApi `Mode`), and SAM imports its body so (aws/serverless-application-model#3511).
 */
function importMode(definition: string, mode: string, props: CfnObject, apiPath: SourcePath, bodyKey: string, sam: boolean, listsTypes: boolean): MergeImport | undefined {
  if (!listsTypes || mode === 'overwrite' || mode === 'unknown') return undefined
  if (definition === 'none' || (definition === 'generated' && !sam)) return undefined
  if (props['Mode'] !== undefined) return {path: [...apiPath, 'Properties', 'Mode'], because: 'Mode is merge'}
  const bodyAt = props[bodyKey] !== undefined ? bodyKey : ['BodyS3Location', 'DefinitionUri'].find((key) => props[key] !== undefined)
  return {path: bodyAt ? [...apiPath, 'Properties', bodyAt] : apiPath, because: 'no Mode: the import merges for APIs created since 2021-03-29'}
}

function keysOf(value: CfnValue | undefined): string[] {
  return isObject(value) && !intrinsicOf(value) ? Object.keys(value).sort(compareText) : []
}

/** A URI as far as the template says it: `Fn::Sub` and `Fn::Join` keep their literal parts, enough to tell a Lambda URI. */
function uriText(value: CfnValue | undefined): string | undefined {
  const literal = literalText(value)
  if (literal !== undefined) return literal
  const parts: string[] = []
  const collect = (node: CfnValue | undefined): void => {
    if (typeof node === 'string') parts.push(node)
    else if (Array.isArray(node)) node.forEach(collect)
    else if (isObject(node)) Object.values(node).forEach(collect)
  }
  collect(value)
  return parts.length > 0 ? parts.join('') : undefined
}

/** As core/cfn/declared.ts writes paths: one leading slash, no trailing one. */
function normalizePath(path: string): string {
  const trimmed = withoutEdgeSlashes(path.trim(), 'end')
  return trimmed.startsWith('/') ? trimmed || '/' : `/${trimmed}`
}
