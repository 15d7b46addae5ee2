// createApiGatewayReader end to end: the real SDK over HTTP against the sandbox, configured the way a
// user configures it (flags, AWS_* variables, a profile).
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {GetResourcesCommand, ImportRestApiCommand} from '@aws-sdk/client-api-gateway'
import {jest} from '@jest/globals'
import {parse as parseYaml} from 'yaml'

import type {AwsConnectionOptions} from '../../src/services/api-gateway-port.js'
import {type AwsApiGatewayReader, createApiGatewayReader} from '../../src/aws/clients.js'
import type {CallPolicyOptions} from '../../src/aws/call-policy.js'
import type {Sandbox} from '../../src/sandbox/server.js'
import {seedSandbox} from '../../src/sandbox/setup.js'
import {fetchCallLog, sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

const IMAGE_API = fileURLToPath(new URL('../../fixtures/apis/image-api.oas30.json', import.meta.url))

let savedEnv: NodeJS.ProcessEnv
let scratch: string

/** The environment of a CLI run against the sandbox, plus `extra` (undefined removes a variable). */
function useEnv(extra: Record<string, string | undefined> = {}): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key]
  for (const [key, value] of Object.entries({...sandboxCliEnv(), ...extra})) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
}

const readers: AwsApiGatewayReader[] = []
async function reader(options: AwsConnectionOptions, policy?: CallPolicyOptions): Promise<AwsApiGatewayReader> {
  const created = await createApiGatewayReader(options, policy)
  readers.push(created)
  return created
}

beforeAll(() => {
  savedEnv = {...process.env}
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-reader-'))
})

beforeEach(() => useEnv())

afterEach(() => {
  for (const created of readers.splice(0)) created.close()
})

afterAll(() => {
  process.env = savedEnv
  rmSync(scratch, {recursive: true, force: true})
})

