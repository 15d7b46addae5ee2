// Reading CloudFormation intrinsic functions in their long form (`{"Ref": …}`, `{"Fn::GetAtt": …}`), which
// is what parseTemplate turns YAML short tags into. Nothing here evaluates a template: values that depend
// on parameters, other resources or the account stay unknown, because the audit must not guess what a
// deploy will write.

import type {CfnObject, CfnValue} from './values.js'

/** Keys that make a one-key object an intrinsic function (AWS intrinsic function reference). */
const INTRINSIC_KEY = /^(Ref|Condition|Fn::[A-Za-z0-9]+)$/

export function isObject(value: CfnValue | undefined): value is CfnObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `value` when it is a mapping, else `{}` (a section or member that is absent, or not a mapping). */
export function mappingOf(value: CfnValue | undefined): CfnObject {
  return isObject(value) ? value : {}
}

export interface Intrinsic {
  /** `Ref`, `Condition` or `Fn::…`. */
  name: string
  argument: CfnValue
}

/** The intrinsic function `value` is, if it is one. */
export function intrinsicOf(value: CfnValue | undefined): Intrinsic | undefined {
  if (!isObject(value)) return undefined
  const keys = Object.keys(value)
  if (keys.length !== 1 || !INTRINSIC_KEY.test(keys[0]!)) return undefined
  return {name: keys[0]!, argument: value[keys[0]!]!}
}

/** The logical id (or pseudo parameter) a `Ref` names. */
export function refOf(value: CfnValue | undefined): string | undefined {
  const intrinsic = intrinsicOf(value)
  return intrinsic?.name === 'Ref' && typeof intrinsic.argument === 'string' ? intrinsic.argument : undefined
}

export interface GetAtt {
  logicalId: string
  attribute: string
}

/** `Fn::GetAtt` as `[id, attribute]`, or the `"id.attribute"` string some templates use in long form too. */
export function getAttOf(value: CfnValue | undefined): GetAtt | undefined {
  const intrinsic = intrinsicOf(value)
  if (intrinsic?.name !== 'Fn::GetAtt') return undefined
  const argument = intrinsic.argument
  if (typeof argument === 'string') return splitGetAtt(argument)
  if (Array.isArray(argument) && typeof argument[0] === 'string' && typeof argument[1] === 'string') return {logicalId: argument[0], attribute: argument[1]}
  return undefined
}

/**
 * `LogicalId.Attribute` as `!GetAtt` and `${LogicalId.Attribute}` in `Fn::Sub` write it. Logical ids have no
 * dots, so the first dot splits (`Db.Endpoint.Address`).
 */
export function splitGetAtt(text: string): GetAtt | undefined {
  const dot = text.indexOf('.')
  return dot > 0 ? {logicalId: text.slice(0, dot), attribute: text.slice(dot + 1)} : undefined
}

/**
 * `Fn::Sub` text with each `${Name}` replaced by `valueOf(Name)` (the name trimmed) and each `${!Literal}`
 * written as the literal `${Literal}`; undefined when `valueOf` knows no value for a name.
 */
export function substitute(text: string, valueOf: (name: string) => string | undefined): string | undefined {
  let known = true
  const result = text.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`
    const value = valueOf(name.trim())
    if (value === undefined) known = false
    return value ?? ''
  })
  return known ? result : undefined
}

/**
 * The text a value stands for when it can be known from the template alone: a literal, or `Fn::Join` /
 * `Fn::Sub` over literals only (templates write `{Fn::Join: [~1, [image, png]]}` for SAM's escaping).
 */
export function literalText(value: CfnValue | undefined): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  const intrinsic = intrinsicOf(value)
  if (intrinsic?.name === 'Fn::Join') {
    const [delimiter, parts] = Array.isArray(intrinsic.argument) ? intrinsic.argument : []
    if (typeof delimiter !== 'string' || !Array.isArray(parts)) return undefined
    const texts = parts.map((part) => literalText(part))
    return texts.every((text): text is string => text !== undefined) ? texts.join(delimiter) : undefined
  }
  if (intrinsic?.name === 'Fn::Sub' && typeof intrinsic.argument === 'string') return substitute(intrinsic.argument, () => undefined)
  return undefined
}
