import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PassThrough} from 'node:stream'

import {GetResourcesCommand, ImportRestApiCommand, UpdateIntegrationResponseCommand, UpdateRestApiCommand} from '@aws-sdk/client-api-gateway'

import type {AwsConnectionOptions} from '../../src/services/api-gateway-port.js'
import {BinfixError, UsageError} from '../../src/core/errors.js'
import {ExitCode} from '../../src/core/exit-codes.js'
import type {Sandbox} from '../../src/sandbox/server.js'
import {type InitDependencies, type InitRequest, initSpec} from '../../src/services/init-service.js'
import {loadDesiredSpec} from '../../src/desired-spec/load-spec.js'
import type {IoHost} from '../../src/services/io-host.js'
import {terminalIoHost} from '../../src/ui/terminal-io-host.js'
import {TEST_CREDENTIALS, fetchCallLog, sdkClient, startTestSandbox} from '../helpers/sandbox.js'
import {TestIoHost} from '../helpers/test-io-host.js'

/**
 * A terminal stand-in that outlives each prompt: inquirer pipes into its output and so ends it when a
 * prompt is done, as pipe() does for any stream but process.stdout and process.stderr.
 */
function screen(): PassThrough {
  const output = new PassThrough()
  output.end = () => output
  return output
}

const WRITTEN_AT = new Date('2026-01-02T03:04:05.000Z')

let sandbox: Sandbox
let restApiId: string
let scratch: string
const savedEnv = {...process.env}

beforeAll(async () => {
  // createApiGatewayReader takes credentials from the SDK's chain, as the CLI does.
  Object.assign(process.env, {AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1'})
  delete process.env.AWS_PROFILE
  sandbox = await startTestSandbox()
  const client = sdkClient(sandbox.url)
  const body = readFileSync(new URL('../../fixtures/apis/image-api.oas30.json', import.meta.url))
  restApiId = (await client.send(new ImportRestApiCommand({body}))).id!
  const {items = []} = await client.send(new GetResourcesCommand({restApiId}))
  const lambda = items.find((resource) => resource.path === '/lambda')!
  await client.send(
    new UpdateIntegrationResponseCommand({
      restApiId,
      resourceId: lambda.id!,
      httpMethod: 'GET',
      statusCode: '200',
      patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_BINARY'}],
    }),
  )
  // Stored literally as image~1png: the mistake init leaves out.
  await client.send(new UpdateRestApiCommand({restApiId, patchOperations: [{op: 'add', path: '/binaryMediaTypes/image~01png'}]}))
  client.destroy()
})

afterAll(async () => {
  await sandbox.close()
  process.env = savedEnv
})

beforeEach(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'binfix-init-'))
  await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})
})
afterEach(() => rmSync(scratch, {recursive: true, force: true}))

function request(overrides: Partial<InitRequest> = {}): InitRequest {
  return {api: restApiId, connection: {endpointUrl: sandbox.url}, out: 'binfix.yaml', yes: true, force: false, interactive: false, cwd: scratch, ...overrides}
}

/** `prompter` answers; the warnings it is told are also collected in `warnings`. */
function dependencies(prompter: IoHost = new TestIoHost(), warnings: string[] = []): InitDependencies {
  const io: IoHost = {
    notify: async (message) => {
      if (message.level === 'warn') warnings.push(message.message)
      return prompter.notify(message)
    },
    requestResponse: (request) => prompter.requestResponse(request),
  }
  return {io, now: () => WRITTEN_AT}
}

/** inquirer over the given streams, as a terminal would ask. */
function inquirer(input: PassThrough, output: PassThrough): Promise<IoHost> {
  return terminalIoHost({json: false, interactive: true, prompts: {input, output}, warn: () => undefined})
}

/** For requests refused before AWS is asked anything. */
const noAws = async (_options: AwsConnectionOptions): Promise<never> => {
  throw new Error('AWS was called')
}

const EXPECTED_ROUTES = [
  {key: 'GET /lambda', httpMethod: 'GET', resourcePath: '/lambda', responses: {'200': 'CONVERT_TO_BINARY'}},
  {key: 'PUT /lambda', httpMethod: 'PUT', resourcePath: '/lambda', request: 'CONVERT_TO_TEXT'},
]

