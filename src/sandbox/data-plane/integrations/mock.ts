// MOCK: nothing is called. The rendered request template's `statusCode` (an integer) is the status the
// integration responses are selected by; the body is what the response template makes of an empty text
// payload (developer guide "how-to-mock-integration"; LocalStack tests/unit test_mock_integration.py:
// a string or malformed JSON is a 500).

import {internalServerError} from '../gateway-responses.js'
import type {IntegrationRequest} from '../integration-request.js'
import type {EndpointResponse} from '../integration-response.js'
import {payloadText} from '../payload.js'

export function invokeMock(request: IntegrationRequest): EndpointResponse {
  const statusCode = mockStatus(payloadText(request.body))
  return {statusCode, headers: [], body: {kind: 'text', text: ''}, payloadKind: 'text', selectionValue: String(statusCode)}
}

function mockStatus(text: string): number {
  // Without a template (or with an empty body) there is nothing to read; MOCK then answers 200.
  if (text.trim() === '') return 200
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw internalServerError()
  }
  if (parsed === null || typeof parsed !== 'object' || !('statusCode' in parsed)) return 200
  const status = (parsed as {statusCode: unknown}).statusCode
  if (typeof status !== 'number' || !Number.isInteger(status)) throw internalServerError()
  return status
}
