// The sandbox's S3, as far as API Gateway's S3 integrations need one: buckets of objects in memory, each
// with its bytes, Content-Type, ETag and date. Simplifications, all on purpose for now:
// - no S3 API of its own: objects get in through S3 integrations (PutObject), the admin endpoints under
//   /_sandbox/objects (object-admin.ts) and the sandbox's own code;
// - a PutObject into a bucket that does not exist creates it (S3 would answer NoSuchBucket), so an API can
//   be rehearsed without creating its buckets first; reading, listing or deleting in an unknown bucket is
//   NoSuchBucket;
// - no versions, metadata, ACLs, checksums, ranges or multipart uploads; ETag is the MD5 as S3 gives it for
//   a single-part upload;
// - kept in memory for as long as the sandbox runs (emptied by POST /_sandbox/reset), never in its state file.
import {createHash} from 'node:crypto'

export interface StoredObject {
  body: Buffer
  /** As stored: S3 keeps the Content-Type it was sent, binary/octet-stream without one. */
  contentType: string
  /** The quoted MD5 hex, as S3 answers it. */
  etag: string
  lastModified: Date
}

export interface Bucket {
  name: string
  creationDate: Date
}

/** S3's answer when a bucket is missing: the object store names which. */
export class NoSuchBucket extends Error {
  constructor(readonly bucket: string) {
    super(`The specified bucket does not exist: ${bucket}`)
  }
}

/** S3's answer to deleting a bucket that still holds objects. */
export class BucketNotEmpty extends Error {
  constructor(readonly bucket: string) {
    super(`The bucket you tried to delete is not empty: ${bucket}`)
  }
}

export class ObjectStore {
  private readonly buckets = new Map<string, {creationDate: Date; objects: Map<string, StoredObject>}>()

  constructor(private readonly clock: () => number = Date.now) {}

  /** Forgets every bucket (the sandbox's reset). */
  clear(): void {
    this.buckets.clear()
  }

  createBucket(bucket: string): void {
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, {creationDate: this.now(), objects: new Map()})
  }

  hasBucket(bucket: string): boolean {
    return this.buckets.has(bucket)
  }

  /** The buckets by name, as ListBuckets lists them. */
  listBuckets(): Bucket[] {
    return [...this.buckets.entries()].map(([name, {creationDate}]) => ({name, creationDate})).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  }

  /** S3 refuses to delete a bucket with objects in it (BucketNotEmpty). */
  deleteBucket(bucket: string): void {
    if (this.objects(bucket).size > 0) throw new BucketNotEmpty(bucket)
    this.buckets.delete(bucket)
  }

  putObject(bucket: string, key: string, body: Buffer, contentType = 'binary/octet-stream'): StoredObject {
    this.createBucket(bucket)
    const stored = {body, contentType, etag: `"${createHash('md5').update(body).digest('hex')}"`, lastModified: this.now()}
    this.objects(bucket).set(key, stored)
    return stored
  }

  /** The object, or undefined when the bucket has no such key. */
  getObject(bucket: string, key: string): StoredObject | undefined {
    return this.objects(bucket).get(key)
  }

  /** S3 deletes idempotently: a missing key is no error. */
  deleteObject(bucket: string, key: string): void {
    this.objects(bucket).delete(key)
  }

  /** The bucket's keys and objects in S3's listing order: by the keys' UTF-8 bytes. */
  listObjects(bucket: string): Array<[string, StoredObject]> {
    return [...this.objects(bucket).entries()].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
  }

  private objects(bucket: string): Map<string, StoredObject> {
    const found = this.buckets.get(bucket)
    if (!found) throw new NoSuchBucket(bucket)
    return found.objects
  }

  // S3 keeps dates to the second.
  private now(): Date {
    return new Date(Math.floor(this.clock() / 1000) * 1000)
  }
}
