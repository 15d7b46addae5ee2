// verify on AWS's sample image API in a sandbox that runs the stand-in `image` function: the typical
// drift fails and says which setting is to blame; apply fixes and redeploys; then the four requests the
// guide documents pass byte for byte. The sample as published answers 500 on API Gateway for reasons
// that are not binary settings (fixtures/README.md), so these tests use its corrected form, and one test
// shows what verify says about the published one. Real SDK reads, real HTTP to the stage.
import {fetchCallLog} from '../helpers/sandbox.js'
import {apply, useScratchHistory} from './apply-support.js'
import {driftedImageApi} from './apply-support.js'
import {importFixture, useAuditBench} from './audit-support.js'
import {outcomes, specPath, standInFunctions, verify} from './verify-support.js'

const SPEC = specPath('image-api.binfix.yaml')
const CORRECTED = 'image-api.corrected.oas30.json'
const bench = useAuditBench({lambdas: standInFunctions()})
const scratch = useScratchHistory()

describe('verify on the sample image API', () => {
  it('passes the four documented requests byte for byte when the API is configured as published', async () => {
    const restApiId = await importFixture(bench.client, CORRECTED)
    const report = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})

    expect(outcomes(report)).toEqual([
      '✓ upload PUT /lambda?key=probe.jpg application/octet-stream',
      '✓ read-back GET /lambda?key=probe.jpg application/json',
      '✓ upload PUT /lambda?key=probe.jpg application/json',
      '✓ read-back GET /lambda?key=probe.jpg application/json',
      '✓ download GET /lambda?key=probe.jpg application/octet-stream',
      '✓ download GET /lambda?key=probe.jpg application/json',
    ])
    const downloads = report.steps.filter((step) => step.kind === 'download')
    // Raw bytes for the binary Accept, {"image": "<base64>"} for the JSON client: both carry the payload.
    expect(downloads.map((step) => [step.observed, step.basis])).toEqual([
      ['bytes-intact', 'payload'],
      ['json-base64', 'payload'],
    ])
    expect(report).toMatchObject({allPassed: true, stage: 'v1', probes: 'spec', payload: {bytes: 256}})
    expect(report.baseUrl).toBe(`${bench.sandbox.url}/restapis/${restApiId}/v1/_user_request_`)
  })

  it('fails on the typical drift, names binaryMediaTypes, and passes after apply', async () => {
    const restApiId = await driftedImageApi(bench.client, CORRECTED)
    const broken = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})

    expect(broken.allPassed).toBe(false)
    const rawUpload = broken.steps.find((step) => step.kind === 'upload' && step.request.headers['Content-Type'] === 'application/octet-stream')!
    const rawDownload = broken.steps.find((step) => step.kind === 'download' && step.request.headers.Accept === 'application/octet-stream')!
    expect(rawDownload).toMatchObject({pass: false, cause: {setting: 'binaryMediaTypes'}})
    expect(rawDownload.cause!.sentence).toContain('application/octet-stream')
    // The raw upload either fails outright or stores damaged bytes; its read-back says which.
    const rawReadBack = broken.steps[broken.steps.indexOf(rawUpload) + 1]!
    expect(rawUpload.pass && rawReadBack.pass).toBe(false)
    expect([rawUpload.cause?.setting, rawReadBack.cause?.setting]).toContain('binaryMediaTypes')

    const fixed = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1'})
    expect(fixed.converged).toBe(true)
    const after = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})
    expect(outcomes(after).filter((line) => line.startsWith('✗'))).toEqual([])
    expect(after.allPassed).toBe(true)
  })

  it('blames the missing redeploy when the fix is only in the working copy', async () => {
    const restApiId = await driftedImageApi(bench.client, CORRECTED)
    const patched = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1', deploy: false})
    expect(patched.deploymentId).toBeNull()

    const report = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})
    const rawDownload = report.steps.find((step) => step.kind === 'download' && step.request.headers.Accept === 'application/octet-stream')!
    expect(rawDownload).toMatchObject({pass: false, cause: {setting: 'undeployed'}})
    expect(rawDownload.cause!.sentence).toMatch(/stage v1/)
  })

  it('makes no control-plane write, and sends each probe once to the stage', async () => {
    const restApiId = await importFixture(bench.client, CORRECTED)
    const before = (await fetchCallLog(bench.sandbox.url)).length
    const report = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})
    const calls = (await fetchCallLog(bench.sandbox.url)).slice(before)

    expect(calls.filter((call) => call.mutating)).toEqual([])
    const invocations = calls.filter((call) => call.operation === 'execute-api:Invoke')
    expect(invocations).toHaveLength(report.steps.length)
    expect(report.calls).toEqual({controlPlane: calls.length - invocations.length, stage: report.steps.length})
  })

  it('probes the default Accept matrix when an entry lists none, and explains the browsers’ failures', async () => {
    const restApiId = await importFixture(bench.client, CORRECTED)
    const report = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC, routes: ['PUT /lambda?key=m.jpg', 'GET /lambda?key=m.jpg'], contentTypes: ['application/octet-stream']})

    const downloads = report.steps.filter((step) => step.kind === 'download')
    expect(downloads.map((step) => step.request.headers.Accept)).toEqual([
      'application/octet-stream',
      'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
      'image/avif,image/webp,*/*',
      '*/*',
      'application/json',
    ])
    expect(downloads.map((step) => step.pass)).toEqual([true, false, false, false, true])
    const chrome = downloads[1]!
    expect(chrome.cause).toMatchObject({setting: 'binaryMediaTypes'})
    expect(chrome.cause!.sentence).toContain('image/avif')
    expect(report.probes).toBe('flags')
  })

  it('on the sample as published: the raw download keeps its bytes but answers 500, and verify says why', async () => {
    const restApiId = await importFixture(bench.client, 'image-api.oas30.json')
    const report = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})

    expect(report.allPassed).toBe(false)
    const rawDownload = report.steps.find((step) => step.kind === 'download' && step.request.headers.Accept === 'application/octet-stream')!
    expect(rawDownload).toMatchObject({pass: false, status: 500, cause: {setting: 'integrationResponse.selectionPattern'}})
    const rawUpload = report.steps.find((step) => step.kind === 'upload' && step.request.headers['Content-Type'] === 'application/octet-stream')!
    expect(rawUpload).toMatchObject({pass: false, status: 500, cause: {setting: 'integration.requestTemplates'}})
  })
})
