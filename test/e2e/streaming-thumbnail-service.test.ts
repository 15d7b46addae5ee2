// The thumbnail service with its thumbnails streamed (fixtures/apis/thumbnail-service-streaming.oas30.json,
// the streamified stand-in fixtures/functions/thumbnail-service-dev-thumbnail-stream.mjs): audit asks for no
// binary media type on the streamed route, verify gets the PNG bytes intact for every Accept, and a Lambda
// URI of Invoke's form on the streamed route is caught by audit and named by verify.
import {UpdateIntegrationCommand} from '@aws-sdk/client-api-gateway'

import type {Finding} from '../../src/core/findings.js'

import {apply, useScratchHistory} from './apply-support.js'
import {audit, deploy, importFixture, resourceId, useAuditBench} from './audit-support.js'
import {outcomes, specPath, standInFunctions, verify} from './verify-support.js'

const SPEC = specPath('thumbnail-service-streaming.binfix.yaml')
const bench = useAuditBench({lambdas: standInFunctions()})
const scratch = useScratchHistory()

const THUMBNAILS = '/thumbnails/{key}'
const onThumbnails = (report: {findings: Finding[]}): Finding[] => report.findings.filter((finding) => finding.resourcePath === THUMBNAILS)

describe('the streamed thumbnail service', () => {
  it('audit: the streamed route gets no advice about binary media types; the buffered service does', async () => {
    const streamed = await importFixture(bench.client, 'thumbnail-service-streaming.oas30.json', 'dev')
    const bare = await audit(bench.sandbox.url, {api: streamed})
    expect(bare.inSync).toBe(true)
    expect(onThumbnails(bare)).toEqual([])

    // The buffered service gets the advice, once for the API, naming its thumbnails route.
    const buffered = await importFixture(bench.client, 'thumbnail-service.oas30.json', 'dev')
    const advice = (await audit(bench.sandbox.url, {api: buffered})).findings.filter((finding) => finding.kind === 'proxy-binary-response')
    expect(advice.map((finding) => finding.message.startsWith('If GET /thumbnails/{key} returns binary'))).toEqual([true])

    // With the spec: image/png is wanted for the uploads, nothing for the thumbnails.
    const judged = await audit(bench.sandbox.url, {api: streamed, specFile: SPEC})
    // (GET /status, a buffered proxy, keeps its advice: the spec's binary type speaks for it.)
    expect(judged.findings.map((finding) => [finding.kind, finding.mediaType ?? finding.resourcePath])).toEqual([
      ['missing-binary-media-type', 'image/png'],
      ['proxy-binary-response', null],
    ])
    expect(judged.findings[1]!.message).toMatch(/^Browsers loading GET \/status in <img>|^If GET \/status returns binary/)
  })

  it('after apply: audit is clean and verify passes, the streamed thumbnails byte for byte without */* or image/avif', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service-streaming.oas30.json', 'dev')
    const applied = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'dev'})
    expect(applied.converged).toBe(true)
    const after = await audit(bench.sandbox.url, {api: restApiId, specFile: SPEC})
    expect(after.inSync).toBe(true)
    expect(after.findings.filter((finding) => finding.severity !== 'info')).toEqual([])
    expect(onThumbnails(after)).toEqual([])

    const report = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})
    expect(outcomes(report)).toEqual([
      '✓ upload POST /upload?key=probe.png image/png',
      '✓ read-back GET /thumbnails/probe.png application/json',
      '✓ download GET /thumbnails/probe.png image/png',
      '✓ download GET /thumbnails/probe.png image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
      '✓ download GET /thumbnails/probe.png image/avif,image/webp,*/*',
      '✓ download GET /thumbnails/probe.png */*',
      '✓ download GET /thumbnails/probe.png application/json',
      '✓ download GET /status application/json',
      '✓ preflight OPTIONS /thumbnails/probe */*',
      '✓ preflight OPTIONS /upload */*',
    ])
    const thumbnails = report.steps.filter((step) => step.request.path.startsWith('/thumbnails') && step.kind !== 'preflight')
    expect(thumbnails.map((step) => step.observed)).toEqual(Array(thumbnails.length).fill('bytes-intact'))
  })

  it("a streamed route whose Lambda URI is Invoke's /invocations: audit reports it, verify names it", async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service-streaming.oas30.json', 'dev')
    await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'dev'})
    const invokeUri = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:thumbnail-service-dev-thumbnail-stream/invocations'
    const resource = await resourceId(bench.client, restApiId, THUMBNAILS)
    await bench.client.send(new UpdateIntegrationCommand({restApiId, resourceId: resource, httpMethod: 'GET', patchOperations: [{op: 'replace', path: '/uri', value: invokeUri}]}))
    await deploy(bench.client, restApiId, 'dev')

    const report = await audit(bench.sandbox.url, {api: restApiId, specFile: SPEC})
    expect(report.inSync).toBe(false)
    expect(onThumbnails(report)).toMatchObject([
      {
        kind: 'stream-invocation-uri',
        severity: 'error',
        httpMethod: 'GET',
        actual: invokeUri,
        expected: invokeUri.replace('2015-03-31', '2021-11-15').replace(/\/invocations$/, '/response-streaming-invocations'),
        fix: [],
      },
    ])

    const verified = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})
    const downloads = verified.steps.filter((step) => step.kind === 'download' && step.request.path.startsWith('/thumbnails'))
    expect(downloads.map((step) => [step.status, step.pass])).toEqual(Array(downloads.length).fill([500, false]))
    expect(downloads[0]!.cause).toMatchObject({setting: 'integration.uri'})
  })

  it('the spec wants STREAM where the API buffers: stream-transfer-mode, reported without an automatic fix', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json', 'dev')
    const report = await audit(bench.sandbox.url, {api: restApiId, specFile: SPEC})
    const [mode] = onThumbnails(report).filter((finding) => finding.kind === 'stream-transfer-mode')
    expect(mode).toMatchObject({severity: 'error', expected: 'STREAM', actual: 'BUFFERED', fix: []})
    expect(mode!.message).toContain('path=/responseTransferMode,value=STREAM')
  })
})
