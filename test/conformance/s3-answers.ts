// The calls LocalStack's S3 integration tests make to S3 itself (the `s3_bucket` fixture, put_object to set
// up, get_object to inspect what API Gateway wrote), answered from the sandbox's object store in the shape
// boto3 gives S3's answers, which the recordings hold. The sandbox has no S3 API: these are the tests'
// set-up and inspection, not API Gateway's behaviour, and what they check (the bytes, their Content-Type,
// their MD5 ETag and checksums) comes from the store the integration wrote.
import {crc32} from 'node:zlib'

import type {ObjectStore} from '../../src/sandbox/object-store.js'
import {shortUid} from './context.js'
import {pythonBytes} from './python-requests.js'

const OK = {HTTPHeaders: {}, HTTPStatusCode: 200}

export class S3Answers {
  constructor(private readonly objects: ObjectStore) {}

  /** The s3_bucket fixture: a new bucket, by name. */
  createBucket(): string {
    const bucket = `localstack-testing-${shortUid()}`
    this.objects.createBucket(bucket)
    return bucket
  }

  /** put_object(Bucket, Key, Body): boto3 sends a CRC32 checksum, which S3 answers back. */
  putObject(bucket: string, key: string, body: Buffer | string): Record<string, unknown> {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body
    const stored = this.objects.putObject(bucket, key, bytes)
    return {ChecksumCRC32: checksum32(bytes), ChecksumType: 'FULL_OBJECT', ETag: stored.etag, ServerSideEncryption: 'AES256', ResponseMetadata: OK}
  }

  /**
   * get_object(Bucket, Key) with boto3's checksum validation: an object without a checksum of the
   * uploader's has S3's default, CRC64NVME. `Body` is the stream the snapshot reads as UTF-8 text, or
   * with `read` the bytes the test read, recorded as their Python repr.
   */
  getObject(bucket: string, key: string, read = false): {found: true; answer: Record<string, unknown>} | {found: false; answer: Record<string, unknown>} {
    const stored = this.objects.getObject(bucket, key)
    if (!stored) {
      return {found: false, answer: {Error: {Code: 'NoSuchKey', Key: key, Message: 'The specified key does not exist.'}, ResponseMetadata: {HTTPHeaders: {}, HTTPStatusCode: 404}}}
    }
    return {
      found: true,
      answer: {
        AcceptRanges: 'bytes',
        Body: read ? pythonBytes(stored.body) : new TextDecoder('utf-8', {fatal: true}).decode(stored.body),
        ChecksumCRC64NVME: checksum64(stored.body),
        ChecksumType: 'FULL_OBJECT',
        ContentLength: stored.body.length,
        ContentType: stored.contentType,
        ETag: stored.etag,
        LastModified: 'datetime',
        Metadata: {},
        ServerSideEncryption: 'AES256',
        ResponseMetadata: OK,
      },
    }
  }
}

function checksum32(bytes: Buffer): string {
  const value = Buffer.alloc(4)
  value.writeUInt32BE(crc32(bytes))
  return value.toString('base64')
}

// CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final XOR all ones.
const CRC64_NVME = 0x9a6c9329ac4bc9b5n
const ALL_ONES = (1n << 64n) - 1n

function checksum64(bytes: Buffer): string {
  let crc = ALL_ONES
  for (const byte of bytes) {
    crc ^= BigInt(byte)
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ CRC64_NVME : crc >> 1n
  }
  const value = Buffer.alloc(8)
  value.writeBigUInt64BE(crc ^ ALL_ONES)
  return value.toString('base64')
}
