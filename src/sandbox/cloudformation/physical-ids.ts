// The physical id CloudFormation reports for each resource of an imported stack. The REST API is the one
// the declaration names; API Gateway resources, deployments and stages are tied to the live ones where the
// sandbox has them; the rest get ids in the forms CloudFormation gives them. Forms taken from real
// `describe-stack-resources`/`list-stack-resources` answers for Serverless stacks (serverless/serverless
// `lib/plugins/aws/info/get-resource-count.test.js`; a captured answer for the Serverless stack
// `nzshm22-toshi-api-prod`): RestApi `n1uk4p7kl0` (its id), Resource `az5f7l` (its id), Deployment
// `eoa2a2` (its id), Method `hello-ApiGa-11R27BUE48W38` (5 characters of the stack name, 5 of the logical
// id, 12-13 random upper-case alphanumerics), Lambda function `hello-world-2-dev-hello` (its name),
// permission `hello-world-2-dev-HelloLambdaPermissionApiGateway-18KKZXJG1DPF5`, version
// `arn:aws:lambda:…:function:hello-world-2-dev-hello:2`, log group `/aws/lambda/…` (its name), role
// `hello-world-2-dev-us-east-1-lambdaRole` (its name), bucket `hello-world-2-dev-serverlessdeploymentbucket-1e3l68m8zaz7i`.

import type {RestApiState} from '../model.js'
import type {SandboxStore} from '../store.js'
import {refOf} from '../../core/cfn/intrinsics.js'
import type {CfnValue} from '../../core/cfn/template.js'
import {type ResolveContext, type StackIdentity, Unresolved, partitionOf, resolveContext, resolveIntrinsics} from './resolution.js'
import {type Template, propertiesOf} from './stack-template.js'

export interface PhysicalIdRequest {
  template: Template
  identity: StackIdentity
  /** RestApi logical id → sandbox REST API id. */
  restApis: Record<string, string>
  store: SandboxStore
  /**
   * Called before the ids of the rest are worked out, with a context that works out those it needs: what the
   * stack built itself (SAM's implicit API) exists before the ids of its deployment and stage are looked up.
   */
  prepare?: (context: ResolveContext) => void
}

