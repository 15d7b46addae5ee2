// Small ApiConfigs for the verify tests, shaped after the fixtures (checked against them in
// probe-plan.test.ts): AWS's sample image API and the Lambda-proxy thumbnail service.
import type {ApiConfig, IntegrationConfig, RouteConfig} from '../../../src/core/api-config.js'
import type {ContentHandling} from '../../../src/core/conversion.js'

export const IMAGE_LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:image/invocations'
export const SAMPLE_BINARY_MEDIA_TYPES = ['application/octet-stream', 'image/jpeg']

function lambdaCustom(contentHandling: ContentHandling | undefined, okHandling: ContentHandling | undefined, okTemplates: string[]): IntegrationConfig {
  return {
    type: 'AWS',
    uri: IMAGE_LAMBDA_URI,
    ...(contentHandling ? {contentHandling} : {}),
    requestTemplateTypes: ['application/json'],
    responses: [
      {statusCode: '200', selectionPattern: '2\\d{2}', ...(okHandling ? {contentHandling: okHandling} : {}), responseTemplateTypes: okTemplates},
      {statusCode: '500', responseTemplateTypes: []},
    ],
  }
}

export interface ImageApiOptions {
  binaryMediaTypes?: string[]
  /** PUT /lambda's integration contentHandling; the sample has CONVERT_TO_TEXT. */
  putHandling?: ContentHandling | undefined
  /** GET /lambda's 200 integration response contentHandling; the sample has none. */
  getResponseHandling?: ContentHandling
}

/** "Access binary files in Lambda using an API Gateway API": GET and PUT /lambda?key=K, Lambda non-proxy. */
export function imageApi(options: ImageApiOptions = {}): ApiConfig {
  const putHandling = 'putHandling' in options ? options.putHandling : 'CONVERT_TO_TEXT'
  return {
    binaryMediaTypes: options.binaryMediaTypes ?? [...SAMPLE_BINARY_MEDIA_TYPES],
    routes: [
      {resourcePath: '/lambda', httpMethod: 'GET', integration: lambdaCustom(undefined, options.getResponseHandling, ['application/json'])},
      {resourcePath: '/lambda', httpMethod: 'PUT', integration: lambdaCustom(putHandling, undefined, [])},
    ],
  }
}

function proxy(name: string): IntegrationConfig {
  return {
    type: 'AWS_PROXY',
    uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:thumbnail-service-dev-${name}/invocations`,
    passthroughBehavior: 'WHEN_NO_MATCH',
    requestTemplateTypes: [],
    responses: [],
  }
}

function mockPreflight(resourcePath: string, requestHandling: ContentHandling | undefined, responseHandling: ContentHandling | undefined, responseTemplate = false): RouteConfig {
  return {
    resourcePath,
    httpMethod: 'OPTIONS',
    integration: {
      type: 'MOCK',
      ...(requestHandling ? {contentHandling: requestHandling} : {}),
      passthroughBehavior: 'WHEN_NO_MATCH',
      requestTemplateTypes: ['application/json'],
      responses: [{statusCode: '200', ...(responseHandling ? {contentHandling: responseHandling} : {}), responseTemplateTypes: responseTemplate ? ['application/json'] : []}],
    },
  }
}

export interface ThumbnailOptions {
  binaryMediaTypes?: string[]
  /** contentHandling of the MOCK OPTIONS integrations. */
  preflightHandling?: ContentHandling
  /** contentHandling of the MOCK OPTIONS integrations' 200 responses. */
  preflightResponseHandling?: ContentHandling
  /** The empty application/json response template Serverless declares on its preflights (cors.js); the fixture has none. */
  preflightResponseTemplate?: boolean
}

/** A Serverless-Framework-shaped Lambda-proxy service: POST /upload, GET /thumbnails/{key}, GET /status, MOCK OPTIONS. */
export function thumbnailService(options: ThumbnailOptions = {}): ApiConfig {
  const {preflightHandling, preflightResponseHandling, preflightResponseTemplate} = options
  return {
    binaryMediaTypes: options.binaryMediaTypes ?? [],
    routes: [
      {resourcePath: '/status', httpMethod: 'GET', integration: proxy('status')},
      {resourcePath: '/thumbnails/{key}', httpMethod: 'GET', integration: proxy('thumbnail')},
      mockPreflight('/thumbnails/{key}', preflightHandling, preflightResponseHandling, preflightResponseTemplate),
      mockPreflight('/upload', preflightHandling, preflightResponseHandling, preflightResponseTemplate),
      {resourcePath: '/upload', httpMethod: 'POST', integration: proxy('upload')},
    ],
  }
}

/** Replace one route's integration fields. */
export function withIntegration(config: ApiConfig, httpMethod: string, resourcePath: string, change: Partial<IntegrationConfig>): ApiConfig {
  return {
    ...config,
    routes: config.routes.map((route) =>
      route.httpMethod === httpMethod && route.resourcePath === resourcePath && route.integration ? {...route, integration: {...route.integration, ...change}} : route,
    ),
  }
}
