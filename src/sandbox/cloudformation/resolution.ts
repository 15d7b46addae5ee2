// How a stack's template values resolve against what the stack created, as CloudFormation resolved them
// when it created the stack (template reference, "Intrinsic function reference"): `Ref` gives a resource's
// physical id and `Fn::GetAtt` the attributes the sandbox can know (a REST API's RootResourceId from the
// store, the ARNs CloudFormation documents for Lambda functions and IAM roles). Shared by the import (which
// works out physical ids) and drift detection (which resolves the expected properties). The core recognises
// the functions (src/core/cfn/intrinsics.ts); evaluating them is the sandbox's, because only it has the
// physical ids. What it cannot know (an export of another stack, a condition's value, an attribute it does
// not model) resolves to an Unresolved value naming the reason, and the resource that holds it is not checked.

import {type GetAtt, type Intrinsic, getAttOf, intrinsicOf, isObject, refOf, splitGetAtt, substitute} from '../../core/cfn/intrinsics.js'
import type {CfnValue} from '../../core/cfn/template.js'
import type {SandboxStore} from '../store.js'
import type {Template} from './stack-template.js'

export class Unresolved {
  constructor(readonly reason: string) {}
}

export interface ResolveContext {
  region: string
  accountId: string
  stackName: string
  stackId: string
  /** Template parameters with their values (declared values or defaults). */
  parameters: Record<string, unknown>
  /** The template's Mappings section. */
  mappings: CfnValue
  /** `Ref` of a resource: its physical id. */
  ref(logicalId: string): string | Unresolved | undefined
  /** `Fn::GetAtt`; undefined when the logical id is not a resource of the template. */
  getAtt(logicalId: string, attribute: string): unknown
}

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
    mappings: template.Mappings ?? {},
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

/** Pseudo parameters (template reference, "Pseudo parameters reference"). */
function pseudoParameter(name: string, context: ResolveContext): unknown {
  switch (name) {
    case 'AWS::Region':
      return context.region
    case 'AWS::AccountId':
      return context.accountId
    case 'AWS::Partition':
      return partitionOf(context.region)
    case 'AWS::URLSuffix':
      return context.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
    case 'AWS::StackName':
      return context.stackName
    case 'AWS::StackId':
      return context.stackId
    case 'AWS::NotificationARNs':
      return []
    default:
      return new Unresolved(`the pseudo parameter ${name} is not modelled`)
  }
}

/** `AWS::NoValue`: the property is left out, as if it had not been declared. */
export const NO_VALUE = Symbol('AWS::NoValue')

export function resolveIntrinsics(value: CfnValue | undefined, context: ResolveContext): unknown {
  if (Array.isArray(value)) {
    const items: unknown[] = []
    for (const item of value) {
      const resolved = resolveIntrinsics(item, context)
      if (resolved instanceof Unresolved) return resolved
      if (resolved !== NO_VALUE) items.push(resolved)
    }
    return items
  }
  if (!isObject(value)) return value
  // `{Condition: …}` names a condition only as an operand of the condition functions, which are not
  // evaluated; anywhere else it is data.
  const intrinsic = intrinsicOf(value)
  if (intrinsic && intrinsic.name !== 'Condition') return resolveFunction(value, intrinsic, context)
  const result: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const resolved = resolveIntrinsics(item, context)
    if (resolved instanceof Unresolved) return resolved
    if (resolved !== NO_VALUE) result[key] = resolved
  }
  return result
}

