// `sandbox --lambda NAME=FILE` and `--functions DIR`: validated before the port is bound, listed by the
// health endpoint, and served through a running CLI.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {runSandbox} from '../../../src/services/sandbox-service.js'
import {PROJECT_ROOT, killStrayClis, runCli, spawnCli, withoutDevModeNoise} from '../../helpers/cli/child-cli.js'
import {startTestSandbox} from '../../helpers/sandbox.js'
import {LAMBDA_URI, deployApi, send} from './support.js'

let scratch: string

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-functions-'))
  writeFileSync(join(scratch, 'no-handler.mjs'), 'export const other = () => 1\n')
  writeFileSync(join(scratch, 'broken.mjs'), 'export const handler = (\n')
  writeFileSync(join(scratch, 'echo.mjs'), 'export const handler = async (event) => ({statusCode: 200, body: event.path})\n')
})
afterAll(() => {
  killStrayClis()
  rmSync(scratch, {recursive: true, force: true})
})

describe('flag validation, before anything listens', () => {
  const run = (lambdaFlags: string[], functionsDir?: string) => runSandbox({port: 0, imports: [], lambdaFlags, functionsDir})

  it.each([
    [['image'], '--lambda image: expected NAME=path/to/handler.mjs'],
    [['=x.mjs'], '--lambda =x.mjs: expected NAME=path/to/handler.mjs'],
    [['image='], '--lambda image=: expected NAME=path/to/handler.mjs'],
    [['bad name=x.mjs'], "--lambda bad name=x.mjs: bad name is not a Lambda function name (letters, digits, '-' and '_', at most 64)"],
    [['image=missing.mjs'], '--lambda image=missing.mjs: no such file missing.mjs'],
  ])('%j → %s', async (flags, message) => {
    await expect(run(flags)).rejects.toMatchObject({message, oclif: {exit: 2}})
  })

  it('names the flag and value of a module without a handler export, or one that does not load', async () => {
    const noHandler = join(scratch, 'no-handler.mjs')
    await expect(run([`x=${noHandler}`])).rejects.toMatchObject({message: `--lambda x=${noHandler}: ${noHandler} exports no function named handler`})
    const broken = join(scratch, 'broken.mjs')
    await expect(run([`x=${broken}`])).rejects.toMatchObject({message: expect.stringMatching(new RegExp(`^--lambda x=${broken}: cannot load ${broken}: .+$`))})
    await expect(run([], scratch)).rejects.toMatchObject({message: expect.stringMatching(/^--functions .+: cannot load .+broken\.mjs: /)})
  })

  it('refuses a --functions path that is missing or not a directory, and a function named twice', async () => {
    await expect(run([], join(scratch, 'nope'))).rejects.toMatchObject({message: `--functions ${join(scratch, 'nope')}: no such directory`})
    await expect(run([], join(scratch, 'echo.mjs'))).rejects.toMatchObject({message: `--functions ${join(scratch, 'echo.mjs')}: not a directory`})
    const echo = join(scratch, 'echo.mjs')
    await expect(run([`e=${echo}`, `e=${echo}`])).rejects.toMatchObject({message: `--lambda e=${echo}: function e is given twice`})
  })

  it('serves --functions DIR and --lambda together; health lists them', async () => {
    const running = await runSandbox({port: 0, imports: [], functionsDir: 'fixtures/functions', lambdaFlags: [`echo=${join(scratch, 'echo.mjs')}`]})
    try {
      const functions = ['echo', 'image', 'thumbnail-service-dev-status', 'thumbnail-service-dev-thumbnail', 'thumbnail-service-dev-thumbnail-stream', 'thumbnail-service-dev-upload']
      expect(running.functions).toEqual(functions)
      const health = await send(`${running.endpoint}/_sandbox/health`)
      expect(health.json()).toMatchObject({status: 'ok', functions})
    } finally {
      await running.sandbox.close()
    }
  })
})

describe('a handler module that fails at invocation time', () => {
  it('is a function error, as the Node.js runtime reports it: 502 through a proxy, errorMessage selection otherwise', async () => {
    const sandbox = await startTestSandbox({lambdas: {'no-handler': join(scratch, 'no-handler.mjs')}})
    try {
      const api = deployApi(sandbox, {
        routes: [
          {path: '/proxy', method: 'GET', integration: {type: 'AWS_PROXY', httpMethod: 'POST', uri: LAMBDA_URI('no-handler')}},
          {path: '/custom', method: 'GET', integration: {type: 'AWS', httpMethod: 'POST', uri: LAMBDA_URI('no-handler'), integrationResponses: {'200': {statusCode: '200'}}}},
        ],
      })
      expect((await send(api.url('/proxy'))).status).toBe(502)
      const custom = await send(api.url('/custom'))
      expect(custom.status).toBe(200)
      expect(custom.json()).toMatchObject({errorType: 'Runtime.HandlerNotFound'})
    } finally {
      await sandbox.close()
    }
  })
})

