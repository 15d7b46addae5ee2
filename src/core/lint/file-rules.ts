// The rules only a file shows: how its change reaches requests (a Deployment that is never replaced), what
// an import in merge mode can never remove, and two lists of binary media types that disagree. The "~1"
// and generated-preflight rules restate audit findings (audit-rules.ts).

import {normalizeSpecMediaType} from '../media-type.js'
import type {PlacedDraft} from './audit-rules.js'
import type {LintedApi} from './linted-api.js'

export function fileRuleFindings(api: LintedApi): PlacedDraft[] {
  return [...neverRedeployed(api), ...mergeImport(api), ...conflictingLists(api)]
}

const SUBJECT = {resourcePath: null, httpMethod: null, statusCode: null}

function neverRedeployed(api: LintedApi): PlacedDraft[] {
  if (api.config.routes.length === 0) return []
  return api.deployments
    .filter((deployment) => !deployment.redeploys)
    .map((deployment) => {
      const terraform = api.format === 'terraform-plan'
      const message = deployment.idsOnly
        ? `${deployment.name}'s triggers hash resource ids only: ids do not change when content_handling or binary_media_types does, so Terraform does not replace the deployment for such a change and the stage keeps serving the old snapshot (the aws_api_gateway_deployment docs' note: "will not pick up all future REST API changes").`
        : terraform
        ? `${deployment.name} has no triggers: Terraform does not recreate a deployment when integrations or binary_media_types change (terraform-provider-aws #162), so the stage keeps serving the snapshot taken at creation and a contentHandling or binary media type fix here never reaches requests.`
        : `Deployment ${deployment.name} keeps its logical id when the methods change: CloudFormation creates a Deployment once and never redeploys it (AWS::ApiGateway::Deployment reference), so the stage keeps serving the first snapshot and a contentHandling or BinaryMediaTypes fix here never reaches requests.`
      const fix = terraform
        ? [
            'triggers = {',
            '  # hash the settings themselves: resource ids do not change with content_handling',
            '  redeployment = sha1(jsonencode([aws_api_gateway_rest_api.<api>.binary_media_types, aws_api_gateway_integration.<each>, aws_api_gateway_integration_response.<each>]))',
            '}',
            'lifecycle {',
            '  create_before_destroy = true',
            '}',
          ].join('\n')
        : `# Give the Deployment a new logical id with every change of the methods (CDK hashes them into it, aws/aws-cdk PR #7115;\n# SAM's AWS::Serverless::Api does so itself), e.g. ${deployment.name}<hash of the methods>, and point the Stage's DeploymentId at it.`
      return {draft: {ruleId: 'deployment-never-redeployed' as const, severity: 'warning' as const, api: api.name, ...SUBJECT, message, fix}, path: deployment.path}
    })
}

function mergeImport(api: LintedApi): PlacedDraft[] {
  if (!api.mergeImport) return []
  const terraform = api.format === 'terraform-plan'
  const message = `${api.name} is imported from its OpenAPI definition in merge mode (${api.mergeImport.because}): PutRestApi in merge mode only adds binary media types, so a type deleted from this file stays live (aws/serverless-application-model#3511, cloudformation-coverage-roadmap#1894) and keeps its effect on requests.`
  const fix = terraform
    ? 'put_rest_api_mode = "overwrite"   # or remove the type from the live API after deploying: apigw-binfix apply with binaryMediaTypesMode: exact'
    : 'Mode: overwrite   # or remove the type from the live API after deploying: apigw-binfix apply with binaryMediaTypesMode: exact'
  return [{draft: {ruleId: 'merge-import-keeps-types', severity: 'info', api: api.name, ...SUBJECT, message, fix}, path: api.mergeImport.path}]
}

function conflictingLists(api: LintedApi): PlacedDraft[] {
  const both = api.propertyAndBody
  if (!both) return []
  const property = setOf(both.property.map((entry) => entry.stored))
  const body = setOf(both.body.map((entry) => entry.stored))
  if (property.join() === body.join()) return []
  const terraform = api.format === 'terraform-plan'
  const effect = terraform
    ? 'binary_media_types overrides the body\'s list (aws_api_gateway_rest_api docs), so the body\'s differs from what the API gets'
    : 'CloudFormation imports the body and also writes the property, so which list the API holds depends on the order and on Mode'
  const message = `The binary media types are set twice with different values: [${property.join(', ')}] as ${terraform ? 'binary_media_types' : 'BinaryMediaTypes'} and [${body.join(', ')}] in the body's x-amazon-apigateway-binary-media-types: ${effect}.`
  const fix = `List every binary media type in one place: ${terraform ? 'binary_media_types or the body' : 'the BinaryMediaTypes property or the body'}, not both.`
  return [{draft: {ruleId: 'binary-media-types-conflict', severity: 'warning', api: api.name, ...SUBJECT, message, fix}, path: both.path}]
}

function setOf(entries: readonly string[]): string[] {
  return [...new Set(entries.map((entry) => normalizeSpecMediaType(entry) ?? entry))].sort()
}
