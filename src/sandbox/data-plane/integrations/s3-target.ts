// Which S3 operation an AWS integration's URI asks for, in either of the two forms the API reference gives
// for `Integration.uri` ("arn:aws:apigateway:{region}:{subdomain.service|service}:path|action/{service_api}"):
//   - the path form, `s3:path/{bucket}/{key}`, is S3's REST API: the integration's HTTP method is the
//     operation (developer guide "Tutorial: Create a REST API as an Amazon S3 proxy"): on an object GET
//     GetObject, HEAD HeadObject, PUT PutObject, DELETE DeleteObject; on a bucket GET ListObjects
//     (ListObjectsV2 with `list-type=2`), HEAD HeadBucket, PUT CreateBucket, DELETE DeleteBucket; on no
//     bucket (`s3:path//`, as in the developer guide's S3 proxy sample) GET ListBuckets;
//   - the action form names the operation and its parameters, `s3:action/GetObject&Bucket={bucket}&Key={key}`
//     (API reference, Integration uri's example), whatever the integration's HTTP method.
// Parameters of the action form are S3's API names (Bucket, Key, Prefix, MaxKeys …); they join the
// integration request's query string under their REST names (prefix, max-keys …).

export type S3Operation =
  | 'ListBuckets'
  | 'ListObjects'
  | 'ListObjectsV2'
  | 'HeadBucket'
  | 'CreateBucket'
  | 'DeleteBucket'
  | 'GetObject'
  | 'HeadObject'
  | 'PutObject'
  | 'DeleteObject'

export type S3Target =
  | {kind: 'operation'; operation: S3Operation; bucket: string; key: string; query: Array<[string, string]>}
  /** S3's REST API refuses the method on that resource: 405 MethodNotAllowed. */
  | {kind: 'method-not-allowed'; method: string; resourceType: 'SERVICE' | 'BUCKET' | 'OBJECT'}
  /** An action the sandbox's S3 does not have. */
  | {kind: 'unknown-action'; action: string}

const S3_URI = /^arn:aws[\w-]*:apigateway:[^:]*:s3:(path|action)\/(.*)$/s

const OPERATIONS = new Set<string>(['ListBuckets', 'ListObjects', 'ListObjectsV2', 'HeadBucket', 'CreateBucket', 'DeleteBucket', 'GetObject', 'HeadObject', 'PutObject', 'DeleteObject'])

// The action form's parameters under the names S3's REST API gives them in the query string.
const QUERY_NAMES: Record<string, string> = {
  Prefix: 'prefix',
  Delimiter: 'delimiter',
  MaxKeys: 'max-keys',
  Marker: 'marker',
  ContinuationToken: 'continuation-token',
  StartAfter: 'start-after',
  FetchOwner: 'fetch-owner',
  ResponseContentType: 'response-content-type',
}

/** The operation a rendered S3 integration URI asks for; undefined for a URI that names no S3 resource. */
export function s3Target(uri: string, httpMethod: string, query: ReadonlyArray<readonly [string, string]>): S3Target | undefined {
  const match = S3_URI.exec(uri)
  if (!match) return undefined
  return match[1] === 'path' ? pathTarget(match[2]!, httpMethod.toUpperCase(), query) : actionTarget(match[2]!, query)
}

function pathTarget(resource: string, method: string, query: ReadonlyArray<readonly [string, string]>): S3Target | undefined {
  const slash = resource.indexOf('/')
  const bucket = decoded(slash < 0 ? resource : resource.slice(0, slash))
  const key = slash < 0 ? '' : decoded(resource.slice(slash + 1))
  const rest = [...query].map(([name, value]): [string, string] => [name, value])
  const operation = (name: S3Operation): S3Target => ({kind: 'operation', operation: name, bucket, key, query: rest})
  if (bucket === '') {
    return method === 'GET' ? operation('ListBuckets') : {kind: 'method-not-allowed', method, resourceType: 'SERVICE'}
  }
  if (key === '') {
    switch (method) {
      case 'GET':
        return operation(rest.some(([name, value]) => name === 'list-type' && value === '2') ? 'ListObjectsV2' : 'ListObjects')
      case 'HEAD':
        return operation('HeadBucket')
      case 'PUT':
        return operation('CreateBucket')
      case 'DELETE':
        return operation('DeleteBucket')
      default:
        return {kind: 'method-not-allowed', method, resourceType: 'BUCKET'}
    }
  }
  switch (method) {
    case 'GET':
      return operation('GetObject')
    case 'HEAD':
      return operation('HeadObject')
    case 'PUT':
      return operation('PutObject')
    case 'DELETE':
      return operation('DeleteObject')
    default:
      return {kind: 'method-not-allowed', method, resourceType: 'OBJECT'}
  }
}

function actionTarget(resource: string, query: ReadonlyArray<readonly [string, string]>): S3Target {
  const [action = '', ...pairs] = resource.split('&')
  if (!OPERATIONS.has(action)) return {kind: 'unknown-action', action}
  const parameters = new Map<string, string>()
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    parameters.set(decoded(at < 0 ? pair : pair.slice(0, at)), decoded(at < 0 ? '' : pair.slice(at + 1)))
  }
  const rest: Array<[string, string]> = [...query].map(([name, value]): [string, string] => [name, value])
  for (const [name, value] of parameters) {
    const restName = QUERY_NAMES[name]
    if (restName !== undefined) rest.push([restName, value])
  }
  return {kind: 'operation', operation: action as S3Operation, bucket: parameters.get('Bucket') ?? '', key: parameters.get('Key') ?? '', query: rest}
}

// S3 reads the bucket and key percent-decoded.
function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}
