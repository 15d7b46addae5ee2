// The part of the SAM transform (AWS::Serverless-2016-10-31) a stack of a SAM application needs here: the
// resources CloudFormation lists for it and what drift detection compares. Modelled on samtranslator
// (aws/serverless-application-model): `model/api/api_generator.py` (_construct_rest_api, deployment and
// stage), `model/sam_resources.py` (SamFunction: function, `<Id>Role`), `model/eventsources/push.py`
// (Api events: `<Function><Event>Permission<Stage>`), `swagger/swagger.py::add_binary_media_types`, and
// `plugins/api/implicit_rest_api_plugin.py` with `swagger/swagger.py` (gen_skeleton, add_lambda_integration)
// for the implicit API: Api events without a RestApiId make the AWS::Serverless::Api `ServerlessRestApi`,
// stage `Prod`, whose Swagger 2.0 definition is titled with the stack name and has one aws_proxy POST
// integration per event, to the function's invocation ARN; Globals.Api applies to it as to any
// Serverless::Api (translator test tests/translator/input/implicit_api.yaml and its output).
// Not modelled: Auth, usage plans, domains, layers, other event sources, events with conditions, and the
// exact deployment hash (SAM hashes Python's str() of the definition; here a SHA-1 of its sorted JSON);
// those resources are passed through with their Serverless type and are not checked.

import {createHash} from 'node:crypto'

import {intrinsicOf, mappingOf, refOf} from '../../core/cfn/intrinsics.js'
import {SAM_TRANSFORM} from '../../core/cfn/stack-markers.js'
import type {CfnObject, CfnValue} from '../../core/cfn/template.js'
import {unescapePointerSegment} from '../../core/json-pointer.js'
import {type Template, type TemplateResource, propertiesOf} from './stack-template.js'

type Properties = CfnObject
/** Properties being built, some of them possibly absent. */
type Draft = Record<string, CfnValue | undefined>

const LAMBDA_ASSUME_ROLE_POLICY = {
  Version: '2012-10-17',
  Statement: [{Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: {Service: ['lambda.amazonaws.com']}}],
}

/** The template with the SAM resources replaced by the CloudFormation resources SAM generates for them. */
export function expandSam(template: Template): Template {
  const globals = mappingOf(template.Globals)
  const resources: Record<string, TemplateResource> = {}
  const implicitApi = implicitApiOf(template.Resources)
  const source = implicitApi ? {...template.Resources, [IMPLICIT_API_ID]: implicitApi} : template.Resources
  for (const [logicalId, resource] of Object.entries(source)) {
    const properties = mergeGlobals(globalsFor(resource.Type, globals), propertiesOf(resource))
    if (resource.Type === 'AWS::Serverless::Api') Object.assign(resources, expandApi(logicalId, properties, attributesOf(resource)))
    else if (resource.Type === 'AWS::Serverless::Function') Object.assign(resources, expandFunction(logicalId, properties, attributesOf(resource), source))
    else resources[logicalId] = resource
  }
  const processed: Template = {...template, Resources: resources}
  delete processed.Globals
  // The other transforms (macros with their parameters included) stay, as written.
  const transform = template.Transform
  const others = (Array.isArray(transform) ? transform : [transform]).filter((entry): entry is CfnValue => entry !== undefined && entry !== null && entry !== SAM_TRANSFORM)
  if (others.length === 0) delete processed.Transform
  else processed.Transform = others.length === 1 ? others[0] : others
  return processed
}

/** The logical id SAM gives the implicit API (ImplicitRestApiPlugin.IMPLICIT_API_LOGICAL_ID). */
export const IMPLICIT_API_ID = 'ServerlessRestApi'
const IMPLICIT_API_STAGE = 'Prod'

/** Whether a processed template's REST API is SAM's implicit API, which its source template does not declare. */
export function isImplicitApi(source: Template, logicalId: string): boolean {
  return logicalId === IMPLICIT_API_ID && !Object.hasOwn(source.Resources, IMPLICIT_API_ID) && implicitApiOf(source.Resources) !== undefined
}

type ApiEvent = {Type?: string; Properties?: Properties}

function apiEventsOf(resource: TemplateResource): Array<[string, ApiEvent]> {
  if (resource.Type !== 'AWS::Serverless::Function') return []
  const events = mappingOf(propertiesOf(resource).Events) as Record<string, ApiEvent>
  return Object.entries(events).filter(([, event]) => event?.Type === 'Api' && typeof event.Properties === 'object' && event.Properties !== null)
}

