// The data plane against AWS's recorded answers: AWS integrations to S3 and the binary support of their
// requests and responses (contentHandling, binaryMediaTypes, Accept, response templates). Each test
// transcribes the LocalStack test of the same name (tests/aws/services/apigateway/test_apigateway_s3.py at
// localstack/localstack 8b9a79f0). S3 is the sandbox's object store; the tests' own S3 calls are answered
// from it (s3-answers.ts).
import {gzipSync} from 'node:zlib'

import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateIntegrationCommand,
  UpdateIntegrationResponseCommand,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway'

import {answer} from './answer.js'
import {useConformanceSandbox} from './context.js'
import {ACCOUNT, REGION, ROLE_ARN, createRestApigw, expectStatus, invokeUrl, useRequests} from './data-plane.js'
import {type PythonResponse, pythonBytes, xmlToDict} from './python-requests.js'
import {type Deviation, conformance} from './replay.js'
import {S3Answers} from './s3-answers.js'

const DEVIATIONS: Deviation[] = []

const context = useConformanceSandbox({accountId: ACCOUNT})
const requests = useRequests()
const {replay, done} = conformance('data-plane-s3.test.ts', DEVIATIONS)

let s3: S3Answers
beforeAll(() => {
  s3 = new S3Answers(context.sandbox.objects)
})

/** gzip.compress(b"compressed data, should be invalid UTF-8 string", mtime=1676569620): bytes that are not UTF-8. */
const OBJECT_BODY_RAW = (() => {
  // Python compresses at level 9 and writes the given mtime and the OS byte 255 (unknown) into the
  // header, where Node writes 0 and its OS.
  const compressed = gzipSync(Buffer.from('compressed data, should be invalid UTF-8 string'), {level: 9})
  compressed.writeUInt32LE(1676569620, 4)
  compressed[9] = 0xff
  return compressed
})()
const OBJECT_BODY_ENCODED = Buffer.from(OBJECT_BODY_RAW.toString('base64'))
const OBJECT_BODY_TEXT = 'this is a UTF8 text typed object'

const s3Uri = (path: string) => `arn:aws:apigateway:${REGION}:s3:path/${path}`

