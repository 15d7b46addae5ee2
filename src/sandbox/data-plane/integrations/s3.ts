// AWS integrations to S3 (s3-target.ts says which operation a URI asks for, in the path or the action
// form), served from the sandbox's object store (object-store.ts). PutObject stores the integration
// request's Content-Type with the bytes and GetObject answers it (or `response-content-type`); listings are
// S3's XML (s3-listing.ts). Errors are S3's XML documents, which pass through the integration responses like
// any answer: selection is by status code, as for HTTP. As recorded by LocalStack's test_apigateway_s3.py
// (test_apigateway_s3_any: a missing key answers NoSuchKey through the default 200 response).
// Not modelled: S3's other operations and headers (ranges, conditions, metadata, ACLs: x-amz-acl is
// accepted and ignored), signatures and credentials; an action the sandbox's S3 does not have is answered
// as a service the sandbox does not model.
import {randomBytes} from 'node:crypto'

import {contentTypeIsBinary} from '../../../core/media-type.js'
import {BucketNotEmpty, NoSuchBucket, type ObjectStore} from '../../object-store.js'
import {internalServerError} from '../gateway-responses.js'
import {lastValue} from '../headers.js'
import type {Invocation} from '../invocation.js'
import type {IntegrationRequest} from '../integration-request.js'
import type {EndpointResponse} from '../integration-response.js'
import {payloadBytes} from '../payload.js'
import {escapeXml, invalidListingArgument, listBucketsXml, listObjectsXml} from './s3-listing.js'
import {type S3Target, s3Target} from './s3-target.js'
import {unmodelledServiceIntegration} from './unmodelled-service.js'

export function invokeS3(invocation: Invocation, request: IntegrationRequest, objects: ObjectStore): EndpointResponse {
  const target = s3Target(request.uri, request.httpMethod, request.query)
  if (!target) throw internalServerError()
  if (target.kind === 'unknown-action') throw unmodelledServiceIntegration(`s3:${target.action}`)
  const answer = s3Answer(invocation, request, objects, target)
  answer.headers.push(['Date', new Date().toUTCString()], ['x-amz-request-id', randomBytes(8).toString('hex').toUpperCase()], ['Server', 'AmazonS3'])
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

const EMPTY = Buffer.alloc(0)

function s3Answer(invocation: Invocation, request: IntegrationRequest, objects: ObjectStore, target: S3Target): S3Answer {
  if (target.kind === 'method-not-allowed') {
    return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', ['Method', target.method], ['ResourceType', target.resourceType])
  }
  if (target.kind !== 'operation') throw internalServerError()
  const {bucket, key, query} = target
  try {
    switch (target.operation) {
      case 'ListBuckets':
        return xml(listBucketsXml(objects, invocation.accountId))
      case 'ListObjects':
      case 'ListObjectsV2': {
        const invalid = invalidListingArgument(query)
        if (invalid) return s3Error(400, 'InvalidArgument', 'Provided max-keys not an integer or within integer range', ['ArgumentName', invalid.name], ['ArgumentValue', invalid.value])
        return xml(listObjectsXml(objects, bucket, query, target.operation === 'ListObjectsV2' ? 2 : 1, invocation.accountId))
      }
      case 'HeadBucket':
        // HEAD answers carry no body, errors included.
        return {status: objects.hasBucket(bucket) ? 200 : 404, headers: [], body: EMPTY}
      case 'CreateBucket':
        // Outside us-east-1 S3 refuses to create a bucket its owner already has.
        if (objects.hasBucket(bucket) && invocation.region !== 'us-east-1') {
          return s3Error(409, 'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', ['BucketName', bucket])
        }
        objects.createBucket(bucket)
        return {status: 200, headers: [['Location', `/${bucket}`]], body: EMPTY}
      case 'DeleteBucket':
        objects.deleteBucket(bucket)
        return {status: 204, headers: [], body: EMPTY}
      case 'GetObject':
      case 'HeadObject': {
        const head = target.operation === 'HeadObject'
        const stored = objects.getObject(bucket, key)
        if (!stored) return head ? {status: 404, headers: [], body: EMPTY} : s3Error(404, 'NoSuchKey', 'The specified key does not exist.', ['Key', key])
        const contentType = query.findLast(([name]) => name === 'response-content-type')?.[1] ?? stored.contentType
        const headers: Array<[string, string]> = [
          ['Last-Modified', stored.lastModified.toUTCString()],
          ['ETag', stored.etag],
          ['x-amz-server-side-encryption', 'AES256'],
          ['Accept-Ranges', 'bytes'],
          ['Content-Type', contentType],
          ['Content-Length', String(stored.body.length)],
        ]
        return {status: 200, headers, body: head ? EMPTY : stored.body}
      }
      case 'PutObject': {
        const stored = objects.putObject(bucket, key, payloadBytes(request.body), lastValue(request.headers, 'content-type'))
        return {status: 200, headers: [['ETag', stored.etag], ['x-amz-server-side-encryption', 'AES256']], body: EMPTY}
      }
      case 'DeleteObject':
        objects.deleteObject(bucket, key)
        return {status: 204, headers: [], body: EMPTY}
    }
  } catch (error) {
    if (error instanceof NoSuchBucket) {
      return target.operation === 'HeadObject' ? {status: 404, headers: [], body: EMPTY} : s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', ['BucketName', bucket])
    }
    if (error instanceof BucketNotEmpty) return s3Error(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty', ['BucketName', bucket])
    throw error
  }
}

function xml(text: string): S3Answer {
  return {status: 200, headers: [['Content-Type', 'application/xml']], body: Buffer.from(text)}
}

/** S3's error document: Code, Message, what it is about, RequestId and HostId. */
function s3Error(status: number, code: string, message: string, ...about: Array<[string, string]>): S3Answer {
  const elements: Array<[string, string]> = [['Code', code], ['Message', message], ...about, ['RequestId', randomBytes(8).toString('hex').toUpperCase()], ['HostId', randomBytes(48).toString('base64')]]
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${elements.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('')}</Error>`
  return {status, headers: [['Content-Type', 'application/xml']], body: Buffer.from(text)}
}
