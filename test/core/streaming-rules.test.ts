// core/rules/streaming.ts on configurations read from OpenAPI documents (the shape exports and spec
// documents give; the sandbox refuses some of these on PutIntegration, so they are built here).
import {apiConfigFromOpenApi} from '../../src/core/api-config-readers.js'
import type {Finding} from '../../src/core/findings.js'
import {judge} from '../../src/core/rules/index.js'

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:video'
const STREAM_URI = `arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/${LAMBDA}/response-streaming-invocations`
const INVOKE_URI = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${LAMBDA}/invocations`

function audit(paths: Record<string, Record<string, Record<string, unknown>>>, binaryMediaTypes: string[] = []): Finding[] {
  const document = {
    openapi: '3.0.1',
    info: {title: 't', version: '1'},
    'x-amazon-apigateway-binary-media-types': binaryMediaTypes,
    paths: Object.fromEntries(
      Object.entries(paths).map(([path, operations]) => [
        path,
        Object.fromEntries(Object.entries(operations).map(([method, integration]) => [method, {'x-amazon-apigateway-integration': integration}])),
      ]),
    ),
  }
  return judge({restApiId: 'a1', live: apiConfigFromOpenApi(document)}).findings.filter((finding) => finding.kind !== 'proxy-binary-response')
}

const lambda = (uri: string, extra: object = {}) => ({type: 'aws_proxy', httpMethod: 'POST', uri, ...extra})

describe('streaming rules', () => {
  it('a streamed Lambda proxy on the streaming URI is clean; on Invoke’s URI it is an error', () => {
    expect(audit({'/video': {get: lambda(STREAM_URI, {responseTransferMode: 'STREAM'})}})).toEqual([])
    const [found] = audit({'/video': {get: lambda(INVOKE_URI, {responseTransferMode: 'STREAM'})}})
    expect(found).toMatchObject({kind: 'stream-invocation-uri', severity: 'error', resourcePath: '/video', httpMethod: 'GET', actual: INVOKE_URI, expected: STREAM_URI, fix: []})
  })

  it('STREAM on a non-proxy integration is an error', () => {
    expect(audit({'/video': {get: {type: 'http', httpMethod: 'GET', uri: 'https://example.com', responseTransferMode: 'STREAM'}}}).map((found) => [found.kind, found.actual])).toEqual([
      ['stream-integration-type', 'HTTP'],
    ])
  })

  it('a buffered integration waiting past 29 s is a warning that suggests streaming; a streamed one may wait 15 minutes', () => {
    const [found] = audit({'/slow': {get: lambda(INVOKE_URI, {timeoutInMillis: 60_000})}})
    expect(found).toMatchObject({kind: 'buffered-timeout-over-quota', severity: 'warning', actual: '60000 ms'})
    expect(found!.message).toContain('responseTransferMode STREAM')
    expect(audit({'/slow': {get: lambda(INVOKE_URI, {timeoutInMillis: 29_000})}})).toEqual([])
    expect(audit({'/slow': {get: lambda(STREAM_URI, {timeoutInMillis: 900_000, responseTransferMode: 'STREAM'})}})).toEqual([])
  })

  it('*/* kept only for streamed downloads is advice: it still makes every request body binary', () => {
    const streamedOnly = audit({'/video': {get: lambda(STREAM_URI, {responseTransferMode: 'STREAM'})}, '/upload': {post: lambda(INVOKE_URI)}}, ['*/*'])
    expect(streamedOnly.map((found) => [found.kind, found.severity, found.mediaType])).toEqual([['catch-all-for-streams', 'info', '*/*']])
    expect(streamedOnly[0]!.message).toContain('POST /upload gets even a JSON body base64-encoded')
    // A buffered download still needs it.
    expect(audit({'/video': {get: lambda(STREAM_URI, {responseTransferMode: 'STREAM'})}, '/image': {get: lambda(INVOKE_URI)}}, ['*/*'])).toEqual([])
  })
})