// The Serverless::Api SAM adds for Api events that name no RestApiId (ImplicitApiResource): StageName Prod and
// a managed Swagger skeleton with each event's path and method. A template with its own ServerlessRestApi
// keeps it (SAM then adds the events to it; not modelled).
function implicitApiOf(source: Record<string, TemplateResource>): TemplateResource | undefined {
  if (Object.hasOwn(source, IMPLICIT_API_ID)) return undefined
  const paths: Record<string, Record<string, CfnValue>> = {}
  for (const [functionId, resource] of Object.entries(source)) {
    for (const [, event] of apiEventsOf(resource)) {
      const {Path: path, Method: method, RestApiId: restApiId} = event.Properties!
      if (restApiId !== undefined || typeof path !== 'string' || typeof method !== 'string') continue
      // _normalize_method_name: lower case, `any` as API Gateway's extension.
      const operation = method.toLowerCase() === 'any' ? 'x-amazon-apigateway-any-method' : method.toLowerCase()
      paths[path] = {
        ...paths[path],
        [operation]: {
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: {'Fn::Sub': `arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${functionId}.Arn}/invocations`},
          },
          responses: {},
        },
      }
    }
  }
  if (Object.keys(paths).length === 0) return undefined
  const body = {swagger: '2.0', info: {version: '1.0', title: {Ref: 'AWS::StackName'}}, paths}
  return {Type: 'AWS::Serverless::Api', Properties: {StageName: IMPLICIT_API_STAGE, DefinitionBody: body}}
}

function globalsFor(type: string, globals: CfnObject): Properties {
  const section = type === 'AWS::Serverless::Api' ? globals['Api'] : type === 'AWS::Serverless::Function' ? globals['Function'] : undefined
  return {...mappingOf(section)}
}

// Globals merge as samtranslator's plugins/globals/globals.py _do_merge does: maps merge key by key (the
// resource's values winning), lists concatenate (the global items first), anything else, intrinsic functions
// included, is the resource's.
function mergeGlobals(global: CfnObject, local: CfnObject): CfnObject {
  const merged: CfnObject = {...global}
  for (const [key, value] of Object.entries(local)) merged[key] = Object.hasOwn(global, key) ? mergeGlobalValue(global[key]!, value) : value
  return merged
}

function mergeGlobalValue(global: CfnValue, local: CfnValue): CfnValue {
  const kind = (value: CfnValue) => (Array.isArray(value) ? 'list' : typeof value === 'object' && value !== null && intrinsicOf(value) === undefined ? 'map' : 'primitive')
  if (kind(global) !== kind(local) || kind(local) === 'primitive') return local
  if (kind(local) === 'list') return [...(global as CfnValue[]), ...(local as CfnValue[])]
  return mergeGlobals(global as CfnObject, local as CfnObject)
}

function attributesOf(resource: TemplateResource): Partial<TemplateResource> {
  const {Type: _type, Properties: _properties, ...attributes} = resource
  return attributes
}

function withoutUndefined(properties: Draft): Properties {
  for (const key of Object.keys(properties)) if (properties[key] === undefined) delete properties[key]
  return properties as Properties
}

function expandApi(logicalId: string, properties: Properties, attributes: Partial<TemplateResource>): Record<string, TemplateResource> {
  let body = properties.DefinitionBody as Properties | undefined
  const binaryMediaTypes = properties.BinaryMediaTypes as CfnValue[] | undefined
  if (body && Array.isArray(binaryMediaTypes)) {
    // add_binary_media_types: the `~1` form is written into the definition with `/` (SAM PR #1043).
    const existing = (body['x-amazon-apigateway-binary-media-types'] as CfnValue[] | undefined) ?? []
    const added = binaryMediaTypes.map((type) => (typeof type === 'string' ? unescapePointerSegment(type) : type))
    const merged = [...existing]
    for (const type of added) if (!merged.some((entry) => JSON.stringify(entry) === JSON.stringify(type))) merged.push(type)
    body = {...body, 'x-amazon-apigateway-binary-media-types': merged}
  }
  // EndpointConfiguration is a type name (`REGIONAL`) or `{Type, VPCEndpointIds, IpAddressType}`; SAM passes the
  // type on as RestApi EndpointConfiguration (with VpcEndpointIds and IpAddressType) and as the import parameter
  // `endpointConfigurationTypes` (api_generator.py _set_endpoint_configuration).
  const endpoint = properties.EndpointConfiguration
  const endpointObject = typeof endpoint === 'object' && endpoint !== null && !Array.isArray(endpoint) && intrinsicOf(endpoint) === undefined ? (endpoint as Properties) : undefined
  const endpointType = endpointObject ? endpointObject.Type : endpoint
  const restApi = withoutUndefined({
    Body: body,
    BodyS3Location: body ? undefined : properties.DefinitionUri,
    Name: properties.Name,
    Description: properties.Description,
    // Written verbatim "for backwards compatibility" (api_generator.py), `~1` and all.
    BinaryMediaTypes: binaryMediaTypes,
    MinimumCompressionSize: properties.MinimumCompressionSize,
    ApiKeySourceType: properties.ApiKeySourceType,
    DisableExecuteApiEndpoint: properties.DisableExecuteApiEndpoint,
    Mode: properties.Mode,
    FailOnWarnings: properties.FailOnWarnings,
    EndpointConfiguration:
      endpointType === undefined
        ? undefined
        : withoutUndefined({Types: [endpointType], VpcEndpointIds: endpointObject?.VPCEndpointIds ?? endpointObject?.VpcEndpointIds, IpAddressType: endpointObject?.IpAddressType}),
    Parameters: endpointType === undefined ? undefined : {endpointConfigurationTypes: endpointType},
  })
  // LogicalIdGenerator: the prefix and the first 10 hex digits of a SHA-1 of the definition.
  const digest = createHash('sha1').update(stableJson(restApi.Body ?? restApi.BodyS3Location ?? {})).digest('hex')
  const deploymentId = `${logicalId}Deployment${digest.slice(0, 10)}`
  const stageName = properties.StageName
  const stagePart = typeof stageName === 'string' && /^[A-Za-z0-9]+$/.test(stageName) ? stageName : createHash('sha1').update(stableJson(stageName)).digest('hex').slice(0, 10)
  const resources: Record<string, TemplateResource> = {
    [logicalId]: {Type: 'AWS::ApiGateway::RestApi', Properties: restApi, ...attributes},
    [deploymentId]: {
      Type: 'AWS::ApiGateway::Deployment',
      Properties: {Description: `RestApi deployment id: ${digest}`, RestApiId: {Ref: logicalId}, StageName: 'Stage'},
    },
  }
  if (stageName !== undefined) {
    resources[`${logicalId}${stagePart}Stage`] = {
      Type: 'AWS::ApiGateway::Stage',
      Properties: withoutUndefined({
        DeploymentId: {Ref: deploymentId},
        RestApiId: {Ref: logicalId},
        StageName: stageName,
        Variables: properties.Variables,
        MethodSettings: properties.MethodSettings,
        TracingEnabled: properties.TracingEnabled,
      }),
    }
  }
  return resources
}

