// `export` as a user runs it: a child CLI against an in-process sandbox seeded with the fixtures, its
// stdout, stderr, exit code and files, and the sandbox's call log (read-only: no mutating call).
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

import {GetExportCommand, UpdateRestApiCommand} from '@aws-sdk/client-api-gateway'
import {parse as parseYaml} from 'yaml'

import type {Sandbox} from '../../src/sandbox/server.js'
import {seedSandbox} from '../../src/sandbox/setup.js'
import {type CliRun, PROJECT_ROOT, killStrayClis, runCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

const FIXTURES = ['image-api.oas30.json', 'thumbnail-service.oas30.json'].map((name) => join(PROJECT_ROOT, 'fixtures/apis', name))
const UNREACHABLE = 'http://127.0.0.1:9'

let sandbox: Sandbox
let scratch: string
let imageApiId: string
let twinIds: string[]
/** The stage's export as the SDK gets it, to compare the CLI's output with. */
const expected: Record<string, string> = {}

interface Run {
  args: string[]
  cwd?: string
  env?: Record<string, string | undefined>
}
const runs: Record<string, Run> = {}
const results: Record<string, CliRun> = {}

function stderrLines(run: CliRun): string[] {
  return withoutDevModeNoise(run.stderr)
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-export-'))
  sandbox = await startTestSandbox()
  const seeded = seedSandbox(sandbox.store, FIXTURES, 'v1')
  imageApiId = seeded[0].id
  twinIds = [seeded[1].id]
  // Two APIs with one name: the thumbnail fixture once more.
  twinIds.push(...seedSandbox(sandbox.store, [FIXTURES[1]], 'v1').map((api) => api.id))
  const client = sdkClient(sandbox.url)
  // Not deployed, so the stage's export must not show it.
  await client.send(new UpdateRestApiCommand({restApiId: imageApiId, patchOperations: [{op: 'add', path: '/binaryMediaTypes/image~1undeployed'}]}))
  for (const [exportType, accepts] of [
    ['oas30', 'application/json'],
    ['swagger', 'application/yaml'],
    ['oas30', 'application/yaml'],
  ] as const) {
    const exported = await client.send(new GetExportCommand({restApiId: imageApiId, stageName: 'v1', exportType, accepts, parameters: {extensions: 'apigateway'}}))
    expected[`${exportType}/${accepts}`] = Buffer.from(exported.body!).toString('utf8')
  }
  client.destroy()
  await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})

  // --help must not load the SDK: a module hook records every @aws-sdk module resolved.
  const hooks = join(scratch, 'hooks.mjs')
  writeFileSync(
    hooks,
    `import {appendFileSync} from 'node:fs'
export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@aws-sdk/')) appendFileSync(process.env.SDK_LOAD_LOG, specifier + '\\n')
  return next(specifier, context)
}\n`,
  )
  const register = join(scratch, 'register.mjs')
  writeFileSync(register, `import {register} from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`)
  const watched = (log: string) => ({NODE_OPTIONS: `--import ${pathToFileURL(register).href}`, SDK_LOAD_LOG: join(scratch, log)})

  const specDir = join(scratch, 'with-spec')
  mkdirSync(join(specDir, 'out'), {recursive: true})
  writeFileSync(join(specDir, 'binfix.yaml'), 'version: 1\napi: ApiName\nstage: v1\n')
  const emptyDir = join(scratch, 'empty')
  mkdirSync(emptyDir)
  mkdirSync(join(scratch, 'a-directory'))
  writeFileSync(join(scratch, 'kept.json'), 'kept')
  writeFileSync(join(scratch, 'replaced.json'), 'replaced')

  const endpoint = ['--endpoint-url', sandbox.url]
  Object.assign(runs, {
    byId: {args: ['export', imageApiId, '--stage', 'v1', ...endpoint], env: watched('export.log')},
    swaggerYamlByName: {args: ['export', 'ApiName', '--stage', 'v1', '--type', 'swagger', '--format', 'yaml', ...endpoint]},
    json: {args: ['export', 'ApiName', '--stage', 'v1', '--json', ...endpoint]},
    outFile: {args: ['export', imageApiId, '--stage', 'v1', '--format', 'yaml', '--out', join(scratch, 'written', 'api.yaml'), ...endpoint]},
    // api:/stage: from binfix.yaml, the endpoint from the environment.
    specJsonOut: {args: ['export', '--json', '--out', 'out/api.json'], cwd: specDir, env: {AWS_ENDPOINT_URL_API_GATEWAY: sandbox.url}},
    unknownApi: {args: ['export', 'nosuchapi', '--stage', 'v1', ...endpoint]},
    unknownStage: {args: ['export', 'ApiName', '--stage', 'v9', '--json', ...endpoint]},
    ambiguous: {args: ['export', 'thumbnail-service-dev', '--stage', 'v1', ...endpoint]},
    // Bad input is refused before any AWS call: against an unreachable endpoint a call would exit 1.
    outIsDirectory: {args: ['export', imageApiId, '--stage', 'v1', '--out', join(scratch, 'a-directory'), '--endpoint-url', UNREACHABLE]},
    outExists: {args: ['export', imageApiId, '--stage', 'v1', '--out', join(scratch, 'kept.json'), '--endpoint-url', UNREACHABLE]},
    outForced: {args: ['export', imageApiId, '--stage', 'v1', '--out', join(scratch, 'replaced.json'), '--force', ...endpoint]},
    noApi: {args: ['export', '--stage', 'v1', '--json', '--endpoint-url', UNREACHABLE], cwd: emptyDir},
    help: {args: ['export', '--help'], env: watched('help.log')},
  } satisfies Record<string, Run>)
  mkdirSync(join(scratch, 'written'))

  // Each run costs ~1-2 s of CPU: a few side by side.
  const names = Object.keys(runs)
  let next = 0
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++]
      const run = runs[name]
      results[name] = await runCli(run.args, 30_000, {cwd: run.cwd, env: {...sandboxCliEnv(), ...run.env}})
    }
  }
  await Promise.all(Array.from({length: 4}, worker))
}, 90_000)

