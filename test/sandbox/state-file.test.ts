// `sandbox --state FILE` on disk: the replacement of the file cannot be steered at another file, every
// state the sandbox writes is one it starts from again, and a damaged file is refused whole (exit 2, one
// line naming it, the file left as it was) or, if the damage left a servable state, served as it reads.
import {lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

import {
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateDocumentationPartCommand,
  CreateDocumentationVersionCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateRestApiCommand,
  PutGatewayResponseCommand,
  PutIntegrationResponseCommand,
  TagResourceCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway'
import fc from 'fast-check'

import {UsageError} from '../../src/core/errors.js'
import {serializeState} from '../../src/sandbox/state-file.js'
import {startSandbox} from '../../src/sandbox/server.js'
import {runSandbox} from '../../src/services/sandbox-service.js'
import {sdkClient} from '../helpers/sandbox.js'

const fixture = (path: string) => new URL(`../../fixtures/${path}`, import.meta.url).pathname

let scratch: string
let richState: string

type Corruption = {kind: 'truncate'; at: number} | {kind: 'flip'; at: number; xor: number} | {kind: 'delete'; member: number} | {kind: 'duplicate'; member: number}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-state-file-'))
  richState = await writeRichState(join(scratch, 'rich', 'state.json'))
}, 20_000)

afterAll(() => rmSync(scratch, {recursive: true, force: true}))

