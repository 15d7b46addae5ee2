// AWS_PROXY: the whole request goes to the function as a proxy event and the function's result is the
// response. Binary handling is the lambdaProxy part of src/core/conversion.ts; integration responses
// and contentHandling play no part.

import {convertProxyRequest, convertProxyResponse} from '../../../core/conversion.js'
import {acceptIsBinary, contentTypeIsBinary} from '../../../core/media-type.js'
import {integrationFailure, internalServerError} from '../gateway-responses.js'
import {header, type Invocation} from '../invocation.js'
import type {MethodResponse} from '../integration-response.js'
import {applyOutcome, payloadBytes, payloadText} from '../payload.js'
import {checkHeaderMappings, methodResponseHeaders} from '../integration-headers.js'
import {mapRequestParameters} from '../parameter-mapping.js'
import {invokeFunction} from './lambda-invoke.js'
import {proxyEvent} from './proxy-event.js'

// A malformed result, a function error or a result over Lambda's limit is a 502 with the generic
// message (developer guide "handle-errors-in-lambda-integration"; AWS knowledge center
// "malformed-502-api-gateway"; DataBiosphere/azul #7466 for an oversized result).
const badGateway = () => internalServerError(502)

const RESULT_FIELDS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded'])

export async function invokeLambdaProxy(invocation: Invocation): Promise<MethodResponse> {
  const {request, snapshot, integration} = invocation
  // Lambda is only ever invoked with POST; another integration method fails the invocation with 500
  // (LocalStack PR #11183, validated by test_lambda_aws_proxy_integration_non_post_method), an
  // INTEGRATION_FAILURE in next_gen integrations/aws.py.
  if (integration.httpMethod !== 'POST') throw integrationFailure()
  // Mappings do nothing for AWS_PROXY, but one to a header API Gateway keeps for itself still fails the
  // request (recorded: LocalStack test_apigateway_header_remapping_aws[AWS_PROXY]).
  checkHeaderMappings('AWS_PROXY', mapRequestParameters(invocation).header)
  const converted = convertProxyRequest(contentTypeIsBinary(header(request, 'content-type'), snapshot.binaryMediaTypes))
  const body = payloadText(applyOutcome(converted.outcome, {kind: 'binary', bytes: request.body}))
  const result = await invokeFunction(invocation, JSON.stringify(proxyEvent(invocation, body, converted.isBase64Encoded)))
  if (result.kind === 'function-error') throw badGateway()
  const answer = validProxyResult(result.value)
  if (!answer) throw badGateway()

  const headers = methodResponseHeaders('AWS_PROXY', mergedHeaders(answer))
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/json'])

  const outcome = convertProxyResponse(answer.isBase64Encoded === true, acceptIsBinary(header(request, 'accept'), snapshot.binaryMediaTypes))
  const responseBody = applyOutcome(outcome, {kind: 'text', text: answer.body ?? ''})
  return {statusCode: answer.statusCode === undefined ? 200 : Number(answer.statusCode), headers, body: payloadBytes(responseBody)}
}

interface ProxyResult {
  statusCode?: number | string
  headers?: Record<string, string | boolean | number> | null
  multiValueHeaders?: Record<string, Array<string | boolean | number>> | null
  body?: string | null
  isBase64Encoded?: boolean
}

/**
 * Every field is optional but no other may appear; statusCode must read as an integer, header values
 * must be scalars and multiValueHeaders lists (LocalStack test_aws_proxy_response_payload_format_validation,
 * recorded against AWS: `{"statusCode": 200, "wrongValue": …}`, `"justAString"` and
 * `{"multiValueHeaders": {"x": "v"}}` are all 502; `{"statusCode": "201"}` is 201).
 */
function validProxyResult(value: unknown): ProxyResult | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  const result = value as Record<string, unknown>
  if (Object.keys(result).some((key) => !RESULT_FIELDS.has(key))) return undefined
  const {statusCode, headers, multiValueHeaders, body, isBase64Encoded} = result
  if (statusCode !== undefined && statusCode !== null && !/^\d+$/.test(String(statusCode))) return undefined
  const status = statusCode === undefined || statusCode === null ? undefined : Number(statusCode)
  if (status !== undefined && (status < 100 || status > 599)) return undefined
  if (headers !== undefined && headers !== null && !isMapOf(headers, isScalar)) return undefined
  if (multiValueHeaders !== undefined && multiValueHeaders !== null && !isMapOf(multiValueHeaders, (item) => Array.isArray(item) && item.every(isScalar))) return undefined
  if (body !== undefined && body !== null && typeof body !== 'string') return undefined
  if (isBase64Encoded !== undefined && isBase64Encoded !== null && typeof isBase64Encoded !== 'boolean') return undefined
  return {...(result as ProxyResult), ...(status === undefined ? {statusCode: undefined} : {statusCode: status})}
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number'
}

function isMapOf(value: unknown, check: (item: unknown) => boolean): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(check)
}

/**
 * `headers` and `multiValueHeaders` together: a name in both gives the multiValueHeaders values, then the
 * headers value, spelled as multiValueHeaders spells it (recorded: LocalStack
 * test_aws_proxy_response_payload_format_validation, `tesT-Multi: value-multi, value-solo`).
 */
export function mergedHeaders(answer: Pick<ProxyResult, 'headers' | 'multiValueHeaders'>): Array<[string, string]> {
  const single = new Map(Object.entries(answer.headers ?? {}).map(([name, value]) => [name.toLowerCase(), {name, value}]))
  const headers: Array<[string, string]> = []
  for (const [name, values] of Object.entries(answer.multiValueHeaders ?? {})) {
    for (const value of values) headers.push([name, headerText(value)])
    const also = single.get(name.toLowerCase())
    if (also) {
      headers.push([name, headerText(also.value)])
      single.delete(name.toLowerCase())
    }
  }
  for (const {name, value} of single.values()) headers.push([name, headerText(value)])
  return headers
}

/** Booleans travel as `true`/`false` (LocalStack aws.py serialize_header). */
function headerText(value: string | boolean | number): string {
  return String(value)
}
