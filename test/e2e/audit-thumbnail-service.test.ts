// audit on the Lambda-proxy thumbnail service: "*/*" added (the usual fix for images) breaks its MOCK
// CORS preflights unless they convert to text; proxy routes get advice instead of contentHandling.
import {audit, deploy, importFixture, kinds, patchBinaryMediaTypes, setContentHandling, useAuditBench} from './audit-support.js'

const bench = useAuditBench()
const specFile = (name: string, lines: readonly string[]) => bench.specFile(name, lines)

describe('*/* added to the thumbnail service', () => {
  // Their integration responses have no mapping template, so CONVERT_TO_TEXT on the integration is the
  // whole fix (aws/chalice #1310; core/conversion.ts responseTemplateStep).
  it('without a spec: both preflights fail today on the request side, with the exact fix', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json')
    await patchBinaryMediaTypes(bench.client, restApiId, 'add', '/binaryMediaTypes/*~1*')
    await deploy(bench.client, restApiId)

    const report = await audit(bench.sandbox.url, {api: restApiId, stage: 'v1'})

    const hazards = report.findings.filter((finding) => finding.kind === 'preflight-hazard')
    expect(hazards.map((finding) => [finding.httpMethod, finding.resourcePath, finding.severity])).toEqual([
      ['OPTIONS', '/thumbnails/{key}', 'error'],
      ['OPTIONS', '/upload', 'error'],
    ])
    expect(hazards[1]!.message).toContain('Today, the CORS preflight OPTIONS /upload (no Content-Type, Accept: */*) fails with 500')
    expect(hazards[1]!.fix.map((call) => [call.operation, 'patchOperations' in call ? call.patchOperations : undefined])).toEqual([
      ['UpdateIntegration', [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_TEXT'}]],
    ])
    // Proxy routes are not patched: advice only, and */* serves browsers, so no advice is needed.
    expect(report.findings.every((finding) => finding.kind === 'preflight-hazard')).toBe(true)
    expect(report.inSync).toBe(false)
  })

  it('with a spec that wants */*: a warning before the change, carried by the same fix', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json')

    const report = await audit(bench.sandbox.url, {api: restApiId, binaryTypes: ['*/*']})

    expect(kinds(report)).toEqual(['missing-binary-media-type', 'preflight-hazard', 'preflight-hazard'])
    expect(report.findings[0]!.message).toContain('Side effect: POST /upload with Content-Type: application/json will then reach the function base64-encoded')
    expect(report.findings.slice(1).map((finding) => finding.severity)).toEqual(['warning', 'warning'])
    expect(report.fix.map((call) => call.operation)).toEqual(['UpdateRestApi', 'UpdateIntegration', 'UpdateIntegration'])
  })

  it('a spec that converts preflights to text turns the hazard into content-handling findings', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json')
    const spec = specFile(
      'preflight.yaml',
      ['version: 1', 'binaryMediaTypes: ["*/*"]', 'routes:', '  "OPTIONS *":', '    request: CONVERT_TO_TEXT', '    responses: {"*": CONVERT_TO_TEXT}'],
    )

    const report = await audit(bench.sandbox.url, {api: restApiId, specFile: spec})

    expect(kinds(report)).toEqual([
      'missing-binary-media-type',
      'integration-content-handling',
      'integration-response-content-handling',
      'integration-content-handling',
      'integration-response-content-handling',
    ])
    expect(report.findings[1]!.message).toContain('The CORS preflight OPTIONS /thumbnails/{key} fails with 500')
  })

  it('is in sync once preflights convert to text', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json')
    await patchBinaryMediaTypes(bench.client, restApiId, 'add', '/binaryMediaTypes/*~1*')
    for (const path of ['/upload', '/thumbnails/{key}']) {
      await setContentHandling(bench.client, restApiId, path, 'OPTIONS', 'CONVERT_TO_TEXT')
      await setContentHandling(bench.client, restApiId, path, 'OPTIONS', 'CONVERT_TO_TEXT', '200')
    }
    await deploy(bench.client, restApiId)

    const report = await audit(bench.sandbox.url, {api: restApiId, stage: 'v1', binaryTypes: ['*/*']})

    expect(report.findings).toEqual([])
    expect(report.inSync).toBe(true)
  })
})

describe('Lambda-proxy advice', () => {
  it('tells why thumbnails come back as base64, once for the API, and not for the JSON route', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json')

    const report = await audit(bench.sandbox.url, {api: restApiId})

    const advice = report.findings.filter((finding) => finding.kind === 'proxy-binary-response')
    expect(advice.map((finding) => [finding.httpMethod, finding.resourcePath, finding.severity])).toEqual([[null, null, 'info']])
    expect(advice[0]!.message).toMatch(/^If GET \/thumbnails\/\{key\} returns binary, clients get .*: binaryMediaTypes is empty\./)
    expect(advice[0]!.message).not.toContain('/status')
    expect(report.inSync).toBe(true)
  })

  it('says where the spec sets response contentHandling on a Lambda proxy', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json')
    const spec = specFile('proxy.yaml', ['version: 1', 'routes:', '  "GET /thumbnails/{key}":', '    responses: {"200": CONVERT_TO_BINARY}'])

    const report = await audit(bench.sandbox.url, {api: restApiId, specFile: spec})

    const advice = report.findings.filter((finding) => finding.kind === 'proxy-binary-response')
    expect(advice.map((finding) => [finding.httpMethod, finding.resourcePath, finding.severity])).toEqual([['GET', '/thumbnails/{key}', 'info']])
    expect(advice[0]!.message).toContain('a Lambda proxy, where integration responses never run')
    // Advice does not make the API out of sync, and a response rule on a proxy is not an unknown route.
    expect(report.inSync).toBe(true)
  })

  it('warns that browsers get base64 when only concrete image types are listed', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json')
    await patchBinaryMediaTypes(bench.client, restApiId, 'add', '/binaryMediaTypes/image~1png', '/binaryMediaTypes/image~1webp')
    const report = await audit(bench.sandbox.url, {api: restApiId})
    const advice = report.findings.filter((finding) => finding.kind === 'proxy-binary-response')
    expect(advice).toHaveLength(1)
    expect(advice[0]!.message).toBe(
      'Browsers loading GET /thumbnails/{key} in <img> send Accept: image/avif first, which binaryMediaTypes does not match, so they get the base64 text; add image/avif or */* to serve them bytes.',
    )
  })
})
