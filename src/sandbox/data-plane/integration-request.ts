// Method request → integration request for the non-proxy integrations (MOCK, HTTP, AWS): the
// conversion of src/core/conversion.ts, then the request template (or passthrough), then the
// requestParameters mappings and the integration URI.

import {convertRequest} from '../../core/conversion.js'
import {contentTypeIsBinary} from '../../core/media-type.js'
import {internalServerError} from './gateway-responses.js'
import {checkHeaderMappings, integrationRequestHeaders} from './integration-headers.js'
import {type Invocation, header} from './invocation.js'
import {type RequestDataMapping, mapRequestParameters, renderUri} from './parameter-mapping.js'
import {applyOutcome, type Payload} from './payload.js'
import {render, requestTemplateFor} from './templates.js'

export interface IntegrationRequest {
  httpMethod: string
  uri: string
  headers: Array<[string, string]>
  query: Array<[string, string]>
  body: Payload
}

export function buildIntegrationRequest(invocation: Invocation): IntegrationRequest {
  const {integration, request, snapshot} = invocation
  // The template is chosen first: a request the passthrough behaviour refuses is a 415 whatever its body.
  const template = requestTemplateFor(integration, invocation)
  const outcome = convertRequest({
    contentTypeIsBinary: contentTypeIsBinary(header(request, 'content-type'), snapshot.binaryMediaTypes),
    contentHandling: integration.contentHandling,
  })
  let body = applyOutcome(outcome, {kind: 'binary', bytes: request.body})
  if (template) {
    // A mapping template renders text; raw bytes cannot go through one ("Unable to transform request",
    // aws-binary-facts §7 pitfall 1: the MOCK preflight under */*).
    if (body.kind === 'binary') throw internalServerError()
    body = {kind: 'text', text: render(template.template, body.text, invocation)}
  }
  const mapping = withRequestOverride(mapRequestParameters(invocation), invocation.overrides.requestOverride)
  checkHeaderMappings(integration.type, mapping.header)
  const method = integration.httpMethod && integration.httpMethod !== 'ANY' ? integration.httpMethod : request.httpMethod
  return {
    httpMethod: method,
    uri: renderUri(integration.uri ?? '', mapping.path, invocation.stageVariables),
    headers: integrationRequestHeaders(integration.type, mapping.header, invocation),
    query: mapping.querystring,
    body,
  }
}

/** `$context.requestOverride` set by the request template, over the parameter mappings' values. */
function withRequestOverride(mapping: RequestDataMapping, requestOverride: Record<string, unknown>): RequestDataMapping {
  const entries = (part: string) => Object.entries(isMap(requestOverride[part]) ? (requestOverride[part] as Record<string, unknown>) : {}).filter(([, value]) => value !== null && value !== undefined)
  const header = [...mapping.header]
  for (const [name, value] of entries('header')) {
    const at = header.findIndex(([existing]) => existing.toLowerCase() === name.toLowerCase())
    if (at >= 0) header.splice(at, 1)
    header.push([name, String(value)])
  }
  const queryOverride = entries('querystring')
  const overridden = new Set(queryOverride.map(([name]) => name))
  const querystring = mapping.querystring.filter(([name]) => !overridden.has(name))
  for (const [name, value] of queryOverride) querystring.push([name, String(value)])
  const path = {...mapping.path}
  for (const [name, value] of entries('path')) path[name] = String(value)
  return {header, querystring, path}
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
