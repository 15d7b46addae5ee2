// No false or noisy findings on public definitions (LocalStack's test files, fixtures/localstack/files/,
// copied from real Terraform and Pulumi exports): a JSON Lambda-proxy API gets no binary advice, an
// OpenAPI document used as the spec pins nothing it does not set, the spec init writes audits clean,
// and plan agrees with audit about a preflight that fails today.
import {ImportRestApiCommand, CreateDeploymentCommand} from '@aws-sdk/client-api-gateway'
import {readFileSync} from 'node:fs'

import {initSpec} from '../../src/services/init-service.js'
import {planChanges} from '../../src/services/plan-service.js'
import {TestIoHost} from '../helpers/test-io-host.js'
import {audit, useAuditBench} from './audit-support.js'

const bench = useAuditBench()
const LOCALSTACK_FILES = new URL('../../fixtures/localstack/files/', import.meta.url)
const localstackFile = (name: string) => new URL(name, LOCALSTACK_FILES).pathname

async function importLocalStackFile(name: string): Promise<string> {
  const imported = await bench.client.send(new ImportRestApiCommand({body: readFileSync(localstackFile(name))}))
  await bench.client.send(new CreateDeploymentCommand({restApiId: imported.id, stageName: 'v1'}))
  return imported.id!
}

const plan = (restApiId: string, options: {specFile?: string; fixHazards?: boolean} = {}) =>
  planChanges({api: restApiId, stage: 'v1', cwd: bench.dir, connection: {region: 'us-east-1', endpointUrl: bench.sandbox.url}, ...options})

describe('a JSON API behind a Lambda proxy (openapi.spec.tf.json, a Terraform export)', () => {
  it('gets no Lambda-proxy advice: nothing says GET / serves binary', async () => {
    const restApiId = await importLocalStackFile('openapi.spec.tf.json')
    const report = await audit(bench.sandbox.url, {api: restApiId, stage: 'v1'})
    expect(report.findings).toEqual([])
    expect(report.inSync).toBe(true)
  })

  it('gets the advice once a verify probe says GET / serves binary', async () => {
    const restApiId = await importLocalStackFile('openapi.spec.tf.json')
    const spec = bench.specFile('probe.yaml', ['version: 1', 'verify:', '  - route: "GET /?size=small"', '    accept: [image/png]'])
    const report = await audit(bench.sandbox.url, {api: restApiId, specFile: spec})
    expect(report.findings.map((finding) => [finding.kind, finding.resourcePath])).toEqual([['proxy-binary-response', null]])
    expect(report.findings[0]!.message).toMatch(/^If GET \/ returns binary/)
  })

  it('used as its own spec, pins no response contentHandling: no claim that the spec sets one, nothing to change', async () => {
    const restApiId = await importLocalStackFile('openapi.spec.tf.json')
    const specFile = localstackFile('openapi.spec.tf.json')
    const audited = await audit(bench.sandbox.url, {api: restApiId, stage: 'v1', specFile})
    const planned = await plan(restApiId, {specFile})
    expect(audited.findings).toEqual([])
    expect(planned.requests).toEqual([])
    expect(planned.standing).toEqual([])
  })

  it('the spec init writes audits clean', async () => {
    const restApiId = await importLocalStackFile('openapi.spec.tf.json')
    const written = await initSpec(
      {api: restApiId, connection: {endpointUrl: bench.sandbox.url, region: 'us-east-1'}, out: 'tf.binfix.yaml', yes: true, force: true, interactive: false, cwd: bench.dir},
      {io: new TestIoHost(), now: () => new Date('2026-12-06T00:00:00Z')},
    )
    expect(written.spec.routes).toEqual([{key: 'GET /', httpMethod: 'GET', resourcePath: '/', request: 'CONVERT_TO_TEXT'}])
    const report = await audit(bench.sandbox.url, {api: restApiId, stage: 'v1', specFile: `${bench.dir}/tf.binfix.yaml`})
    expect(report.findings).toEqual([])
    expect(report.inSync).toBe(true)
  })
})

describe('a preflight that fails today under */* (openapi.spec.pulumi.json, a Pulumi export)', () => {
  it('audit and plan agree: both report it, plan leaves it unless --fix-hazards', async () => {
    const restApiId = await importLocalStackFile('openapi.spec.pulumi.json')

    const audited = await audit(bench.sandbox.url, {api: restApiId, stage: 'v1'})
    const planned = await plan(restApiId)
    const fixing = await plan(restApiId, {fixHazards: true})

    const errors = audited.findings.filter((finding) => finding.severity === 'error')
    expect(errors.map((finding) => [finding.kind, finding.httpMethod, finding.resourcePath])).toEqual([['preflight-hazard', 'OPTIONS', '/{proxy+}']])
    expect(audited.inSync).toBe(false)
    expect(planned.standing).toEqual(errors)
    expect(planned.requests).toEqual([])
    expect(fixing.standing).toEqual([])
    expect(fixing.requests.map((call) => call.operation)).toEqual(['UpdateIntegration', 'UpdateIntegrationResponse', 'CreateDeployment'])
  })
})
