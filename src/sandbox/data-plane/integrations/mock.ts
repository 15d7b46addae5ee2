// MOCK: nothing is called. The rendered request template's `statusCode` (an integer) is the status the
// integration responses are selected by; the body is what the response template makes of an empty text
// payload (developer guide "how-to-mock-integration"; LocalStack tests/unit test_mock_integration.py:
// a string or malformed JSON is a 500).

import {contentTypeIsBinary} from '../../../core/media-type.js'
import {internalServerError} from '../gateway-responses.js'
import type {IntegrationRequest} from '../integration-request.js'
import type {EndpointResponse} from '../integration-response.js'
import {payloadText} from '../payload.js'

export function invokeMock(request: IntegrationRequest, binaryMediaTypes: readonly string[]): EndpointResponse {
  const statusCode = mockStatus(payloadText(request.body))
  // Its answer has no Content-Type, which only the all-types binary media type matches (core/conversion.ts).
  const payloadKind = contentTypeIsBinary(undefined, binaryMediaTypes) ? 'binary' : 'text'
  return {statusCode, headers: [], body: {kind: 'text', text: ''}, payloadKind, selectionValue: String(statusCode)}
}

function mockStatus(text: string): number {
  // Without a template (or with an empty body) there is nothing to read; MOCK then answers 200.
  if (text.trim() === '') return 200
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = {statusCode: lenientStatusCode(text)}
  }
  if (parsed === null || typeof parsed !== 'object' || !('statusCode' in parsed)) return 200
  const status = (parsed as {statusCode: unknown}).statusCode
  if (typeof status !== 'number' || !Number.isInteger(status)) throw internalServerError()
  return status
}

/**
 * AWS also reads a template that is no JSON but a flat object with unquoted keys, `{statusCode: 200}`,
 * which CDK's CORS preflight writes (recorded: LocalStack test_integration_mock_with_path_param answers
 * 200). The reading is LocalStack's (integrations/mock.py parse_invalid_json): one line of `key: value`
 * pairs split at commas, quotes balanced; the statusCode as an integer, or nothing when the text does not
 * read so (a 500).
 */
function lenientStatusCode(text: string): number | undefined {
  const inner = /^\s*\{(.+)\}\s*$/.exec(text)?.[1]
  if (inner === undefined) return undefined
  let status: number | undefined
  for (const pair of inner.split(',').map((part) => part.trim())) {
    if (pair === '') continue
    const colon = pair.indexOf(':')
    if (colon < 0) return undefined
    const key = pair.slice(0, colon).trim()
    const rawValue = pair.slice(colon + 1).trim()
    const value = rawValue === '' || rawValue === 'null' ? '""' : rawValue
    if (key === '') return undefined
    if (key === 'statusCode' || key === "'statusCode'" || key === '"statusCode"') {
      // Python's int(): an optional sign, digits and underscores between them, surrounding space.
      if (!/^[+-]?\d+(_\d+)*$/.test(value)) return undefined
      status = Number(value.replaceAll('_', ''))
      continue
    }
    if ('[{'.includes(key[0]!)) return undefined
    if (!quotedAsItOpens(key, '\'"') || !quotedAsItOpens(value, '[{\'"')) return undefined
  }
  return status
}

// A value opening with a quote or bracket closes with its match.
function quotedAsItOpens(text: string, openers: string): boolean {
  const first = text[0]!
  if (!openers.includes(first)) return true
  const closing = first === '[' ? ']' : first === '{' ? '}' : first
  return text.length >= 2 && text.endsWith(closing)
}
