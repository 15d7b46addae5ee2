// AWS integrations to Lambda (non-proxy, "Lambda custom"): the integration request body is the event
// (it must be JSON), the function's result is the integration response body as JSON text, and
// selection patterns match the errorMessage of a failed invocation.

import {internalServerError} from '../gateway-responses.js'
import {lastValue} from '../headers.js'
import type {Invocation} from '../invocation.js'
import type {IntegrationRequest} from '../integration-request.js'
import type {EndpointResponse} from '../integration-response.js'
import {payloadBytes} from '../payload.js'
import {invokeFunction} from './lambda-invoke.js'

const strictUtf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})

export async function invokeLambda(invocation: Invocation, request: IntegrationRequest): Promise<EndpointResponse> {
  let eventJson: string
  try {
    eventJson = strictUtf8.decode(payloadBytes(request.body))
  } catch {
    // Raw bytes that are not even UTF-8 cannot be a JSON event.
    throw internalServerError()
  }
  // An `X-Amz-Invocation-Type: 'Event'` header mapping invokes the function asynchronously: Lambda queues
  // the event and answers at once with nothing (developer guide "Set up asynchronous invocation of the
  // backend Lambda function"; recorded: LocalStack test_api_gateway_lambda_asynchronous_invocation answers
  // 200 with an empty body). What the function does later reaches nobody.
  if (lastValue(request.headers, 'X-Amz-Invocation-Type')?.trim() === 'Event') {
    invokeFunction(invocation, eventJson).catch(() => undefined)
    return {statusCode: 200, headers: [], body: {kind: 'text', text: ''}, payloadKind: 'text', selectionValue: ''}
  }
  const result = await invokeFunction(invocation, eventJson)
  if (result.kind === 'function-error') {
    return {statusCode: 200, headers: [['Content-Type', 'application/json']], body: {kind: 'text', text: result.payload}, payloadKind: 'text', selectionValue: result.errorMessage}
  }
  return {
    statusCode: 200,
    headers: [['Content-Type', 'application/json']],
    body: {kind: 'text', text: result.payload},
    payloadKind: 'text',
    // On success there is no errorMessage and patterns are matched against the empty string, so only
    // the default integration response (or a pattern matching "") applies: the API reference's advice
    // to catch errors with `.+` "if the success response returns nothing" (API_IntegrationResponse
    // selectionPattern), observed on AWS in localstack/localstack #12574 and fixed to match in PR #12580.
    // A pattern such as `2\d{2}` therefore never selects a successful Lambda invocation.
    selectionValue: '',
    ...(typeof result.value === 'string' ? {stringValue: result.value} : {}),
  }
}

// A function that returns a JSON string (AWS's image sample returns the image as a base64 string)
// reaches API Gateway as the JSON text `"..."`. How API Gateway treats those quotes is undocumented; the
// sandbox's choice, which makes the sample's four documented requests agree with each other:
//   - passed through as text (no template, no conversion), the client gets the JSON text, quotes
//     included, as callers of non-proxy Lambdas returning strings commonly report;
//   - base64-decoded (CONVERT_TO_BINARY, or a binary Accept), the string's value is decoded: the quotes
//     are not part of the base64, so the client gets the image bytes ("Convert text data to a binary
//     payload": a Lambda returning a base64 string, CONVERT_TO_BINARY and no template return the blob);
//   - in a response template, `$input.body` is the string's value, so the sample's
//     `{"image": "$input.body"}` renders valid JSON, as its documented answer `{"image": "W3JhdyBieXRlc10="}` shows.
// `integration.response.body` in responseParameters stays the JSON text.
