// The Lambda-proxy thumbnail service (fixtures/apis/thumbnail-service.oas30.json) with the stand-in
// functions of fixtures/functions/, before and after `*/*` becomes a binary media type.
import {createHash} from 'node:crypto'
import {fileURLToPath} from 'node:url'

import type {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {deploy, importFixture, patchBinaryMediaTypes, setContentHandling} from '../../e2e/audit-support.js'
import {BINARY, BINARY_AS_TEXT, send} from './support.js'

const FUNCTIONS = ['thumbnail-service-dev-upload', 'thumbnail-service-dev-thumbnail', 'thumbnail-service-dev-status']
const functionFile = (name: string) => fileURLToPath(new URL(`../../../fixtures/functions/${name}.mjs`, import.meta.url))
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), BINARY])
const PNG_AS_TEXT = Buffer.concat([Buffer.from([0xef, 0xbf, 0xbd, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), BINARY_AS_TEXT])
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const CHROME_IMG_ACCEPT = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8'

let sandbox: Sandbox
let client: APIGatewayClient

beforeAll(async () => {
  sandbox = await startTestSandbox({lambdas: Object.fromEntries(FUNCTIONS.map((name) => [name, functionFile(name)]))})
  client = sdkClient(sandbox.url)
})
afterAll(async () => {
  client.destroy()
  await sandbox.close()
})

const at = (apiId: string, path: string) => `${sandbox.url}/restapis/${apiId}/dev/_user_request_${path}`
const upload = (apiId: string, key: string, bytes = PNG) => send(at(apiId, `/upload?key=${key}`), {method: 'POST', headers: {'Content-Type': 'image/png'}, body: bytes})
const thumbnail = (apiId: string, key: string, accept: string) => send(at(apiId, `/thumbnails/${key}`), {headers: {Accept: accept}})
const preflight = (apiId: string, path: string) =>
  send(at(apiId, path), {method: 'OPTIONS', headers: {Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST', Accept: '*/*'}})

describe('as deployed by default: no binary media types', () => {
  let apiId: string
  beforeAll(async () => {
    apiId = await importFixture(client, 'thumbnail-service.oas30.json', 'dev')
  })

  it('uploads arrive as UTF-8 text: every byte that is not UTF-8 becomes EF BF BD', async () => {
    const answer = await upload(apiId, 'mangled.png')
    expect(answer.status).toBe(200)
    expect(answer.json()).toEqual({key: 'mangled.png', bytes: PNG_AS_TEXT.length, sha256: sha256(PNG_AS_TEXT)})
  })

  it('thumbnails come back as the base64 text the function returned, whatever the Accept', async () => {
    await upload(apiId, 'stored.png')
    for (const accept of ['image/png', CHROME_IMG_ACCEPT]) {
      const answer = await thumbnail(apiId, 'stored.png', accept)
      expect(answer.status).toBe(200)
      expect(answer.headers['content-type']).toBe('image/png')
      expect(answer.text).toBe(PNG_AS_TEXT.toString('base64'))
    }
  })

  it('preflights work; unknown keys get the function\'s 404; /status answers JSON', async () => {
    const answer = await preflight(apiId, '/upload')
    expect(answer.status).toBe(200)
    expect(answer.headers['access-control-allow-origin']).toBe('*')
    expect(answer.headers['access-control-allow-methods']).toBe('OPTIONS,GET,POST')
    expect(answer.headers['access-control-allow-headers']).toBe('Content-Type,Authorization')
    expect((await thumbnail(apiId, 'nothing.png', 'image/png')).status).toBe(404)
    const status = await send(at(apiId, '/status'))
    expect(status.status).toBe(200)
    expect(status.json()).toMatchObject({status: 'ok', bodyBase64Encoded: false})
  })
})

describe('with */* as a binary media type', () => {
  let apiId: string
  beforeAll(async () => {
    apiId = await importFixture(client, 'thumbnail-service.oas30.json', 'dev')
    await patchBinaryMediaTypes(client, apiId, 'add', '/binaryMediaTypes/*~1*')
  })

  it('is not served until deployed', async () => {
    await upload(apiId, 'before-deploy.png')
    expect((await thumbnail(apiId, 'before-deploy.png', 'image/png')).text).toBe(PNG_AS_TEXT.toString('base64'))
    expect((await preflight(apiId, '/upload')).status).toBe(200)
  })

  it('once deployed: uploads arrive intact and thumbnails come back as bytes, even for a browser <img>', async () => {
    await deploy(client, apiId, 'dev')
    const answer = await upload(apiId, 'intact.png')
    expect(answer.json()).toEqual({key: 'intact.png', bytes: PNG.length, sha256: sha256(PNG)})
    for (const accept of ['image/png', CHROME_IMG_ACCEPT]) expect((await thumbnail(apiId, 'intact.png', accept)).body).toEqual(PNG)
    // The function's JSON answers are untouched; the bodies callers send now reach it base64-encoded.
    const status = await send(at(apiId, '/status'), {method: 'GET', headers: {'Content-Type': 'application/json'}, body: '{}'})
    expect(status.json()).toMatchObject({status: 'ok', bodyBase64Encoded: true})
  })

  it('breaks the MOCK preflights (500) until their integrations get CONVERT_TO_TEXT', async () => {
    await deploy(client, apiId, 'dev')
    for (const path of ['/upload', '/thumbnails/x.png']) {
      const broken = await preflight(apiId, path)
      expect(broken.status).toBe(500)
      expect(broken.text).toBe('{"message": "Internal server error"}')
      expect(broken.headers['access-control-allow-origin']).toBeUndefined()
    }
    await setContentHandling(client, apiId, '/upload', 'OPTIONS', 'CONVERT_TO_TEXT')
    await setContentHandling(client, apiId, '/thumbnails/{key}', 'OPTIONS', 'CONVERT_TO_TEXT')
    // Not live before the deployment.
    expect((await preflight(apiId, '/upload')).status).toBe(500)
    await deploy(client, apiId, 'dev')
    for (const path of ['/upload', '/thumbnails/x.png']) {
      const fixed = await preflight(apiId, path)
      expect(fixed.status).toBe(200)
      expect(fixed.headers['access-control-allow-origin']).toBe('*')
    }
  })
})
