// AWS integrations to S3 in the path form, `arn:aws:apigateway:{region}:s3:path/{bucket}/{key}` (developer
// guide "Tutorial: Create a REST API as an Amazon S3 proxy"), served from the sandbox's object store
// (object-store.ts). The integration's HTTP method is the S3 operation: GET GetObject (with a
// `response-content-type` query parameter answering that Content-Type), HEAD HeadObject, PUT PutObject (the
// integration request's Content-Type stored with the bytes), DELETE DeleteObject; S3 answers any other
// method 405 MethodNotAllowed. Errors are S3's XML documents, which pass through the integration responses
// like any answer: selection is by status code, as for HTTP. As recorded by LocalStack's test_apigateway_s3.py
// (test_apigateway_s3_any: a missing key answers NoSuchKey through the default 200 response).
// Not modelled: the action form (`s3:action/GetObject&Bucket=…`), bucket operations, S3's other headers and
// query parameters, signatures and credentials.
import {randomBytes} from 'node:crypto'

import {contentTypeIsBinary} from '../../../core/media-type.js'
import {NoSuchBucket, type ObjectStore} from '../../object-store.js'
import {internalServerError} from '../gateway-responses.js'
import {lastValue} from '../headers.js'
import type {Invocation} from '../invocation.js'
import type {IntegrationRequest} from '../integration-request.js'
import type {EndpointResponse} from '../integration-response.js'
import {payloadBytes} from '../payload.js'

const S3_PATH = /^arn:aws[\w-]*:apigateway:[^:]*:s3:path\/([^/]+)\/(.+)$/

/** Whether an AWS integration's URI names S3 in the path form. */
export function isS3PathUri(uri: string | undefined): boolean {
  return uri !== undefined && /^arn:aws[\w-]*:apigateway:[^:]*:s3:path\//.test(uri)
}

export function invokeS3(invocation: Invocation, request: IntegrationRequest, objects: ObjectStore): EndpointResponse {
  const target = S3_PATH.exec(request.uri)
  // A bucket alone (ListObjects) or no bucket is not modelled.
  if (!target) throw internalServerError()
  const bucket = target[1]!
  const key = decodedKey(target[2]!)
  const answer = s3Answer(request, objects, bucket, key)
  const contentType = lastValue(answer.headers, 'content-type')
  return {
    statusCode: answer.status,
    headers: answer.headers,
    body: {kind: 'binary', bytes: answer.body},
    payloadKind: contentTypeIsBinary(contentType, invocation.snapshot.binaryMediaTypes) ? 'binary' : 'text',
    selectionValue: String(answer.status),
  }
}

interface S3Answer {
  status: number
  headers: Array<[string, string]>
  body: Buffer
}

function s3Answer(request: IntegrationRequest, objects: ObjectStore, bucket: string, key: string): S3Answer {
  try {
    switch (request.httpMethod) {
      case 'GET':
      case 'HEAD': {
        const stored = objects.getObject(bucket, key)
        if (!stored) return request.httpMethod === 'HEAD' ? {status: 404, headers: [], body: Buffer.alloc(0)} : s3Error(404, 'NoSuchKey', 'The specified key does not exist.', ['Key', key])
        const contentType = request.query.find(([name]) => name === 'response-content-type')?.[1] ?? stored.contentType
        const headers: Array<[string, string]> = [
          ['Last-Modified', stored.lastModified.toUTCString()],
          ['ETag', stored.etag],
          ['x-amz-server-side-encryption', 'AES256'],
          ['Accept-Ranges', 'bytes'],
          ['Content-Type', contentType],
        ]
        return {status: 200, headers, body: request.httpMethod === 'HEAD' ? Buffer.alloc(0) : stored.body}
      }
      case 'PUT': {
        const stored = objects.putObject(bucket, key, payloadBytes(request.body), lastValue(request.headers, 'content-type'))
        return {status: 200, headers: [['ETag', stored.etag], ['x-amz-server-side-encryption', 'AES256']], body: Buffer.alloc(0)}
      }
      case 'DELETE':
        objects.deleteObject(bucket, key)
        return {status: 204, headers: [], body: Buffer.alloc(0)}
      default:
        return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', ['Method', request.httpMethod], ['ResourceType', 'OBJECT'])
    }
  } catch (error) {
    if (error instanceof NoSuchBucket) return s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', ['BucketName', bucket])
    throw error
  }
}

/** S3's error document: Code, Message, what it is about, RequestId and HostId. */
function s3Error(status: number, code: string, message: string, ...about: Array<[string, string]>): S3Answer {
  const elements: Array<[string, string]> = [['Code', code], ['Message', message], ...about, ['RequestId', randomBytes(8).toString('hex').toUpperCase()], ['HostId', randomBytes(48).toString('base64')]]
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${elements.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('')}</Error>`
  return {status, headers: [['Content-Type', 'application/xml']], body: Buffer.from(xml)}
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;')
}

// The key travels in the URI path: S3 reads it percent-decoded.
function decodedKey(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}