describe('S3 integrations', () => {
  replay('test_apigateway_s3.py::test_apigateway_s3_any', async (snapshot) => {
    const bucket = s3.createBucket()
    const {apiId, rootId} = await createRestApigw(context)
    const objectName = 'test.json'
    const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{object_path+}'}))
    await context.client.send(
      new PutMethodCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'ANY',
        authorizationType: 'NONE',
        requestParameters: {'method.request.path.object_path': true, 'method.request.header.Content-Type': false},
      }),
    )
    await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: 'ANY', statusCode: '200'}))
    await context.client.send(
      new PutIntegrationCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'ANY',
        integrationHttpMethod: 'ANY',
        type: 'AWS',
        uri: s3Uri(`${bucket}/{object_path}`),
        requestParameters: {'integration.request.path.object_path': 'method.request.path.object_path', 'integration.request.header.Content-Type': 'method.request.header.Content-Type'},
        credentials: ROLE_ARN,
      }),
    )
    await context.client.send(new PutIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'ANY', statusCode: '200'}))
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test'}))
    const url = invokeUrl(context, apiId, 'test', `/${objectName}`)
    const getObject = async (assertJson = false) => {
      const response = await requests.get(url)
      expectStatus(response, 200)
      if (assertJson) response.json()
      return response
    }
    const putObject = async (data: unknown) => expectStatus(await requests.put(url, {json: data, headers: {'Content-Type': 'application/json'}}), 200)
    snapshot.match('get-object-empty', xmlToDict((await getObject()).text))
    await putObject({put_id: 1})
    snapshot.match('get-object-1', (await getObject(true)).text)
    await putObject({put_id: 2})
    snapshot.match('get-object-2', (await getObject(true)).text)
    await requests.delete(url)
    snapshot.match('get-object-deleted', xmlToDict((await getObject()).text))
    const deleted = s3.getObject(bucket, objectName)
    expect(deleted.found).toBe(false)
    snapshot.match('get-object-s3', deleted.answer)
  })

  replay('test_apigateway_s3.py::test_apigateway_s3_method_mapping', async (snapshot) => {
    const bucket = s3.createBucket()
    const {apiId, rootId} = await createRestApigw(context)
    const objectName = 'test.json'
    const resource = async (pathPart: string) => (await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart}))).id!
    const [get, put, del] = [await resource('get'), await resource('put'), await resource('delete')]
    for (const resourceId of [get, put, del]) await context.client.send(new PutMethodCommand({restApiId: apiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
    for (const resourceId of [del, put, get]) await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: 'GET', statusCode: '200'}))
    const integration = {type: 'AWS' as const, uri: s3Uri(`${bucket}/${objectName}`), credentials: ROLE_ARN}
    await context.client.send(new PutIntegrationCommand({restApiId: apiId, resourceId: get, httpMethod: 'GET', integrationHttpMethod: 'GET', ...integration}))
    await context.client.send(
      new PutIntegrationCommand({
        restApiId: apiId,
        resourceId: put,
        httpMethod: 'GET',
        integrationHttpMethod: 'PUT',
        ...integration,
        requestParameters: {'integration.request.header.Content-Type': "'application/json'"},
        requestTemplates: {'application/json': '{"message": "great success!"}'},
      }),
    )
    await context.client.send(new PutIntegrationCommand({restApiId: apiId, resourceId: del, httpMethod: 'GET', integrationHttpMethod: 'DELETE', ...integration}))
    for (const resourceId of [get, put, del]) await context.client.send(new PutIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'GET', statusCode: '200'}))
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test'}))
    const invoke = async (path: string) => {
      const response = await requests.get(invokeUrl(context, apiId, 'test', path))
      expectStatus(response, 200)
      return response
    }
    await invoke('/put')
    snapshot.match('get-object', (await invoke('/get')).json())
    await invoke('/delete')
    snapshot.match('get-deleted-object', xmlToDict((await invoke('/get')).text))
  })
})

interface SetUp {
  apiId: string
  resourceId: string
  stageName: string
  bucket: string
}

/** The fixture setup_s3_apigateway of TestApiGatewayS3BinarySupport. */
async function setupS3Apigateway(
  snapshot: {match(key: string, value: unknown): void},
  options: {requestContentHandling?: 'CONVERT_TO_TEXT' | 'CONVERT_TO_BINARY'; responseContentHandling?: 'CONVERT_TO_TEXT' | 'CONVERT_TO_BINARY'; deploy?: boolean} = {},
): Promise<SetUp> {
  const bucket = s3.createBucket()
  const {apiId, rootId} = await createRestApigw(context)
  const {id: resourceId} = await context.client.send(new CreateResourceCommand({restApiId: apiId, parentId: rootId, pathPart: '{object_path+}'}))
  await context.client.send(
    new PutMethodCommand({
      restApiId: apiId,
      resourceId,
      httpMethod: 'ANY',
      authorizationType: 'NONE',
      requestParameters: {'method.request.path.object_path': true, 'method.request.header.Content-Type': false, 'method.request.header.response-content-type': false},
    }),
  )
  await context.client.send(new PutMethodResponseCommand({restApiId: apiId, resourceId, httpMethod: 'ANY', statusCode: '200', responseParameters: {'method.response.header.ETag': false}}))
  const putIntegration = await answer(
    context.client.send(
      new PutIntegrationCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'ANY',
        integrationHttpMethod: 'ANY',
        type: 'AWS',
        uri: s3Uri(`${bucket}/{object_path}`),
        requestParameters: {
          'integration.request.path.object_path': 'method.request.path.object_path',
          'integration.request.header.Content-Type': 'method.request.header.Content-Type',
          'integration.request.querystring.response-content-type': 'method.request.header.response-content-type',
        },
        credentials: ROLE_ARN,
        ...(options.requestContentHandling ? {contentHandling: options.requestContentHandling} : {}),
      }),
    ),
  )
  snapshot.match('put-integration', putIntegration)
  await context.client.send(
    new PutIntegrationResponseCommand({
      restApiId: apiId,
      resourceId,
      httpMethod: 'ANY',
      statusCode: '200',
      responseParameters: {'method.response.header.ETag': 'integration.response.header.ETag'},
      ...(options.responseContentHandling ? {contentHandling: options.responseContentHandling} : {}),
    }),
  )
  if (options.deploy ?? true) await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test'}))
  return {apiId, resourceId: resourceId!, stageName: 'test', bucket}
}

