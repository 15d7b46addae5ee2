// S3 integrations in the action form and S3's bucket-level operations (listings, HeadBucket, CreateBucket,
// DeleteBucket, ListBuckets), which no recording covers: S3's answers as its API reference gives them.
import type {Sandbox} from '../../../src/sandbox/server.js'
import {startTestSandbox} from '../../helpers/sandbox.js'
import {deployApi, send} from './support.js'

let sandbox: Sandbox
let logged: string[]
beforeAll(async () => {
  logged = []
  sandbox = await startTestSandbox({logDiagnosis: (line) => logged.push(line)})
})
afterAll(() => sandbox.close())

const ALL_RESPONSES = {'200': {statusCode: '200', selectionPattern: '2\\d{2}'}, '400': {statusCode: '400', selectionPattern: '4\\d{2}'}}

/** One route per URI: GET /r{n}?… calls the n-th, its query strings mapped to the integration's. */
function s3Api(routes: Array<{uri: string; httpMethod?: string; query?: string[]}>) {
  return deployApi(sandbox, {
    routes: routes.map(({uri, httpMethod = 'GET', query = []}, index) => ({
      path: `/r${index}`,
      method: 'ANY',
      integration: {
        type: 'AWS' as const,
        httpMethod,
        uri,
        requestParameters: Object.fromEntries(query.map((name) => [`integration.request.querystring.${name}`, `method.request.querystring.${name}`])),
        integrationResponses: ALL_RESPONSES,
      },
    })),
  })
}

function keys(xml: string): string[] {
  return [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => match[1]!)
}

describe('S3 integrations in the action form', () => {
  it('read, write, head and delete objects with the parameters the URI names', async () => {
    const api = deployApi(sandbox, {
      routes: ['GetObject', 'PutObject', 'HeadObject', 'DeleteObject'].map((action) => ({
        path: `/${action}/{key}`,
        method: 'POST',
        integration: {
          type: 'AWS' as const,
          // The integration's method is not the operation in the action form.
          httpMethod: 'POST',
          uri: `arn:aws:apigateway:us-east-1:s3:action/${action}&Bucket=actions&Key={key}`,
          requestParameters: {'integration.request.path.key': 'method.request.path.key'},
          integrationResponses: {...ALL_RESPONSES, '200': {statusCode: '200', selectionPattern: '2\\d{2}', responseParameters: {'method.response.header.Content-Type': 'integration.response.header.Content-Type', 'method.response.header.ETag': 'integration.response.header.ETag'}}},
        },
      })),
    })
    const put = await send(api.url('/PutObject/notes.txt'), {method: 'POST', headers: {'Content-Type': 'text/plain'}, body: 'hello'})
    expect(put.status).toBe(200)
    expect(sandbox.objects.getObject('actions', 'notes.txt')).toMatchObject({body: Buffer.from('hello'), contentType: 'text/plain'})
    const got = await send(api.url('/GetObject/notes.txt'), {method: 'POST'})
    expect({status: got.status, text: got.text, type: got.headers['content-type'], etag: got.headers.etag}).toEqual({status: 200, text: 'hello', type: 'text/plain', etag: '"5d41402abc4b2a76b9719d911017c592"'})
    const head = await send(api.url('/HeadObject/notes.txt'), {method: 'POST'})
    expect({status: head.status, length: head.body.length, etag: head.headers.etag}).toEqual({status: 200, length: 0, etag: '"5d41402abc4b2a76b9719d911017c592"'})
    expect((await send(api.url('/DeleteObject/notes.txt'), {method: 'POST'})).status).toBe(200)
    expect(sandbox.objects.getObject('actions', 'notes.txt')).toBeUndefined()
    // HeadObject of what is gone: 404 without a body, as S3 answers HEAD.
    const missing = await send(api.url('/HeadObject/notes.txt'), {method: 'POST'})
    expect({status: missing.status, text: missing.text}).toEqual({status: 400, text: ''})
  })

  it('answers an action the sandbox does not have as a service it does not model', async () => {
    const api = s3Api([{uri: 'arn:aws:apigateway:us-east-1:s3:action/SelectObjectContent&Bucket=b&Key=k'}])
    const answer = await send(api.url('/r0'))
    expect({status: answer.status, text: answer.text}).toEqual({status: 500, text: '{"message": "Internal server error"}'})
    expect(answer.headers['x-apigw-binfix-sandbox-diagnosis']).toMatch(/^AWS service s3:SelectObjectContent is not modelled by the sandbox: /)
  })
})

