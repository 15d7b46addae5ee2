// S3 integrations beyond what the recordings replay (test/conformance/data-plane-s3.test.ts): HEAD, a
// method S3 refuses, a bucket that does not exist, and a key that needs decoding.
import type {Sandbox} from '../../../src/sandbox/server.js'
import {deployApi, sandboxWith, send} from './support.js'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await sandboxWith()
})
afterAll(() => sandbox.close())

function s3Api(bucket: string) {
  return deployApi(sandbox, {
    routes: [
      {
        path: '/{key+}',
        method: 'ANY',
        integration: {
          type: 'AWS',
          httpMethod: 'ANY',
          uri: `arn:aws:apigateway:us-east-1:s3:path/${bucket}/{key}`,
          requestParameters: {'integration.request.path.key': 'method.request.path.key'},
          integrationResponses: {'200': {statusCode: '200', responseParameters: {'method.response.header.ETag': 'integration.response.header.ETag'}}},
        },
      },
    ],
  })
}

describe('S3 integrations', () => {
  it('store what PUT sends under the decoded key, answer it to GET and HEAD, and forget it on DELETE', async () => {
    sandbox.objects.createBucket('files')
    const api = s3Api('files')
    expect((await send(api.url('/a%20b.txt'), {method: 'PUT', headers: {'Content-Type': 'text/plain'}, body: 'hello'})).status).toBe(200)
    expect(sandbox.objects.getObject('files', 'a b.txt')).toMatchObject({body: Buffer.from('hello'), contentType: 'text/plain', etag: '"5d41402abc4b2a76b9719d911017c592"'})
    const got = await send(api.url('/a%20b.txt'))
    expect({status: got.status, text: got.text, etag: got.headers.etag}).toEqual({status: 200, text: 'hello', etag: '"5d41402abc4b2a76b9719d911017c592"'})
    const head = await send(api.url('/a%20b.txt'), {method: 'HEAD'})
    expect(head.status).toBe(200)
    expect(head.body).toEqual(Buffer.alloc(0))
    expect((await send(api.url('/a%20b.txt'), {method: 'DELETE'})).status).toBe(200)
    expect(sandbox.objects.getObject('files', 'a b.txt')).toBeUndefined()
  })

  it("pass on S3's XML errors: a method S3 refuses, a bucket that does not exist", async () => {
    sandbox.objects.createBucket('kept')
    const refused = await send(s3Api('kept').url('/x'), {method: 'POST', body: 'x'})
    expect(refused.text).toContain('<Code>MethodNotAllowed</Code>')
    const missing = await send(s3Api('never-created').url('/x'))
    expect(missing.text).toContain('<Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>never-created</BucketName>')
  })
})
