// verify on authenticated stages: every probe carries the API key, the authorizer's token or a SigV4
// signature (checked by botocore, an independent implementation), none of which is ever printed or put
// in the report; a stage that refuses the request is reported as an authorization failure, never as a
// binary one. The stage is the sandbox's, behind a gate answering as API Gateway does for each kind of
// refusal (gateway responses UNAUTHORIZED, INVALID_API_KEY, MISSING_AUTHENTICATION_TOKEN).
import {execFileSync} from 'node:child_process'
import {type IncomingMessage, type Server, type ServerResponse, createServer, request as httpRequest} from 'node:http'
import type {AddressInfo} from 'node:net'

import {
  CreateDeploymentCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
} from '@aws-sdk/client-api-gateway'

import {createApiGatewayReader} from '../../src/aws/clients.js'
import {probeSigner} from '../../src/aws/probe-signer.js'
import {UsageError} from '../../src/core/errors.js'
import {importFixture, useAuditBench} from './audit-support.js'
import {specPath, standInFunctions, verify} from './verify-support.js'

const SPEC = specPath('image-api.binfix.yaml')
const bench = useAuditBench({lambdas: standInFunctions()})

const API_KEY = 'k3y-0f-the-images-api-1234567890'
const TOKEN = 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ2ZXJpZnkifQ.'
const CREDENTIALS = {accessKeyId: 'AKIDVERIFYPROBES0001', secretAccessKey: 'verify/probes/secret/key/0123456789abcdef'}

type Requirement = 'api-key' | 'token' | 'iam' | 'none'

interface Received {
  method: string
  url: string
  headers: Record<string, string>
  body: string
}

/** A stage in front of the sandbox's that lets through only requests carrying what it requires. */
class Gate {
  requirement: Requirement = 'none'
  received: Received[] = []
  private server!: Server
  url = ''

  async start(upstream: () => string): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response, upstream()))
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  private async handle(request: IncomingMessage, response: ServerResponse, upstream: string): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]))
    this.received.push({method: request.method!, url: request.url!, headers, body: body.toString('base64')})
    const refusal = this.refusal(headers)
    if (refusal) {
      response.writeHead(refusal.status, {'content-type': 'application/json', 'x-amzn-errortype': refusal.type})
      response.end(JSON.stringify({message: refusal.message}))
      return
    }
    const forwarded = httpRequest(`${upstream}${request.url}`, {method: request.method, headers: {...headers, host: new URL(upstream).host}}, (answer) => {
      response.writeHead(answer.statusCode!, answer.headers)
      answer.pipe(response)
    })
    forwarded.end(body)
  }

  private refusal(headers: Record<string, string>): {status: number; type: string; message: string} | undefined {
    if (this.requirement === 'api-key' && headers['x-api-key'] !== API_KEY) return {status: 403, type: 'ForbiddenException', message: 'Forbidden'}
    if (this.requirement === 'token' && headers['authorization'] !== TOKEN) return {status: 401, type: 'UnauthorizedException', message: 'Unauthorized'}
    if (this.requirement === 'iam' && !headers['authorization']?.startsWith('AWS4-HMAC-SHA256 ')) {
      return {status: 403, type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token'}
    }
    return undefined
  }
}

const gate = new Gate()
let restApiId: string
beforeAll(async () => {
  await gate.start(() => bench.sandbox.url)
  restApiId = await importFixture(bench.client, 'image-api.corrected.oas30.json')
})
afterAll(() => gate.close())
beforeEach(() => {
  gate.received = []
  gate.requirement = 'none'
})

const baseUrl = () => `${gate.url}/restapis/${restApiId}/v1/_user_request_`

