// CloudFormation templates as CloudFormation reads them: JSON, or YAML with the short-form intrinsic
// function tags (`!Ref X` is `{"Ref": "X"}`, `!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}`), per the
// template reference's "Intrinsic function reference" (each function's YAML short form). The text itself is
// kept verbatim: GetTemplate returns it as it was declared.

import {type CollectionTag, type Document, type ScalarTag, type YAMLMap, type YAMLSeq, parseDocument} from 'yaml'

export type TemplateFormat = 'json' | 'yaml'

export interface TemplateResource {
  Type: string
  Properties?: Record<string, unknown>
  DependsOn?: unknown
  [attribute: string]: unknown
}

export interface Template {
  AWSTemplateFormatVersion?: string
  Description?: string
  Transform?: string | string[]
  Parameters?: Record<string, {Type?: string; Default?: unknown; [key: string]: unknown}>
  Mappings?: Record<string, Record<string, Record<string, unknown>>>
  Conditions?: Record<string, unknown>
  Resources: Record<string, TemplateResource>
  Outputs?: Record<string, {Value: unknown; Description?: string; Export?: unknown; Condition?: string}>
  [section: string]: unknown
}

export interface ParsedTemplate {
  text: string
  format: TemplateFormat
  template: Template
}

export class TemplateError extends Error {}

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31'

// Short form → long form. `!GetAtt A.B.C` splits at the first dot only (attribute names may hold dots,
// such as `Endpoint.Address`), as the GetAtt reference describes.
const FUNCTIONS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
  Sub: 'Fn::Sub',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Not: 'Fn::Not',
  FindInMap: 'Fn::FindInMap',
  Base64: 'Fn::Base64',
  ImportValue: 'Fn::ImportValue',
  GetAZs: 'Fn::GetAZs',
  Cidr: 'Fn::Cidr',
  Transform: 'Fn::Transform',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
}

function intrinsicTags(): (ScalarTag | CollectionTag)[] {
  return Object.entries(FUNCTIONS).flatMap(([short, long]) => {
    const tag = `!${short}`
    const scalar: ScalarTag = {
      tag,
      resolve: (value: string) => (short === 'GetAtt' ? {[long]: splitGetAtt(value)} : {[long]: value}),
    }
    const seq: CollectionTag = {tag, collection: 'seq', resolve: (node) => ({[long]: (node as YAMLSeq).toJSON()})}
    const map: CollectionTag = {tag, collection: 'map', resolve: (node) => ({[long]: (node as YAMLMap).toJSON()})}
    return [scalar, seq, map]
  })
}

function splitGetAtt(value: string): string[] {
  const dot = value.indexOf('.')
  return dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)]
}

/** YAML 1.1 as CloudFormation reads it, with the intrinsic tags; throws TemplateError with line:column. */
export function parseYamlWithIntrinsics(text: string): unknown {
  const document: Document = parseDocument(text, {customTags: intrinsicTags(), version: '1.1', uniqueKeys: true, prettyErrors: true})
  const problem = document.errors[0] ?? document.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED')
  if (problem) throw new TemplateError(problem.message.split('\n')[0])
  return document.toJS({maxAliasCount: 1000})
}

/** JSON when the text starts with `{` (as CloudFormation decides), YAML otherwise. */
export function parseTemplate(text: string): ParsedTemplate {
  const format: TemplateFormat = text.trimStart().startsWith('{') ? 'json' : 'yaml'
  let parsed: unknown
  if (format === 'json') {
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      throw new TemplateError(`not valid JSON (${(error as Error).message})`)
    }
  } else {
    parsed = parseYamlWithIntrinsics(text)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TemplateError('a template is a JSON or YAML object')
  const template = parsed as Template
  // CloudFormation's own wording for a template without resources (Template format error).
  if (typeof template.Resources !== 'object' || template.Resources === null || Array.isArray(template.Resources)) {
    throw new TemplateError('Template format error: At least one Resources member must be defined.')
  }
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (!/^[A-Za-z0-9]+$/.test(logicalId)) throw new TemplateError(`Template format error: Resource name ${logicalId} is non alphanumeric.`)
    if (typeof resource !== 'object' || resource === null || typeof resource.Type !== 'string') {
      throw new TemplateError(`Template format error: [/Resources/${logicalId}] Every Resources object must contain a Type member.`)
    }
  }
  return {text, format, template}
}

export function transformsOf(template: Template): string[] {
  const transform = template.Transform
  if (transform === undefined) return []
  return (Array.isArray(transform) ? transform : [transform]).filter((entry): entry is string => typeof entry === 'string')
}

export function isSamTemplate(template: Template): boolean {
  return transformsOf(template).includes(SAM_TRANSFORM)
}