async function addImagePng(apiId: string): Promise<void> {
  await context.client.send(new UpdateRestApiCommand({restApiId: apiId, patchOperations: [{op: 'add', path: '/binaryMediaTypes/image~1png'}]}))
}

/** A PUT of `body` with `contentType`, expecting `expectedCode` and, for a 200, no content. */
async function putThrough(url: string, body: Buffer | string, contentType: string, expectedCode = 200): Promise<PythonResponse> {
  const response = await requests.put(url, {data: body, headers: {'Content-Type': contentType}})
  expectStatus(response, expectedCode)
  // S3 may answer 200 with a permission error in the body.
  if (expectedCode === 200) expect(response.content).toEqual(Buffer.alloc(0))
  return response
}

/** A GET asking for `accept`, with S3 answering the Content-Type `responseContentType`. */
async function getThrough(url: string, accept: string, responseContentType = 'binary/octet-stream', expectedCode = 200): Promise<PythonResponse> {
  const response = await requests.get(url, {headers: {Accept: accept, 'response-content-type': responseContentType}})
  expectStatus(response, expectedCode)
  if (expectedCode === 200) expect(response.headers.ETag).toBeTruthy()
  return response
}

const contentAndEtag = (response: PythonResponse) => ({content: pythonBytes(response.content), etag: response.headers.ETag ?? null})

