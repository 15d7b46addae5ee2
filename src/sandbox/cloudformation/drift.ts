// Drift detection for one stack resource: the template's declared properties, resolved as CloudFormation
// resolved them, against the live working copy in the sandbox's store. CloudFormation compares only what
// the template declares (DetectStackDrift: "Only resource properties explicitly defined in the stack
// template are checked for drift"), so an out-of-band contentHandling on a Method whose template leaves
// ContentHandling out is no drift. Write-only properties are never compared (the resource schemas'
// `writeOnlyProperties`: RestApi Body, BodyS3Location, CloneFrom, FailOnWarnings, Mode, Parameters;
// Deployment StageName, StageDescription, DeploymentCanarySettings), so an API defined by a Body (SAM's
// DefinitionBody) drifts only on its other declared properties, such as BinaryMediaTypes.
//
// The sandbox compares the properties below (a subset of each schema: the ones it models faithfully);
// other declared properties are left out of ExpectedProperties and ActualProperties alike. Resource types
// outside API Gateway are NOT_CHECKED, with the reason in DriftStatusReason.

import {intrinsicOf, isObject} from '../../core/cfn/intrinsics.js'
import type {CfnValue} from '../../core/cfn/template.js'
import {unescapePointerSegment} from '../../core/json-pointer.js'
import type {IntegrationResponse, Method, RestApiState} from '../model.js'
import type {SandboxStore} from '../store.js'
import {defaultEquality, propertyDifferences} from './property-diff.js'
import {type ResolveContext, Unresolved, resolveIntrinsics} from './resolution.js'
import type {ResourceDrift} from './stack-model.js'
import {type TemplateResource, propertiesOf} from './stack-template.js'

/** `true`: compared as a whole; an object: those members; a one-item array: each item by that shape. */
type Shape = true | {[member: string]: Shape} | [Shape]

const COMPARED: Record<string, {[member: string]: Shape}> = {
  'AWS::ApiGateway::RestApi': {
    Name: true,
    Description: true,
    BinaryMediaTypes: true,
    EndpointConfiguration: {Types: true, VpcEndpointIds: true, IpAddressType: true},
    MinimumCompressionSize: true,
    ApiKeySourceType: true,
    DisableExecuteApiEndpoint: true,
  },
  'AWS::ApiGateway::Resource': {RestApiId: true, ParentId: true, PathPart: true},
  'AWS::ApiGateway::Method': {
    RestApiId: true,
    ResourceId: true,
    HttpMethod: true,
    AuthorizationType: true,
    AuthorizerId: true,
    ApiKeyRequired: true,
    OperationName: true,
    Integration: {
      Type: true,
      IntegrationHttpMethod: true,
      Uri: true,
      ConnectionType: true,
      ContentHandling: true,
      PassthroughBehavior: true,
      TimeoutInMillis: true,
      IntegrationResponses: [{StatusCode: true, SelectionPattern: true, ContentHandling: true}],
    },
  },
  // Deployments made by `--deploy-stage` carry the sandbox's own description, so only the tie is compared.
  'AWS::ApiGateway::Deployment': {RestApiId: true},
  'AWS::ApiGateway::Stage': {RestApiId: true, StageName: true, DeploymentId: true, Description: true},
}

export interface DriftInput {
  logicalId: string
  physicalId: string
  resource: TemplateResource
  context: ResolveContext
  store: SandboxStore
  now: number
}

