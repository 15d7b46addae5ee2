// The two sample APIs as the live working copy iac reads (resource ids included), broken the way the e2e
// tests break them, judged against their specs: the durable changes the generator tests render.
import {readFileSync} from 'node:fs'

import type {ApiConfig, RouteConfig} from '../../../src/core/api-config.js'
import {apiConfigFromOpenApi} from '../../../src/core/api-config-readers.js'
import {declaredBinaryHandling} from '../../../src/core/cfn/declared.js'
import type {Owner} from '../../../src/core/cfn/owner.js'
import {parseTemplate} from '../../../src/core/cfn/template.js'
import type {DesiredSpec} from '../../../src/core/desired-spec.js'
import {type DurableChange, type IacFormat, type SourceNames, durableChange, stackNames} from '../../../src/core/iac/index.js'
import {judge} from '../../../src/core/rules/index.js'
import {parseDesiredSpec} from '../../../src/desired-spec/load-spec.js'

export const REST_API_ID = 'a1b2c3d4e5'

export function fixtureApi(name: string): ApiConfig {
  const document = JSON.parse(readFileSync(new URL(`../../../fixtures/apis/${name}`, import.meta.url), 'utf8')) as unknown
  const config = apiConfigFromOpenApi(document)
  // Exports carry no resource ids; the working copy does, and fixes address them.
  return {...config, routes: config.routes.map((route) => ({...route, resourceId: `r${route.resourcePath.length}${route.resourcePath.replaceAll(/[^a-z]/g, '').slice(0, 4)}`}))}
}

export function fixtureSpec(name: string): DesiredSpec {
  const file = `fixtures/specs/${name}`
  return parseDesiredSpec(file, readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8'))
}

export function changeFor(live: ApiConfig, spec: DesiredSpec, stage: string | null = spec.stage ?? null): DurableChange {
  const {findings} = judge({restApiId: REST_API_ID, live, spec})
  return durableChange({api: {id: REST_API_ID, name: 'ApiName'}, region: 'us-east-1', stage, spec, live, findings})
}

/** The corrected image API with both binary media types lost and PUT /lambda's CONVERT_TO_TEXT gone. */
export function driftedImageApi(): ApiConfig {
  const api = fixtureApi('image-api.corrected.oas30.json')
  return {binaryMediaTypes: [], routes: api.routes.map((route) => (route.httpMethod === 'PUT' ? withoutRequestHandling(route) : route))}
}

function withoutRequestHandling(route: RouteConfig): RouteConfig {
  const {contentHandling: _dropped, ...integration} = route.integration!
  return {...route, integration}
}

export function imageApiChange(): DurableChange {
  return changeFor(driftedImageApi(), fixtureSpec('image-api.binfix.yaml'))
}

export function thumbnailChange(): DurableChange {
  return changeFor(fixtureApi('thumbnail-service.oas30.json'), fixtureSpec('thumbnail-service.binfix.yaml'))
}

/** The changes every format is rendered for in the generator tests (and checked by terraform fmt). */
export const SNIPPET_CHANGES: Array<[string, () => DurableChange]> = [
  ['image API', imageApiChange],
  ['thumbnail service', thumbnailChange],
  [
    'exact spec with a PASSTHROUGH response',
    () =>
      changeFor({...driftedImageApi(), binaryMediaTypes: ['image/png']}, {
        ...fixtureSpec('image-api.binfix.yaml'),
        binaryMediaTypesMode: 'exact',
        routes: [{key: 'GET /lambda', httpMethod: 'GET', resourcePath: '/lambda', responses: {'200': 'CONVERT_TO_BINARY', '500': 'PASSTHROUGH'}}],
      }),
  ],
]

/** The streamed thumbnail service under its spec (transferMode STREAM, image/png for uploads). */
export function streamedThumbnailChange(): DurableChange {
  return changeFor(fixtureApi('thumbnail-service-streaming.oas30.json'), fixtureSpec('thumbnail-service-streaming.binfix.yaml'))
}

/** The buffered thumbnail service under the streaming spec: STREAM to set, and the Lambda URI with it. */
export function toStreamThumbnailChange(): DurableChange {
  return changeFor(fixtureApi('thumbnail-service.oas30.json'), fixtureSpec('thumbnail-service-streaming.binfix.yaml'))
}

/** The fixture stacks that deploy the two sample APIs, as readOwnership finds them. */
export const IMAGE_STACK_OWNER: Owner = {kind: 'sam', stackName: 'image-api', logicalId: 'ApiName', reasons: []}
export const THUMBNAIL_STACK_OWNER: Owner = {kind: 'serverless', stackName: 'thumbnail-service-dev', logicalId: 'ApiGatewayRestApi', reasons: []}

/** The names iac passes for `format` when `owner`'s stack, deployed from fixtures/stacks/`templateFile`, deploys `live`. */
export function fixtureStackNames(format: IacFormat, templateFile: string, owner: Owner, live: ApiConfig): SourceNames {
  const template = parseTemplate(readFileSync(new URL(`../../../fixtures/stacks/${templateFile}`, import.meta.url), 'utf8'))
  return stackNames(format, owner, declaredBinaryHandling(template, owner.logicalId!, live.routes))
}
