// createApiGatewayClient end to end: the real SDK writer over HTTP against the sandbox, checked through
// the sandbox's call log and by reading back, and against writes whose answer is lost.
import {fileURLToPath} from 'node:url'

import type {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import {type AwsApiGateway, createApiGatewayClient} from '../../src/aws/clients.js'
import {type AdmissionDecision, createAdmission} from '../../src/sandbox/admission.js'
import type {CallRecord} from '../../src/sandbox/call-log.js'
import type {Sandbox} from '../../src/sandbox/server.js'
import {seedSandbox} from '../../src/sandbox/setup.js'
import {importFixture, resourceId, useTestCredentials} from '../e2e/audit-support.js'
import {fetchCallLog, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

const IMAGE_API = fileURLToPath(new URL('../../fixtures/apis/image-api.oas30.json', import.meta.url))
const CONVERT_TO_BINARY = {op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_BINARY'} as const

/** The call log with every field the sandbox records. */
const callLog = async (sandbox: Sandbox) => (await fetchCallLog(sandbox.url)) as CallRecord[]

let restoreEnvironment: () => void
const gateways: AwsApiGateway[] = []

/** The writer and reader over HTTP; retries do not really wait and the client-side limiter is off. */
async function gatewayTo(sandbox: Sandbox): Promise<AwsApiGateway> {
  const gateway = await createApiGatewayClient({endpointUrl: sandbox.url, region: 'us-east-1'}, {quotas: false, sleep: async () => {}})
  gateways.push(gateway)
  return gateway
}

beforeAll(() => {
  restoreEnvironment = useTestCredentials()
})

afterEach(() => {
  for (const gateway of gateways.splice(0)) gateway.close()
})

afterAll(() => restoreEnvironment())

describe('the writer against the sandbox', () => {
  let sandbox: Sandbox
  let client: APIGatewayClient

  beforeAll(async () => {
    sandbox = await startTestSandbox()
    client = sdkClient(sandbox.url)
  })
  afterAll(async () => {
    client.destroy()
    await sandbox.close()
  })

  it('patches, deploys, points the stage back and reads the deployment, each as the one call expected', async () => {
    const apiId = await importFixture(client, 'image-api.oas30.json')
    const lambda = await resourceId(client, apiId, '/lambda')
    const gateway = await gatewayTo(sandbox)
    const {deploymentId: imported} = await gateway.getStage(apiId, 'v1')
    await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})

    await gateway.updateRestApi(apiId, [
      {op: 'add', path: '/binaryMediaTypes/image~1png'},
      {op: 'remove', path: '/binaryMediaTypes/image~1jpeg'},
    ])
    await gateway.updateIntegration(apiId, lambda, 'GET', [CONVERT_TO_BINARY])
    await gateway.updateIntegrationResponse(apiId, lambda, 'GET', '200', [CONVERT_TO_BINARY])
    const created = await gateway.createDeployment(apiId, 'v1', 'binfix apply')
    expect(created).toEqual({id: expect.stringMatching(/^[a-z0-9]{6}$/), description: 'binfix apply'})
    expect(created.id).not.toBe(imported)
    await expect(gateway.pointStageAt(apiId, 'v1', imported)).resolves.toEqual({stageName: 'v1', deploymentId: imported})
    await expect(gateway.getDeployment(apiId, created.id)).resolves.toEqual(created)

    const integration = `/restapis/${apiId}/resources/${lambda}/methods/GET/integration`
    expect((await fetchCallLog(sandbox.url)).map(({operation, method, path, status, mutating}) => ({operation, method, path, status, mutating}))).toEqual([
      {operation: 'UpdateRestApi', method: 'PATCH', path: `/restapis/${apiId}`, status: 200, mutating: true},
      {operation: 'UpdateIntegration', method: 'PATCH', path: integration, status: 200, mutating: true},
      {operation: 'UpdateIntegrationResponse', method: 'PATCH', path: `${integration}/responses/200`, status: 200, mutating: true},
      {operation: 'CreateDeployment', method: 'POST', path: `/restapis/${apiId}/deployments`, status: 201, mutating: true},
      {operation: 'UpdateStage', method: 'PATCH', path: `/restapis/${apiId}/stages/v1`, status: 200, mutating: true},
      {operation: 'GetDeployment', method: 'GET', path: `/restapis/${apiId}/deployments/${created.id}`, status: 200, mutating: false},
    ])

    // The working copy has the changes; the stage is back on the imported deployment, which has not.
    await expect(gateway.getRestApi(apiId)).resolves.toMatchObject({binaryMediaTypes: ['application/octet-stream', 'image/png']})
    const get = (await gateway.getResources(apiId)).find((resource) => resource.id === lambda)?.resourceMethods?.GET?.methodIntegration
    expect(get?.contentHandling).toBe('CONVERT_TO_BINARY')
    expect(get?.integrationResponses?.['200']?.contentHandling).toBe('CONVERT_TO_BINARY')
    await expect(gateway.getStage(apiId, 'v1')).resolves.toEqual({stageName: 'v1', deploymentId: imported})
    const exported = JSON.parse(await gateway.getExport(apiId, 'v1', 'oas30', 'json')) as Record<string, unknown>
    expect(exported['x-amazon-apigateway-binary-media-types']).toEqual(['application/octet-stream', 'image/jpeg'])
    expect(gateway.stats()).toMatchObject({retries: 0, failed: 0})
  })

  it('a patch API Gateway rejects comes out as a bad request naming the call', async () => {
    const apiId = await importFixture(client, 'image-api.oas30.json')
    const gateway = await gatewayTo(sandbox)
    await expect(gateway.updateRestApi(apiId, [{op: 'replace', path: '/noSuchField', value: 'x'}])).rejects.toMatchObject({
      kind: 'bad-request',
      message: expect.stringMatching(new RegExp(`^UpdateRestApi /restapis/${apiId}: API Gateway rejected the request`)),
    })
  })
})

/** The first seed under which, at `faultRate`, the sandbox decides `kinds` for its first writes. */
function seedForWrites(faultRate: number, kinds: Array<AdmissionDecision['kind']>): number {
  for (let seed = 0; seed < 10_000; seed++) {
    const admission = createAdmission({awsQuotas: false, faultRate, seed})
    if (kinds.every((kind) => admission.admit('UpdateIntegration', true).kind === kind)) return seed
  }
  throw new Error(`no seed below 10,000 decides ${kinds.join(', ')}`)
}

describe('the writer against writes the sandbox applies and then drops unanswered', () => {
  /** A sandbox holding the image API deployed to v1, set up without drawing faults. */
  async function faultySandbox(kinds: Array<AdmissionDecision['kind']>) {
    const sandbox = await startTestSandbox({faultRate: 0.5, seed: seedForWrites(0.5, kinds)})
    const [{id}] = seedSandbox(sandbox.store, [IMAGE_API], 'v1')
    const lambda = [...sandbox.store.api(id).resources.values()].find((resource) => resource.path === '/lambda')!.id
    return {sandbox, id, lambda}
  }

  it('CreateDeployment is not sent again: it fails as ambiguous, and the deployment does exist', async () => {
    const {sandbox, id} = await faultySandbox(['drop-after-apply'])
    try {
      const gateway = await gatewayTo(sandbox)
      const before = sandbox.store.api(id).deployments.size
      await expect(gateway.createDeployment(id, 'v1', 'binfix apply')).rejects.toMatchObject({
        kind: 'ambiguous',
        message: expect.stringMatching(new RegExp(`^CreateDeployment /restapis/${id}/deployments: the outcome is unknown \\(the connection to ${sandbox.url} dropped: `)),
      })
      expect(sandbox.store.api(id).deployments.size).toBe(before + 1)
      expect(await callLog(sandbox)).toEqual([expect.objectContaining({operation: 'CreateDeployment', status: 201, answerDropped: true})])
      expect(gateway.stats()).toMatchObject({calls: 1, retries: 0, failed: 1})
    } finally {
      await sandbox.close()
    }
  })

  it('UpdateIntegration is sent again and succeeds: applying a replace twice is harmless', async () => {
    const {sandbox, id, lambda} = await faultySandbox(['drop-after-apply', 'proceed'])
    try {
      const gateway = await gatewayTo(sandbox)
      await gateway.updateIntegration(id, lambda, 'GET', [CONVERT_TO_BINARY])
      expect((await callLog(sandbox)).map(({operation, status, answerDropped}) => ({operation, status, answerDropped}))).toEqual([
        {operation: 'UpdateIntegration', status: 200, answerDropped: true},
        {operation: 'UpdateIntegration', status: 200, answerDropped: undefined},
      ])
      expect(gateway.stats()).toMatchObject({calls: 2, retries: 1, failed: 0})
    } finally {
      await sandbox.close()
    }
  })
})