describe('the reader against the sandbox', () => {
  let sandbox: Sandbox
  let apiId: string

  beforeAll(async () => {
    sandbox = await startTestSandbox()
    ;[{id: apiId}] = seedSandbox(sandbox.store, [IMAGE_API], 'v1')
  })
  afterAll(() => sandbox.close())

  it('reads the API, its resources, a stage and its export, and makes no mutating call', async () => {
    const gateway = await reader({endpointUrl: sandbox.url, region: 'us-east-1'})
    expect(gateway.region).toBe('us-east-1')

    await expect(gateway.getRestApi(apiId)).resolves.toEqual({id: apiId, name: 'ApiName', binaryMediaTypes: ['application/octet-stream', 'image/jpeg'], tags: {}, createdDate: expect.any(Date)})
    await expect(gateway.listRestApis()).resolves.toEqual([expect.objectContaining({id: apiId, name: 'ApiName'})])
    await expect(gateway.getStages(apiId)).resolves.toEqual([{stageName: 'v1', deploymentId: expect.stringMatching(/^[a-z0-9]+$/)}])

    const resources = await gateway.getResources(apiId)
    const client = sdkClient(sandbox.url)
    const direct = await client.send(new GetResourcesCommand({restApiId: apiId, embed: ['methods'], limit: 500}))
    client.destroy()
    expect(resources).toEqual(direct.items)
    expect(resources.some((resource) => resource.resourceMethods !== undefined)).toBe(true)

    const stage = await gateway.getStage(apiId, 'v1')
    expect(stage).toEqual({stageName: 'v1', deploymentId: expect.stringMatching(/^[a-z0-9]{6}$/)})

    const json = JSON.parse(await gateway.getExport(apiId, 'v1', 'oas30', 'json')) as Record<string, unknown>
    expect(json.openapi).toBe('3.0.1')
    expect(json['x-amazon-apigateway-binary-media-types']).toEqual(['application/octet-stream', 'image/jpeg'])
    const yaml = parseYaml(await gateway.getExport(apiId, 'v1', 'swagger', 'yaml')) as Record<string, unknown>
    expect(yaml.swagger).toBe('2.0')

    const log = await fetchCallLog(sandbox.url)
    expect(log.filter((call) => call.mutating)).toEqual([])
    expect(gateway.stats().callsByOperation).toEqual({GetRestApi: 1, GetRestApis: 1, GetStages: 1, GetResources: 1, GetStage: 1, GetExport: 2})
  })

  it('pages through GetResources beyond 500 items', async () => {
    const paths = Object.fromEntries(Array.from({length: 520}, (_, index) => [`/item${index}`, {get: {responses: {'200': {description: 'ok'}}}}]))
    const client = sdkClient(sandbox.url)
    const {id} = await client.send(new ImportRestApiCommand({body: Buffer.from(JSON.stringify({openapi: '3.0.1', info: {title: 'Many', version: '1'}, paths}))}))
    client.destroy()
    await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})

    const gateway = await reader({endpointUrl: sandbox.url})
    const resources = await gateway.getResources(id!)

    expect(resources).toHaveLength(521)
    expect(new Set(resources.map((resource) => resource.path)).size).toBe(521)
    // Two pages of at most 500.
    expect((await fetchCallLog(sandbox.url)).map((call) => call.operation)).toEqual(['GetResources', 'GetResources'])
  })

  it('honours AWS_ENDPOINT_URL_API_GATEWAY, and AWS_ENDPOINT_URL, when no --endpoint-url is given', async () => {
    useEnv({AWS_ENDPOINT_URL_API_GATEWAY: sandbox.url})
    await expect((await reader({})).getRestApi(apiId)).resolves.toMatchObject({name: 'ApiName'})
    useEnv({AWS_ENDPOINT_URL: sandbox.url})
    await expect((await reader({})).getRestApi(apiId)).resolves.toMatchObject({name: 'ApiName'})
  })

  it('--endpoint-url wins over AWS_ENDPOINT_URL_API_GATEWAY', async () => {
    useEnv({AWS_ENDPOINT_URL_API_GATEWAY: 'http://127.0.0.1:9'})
    await expect((await reader({endpointUrl: sandbox.url})).getRestApi(apiId)).resolves.toMatchObject({name: 'ApiName'})
  })

  it('Region: the flag, else AWS_REGION, else AWS_DEFAULT_REGION (which the JS SDK alone ignores), else the profile', async () => {
    useEnv({AWS_REGION: undefined, AWS_DEFAULT_REGION: 'eu-central-1'})
    expect((await reader({endpointUrl: sandbox.url})).region).toBe('eu-central-1')
    expect((await reader({endpointUrl: sandbox.url, region: 'ap-south-1'})).region).toBe('ap-south-1')
    useEnv({AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'eu-central-1'})
    expect((await reader({endpointUrl: sandbox.url})).region).toBe('us-west-2')
    useEnv({AWS_REGION: undefined})
    await expect(createApiGatewayReader({endpointUrl: sandbox.url})).rejects.toMatchObject({
      code: 'USAGE',
      message: 'no AWS Region: pass --region, set AWS_REGION, or set region in the AWS profile',
    })
  })

  it('--profile: credentials and Region come from that profile', async () => {
    const config = join(scratch, 'config')
    const credentials = join(scratch, 'credentials')
    writeFileSync(config, '[default]\nregion = us-east-1\n\n[profile binfix-test]\nregion = ap-southeast-2\n')
    writeFileSync(credentials, '[binfix-test]\naws_access_key_id = AKIDPROFILETEST\naws_secret_access_key = profile-secret\n')
    useEnv({AWS_REGION: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials})
    // An API lives in one Region: the profile's Region (ap-southeast-2) must hold one for the read to find it.
    const [{id: apiId}] = seedSandbox(sandbox.partitions.get('123456789012', 'ap-southeast-2').store, [IMAGE_API], 'v1')
    await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})

    const gateway = await reader({endpointUrl: sandbox.url, profile: 'binfix-test'})
    expect(gateway.region).toBe('ap-southeast-2')
    await expect(gateway.getRestApi(apiId)).resolves.toMatchObject({name: 'ApiName'})

    // The profile wins over AWS_ACCESS_KEY_ID, without the SDK's multi-line console warning about both.
    useEnv({AWS_REGION: undefined, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials})
    const warn = jest.spyOn(console, 'warn')
    try {
      const both = await reader({endpointUrl: sandbox.url, profile: 'binfix-test'})
      await expect(both.getRestApi(apiId)).resolves.toMatchObject({name: 'ApiName'})
      expect(warn).not.toHaveBeenCalled()
    } finally {
      warn.mockRestore()
    }

    const unknown = await reader({endpointUrl: sandbox.url, profile: 'no-such-profile', region: 'us-east-1'})
    await expect(unknown.getRestApi(apiId)).rejects.toMatchObject({kind: 'no-credentials', message: expect.stringContaining('"no-such-profile"')})
  })

  it('AWS_PROFILE naming no profile: the messages name it instead of asking to set AWS_PROFILE', async () => {
    useEnv({AWS_PROFILE: 'nosuch', AWS_REGION: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined})
    await expect(createApiGatewayReader({endpointUrl: sandbox.url})).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('or set region for profile "nosuch" in the AWS config file'),
    })
    const gateway = await reader({endpointUrl: sandbox.url, region: 'us-east-1'})
    const failure = (await gateway.getRestApi(apiId).catch((error: unknown) => error)) as Error
    expect(failure).toMatchObject({kind: 'no-credentials'})
    expect(failure.message).toMatch(/^no AWS credentials for profile "nosuch": check that the shared config and credentials files/)
    expect(failure.message).not.toContain('set AWS_PROFILE')
  })

  it('without credentials: one no-credentials error, nothing sent', async () => {
    useEnv({AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined})
    await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})
    const gateway = await reader({endpointUrl: sandbox.url})
    const failure = await gateway.getRestApi(apiId).catch((error: unknown) => error)
    expect(failure).toMatchObject({kind: 'no-credentials', code: 'AWS_NO_CREDENTIALS', message: expect.stringMatching(/^no AWS credentials found: set AWS_PROFILE/)})
    expect(await fetchCallLog(sandbox.url)).toEqual([])
    expect(gateway.stats()).toMatchObject({calls: 1, retries: 0, failed: 1})
  })

  it('a refused connection fails at once, naming the endpoint', async () => {
    const gateway = await reader({endpointUrl: 'http://127.0.0.1:9'})
    await expect(gateway.getStage(apiId, 'v1')).rejects.toMatchObject({
      kind: 'network',
      message: 'GetStage: cannot reach API Gateway at http://127.0.0.1:9 (ECONNREFUSED)',
    })
    expect(gateway.stats()).toMatchObject({calls: 1, retries: 0})
  })
})