export function assignPhysicalIds(request: PhysicalIdRequest): Record<string, string> {
  const {template, identity, store} = request
  const assigned: Record<string, string> = {}
  const pending = new Set<string>()
  const random = (length: number) => store.options.ids.next(length)

  const physicalId = (logicalId: string): string | Unresolved => {
    if (Object.hasOwn(assigned, logicalId)) return assigned[logicalId]!
    // A template whose ids depend on each other in a cycle is refused by CloudFormation; here it just stops.
    if (pending.has(logicalId)) return new Unresolved(`a circular reference through ${logicalId}`)
    pending.add(logicalId)
    const id = compute(logicalId)
    pending.delete(logicalId)
    assigned[logicalId] = id
    return id
  }
  const context = resolveContext(template, identity, store, physicalId)
  const resolvedString = (value: CfnValue | undefined): string | undefined => {
    if (value === undefined) return undefined
    const resolved = resolveIntrinsics(value, context)
    return typeof resolved === 'string' ? resolved : undefined
  }
  const tiedApi = (value: CfnValue | undefined): RestApiState | undefined => {
    const id = resolvedString(value)
    return id === undefined ? undefined : store.state.apis.get(id)
  }

  const compute = (logicalId: string): string => {
    const resource = template.Resources[logicalId]!
    const properties = propertiesOf(resource)
    const named = (property: string) => resolvedString(properties[property])
    switch (resource.Type) {
      case 'AWS::ApiGateway::RestApi':
        return request.restApis[logicalId] ?? random(10)
      case 'AWS::ApiGateway::Resource':
        return liveResourceId(logicalId) ?? random(6)
      case 'AWS::ApiGateway::Deployment':
        return liveDeploymentId(logicalId) ?? random(6)
      case 'AWS::ApiGateway::Stage':
        return named('StageName') ?? random(6)
      case 'AWS::Lambda::Function':
        return named('FunctionName') ?? generatedName(identity.stackName, logicalId, random(12).toUpperCase(), 64)
      case 'AWS::Lambda::Version': {
        const functionName = named('FunctionName')
        const {region, accountId} = store.state
        return `arn:${partitionOf(region)}:lambda:${region}:${accountId}:function:${functionName ?? generatedName(identity.stackName, logicalId, random(12).toUpperCase(), 64)}:1`
      }
      case 'AWS::Lambda::Permission':
        return generatedName(identity.stackName, logicalId, mixedCase(random(12), random(12)), 140)
      case 'AWS::Logs::LogGroup':
        return named('LogGroupName') ?? generatedName(identity.stackName, logicalId, random(12).toUpperCase(), 512)
      case 'AWS::IAM::Role':
        return named('RoleName') ?? generatedName(identity.stackName, logicalId, random(12).toUpperCase(), 64)
      case 'AWS::S3::Bucket':
        return named('BucketName') ?? generatedName(identity.stackName, logicalId, random(13), 63).toLowerCase()
      case 'AWS::ApiGateway::Method':
        return `${identity.stackName.slice(0, 5)}-${logicalId.slice(0, 5)}-${random(13).toUpperCase()}`
      default:
        return generatedName(identity.stackName, logicalId, random(13).toUpperCase(), 128)
    }
  }

  // A template's Resource is the live resource at the path its PathPart/ParentId chain spells, which
  // ends at the API's root (`Fn::GetAtt [Api, RootResourceId]`).
  const resourcePath = (logicalId: string, depth = 0): {api: RestApiState; path: string} | undefined => {
    const resource = template.Resources[logicalId]
    if (!resource || resource.Type !== 'AWS::ApiGateway::Resource' || depth > 64) return undefined
    const properties = propertiesOf(resource)
    const api = tiedApi(properties['RestApiId'])
    const pathPart = resolvedString(properties['PathPart'])
    if (!api || pathPart === undefined) return undefined
    const parent = properties['ParentId']
    const parentRef = refOf(parent)
    if (parentRef !== undefined && template.Resources[parentRef]?.Type === 'AWS::ApiGateway::Resource') {
      const above = resourcePath(parentRef, depth + 1)
      return above && above.api === api ? {api, path: `${above.path === '/' ? '' : above.path}/${pathPart}`} : undefined
    }
    return resolvedString(parent) === api.api.rootResourceId ? {api, path: `/${pathPart}`} : undefined
  }
  const liveResourceId = (logicalId: string): string | undefined => {
    const located = resourcePath(logicalId)
    if (!located) return undefined
    for (const resource of located.api.resources.values()) if (resource.path === located.path) return resource.id
    return undefined
  }

  // A template's Deployment is the one the stage it names serves (a Serverless Deployment names its stage;
  // a SAM deployment is named by the Stage resource that refers to it), else the API's latest deployment.
  const liveDeploymentId = (logicalId: string): string | undefined => {
    const properties = propertiesOf(template.Resources[logicalId])
    const api = tiedApi(properties['RestApiId'])
    if (!api) return undefined
    const stageNames = [resolvedString(properties['StageName'])]
    for (const resource of Object.values(template.Resources)) {
      const stage = propertiesOf(resource)
      if (resource.Type === 'AWS::ApiGateway::Stage' && refOf(stage['DeploymentId']) === logicalId) stageNames.unshift(resolvedString(stage['StageName']))
    }
    for (const stageName of stageNames) {
      const stage = stageName === undefined ? undefined : api.stages.get(stageName)
      if (stage) return stage.deploymentId
    }
    let latest: string | undefined
    let latestDate = -Infinity
    for (const deployment of api.deployments.values()) {
      if (deployment.createdDate >= latestDate) {
        latest = deployment.id
        latestDate = deployment.createdDate
      }
    }
    return latest
  }

  request.prepare?.(context)
  for (const logicalId of Object.keys(template.Resources)) physicalId(logicalId)
  return assigned
}

// `{stack}-{logicalId}-{suffix}`, the stack name and logical id shortened to fit when needed.
function generatedName(stackName: string, logicalId: string, suffix: string, limit: number): string {
  const full = `${stackName}-${logicalId}-${suffix}`
  if (full.length <= limit) return full
  const room = Math.max(2, limit - suffix.length - 2)
  const stackPart = stackName.slice(0, Math.ceil(room / 2))
  return `${stackPart}-${logicalId.slice(0, room - stackPart.length)}-${suffix}`
}

function mixedCase(letters: string, coin: string): string {
  let text = ''
  for (let i = 0; i < letters.length; i++) text += coin.charCodeAt(i) % 2 === 0 ? letters[i]!.toUpperCase() : letters[i]
  return text
}
