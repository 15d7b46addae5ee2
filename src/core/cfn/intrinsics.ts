// Reading CloudFormation intrinsic functions in their long form (`{"Ref": …}`, `{"Fn::GetAtt": …}`), which
// is what parseTemplate turns YAML short tags into. Nothing here evaluates a template: values that depend
// on parameters, other resources or the account stay unknown, because the audit must not guess what a
// deploy will write.

import type {CfnObject, CfnValue} from './template.js'

/** Keys that make a one-key object an intrinsic function (AWS intrinsic function reference). */
const INTRINSIC_KEY = /^(Ref|Condition|Fn::[A-Za-z0-9]+)$/

export function isObject(value: CfnValue | undefined): value is CfnObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
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
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.')
    return dot > 0 ? {logicalId: argument.slice(0, dot), attribute: argument.slice(dot + 1)} : undefined
  }
  if (Array.isArray(argument) && typeof argument[0] === 'string' && typeof argument[1] === 'string') return {logicalId: argument[0], attribute: argument[1]}
  return undefined
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
  if (intrinsic?.name === 'Fn::Sub' && typeof intrinsic.argument === 'string') {
    // `${!Literal}` is Fn::Sub's escape for a literal `${Literal}`; any other `${…}` is a substitution.
    const text = intrinsic.argument
    if (/\$\{(?!!)/.test(text)) return undefined
    return text.replaceAll('${!', '${')
  }
  return undefined
}
