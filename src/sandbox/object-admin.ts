// The sandbox's object store over its admin endpoints, so a rehearsal can put the objects an S3-backed API
// serves and look at what it wrote without code: the sandbox has no S3 API of its own (object-store.ts).
//   GET    /_sandbox/objects                  the buckets: [{name, creationDate}]
//   GET    /_sandbox/objects/BUCKET           its objects: [{key, size, contentType, etag, lastModified}]
//   PUT    /_sandbox/objects/BUCKET/KEY       stores the body with the request's Content-Type (the bucket comes into existence)
//   GET    /_sandbox/objects/BUCKET/KEY       the bytes, with their Content-Type and ETag
//   DELETE /_sandbox/objects/BUCKET/KEY       forgets it
// BUCKET and KEY are percent-decoded; a key keeps its slashes. Missing buckets and keys answer 404.
import type {ServerResponse} from 'node:http'

import {NoSuchBucket, type ObjectStore} from './object-store.js'

export const OBJECT_ADMIN_PREFIX = '/_sandbox/objects'

export function answerObjectAdmin(objects: ObjectStore, method: string, path: string, contentType: string | undefined, body: Buffer | 'too-large', response: ServerResponse): void {
  const rest = path.slice(OBJECT_ADMIN_PREFIX.length).replace(/^\//, '')
  const slash = rest.indexOf('/')
  const bucket = decoded(slash < 0 ? rest : rest.slice(0, slash))
  const key = slash < 0 ? '' : decoded(rest.slice(slash + 1))
  try {
    if (bucket === '' && method === 'GET') return json(response, 200, objects.listBuckets().map(({name, creationDate}) => ({name, creationDate: creationDate.toISOString()})))
    if (bucket !== '' && key === '' && method === 'GET') {
      return json(
        response,
        200,
        objects.listObjects(bucket).map(([name, stored]) => ({key: name, size: stored.body.length, contentType: stored.contentType, etag: stored.etag, lastModified: stored.lastModified.toISOString()})),
      )
    }
    if (bucket !== '' && key !== '') {
      if (method === 'PUT') {
        if (body === 'too-large') return json(response, 413, {message: 'The object is larger than the sandbox accepts'})
        const stored = objects.putObject(bucket, key, body, contentType)
        return json(response, 200, {bucket, key, size: stored.body.length, contentType: stored.contentType, etag: stored.etag})
      }
      if (method === 'GET') {
        const stored = objects.getObject(bucket, key)
        if (!stored) return json(response, 404, {message: `No object ${key} in bucket ${bucket}`})
        response.writeHead(200, {'content-type': stored.contentType, 'content-length': stored.body.length, etag: stored.etag})
        response.end(stored.body)
        return
      }
      if (method === 'DELETE') {
        objects.deleteObject(bucket, key)
        return json(response, 200, {deleted: true})
      }
    }
    json(response, 404, {message: `No sandbox admin endpoint ${method} ${path}`})
  } catch (error) {
    if (error instanceof NoSuchBucket) return json(response, 404, {message: `No bucket ${error.bucket}`})
    throw error
  }
}

function json(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value)
  response.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)})
  response.end(text)
}

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}