export function detectResourceDrift(input: DriftInput): ResourceDrift {
  const {logicalId, physicalId, resource, context, store, now} = input
  const base = {logicalId, physicalId, resourceType: resource.Type, differences: [], timestamp: now}
  const shape = COMPARED[resource.Type]
  if (!shape) return {...base, status: 'NOT_CHECKED', reason: `The sandbox models API Gateway only; ${resource.Type} is not checked.`}

  // A resource of a REST API that is gone is gone too, whatever else its properties would resolve to (its
  // ParentId, say, names the deleted API's root resource).
  const properties = propertiesOf(resource)
  const restApiId = resource.Type === 'AWS::ApiGateway::RestApi' ? physicalId : resolveIntrinsics(properties['RestApiId'], context)
  if (typeof restApiId === 'string' && !store.state.apis.has(restApiId)) return {...base, status: 'DELETED'}

  const declared = pick(properties, shape)
  const expected = resolveIntrinsics(declared, context)
  if (expected instanceof Unresolved) return {...base, status: 'NOT_CHECKED', reason: `Not checked: ${expected.reason}.`}
  const live = liveProperties(resource.Type, physicalId, expected as Record<string, unknown>, store)
  if (live === undefined) return {...base, status: 'DELETED'}

  const actual = restrictTo(live, expected)
  const differences = propertyDifferences(expected, actual, equality)
  return {
    ...base,
    status: differences.length > 0 ? 'MODIFIED' : 'IN_SYNC',
    expectedProperties: JSON.stringify(expected),
    actualProperties: JSON.stringify(actual),
    differences,
  }
}

// BinaryMediaTypes as SAM and the old CloudFormation docs write them (`image~1png`) are the media types
// CloudFormation creates (`image/png`); reporting them as drift was a bug CloudFormation fixed
// (aws-cloudformation/cloudformation-coverage-roadmap#1457).
function equality(path: string, expected: unknown, actual: unknown): boolean {
  if (/^\/BinaryMediaTypes\/\d+$/.test(path) && typeof expected === 'string' && typeof actual === 'string') {
    return unescapePointerSegment(expected) === unescapePointerSegment(actual)
  }
  return defaultEquality(path, expected, actual)
}

function pick(value: CfnValue, shape: Shape): CfnValue {
  if (shape === true || value === null || typeof value !== 'object') return value
  // An intrinsic function stands for the whole value; it is resolved, not picked from.
  if (intrinsicOf(value)) return value
  if (Array.isArray(shape)) return Array.isArray(value) ? value.map((item) => pick(item, shape[0])) : value
  if (!isObject(value)) return value
  const picked: Record<string, CfnValue> = {}
  for (const [key, member] of Object.entries(shape)) {
    if (Object.hasOwn(value, key)) picked[key] = pick(value[key]!, member)
  }
  return picked
}

/** The live value limited to the members the template declares (list items are all kept: extras are ADD). */
function restrictTo(actual: unknown, expected: unknown): unknown {
  if (Array.isArray(actual)) return Array.isArray(expected) ? actual.map((item, index) => restrictTo(item, expected[index])) : actual
  if (typeof actual !== 'object' || actual === null || typeof expected !== 'object' || expected === null || Array.isArray(expected)) return actual
  const restricted: Record<string, unknown> = {}
  for (const key of Object.keys(expected)) {
    const value = (actual as Record<string, unknown>)[key]
    if (value !== undefined) restricted[key] = restrictTo(value, (expected as Record<string, unknown>)[key])
  }
  return restricted
}