describe('an API key', () => {
  it('--api-key goes with every probe as x-api-key, and appears nowhere in the report', async () => {
    gate.requirement = 'api-key'
    const report = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC, baseUrl: baseUrl(), auth: {apiKey: API_KEY}})
    expect(report.allPassed).toBe(true)
    expect(gate.received.length).toBe(report.steps.length)
    expect(gate.received.every((request) => request.headers['x-api-key'] === API_KEY)).toBe(true)
    expect(report.auth).toEqual(['x-api-key from --api-key'])
    expect(JSON.stringify(report)).not.toContain(API_KEY)
  })

  it('from the environment variable the spec names (verifyAuth.apiKeyEnv)', async () => {
    gate.requirement = 'api-key'
    const spec = bench.specFile('keyed.yaml', ['version: 1', 'stage: v1', 'verifyAuth:', '  apiKeyEnv: IMAGES_API_KEY', 'verify:', '  - route: "GET /lambda?key=probe.jpg"', '    accept: [application/json]'])
    const report = await verifyStage(spec, {IMAGES_API_KEY: API_KEY})
    expect(report.allPassed).toBe(true)
    expect(report.auth).toEqual(['x-api-key from $IMAGES_API_KEY'])
  })

  it('an unset variable is a usage error naming it, before any probe', async () => {
    const spec = bench.specFile('unset.yaml', ['version: 1', 'stage: v1', 'verifyAuth: {apiKeyEnv: NOT_SET_ANYWHERE}'])
    await expect(verifyStage(spec, {})).rejects.toThrow(new UsageError('verifyAuth.apiKeyEnv NOT_SET_ANYWHERE: the environment variable is not set'))
    expect(gate.received).toEqual([])
  })

  it('without one, the 403 is an authorization failure, not a binary setting', async () => {
    gate.requirement = 'api-key'
    const report = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC, baseUrl: baseUrl()})
    expect(report.allPassed).toBe(false)
    expect(new Set(report.steps.map((step) => step.cause?.setting))).toEqual(new Set(['authorization']))
    expect(report.steps[0]!.cause).toEqual({
      setting: 'authorization',
      sentence: 'the method requires an API key and no valid one was sent (403 Forbidden)',
      fix: 'pass --api-key, or name the environment variable holding it in verifyAuth.apiKeyEnv',
    })
  })
})

describe("an authorizer's token", () => {
  it('--header sends it with every probe; without it the 401 is an authorization failure', async () => {
    gate.requirement = 'token'
    const passed = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC, baseUrl: baseUrl(), auth: {headers: [`Authorization: ${TOKEN}`]}})
    expect(passed.allPassed).toBe(true)
    expect(passed.auth).toEqual(['Authorization from --header'])
    expect(JSON.stringify(passed)).not.toContain(TOKEN)

    const refused = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC, baseUrl: baseUrl()})
    expect(refused.steps.every((step) => step.cause?.setting === 'authorization')).toBe(true)
    expect(refused.steps[0]!.cause!.sentence).toBe("the stage's authorizer refused the request (401 Unauthorized): no token it accepts was sent")
  })

  it.each([
    [['Authorization Bearer x'], '--header "Authorization Bearer x": write "Name: value", such as "Authorization: Bearer …"'],
    [['Accept: */*'], '--header: Accept is set by each probe itself; send credentials in another header'],
    [['X-Token: a\u0000b'], '--header: the value of X-Token must be one line of printable characters (at most 8192)'],
  ])('%j is refused before any call: %s', async (headers, message) => {
    const before = gate.received.length
    await expect(verify(bench.sandbox.url, {api: restApiId, specFile: SPEC, baseUrl: baseUrl(), auth: {headers}})).rejects.toThrow(new UsageError(message))
    expect(gate.received.length).toBe(before)
  })
})

describe('IAM', () => {
  it('--sign signs every probe with SigV4 for execute-api, as botocore computes it; unsigned, the 403 is an authorization failure', async () => {
    gate.requirement = 'iam'
    const signer = await probeSigner({region: 'us-east-1', credentials: async () => CREDENTIALS})
    const report = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC, baseUrl: baseUrl(), auth: {sign: true}}, {createSigner: async () => signer})
    expect(report.allPassed).toBe(true)
    expect(report.auth).toEqual(['SigV4 signature from --sign'])
    const mismatched = botocoreMismatches(gate.received)
    expect(mismatched).toEqual([])
    expect(gate.received[0]!.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDVERIFYPROBES0001\/\d{8}\/us-east-1\/execute-api\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/)

    const unsigned = await verify(bench.sandbox.url, {api: restApiId, specFile: SPEC, baseUrl: baseUrl()})
    expect(unsigned.steps[0]!.cause).toMatchObject({setting: 'authorization', fix: 'pass --sign (or verifyAuth.sign: true) with credentials allowed execute-api:Invoke on it'})
  })

  it('--sign with an Authorization --header is refused: the signature is that header', async () => {
    await expect(verify(bench.sandbox.url, {api: restApiId, specFile: SPEC, baseUrl: baseUrl(), auth: {sign: true, headers: ['Authorization: x']}})).rejects.toThrow(
      new UsageError('--sign writes the Authorization header: it cannot also be given with --header or verifyAuth.headers'),
    )
  })
})

