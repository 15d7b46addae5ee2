// Terraform (hashicorp/aws provider): binary_media_types, content_handling on the integration and on each
// integration response, and a deployment that is replaced whenever they change.
//
// Sources (terraform-provider-aws resource docs and PRs):
// - aws_api_gateway_rest_api.binary_media_types (list of strings, "/" form); with `body`, deleting it
//   from the configuration is a silent no-op (hashicorp/terraform-provider-aws#48385).
// - aws_api_gateway_integration.content_handling and aws_api_gateway_integration_response.content_handling
//   (CONVERT_TO_BINARY | CONVERT_TO_TEXT; updated in place since PR #3123, read back since PR #5569).
//   Removing the argument sends `replace /contentHandling ""`, which unsets it (aws-binary-facts §3.3).
// - aws_api_gateway_deployment is not recreated when integrations change (#162, hashicorp/terraform#6613):
//   the documented pattern is `triggers = { redeployment = sha1(jsonencode([...])) }` (PR #13054) with
//   `lifecycle { create_before_destroy = true }`. Hashing the attributes themselves (not resource ids, which
//   do not change with content_handling) is what makes a content_handling change redeploy.
// - aws_api_gateway_integration.response_transfer_mode (BUFFERED | STREAM; hashicorp/terraform-provider-aws
//   #45329): Optional and Computed, so leaving it out does not return an integration to BUFFERED; write
//   BUFFERED. The provider caps timeout_milliseconds at 300000 though a stream may run 900000 (#45472).
// The output is laid out as `terraform fmt` writes it (aligned "=" in runs of attributes).

import type {DurableChange, MethodSetting, ResponseSetting} from './durable-change.js'
import {routeName, routeSnake} from './names.js'
import {UNSET_ADVICE, headerLines, methodTitle, removedNote, streamingNote} from './wording.js'

export const TERRAFORM_API_NAME = 'api'

type Attribute = [name: string, value: string]

export function renderTerraform(change: DurableChange): string {
  const blocks: string[] = [comments([...headerLines(change, 'terraform'), 'Merge each block into the resource of your configuration it names; resource names here are placeholders.'])]
  const hashed: string[] = []
  const api = `aws_api_gateway_rest_api.${TERRAFORM_API_NAME}`

  if (change.binaryMediaTypes) {
    blocks.push(
      resource(
        'aws_api_gateway_rest_api',
        TERRAFORM_API_NAME,
        [
          `Your aws_api_gateway_rest_api for ${change.api.name} (${change.api.id}). binary_media_types is the whole list, with "/".`,
          ...removedNote(change.binaryMediaTypes.removed),
          ...(change.binaryMediaTypes.removed.length > 0 ? ['Where the API is defined by `body`, deleting entries from binary_media_types does nothing (terraform-provider-aws#48385).'] : []),
        ],
        ['...keep your other arguments'],
        [[['binary_media_types', `[${change.binaryMediaTypes.desired.map(hclString).join(', ')}]`]]],
      ),
    )
    hashed.push(`${api}.binary_media_types`)
  }

  for (const method of change.methods) {
    const name = routeSnake(method.httpMethod, method.resourcePath)
    if (method.integration || method.transferMode) {
      const attributes: Attribute[] = method.integration?.desired ? [['content_handling', hclString(method.integration.desired)]] : []
      const mode = method.transferMode
      if (mode) attributes.push(['response_transfer_mode', hclString(mode.desired)], ...(mode.uri ? [['uri', hclString(mode.uri)] as Attribute] : []))
      blocks.push(
        resource(
          'aws_api_gateway_integration',
          name,
          [methodTitle(method), `Your aws_api_gateway_integration of ${routeName(method)}.`, ...streamingNote(method, 'uri')],
          [
            `...keep rest_api_id, resource_id, http_method, type${mode?.uri ? '' : ', uri'} and the rest`,
            ...(method.integration && !method.integration.desired ? [`content_handling: ${UNSET_ADVICE}`] : []),
            ...(mode ? ['response_transfer_mode is Optional+Computed (terraform-provider-aws#45329): write BUFFERED to go back, never delete it.'] : []),
          ],
          [attributes],
        ),
      )
      if (method.integration) hashed.push(`aws_api_gateway_integration.${name}.content_handling`)
      if (mode) hashed.push(`aws_api_gateway_integration.${name}.response_transfer_mode`, ...(mode.uri ? [`aws_api_gateway_integration.${name}.uri`] : []))
    }
    for (const response of method.responses.filter((entry) => entry.covered)) {
      const responseName = `${name}_${response.statusCode}`
      blocks.push(integrationResponse(method, response, responseName))
      hashed.push(`aws_api_gateway_integration_response.${responseName}.content_handling`)
    }
  }

  blocks.push(
    [
      comments([
        'A deployment that is replaced whenever these values change: Terraform does not redeploy a stage when',
        'integrations change (terraform-provider-aws#162). Add your own resources to the list.',
      ]),
      `resource "aws_api_gateway_deployment" "${TERRAFORM_API_NAME}" {`,
      `  rest_api_id = ${api}.id`,
      '',
      '  triggers = {',
      '    redeployment = sha1(jsonencode([',
      ...hashed.map((reference) => `      ${reference},`),
      '    ]))',
      '  }',
      '',
      '  lifecycle {',
      '    create_before_destroy = true',
      '  }',
      '}',
    ].join('\n'),
  )
  if (change.stage !== null) {
    blocks.push(
      resource(
        'aws_api_gateway_stage',
        terraformName(change.stage),
        [`Stage ${change.stage}: serves the new deployment.`],
        ['...keep your other arguments'],
        [
          [
            ['stage_name', hclString(change.stage)],
            ['rest_api_id', `${api}.id`],
            ['deployment_id', `aws_api_gateway_deployment.${TERRAFORM_API_NAME}.id`],
          ],
        ],
      ),
    )
  }
  return `${blocks.join('\n\n')}\n`
}