/** The live resource in the template's property names, or undefined when it no longer exists. */
function liveProperties(type: string, physicalId: string, expected: Record<string, unknown>, store: SandboxStore): Record<string, unknown> | undefined {
  switch (type) {
    case 'AWS::ApiGateway::RestApi': {
      const api = store.state.apis.get(physicalId)?.api
      if (!api) return undefined
      return {
        Name: api.name,
        Description: api.description,
        BinaryMediaTypes: api.binaryMediaTypes?.length ? [...api.binaryMediaTypes] : undefined,
        EndpointConfiguration: {
          Types: [...api.endpointConfiguration.types],
          VpcEndpointIds: api.endpointConfiguration.vpcEndpointIds,
          IpAddressType: api.endpointConfiguration.ipAddressType,
        },
        MinimumCompressionSize: api.minimumCompressionSize,
        ApiKeySourceType: api.apiKeySource,
        DisableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
      }
    }
    case 'AWS::ApiGateway::Resource': {
      const api = apiOf(expected.RestApiId, store)
      const resource = api?.resources.get(physicalId)
      if (!api || !resource) return undefined
      return {RestApiId: api.api.id, ParentId: resource.parentId, PathPart: resource.pathPart}
    }
    case 'AWS::ApiGateway::Method': {
      // A Method is found by its primary identifier: RestApiId, ResourceId, HttpMethod (resource schema).
      const api = apiOf(expected.RestApiId, store)
      const resource = api?.resources.get(String(expected.ResourceId))
      const httpMethod = String(expected.HttpMethod).toUpperCase()
      const method = resource && Object.hasOwn(resource.resourceMethods ?? {}, httpMethod) ? resource.resourceMethods![httpMethod] : undefined
      if (!api || !resource || !method) return undefined
      return methodProperties(api, resource.id, method, expected.Integration as Record<string, unknown> | undefined)
    }
    case 'AWS::ApiGateway::Deployment': {
      const api = apiOf(expected.RestApiId, store)
      return api?.deployments.has(physicalId) ? {RestApiId: api.api.id} : undefined
    }
    case 'AWS::ApiGateway::Stage': {
      const api = apiOf(expected.RestApiId, store)
      const stage = api?.stages.get(physicalId)
      if (!api || !stage) return undefined
      return {RestApiId: api.api.id, StageName: stage.stageName, DeploymentId: stage.deploymentId, Description: stage.description}
    }
    default:
      return undefined
  }
}

function apiOf(restApiId: unknown, store: SandboxStore): RestApiState | undefined {
  return typeof restApiId === 'string' ? store.state.apis.get(restApiId) : undefined
}

function methodProperties(api: RestApiState, resourceId: string, method: Method, expectedIntegration: Record<string, unknown> | undefined): Record<string, unknown> {
  const integration = method.methodIntegration
  return {
    RestApiId: api.api.id,
    ResourceId: resourceId,
    HttpMethod: method.httpMethod,
    AuthorizationType: method.authorizationType,
    AuthorizerId: method.authorizerId,
    ApiKeyRequired: method.apiKeyRequired,
    OperationName: method.operationName,
    Integration: integration && {
      Type: integration.type,
      IntegrationHttpMethod: integration.httpMethod,
      Uri: integration.uri,
      ConnectionType: integration.connectionType,
      ContentHandling: integration.contentHandling,
      PassthroughBehavior: integration.passthroughBehavior,
      TimeoutInMillis: integration.timeoutInMillis,
      IntegrationResponses: alignedResponses(integration.integrationResponses ?? {}, expectedIntegration?.IntegrationResponses),
    },
  }
}

// Integration responses live in a map keyed by status code; the template lists them. Each listed one is
// matched with the live one of its StatusCode (at the template's position), live ones the template does not
// list follow (ADD). A missing one leaves a hole, reported as REMOVE.
function alignedResponses(live: Record<string, IntegrationResponse>, expected: unknown): unknown[] | undefined {
  const wanted = Array.isArray(expected) ? (expected as Record<string, unknown>[]) : []
  if (wanted.length === 0 && Object.keys(live).length === 0) return undefined
  const used = new Set<string>()
  const aligned: unknown[] = wanted.map((item) => {
    const statusCode = String(item?.StatusCode)
    const match = live[statusCode]
    if (!match) return undefined
    used.add(statusCode)
    return responseProperties(match, item)
  })
  for (const [statusCode, response] of Object.entries(live)) if (!used.has(statusCode)) aligned.push(responseProperties(response, undefined))
  return aligned
}

function responseProperties(response: IntegrationResponse, expected: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    StatusCode: response.statusCode,
    // A template's empty SelectionPattern (Serverless writes `''` for the default response) is the pattern
    // API Gateway stores as absent.
    SelectionPattern: response.selectionPattern ?? (expected?.SelectionPattern === '' ? '' : undefined),
    ContentHandling: response.contentHandling,
  }
}
