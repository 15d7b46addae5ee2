// Integration response → method response for the non-proxy integrations: selection of the integration
// response, the conversion of src/core/conversion.ts, the response template and the responseParameters.

import {type PayloadKind, convertResponse, responseTemplateStep} from '../../core/conversion.js'
import {JavaRegexError, javaMatches} from '../../core/java-regex.js'
import {acceptIsBinary} from '../../core/media-type.js'
import type {IntegrationResponse} from '../model.js'
import {apiConfigurationError, internalServerError} from './gateway-responses.js'
import type {Pairs} from './headers.js'
import {methodResponseHeaders} from './integration-headers.js'
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
  const selected = selectIntegrationResponse(invocation.integration.integrationResponses, endpoint.selectionValue, invocation.diagnose)
  // "Execution failed due to configuration error: Output mapping refers to an invalid method response"
  // (AWS knowledge center "api-gateway-internal-server-error").
  if (!selected || !Object.hasOwn(invocation.method.methodResponses ?? {}, selected.statusCode)) throw apiConfigurationError()
  const accept = header(invocation.request, 'accept')
  const outcome = convertResponse({
    integrationPayload: endpoint.payloadKind,
    acceptIsBinary: acceptIsBinary(accept, invocation.snapshot.binaryMediaTypes),
    contentHandling: selected.contentHandling,
  })
  let body = applyOutcome(outcome, endpoint.body, endpoint.stringValue)
  let templateMediaType: string | undefined
  // Templates read text; what the model says becomes of bytes meeting one (core/conversion.ts): they fail
  // the request, or, decoded for a binary Accept without contentHandling, pass untouched. The latter lets
  // AWS's image API answer both an application/octet-stream and an application/json Accept from one
  // integration response.
  const template = responseTemplateFor(selected.responseTemplates, accept, {emptyCounts: true})
  if (template) {
    const step = responseTemplateStep(outcome, selected.contentHandling)
    if (step === 'fail') throw internalServerError()
    if (step === 'render' && template.template !== '' && body.kind === 'text') {
      const input = outcome === 'text' && endpoint.stringValue !== undefined ? endpoint.stringValue : body.text
      body = {kind: 'text', text: render(template.template, input, invocation)}
      templateMediaType = template.mediaType
    }
  }
  const headers = methodResponseHeaders(invocation.integration.type, mapResponseParameters(selected.responseParameters, endpoint, invocation))
  const {responseOverride} = invocation.overrides
  for (const [name, value] of Object.entries(isMap(responseOverride.header) ? responseOverride.header : {})) {
    if (value === null || value === undefined) continue
    const at = headers.findIndex(([existing]) => existing.toLowerCase() === name.toLowerCase())
    if (at >= 0) headers.splice(at, 1)
    headers.push([name, String(value)])
  }
  // Non-proxy responses are application/json unless a header mapping or the template says otherwise.
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['Content-Type', templateMediaType ?? 'application/json'])
  return {statusCode: overriddenStatus(responseOverride.status) ?? Number(selected.statusCode), headers, body: payloadBytes(body)}
}

/** A status override counts when it is an integer from 100 to 599; AWS ignores anything else (LocalStack integration_response.py). */
function overriddenStatus(status: unknown): number | undefined {
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599 ? status : undefined
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The integration response whose selectionPattern matches the whole selection value, else the default
 * one (no pattern). Patterns are Java regular expressions matched against the entire string, which is
 * why AWS warns that `.+` "may not match a response containing a newline" (developer guide
 * "Set up data mappings"); LocalStack next_gen handlers/integration_response.py takes the first match.
 *
 * They run on RE2 (core/java-regex.ts), in time linear in the value: a pattern such as `(.*)*Error.*`
 * cannot hang the sandbox as it would a backtracking engine. AWS accepts any pattern in
 * PutIntegrationResponse and the sandbox stores it as given; one RE2 cannot run (a Java-only feature such
 * as lookahead, a syntax error, or a value too long for its bound) matches nothing here, so the default
 * response answers, and the sandbox says so once through `diagnose`.
 */
export function selectIntegrationResponse(
  responses: Record<string, IntegrationResponse> | undefined,
  value: string,
  diagnose: (line: string) => void = () => {},
): IntegrationResponse | undefined {
  const all = Object.values(responses ?? {})
  return all.find((response) => response.selectionPattern && matchesWhole(response, value, diagnose)) ?? all.find((response) => !response.selectionPattern)
}

function matchesWhole(response: IntegrationResponse, value: string, diagnose: (line: string) => void): boolean {
  const pattern = response.selectionPattern!
  try {
    return javaMatches(pattern, value)
  } catch (error) {
    if (!(error instanceof JavaRegexError)) throw error
    diagnose(`selectionPattern ${cut(pattern)} (status ${response.statusCode}) cannot run on the sandbox's RE2 engine: ${error.message}; it matches nothing here, where API Gateway's Java engine may match it`)
    return false
  }
}

/** A pattern as a diagnosis shows it: quoted, escaped, cut when long. */
function cut(text: string): string {
  const quoted = JSON.stringify(text)
  return quoted.length > 122 ? `${quoted.slice(0, 120)}…"` : quoted
}
