// Which kind of file a text is, by its content (and, for the Serverless Framework's and CDK's outputs, by
// where it is): the readers each kind needs, and the REST APIs it declares.

import {apiConfigFromOpenApi} from '../api-config-readers.js'
import {classifyOwner} from '../cfn/owner.js'
import {type CfnTemplate, parseTemplate} from '../cfn/template.js'
import {readStrictYaml} from '../strict-yaml.js'
import type {LintFormat} from './lint-finding.js'
import type {LintedApi} from './linted-api.js'
import {readTemplateApis} from './readers/cloudformation-template.js'
import {isRecord, readOpenApi} from './readers/openapi-document.js'
import {readServerlessConfig} from './readers/serverless-config.js'
import {isTerraformPlan, readTerraformPlan} from './readers/terraform-plan.js'

export type Classified = {format: LintFormat; apis: LintedApi[]} | {skipped: string}

/** A file that is one of lint's kinds but cannot be read as one. */
export class LintReadError extends Error {}

/** Words every kind lint reads has at its top level; most JSON and YAML in a repository has none, and is left unparsed. */
const MARKERS = /\b(Resources|openapi|swagger|format_version)\b/
/**
 * CloudFormation's quota "Template body size in an Amazon S3 object": 1 MB (51,200 bytes when passed
 * directly); SAM, CDK and the Serverless Framework deploy through S3. A larger template never deploys.
 */
const TEMPLATE_MAX_BYTES = 1024 * 1024
const SERVERLESS_CONFIG = /(^|[\\/])serverless\.ya?ml$/

export function classify(file: string, text: string): Classified {
  if (!MARKERS.test(text) && !SERVERLESS_CONFIG.test(file)) return {skipped: 'not a template, OpenAPI document, serverless.yml or Terraform plan'}
  const read = tryStrict(text)
  const strict = 'value' in read ? read.value : undefined
  if (strict !== undefined) {
    if (isTerraformPlan(strict)) return {format: 'terraform-plan', apis: readTerraformPlan(strict)}
    if (isRecord(strict) && ('openapi' in strict || 'swagger' in strict)) return openApi(strict, file)
    if (isRecord(strict) && SERVERLESS_CONFIG.test(file) && 'service' in strict) {
      const api = readServerlessConfig(strict)
      return api ? {format: 'serverless', apis: [api]} : {skipped: 'declares no http event and no binary media types'}
    }
  }
  // Templates: YAML with CloudFormation's short tags is no plain YAML, so this reader decides.
  if (!isRecord(strict) && !mentionsResources(text)) {
    // It has a word of lint's kinds but is no JSON or YAML: said with where, so a damaged definition is not passed over.
    if ('fault' in read) throw new LintReadError(`not JSON or YAML lint reads: ${read.fault}`)
    return {skipped: 'not a template, OpenAPI document, serverless.yml or Terraform plan'}
  }
  if (isRecord(strict) && !isRecord(strict['Resources'])) return {skipped: 'not a template, OpenAPI document, serverless.yml or Terraform plan'}
  const size = Buffer.byteLength(text, 'utf8')
  if (size > TEMPLATE_MAX_BYTES) throw new LintReadError(`a template of ${size} bytes, larger than the ${TEMPLATE_MAX_BYTES} bytes (1 MB) CloudFormation accepts`)
  let template: CfnTemplate
  try {
    template = parseTemplate(text)
  } catch (error) {
    throw new LintReadError(`not a readable CloudFormation template: ${(error as Error).message}`)
  }
  const format = templateFormat(file, template)
  const apis = readTemplateApis(template, format)
  return apis.length > 0 ? {format, apis} : {skipped: 'a template without a REST API'}
}

/**
 * A `Resources:` key at the start of a line or a `"Resources":` anywhere. Scanned line by line: the
 * multiline /^\s*Resources\s*:/m let \s* run across newlines from every line start, which took minutes
 * on a file of blank lines.
 */
function mentionsResources(text: string): boolean {
  if (/"Resources"\s*:/.test(text)) return true
  return text.split('\n').some((line) => /^[ \t]*Resources[ \t]*:/.test(line))
}

function tryStrict(text: string): {value: unknown} | {fault: string} {
  try {
    return {value: readStrictYaml(text).value}
  } catch (error) {
    return {fault: (error as Error).message}
  }
}

function openApi(document: Record<string, unknown>, file: string): Classified {
  try {
    apiConfigFromOpenApi(document)
  } catch (error) {
    throw new LintReadError(`not an OpenAPI document API Gateway imports: ${(error as Error).message}`)
  }
  const read = readOpenApi(document, [])
  const info = isRecord(document['info']) ? document['info'] : {}
  const name = typeof info['title'] === 'string' ? info['title'] : file
  return {
    format: 'openapi',
    apis: [{name, format: 'openapi', config: read.config, api: ['info'], ...(read.mediaTypeList ? {mediaTypeList: read.mediaTypeList} : {}), mediaTypes: read.mediaTypes, routes: read.routes, deployments: []}],
  }
}

/** CDK's synthesized output, the Serverless Framework's compiled template, SAM or plain CloudFormation (core/cfn/owner.ts's markers). */
function templateFormat(file: string, template: CfnTemplate): LintFormat {
  if (/(^|[\\/])cdk\.out[\\/]/.test(file)) return 'cdk'
  if (/(^|[\\/])cloudformation-template-update-stack\.json$/.test(file)) return 'serverless-template'
  const owner = classifyOwner({template})
  switch (owner?.kind) {
    case 'cdk':
      return 'cdk'
    case 'serverless':
      return 'serverless-template'
    case 'sam':
      return 'sam'
    default:
      return 'cloudformation'
  }
}
