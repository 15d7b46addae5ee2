// AWS's sample image API (fixtures/apis/image-api.oas30.json) with the stand-in function
// fixtures/functions/image.mjs: the four requests the developer guide documents, as the sample is
// published, as it has to be configured for them to work, and with the drift users cause.
import {fileURLToPath} from 'node:url'

import {type APIGatewayClient, PutIntegrationResponseCommand, UpdateIntegrationCommand, UpdateIntegrationResponseCommand} from '@aws-sdk/client-api-gateway'

import {loadHandler} from '../../../src/sandbox/data-plane/lambda-registry.js'
import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {deploy, importFixture, patchBinaryMediaTypes, resourceId, setContentHandling} from '../../e2e/audit-support.js'
import {send} from './support.js'

const IMAGE_MODULE = fileURLToPath(new URL('../../../fixtures/functions/image.mjs', import.meta.url))
// A JPEG's first bytes: not UTF-8, but nothing a JSON string cannot hold once they are U+FFFD.
const IMAGE = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x80, 0x9f, 0xc3, 0xa9, 0xfe])
const UTF8_SAFE_IMAGE = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x4a, 0x46, 0x49, 0x46, 0x80, 0xfe])

let sandbox: Sandbox
let client: APIGatewayClient
const events: any[] = []
let keys = 0
const newKey = () => `image-${++keys}.jpg`

beforeAll(async () => {
  const image = await loadHandler(IMAGE_MODULE)
  // The fixture's handler, wrapped to keep the events it gets.
  sandbox = await startTestSandbox({
    lambdas: {
      image: async (event, context) => {
        events.push(event)
        return image(event, context)
      },
    },
  })
  client = sdkClient(sandbox.url)
})
afterAll(async () => {
  client.destroy()
  await sandbox.close()
})

const url = (apiId: string, key: string) => `${sandbox.url}/restapis/${apiId}/v1/_user_request_/lambda?key=${encodeURIComponent(key)}`

/** The developer guide's four requests (api-gateway-content-encodings-examples-image-lambda). */
const requests = {
  getBinary: (apiId: string, key: string) => send(url(apiId, key), {headers: {'Content-Type': 'application/json', Accept: 'application/octet-stream'}}),
  getJson: (apiId: string, key: string) => send(url(apiId, key), {headers: {'Content-Type': 'application/json', Accept: 'application/json'}}),
  putBinary: (apiId: string, key: string, bytes = IMAGE) =>
    send(url(apiId, key), {method: 'PUT', headers: {'Content-Type': 'application/octet-stream', Accept: 'application/json'}, body: bytes}),
  putBase64: (apiId: string, key: string, bytes = IMAGE) =>
    send(url(apiId, key), {method: 'PUT', headers: {'Content-Type': 'application/json', Accept: 'application/json'}, body: bytes.toString('base64')}),
}

/**
 * What the sample needs on AWS beyond its binary settings for the four documented requests to work:
 * the 200 response as the default (a successful Lambda invocation has no errorMessage, so `2\d{2}` never
 * selects it) with errors caught by `.+`, and a PUT request template for application/octet-stream (a
 * template is chosen by the request's Content-Type; without one the raw upload passes through and is no
 * JSON event).
 */
async function workingImageApi(): Promise<string> {
  const restApiId = await importFixture(client, 'image-api.oas30.json')
  const resource = await resourceId(client, restApiId, '/lambda')
  for (const httpMethod of ['GET', 'PUT']) {
    await client.send(new UpdateIntegrationResponseCommand({restApiId, resourceId: resource, httpMethod, statusCode: '200', patchOperations: [{op: 'replace', path: '/selectionPattern', value: ''}]}))
    await client.send(new PutIntegrationResponseCommand({restApiId, resourceId: resource, httpMethod, statusCode: '500', selectionPattern: '.+'}))
  }
  const template = '{\n   "imageKey": "$input.params(\'key\')", "image": "$input.body"\n}'
  await client.send(
    new UpdateIntegrationCommand({restApiId, resourceId: resource, httpMethod: 'PUT', patchOperations: [{op: 'add', path: '/requestTemplates/application~1octet-stream', value: template}]}),
  )
  await deploy(client, restApiId)
  return restApiId
}

describe('the sample as published, correctly configured binary settings', () => {
  let apiId: string
  beforeAll(async () => {
    apiId = await importFixture(client, 'image-api.oas30.json')
  })

  it('answers every documented request with the default 500 response: a successful invocation never matches `2\\d{2}`', async () => {
    const key = newKey()
    // (4) The base64 upload reaches the function and is stored, but the status is the default response's.
    const stored = await requests.putBase64(apiId, key)
    expect(stored.status).toBe(500)
    expect(stored.text).toBe('null')
    expect(events.at(-1)).toEqual({imageKey: key, image: IMAGE.toString('base64')})

    // (1) The bytes come back intact (the base64 string's quotes are not part of the base64), under 500.
    const binary = await requests.getBinary(apiId, key)
    expect(binary.status).toBe(500)
    expect(binary.body).toEqual(IMAGE)

    // (2) The 500 response has no template: the client gets the function's JSON text, quotes included.
    const json = await requests.getJson(apiId, key)
    expect(json.status).toBe(500)
    expect(json.text).toBe(JSON.stringify(IMAGE.toString('base64')))

    // (3) The template is for application/json only: the raw upload, base64-encoded by CONVERT_TO_TEXT,
    // passes through as the event, which is not JSON; Lambda refuses it and the function never runs.
    const calls = events.length
    const raw = await requests.putBinary(apiId, newKey())
    expect(raw.status).toBe(500)
    expect(raw.text).toBe('{"message": "Internal server error"}')
    expect(events).toHaveLength(calls)
  })
})

