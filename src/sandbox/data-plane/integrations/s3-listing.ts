// S3's listings as XML, in the shapes of the S3 API reference's examples: ListBuckets
// (ListAllMyBucketsResult), ListObjects and ListObjectsV2 (ListBucketResult) with prefix, delimiter
// (CommonPrefixes), max-keys (1000 by default and at most), marker (V1), start-after and continuation-token
// (V2). The continuation token is opaque in S3; here it is the base64 of the last key listed.
// Not modelled: encoding-type=url, fetch-owner's DisplayName, request payers, object checksums.

import {createHash} from 'node:crypto'

import type {ObjectStore, StoredObject} from '../../object-store.js'

const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/'
const MAX_KEYS = 1000

/** An owner's canonical id: 64 hex digits, here derived from the account so it stays the same. */
export function canonicalUserId(accountId: string): string {
  return createHash('sha256').update(`s3-owner:${accountId}`).digest('hex')
}

export function listBucketsXml(objects: ObjectStore, accountId: string): string {
  const buckets = objects.listBuckets().map((bucket) => `<Bucket><Name>${escapeXml(bucket.name)}</Name><CreationDate>${bucket.creationDate.toISOString()}</CreationDate></Bucket>`)
  return document(`<ListAllMyBucketsResult xmlns="${NAMESPACE}"><Owner><ID>${canonicalUserId(accountId)}</ID></Owner><Buckets>${buckets.join('')}</Buckets></ListAllMyBucketsResult>`)
}

/** The listing's query parameters that S3 refuses, as S3's InvalidArgument; undefined when they are fine. */
export function invalidListingArgument(query: ReadonlyArray<readonly [string, string]>): {name: string; value: string} | undefined {
  const maxKeys = queryValue(query, 'max-keys')
  if (maxKeys !== undefined && !/^\d+$/.test(maxKeys)) return {name: 'max-keys', value: maxKeys}
  return undefined
}

export function listObjectsXml(objects: ObjectStore, bucket: string, query: ReadonlyArray<readonly [string, string]>, version: 1 | 2, accountId: string): string {
  const prefix = queryValue(query, 'prefix') ?? ''
  const delimiter = queryValue(query, 'delimiter') ?? ''
  const maxKeys = Math.min(Number(queryValue(query, 'max-keys') ?? MAX_KEYS), MAX_KEYS)
  const token = version === 2 ? queryValue(query, 'continuation-token') : undefined
  const startAfter = version === 2 ? queryValue(query, 'start-after') : undefined
  const marker = version === 1 ? (queryValue(query, 'marker') ?? '') : undefined
  const after = token !== undefined ? Buffer.from(token, 'base64').toString('utf8') : (startAfter ?? marker ?? '')

  const contents: Array<[string, StoredObject]> = []
  const commonPrefixes: string[] = []
  let truncated = false
  let last = ''
  for (const [key, stored] of objects.listObjects(bucket)) {
    if (!key.startsWith(prefix) || (after !== '' && Buffer.compare(Buffer.from(key), Buffer.from(after)) <= 0)) continue
    // A page that ended on a common prefix goes on past every key it rolled up.
    if (delimiter !== '' && after.endsWith(delimiter) && key.startsWith(after)) continue
    const cut = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length)
    const rolledUp = cut < 0 ? undefined : key.slice(0, cut + delimiter.length)
    // A common prefix counts once, however many keys it rolls up.
    if (rolledUp !== undefined && commonPrefixes.at(-1) === rolledUp) continue
    if (contents.length + commonPrefixes.length >= maxKeys) {
      truncated = true
      break
    }
    if (rolledUp === undefined) {
      contents.push([key, stored])
      last = key
    } else {
      commonPrefixes.push(rolledUp)
      last = rolledUp
    }
  }

  const element = (name: string, value: string) => (value === '' ? `<${name}/>` : `<${name}>${escapeXml(value)}</${name}>`)
  const parts = [element('Name', bucket), element('Prefix', prefix)]
  if (version === 1) parts.push(element('Marker', marker ?? ''))
  if (version === 2 && token !== undefined) parts.push(element('ContinuationToken', token))
  if (version === 2 && startAfter !== undefined) parts.push(element('StartAfter', startAfter))
  if (version === 2) parts.push(element('KeyCount', String(contents.length + commonPrefixes.length)))
  parts.push(element('MaxKeys', String(maxKeys)))
  if (delimiter !== '') parts.push(element('Delimiter', delimiter))
  parts.push(element('IsTruncated', String(truncated)))
  // V1 gives NextMarker only with a delimiter (without one the last key is the marker); V2 always a token.
  if (truncated && version === 1 && delimiter !== '') parts.push(element('NextMarker', last))
  if (truncated && version === 2) parts.push(element('NextContinuationToken', Buffer.from(last).toString('base64')))
  const owner = `<Owner><ID>${canonicalUserId(accountId)}</ID></Owner>`
  const withOwner = version === 1 || queryValue(query, 'fetch-owner') === 'true'
  for (const [key, stored] of contents) {
    parts.push(
      `<Contents><Key>${escapeXml(key)}</Key><LastModified>${stored.lastModified.toISOString()}</LastModified><ETag>${escapeXml(stored.etag)}</ETag>` +
        `<Size>${stored.body.length}</Size>${withOwner ? owner : ''}<StorageClass>STANDARD</StorageClass></Contents>`,
    )
  }
  for (const common of commonPrefixes) parts.push(`<CommonPrefixes><Prefix>${escapeXml(common)}</Prefix></CommonPrefixes>`)
  return document(`<ListBucketResult xmlns="${NAMESPACE}">${parts.join('')}</ListBucketResult>`)
}

function queryValue(query: ReadonlyArray<readonly [string, string]>, name: string): string | undefined {
  return query.findLast(([entry]) => entry === name)?.[1]
}

function document(root: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}`
}

export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;')
}
