// SAM's implicit API built in the sandbox, as CloudFormation creates it from the processed template (sam.ts):
// the RestApi ServerlessRestApi from its Body (resolved against the stack: the functions' ARNs, the stack
// name as the title), with the RestApi properties Globals.Api gave it (EndpointConfiguration, Description,
// MinimumCompressionSize, ApiKeySourceType, DisableExecuteApiEndpoint; BinaryMediaTypes are in the Body),
// and its Deployment serving the stage its Stage resource names (Prod). There is no OpenAPI file to import
// for it: `--import-stack` builds it unless the declaration names a REST API for it.

import {refOf} from '../../core/cfn/intrinsics.js'
import {ApiGatewayError} from '../api-errors.js'
import type {RestApiState} from '../model.js'
import {parseDefinitionDocument} from '../openapi/import.js'
import type {SandboxStore} from '../store.js'
import {isEndpointType, setEndpointType} from './endpoint-type.js'
import {type ResolveContext, Unresolved, resolveIntrinsics} from './resolution.js'
import {StackDeclarationError} from './stack-declaration.js'
import {type Template, propertiesOf} from './stack-template.js'

/** A REST API to build: created empty now, so the stack's physical ids can name it, and laid out by `build`. */
export function reserveImplicitApi(store: SandboxStore, stackName: string): RestApiState {
  return store.createApi({name: stackName}, false)
}

export function buildImplicitApi(store: SandboxStore, api: RestApiState, template: Template, logicalId: string, context: ResolveContext): void {
  const properties = propertiesOf(template.Resources[logicalId])
  const resolved = (name: string): unknown => {
    const value = resolveIntrinsics(properties[name], context)
    if (value instanceof Unresolved) throw new StackDeclarationError(`the implicit API ${logicalId}: ${name}: ${value.reason}`)
    return value
  }
  let definition
  try {
    definition = parseDefinitionDocument(JSON.stringify(resolved('Body')))
  } catch (error) {
    if (error instanceof ApiGatewayError) throw new StackDeclarationError(`the implicit API ${logicalId}: ${error.message}`)
    throw error
  }
  store.applyDefinition(api, definition, 'overwrite')

  const endpoint = resolved('EndpointConfiguration') as {Types?: unknown; VpcEndpointIds?: unknown; IpAddressType?: unknown} | undefined
  const types = Array.isArray(endpoint?.Types) ? endpoint.Types.map(String) : undefined
  if (types) {
    if (types.length !== 1 || !isEndpointType(types[0]!)) throw new StackDeclarationError(`the implicit API ${logicalId}: EndpointConfiguration ${JSON.stringify(types)} is not one of EDGE, REGIONAL, PRIVATE`)
    setEndpointType(api.api, types[0]!)
  }
  if (Array.isArray(endpoint?.VpcEndpointIds) && endpoint.VpcEndpointIds.length > 0) api.api.endpointConfiguration.vpcEndpointIds = endpoint.VpcEndpointIds.map(String)
  if (endpoint?.IpAddressType === 'ipv4' || endpoint?.IpAddressType === 'dualstack') api.api.endpointConfiguration.ipAddressType = endpoint.IpAddressType
  const description = resolved('Description')
  if (typeof description === 'string') api.api.description = description
  const minimumCompressionSize = resolved('MinimumCompressionSize')
  if (minimumCompressionSize !== undefined) api.api.minimumCompressionSize = Number(minimumCompressionSize)
  const apiKeySource = resolved('ApiKeySourceType')
  if (apiKeySource === 'HEADER' || apiKeySource === 'AUTHORIZER') api.api.apiKeySource = apiKeySource
  const disableExecuteApiEndpoint = resolved('DisableExecuteApiEndpoint')
  if (disableExecuteApiEndpoint !== undefined) api.api.disableExecuteApiEndpoint = String(disableExecuteApiEndpoint) === 'true'

  // The Stage resource of this API names the stage and its Deployment; SAM's deployment carries a description.
  for (const resource of Object.values(template.Resources)) {
    const stage = propertiesOf(resource)
    if (resource.Type !== 'AWS::ApiGateway::Stage' || refOf(stage['RestApiId']) !== logicalId) continue
    const deploymentId = refOf(stage['DeploymentId'])
    const deployment = deploymentId === undefined ? {} : propertiesOf(template.Resources[deploymentId])
    const stageName = resolveIntrinsics(stage['StageName'], context)
    const deploymentDescription = resolveIntrinsics(deployment['Description'], context)
    store.deploy(api, {
      ...(typeof stageName === 'string' ? {stageName} : {}),
      ...(typeof deploymentDescription === 'string' ? {description: deploymentDescription} : {}),
    })
  }
}
