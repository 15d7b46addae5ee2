// Spec-driven and consistency rules beyond the fixtures' drift: exact mode, malformed entries, unknown
// routes, and the call bound on a large API.
import {CreateDeploymentCommand, ImportRestApiCommand} from '@aws-sdk/client-api-gateway'

import {fetchCallLog} from '../helpers/sandbox.js'
import {audit, importFixture, kinds, patchBinaryMediaTypes, useAuditBench} from './audit-support.js'

const bench = useAuditBench()
const specFile = (name: string, lines: readonly string[]) => bench.specFile(name, lines)

describe('binaryMediaTypesMode', () => {
  it('add-only reports unlisted live entries as info and keeps them; exact removes them', async () => {
    const restApiId = await importFixture(bench.client, 'image-api.oas30.json')
    const addOnly = specFile('add-only.yaml', ['version: 1', 'binaryMediaTypes: [image/jpeg]'])
    const exact = specFile('exact.yaml', ['version: 1', 'binaryMediaTypes: [image/jpeg]', 'binaryMediaTypesMode: exact'])

    const lenient = await audit(bench.sandbox.url, {api: restApiId, specFile: addOnly})
    expect(lenient.findings.map((finding) => [finding.kind, finding.severity, finding.mediaType])).toEqual([
      ['unexpected-binary-media-type', 'info', 'application/octet-stream'],
    ])
    expect(lenient.inSync).toBe(true)
    expect(lenient.fix).toEqual([])

    const strict = await audit(bench.sandbox.url, {api: restApiId, specFile: exact})
    expect(strict.findings.map((finding) => [finding.kind, finding.severity])).toEqual([['unexpected-binary-media-type', 'error']])
    expect(strict.findings[0]!.message).toContain('PUT /lambda with Content-Type: application/octet-stream')
    expect(strict.fix).toEqual([{operation: 'UpdateRestApi', restApiId, patchOperations: [{op: 'remove', path: '/binaryMediaTypes/application~1octet-stream'}]}])
  })
})

describe('malformed binary media types', () => {
  it('finds entries that never match and repairs the ones that can be', async () => {
    const restApiId = await importFixture(bench.client, 'image-api.oas30.json')
    // "~01" decodes to a literal "~1": what a template with a pre-escaped value leaves behind.
    await patchBinaryMediaTypes(bench.client, restApiId, 'add', '/binaryMediaTypes/image~01png', '/binaryMediaTypes/-', '/binaryMediaTypes/*~1png')

    const report = await audit(bench.sandbox.url, {api: restApiId})

    expect(report.findings.map((finding) => [finding.kind, finding.mediaType, finding.severity])).toEqual([
      ['malformed-binary-media-type', '*/png', 'warning'],
      ['malformed-binary-media-type', '-', 'warning'],
      ['malformed-binary-media-type', 'image~1png', 'warning'],
    ])
    const escaped = report.findings[2]!
    expect(escaped.message).toContain('was stored with "~1" instead of "/"')
    expect(escaped.fix).toEqual([
      {
        operation: 'UpdateRestApi',
        restApiId,
        patchOperations: [
          {op: 'remove', path: '/binaryMediaTypes/image~01png'},
          {op: 'add', path: '/binaryMediaTypes/image~1png'},
        ],
      },
    ])
    // All three removals and the repair go out in one UpdateRestApi.
    expect(report.fix).toHaveLength(1)
    expect(report.fix[0]).toMatchObject({operation: 'UpdateRestApi'})
    expect((report.fix[0] as {patchOperations: unknown[]}).patchOperations).toHaveLength(4)
  })
})

