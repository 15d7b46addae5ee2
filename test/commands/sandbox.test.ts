// The `sandbox` command as a user runs it: a child process of the CLI from sources (bin/dev.js; oclif
// registers tsx and maps dist/ back to the sources, so no build is needed), its stdout, stderr and exit
// code, and the server it leaves listening, queried with the real AWS SDK.
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {CreateDeploymentCommand, GetRestApiCommand, GetRestApisCommand, GetStageCommand, ImportRestApiCommand} from '@aws-sdk/client-api-gateway'

import {type CliRun, PROJECT_ROOT, killStrayClis, runCli, spawnCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sdkClient} from '../helpers/sandbox.js'

const FIXTURE = 'fixtures/apis/image-api.oas30.json'
const LOOPBACK_ENDPOINT = /^http:\/\/127\.0\.0\.1:(\d+)$/
const CONTRACT_FLAGS = ['--port', '--host', '--state', '--import', '--deploy-stage', '--aws-quotas', '--latency', '--fault-rate', '--seed']

let scratch: string

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-sandbox-cmd-'))
})

afterAll(() => {
  killStrayClis()
  rmSync(scratch, {recursive: true, force: true})
})

describe('sandbox (running)', () => {
  it('prints one JSON document once ready, serves the SDK on loopback, and exits 0 on SIGINT', async () => {
    const cli = spawnCli(['sandbox', '--port', '0', '--json', '--import', FIXTURE, '--deploy-stage', 'v1'])
    const started = await cli.firstJson()

    expect(started.schemaVersion).toBe(1)
    expect(started.endpoint).toMatch(LOOPBACK_ENDPOINT)
    const endpoint = started.endpoint as string
    expect(Number(LOOPBACK_ENDPOINT.exec(endpoint)![1])).toBeGreaterThan(0)
    expect(started.region).toBe('us-east-1')
    const restApis = started.restApis as Array<Record<string, string>>
    expect(restApis).toHaveLength(1)
    expect(restApis[0]).toEqual({
      file: FIXTURE,
      id: expect.stringMatching(/^[a-z0-9]{10}$/),
      name: 'ApiName',
      stage: 'v1',
      deploymentId: expect.stringMatching(/^[a-z0-9]{6}$/),
    })
    const {id, deploymentId} = restApis[0]

    const health = await fetch(`${endpoint}/_sandbox/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({status: 'ok', region: 'us-east-1', restApis: 1, calls: 0, callsDropped: 0, heldAnswers: 0})

    const client = sdkClient(endpoint)
    const api = await client.send(new GetRestApiCommand({restApiId: id}))
    expect(api).toMatchObject({id, name: 'ApiName', binaryMediaTypes: ['application/octet-stream', 'image/jpeg']})
    const stage = await client.send(new GetStageCommand({restApiId: id, stageName: 'v1'}))
    expect(stage.deploymentId).toBe(deploymentId)
    client.destroy()
    // --import and --deploy-stage are applied before the server answers: only the SDK's calls are logged.
    expect((await fetchCallLog(endpoint)).map((call) => call.operation)).toEqual(['GetRestApi', 'GetStage'])

    cli.child.kill('SIGINT')
    const exit = await cli.closed
    expect({code: exit.code, signal: exit.signal}).toEqual({code: 0, signal: null})
    // Exactly one document, nothing after it.
    expect(JSON.parse(exit.stdout)).toEqual(started)
    expect(withoutDevModeNoise(exit.stderr)).toEqual([])
    await expect(fetch(`${endpoint}/_sandbox/health`)).rejects.toThrow()
  })

  it('tells a person where it listens and what it imported, and exits 0 on SIGTERM', async () => {
    const cli = spawnCli(['sandbox', '--port', '0', '--import', FIXTURE, '--deploy-stage', 'v1'])
    const stdout = await cli.waitForText('Press Ctrl-C to stop.')
    const endpoint = /listening on (http:\/\/\S+) \(region us-east-1\)/.exec(stdout)?.[1]
    expect(endpoint).toMatch(LOOPBACK_ENDPOINT)
    expect(stdout).toMatch(/^ {2}[a-z0-9]{10} {2}ApiName {2}from fixtures\/apis\/image-api\.oas30\.json {2}deployed to v1 \([a-z0-9]{6}\)$/m)
    expect(stdout).toContain(`--endpoint-url ${endpoint}`)
    expect((await fetch(`${endpoint}/_sandbox/health`)).status).toBe(200)

    cli.child.kill('SIGTERM')
    const exit = await cli.closed
    expect({code: exit.code, signal: exit.signal}).toEqual({code: 0, signal: null})
    // Loopback is the default: no warning about exposure, nothing else on stderr.
    expect(withoutDevModeNoise(exit.stderr)).toEqual([])
  })

  it('--host 0.0.0.0 binds every interface and says so on stderr, with --json too (stdout stays one document)', async () => {
    const human = spawnCli(['sandbox', '--port', '0', '--host', '0.0.0.0'])
    const json = spawnCli(['sandbox', '--port', '0', '--host', '0.0.0.0', '--json'])
    await human.waitForText('Press Ctrl-C to stop.')
    const started = await json.firstJson()
    expect(started.endpoint).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/)
    human.child.kill('SIGINT')
    json.child.kill('SIGINT')
    const warning = 'Warning: listening on 0.0.0.0: the sandbox has no authentication'
    const humanExit = await human.closed
    const jsonExit = await json.closed
    expect(withoutDevModeNoise(humanExit.stderr)).toEqual([warning])
    expect(withoutDevModeNoise(jsonExit.stderr)).toEqual([warning])
    expect(JSON.parse(jsonExit.stdout)).toEqual(started)
    expect([humanExit.code, jsonExit.code]).toEqual([0, 0])
  })

  it('--state FILE keeps what was created through the SDK across a restart', async () => {
    const stateFile = join(scratch, 'persist', 'state.json')
    const first = spawnCli(['sandbox', '--port', '0', '--json', '--state', stateFile])
    const firstStart = await first.firstJson()
    expect(firstStart.restApis).toEqual([])
    const firstClient = sdkClient(firstStart.endpoint as string)
    const imported = await firstClient.send(new ImportRestApiCommand({body: readFileSync(join(PROJECT_ROOT, FIXTURE))}))
    firstClient.destroy()
    first.child.kill('SIGINT')
    expect((await first.closed).code).toBe(0)
    expect(existsSync(stateFile)).toBe(true)

    const second = spawnCli(['sandbox', '--port', '0', '--json', '--state', stateFile])
    try {
      const secondStart = await second.firstJson()
      const client = sdkClient(secondStart.endpoint as string)
      const {items = []} = await client.send(new GetRestApisCommand({}))
      expect(items.map((api) => [api.id, api.name])).toEqual([[imported.id, 'ApiName']])
      const api = await client.send(new GetRestApiCommand({restApiId: imported.id}))
      expect(api.binaryMediaTypes).toEqual(['application/octet-stream', 'image/jpeg'])
      client.destroy()
    } finally {
      second.child.kill('SIGINT')
      expect((await second.closed).code).toBe(0)
    }
  })
})

describe('sandbox --state (restored on start)', () => {
  const STACK = 'fixtures/stacks/image-api.stack.yaml'

  it('lists the APIs and stacks it restored, each API with its stages and the deployment each serves, in the banner and in --json', async () => {
    const stateFile = join(scratch, 'restored', 'state.json')
    const first = spawnCli(['sandbox', '--port', '0', '--json', '--state', stateFile, '--import', FIXTURE, '--deploy-stage', 'v1', '--import-stack', STACK])
    let seeded: {id: string; v1: string; prod: string; stackId: string}
    try {
      const started = await first.firstJson()
      const [api] = started.restApis as Array<{id: string; deploymentId: string}>
      const [stack] = started.stacks as Array<{stackId: string}>
      const client = sdkClient(started.endpoint as string)
      const prod = await client.send(new CreateDeploymentCommand({restApiId: api!.id, stageName: 'prod'}))
      client.destroy()
      seeded = {id: api!.id, v1: api!.deploymentId, prod: prod.id!, stackId: stack!.stackId}
    } finally {
      first.child.kill('SIGINT')
    }
    expect((await first.closed).code).toBe(0)

    const human = spawnCli(['sandbox', '--port', '0', '--state', stateFile])
    try {
      const stdout = await human.waitForText('Press Ctrl-C to stop.')
      const lines = stdout.split('\n')
      expect(lines.slice(1, 3)).toEqual([
        `  ${seeded.id}  ApiName  restored from ${stateFile}  stages v1 (${seeded.v1}), prod (${seeded.prod})`,
        `  stack image-api  restored from ${stateFile}  (ApiName → ${seeded.id})`,
      ])
      // The restored stack is served: CloudFormation clients get the endpoint too.
      expect(lines[3]).toMatch(/^Use it with: .*AWS_ENDPOINT_URL_CLOUDFORMATION=/)
    } finally {
      human.child.kill('SIGINT')
    }
    expect((await human.closed).code).toBe(0)

    const json = spawnCli(['sandbox', '--port', '0', '--json', '--state', stateFile])
    try {
      const started = await json.firstJson()
      // Imports keep their own list: nothing was imported on this start.
      expect(started.restApis).toEqual([])
      expect(started.restored).toEqual({
        file: stateFile,
        restApis: [{id: seeded.id, name: 'ApiName', stages: [{stage: 'v1', deploymentId: seeded.v1}, {stage: 'prod', deploymentId: seeded.prod}]}],
        stacks: [{stackName: 'image-api', stackId: seeded.stackId, restApis: {ApiName: seeded.id}}],
      })
      expect(started.stacks).toBeUndefined()
    } finally {
      json.child.kill('SIGINT')
    }
    expect((await json.closed).code).toBe(0)
  })

  it('says nothing of a state file that holds nothing yet', async () => {
    const cli = spawnCli(['sandbox', '--port', '0', '--json', '--state', join(scratch, 'fresh', 'state.json'), '--import', FIXTURE])
    try {
      const started = await cli.firstJson()
      expect(started.restored).toBeUndefined()
      expect(started.restApis).toHaveLength(1)
    } finally {
      cli.child.kill('SIGINT')
    }
    expect((await cli.closed).code).toBe(0)
  })
})

describe('sandbox (bad input)', () => {
  interface Case {
    name: string
    args: () => string[]
    /** What the one line must name. */
    names: () => string
  }

  const missing = () => join(scratch, 'missing.json')
  const notOpenApi = () => join(scratch, 'not-openapi.json')
  const corruptState = () => join(scratch, 'corrupt-state.json')
  const neverWritten = () => join(scratch, 'never-written', 'state.json')
  const CORRUPT_STATE = '{"format":"apigw-binfix-sandbox-state","version":1,"region":"us-east-1","apis":[{"api":'
  // Well-formed JSON that is no state the sandbox can serve: each used to start (silently, or to fail later with a TypeError).
  const stateWith = (apis: unknown[]) => JSON.stringify({format: 'apigw-binfix-sandbox-state', version: 1, region: 'us-east-1', accountId: '123456789012', apis})
  const restApi = (id: string, resourceMethods?: unknown) => ({
    api: {id, name: 'damaged', createdDate: 1, apiKeySource: 'HEADER', endpointConfiguration: {types: ['EDGE']}, disableExecuteApiEndpoint: false, rootResourceId: 'root01'},
    resources: [{id: 'root01', path: '/', ...(resourceMethods === undefined ? {} : {resourceMethods})}],
    deployments: [],
    stages: [] as unknown[],
  })
  const stage = {deploymentId: 'gone01', stageName: 'v1', cacheClusterEnabled: false, cacheClusterStatus: 'NOT_AVAILABLE', methodSettings: {}, tracingEnabled: false, createdDate: 1, lastUpdatedDate: 1}
  const damagedStates: Record<string, string> = {
    'stage-without-deployment.json': stateWith([{...restApi('abc1234567'), stages: [stage]}]),
    'duplicate-ids.json': stateWith([restApi('abc1234567'), restApi('abc1234567')]),
    'wrong-type.json': stateWith([
      restApi('abc1234567', {GET: {httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: false, methodIntegration: {type: 'MOCK', timeoutInMillis: 29000, cacheKeyParameters: [], integrationResponses: 'oops'}}}),
    ]),
  }
  const damaged = (name: string) => join(scratch, name)

  const cases: Case[] = [
    {name: '--fault-rate 2 (out of range)', args: () => ['--fault-rate', '2'], names: () => '--fault-rate 2'},
    {name: '--fault-rate abc (not a number)', args: () => ['--fault-rate', 'abc'], names: () => '--fault-rate abc'},
    {name: '--import of a missing file', args: () => ['--import', missing()], names: () => `--import ${missing()}`},
    {
      name: '--import of a JSON file that is not OpenAPI',
      args: () => ['--import', notOpenApi(), '--state', neverWritten()],
      names: () => `--import ${notOpenApi()}`,
    },
    {name: "--deploy-stage 'bad stage!'", args: () => ['--import', FIXTURE, '--deploy-stage', 'bad stage!'], names: () => '--deploy-stage "bad stage!"'},
    {name: '--port 70000', args: () => ['--port', '70000'], names: () => '--port 70000'},
    // An empty address binds every interface, as 0.0.0.0 does, without saying so.
    {name: '--host= (empty)', args: () => ['--host='], names: () => '--host ""'},
    {name: '--host " " (blank)', args: () => ['--host', ' '], names: () => '--host " "'},
    {name: 'a corrupted --state file', args: () => ['--state', corruptState()], names: () => `--state ${corruptState()}`},
    {name: 'a --state file whose stage serves a deployment it lacks', args: () => ['--state', damaged('stage-without-deployment.json')], names: () => `--state ${damaged('stage-without-deployment.json')}`},
    {name: 'a --state file with two APIs of one id', args: () => ['--state', damaged('duplicate-ids.json')], names: () => `--state ${damaged('duplicate-ids.json')}`},
    {name: 'a --state file with a value of the wrong type', args: () => ['--state', damaged('wrong-type.json')], names: () => `--state ${damaged('wrong-type.json')}`},
  ]

  // Every case runs twice (human and --json). Each CLI start costs ~1 s of CPU, so they run side by
  // side, a few at a time: more would only make each one slower.
  const results = new Map<string, {text: CliRun; json: CliRun}>()

  beforeAll(async () => {
    writeFileSync(notOpenApi(), JSON.stringify({hello: 'world', paths: {}}))
    writeFileSync(corruptState(), CORRUPT_STATE)
    for (const [name, text] of Object.entries(damagedStates)) writeFileSync(damaged(name), text)
    // --port 0 unless the case sets the port, so a run that wrongly starts never collides with another.
    const argv = (testCase: Case) => ['sandbox', ...(testCase.args().includes('--port') ? [] : ['--port', '0']), ...testCase.args()]
    const runs = cases.flatMap((testCase) => [
      {testCase, mode: 'text' as const, args: argv(testCase)},
      {testCase, mode: 'json' as const, args: [...argv(testCase), '--json']},
    ])
    const outcomes = await inParallel(runs, 4, (run) => runCli(run.args, 20_000))
    for (const testCase of cases) {
      const of = (mode: 'text' | 'json') => outcomes[runs.findIndex((run) => run.testCase === testCase && run.mode === mode)]
      results.set(testCase.name, {text: of('text'), json: of('json')})
    }
  }, 60_000)

  it.each(cases)('$name: exit 2, one line on stderr naming it, nothing on stdout', (testCase) => {
    const {text} = results.get(testCase.name)!
    expect({code: text.code, signal: text.signal}).toEqual({code: 2, signal: null})
    expect(text.stdout).toBe('')
    const lines = withoutDevModeNoise(text.stderr)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Error: /)
    expect(lines[0]).toContain(testCase.names())
  })

  it.each(cases)('$name: with --json, exit 2 and one JSON error document', (testCase) => {
    const {json} = results.get(testCase.name)!
    expect({code: json.code, signal: json.signal}).toEqual({code: 2, signal: null})
    const document = JSON.parse(json.stdout) as {schemaVersion: number; error: {code: string; message: string; exitCode: number}}
    expect(document).toEqual({schemaVersion: 1, error: {code: 'USAGE', message: expect.any(String), exitCode: 2}})
    expect(document.error.message).toContain(testCase.names())
    expect(document.error.message).not.toContain('\n')
    expect(withoutDevModeNoise(json.stderr)).toEqual([])
  })

  it('writes nothing: a bad --import leaves --state unwritten, a corrupted --state file is left as it was', () => {
    expect(results.get('--import of a JSON file that is not OpenAPI')?.text.code).toBe(2)
    expect(existsSync(neverWritten())).toBe(false)
    expect(readFileSync(corruptState(), 'utf8')).toBe(CORRUPT_STATE)
    for (const [name, text] of Object.entries(damagedStates)) expect(readFileSync(damaged(name), 'utf8')).toBe(text)
  })
})

describe('sandbox --help', () => {
  it('lists every flag of the contract and exits 0', async () => {
    const help = await runCli(['sandbox', '--help'])
    expect(help.code).toBe(0)
    for (const flag of CONTRACT_FLAGS) expect(help.stdout).toMatch(new RegExp(`^\\s+${flag}(?:[=\\s]|$)`, 'm'))
    expect(help.stdout).toMatch(/^\s+--json\s/m)
  })
})

/** Maps `items` through `work`, at most `limit` at a time, keeping the order. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index])
    }
  }
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker))
  return results
}
