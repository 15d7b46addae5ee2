// The Lambda proxy integration's input event, format 1.0 (developer guide
// "set-up-lambda-proxy-integrations", input format; LocalStack next_gen integrations/aws.py
// create_lambda_input_event). Empty collections are null, as AWS sends them.

import {multiValueMap, queryMaps, singleValueMap, withoutHeaders} from '../headers.js'
import type {Invocation} from '../invocation.js'

export interface ProxyEvent {
  resource: string
  path: string
  httpMethod: string
  headers: Record<string, string> | null
  multiValueHeaders: Record<string, string[]> | null
  queryStringParameters: Record<string, string> | null
  multiValueQueryStringParameters: Record<string, string[]> | null
  pathParameters: Record<string, string> | null
  stageVariables: Record<string, string> | null
  requestContext: Record<string, unknown>
  body: string | null
  isBase64Encoded: boolean
}

// Not passed to the function (LocalStack aws.py _format_headers, recorded against AWS); the trace header
// is API Gateway's own.
const DROPPED = ['content-length', 'connection', 'x-amzn-trace-id']

// Spelled as CloudFront spells them whatever the client sent (recorded: `authorization` and `aUThorization`
// arrive as Authorization, `user-Agent` as User-Agent; LocalStack aws.py _format_headers).
const CAPITALISED = new Map([
  ['authorization', 'Authorization'],
  ['user-agent', 'User-Agent'],
])

export function proxyEvent(invocation: Invocation, body: string, isBase64Encoded: boolean): ProxyEvent {
  const {request} = invocation
  const headers: Array<[string, string]> = [
    ...withoutHeaders(request.headers, DROPPED).map(([name, value]): [string, string] => [CAPITALISED.get(name.toLowerCase()) ?? name, value]),
    // What API Gateway and its front end add for the function.
    ['X-Amzn-Trace-Id', invocation.traceId],
    ['X-Forwarded-For', request.sourceIp],
    ['X-Forwarded-Port', String(request.port)],
    ['X-Forwarded-Proto', 'http'],
  ]
  const query = queryMaps(request.query)
  const some = <T extends object>(value: T): T | null => (Object.keys(value).length > 0 ? value : null)
  return {
    resource: invocation.resource.path,
    path: request.path,
    httpMethod: request.httpMethod,
    headers: some(singleValueMap(headers)),
    multiValueHeaders: some(multiValueMap(headers)),
    queryStringParameters: some(query.single),
    multiValueQueryStringParameters: some(query.multi),
    pathParameters: some({...invocation.pathParameters}),
    stageVariables: some({...invocation.stageVariables}),
    requestContext: {...invocation.context},
    body: body === '' ? null : body,
    isBase64Encoded,
  }
}
