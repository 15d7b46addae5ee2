// A Terraform plan as `terraform show -json` prints it: the REST APIs of planned_values (root module and
// child modules), with their resources, integrations, integration responses and deployments linked by the
// references of the plan's configuration (ids are unknown until apply). Attributes as the AWS provider
// names them (hashicorp/terraform-provider-aws docs: aws_api_gateway_rest_api binary_media_types, body,
// put_rest_api_mode; aws_api_gateway_integration and _integration_response content_handling;
// aws_api_gateway_deployment triggers). Values Terraform only knows after apply are absent from the plan.

import {type IntegrationConfig, type IntegrationKind, type IntegrationResponseConfig, type RouteConfig, compareText, routeKey, sortRoutes} from '../../api-config.js'
import type {ContentHandling} from '../../conversion.js'
import {readStrictYaml} from '../../strict-yaml.js'
import type {DeclaredDeployment, DeclaredMediaType, LintedApi, MergeImport, RoutePlaces} from '../linted-api.js'
import type {SourcePath} from '../positions.js'
import {type OpenApiRead, isRecord, readOpenApi} from './openapi-document.js'

interface Planned {
  address: string
  type: string
  values: Record<string, unknown>
  path: SourcePath
  /** Configuration expressions, by attribute. */
  expressions: Record<string, unknown>
  /** The module the resource is in: `module.x.` or ''. */
  module: string
}

export function isTerraformPlan(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value['format_version'] === 'string' && (isRecord(value['planned_values']) || isRecord(value['configuration']))
}

export function readTerraformPlan(plan: Record<string, unknown>): LintedApi[] {
  const expressions = new Map<string, Record<string, unknown>>()
  const configuration = isRecord(plan['configuration']) ? plan['configuration'] : {}
  collectExpressions(configuration['root_module'], '', expressions)
  const resources: Planned[] = []
  const planned = isRecord(plan['planned_values']) ? plan['planned_values'] : {}
  collectPlanned(planned['root_module'], ['planned_values', 'root_module'], resources, expressions)
  const resolver = new References(resources)
  return resources.filter((resource) => resource.type === 'aws_api_gateway_rest_api').map((api) => readApi(api, resources, resolver))
}

function collectExpressions(module: unknown, prefix: string, into: Map<string, Record<string, unknown>>): void {
  if (!isRecord(module)) return
  for (const resource of Array.isArray(module['resources']) ? module['resources'] : []) {
    if (isRecord(resource) && typeof resource['address'] === 'string') into.set(prefix + resource['address'], isRecord(resource['expressions']) ? resource['expressions'] : {})
  }
  const calls = isRecord(module['module_calls']) ? module['module_calls'] : {}
  for (const [name, call] of Object.entries(calls)) if (isRecord(call)) collectExpressions(call['module'], `${prefix}module.${name}.`, into)
}

function collectPlanned(module: unknown, path: SourcePath, into: Planned[], expressions: Map<string, Record<string, unknown>>): void {
  if (!isRecord(module)) return
  const moduleAddress = typeof module['address'] === 'string' ? `${module['address']}.` : ''
  const list = Array.isArray(module['resources']) ? module['resources'] : []
  list.forEach((resource, index) => {
    if (!isRecord(resource) || resource['mode'] === 'data' || typeof resource['address'] !== 'string' || typeof resource['type'] !== 'string') return
    const address = resource['address']
    // Configuration addresses have no instance keys, and module calls' none either.
    const configAddress = address.replaceAll(/\[[^\]]*\]/g, '')
    into.push({
      address,
      type: resource['type'],
      values: isRecord(resource['values']) ? resource['values'] : {},
      path: [...path, 'resources', index],
      expressions: expressions.get(configAddress) ?? {},
      module: moduleAddress.replaceAll(/\[[^\]]*\]/g, ''),
    })
  })
  const children = Array.isArray(module['child_modules']) ? module['child_modules'] : []
  children.forEach((child, index) => collectPlanned(child, [...path, 'child_modules', index], into, expressions))
}

/** What a resource's attribute refers to, from the configuration's `references` (`aws_api_gateway_rest_api.api.id`). */
class References {
  constructor(private readonly resources: readonly Planned[]) {}

  target(from: Planned, attribute: string): {resource: Planned; attribute: string} | undefined {
    const expression = from.expressions[attribute]
    const references = isRecord(expression) && Array.isArray(expression['references']) ? expression['references'] : []
    for (const reference of references) {
      if (typeof reference !== 'string') continue
      const full = from.module + reference
      const resource = this.resources
        .filter((candidate) => full === stripIndex(candidate.address) || full.startsWith(`${stripIndex(candidate.address)}.`))
        .sort((a, b) => b.address.length - a.address.length)[0]
      if (resource) return {resource, attribute: full.slice(stripIndex(resource.address).length + 1)}
    }
    return undefined
  }

