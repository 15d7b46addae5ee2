// How to fix a finding in the file's own language: the iac renderers' snippet for the finding's fix (the
// same durable change `apigw-binfix iac` prints for a live API), without its header; OpenAPI files get the
// extension keys to write.

import {routeKey} from '../api-config.js'
import type {DesiredSpec} from '../desired-spec.js'
import type {Finding} from '../findings.js'
import {durableChange, renderIac} from '../iac/index.js'
import type {DurableChange} from '../iac/index.js'
import {renderYaml} from '../iac/yaml-snippet.js'
import type {LintedApi} from './linted-api.js'

const NO_SPEC: DesiredSpec = {source: {kind: 'flags'}, binaryMediaTypes: [], binaryMediaTypesMode: 'add-only', routes: [], verify: [], ignore: []}

/** '' when the finding has no fix to write (advice, a route the spec names that the file lacks). */
export function fixText(api: LintedApi, finding: Finding, spec: DesiredSpec | undefined): string {
  if (finding.fix.length === 0) return ''
  // The spec's list only where the finding is about the list: a contentHandling fix declares that alone.
  const listFinding = finding.fix.some((call) => call.operation === 'UpdateRestApi')
  const scoped = spec ? (listFinding ? spec : {...spec, binaryMediaTypes: [], binaryMediaTypesMode: 'add-only' as const}) : NO_SPEC
  const change = durableChange({api: {id: api.name, name: api.name}, region: null, stage: null, spec: scoped, live: api.config, findings: [finding]})
  if (change.binaryMediaTypes === null && change.methods.length === 0) return ''
  if (!api.iacFormat) return openApiSnippet(change)
  return withoutHeader(renderIac(api.iacFormat, change, api.iacNames ?? {}))
}

/** The renderers open with lines about `apigw-binfix iac` and the live API; lint's message says that part. */
function withoutHeader(text: string): string {
  const lines = text.split('\n')
  let start = 0
  while (start < lines.length && /^\s*(#|\/\/)/.test(lines[start]!)) start++
  while (start < lines.length && lines[start]!.trim() === '') start++
  return lines.slice(start).join('\n').trimEnd()
}

/** The x-amazon-apigateway-* keys an OpenAPI document needs for the change (API Gateway extensions reference). */
function openApiSnippet(change: DurableChange): string {
  const value: Record<string, unknown> = {}
  if (change.binaryMediaTypes) value['x-amazon-apigateway-binary-media-types'] = change.binaryMediaTypes.desired
  const paths: Record<string, Record<string, unknown>> = {}
  for (const method of change.methods) {
    const integration: Record<string, unknown> = {}
    if (method.integration?.desired) integration['contentHandling'] = method.integration.desired
    const responses = method.responses.filter((response) => response.covered)
    if (responses.length > 0) {
      integration['responses'] = Object.fromEntries(
        responses.map((response) => [response.selectionPattern ?? 'default', {statusCode: response.statusCode, ...(response.desired ? {contentHandling: response.desired} : {})}]),
      )
    }
    const operation = method.httpMethod === 'ANY' ? 'x-amazon-apigateway-any-method' : method.httpMethod.toLowerCase()
    paths[method.resourcePath] = {...paths[method.resourcePath], [operation]: {'x-amazon-apigateway-integration': integration}}
  }
  if (Object.keys(paths).length > 0) value['paths'] = paths
  const unset = change.methods.filter((method) => method.integration?.desired === null).map((method) => routeKey(method))
  return renderYaml({value, header: unset.length > 0 ? [`Remove contentHandling from ${unset.join(', ')} (unset is PASSTHROUGH).`] : [], comments: []}).trimEnd()
}
