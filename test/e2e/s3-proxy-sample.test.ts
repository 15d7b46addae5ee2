// AWS's sample "API as an Amazon S3 proxy" (fixtures/apis/s3-proxy.swagger.json, as the developer guide
// publishes it) end to end in the sandbox over HTTP: imported through the SDK, given binary support the way
// the developer guide's "Enabling binary support" pages do it on this very API (a binary media type, then
// contentHandling on the PUT integration and on the GET integration response), and used to upload an
// image raw and as base64, read it back raw and as base64, look at it with HEAD, list the bucket and
// delete it. S3 is the sandbox's object store.
import {readFileSync} from 'node:fs'

import {
  CreateDeploymentCommand,
  ImportRestApiCommand,
  UpdateIntegrationCommand,
  UpdateIntegrationResponseCommand,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway'

import {type SendOptions, send as sendUnsigned} from '../sandbox/data-plane/support.js'
import {fixturePath, resourceId, useAuditBench} from './audit-support.js'

const bench = useAuditBench()

// The sample's methods are authorized with IAM (its `sigv4` security scheme), so every call carries a
// SigV4 Authorization header; the sandbox checks that one is there, not the signature (README).
const SIGV4 = 'AWS4-HMAC-SHA256 Credential=AKIDS3PROXYSAMPLE001/20261206/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=0'
const send = (target: string, options: SendOptions = {}) => sendUnsigned(target, {...options, headers: {...options.headers, Authorization: SIGV4}})

// Every byte value, behind PNG's signature: any text decoding on the way would show.
const IMAGE = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({length: 256}, (_, index) => 255 - index))])

describe("AWS's S3 proxy sample in the sandbox", () => {
  it('uploads an image raw and as base64, reads it back raw and as base64, lists, heads and deletes it', async () => {
    const {client, sandbox} = bench
    const imported = await client.send(new ImportRestApiCommand({body: readFileSync(fixturePath('s3-proxy.swagger.json'))}))
    const restApiId = imported.id!
    expect(imported.name).toBe('MyS3')
    const deploy = () => client.send(new CreateDeploymentCommand({restApiId, stageName: 'S3'}))
    const url = (path: string) => `${sandbox.url}/restapis/${restApiId}/S3/_user_request_${path}`
    const item = await resourceId(client, restApiId, '/{folder}/{item}')

    // "Set binary media types for the API ... for example, image/png" (developer guide,
    // api-gateway-payload-encodings-configure-with-console).
    await client.send(new UpdateRestApiCommand({restApiId, patchOperations: [{op: 'add', path: '/binaryMediaTypes/image~1png'}]}))
    await deploy()

    // Raw: image/png is binary, the PUT integration passes it through, S3 keeps it and its Content-Type.
    const rawUpload = await send(url('/photos/raw.png'), {method: 'PUT', headers: {'Content-Type': 'image/png'}, body: IMAGE})
    expect(rawUpload.status).toBe(200)
    expect(sandbox.objects.getObject('photos', 'raw.png')).toMatchObject({body: IMAGE, contentType: 'image/png'})

    // Base64: text in, CONVERT_TO_BINARY on the integration decodes it for S3
    // (api-gateway-payload-encodings-configure-with-control-service-api, "Configure request payload conversions").
    await client.send(new UpdateIntegrationCommand({restApiId, resourceId: item, httpMethod: 'PUT', patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_BINARY'}]}))
    await deploy()
    const base64Upload = await send(url('/photos/base64.png'), {method: 'PUT', headers: {'Content-Type': 'text/plain'}, body: IMAGE.toString('base64')})
    expect(base64Upload.status).toBe(200)
    expect(sandbox.objects.getObject('photos', 'base64.png')?.body).toEqual(IMAGE)

    // Read back raw: an image/png Accept and the stored image/png answer pass the bytes through.
    const raw = await send(url('/photos/raw.png'), {headers: {Accept: 'image/png'}})
    expect({status: raw.status, contentType: raw.headers['content-type']}).toEqual({status: 200, contentType: 'image/png'})
    expect(raw.body).toEqual(IMAGE)

    // HEAD: S3's HeadObject, its Content-Length mapped by the sample (API Gateway renames its own header).
    const head = await send(url('/photos/raw.png'), {method: 'HEAD'})
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
    expect(head.headers['x-amzn-remapped-content-length']).toBe(String(IMAGE.length))

    // Read back as base64: CONVERT_TO_TEXT on the GET's integration response turns the image/png answer into
    // base64 text. (The base64 upload was stored as text/plain, which S3 answers as text: nothing to convert.)
    await client.send(
      new UpdateIntegrationResponseCommand({restApiId, resourceId: item, httpMethod: 'GET', statusCode: '200', patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_TEXT'}]}),
    )
    await deploy()
    const asText = await send(url('/photos/raw.png'), {headers: {Accept: 'image/png'}})
    expect(asText.status).toBe(200)
    expect(asText.text).toBe(IMAGE.toString('base64'))

    // The bucket's listing, S3's ListObjects XML through GET /{folder}.
    const listing = await send(url('/photos'))
    expect(listing.status).toBe(200)
    expect(listing.headers['content-type']).toBe('application/xml')
    expect([...listing.text.matchAll(/<Key>([^<]*)<\/Key><LastModified>[^<]+<\/LastModified><ETag>([^<]*)<\/ETag><Size>(\d+)<\/Size>/g)].map((match) => match.slice(1))).toEqual([
      ['base64.png', '&quot;' + sandbox.objects.getObject('photos', 'base64.png')!.etag.slice(1, -1) + '&quot;', String(IMAGE.length)],
      ['raw.png', '&quot;' + sandbox.objects.getObject('photos', 'raw.png')!.etag.slice(1, -1) + '&quot;', String(IMAGE.length)],
    ])
    expect(listing.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<ListBucketResult xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/"><Name>photos<\/Name>/)

    // The buckets, through GET / (ListBuckets).
    const buckets = await send(url('/'))
    expect(buckets.text).toContain('<Bucket><Name>photos</Name>')

    // DELETE the objects, then the bucket; a missing one answers S3's NoSuchKey, which the sample's 4\d{2} selects.
    for (const key of ['raw.png', 'base64.png']) expect((await send(url(`/photos/${key}`), {method: 'DELETE'})).status).toBe(200)
    // (Asked for as XML: under an image/png Accept API Gateway would try to base64-decode the XML and fail.)
    const gone = await send(url('/photos/raw.png'), {headers: {Accept: 'application/xml'}})
    expect(gone.status).toBe(400)
    expect(gone.text).toContain('<Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>raw.png</Key>')
    expect((await send(url('/photos'), {method: 'DELETE'})).status).toBe(200)
    expect(sandbox.objects.hasBucket('photos')).toBe(false)
  })
})