function integrationResponse(method: MethodSetting, response: ResponseSetting, name: string): string {
  const attributes: Attribute[] = [['status_code', hclString(response.statusCode)]]
  if (response.selectionPattern !== undefined) attributes.push(['selection_pattern', hclString(response.selectionPattern)])
  if (response.desired) attributes.push(['content_handling', hclString(response.desired)])
  return resource(
    'aws_api_gateway_integration_response',
    name,
    [`${routeName(method)}, status ${response.statusCode}: your aws_api_gateway_integration_response.`],
    ['...keep rest_api_id, resource_id, http_method, response_parameters, response_templates', ...(response.desired ? [] : [`content_handling: ${UNSET_ADVICE}`])],
    [attributes],
  )
}

/** A resource block: comments above it, comments inside, then groups of attributes (one blank line between groups). */
function resource(type: string, name: string, above: readonly string[], inside: readonly string[], groups: ReadonlyArray<readonly Attribute[]>): string {
  const body = groups.filter((group) => group.length > 0).map(aligned)
  return [comments(above), `resource "${type}" "${name}" {`, ...inside.map((line) => `  # ${line}`), body.join('\n\n'), '}'].filter((line) => line !== '').join('\n')
}

// terraform fmt aligns the "=" of consecutive single-line attributes.
function aligned(group: readonly Attribute[]): string {
  const width = Math.max(...group.map(([name]) => name.length))
  return group.map(([name, value]) => `  ${name.padEnd(width)} = ${value}`).join('\n')
}

function comments(lines: readonly string[]): string {
  return lines.map((line) => (line === '' ? '#' : `# ${line}`)).join('\n')
}

/** A Terraform resource name: letters, digits, "_" and "-", not starting with a digit. */
export function terraformName(text: string): string {
  const name = text.replaceAll(/[^A-Za-z0-9_-]/g, '_')
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`
}

/** An HCL quoted string: JSON escapes, plus "${" and "%{" (template sequences) doubled. */
export function hclString(text: string): string {
  // Replacement functions: in a replacement string "$$" would mean a single "$".
  return JSON.stringify(text)
    .replaceAll('${', () => '$${')
    .replaceAll('%{', () => '%%{')
}