describe('initSpec with --yes', () => {
  it('writes the live state as it is, which loads back to the same spec, reading only', async () => {
    const warnings: string[] = []
    const result = await initSpec(request(), dependencies(new TestIoHost(), warnings))

    expect(result.out).toBe('binfix.yaml')
    expect(result.api).toEqual({id: restApiId, name: 'ApiName'})
    expect(result.spec).toEqual({
      source: {kind: 'binfix', file: 'binfix.yaml'},
      api: restApiId,
      binaryMediaTypes: ['application/octet-stream', 'image/jpeg'],
      binaryMediaTypesMode: 'add-only',
      routes: EXPECTED_ROUTES,
      verify: [],
      ignore: [],
    })
    expect(warnings).toEqual(['left out live binary media type "image~1png": API Gateway stores the ~1 form literally, so it matches nothing'])
    const text = readFileSync(join(scratch, 'binfix.yaml'), 'utf8')
    expect(text).toContain(`REST API "ApiName" (${restApiId})`)
    expect(text).toContain('2026-01-02T03:04:05.000Z')
    expect(await loadDesiredSpec({cwd: scratch})).toEqual(result.spec)

    const calls = await fetchCallLog(sandbox.url)
    expect(calls.map((call) => call.operation)).toEqual(['GetRestApi', 'GetResources'])
    expect(calls.filter((call) => call.mutating)).toEqual([])
  })

  it('finds the API by name and writes --region into the spec', async () => {
    const result = await initSpec(request({api: 'ApiName', connection: {endpointUrl: sandbox.url, region: 'us-east-1'}, out: 'named.yaml'}), dependencies())
    expect(result.spec).toMatchObject({api: restApiId, region: 'us-east-1'})
    expect((await loadDesiredSpec({cwd: scratch, specFile: 'named.yaml'}))?.region).toBe('us-east-1')
  })

  it('takes api: and region: from ./binfix.yaml when no <api> is given', async () => {
    writeFileSync(join(scratch, 'binfix.yaml'), `version: 1\napi: ${restApiId}\nregion: us-east-1\n`)
    const result = await initSpec(request({api: undefined, out: 'fresh.yaml'}), dependencies())
    expect(result.spec).toMatchObject({api: restApiId, region: 'us-east-1', routes: EXPECTED_ROUTES})
  })

  it('refuses to replace an existing file without --force, and replaces it with --force', async () => {
    writeFileSync(join(scratch, 'binfix.yaml'), 'keep me\n')
    await expect(initSpec(request(), {...dependencies(), createReader: noAws})).rejects.toThrow(new UsageError('--out binfix.yaml: already exists; pass --force to overwrite it'))
    expect(readFileSync(join(scratch, 'binfix.yaml'), 'utf8')).toBe('keep me\n')

    await initSpec(request({force: true}), dependencies())
    expect((await loadDesiredSpec({cwd: scratch}))?.api).toBe(restApiId)
  })

  it('names an unknown API', async () => {
    await expect(initSpec(request({api: 'NoSuchApi'}), dependencies())).rejects.toThrow(/No REST API "NoSuchApi"/)
    expect(existsSync(join(scratch, 'binfix.yaml'))).toBe(false)
  })
})

describe('initSpec refusals before any AWS call', () => {
  it.each<[string, Partial<InitRequest>, string]>([
    ['no terminal and no --yes', {yes: false, interactive: false}, 'init asks which settings to keep, and this is not a terminal: pass --yes to write the live state as it is'],
    ['no <api> and no binfix.yaml', {api: undefined}, 'No REST API given: pass <api> (an id or a name) or set api: in binfix.yaml'],
    ['--out in a directory that does not exist', {out: 'missing/binfix.yaml'}, '--out missing/binfix.yaml: no such directory'],
    ['--out naming a directory', {out: '.'}, '--out .: is a directory'],
  ])('%s', async (_name, overrides, message) => {
    const refused = initSpec(request(overrides), {...dependencies(), createReader: noAws})
    await expect(refused).rejects.toBeInstanceOf(UsageError)
    await expect(refused).rejects.toThrow(message)
    expect(existsSync(join(scratch, 'binfix.yaml'))).toBe(false)
  })
})

