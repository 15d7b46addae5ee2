// Integration response → method response for the non-proxy integrations: selection of the integration
// response, the conversion of src/core/conversion.ts, the response template and the responseParameters.

import {type PayloadKind, convertResponse} from '../../core/conversion.js'
import {acceptIsBinary} from '../../core/media-type.js'
import type {IntegrationResponse} from '../model.js'
import {internalServerError} from './gateway-responses.js'
import type {Pairs} from './headers.js'
import {type Invocation, header} from './invocation.js'
import {mapResponseParameters} from './parameter-mapping.js'
import {applyOutcome, payloadBytes, type Payload} from './payload.js'
import {render, responseTemplateFor} from './templates.js'

/** What the integration answered, before API Gateway maps it. */
export interface EndpointResponse {
  statusCode: number
  headers: Pairs
  body: Payload
  /** 'binary' only when the backend's Content-Type matches binaryMediaTypes; MOCK and Lambda answer text. */
  payloadKind: PayloadKind
  /** What selection patterns are matched against: the status code, or a Lambda errorMessage. */
  selectionValue: string
  /** For a Lambda result that is a JSON string: the string's value (see integrations/lambda.ts). */
  stringValue?: string
}

export interface MethodResponse {
  statusCode: number
  headers: Array<[string, string]>
  body: Buffer
}

export function buildMethodResponse(invocation: Invocation, endpoint: EndpointResponse): MethodResponse {
  const selected = selectIntegrationResponse(invocation.integration.integrationResponses, endpoint.selectionValue)
  // "Execution failed due to configuration error: Output mapping refers to an invalid method response"
  // (AWS knowledge center "api-gateway-internal-server-error").
  if (!selected || !Object.hasOwn(invocation.method.methodResponses ?? {}, selected.statusCode)) throw internalServerError()
  const accept = header(invocation.request, 'accept')
  const outcome = convertResponse({
    integrationPayload: endpoint.payloadKind,
    acceptIsBinary: acceptIsBinary(accept, invocation.snapshot.binaryMediaTypes),
    contentHandling: selected.contentHandling,
  })
  let body = applyOutcome(outcome, endpoint.body, endpoint.stringValue)
  let templateMediaType: string | undefined
  // Templates read text. A body converted to bytes passes through untouched: "When converting a text
  // payload to a binary blob ... You do not provide a mapping template for such a conversion" and "If you
  // don't define a mapping template, API Gateway invokes the passthrough template to return the
  // base64-decoded binary blob" (developer guide api-gateway-payload-encodings-workflow and
  // -configure-with-control-service-api). That is what lets AWS's image API answer both an
  // application/octet-stream and an application/json Accept from one integration response.
  if (body.kind === 'text') {
    const template = responseTemplateFor(selected.responseTemplates, accept)
    if (template) {
      const input = outcome === 'text' && endpoint.stringValue !== undefined ? endpoint.stringValue : body.text
      body = {kind: 'text', text: render(template.template, input, invocation)}
      templateMediaType = template.mediaType
    }
  }
  const headers = mapResponseParameters(selected.responseParameters, endpoint, invocation)
  // Non-proxy responses are application/json unless a header mapping or the template says otherwise.
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['Content-Type', templateMediaType ?? 'application/json'])
  return {statusCode: Number(selected.statusCode), headers, body: payloadBytes(body)}
}

/**
 * The integration response whose selectionPattern matches the whole selection value, else the default
 * one (no pattern). Patterns are Java regular expressions matched against the entire string, which is
 * why AWS warns that `.+` "may not match a response containing a newline" (developer guide
 * "Set up data mappings"); LocalStack next_gen handlers/integration_response.py takes the first match.
 */
export function selectIntegrationResponse(
  responses: Record<string, IntegrationResponse> | undefined,
  value: string,
): IntegrationResponse | undefined {
  const all = Object.values(responses ?? {})
  return all.find((response) => response.selectionPattern && matchesWhole(response.selectionPattern, value)) ?? all.find((response) => !response.selectionPattern)
}

const compiled = new Map<string, RegExp | null>()

function matchesWhole(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern)
  if (regex === undefined) {
    try {
      regex = new RegExp(`^(?:${pattern})$`)
    } catch {
      regex = null
    }
    compiled.set(pattern, regex)
  }
  return regex !== null && regex.test(value)
}
