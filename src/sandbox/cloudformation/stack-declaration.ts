// `--import-stack FILE`: a stack declaration says which template a stack was deployed from and which sandbox
// REST API each of its RestApi resources is. Everything is checked here, before the sandbox changes:
//
//   stackName: thumbnail-service-dev
//   template: thumbnail-service.serverless.json   # relative to this file
//   restApis:                                     # logical id → REST API name or id
//     ApiGatewayRestApi: thumbnail-service-dev
//   (SAM's implicit API, ServerlessRestApi, is built from the template unless named here.)
//   stackStatus: UPDATE_COMPLETE                  # optional, CREATE_COMPLETE by default
//   parameters: {Stage: dev}                      # optional: values of template parameters
//   tags: {team: media}                           # optional: stack tags

import {readFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

import {mappingOf} from '../../core/cfn/intrinsics.js'
import {CfnTemplateError} from '../../core/cfn/template.js'
import {YamlReadError, readStrictYaml} from '../../core/strict-yaml.js'
import {IMPLICIT_API_ID, expandSam, isImplicitApi} from './sam.js'
import {STACK_STATUSES, type StackStatus} from './stack-model.js'
import {type StackTemplate, type Template, isSamTemplate, readStackTemplate} from './stack-template.js'

export interface StackDeclaration {
  file: string
  stackName: string
  templateFile: string
  parsed: StackTemplate
  /** The template as CloudFormation processed it (SAM expanded). */
  processed: Template
  /** RestApi logical id → the REST API's name or id, as declared. */
  restApis: Record<string, string>
  /** SAM's implicit API when the declaration does not name a REST API for it: the sandbox builds it. */
  implicitApi?: string
  parameters: Record<string, string>
  tags: Record<string, string>
  stackStatus: StackStatus
}

/** A declaration's fault, worded to follow `--import-stack FILE: `. */
export class StackDeclarationError extends Error {}

const KEYS = ['stackName', 'template', 'restApis', 'stackStatus', 'parameters', 'tags']
// CloudFormation's StackName pattern and length (CreateStack API reference).
const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/

export function readStackDeclaration(file: string): StackDeclaration {
  const text = readText(file)
  let parsed: unknown
  try {
    // Strict: a `restApis: !!omap` or a key written as 1 and "1" would otherwise be read some other way.
    parsed = readStrictYaml(text).value
  } catch (error) {
    if (error instanceof YamlReadError) throw new StackDeclarationError(`not valid YAML or JSON (${error.message})`)
    throw error
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StackDeclarationError('a stack declaration is a YAML or JSON object with stackName, template and restApis')
  }
  const declaration = parsed as Record<string, unknown>
  for (const key of Object.keys(declaration)) {
    if (!KEYS.includes(key)) throw new StackDeclarationError(`unknown key ${key} (expected ${KEYS.join(', ')})`)
  }

  const stackName = declaration.stackName
  if (typeof stackName !== 'string') throw new StackDeclarationError('stackName is missing or not a string')
  if (!STACK_NAME.test(stackName)) {
    throw new StackDeclarationError(`stackName ${stackName}: a stack name starts with a letter and has only letters, digits and '-' (at most 128)`)
  }
  const stackStatus = declaration.stackStatus ?? 'CREATE_COMPLETE'
  if (!STACK_STATUSES.includes(stackStatus as StackStatus)) {
    throw new StackDeclarationError(`stackStatus ${String(stackStatus)}: expected one of ${STACK_STATUSES.join(', ')}`)
  }

  if (typeof declaration.template !== 'string' || declaration.template === '') throw new StackDeclarationError('template is missing or not a file name')
  const templateFile = resolve(dirname(file), declaration.template)
  const templateText = readText(templateFile, `template ${declaration.template}`)
  let template: StackTemplate
  try {
    template = readStackTemplate(templateText)
  } catch (error) {
    if (error instanceof CfnTemplateError) throw new StackDeclarationError(`template ${declaration.template}: ${error.message}`)
    throw error
  }
  const processed = isSamTemplate(template.template) ? expandSam(template.template) : template.template

  const implicit = isSamTemplate(template.template) && isImplicitApi(template.template, IMPLICIT_API_ID)
  const restApis = stringMap(declaration.restApis ?? {}, 'restApis')
  if (Object.keys(restApis).length === 0 && !implicit) throw new StackDeclarationError('restApis must map at least one RestApi logical id to a REST API name or id')
  for (const logicalId of Object.keys(restApis)) {
    if (implicit && logicalId === IMPLICIT_API_ID) continue
    const declared = template.template.Resources[logicalId]
    if (!declared) throw new StackDeclarationError(`template ${declaration.template} has no resource ${logicalId}`)
    if (processed.Resources[logicalId]?.Type !== 'AWS::ApiGateway::RestApi') {
      throw new StackDeclarationError(`restApis.${logicalId}: ${logicalId} is an ${declared.Type}, not an AWS::ApiGateway::RestApi or AWS::Serverless::Api`)
    }
  }
  for (const [logicalId, resource] of Object.entries(processed.Resources)) {
    if (resource.Type === 'AWS::ApiGateway::RestApi' && !Object.hasOwn(restApis, logicalId) && !(implicit && logicalId === IMPLICIT_API_ID)) {
      throw new StackDeclarationError(`template ${declaration.template} declares the REST API ${logicalId}: name its sandbox REST API under restApis`)
    }
  }

  const parameters = stringMap(declaration.parameters ?? {}, 'parameters', true)
  const templateParameters = mappingOf(template.template.Parameters)
  for (const key of Object.keys(parameters)) {
    if (!Object.hasOwn(templateParameters, key)) throw new StackDeclarationError(`parameters.${key} is not a parameter of template ${declaration.template}`)
  }
  for (const [key, definition] of Object.entries(templateParameters)) {
    if (Object.hasOwn(parameters, key)) continue
    const defaultValue = mappingOf(definition)['Default']
    // CloudFormation refuses a stack whose parameters lack values: "Parameters: [X] must have values".
    if (defaultValue === undefined) throw new StackDeclarationError(`template parameter ${key} has no Default: give its value under parameters`)
    parameters[key] = Array.isArray(defaultValue) ? defaultValue.join(',') : String(defaultValue)
  }

  const tags = stringMap(declaration.tags ?? {}, 'tags')
  for (const key of Object.keys(tags)) {
    // The aws: prefix is reserved (CloudFormation resource tags documentation).
    if (key.toLowerCase().startsWith('aws:')) throw new StackDeclarationError(`tags.${key}: tag keys starting with aws: are reserved`)
  }

  const implicitApi = implicit && !Object.hasOwn(restApis, IMPLICIT_API_ID) ? {implicitApi: IMPLICIT_API_ID} : {}
  return {file, stackName, templateFile, parsed: template, processed, restApis, ...implicitApi, parameters, tags, stackStatus: stackStatus as StackStatus}
}

function readText(file: string, what?: string): string {
  const prefix = what === undefined ? '' : `${what}: `
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new StackDeclarationError(`${prefix}no such file`)
    if (code === 'EISDIR') throw new StackDeclarationError(`${prefix}is a directory, not a file`)
    throw new StackDeclarationError(`${prefix}${(error as Error).message}`)
  }
}

function stringMap(value: unknown, name: string, scalars = false): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new StackDeclarationError(`${name} must be a map`)
  const map: Record<string, string> = {}
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') map[key] = item
    else if (scalars && (typeof item === 'number' || typeof item === 'boolean')) map[key] = String(item)
    else throw new StackDeclarationError(`${name}.${key} must be a string`)
  }
  return map
}
