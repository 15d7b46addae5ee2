// audit on the sample image API, imported into a sandbox and broken the ways fixtures/README.md lists:
// binary media types missing, CONVERT_TO_TEXT removed from PUT, a fix made but not deployed.
import type {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {fetchCallLog, sdkClient, startTestSandbox} from '../helpers/sandbox.js'
import {audit, deploy, fixturePath, importFixture, kinds, patchBinaryMediaTypes, setContentHandling, useTestCredentials} from './audit-support.js'

const SPEC = fixturePath('image-api.oas30.json')
const SWAGGER_SPEC = fixturePath('image-api.swagger.json')

let sandbox: Sandbox
let restoreEnvironment: () => void
let client: APIGatewayClient

beforeAll(async () => {
  restoreEnvironment = useTestCredentials()
  sandbox = await startTestSandbox()
  client = sdkClient(sandbox.url)
})

afterAll(async () => {
  restoreEnvironment()
  client.destroy()
  await sandbox.close()
})

describe('the image API as published', () => {
  it.each([SPEC, SWAGGER_SPEC])('is in sync with its own definition as spec (%s)', async (specFile) => {
    const restApiId = await importFixture(client, 'image-api.oas30.json')
    const report = await audit(sandbox.url, {api: restApiId, specFile, stage: 'v1'})
    expect(report.findings).toEqual([])
    expect(report).toMatchObject({inSync: true, stage: 'v1', api: {id: restApiId, name: 'ApiName'}, fix: []})
  })
})

describe('binary media types missing (deployed that way)', () => {
  it('says uploads arrive corrupted and downloads come back as base64, and adds both types', async () => {
    const restApiId = await importFixture(client, 'image-api.oas30.json')
    await patchBinaryMediaTypes(client, restApiId, 'remove', '/binaryMediaTypes/application~1octet-stream', '/binaryMediaTypes/image~1jpeg')
    await deploy(client, restApiId)

    const report = await audit(sandbox.url, {api: restApiId, specFile: SPEC, stage: 'v1'})

    expect(report.inSync).toBe(false)
    expect(kinds(report)).toEqual(['missing-binary-media-type', 'missing-binary-media-type'])
    const [octetStream, jpeg] = report.findings
    expect(octetStream).toMatchObject({severity: 'error', mediaType: 'application/octet-stream', resourcePath: null, expected: 'application/octet-stream'})
    expect(jpeg!.message).toContain('PUT /lambda with Content-Type: image/jpeg reaches the integration as UTF-8 text')
    expect(jpeg!.message).toContain('U+FFFD')
    expect(jpeg!.message).toContain('GET /lambda with Accept: image/jpeg gets the base64 text the function returned')
    expect(report.fix).toEqual([
      {
        operation: 'UpdateRestApi',
        restApiId,
        patchOperations: [
          {op: 'add', path: '/binaryMediaTypes/application~1octet-stream'},
          {op: 'add', path: '/binaryMediaTypes/image~1jpeg'},
        ],
      },
    ])
  })

  it('--binary-type alone is a spec too', async () => {
    const restApiId = await importFixture(client, 'image-api.oas30.json')
    await patchBinaryMediaTypes(client, restApiId, 'remove', '/binaryMediaTypes/image~1jpeg')
    const report = await audit(sandbox.url, {api: restApiId, binaryTypes: ['IMAGE/JPEG; q=1']})
    expect(report.spec).toEqual({kind: 'flags', file: null})
    expect(report.findings.map((finding) => [finding.kind, finding.mediaType])).toEqual([['missing-binary-media-type', 'image/jpeg']])
  })
})

describe('CONVERT_TO_TEXT removed from PUT (deployed that way)', () => {
  it('says the upload reaches Lambda as raw bytes and patches the integration back', async () => {
    const restApiId = await importFixture(client, 'image-api.oas30.json')
    await setContentHandling(client, restApiId, '/lambda', 'PUT', '')
    await deploy(client, restApiId)

    const report = await audit(sandbox.url, {api: restApiId, specFile: SPEC, stage: 'v1', diff: true})

    expect(kinds(report)).toEqual(['integration-content-handling'])
    const [finding] = report.findings
    expect(finding).toMatchObject({resourcePath: '/lambda', httpMethod: 'PUT', statusCode: null, expected: 'CONVERT_TO_TEXT', actual: 'PASSTHROUGH'})
    expect(finding!.message).toContain('reaches Lambda as raw bytes instead of a JSON event')
    expect(finding!.message).toContain('with CONVERT_TO_TEXT it reaches the integration base64-encoded')
    expect(finding!.fix).toEqual([
      {
        operation: 'UpdateIntegration',
        restApiId,
        resourceId: expect.any(String),
        httpMethod: 'PUT',
        patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_TEXT'}],
      },
    ])
    // The diff shows the one line that changes, and nothing about GET.
    const added = report.diff!.split('\n').filter((line) => line.startsWith('+') && !line.startsWith('+++'))
    expect(added).toEqual(['+          "contentHandling": "CONVERT_TO_TEXT",'])
  })
})

describe('a fix made but not deployed', () => {
  it('reports the stage serving the old setting and redeploys it, nothing else', async () => {
    const restApiId = await importFixture(client, 'image-api.oas30.json')
    await setContentHandling(client, restApiId, '/lambda', 'PUT', '')
    await deploy(client, restApiId)
    await setContentHandling(client, restApiId, '/lambda', 'PUT', 'CONVERT_TO_TEXT')

    const report = await audit(sandbox.url, {api: restApiId, specFile: SPEC, stage: 'v1'})

    expect(kinds(report)).toEqual(['undeployed-change'])
    expect(report.findings[0]).toMatchObject({severity: 'error', resourcePath: '/lambda', httpMethod: 'PUT', expected: 'CONVERT_TO_TEXT', actual: 'PASSTHROUGH'})
    expect(report.findings[0]!.message).toContain('stage v1 still serves PASSTHROUGH')
    expect(report.fix).toEqual([{operation: 'CreateDeployment', restApiId, stageName: 'v1'}])

    // Without a stage there is nothing to compare the working copy with: it is as intended.
    const workingCopyOnly = await audit(sandbox.url, {api: restApiId, specFile: SPEC})
    expect(workingCopyOnly.inSync).toBe(true)
  })

  it('does not offer a redeploy that would publish a broken working copy', async () => {
    const restApiId = await importFixture(client, 'image-api.oas30.json')
    await patchBinaryMediaTypes(client, restApiId, 'remove', '/binaryMediaTypes/image~1jpeg')

    const report = await audit(sandbox.url, {api: restApiId, specFile: SPEC, stage: 'v1'})

    expect(kinds(report)).toEqual(['missing-binary-media-type', 'undeployed-change'])
    expect(report.findings[1]).toMatchObject({severity: 'warning', fix: []})
    expect(report.findings[1]!.message).toContain('as intended')
    expect(report.fix.map((call) => call.operation)).toEqual(['UpdateRestApi'])
  })
})

describe('reading with minimal calls', () => {
  it('makes GetRestApi, GetResources, GetStage and GetExport only, none mutating', async () => {
    const restApiId = await importFixture(client, 'image-api.oas30.json')
    await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})

    const report = await audit(sandbox.url, {api: restApiId, specFile: SPEC, stage: 'v1', diff: true})

    const calls = await fetchCallLog(sandbox.url)
    expect(calls.map((call) => call.operation).sort()).toEqual(['GetExport', 'GetResources', 'GetRestApi', 'GetStage'])
    expect(calls.filter((call) => call.mutating)).toEqual([])
    expect(report.calls).toBe(4)
  })
})

describe('spec rules', () => {
  it('ignore accepts findings by kind or id', async () => {
    const restApiId = await importFixture(client, 'image-api.oas30.json')
    await patchBinaryMediaTypes(client, restApiId, 'remove', '/binaryMediaTypes/image~1jpeg')
    await setContentHandling(client, restApiId, '/lambda', 'PUT', '')
    const first = await audit(sandbox.url, {api: restApiId, specFile: SPEC})
    expect(kinds(first)).toEqual(['missing-binary-media-type', 'integration-content-handling'])

    // The same finding has the same id on every run.
    const again = await audit(sandbox.url, {api: restApiId, specFile: SPEC})
    expect(again.findings.map((finding) => finding.id)).toEqual(first.findings.map((finding) => finding.id))
    expect(first.findings[0]!.id).toMatch(/^missing-binary-media-type:[0-9a-f]{10}$/)
  })
})