describe('the reader against a sandbox enforcing AWS quotas or injecting faults', () => {
  it('a burst of 20 concurrent GetResources passes the quotas (5 per 2 s) without one throttled call', async () => {
    const sandbox = await startTestSandbox({awsQuotas: true})
    try {
      const [{id}] = seedSandbox(sandbox.store, [IMAGE_API])
      const gateway = await reader({endpointUrl: sandbox.url})
      const answers = await Promise.all(Array.from({length: 20}, () => gateway.getResources(id)))
      expect(answers.every((resources) => resources.length > 1)).toBe(true)
      const log = await fetchCallLog(sandbox.url)
      expect(log.map((call) => call.status).filter((status) => status !== 200)).toEqual([])
      expect(gateway.stats()).toMatchObject({calls: 20, retries: 0, throttled: 0})
    } finally {
      await sandbox.close()
    }
  }, 20_000)

  it('rides out 500s, 503s, 429s, conflicts and dropped connections (fault rate 0.4)', async () => {
    const sandbox = await startTestSandbox({faultRate: 0.4, seed: 11})
    try {
      const [{id}] = seedSandbox(sandbox.store, [IMAGE_API], 'v1')
      // Retries without real waiting; the limiter off so only the faults shape the run.
      const gateway = await reader({endpointUrl: sandbox.url}, {sleep: async () => {}, quotas: false})
      for (let round = 0; round < 25; round++) {
        await expect(gateway.getStage(id, 'v1')).resolves.toMatchObject({stageName: 'v1'})
        await expect(gateway.getRestApi(id)).resolves.toMatchObject({id})
      }
      const stats = gateway.stats()
      expect(stats.retries).toBeGreaterThan(3)
      expect(stats.failed).toBe(0)
      // Status 0 is a connection the sandbox dropped unanswered.
      const statuses = new Set((await fetchCallLog(sandbox.url)).map((call) => call.status))
      expect([...statuses]).toEqual(expect.arrayContaining([0, 200, 409, 429, 500, 503]))
      expect(stats.calls).toBe(50 + stats.retries)
    } finally {
      await sandbox.close()
    }
  })
})