describe('a custom domain and a clean-up request', () => {
  it("--domain takes the stage's URL from the base path mapping of the API and stage", async () => {
    const reader = await createApiGatewayReader({region: 'us-east-1', endpointUrl: bench.sandbox.url})
    const mapped = new Proxy(reader, {
      get: (target, property, receiver) =>
        property === 'getBasePathMappings'
          ? async () => [{basePath: 'other', restApiId: 'zzzzzzzzzz', stage: 'v1'}, {basePath: 'images', restApiId, stage: 'v1'}]
          : Reflect.get(target, property, receiver),
    })
    const urls: string[] = []
    const report = await verify(
      bench.sandbox.url,
      {api: restApiId, specFile: SPEC, domain: 'images.example.com'},
      {
        createReader: async () => mapped,
        createRequester: (base) => {
          urls.push(base)
          return {sent: 0, send: async () => ({status: 200, headers: {}, body: new Uint8Array()})}
        },
      },
    )
    expect(urls).toEqual(['https://images.example.com/images'])
    expect(report.baseUrl).toBe('https://images.example.com/images')
  })

  it('a probe’s cleanup is sent after its downloads and judged by its status', async () => {
    const api = await importFixture(bench.client, 'image-api.corrected.oas30.json')
    await mockDelete(api, '/lambda')
    const spec = bench.specFile('cleanup.yaml', [
      'version: 1',
      'stage: v1',
      'binaryMediaTypes: [application/octet-stream, image/jpeg]',
      'verify:',
      '  - route: "PUT /lambda?key=probe.jpg"',
      '    contentType: application/octet-stream',
      '    accept: [application/octet-stream]',
      '    cleanup: "DELETE /lambda?key=probe.jpg"',
    ])
    const report = await verify(bench.sandbox.url, {api, specFile: spec})
    expect(report.steps.map((step) => `${step.kind} ${step.request.method}`)).toEqual(['upload PUT', 'read-back GET', 'download GET', 'cleanup DELETE'])
    expect(report.steps.at(-1)).toMatchObject({pass: true, status: 204, label: 'clean up what the upload stored'})
  })
})

function verifyStage(specFile: string, env: NodeJS.ProcessEnv) {
  return verify(bench.sandbox.url, {api: restApiId, specFile, baseUrl: baseUrl()}, {env})
}

/** A MOCK DELETE answering 204, deployed to v1. */
async function mockDelete(api: string, path: string): Promise<void> {
  const {items = []} = await bench.client.send(new GetResourcesCommand({restApiId: api}))
  const resourceId = items.find((item) => item.path === path)!.id!
  const at = {restApiId: api, resourceId, httpMethod: 'DELETE'}
  await bench.client.send(new PutMethodCommand({...at, authorizationType: 'NONE'}))
  await bench.client.send(new PutIntegrationCommand({...at, type: 'MOCK', requestTemplates: {'application/json': '{"statusCode": 204}'}}))
  await bench.client.send(new PutMethodResponseCommand({...at, statusCode: '204'}))
  await bench.client.send(new PutIntegrationResponseCommand({...at, statusCode: '204'}))
  await bench.client.send(new CreateDeploymentCommand({restApiId: api, stageName: 'v1'}))
}

/** Each request's signature recomputed by botocore (the AWS CLI's signer) from what arrived; the ones that differ. */
function botocoreMismatches(requests: readonly Received[]): string[] {
  const script = `
import base64, json, sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
creds = Credentials(${JSON.stringify(CREDENTIALS.accessKeyId)}, ${JSON.stringify(CREDENTIALS.secretAccessKey)})
bad = []
for r in json.load(sys.stdin):
    auth = r['headers']['authorization']
    signed = auth.split('SignedHeaders=')[1].split(',')[0].split(';')
    headers = {name: r['headers'][name] for name in signed}
    request = AWSRequest(method=r['method'], url='http://' + r['headers']['host'] + r['url'], headers=headers, data=base64.b64decode(r['body']))
    request.context['timestamp'] = r['headers']['x-amz-date']
    signer = SigV4Auth(creds, 'execute-api', 'us-east-1')
    signature = signer.signature(signer.string_to_sign(request, signer.canonical_request(request)), request)
    if not auth.endswith('Signature=' + signature): bad.append(r['method'] + ' ' + r['url'])
print(json.dumps(bad))
`
  return JSON.parse(execFileSync('python3', ['-c', script], {input: JSON.stringify(requests), encoding: 'utf8'})) as string[]
}
