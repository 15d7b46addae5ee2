// verify on the Lambda-proxy thumbnail service: without binary media types browsers get base64 text;
// `*/*` alone fixes the images but breaks the MOCK preflights; `*/*` with CONVERT_TO_TEXT on the
// preflights (the spec's fix, applied) passes everything, preflights answering 200.
import {apply, useScratchHistory} from './apply-support.js'
import {deploy, importFixture, patchBinaryMediaTypes, useAuditBench} from './audit-support.js'
import {outcomes, specPath, standInFunctions, verify} from './verify-support.js'

const SPEC = specPath('thumbnail-service.binfix.yaml')
const bench = useAuditBench({lambdas: standInFunctions()})
const scratch = useScratchHistory()

describe('verify on the thumbnail service', () => {
  it('as deployed, without binary media types: uploads are mangled and images come back as base64 text', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json', 'dev')
    const report = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})

    expect(report.allPassed).toBe(false)
    const upload = report.steps.find((step) => step.kind === 'read-back')!
    expect(upload).toMatchObject({pass: false, cause: {setting: 'binaryMediaTypes'}})
    expect(upload.cause!.sentence).toContain('image/png')
    // Preflights are fine as long as nothing makes their empty bodies binary.
    expect(report.steps.filter((step) => step.kind === 'preflight').map((step) => [step.request.path, step.status, step.pass])).toEqual([
      ['/thumbnails/probe', 200, true],
      ['/upload', 200, true],
    ])
  })

  it('with */* alone: images pass, preflights answer 500 and the cause names */* and the MOCK integration', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json', 'dev')
    await patchBinaryMediaTypes(bench.client, restApiId, 'add', '/binaryMediaTypes/*~1*')
    await deploy(bench.client, restApiId, 'dev')
    const report = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})

    const preflights = report.steps.filter((step) => step.kind === 'preflight')
    expect(preflights.map((step) => [step.status, step.pass])).toEqual([
      [500, false],
      [500, false],
    ])
    expect(preflights[0]!.cause).toMatchObject({setting: 'integration.contentHandling'})
    expect(preflights[0]!.cause!.sentence).toContain('*/*')
    expect(report.steps.filter((step) => step.kind !== 'preflight').every((step) => step.pass)).toBe(true)
  })

  it('after apply of the spec: every probe passes and the preflights still answer 200', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json', 'dev')
    const applied = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'dev'})
    expect(applied.converged).toBe(true)

    const report = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC})
    expect(outcomes(report)).toEqual([
      '✓ upload POST /upload?key=probe.png image/png',
      '✓ read-back GET /thumbnails/probe.png application/json',
      '✓ download GET /thumbnails/probe.png application/octet-stream',
      '✓ download GET /thumbnails/probe.png image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
      '✓ download GET /thumbnails/probe.png image/avif,image/webp,*/*',
      '✓ download GET /thumbnails/probe.png */*',
      '✓ download GET /thumbnails/probe.png application/json',
      '✓ download GET /status application/json',
      '✓ preflight OPTIONS /thumbnails/probe */*',
      '✓ preflight OPTIONS /upload */*',
    ])
    expect(report.steps.filter((step) => step.kind === 'download' && step.request.path.startsWith('/thumbnails')).map((step) => step.observed)).toEqual(
      Array(5).fill('bytes-intact'),
    )
    expect(report.steps.filter((step) => step.kind === 'preflight').map((step) => step.status)).toEqual([200, 200])
    expect(report.limits.find((limit) => limit.route === 'POST /upload')).toMatchObject({request: {via: 'lambda', bytes: 4_715_520}})
  })

  it('--size near the limit: 4.4 MiB goes through the Lambda proxy, 4.6 MiB is refused and blamed on the limit', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json', 'dev')
    await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'dev'})
    const probe = {api: restApiId, stage: 'dev', routes: ['POST /upload?key=big.png'], contentTypes: ['image/png'], readBack: 'GET /thumbnails/big.png'}

    const fits = await verify(bench.sandbox.url, {...probe, size: '4.4MiB'})
    expect(fits.payload.bytes).toBe(Math.floor(4.4 * 1024 * 1024))
    expect(fits.steps.filter((step) => step.kind !== 'preflight').map((step) => [step.kind, step.pass])).toEqual([
      ['upload', true],
      ['read-back', true],
    ])

    const tooBig = await verify(bench.sandbox.url, {...probe, size: '4.6MiB'})
    const upload = tooBig.steps[0]!
    expect(upload).toMatchObject({kind: 'upload', pass: false, status: 413, cause: {setting: 'size-limit'}})
    expect(upload.cause!.sentence).toContain('POST /upload')
  })
})