describe('a Lambda function the sandbox has no handler for', () => {
  const AWS_BODY = '{"message": "Internal server error"}'
  const diagnosis = (name: string) => `no local handler for Lambda function ${name}: start the sandbox with --lambda ${name}=FILE or --functions DIR (with DIR/${name}.mjs)`

  it('answers as AWS does for a function that does not exist, and says why in a header AWS never sends, logged once per function', async () => {
    const logged: string[] = []
    const sandbox = await startTestSandbox({logDiagnosis: (line) => logged.push(line)})
    try {
      const api = deployApi(sandbox, {
        routes: [
          {path: '/proxy', method: 'GET', integration: {type: 'AWS_PROXY', httpMethod: 'POST', uri: LAMBDA_URI('ImageFunction')}},
          {path: '/custom', method: 'GET', integration: {type: 'AWS', httpMethod: 'POST', uri: LAMBDA_URI('ImageFunction'), integrationResponses: {'200': {statusCode: '200'}}}},
          {path: '/other', method: 'GET', integration: {type: 'AWS', httpMethod: 'POST', uri: LAMBDA_URI('StatusFunction'), integrationResponses: {'200': {statusCode: '200'}}}},
        ],
      })
      for (const path of ['/proxy', '/custom']) {
        const answer = await send(api.url(path))
        expect({path, status: answer.status, body: answer.text}).toEqual({path, status: 500, body: AWS_BODY})
        expect(answer.headers['content-type']).toBe('application/json')
        expect(answer.headers['x-amzn-errortype']).toBe('InternalServerErrorException')
        expect(answer.headers['x-apigw-binfix-sandbox-diagnosis']).toBe(diagnosis('ImageFunction'))
      }
      expect((await send(api.url('/other'))).headers['x-apigw-binfix-sandbox-diagnosis']).toBe(diagnosis('StatusFunction'))
      expect(logged).toEqual([`sandbox: ${diagnosis('ImageFunction')}`, `sandbox: ${diagnosis('StatusFunction')}`])
    } finally {
      await sandbox.close()
    }
  })

  it('keeps the header a single line of printable ASCII whatever the integration URI names', async () => {
    const sandbox = await startTestSandbox({logDiagnosis: () => undefined})
    try {
      const api = deployApi(sandbox, {
        routes: [{path: '/odd', method: 'GET', integration: {type: 'AWS_PROXY', httpMethod: 'POST', uri: LAMBDA_URI('caf%C3%A9%E2%82%AC%0Ax%20y')}}],
      })
      const answer = await send(api.url('/odd'))
      expect(answer.status).toBe(500)
      expect(answer.headers['x-apigw-binfix-sandbox-diagnosis']).toBe(diagnosis('caf%C3%A9%E2%82%AC%0Ax%20y'))
    } finally {
      await sandbox.close()
    }
  })
})

describe('the sandbox command', () => {
  it('refuses a bad --lambda with exit 2 and one line naming it', async () => {
    const run = await runCli(['sandbox', '--port', '0', '--lambda', 'image=fixtures/functions/nope.mjs'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(withoutDevModeNoise(run.stderr)).toEqual(['Error: --lambda image=fixtures/functions/nope.mjs: no such file fixtures/functions/nope.mjs'])
  })

  it('serves the thumbnail service with --functions fixtures/functions', async () => {
    const cli = spawnCli(['sandbox', '--port', '0', '--json', '--import', 'fixtures/apis/thumbnail-service.oas30.json', '--deploy-stage', 'dev', '--functions', 'fixtures/functions'], {cwd: PROJECT_ROOT})
    try {
      const started = await cli.firstJson()
      expect(started.functions).toEqual(['image', 'thumbnail-service-dev-status', 'thumbnail-service-dev-thumbnail', 'thumbnail-service-dev-thumbnail-stream', 'thumbnail-service-dev-upload'])
      const [api] = started.restApis as Array<{id: string}>
      const status = await send(`${started.endpoint}/restapis/${api!.id}/dev/_user_request_/status`)
      expect(status.status).toBe(200)
      expect(status.json()).toMatchObject({status: 'ok'})
    } finally {
      cli.child.kill('SIGINT')
      expect((await cli.closed).code).toBe(0)
    }
  })

  it('writes on stderr, once, that a function has no handler', async () => {
    const cli = spawnCli(['sandbox', '--port', '0', '--json', '--import', 'fixtures/apis/image-api.corrected.oas30.json', '--deploy-stage', 'v1'], {cwd: PROJECT_ROOT})
    try {
      const started = await cli.firstJson()
      const [api] = started.restApis as Array<{id: string}>
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const answer = await send(`${started.endpoint}/restapis/${api!.id}/v1/_user_request_/lambda?key=cat.jpg`, {headers: {Accept: 'application/octet-stream'}})
        expect(answer.status).toBe(500)
      }
    } finally {
      cli.child.kill('SIGINT')
    }
    const run = await cli.closed
    expect(run.code).toBe(0)
    expect(withoutDevModeNoise(run.stderr)).toEqual(['sandbox: no local handler for Lambda function image: start the sandbox with --lambda image=FILE or --functions DIR (with DIR/image.mjs)'])
  })
})