describe('S3 binary support, requests', () => {
  for (const contentHandling of [undefined, 'CONVERT_TO_TEXT'] as const) {
    replay(`test_apigateway_s3.py::TestApiGatewayS3BinarySupport::test_apigw_s3_binary_support_request[${contentHandling ?? 'None'}]`, async (snapshot) => {
      const {apiId, stageName, bucket} = await setupS3Apigateway(snapshot, {requestContentHandling: contentHandling})
      snapshot.match('put-obj-raw', s3.putObject(bucket, 'test-raw-key-etag', OBJECT_BODY_RAW))
      const bodies: Record<string, Buffer | string> = {'binary-raw': OBJECT_BODY_RAW, 'binary-encoded': OBJECT_BODY_ENCODED, text: OBJECT_BODY_TEXT}
      for (const [key, body] of Object.entries(bodies)) await putThrough(invokeUrl(context, apiId, stageName, `/${key}`), body, 'image/png')
      for (const key of Object.keys(bodies)) {
        const got = s3.getObject(bucket, key)
        snapshot.match(`get-obj-no-binary-media-${key}`, got.answer)
      }
      await addImagePng(apiId)
      await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test2'}))
      // A Content-Type that matches binaryMediaTypes.
      for (const [key, body] of Object.entries(bodies)) await putThrough(invokeUrl(context, apiId, 'test2', `/${key}`), body, 'image/png')
      for (const key of Object.keys(bodies)) snapshot.match(`get-obj-binary-type-${key}`, s3.getObject(bucket, key, true).answer)
      // One that does not.
      for (const [key, body] of Object.entries(bodies)) await putThrough(invokeUrl(context, apiId, 'test2', `/${key}`), body, 'text/plain')
      for (const key of Object.keys(bodies)) snapshot.match(`get-obj-text-type-${key}`, s3.getObject(bucket, key, true).answer)
    })
  }

  replay('test_apigateway_s3.py::TestApiGatewayS3BinarySupport::test_apigw_s3_binary_support_request_convert_to_binary', async (snapshot) => {
    const {apiId, stageName, bucket} = await setupS3Apigateway(snapshot, {requestContentHandling: 'CONVERT_TO_BINARY'})
    snapshot.match('put-obj-raw', s3.putObject(bucket, 'test-raw-key-etag', OBJECT_BODY_RAW))
    const url = (stage: string, key: string) => invokeUrl(context, apiId, stage, `/${key}`)
    await putThrough(url(stageName, 'binary-encoded'), OBJECT_BODY_ENCODED, 'image/png')
    snapshot.match('get-obj-no-binary-media-binary-encoded', s3.getObject(bucket, 'binary-encoded', true).answer)
    await putThrough(url(stageName, 'binary-raw'), OBJECT_BODY_RAW, 'image/png', 500)
    await putThrough(url(stageName, 'text'), OBJECT_BODY_TEXT, 'text/plain', 500)
    for (const key of ['binary-raw', 'text']) expect(s3.getObject(bucket, key).found).toBe(false)
    await addImagePng(apiId)
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test2'}))
    await putThrough(url('test2', 'binary-raw'), OBJECT_BODY_RAW, 'image/png')
    await putThrough(url('test2', 'binary-encoded'), OBJECT_BODY_ENCODED, 'image/png')
    await putThrough(url('test2', 'text'), OBJECT_BODY_TEXT, 'image/png')
    for (const key of ['binary-raw', 'binary-encoded', 'text']) snapshot.match(`get-obj-binary-media-${key}`, s3.getObject(bucket, key, true).answer)
    await putThrough(url('test2', 'binary-raw'), OBJECT_BODY_RAW, 'text/plain', 500)
    await putThrough(url('test2', 'text'), OBJECT_BODY_TEXT, 'text/plain', 500)
    await putThrough(url('test2', 'binary-encoded'), OBJECT_BODY_ENCODED, 'text/plain')
    snapshot.match('get-obj-text-type-binary-encoded', s3.getObject(bucket, 'binary-encoded', true).answer)
  })

  replay('test_apigateway_s3.py::TestApiGatewayS3BinarySupport::test_apigw_s3_binary_support_request_convert_to_binary_with_request_template', async (snapshot) => {
    const {apiId, resourceId, stageName, bucket} = await setupS3Apigateway(snapshot, {requestContentHandling: 'CONVERT_TO_BINARY', deploy: false})
    await context.client.send(
      new UpdateIntegrationCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'ANY',
        patchOperations: [{op: 'add', path: '/requestTemplates/application~1json', value: '{"data": "$input.body"}'}],
      }),
    )
    snapshot.match('get-integration', await answer(context.client.send(new GetIntegrationCommand({restApiId: apiId, resourceId, httpMethod: 'ANY'}))))
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName}))
    const url = invokeUrl(context, apiId, stageName, '/binary-encoded')
    // This request matches no request template.
    await putThrough(url, OBJECT_BODY_ENCODED, 'image/png')
    snapshot.match('get-obj-encoded', s3.getObject(bucket, 'binary-encoded', true).answer)
    // This one matches application/json: bytes decoded from base64 cannot go through a template.
    await putThrough(url, OBJECT_BODY_ENCODED, 'application/json', 500)
  })
})

const RESPONSE_BODIES: Record<string, Buffer | string> = {'binary-raw': OBJECT_BODY_RAW, 'binary-encoded': OBJECT_BODY_ENCODED, text: OBJECT_BODY_TEXT}

function putObjects(snapshot: {match(key: string, value: unknown): void}, bucket: string): void {
  for (const [key, body] of Object.entries(RESPONSE_BODIES)) snapshot.match(`put-obj-${key}`, s3.putObject(bucket, key, body))
}