describe('unknown routes', () => {
  it('names spec routes and status codes the API does not have', async () => {
    const restApiId = await importFixture(bench.client, 'image-api.oas30.json')
    const spec = specFile('routes.yaml', [
      'version: 1',
      'routes:',
      '  "GET /Lambda":',
      '    request: CONVERT_TO_TEXT',
      '  "GET /lambda":',
      '    responses: {"404": CONVERT_TO_BINARY}',
    ])

    const report = await audit(bench.sandbox.url, {api: restApiId, specFile: spec})

    expect(report.findings.map((finding) => [finding.kind, finding.httpMethod, finding.resourcePath, finding.statusCode])).toEqual([
      ['unknown-route', 'GET', '/Lambda', null],
      ['unknown-route', 'GET', '/lambda', '404'],
    ])
    expect(report.findings[0]!.message).toContain('Resource paths are case-sensitive')
    expect(report.findings[0]!.message).toContain('GET /Lambda, which this API does not have (did you mean GET /lambda?)')
    expect(report.findings[1]!.message).toContain('it has 200, 500')
    expect(report.inSync).toBe(false)
  })

  it('suggests the nearest route of the API for a mistyped one, and none for an unrelated one', async () => {
    const restApiId = await importFixture(bench.client, 'image-api.oas30.json')
    const spec = specFile('typos.yaml', ['version: 1', 'routes:', '  "PUT /lamda":', '    request: CONVERT_TO_TEXT', '  "PUT /thumbnails":', '    request: CONVERT_TO_TEXT'])

    const report = await audit(bench.sandbox.url, {api: restApiId, specFile: spec})

    expect(report.findings.map((finding) => [finding.resourcePath, finding.message.match(/\(did you mean [^)]*\)/)?.[0] ?? null])).toEqual([
      ['/lamda', '(did you mean PUT /lambda?)'],
      ['/thumbnails', null],
    ])
  })
})

describe('a 300-resource, 900-method API', () => {
  it('costs at most 3 + ceil(R/500) control-plane calls, none mutating', async () => {
    const paths: Record<string, unknown> = {}
    const integration = {type: 'mock', requestTemplates: {'application/json': '{"statusCode": 200}'}, responses: {default: {statusCode: '200'}}}
    const operation = {responses: {'200': {description: 'ok'}}, 'x-amazon-apigateway-integration': integration}
    for (let index = 0; index < 299; index += 1) paths[`/items${index}`] = {get: operation, put: operation, options: operation}
    paths['/'] = {get: operation, put: operation, options: operation}
    const body = JSON.stringify({openapi: '3.0.1', info: {title: 'big', version: '1'}, paths, 'x-amazon-apigateway-binary-media-types': ['*/*']})
    const imported = await bench.client.send(new ImportRestApiCommand({body: Buffer.from(body)}))
    await bench.client.send(new CreateDeploymentCommand({restApiId: imported.id, stageName: 'v1'}))
    await fetch(`${bench.sandbox.url}/_sandbox/calls`, {method: 'DELETE'})

    const report = await audit(bench.sandbox.url, {api: imported.id!, stage: 'v1', binaryTypes: ['*/*'], diff: true})

    const resources = 300
    const calls = await fetchCallLog(bench.sandbox.url)
    expect(calls.length).toBeLessThanOrEqual(3 + Math.ceil(resources / 500))
    expect(calls.filter((call) => call.mutating)).toEqual([])
    expect(report.calls).toBe(calls.length)
    // Every MOCK OPTIONS method is a hazard under */*: the audit saw all 900 methods.
    expect(kinds(report).filter((kind) => kind === 'preflight-hazard')).toHaveLength(300)
  })
})

describe('inputs', () => {
  it('an unknown stage is a usage error naming it, after no write', async () => {
    const restApiId = await importFixture(bench.client, 'image-api.oas30.json')
    await expect(audit(bench.sandbox.url, {api: restApiId, stage: 'prod'})).rejects.toMatchObject({message: expect.stringContaining('No stage "prod"'), oclif: {exit: 2}})
  })

  it('an unknown API is a usage error', async () => {
    await expect(audit(bench.sandbox.url, {api: 'zzzzzzzzzz'})).rejects.toMatchObject({oclif: {exit: 2}})
  })

  it('a bad spec fails before any call', async () => {
    await fetch(`${bench.sandbox.url}/_sandbox/calls`, {method: 'DELETE'})
    const spec = specFile('bad.yaml', ['version: 1', 'binaryMediaTypes: [image]'])
    await expect(audit(bench.sandbox.url, {api: 'whatever', specFile: spec})).rejects.toMatchObject({oclif: {exit: 2}, message: expect.stringContaining('bad.yaml:2')})
    expect(await fetchCallLog(bench.sandbox.url)).toEqual([])
  })
})
