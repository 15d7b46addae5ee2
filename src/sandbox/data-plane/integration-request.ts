// Method request → integration request for the non-proxy integrations (MOCK, HTTP, AWS): the
// conversion of src/core/conversion.ts, then the request template (or passthrough), then the
// requestParameters mappings and the integration URI.

import {convertRequest} from '../../core/conversion.js'
import {contentTypeIsBinary} from '../../core/media-type.js'
import {internalServerError} from './gateway-responses.js'
import {type Invocation, header} from './invocation.js'
import {mapRequestParameters, renderUri} from './parameter-mapping.js'
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
  const mapping = mapRequestParameters(invocation)
  const method = integration.httpMethod && integration.httpMethod !== 'ANY' ? integration.httpMethod : request.httpMethod
  return {
    httpMethod: method,
    uri: renderUri(integration.uri ?? '', mapping.path, invocation.stageVariables),
    headers: mapping.header,
    query: mapping.querystring,
    body,
  }
}
