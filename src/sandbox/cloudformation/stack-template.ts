// A stack's template as the sandbox keeps it: the text as declared (GetTemplate returns it verbatim) and
// every section as the core reads it (JSON, or YAML with the short-form tags in their long form), checked
// as CloudFormation checks a template it is given, in CloudFormation's words.

import {isObject, mappingOf} from '../../core/cfn/intrinsics.js'
import {SAM_TRANSFORM} from '../../core/cfn/stack-markers.js'
import {type CfnObject, CfnTemplateError, type CfnValue, parseTemplateSections, transformNames} from '../../core/cfn/template.js'

export interface TemplateResource {
  Type: string
  Properties?: CfnValue
  [attribute: string]: CfnValue | undefined
}

/** The sections by their CloudFormation names: the ones the sandbox reads typed, the rest as written. */
export interface Template {
  Resources: Record<string, TemplateResource>
  Transform?: CfnValue
  Globals?: CfnValue
  Parameters?: CfnValue
  Mappings?: CfnValue
  Outputs?: CfnValue
  Description?: CfnValue
  [section: string]: unknown
}

export interface StackTemplate {
  text: string
  template: Template
}

/** Throws CfnTemplateError: the core's for text that is no template, CloudFormation's wording for the checks here. */
export function readStackTemplate(text: string): StackTemplate {
  const sections = parseTemplateSections(text)
  const resources = sections['Resources']
  // CloudFormation's own wording for a template without resources (Template format error).
  if (!isObject(resources)) throw new CfnTemplateError('Template format error: At least one Resources member must be defined.')
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!/^[A-Za-z0-9]+$/.test(logicalId)) throw new CfnTemplateError(`Template format error: Resource name ${logicalId} is non alphanumeric.`)
    if (!isObject(resource) || typeof resource['Type'] !== 'string') {
      throw new CfnTemplateError(`Template format error: [/Resources/${logicalId}] Every Resources object must contain a Type member.`)
    }
  }
  return {text, template: {...sections, Resources: resources as Record<string, TemplateResource>}}
}

/** A resource's Properties, `{}` when it declares none (or declares something that is not a mapping). */
export function propertiesOf(resource: TemplateResource | undefined): CfnObject {
  return mappingOf(resource?.Properties)
}

export function isSamTemplate(template: Template): boolean {
  return transformNames(template.Transform).includes(SAM_TRANSFORM)
}
