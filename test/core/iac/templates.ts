// Minimal templates around the CloudFormation and SAM snippets: what the snippet leaves to the owner's
// template (the RestApi's name, Resources, each Method's required properties and integration type, a
// Function for SAM) is filled in, then the snippet is merged over it, as its comments tell a reader to.
// With names, the template uses the logical ids the snippet was rendered with.
import {parse} from 'yaml'

import type {DurableChange, MethodSetting} from '../../../src/core/iac/durable-change.js'
import {type SourceNames, knownMethodLogicalId, methodLogicalId, pathWords} from '../../../src/core/iac/names.js'
import {openApiOperation} from '../../../src/core/iac/sam.js'

type Json = Record<string, unknown>

/** Objects merge key by key; anything else (lists included) is replaced by the snippet's value. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over
  const result: Json = {...base}
  for (const [key, value] of Object.entries(over)) result[key] = deepMerge(base[key], value)
  return result
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function cloudFormationTemplate(change: DurableChange, snippetText: string, names: SourceNames = {}): Json {
  const snippet = (parse(snippetText) as {Resources: Record<string, Json>}).Resources
  const resources: Json = {...snippet}
  const restApi = names.restApi ?? 'RestApi'
  resources[restApi] = deepMerge({Type: 'AWS::ApiGateway::RestApi', Properties: {Name: change.api.name}}, snippet[restApi])
  for (const [id, resource] of Object.entries(pathResources(change.methods, restApi))) resources[id] = resource
  for (const method of change.methods) {
    const id = knownMethodLogicalId(names, method) ?? methodLogicalId(method)
    const base = {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        RestApiId: {Ref: restApi},
        ResourceId: resourceRef(method.resourcePath, restApi),
        HttpMethod: method.httpMethod,
        AuthorizationType: 'NONE',
        MethodResponses: method.responses.map((response) => ({StatusCode: response.statusCode})),
        Integration: cfnIntegration(method),
      },
    }
    resources[id] = deepMerge(base, snippet[id])
  }
  return {AWSTemplateFormatVersion: '2010-09-09', Resources: resources}
}

export function samTemplate(change: DurableChange, snippetText: string, options: {globals?: boolean; names?: SourceNames} = {}): Json {
  const logicalId = options.names?.restApi ?? 'Api'
  const document = parse(snippetText) as {Resources: Record<string, Json>}
  const paths: Json = {}
  for (const method of change.methods) {
    paths[method.resourcePath] = {
      ...(paths[method.resourcePath] as Json | undefined),
      [openApiOperation(method.httpMethod)]: {responses: {'200': {description: 'OK'}}, 'x-amazon-apigateway-integration': openApiIntegration(method)},
    }
  }
  const base = {
    Type: 'AWS::Serverless::Api',
    Properties: {StageName: change.stage ?? 'v1', DefinitionBody: {openapi: '3.0.1', info: {title: change.api.name, version: '1.0'}, paths: {'/health': {}, ...paths}}},
  }
  const api = deepMerge(base, document.Resources[logicalId]) as {Properties: Json}
  const template: Json = {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Resources: {
      [logicalId]: api,
      Fn: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          Runtime: 'nodejs24.x',
          Handler: 'index.handler',
          InlineCode: "exports.handler = async () => ({statusCode: 200, body: 'ok'})",
          Events: {Health: {Type: 'Api', Properties: {RestApiId: {Ref: logicalId}, Path: '/health', Method: 'get'}}},
        },
      },
    },
  }
  if (options.globals) {
    // The alternative the footer shows as comments: the list in Globals.Api, not on the resource.
    const commented = snippetText.split('\n').filter((line) => line.startsWith('# '))
    const start = commented.findIndex((line) => line === '# Globals:')
    template['Globals'] = (parse(commented.slice(start).map((line) => line.slice(2)).join('\n')) as Json)['Globals']
    delete api.Properties['BinaryMediaTypes']
  }
  return template
}

function cfnIntegration(method: MethodSetting): Json {
  if (method.integrationType === 'MOCK') return {Type: 'MOCK', RequestTemplates: {'application/json': '{"statusCode": 200}'}}
  if (method.integrationType === 'HTTP' || method.integrationType === 'HTTP_PROXY') return {Type: method.integrationType, IntegrationHttpMethod: method.httpMethod, Uri: method.uri}
  return {Type: method.integrationType, IntegrationHttpMethod: 'POST', Uri: method.uri}
}

function openApiIntegration(method: MethodSetting): Json {
  if (method.integrationType === 'MOCK') return {type: 'mock', requestTemplates: {'application/json': '{"statusCode": 200}'}}
  return {type: method.integrationType.toLowerCase(), httpMethod: method.integrationType.startsWith('HTTP') ? method.httpMethod : 'POST', uri: method.uri}
}

/** An AWS::ApiGateway::Resource per path part of every method's path. */
function pathResources(methods: readonly MethodSetting[], restApi: string): Json {
  const resources: Json = {}
  for (const method of methods) {
    const parts = method.resourcePath.split('/').filter(Boolean)
    parts.forEach((part, index) => {
      const path = `/${parts.slice(0, index + 1).join('/')}`
      const parent = index === 0 ? '/' : `/${parts.slice(0, index).join('/')}`
      resources[resourceId(path)] = {Type: 'AWS::ApiGateway::Resource', Properties: {RestApiId: {Ref: restApi}, ParentId: resourceRef(parent, restApi), PathPart: part}}
    })
  }
  return resources
}

function resourceRef(path: string, restApi: string): Json {
  return path === '/' ? {'Fn::GetAtt': [restApi, 'RootResourceId']} : {Ref: resourceId(path)}
}

function resourceId(path: string): string {
  return `Resource${pathWords(path)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}`
}