function resolveFunction(value: CfnValue, {name, argument}: Intrinsic, context: ResolveContext): unknown {
  switch (name) {
    case 'Ref': {
      const target = refOf(value)
      return target === undefined ? malformed(name) : resolveRef(target, context)
    }
    case 'Fn::GetAtt':
      return resolveGetAtt(value, argument, context)
    case 'Fn::Sub':
      return resolveSub(argument, context)
    case 'Fn::Join': {
      const args = resolveIntrinsics(argument, context)
      if (args instanceof Unresolved) return args
      if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string' || !Array.isArray(args[1])) return malformed(name)
      return (args[1] as unknown[]).map((part) => scalarText(part)).join(args[0])
    }
    case 'Fn::Select': {
      const args = resolveIntrinsics(argument, context)
      if (args instanceof Unresolved) return args
      if (!Array.isArray(args) || args.length !== 2 || !Array.isArray(args[1])) return malformed(name)
      const index = Number(args[0])
      return Number.isInteger(index) && index >= 0 && index < args[1].length ? args[1][index] : malformed(name)
    }
    case 'Fn::Split': {
      const args = resolveIntrinsics(argument, context)
      if (args instanceof Unresolved) return args
      if (!Array.isArray(args) || typeof args[0] !== 'string' || typeof args[1] !== 'string') return malformed(name)
      return args[1].split(args[0])
    }
    case 'Fn::FindInMap': {
      const args = resolveIntrinsics(argument, context)
      if (args instanceof Unresolved) return args
      if (!Array.isArray(args) || args.length < 3) return malformed(name)
      const found = findInMap(context.mappings, args.slice(0, 3).map(String))
      return found === undefined ? new Unresolved(`Fn::FindInMap ${args.slice(0, 3).join('/')} is not in the template's Mappings`) : found
    }
    case 'Fn::Base64': {
      const text = resolveIntrinsics(argument, context)
      if (text instanceof Unresolved) return text
      return typeof text === 'string' ? Buffer.from(text, 'utf8').toString('base64') : malformed(name)
    }
    case 'Fn::ToJsonString': {
      const resolved = resolveIntrinsics(argument, context)
      return resolved instanceof Unresolved ? resolved : JSON.stringify(resolved)
    }
    case 'Fn::ImportValue':
      // Exports belong to other stacks, which the sandbox does not have.
      return new Unresolved('Fn::ImportValue reads an export of another stack, which the sandbox does not have')
    default:
      // Conditions (Fn::If and its operands), Fn::GetAZs, Fn::Cidr, Fn::Transform, ...
      return new Unresolved(`${name} is not evaluated by the sandbox`)
  }
}

function malformed(name: string): Unresolved {
  return new Unresolved(`a malformed ${name}`)
}

function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)
}

function findInMap(mappings: CfnValue, keys: string[]): CfnValue | undefined {
  let found: CfnValue | undefined = mappings
  for (const key of keys) found = isObject(found) && Object.hasOwn(found, key) ? found[key] : undefined
  return found
}

function resolveRef(name: string, context: ResolveContext): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE
  if (name.startsWith('AWS::')) return pseudoParameter(name, context)
  if (Object.hasOwn(context.parameters, name)) return context.parameters[name]
  const physicalId = context.ref(name)
  return physicalId ?? new Unresolved(`Ref ${name} names neither a parameter nor a resource`)
}

function resolveGetAtt(value: CfnValue, argument: CfnValue, context: ResolveContext): unknown {
  let target = getAttOf(value)
  // The attribute name may itself be a function (`{"Fn::GetAtt": [Api, {"Ref": Attribute}]}`).
  if (!target && Array.isArray(argument)) {
    const args = resolveIntrinsics(argument, context)
    if (args instanceof Unresolved) return args
    if (Array.isArray(args) && args.length === 2 && typeof args[0] === 'string' && typeof args[1] === 'string') target = {logicalId: args[0], attribute: args[1]}
  }
  return target ? attributeOf(target, context) : malformed('Fn::GetAtt')
}

function attributeOf({logicalId, attribute}: GetAtt, context: ResolveContext): unknown {
  const value = context.getAtt(logicalId, attribute)
  return value === undefined ? new Unresolved(`Fn::GetAtt ${logicalId}.${attribute} names no resource of the template`) : value
}

// `${Name}`, `${Resource.Attribute}` and `${!Literal}` (Fn::Sub reference).
function resolveSub(argument: CfnValue, context: ResolveContext): unknown {
  let text: CfnValue
  let variables: Record<string, unknown> = {}
  if (typeof argument === 'string') text = argument
  else if (Array.isArray(argument) && argument.length === 2 && isObject(argument[1])) {
    text = argument[0]!
    const resolved = resolveIntrinsics(argument[1], context)
    if (resolved instanceof Unresolved) return resolved
    variables = resolved as Record<string, unknown>
  } else return malformed('Fn::Sub')
  if (typeof text !== 'string') return malformed('Fn::Sub')
  let failure: Unresolved | undefined
  const result = substitute(text, (name) => {
    let value: unknown
    if (Object.hasOwn(variables, name)) value = variables[name]
    else if (name.includes('.') && !name.startsWith('AWS::')) {
      const target = splitGetAtt(name)
      value = target ? attributeOf(target, context) : malformed('Fn::GetAtt')
    } else value = resolveRef(name, context)
    if (value === NO_VALUE) value = malformed('Fn::Sub')
    if (value instanceof Unresolved) {
      failure ??= value
      return undefined
    }
    return scalarText(value)
  })
  return failure ?? result
}
