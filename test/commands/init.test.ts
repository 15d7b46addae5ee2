// `init` as a user runs it: a child process of the CLI from sources against a test sandbox. The child's
// stdin is not a terminal, which is the CI case.
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ImportRestApiCommand} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {loadDesiredSpec} from '../../src/desired-spec/load-spec.js'
import {killStrayClis, runCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

let sandbox: Sandbox
let restApiId: string
let scratch: string

beforeAll(async () => {
  sandbox = await startTestSandbox()
  const client = sdkClient(sandbox.url)
  restApiId = (await client.send(new ImportRestApiCommand({body: readFileSync(new URL('../../fixtures/apis/image-api.oas30.json', import.meta.url))}))).id!
  client.destroy()
})

afterAll(async () => {
  killStrayClis()
  await sandbox.close()
})

beforeEach(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'binfix-init-cmd-'))
  await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})
})
afterEach(() => rmSync(scratch, {recursive: true, force: true}))

const init = (args: string[]) => runCli(['init', ...args, '--endpoint-url', sandbox.url], 20_000, {env: sandboxCliEnv(), cwd: scratch})

describe('init', () => {
  it('refuses to ask without a terminal: exit 2, one line, nothing written, AWS not called', async () => {
    const run = await init([restApiId])
    expect(run.code).toBe(2)
    expect(withoutDevModeNoise(run.stderr)).toEqual(['Error: init asks which settings to keep, and this is not a terminal: pass --yes to write the live state as it is'])
    expect(run.stdout).toBe('')
    expect(existsSync(join(scratch, 'binfix.yaml'))).toBe(false)
    expect(await fetchCallLog(sandbox.url)).toEqual([])
  })

  it('--yes --out writes the live state to a file that loads back, making no mutating call', async () => {
    const run = await init([restApiId, '--yes', '--out', 'image-api.yaml'])
    expect(withoutDevModeNoise(run.stderr)).toEqual([])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(`Wrote image-api.yaml for REST API ApiName (${restApiId}): 2 binary media types, 1 route with contentHandling\n`)
    expect(await loadDesiredSpec({cwd: scratch, specFile: 'image-api.yaml'})).toEqual({
      source: {kind: 'binfix', file: 'image-api.yaml'},
      api: restApiId,
      binaryMediaTypes: ['application/octet-stream', 'image/jpeg'],
      binaryMediaTypesMode: 'add-only',
      routes: [{key: 'PUT /lambda', httpMethod: 'PUT', resourcePath: '/lambda', request: 'CONVERT_TO_TEXT'}],
      verify: [],
      ignore: [],
    })
    const calls = await fetchCallLog(sandbox.url)
    expect(calls.length).toBeGreaterThan(0)
    expect(calls.filter((call) => call.mutating)).toEqual([])
  })

  it('--json prints {schemaVersion, out, spec}; api: comes from ./binfix.yaml', async () => {
    writeFileSync(join(scratch, 'binfix.yaml'), `version: 1\napi: ApiName\n`)
    const run = await init(['--yes', '--json', '--out', 'fresh.yaml'])
    expect(run.code).toBe(0)
    const printed = JSON.parse(run.stdout) as Record<string, unknown>
    expect(Object.keys(printed)).toEqual(['schemaVersion', 'out', 'spec'])
    expect(printed).toMatchObject({schemaVersion: 1, out: 'fresh.yaml'})
    expect(printed.spec).toEqual(await loadDesiredSpec({cwd: scratch, specFile: 'fresh.yaml'}))
  })

  it('--yes will not replace an existing file without --force: exit 2 in the JSON envelope, file untouched', async () => {
    writeFileSync(join(scratch, 'binfix.yaml'), 'keep me\n')
    const run = await init([restApiId, '--yes', '--json'])
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toEqual({
      schemaVersion: 1,
      error: {code: 'USAGE', message: '--out binfix.yaml: already exists; pass --force to overwrite it', exitCode: 2},
    })
    expect(readFileSync(join(scratch, 'binfix.yaml'), 'utf8')).toBe('keep me\n')
  })
})