/** A state with what the sandbox can hold: two imported APIs, stages with method and access log settings, variables, tags, templates, patterns, a model, a request validator, an authorizer, documentation, stacks and a drift result. */
async function writeRichState(stateFile: string): Promise<string> {
  const running = await runSandbox({
    port: 0,
    stateFile,
    imports: [fixture('apis/image-api.oas30.json'), fixture('apis/thumbnail-service.oas30.json')],
    deployStage: 'v1',
    importStacks: [fixture('stacks/image-api.stack.yaml'), fixture('stacks/thumbnail-service.stack.yaml')],
    driftDetectionMs: 0,
    logDiagnosis: () => {},
  })
  const {sandbox} = running
  const client = sdkClient(sandbox.url)
  try {
    const [image] = running.restApis
    const restApiId = image!.id
    const resources = [...sandbox.store.state.apis.get(restApiId)!.resources.values()]
    const method = resources.find((resource) => resource.resourceMethods?.GET)!
    await client.send(
      new PutIntegrationResponseCommand({
        restApiId,
        resourceId: method.id,
        httpMethod: 'GET',
        statusCode: '500',
        selectionPattern: '(.*)*Error.*',
        responseTemplates: {'application/json': '{"error": "$input.path(\'$.errorMessage\')"}'},
      }),
    )
    await client.send(new UpdateRestApiCommand({restApiId, patchOperations: [{op: 'add', path: '/binaryMediaTypes/text~1csv'}]}))
    await client.send(new CreateModelCommand({restApiId, name: 'Key', contentType: 'application/json', schema: '{"type": "object", "required": ["key"]}'}))
    await client.send(new CreateRequestValidatorCommand({restApiId, name: 'body', validateRequestBody: true}))
    await client.send(new PutGatewayResponseCommand({restApiId, responseType: 'DEFAULT_4XX', responseParameters: {'gatewayresponse.header.Access-Control-Allow-Origin': "'*'"}}))
    await client.send(new CreateDeploymentCommand({restApiId, stageName: 'prod', description: 'second', variables: {table: 'pets'}}))
    await client.send(new TagResourceCommand({resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${restApiId}/stages/prod`, tags: {team: 'images'}}))
    await client.send(new CreateAuthorizerCommand({restApiId, name: 'token', type: 'TOKEN', identitySource: 'method.request.header.Authorization'}))
    await client.send(new CreateDocumentationPartCommand({restApiId, location: {type: 'API'}, properties: '{"description": "images"}'}))
    await client.send(new CreateDocumentationVersionCommand({restApiId, documentationVersion: 'v1'}))
    await client.send(
      new UpdateStageCommand({
        restApiId,
        stageName: 'prod',
        patchOperations: [
          {op: 'replace', path: '/*/*/throttling/burstLimit', value: '100'},
          {op: 'add', path: '/accessLogSettings/destinationArn', value: 'arn:aws:logs:us-east-1:123456789012:log-group:access'},
        ],
      }),
    )
    await client.send(new CreateRestApiCommand({name: 'empty', binaryMediaTypes: ['image/png']}))
    for (const record of sandbox.stacks.records.values()) sandbox.stacks.startDetection(record, undefined)
    sandbox.stacks.settle()
  } finally {
    client.destroy()
    await sandbox.close()
  }
  return readFileSync(stateFile, 'utf8')
}

describe('replacing the state file', () => {
  it('never follows a name planted beside it: a symlink at the old temporary name leaves its target untouched', async () => {
    const directory = join(scratch, 'planted')
    const stateFile = join(directory, 'state.json')
    const victim = join(scratch, 'victim.txt')
    writeFileSync(victim, 'precious\n')
    const sandbox = await startSandbox({port: 0, stateFile, logDiagnosis: () => {}})
    try {
      // `<file>.<pid>.tmp` is the name the sandbox used to write through; this process is the sandbox's.
      mkdirSync(directory, {recursive: true})
      symlinkSync(victim, `${stateFile}.${process.pid}.tmp`)
      const client = sdkClient(sandbox.url)
      const {id} = await client.send(new CreateRestApiCommand({name: 'after-the-plant'}))
      await client.send(new CreateRestApiCommand({name: 'and-another'}))
      client.destroy()

      expect(readFileSync(victim, 'utf8')).toBe('precious\n')
      expect(lstatSync(`${stateFile}.${process.pid}.tmp`).isSymbolicLink()).toBe(true)
      const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as {apis: Array<{api: {id: string}}>}
      expect(saved.apis.map((entry) => entry.api.id)).toContain(id)
      // Nobody else's to read, and no temporary file left behind.
      expect(statSync(stateFile).mode & 0o777).toBe(0o600)
      expect(readdirSync(directory).sort()).toEqual(['state.json', `state.json.${process.pid}.tmp`])
    } finally {
      await sandbox.close()
    }
  })
})

describe('reading the state file on start', () => {
  it('starts from every part of a state it wrote (APIs, deployments, stages, stacks and drift results) exactly as written', async () => {
    const stateFile = join(scratch, 'again.json')
    writeFileSync(stateFile, richState)
    const sandbox = await startSandbox({port: 0, stateFile, logDiagnosis: () => {}})
    try {
      expect(sandbox.store.state.apis.size).toBe(3)
      // The validator is in the working copy and in the deployment made after it.
      expect(richState.match(/"requestValidators":\[\{[^\]]*"name":"body"/g)).toHaveLength(2)
      // The API's gateway responses, and the deployment that froze them.
      const withResponses = [...sandbox.store.state.apis.values()].find((api) => api.gatewayResponses.size > 0)!
      expect([...withResponses.deployments.values()].map((deployment) => deployment.snapshot.gatewayResponses?.length)).toEqual([0, 1])
      expect([...sandbox.stacks.records.values()].every((record) => record.detections.length === 1)).toBe(true)
      sandbox.persist()
      expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual(JSON.parse(richState))
      expect(JSON.parse(serializeState(sandbox.store.state)).apis).toEqual((JSON.parse(richState) as {apis: unknown}).apis)
    } finally {
      await sandbox.close()
    }
  })

  const corruptions: fc.Arbitrary<Corruption> = fc.oneof(
    fc.nat().map((at) => ({kind: 'truncate' as const, at})),
    fc.record({kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({min: 1, max: 255})}),
    fc.nat().map((member) => ({kind: 'delete' as const, member})),
    fc.nat().map((member) => ({kind: 'duplicate' as const, member})),
  )

  it('refuses a damaged file with exit 2 and one line naming it, leaving it as it was, or serves exactly what a still-valid one says', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(corruptions, async (corruption) => {
        const stateFile = join(scratch, 'damaged', `state-${run++}.json`)
        const bytes = corrupt(Buffer.from(richState), corruption)
        writeFileDeep(stateFile, bytes)
        let running: Awaited<ReturnType<typeof runSandbox>> | undefined
        try {
          running = await runSandbox({port: 0, stateFile, imports: [], logDiagnosis: () => {}})
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError)
          expect((error as UsageError).oclif.exit).toBe(2)
          expect((error as Error).message).toMatch(new RegExp(`^--state ${escapeRegExp(stateFile)}: [^\\n]+$`))
          expect(readFileSync(stateFile).equals(bytes)).toBe(true)
          return
        }
        try {
          await expectServedAsWritten(running.sandbox.url, bytes, running.sandbox)
          expect(readFileSync(stateFile).equals(bytes)).toBe(true)
        } finally {
          await running.sandbox.close()
        }
      }),
      {numRuns: 150},
    )
  }, 60_000)
})

/** Started from `bytes`: every API and stack of the file is there (none dropped or merged), every stage serves a deployment, and the control plane answers about each without failing. */
async function expectServedAsWritten(endpoint: string, bytes: Buffer, sandbox: {store: {state: {apis: Map<string, {stages: Map<string, {deploymentId: string}>; deployments: Map<string, unknown>}>}}; stacks: {records: Map<string, unknown>}}): Promise<void> {
  const document = JSON.parse(bytes.toString('utf8')) as {apis: Array<{api: {id: string}}>; cloudformation?: {stacks: Array<{stackName: string}>}}
  expect([...sandbox.store.state.apis.keys()]).toEqual(document.apis.map((entry) => entry.api.id))
  expect([...sandbox.stacks.records.keys()]).toEqual((document.cloudformation?.stacks ?? []).map((stack) => stack.stackName))
  for (const [id, api] of sandbox.store.state.apis) {
    for (const stage of api.stages.values()) expect(api.deployments.has(stage.deploymentId)).toBe(true)
    const paths = [`/restapis/${encodeURIComponent(id)}`, `/restapis/${encodeURIComponent(id)}/resources?embed=methods`, `/restapis/${encodeURIComponent(id)}/stages`]
    for (const stage of api.stages.keys()) paths.push(`/restapis/${encodeURIComponent(id)}/stages/${encodeURIComponent(stage)}/exports/oas30`)
    for (const path of paths) {
      const answer = await fetch(`${endpoint}${path}`, {headers: {accept: 'application/json'}})
      // 500 is the sandbox's answer to an exception in an operation: a record it could not read.
      if (answer.status === 500) throw new Error(`${path} answered 500: ${await answer.text()}`)
      await answer.arrayBuffer()
    }
  }
  for (const name of sandbox.stacks.records.keys()) {
    const answer = await fetch(endpoint, {method: 'POST', headers: {'content-type': 'application/x-www-form-urlencoded'}, body: new URLSearchParams({Action: 'GetTemplate', Version: '2010-05-15', StackName: name, TemplateStage: 'Processed'})})
    expect({name, status: answer.status}).toEqual({name, status: 200})
    await answer.arrayBuffer()
  }
}

function corrupt(bytes: Buffer, corruption: Corruption): Buffer {
  switch (corruption.kind) {
    case 'truncate':
      return bytes.subarray(0, corruption.at % bytes.length)
    case 'flip': {
      const flipped = Buffer.from(bytes)
      const at = corruption.at % flipped.length
      flipped[at] = flipped[at]! ^ corruption.xor
      return flipped
    }
    case 'delete':
    case 'duplicate': {
      const document: unknown = JSON.parse(bytes.toString('utf8'))
      const members = membersOf(document).filter(([container]) => corruption.kind === 'delete' || Array.isArray(container))
      const [container, key] = members[corruption.member % members.length]!
      if (Array.isArray(container)) {
        const index = Number(key)
        if (corruption.kind === 'delete') container.splice(index, 1)
        else container.splice(index, 0, structuredClone(container[index]))
      } else delete (container as Record<string, unknown>)[key]
      return Buffer.from(JSON.stringify(document))
    }
  }
}

/** Every member of every object and array in the document, as [container, key]. */
function membersOf(value: unknown): Array<[object, string]> {
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, item]) => [[value, key] as [object, string], ...membersOf(item)])
}

function writeFileDeep(path: string, bytes: Buffer): void {
  mkdirSync(dirname(path), {recursive: true})
  writeFileSync(path, bytes)
}

function escapeRegExp(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