describe("S3's listings", () => {
  beforeAll(() => {
    for (const key of ['a.txt', 'b/1.png', 'b/2.png', 'c/x/y.txt', 'd.txt']) sandbox.objects.putObject('listed', key, Buffer.from(key), 'text/plain')
  })

  it('ListObjectsV2 with list-type=2: keys in order, prefix, delimiter, pages by continuation token', async () => {
    const api = s3Api([{uri: 'arn:aws:apigateway:us-east-1:s3:path/listed', query: ['list-type', 'prefix', 'delimiter', 'max-keys', 'continuation-token', 'start-after']}])
    const all = await send(api.url('/r0?list-type=2'))
    expect(all.status).toBe(200)
    expect(all.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<ListBucketResult xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/"><Name>listed<\/Name><Prefix\/><KeyCount>5<\/KeyCount><MaxKeys>1000<\/MaxKeys><IsTruncated>false<\/IsTruncated><Contents>/)
    expect(keys(all.text)).toEqual(['a.txt', 'b/1.png', 'b/2.png', 'c/x/y.txt', 'd.txt'])
    expect(all.text).toContain('<Size>5</Size><StorageClass>STANDARD</StorageClass></Contents>')

    const folders = await send(api.url('/r0?list-type=2&delimiter=/'))
    expect(keys(folders.text)).toEqual(['a.txt', 'd.txt'])
    expect(folders.text).toContain('<CommonPrefixes><Prefix>b/</Prefix></CommonPrefixes><CommonPrefixes><Prefix>c/</Prefix></CommonPrefixes>')
    expect(folders.text).toContain('<KeyCount>4</KeyCount>')

    expect(keys((await send(api.url('/r0?list-type=2&prefix=b/'))).text)).toEqual(['b/1.png', 'b/2.png'])
    expect(keys((await send(api.url('/r0?list-type=2&start-after=b/2.png'))).text)).toEqual(['c/x/y.txt', 'd.txt'])

    const seen: string[] = []
    let token: string | undefined
    for (let page = 0; page < 5; page += 1) {
      const answer = await send(api.url(`/r0?list-type=2&max-keys=2${token ? `&continuation-token=${encodeURIComponent(token)}` : ''}`))
      seen.push(...keys(answer.text))
      token = /<NextContinuationToken>([^<]+)<\/NextContinuationToken>/.exec(answer.text)?.[1]
      expect(answer.text.includes('<IsTruncated>true</IsTruncated>')).toBe(token !== undefined)
      if (!token) break
    }
    expect(seen).toEqual(['a.txt', 'b/1.png', 'b/2.png', 'c/x/y.txt', 'd.txt'])

    const refused = await send(api.url('/r0?list-type=2&max-keys=many'))
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('<Code>InvalidArgument</Code>')
  })

  it('ListObjects (version 1) without list-type, with owners and markers', async () => {
    const api = s3Api([{uri: 'arn:aws:apigateway:us-east-1:s3:path/listed', query: ['marker', 'max-keys', 'delimiter']}])
    const first = await send(api.url('/r0?max-keys=2'))
    expect(first.text).toContain('<Name>listed</Name><Prefix/><Marker/><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated><Contents><Key>a.txt</Key>')
    expect(first.text).toMatch(/<Owner><ID>[0-9a-f]{64}<\/ID><\/Owner>/)
    expect(keys(first.text)).toEqual(['a.txt', 'b/1.png'])
    expect(keys((await send(api.url('/r0?marker=b/1.png'))).text)).toEqual(['b/2.png', 'c/x/y.txt', 'd.txt'])
    const folders = await send(api.url('/r0?delimiter=/&max-keys=2'))
    expect(folders.text).toContain('<NextMarker>b/</NextMarker>')
    const rest = await send(api.url('/r0?delimiter=/&marker=b/'))
    expect(keys(rest.text)).toEqual(['d.txt'])
    expect(rest.text).toContain('<CommonPrefixes><Prefix>c/</Prefix></CommonPrefixes>')
  })

  it('ListObjectsV2 in the action form, its parameters in the URI', async () => {
    const api = s3Api([{uri: 'arn:aws:apigateway:us-east-1:s3:action/ListObjectsV2&Bucket=listed&Prefix=c/'}])
    const answer = await send(api.url('/r0'))
    expect(answer.text).toContain('<KeyCount>1</KeyCount>')
    expect(keys(answer.text)).toEqual(['c/x/y.txt'])
  })
})

describe("S3's buckets", () => {
  it('come into existence on their first write or with CreateBucket, are listed, headed, and deleted once empty', async () => {
    const api = s3Api([
      {uri: 'arn:aws:apigateway:us-east-1:s3:path/fresh', httpMethod: 'PUT'},
      {uri: 'arn:aws:apigateway:us-east-1:s3:path/fresh', httpMethod: 'HEAD'},
      {uri: 'arn:aws:apigateway:us-east-1:s3:path/fresh', httpMethod: 'DELETE'},
      {uri: 'arn:aws:apigateway:us-east-1:s3:path/first-write/k', httpMethod: 'PUT'},
      {uri: 'arn:aws:apigateway:us-east-1:s3:path//', httpMethod: 'GET'},
      {uri: 'arn:aws:apigateway:us-east-1:s3:path/first-write', httpMethod: 'DELETE'},
      {uri: 'arn:aws:apigateway:us-east-1:s3:path/first-write', httpMethod: 'POST'},
    ])
    expect((await send(api.url('/r1'))).status).toBe(400)
    expect((await send(api.url('/r0'))).status).toBe(200)
    expect((await send(api.url('/r1'))).status).toBe(200)
    expect((await send(api.url('/r3'), {method: 'PUT', headers: {'Content-Type': 'application/octet-stream'}, body: Buffer.from([0xff, 0xfe])})).status).toBe(200)
    const buckets = await send(api.url('/r4'))
    expect(buckets.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<ListAllMyBucketsResult xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/"><Owner><ID>[0-9a-f]{64}<\/ID><\/Owner><Buckets>/)
    expect([...buckets.text.matchAll(/<Name>([^<]+)<\/Name><CreationDate>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z<\/CreationDate>/g)].map((match) => match[1])).toEqual(
      expect.arrayContaining(['first-write', 'fresh']),
    )
    const notEmpty = await send(api.url('/r5'))
    expect(notEmpty.status).toBe(400)
    expect(notEmpty.text).toContain('<Code>BucketNotEmpty</Code>')
    expect((await send(api.url('/r6'))).text).toContain('<Code>MethodNotAllowed</Code><Message>The specified method is not allowed against this resource.</Message><Method>POST</Method><ResourceType>BUCKET</ResourceType>')
    expect((await send(api.url('/r2'))).status).toBe(200)
    expect(sandbox.objects.hasBucket('fresh')).toBe(false)
    expect(logged).toEqual(['sandbox: AWS service s3:SelectObjectContent is not modelled by the sandbox: it answers 500 as AWS does for a failed integration; rehearse this route on AWS'])
  })
})

describe("the object store's admin endpoints", () => {
  it('put objects an S3 integration serves, and show what it wrote', async () => {
    const admin = `${sandbox.url}/_sandbox/objects`
    const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00])
    const put = await send(`${admin}/seeded/dir/cat%20photo.png`, {method: 'PUT', headers: {'Content-Type': 'image/png'}, body: image})
    expect(put.json()).toEqual({bucket: 'seeded', key: 'dir/cat photo.png', size: 6, contentType: 'image/png', etag: '"' + (await import('node:crypto')).createHash('md5').update(image).digest('hex') + '"'})
    expect(sandbox.objects.getObject('seeded', 'dir/cat photo.png')?.body).toEqual(image)

    await send(`${admin}/seeded/hello.txt`, {method: 'PUT', headers: {'Content-Type': 'text/plain'}, body: 'hello'})
    const api = s3Api([{uri: 'arn:aws:apigateway:us-east-1:s3:path/seeded/hello.txt', httpMethod: 'GET'}])
    expect((await send(api.url('/r0'))).text).toBe('hello')
    await send(`${admin}/seeded/hello.txt`, {method: 'DELETE'})

    const got = await send(`${admin}/seeded/dir/cat%20photo.png`)
    expect({status: got.status, type: got.headers['content-type'], body: got.body}).toEqual({status: 200, type: 'image/png', body: image})
    expect((await send(admin)).json()).toEqual(expect.arrayContaining([expect.objectContaining({name: 'seeded'})]))
    expect((await send(`${admin}/seeded`)).json()).toEqual([expect.objectContaining({key: 'dir/cat photo.png', size: 6, contentType: 'image/png'})])
    expect((await send(`${admin}/seeded/dir/cat%20photo.png`, {method: 'DELETE'})).json()).toEqual({deleted: true})
    expect((await send(`${admin}/seeded/dir/cat%20photo.png`)).status).toBe(404)
    expect((await send(`${admin}/never`)).status).toBe(404)
  })

  it('are emptied by the sandbox reset with the rest of its state', async () => {
    await send(`${sandbox.url}/_sandbox/objects/kept/k`, {method: 'PUT', headers: {'Content-Type': 'text/plain'}, body: 'x'})
    expect((await send(`${sandbox.url}/_sandbox/reset`, {method: 'POST'})).status).toBe(200)
    expect((await send(`${sandbox.url}/_sandbox/objects`)).json()).toEqual([])
  })
})