describe('initSpec asking', () => {
  it('keeps only the binary media types and route settings ticked', async () => {
    const prompter = new TestIoHost({
      keep: (message, values) => (message.startsWith('Binary') ? values.filter((value) => value === 'image/jpeg') : values.filter((value) => value === 'PUT /lambda')),
    })
    const result = await initSpec(request({yes: false, interactive: true}), dependencies(prompter))
    expect(prompter.asked).toEqual(['Binary media types to keep', 'Route settings to keep'])
    // Everything starts ticked: unticking is the deliberate act.
    expect(prompter.checkboxChoices.flat().every((choice) => choice.checked)).toBe(true)
    expect(result.spec.binaryMediaTypes).toEqual(['image/jpeg'])
    expect(result.spec.routes).toEqual([EXPECTED_ROUTES[1]])
    expect(await loadDesiredSpec({cwd: scratch})).toEqual(result.spec)
  })

  it('asks before replacing a file, and leaves it when declined (exit 130) without reading the API', async () => {
    mkdirSync(join(scratch, 'specs'))
    writeFileSync(join(scratch, 'specs', 'api.yaml'), 'keep me\n')
    const prompter = new TestIoHost({confirm: false})
    const declined = initSpec(request({yes: false, interactive: true, out: 'specs/api.yaml'}), {...dependencies(prompter), createReader: noAws})
    await expect(declined).rejects.toBeInstanceOf(BinfixError)
    await expect(declined).rejects.toMatchObject({oclif: {exit: ExitCode.interrupted}})
    expect(prompter.asked).toEqual(['specs/api.yaml exists. Overwrite it?'])
    expect(readFileSync(join(scratch, 'specs', 'api.yaml'), 'utf8')).toBe('keep me\n')
  })

  it('replaces the file when confirmed', async () => {
    writeFileSync(join(scratch, 'binfix.yaml'), 'old\n')
    const prompter = new TestIoHost({confirm: true})
    await initSpec(request({yes: false, interactive: true}), dependencies(prompter))
    expect(prompter.asked[0]).toBe('binfix.yaml exists. Overwrite it?')
    expect((await loadDesiredSpec({cwd: scratch}))?.routes).toEqual(EXPECTED_ROUTES)
  })

  it('works with the real inquirer prompts over streams', async () => {
    const input = new PassThrough()
    const output = screen()
    let shown = ''
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()))
    /** Types `keys` once `question` is on screen (typed earlier, the first prompt would swallow them all). */
    const answer = async (question: string, keys: string) => {
      const start = Date.now()
      while (!shown.includes(question)) {
        if (Date.now() - start > 5000) throw new Error(`no question "${question}" in: ${shown}`)
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      input.write(keys)
    }
    const DOWN = '\u001b[B'
    const running = initSpec(request({yes: false, interactive: true}), dependencies(await inquirer(input, output)))
    // Untick the second media type (image/jpeg); keep both routes.
    await answer('Binary media types to keep', `${DOWN} \r`)
    await answer('Route settings to keep', '\r')
    const result = await running
    expect(shown).toContain('❯◉ GET /lambda: responses 200 CONVERT_TO_BINARY')
    expect(shown).toContain('✔ Binary media types to keep application/octet-stream')
    expect(shown).toContain('✔ Route settings to keep GET /lambda, PUT /lambda')
    expect(result.spec.binaryMediaTypes).toEqual(['application/octet-stream'])
    expect(result.spec.routes).toEqual(EXPECTED_ROUTES)
  })

  it('lets Ctrl-C at a prompt propagate as ExitPromptError, writing nothing', async () => {
    const input = new PassThrough()
    const output = screen()
    output.on('data', () => input.write('\u0003'))
    const running = initSpec(request({yes: false, interactive: true}), dependencies(await inquirer(input, output)))
    await expect(running).rejects.toMatchObject({name: 'ExitPromptError'})
    expect(existsSync(join(scratch, 'binfix.yaml'))).toBe(false)
  })
})

describe('an API with nothing binary to keep', () => {
  let bare: string

  beforeAll(async () => {
    const client = sdkClient(sandbox.url)
    const definition = {openapi: '3.0.1', info: {title: 'json-only', version: '1'}, paths: {'/items': {get: {'x-amazon-apigateway-integration': {type: 'mock', requestTemplates: {'application/json': '{"statusCode": 200}'}, responses: {default: {statusCode: '200'}}}}}}}
    bare = (await client.send(new ImportRestApiCommand({body: Buffer.from(JSON.stringify(definition))}))).id!
    client.destroy()
  })

  it('asks before writing a spec that asks for nothing; "no" writes nothing', async () => {
    const prompter = new TestIoHost({confirm: false})
    await expect(initSpec(request({api: bare, yes: false, interactive: true}), dependencies(prompter))).rejects.toMatchObject({oclif: {exit: ExitCode.interrupted}})
    expect(prompter.asked).toEqual([`REST API json-only (${bare}) lists no binary media types and no route sets contentHandling, so the spec would ask for nothing. Write it anyway (add binaryMediaTypes: by hand after)?`])
    expect(existsSync(join(scratch, 'binfix.yaml'))).toBe(false)
  })

  it('"yes" writes it; --yes writes it with a warning', async () => {
    await initSpec(request({api: bare, yes: false, interactive: true}), dependencies(new TestIoHost({confirm: true})))
    expect(existsSync(join(scratch, 'binfix.yaml'))).toBe(true)
    const warnings: string[] = []
    await initSpec(request({api: bare, out: 'again.yaml'}), dependencies(new TestIoHost(), warnings))
    expect(warnings).toEqual([expect.stringContaining('so the spec would ask for nothing: add the types it serves as binary')])
  })
})