  mentions(from: Planned, attribute: string, pattern: RegExp): boolean {
    const expression = from.expressions[attribute]
    const references = isRecord(expression) && Array.isArray(expression['references']) ? expression['references'] : []
    return references.some((reference) => typeof reference === 'string' && pattern.test(reference))
  }

  /** The REST API a resource belongs to: its rest_api_id reference, or the plan's only API. */
  apiOf(from: Planned): Planned | undefined {
    const target = this.target(from, 'rest_api_id')?.resource
    if (target?.type === 'aws_api_gateway_rest_api') return target
    const apis = this.resources.filter((resource) => resource.type === 'aws_api_gateway_rest_api')
    return apis.length === 1 ? apis[0] : undefined
  }

  /** The path of the resource `resource_id` names: `/` for the API's root_resource_id. */
  pathOf(from: Planned, attribute: string, seen = new Set<string>()): string | undefined {
    const target = this.target(from, attribute)
    if (!target) return undefined
    if (target.resource.type === 'aws_api_gateway_rest_api') return target.attribute === 'root_resource_id' ? '/' : undefined
    if (target.resource.type !== 'aws_api_gateway_resource' || seen.has(target.resource.address)) return undefined
    seen.add(target.resource.address)
    const known = target.resource.values['path']
    if (typeof known === 'string') return known
    const part = target.resource.values['path_part']
    const parent = this.pathOf(target.resource, 'parent_id', seen)
    if (typeof part !== 'string' || parent === undefined) return undefined
    return parent === '/' ? `/${part}` : `${parent}/${part}`
  }
}

function stripIndex(address: string): string {
  return address.replaceAll(/\[[^\]]*\]/g, '')
}

const KINDS: readonly IntegrationKind[] = ['HTTP', 'AWS', 'MOCK', 'HTTP_PROXY', 'AWS_PROXY']

