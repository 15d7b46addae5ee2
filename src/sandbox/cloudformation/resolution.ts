// How a stack's template values resolve against what the stack created: `Ref` gives a resource's physical
// id and `Fn::GetAtt` the attributes the sandbox can know (a REST API's RootResourceId from the store, the
// ARNs CloudFormation documents for Lambda functions and IAM roles). Shared by the import (which works out
// physical ids) and drift detection (which resolves the expected properties).

import type {SandboxStore} from '../store.js'
import {type ResolveContext, Unresolved} from './intrinsics.js'
import type {Template} from './template.js'

export interface StackIdentity {
  stackName: string
  stackId: string
  parameters: Record<string, unknown>
}

export function partitionOf(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws'
}

/**
 * A ResolveContext over a template whose physical ids come from `physicalId` (which may work them out on
 * demand, as the import does).
 */
export function resolveContext(
  template: Template,
  identity: StackIdentity,
  store: SandboxStore,
  physicalId: (logicalId: string) => string | Unresolved,
): ResolveContext {
  const {region, accountId} = store.state
  const partition = partitionOf(region)
  const resources = template.Resources
  return {
    region,
    accountId,
    stackName: identity.stackName,
    stackId: identity.stackId,
    parameters: identity.parameters,
    mappings: (template.Mappings ?? {}) as ResolveContext['mappings'],
    ref: (logicalId) => (Object.hasOwn(resources, logicalId) ? physicalId(logicalId) : undefined),
    getAtt: (logicalId, attribute) => {
      if (!Object.hasOwn(resources, logicalId)) return undefined
      const id = physicalId(logicalId)
      if (id instanceof Unresolved) return id
      const type = resources[logicalId]!.Type
      // Attribute names per each resource's "Return values" in the template reference.
      switch (`${type}.${attribute}`) {
        case 'AWS::ApiGateway::RestApi.RootResourceId': {
          const api = store.state.apis.get(id)
          return api ? api.api.rootResourceId : new Unresolved(`REST API ${id} no longer exists, so its RootResourceId is unknown`)
        }
        case 'AWS::ApiGateway::RestApi.RestApiId':
        case 'AWS::ApiGateway::Resource.ResourceId':
        case 'AWS::ApiGateway::Deployment.DeploymentId':
          return id
        case 'AWS::Lambda::Function.Arn':
          return `arn:${partition}:lambda:${region}:${accountId}:function:${id}`
        case 'AWS::IAM::Role.Arn':
          return `arn:${partition}:iam::${accountId}:role/${id}`
        case 'AWS::S3::Bucket.Arn':
          return `arn:${partition}:s3:::${id}`
        case 'AWS::Logs::LogGroup.Arn':
          return `arn:${partition}:logs:${region}:${accountId}:log-group:${id}:*`
        default:
          return new Unresolved(`Fn::GetAtt ${logicalId}.${attribute} (${type}) is not modelled by the sandbox`)
      }
    },
  }
}