describe('S3 binary support, responses', () => {
  replay('test_apigateway_s3.py::TestApiGatewayS3BinarySupport::test_apigw_s3_binary_support_response_no_content_handling', async (snapshot) => {
    const {apiId, stageName, bucket} = await setupS3Apigateway(snapshot)
    putObjects(snapshot, bucket)
    const url = (stage: string, key: string) => invokeUrl(context, apiId, stage, `/${key}`)
    snapshot.match('text-no-media', contentAndEtag(await getThrough(url(stageName, 'text'), 'text/plain')))
    snapshot.match('raw-no-media', contentAndEtag(await getThrough(url(stageName, 'binary-raw'), 'image/png')))
    snapshot.match('encoded-no-media', contentAndEtag(await getThrough(url(stageName, 'binary-encoded'), 'image/png')))
    await addImagePng(apiId)
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test2'}))
    // A binary Accept and a text payload: base64-decoded.
    snapshot.match('encoded-payload-text-accept-binary', contentAndEtag(await getThrough(url('test2', 'binary-encoded'), 'image/png')))
    await getThrough(url('test2', 'binary-raw'), 'image/png', undefined, 500)
    await getThrough(url('test2', 'text'), 'image/png', undefined, 500)
    // A binary Accept and a binary payload: passed as it is.
    snapshot.match('encoded-payload-binary-accept-binary', contentAndEtag(await getThrough(url('test2', 'binary-encoded'), 'image/png', 'image/png')))
    snapshot.match('raw-payload-binary-accept-binary', contentAndEtag(await getThrough(url('test2', 'binary-raw'), 'image/png', 'image/png')))
    snapshot.match('text-payload-binary-accept-binary', contentAndEtag(await getThrough(url('test2', 'text'), 'image/png', 'image/png')))
    // A text Accept and a text payload.
    snapshot.match('encoded-payload-text-accept-text', contentAndEtag(await getThrough(url('test2', 'binary-encoded'), 'text/plain')))
    snapshot.match('raw-payload-text-accept-text', contentAndEtag(await getThrough(url('test2', 'binary-raw'), 'text/plain')))
    snapshot.match('text-payload-text-accept-text', contentAndEtag(await getThrough(url('test2', 'text'), 'text/plain')))
    // A text Accept and a binary payload: base64-encoded.
    snapshot.match('encoded-payload-binary-accept-text', contentAndEtag(await getThrough(url('test2', 'binary-encoded'), 'text/plain', 'image/png')))
    snapshot.match('raw-payload-binary-accept-text', contentAndEtag(await getThrough(url('test2', 'binary-raw'), 'text/plain', 'image/png')))
    snapshot.match('text-payload-binary-accept-text', contentAndEtag(await getThrough(url('test2', 'text'), 'text/plain', 'image/png')))
  })

  replay('test_apigateway_s3.py::TestApiGatewayS3BinarySupport::test_apigw_s3_binary_support_response_convert_to_text', async (snapshot) => {
    const {apiId, stageName, bucket} = await setupS3Apigateway(snapshot, {responseContentHandling: 'CONVERT_TO_TEXT'})
    putObjects(snapshot, bucket)
    const url = (stage: string, key: string) => invokeUrl(context, apiId, stage, `/${key}`)
    snapshot.match('text-no-media', contentAndEtag(await getThrough(url(stageName, 'text'), 'text/plain')))
    snapshot.match('raw-no-media', contentAndEtag(await getThrough(url(stageName, 'binary-raw'), 'image/png')))
    snapshot.match('encoded-no-media', contentAndEtag(await getThrough(url(stageName, 'binary-encoded'), 'image/png')))
    await addImagePng(apiId)
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test2'}))
    for (const [accept, acceptKind] of [
      ['image/png', 'binary'],
      ['text/plain', 'text'],
    ] as const) {
      for (const [responseContentType, payloadKind] of [
        [undefined, 'text'],
        ['image/png', 'binary'],
      ] as const) {
        for (const [key, name] of [
          ['binary-encoded', 'encoded'],
          ['binary-raw', 'raw'],
          ['text', 'text'],
        ] as const) {
          snapshot.match(`${name}-payload-${payloadKind}-accept-${acceptKind}`, contentAndEtag(await getThrough(url('test2', key), accept, responseContentType)))
        }
      }
    }
  })

  replay('test_apigateway_s3.py::TestApiGatewayS3BinarySupport::test_apigw_s3_binary_support_response_convert_to_binary', async (snapshot) => {
    const {apiId, stageName, bucket} = await setupS3Apigateway(snapshot, {responseContentHandling: 'CONVERT_TO_BINARY'})
    putObjects(snapshot, bucket)
    const url = (stage: string, key: string) => invokeUrl(context, apiId, stage, `/${key}`)
    snapshot.match('encoded-no-media', contentAndEtag(await getThrough(url(stageName, 'binary-encoded'), 'image/png')))
    // The object is no base64: 500.
    await getThrough(url(stageName, 'binary-raw'), 'image/png', undefined, 500)
    await getThrough(url(stageName, 'text'), 'text/plain', undefined, 500)
    await addImagePng(apiId)
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName: 'test2'}))
    snapshot.match('encoded-payload-text-accept-binary', contentAndEtag(await getThrough(url('test2', 'binary-encoded'), 'image/png')))
    await getThrough(url('test2', 'binary-raw'), 'image/png', undefined, 500)
    await getThrough(url('test2', 'text'), 'image/png', undefined, 500)
    snapshot.match('encoded-payload-binary-accept-binary', contentAndEtag(await getThrough(url('test2', 'binary-encoded'), 'image/png', 'image/png')))
    snapshot.match('raw-payload-binary-accept-binary', contentAndEtag(await getThrough(url('test2', 'binary-raw'), 'image/png', 'image/png')))
    snapshot.match('text-payload-binary-accept-binary', contentAndEtag(await getThrough(url('test2', 'text'), 'image/png', 'image/png')))
    snapshot.match('encoded-payload-text-accept-text', contentAndEtag(await getThrough(url('test2', 'binary-encoded'), 'text/plain')))
    await getThrough(url('test2', 'binary-raw'), 'text/plain', undefined, 500)
    await getThrough(url('test2', 'text'), 'text/plain', undefined, 500)
    snapshot.match('encoded-payload-binary-accept-text', contentAndEtag(await getThrough(url('test2', 'binary-encoded'), 'text/plain', 'image/png')))
    snapshot.match('raw-payload-binary-accept-text', contentAndEtag(await getThrough(url('test2', 'binary-raw'), 'text/plain', 'image/png')))
    snapshot.match('text-payload-binary-accept-text', contentAndEtag(await getThrough(url('test2', 'text'), 'text/plain', 'image/png')))
  })

  replay('test_apigateway_s3.py::TestApiGatewayS3BinarySupport::test_apigw_s3_binary_support_response_convert_to_binary_with_request_template', async (snapshot) => {
    const {apiId, resourceId, stageName, bucket} = await setupS3Apigateway(snapshot, {responseContentHandling: 'CONVERT_TO_TEXT', deploy: false})
    await addImagePng(apiId)
    await context.client.send(
      new UpdateIntegrationResponseCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'ANY',
        statusCode: '200',
        patchOperations: [{op: 'add', path: '/responseTemplates/application~1json', value: '{"data": "$input.body"}'}],
      }),
    )
    snapshot.match('get-integration-response', await answer(context.client.send(new GetIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'ANY', statusCode: '200'}))))
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName}))
    snapshot.match('put-obj-encoded', s3.putObject(bucket, 'binary-encoded', OBJECT_BODY_ENCODED))
    const url = invokeUrl(context, apiId, stageName, '/binary-encoded')
    // CONVERT_TO_TEXT: the template always gets UTF-8 text.
    snapshot.match('encoded-text-payload-binary-accept', contentAndEtag(await getThrough(url, 'image/png')))
    await context.client.send(
      new UpdateIntegrationResponseCommand({
        restApiId: apiId,
        resourceId,
        httpMethod: 'ANY',
        statusCode: '200',
        patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_BINARY'}],
      }),
    )
    snapshot.match('get-integration-response-update', await answer(context.client.send(new GetIntegrationResponseCommand({restApiId: apiId, resourceId, httpMethod: 'ANY', statusCode: '200'}))))
    await context.client.send(new CreateDeploymentCommand({restApiId: apiId, stageName}))
    // CONVERT_TO_BINARY makes bytes of the (base64) object, which the response template cannot take.
    await getThrough(url, 'image/png', undefined, 500)
  })
})

done()