function expandFunction(
  logicalId: string,
  properties: Properties,
  attributes: Partial<TemplateResource>,
  source: Record<string, TemplateResource>,
): Record<string, TemplateResource> {
  const resources: Record<string, TemplateResource> = {}
  const tags = [{Key: 'lambda:createdBy', Value: 'SAM'}, ...Object.entries((properties.Tags ?? {}) as Properties).map(([Key, Value]) => ({Key, Value}))]
  let role = properties.Role
  if (role === undefined) {
    const roleId = `${logicalId}Role`
    resources[roleId] = {
      Type: 'AWS::IAM::Role',
      Properties: withoutUndefined({
        AssumeRolePolicyDocument: LAMBDA_ASSUME_ROLE_POLICY,
        ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', ...((properties.ManagedPolicyArns as CfnValue[] | undefined) ?? [])],
        Tags: tags,
      }),
    }
    role = {'Fn::GetAtt': [roleId, 'Arn']}
  }
  const codeUri = properties.CodeUri
  const code: Draft =
    properties.InlineCode !== undefined
      ? {ZipFile: properties.InlineCode}
      : typeof codeUri === 'object' && codeUri !== null
        ? {S3Bucket: (codeUri as Properties).Bucket, S3Key: (codeUri as Properties).Key}
        : // `sam deploy` uploads a local CodeUri and puts its S3 location in the template it deploys.
          {S3Bucket: 'aws-sam-cli-managed-default-samclisourcebucket', S3Key: `${createHash('md5').update(String(codeUri ?? logicalId)).digest('hex')}`}
  resources[logicalId] = {
    Type: 'AWS::Lambda::Function',
    Properties: withoutUndefined({
      Code: withoutUndefined(code),
      FunctionName: properties.FunctionName,
      Handler: properties.Handler,
      Runtime: properties.Runtime,
      MemorySize: properties.MemorySize,
      Timeout: properties.Timeout,
      Environment: properties.Environment,
      Architectures: properties.Architectures,
      Role: role,
      Tags: tags,
    }),
    ...attributes,
  }
  const events = (properties.Events ?? {}) as Record<string, {Type?: string; Properties?: Properties}>
  for (const [eventId, event] of Object.entries(events)) {
    if (event?.Type !== 'Api' || !event.Properties) continue
    const restApiId = event.Properties.RestApiId
    const apiLogicalId = restApiId === undefined ? IMPLICIT_API_ID : typeof restApiId === 'string' ? restApiId : refOf(restApiId)
    if (apiLogicalId === undefined) continue
    const stageName = propertiesOf(source[apiLogicalId]).StageName
    const suffix = restApiId === undefined ? IMPLICIT_API_STAGE : typeof stageName === 'string' ? stageName : 'Stage'
    const method = String(event.Properties.Method ?? '').toLowerCase() === 'any' ? '*' : String(event.Properties.Method ?? '').toUpperCase()
    // get_path_without_trailing_slash: path parameters, greedy ones included, become `*`.
    const path = String(event.Properties.Path ?? '')
      .replace(/^(.+)\/$/, '$1')
      .replace(/\{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)\}/g, '*')
    resources[`${logicalId}${eventId}Permission${suffix}`] = {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: {Ref: logicalId},
        Principal: 'apigateway.amazonaws.com',
        SourceArn: {
          'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${method}${path}`, {__ApiId__: {Ref: apiLogicalId}, __Stage__: '*'}],
        },
      },
    }
  }
  return resources
}

/** JSON with sorted keys, so the digest does not depend on the order a template lists keys in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