afterAll(async () => {
  killStrayClis()
  await sandbox.close()
  rmSync(scratch, {recursive: true, force: true})
})

describe('export', () => {
  it('prints the deployed OpenAPI 3.0 JSON with API Gateway extensions, exactly as GetExport returns it', () => {
    const run = results.byId
    expect({code: run.code, stderr: stderrLines(run)}).toEqual({code: 0, stderr: []})
    expect(run.stdout).toBe(`${expected['oas30/application/json']}\n`)
    const document = JSON.parse(run.stdout) as Record<string, unknown>
    expect(document.openapi).toBe('3.0.1')
    expect(document['x-amazon-apigateway-binary-media-types']).toEqual(['application/octet-stream', 'image/jpeg'])
    expect(JSON.stringify(document)).toContain('x-amazon-apigateway-integration')
  })

  it('finds the API by name and prints Swagger 2.0 as YAML', () => {
    const run = results.swaggerYamlByName
    expect({code: run.code, stderr: stderrLines(run)}).toEqual({code: 0, stderr: []})
    expect(run.stdout).toBe(expected['swagger/application/yaml'].endsWith('\n') ? expected['swagger/application/yaml'] : `${expected['swagger/application/yaml']}\n`)
    expect((parseYaml(run.stdout) as Record<string, unknown>).swagger).toBe('2.0')
  })

  it('--json: one document with the API, stage, type, format and the parsed definition', () => {
    const run = results.json
    expect({code: run.code, stderr: stderrLines(run)}).toEqual({code: 0, stderr: []})
    expect(JSON.parse(run.stdout)).toEqual({
      schemaVersion: 1,
      api: {id: imageApiId, name: 'ApiName'},
      stage: 'v1',
      type: 'oas30',
      format: 'json',
      definition: JSON.parse(expected['oas30/application/json']),
    })
  })

  it('--out FILE: writes the file (no temporary file left) and says so', () => {
    const run = results.outFile
    const file = join(scratch, 'written', 'api.yaml')
    expect({code: run.code, stderr: stderrLines(run)}).toEqual({code: 0, stderr: []})
    expect(readFileSync(file, 'utf8')).toBe(expected['oas30/application/yaml'])
    expect(parseYaml(readFileSync(file, 'utf8'))).toEqual(JSON.parse(expected['oas30/application/json']))
    expect(readdirSync(join(scratch, 'written'))).toEqual(['api.yaml'])
    expect(run.stdout).toBe(`Wrote the oas30 yaml definition of ApiName (${imageApiId}) stage v1 to ${file}\n`)
  })

  it('without <api>: api: and stage: from binfix.yaml; --json with --out names the file and leaves out the definition', () => {
    const run = results.specJsonOut
    expect({code: run.code, stderr: stderrLines(run)}).toEqual({code: 0, stderr: []})
    expect(JSON.parse(run.stdout)).toEqual({schemaVersion: 1, api: {id: imageApiId, name: 'ApiName'}, stage: 'v1', type: 'oas30', format: 'json', out: 'out/api.json'})
    expect(readFileSync(join(scratch, 'with-spec', 'out', 'api.json'), 'utf8')).toBe(expected['oas30/application/json'])
  })

  it('an unknown API: exit 2, one line', () => {
    const run = results.unknownApi
    expect({code: run.code, stdout: run.stdout, stderr: stderrLines(run)}).toEqual({code: 2, stdout: '', stderr: ['Error: No REST API "nosuchapi" in us-east-1']})
  })

  it('an unknown stage: exit 2, one JSON error document under --json', () => {
    const run = results.unknownStage
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toEqual({
      schemaVersion: 1,
      error: {code: 'USAGE', message: `No stage "v9" in REST API ${imageApiId} (us-east-1); did you mean v1?`, exitCode: 2},
    })
    expect(stderrLines(run)).toEqual([])
  })

  it('a name two APIs share: exit 2, listing both as id (name)', () => {
    const run = results.ambiguous
    expect({code: run.code, stdout: run.stdout}).toEqual({code: 2, stdout: ''})
    expect(stderrLines(run)).toEqual([
      `Error: 2 REST APIs are named "thumbnail-service-dev" in us-east-1: ${twinIds[0]} (thumbnail-service-dev), ${twinIds[1]} (thumbnail-service-dev); pass the id instead`,
    ])
  })

  it('refuses --out DIRECTORY and a missing <api> before calling AWS', () => {
    const directory = results.outIsDirectory
    expect({code: directory.code, stdout: directory.stdout, stderr: stderrLines(directory)}).toEqual({
      code: 2,
      stdout: '',
      stderr: [`Error: --out ${join(scratch, 'a-directory')}: is a directory; name a file`],
    })
    const noApi = results.noApi
    expect(noApi.code).toBe(2)
    expect(JSON.parse(noApi.stdout)).toMatchObject({error: {code: 'USAGE', message: 'No REST API given: pass <api> (an id or a name) or set api: in binfix.yaml'}})
  })

  it('keeps an existing --out file unless --force: exit 2 before calling AWS', () => {
    const kept = results.outExists
    expect({code: kept.code, stdout: kept.stdout, stderr: stderrLines(kept)}).toEqual({
      code: 2,
      stdout: '',
      stderr: [`Error: --out ${join(scratch, 'kept.json')}: the file exists; pass --force to replace it`],
    })
    expect(readFileSync(join(scratch, 'kept.json'), 'utf8')).toBe('kept')
    expect(results.outForced.code).toBe(0)
    expect(readFileSync(join(scratch, 'replaced.json'), 'utf8')).toBe(expected['oas30/application/json'])
  })

  it('--help lists the flags and examples without loading the AWS SDK; an export does load it', () => {
    const help = results.help
    expect(help.code).toBe(0)
    for (const flag of ['--stage', '--type', '--format', '--out', '--region', '--profile', '--endpoint-url', '--json']) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${flag}[=\\s]`, 'm'))
    }
    expect(help.stdout).toContain('EXAMPLES')
    expect(existsSync(join(scratch, 'help.log'))).toBe(false)
    expect(readFileSync(join(scratch, 'export.log'), 'utf8')).toContain('@aws-sdk/client-api-gateway')
  })

  it('made no mutating call', async () => {
    const log = await fetchCallLog(sandbox.url)
    expect(log.length).toBeGreaterThan(10)
    expect(log.filter((call) => call.mutating)).toEqual([])
    // GetStages: the unknown stage's suggestion.
    expect(new Set(log.map((call) => call.operation))).toEqual(new Set(['GetRestApi', 'GetRestApis', 'GetStage', 'GetStages', 'GetExport']))
  })
})
