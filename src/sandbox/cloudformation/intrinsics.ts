// Resolution of the intrinsic functions a deployed template's property values hold, as CloudFormation
// resolved them when it created the stack (template reference, "Intrinsic function reference"). What the
// sandbox cannot know (an export of another stack, a condition's value, an attribute it does not model)
// resolves to an Unresolved value naming the reason, and the resource that holds it is not checked.

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
  mappings: Record<string, Record<string, Record<string, unknown>>>
  /** `Ref` of a resource: its physical id. */
  ref(logicalId: string): string | Unresolved | undefined
  /** `Fn::GetAtt`; undefined when the logical id is not a resource of the template. */
  getAtt(logicalId: string, attribute: string): unknown
}

/** Pseudo parameters (template reference, "Pseudo parameters reference"). */
function pseudoParameter(name: string, context: ResolveContext): unknown {
  switch (name) {
    case 'AWS::Region':
      return context.region
    case 'AWS::AccountId':
      return context.accountId
    case 'AWS::Partition':
      return context.region.startsWith('cn-') ? 'aws-cn' : context.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws'
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

export function resolveIntrinsics(value: unknown, context: ResolveContext): unknown {
  if (Array.isArray(value)) {
    const items: unknown[] = []
    for (const item of value) {
      const resolved = resolveIntrinsics(item, context)
      if (resolved instanceof Unresolved) return resolved
      if (resolved !== NO_VALUE) items.push(resolved)
    }
    return items
  }
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length === 1) {
    const [key, argument] = entries[0]!
    if (key === 'Ref' || key.startsWith('Fn::')) return resolveFunction(key, argument, context)
  }
  const result: Record<string, unknown> = {}
  for (const [key, item] of entries) {
    const resolved = resolveIntrinsics(item, context)
    if (resolved instanceof Unresolved) return resolved
    if (resolved !== NO_VALUE) result[key] = resolved
  }
  return result
}

function resolveFunction(name: string, argument: unknown, context: ResolveContext): unknown {
  switch (name) {
    case 'Ref':
      return resolveRef(argument, context)
    case 'Fn::GetAtt':
      return resolveGetAtt(argument, context)
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
      const found = context.mappings[String(args[0])]?.[String(args[1])]?.[String(args[2])]
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

function resolveRef(argument: unknown, context: ResolveContext): unknown {
  if (typeof argument !== 'string') return malformed('Ref')
  if (argument === 'AWS::NoValue') return NO_VALUE
  if (argument.startsWith('AWS::')) return pseudoParameter(argument, context)
  if (Object.hasOwn(context.parameters, argument)) return context.parameters[argument]
  const physicalId = context.ref(argument)
  return physicalId ?? new Unresolved(`Ref ${argument} names neither a parameter nor a resource`)
}

function resolveGetAtt(argument: unknown, context: ResolveContext): unknown {
  const args = typeof argument === 'string' ? argument.split(/\.(.*)/s, 2) : resolveIntrinsics(argument, context)
  if (args instanceof Unresolved) return args
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string' || typeof args[1] !== 'string') return malformed('Fn::GetAtt')
  const value = context.getAtt(args[0], args[1])
  return value === undefined ? new Unresolved(`Fn::GetAtt ${args[0]}.${args[1]} names no resource of the template`) : value
}

// `${Name}`, `${Resource.Attribute}` and `${!Literal}` (Fn::Sub reference).
function resolveSub(argument: unknown, context: ResolveContext): unknown {
  let text: unknown
  let variables: Record<string, unknown> = {}
  if (typeof argument === 'string') text = argument
  else if (Array.isArray(argument) && argument.length === 2 && typeof argument[1] === 'object' && argument[1] !== null) {
    text = argument[0]
    const resolved = resolveIntrinsics(argument[1], context)
    if (resolved instanceof Unresolved) return resolved
    variables = resolved as Record<string, unknown>
  } else return malformed('Fn::Sub')
  if (typeof text !== 'string') return malformed('Fn::Sub')
  let failure: Unresolved | undefined
  const result = text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`
    const trimmed = name.trim()
    let value: unknown
    if (Object.hasOwn(variables, trimmed)) value = variables[trimmed]
    else if (trimmed.includes('.') && !trimmed.startsWith('AWS::')) value = resolveGetAtt(trimmed, context)
    else value = resolveRef(trimmed, context)
    if (value instanceof Unresolved) {
      failure ??= value
      return whole
    }
    return scalarText(value)
  })
  return failure ?? result
}