describe('the sample configured so that its four documented requests work', () => {
  let apiId: string
  beforeAll(async () => {
    apiId = await workingImageApi()
  })

  it('(3) PUT application/octet-stream with the raw bytes: 200, the function gets them base64-encoded', async () => {
    const key = newKey()
    const answer = await requests.putBinary(apiId, key)
    expect(answer.status).toBe(200)
    expect(events.at(-1)).toEqual({imageKey: key, image: IMAGE.toString('base64')})
    expect((await requests.getBinary(apiId, key)).body).toEqual(IMAGE)
  })

  it('(4) PUT application/json with the base64 text: 200', async () => {
    const key = newKey()
    expect((await requests.putBase64(apiId, key)).status).toBe(200)
    expect(events.at(-1)).toEqual({imageKey: key, image: IMAGE.toString('base64')})
  })

  it('(1) GET with Accept: application/octet-stream: 200 and the raw bytes', async () => {
    const key = newKey()
    await requests.putBase64(apiId, key)
    const answer = await requests.getBinary(apiId, key)
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual(IMAGE)
  })

  it('(2) GET with Accept: application/json: 200 and {"image": "<base64>"}, valid JSON', async () => {
    const key = newKey()
    await requests.putBase64(apiId, key)
    const answer = await requests.getJson(apiId, key)
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('application/json')
    expect(answer.json()).toEqual({image: IMAGE.toString('base64')})
  })

  it('an unknown key: the function throws and `.+` selects the 500 response', async () => {
    const answer = await requests.getJson(apiId, 'never-stored.jpg')
    expect(answer.status).toBe(500)
    expect(answer.json()).toMatchObject({errorMessage: 'No image stored under the key never-stored.jpg', errorType: 'Error'})
  })
})

describe('the typical drift, on the working configuration', () => {
  it('binary media types removed and deployed: raw downloads come back as base64 text, raw uploads arrive mangled', async () => {
    const apiId = await workingImageApi()
    const key = newKey()
    await requests.putBase64(apiId, key, UTF8_SAFE_IMAGE)
    await patchBinaryMediaTypes(client, apiId, 'remove', '/binaryMediaTypes/application~1octet-stream', '/binaryMediaTypes/image~1jpeg')
    await deploy(client, apiId)

    const download = await requests.getBinary(apiId, key)
    expect(download.status).toBe(200)
    expect(download.json()).toEqual({image: UTF8_SAFE_IMAGE.toString('base64')})

    const upload = await requests.putBinary(apiId, newKey(), UTF8_SAFE_IMAGE)
    expect(upload.status).toBe(200)
    const received = Buffer.from(events.at(-1).image, 'utf8')
    // The upload reached the template as UTF-8 text: every byte that is not UTF-8 became EF BF BD.
    expect(received).toEqual(Buffer.from([0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd, 0x4a, 0x46, 0x49, 0x46, 0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd]))
  })

  it('CONVERT_TO_TEXT missing on PUT and deployed: raw uploads fail with 500 (raw bytes cannot go through the template)', async () => {
    const apiId = await workingImageApi()
    await setContentHandling(client, apiId, '/lambda', 'PUT', '')
    await deploy(client, apiId)
    const calls = events.length
    const answer = await requests.putBinary(apiId, newKey())
    expect(answer.status).toBe(500)
    expect(answer.text).toBe('{"message": "Internal server error"}')
    expect(events).toHaveLength(calls)
    // The base64 upload does not depend on contentHandling.
    expect((await requests.putBase64(apiId, newKey())).status).toBe(200)
  })

  it('a fix made but not deployed is not served; the next deployment serves it', async () => {
    const apiId = await workingImageApi()
    const key = newKey()
    await requests.putBase64(apiId, key)
    await patchBinaryMediaTypes(client, apiId, 'remove', '/binaryMediaTypes/application~1octet-stream', '/binaryMediaTypes/image~1jpeg')
    expect((await requests.getBinary(apiId, key)).body).toEqual(IMAGE)
    await deploy(client, apiId)
    expect((await requests.getBinary(apiId, key)).json()).toEqual({image: IMAGE.toString('base64')})
  })
})

describe('the stand-in as a handler module', () => {
  it('serves the image API from fixtures/functions/image.mjs given as a path', async () => {
    const moduleSandbox = await startTestSandbox({lambdas: {image: IMAGE_MODULE}})
    const moduleClient = sdkClient(moduleSandbox.url)
    try {
      const apiId = await importFixture(moduleClient, 'image-api.oas30.json')
      const base = `${moduleSandbox.url}/restapis/${apiId}/v1/_user_request_/lambda?key=module.jpg`
      await send(base, {method: 'PUT', headers: {'Content-Type': 'application/json'}, body: IMAGE.toString('base64')})
      const answer = await send(base, {headers: {Accept: 'application/octet-stream'}})
      expect(answer.body).toEqual(IMAGE)
    } finally {
      moduleClient.destroy()
      await moduleSandbox.close()
    }
  })
})