function readApi(api: Planned, resources: readonly Planned[], refs: References): LintedApi {
  const values = api.values
  const listed = values['binary_media_types']
  // binary_media_types goes to CreateRestApi as written: a "~1" is stored as it is.
  const propertyTypes: DeclaredMediaType[] = Array.isArray(listed)
    ? listed.flatMap((entry, index) => (typeof entry === 'string' ? [{raw: entry, stored: entry, path: [...api.path, 'values', 'binary_media_types', index], place: `${api.address}.binary_media_types`, literal: true}] : []))
    : []
  const body = bodyDocument(values['body'], [...api.path, 'values', 'body'], `${api.address}.body x-amazon-apigateway-binary-media-types`)
  const bodyTypes = body?.mediaTypes ?? []
  // "If the argument value is provided and is different than the OpenAPI value, the argument value will
  // override the OpenAPI value" (aws_api_gateway_rest_api docs, binary_media_types).
  const mediaTypes = propertyTypes.length > 0 ? propertyTypes : bodyTypes
  const routes: RouteConfig[] = body ? [...body.config.routes] : []
  const places = new Map<string, RoutePlaces>(body?.routes ?? [])

  const mine = resources.filter((resource) => resource !== api && refs.apiOf(resource) === api)
  const responses = mine.filter((resource) => resource.type === 'aws_api_gateway_integration_response')
  for (const integration of mine.filter((resource) => resource.type === 'aws_api_gateway_integration')) {
    const resourcePath = refs.pathOf(integration, 'resource_id')
    const httpMethod = typeof integration.values['http_method'] === 'string' ? integration.values['http_method'].toUpperCase() : undefined
    const type = KINDS.find((kind) => kind === String(integration.values['type'] ?? '').toUpperCase())
    if (resourcePath === undefined || httpMethod === undefined || !type) continue
    const own = responses.filter((response) => refs.pathOf(response, 'resource_id') === resourcePath && String(response.values['http_method'] ?? '').toUpperCase() === httpMethod)
    const responseConfigs: IntegrationResponseConfig[] = []
    const responsePlaces = new Map<string, SourcePath>()
    for (const response of own) {
      const statusCode = response.values['status_code']
      if (typeof statusCode !== 'string') continue
      const handling = contentHandling(response.values['content_handling'])
      const pattern = response.values['selection_pattern']
      responseConfigs.push({
        statusCode,
        ...(typeof pattern === 'string' && pattern !== '' ? {selectionPattern: pattern} : {}),
        ...(handling ? {contentHandling: handling} : {}),
        responseTemplateTypes: keys(response.values['response_templates']),
      })
      responsePlaces.set(statusCode, handling ? [...response.path, 'values', 'content_handling'] : response.path)
    }
    const uri = typeof integration.values['uri'] === 'string' ? integration.values['uri'] : refs.mentions(integration, 'uri', /^aws_lambda_function\./) ? 'arn:aws:apigateway:region:lambda:path/2015-03-31/functions/(known after apply)/invocations' : undefined
    const handling = contentHandling(integration.values['content_handling'])
    const mode = String(integration.values['response_transfer_mode'] ?? '').toUpperCase()
    const config: IntegrationConfig = {
      type,
      ...(uri ? {uri} : {}),
      ...(handling ? {contentHandling: handling} : {}),
      requestTemplateTypes: keys(integration.values['request_templates']),
      responses: responseConfigs.sort((a, b) => compareText(a.statusCode, b.statusCode)),
      ...(mode === 'STREAM' || mode === 'BUFFERED' ? {responseTransferMode: mode} : {}),
    }
    const route: RouteConfig = {resourcePath, httpMethod, integration: config, resourceId: routeKey({resourcePath, httpMethod})}
    const index = routes.findIndex((known) => routeKey(known) === routeKey(route))
    if (index >= 0) routes.splice(index, 1)
    routes.push(route)
    places.set(routeKey(route), {method: integration.path, contentHandling: handling ? [...integration.path, 'values', 'content_handling'] : integration.path, responses: responsePlaces})
  }

  const deployments: DeclaredDeployment[] = mine
    .filter((resource) => resource.type === 'aws_api_gateway_deployment')
    .map((deployment) => {
      // aws_api_gateway_deployment is not recreated when integrations change (provider #162); triggers is the documented way.
      const triggers = (isRecord(deployment.values['triggers']) && Object.keys(deployment.values['triggers']).length > 0) || deployment.expressions['triggers'] !== undefined
      const idsOnly = triggers && hashesIdsOnly(deployment.expressions['triggers'])
      return {name: deployment.address, path: deployment.path, redeploys: triggers && !idsOnly, ...(idsOnly ? {idsOnly} : {})}
    })
  const mergeImport: MergeImport | undefined =
    body && mediaTypes.length > 0 && String(values['put_rest_api_mode'] ?? '').toLowerCase() === 'merge' ? {path: [...api.path, 'values', 'put_rest_api_mode'], because: 'put_rest_api_mode is merge'} : undefined
  return {
    name: api.address,
    format: 'terraform-plan',
    iacFormat: 'terraform',
    config: {binaryMediaTypes: [...new Set(mediaTypes.map((entry) => entry.stored))], routes: sortRoutes(routes)},
    api: api.path,
    ...(listed !== undefined && listed !== null ? {mediaTypeList: [...api.path, 'values', 'binary_media_types']} : body?.mediaTypeList ? {mediaTypeList: body.mediaTypeList} : {}),
    mediaTypes: [...propertyTypes, ...bodyTypes],
    routes: places,
    deployments,
    ...(mergeImport ? {mergeImport} : {}),
    ...(propertyTypes.length > 0 && bodyTypes.length > 0 ? {propertyAndBody: {property: propertyTypes, body: bodyTypes, path: [...api.path, 'values', 'binary_media_types']}} : {}),
  }
}

/**
 * Triggers whose every reference is a resource's `id` (Terraform lists `aws_x.y.id` and `aws_x.y` for it):
 * ids do not change with content_handling or binary_media_types, so such a deployment is not replaced when
 * they do ("will satisfy ordering considerations, but not pick up all future REST API changes", the
 * aws_api_gateway_deployment documentation's own note on its example).
 */
function hashesIdsOnly(expression: unknown): boolean {
  const references = isRecord(expression) && Array.isArray(expression['references']) ? expression['references'].filter((entry): entry is string => typeof entry === 'string') : []
  if (references.length === 0) return false
  return references.every((reference) => reference.endsWith('.id') || references.includes(`${reference}.id`))
}

/** `body` is the OpenAPI document as a string (jsonencode, file()). */
function bodyDocument(body: unknown, path: SourcePath, place: string): OpenApiRead | undefined {
  if (typeof body !== 'string' || body.trim() === '') return undefined
  try {
    return readOpenApi(readStrictYaml(body).value, path, place)
  } catch {
    return undefined
  }
}

function contentHandling(value: unknown): ContentHandling | undefined {
  return value === 'CONVERT_TO_BINARY' || value === 'CONVERT_TO_TEXT' ? value : undefined
}

function keys(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value).sort(compareText) : []
}
