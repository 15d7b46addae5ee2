// `iac` as users and pipelines run it: a child CLI against a sandbox holding the drifted image API, its
// stdout, stderr, exit codes and --out files, and the call log showing it never writes.
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {IAC_FORMATS} from '../../src/core/iac/formats.js'
import type {Sandbox} from '../../src/sandbox/server.js'
import {type CliRun, PROJECT_ROOT, killStrayClis, runCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'
import {yamlOf} from '../core/iac/syntax.js'
import {driftedImageApi} from '../e2e/apply-support.js'

const SPEC = join(PROJECT_ROOT, 'fixtures/specs/image-api.binfix.yaml')
// Bad input is refused before any AWS call: against an unreachable endpoint a call would exit 1.
const UNREACHABLE = 'http://127.0.0.1:9'

let sandbox: Sandbox
let scratch: string
let apiId: string

interface Run {
  args: string[]
  cwd?: string
}
const results: Record<string, CliRun> = {}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-iac-cli-'))
  sandbox = await startTestSandbox()
  const client = sdkClient(sandbox.url)
  apiId = await driftedImageApi(client, 'image-api.corrected.oas30.json')
  client.destroy()
  await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})

  mkdirSync(join(scratch, 'written'))
  const project = join(scratch, 'project')
  mkdirSync(project)
  writeFileSync(join(project, 'binfix.yaml'), `version: 1\napi: ${apiId}\nstage: v1\nbinaryMediaTypes: [image/jpeg]\n`)
  const empty = join(scratch, 'empty')
  mkdirSync(empty)
  writeFileSync(join(scratch, 'existing.ts'), '// mine\n')
  writeFileSync(join(scratch, 'broken.yaml'), 'version: 1\nroutes:\n  "PUT /lambda":\n    request: CONVERT_TO_TXT\n')
  writeFileSync(join(scratch, 'unknown-route.yaml'), 'version: 1\nroutes:\n  "GET /nowhere":\n    request: CONVERT_TO_TEXT\n')

  const endpoint = ['--endpoint-url', sandbox.url]
  const runs: Record<string, Run> = {
    human: {args: ['iac', apiId, '--format', 'cloudformation', '--spec', SPEC, ...endpoint]},
    json: {args: ['iac', 'ApiName', '--format', 'terraform', '--spec', SPEC, '--json', ...endpoint]},
    out: {args: ['iac', apiId, '--format', 'terraform', '--spec', SPEC, '--out', join(scratch, 'written', 'binary.tf'), ...endpoint]},
    fromProject: {args: ['iac', '--format', 'serverless', '--binary-type', 'application/octet-stream', ...endpoint], cwd: project},
    missingFormat: {args: ['iac', apiId, '--spec', SPEC, ...endpoint]},
    badFormat: {args: ['iac', apiId, '--format', 'yaml', '--spec', SPEC, '--endpoint-url', UNREACHABLE]},
    badSpec: {args: ['iac', apiId, '--format', 'sam', '--spec', join(scratch, 'broken.yaml'), '--out', join(scratch, 'written', 'never.yaml'), '--endpoint-url', UNREACHABLE]},
    noSpec: {args: ['iac', apiId, '--format', 'cdk', '--json', '--endpoint-url', UNREACHABLE], cwd: empty},
    outExists: {args: ['iac', apiId, '--format', 'cdk', '--spec', SPEC, '--out', join(scratch, 'existing.ts'), '--endpoint-url', UNREACHABLE]},
    outMissingDirectory: {args: ['iac', apiId, '--format', 'cdk', '--spec', SPEC, '--out', join(scratch, 'nowhere', 'x.ts'), '--endpoint-url', UNREACHABLE]},
    unknownRoute: {args: ['iac', apiId, '--format', 'cdk', '--spec', join(scratch, 'unknown-route.yaml'), '--out', join(scratch, 'written', 'never.ts'), ...endpoint]},
    help: {args: ['iac', '--help']},
  }
  // Each run costs ~1-2 s of CPU: a few side by side.
  const names = Object.keys(runs)
  let next = 0
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++]!
      const run = runs[name]!
      results[name] = await runCli(run.args, 30_000, {cwd: run.cwd ?? scratch, env: sandboxCliEnv()})
    }
  }
  await Promise.all(Array.from({length: 4}, worker))
}, 120_000)

afterAll(async () => {
  killStrayClis()
  await sandbox.close()
  rmSync(scratch, {recursive: true, force: true})
})

const stderrLines = (run: CliRun) => withoutDevModeNoise(run.stderr)

describe('iac (CLI)', () => {
  it('prints the snippets on stdout, exit 0, nothing on stderr', () => {
    const run = results['human']!
    expect({code: run.code, stderr: stderrLines(run)}).toEqual({code: 0, stderr: []})
    expect(run.stdout).toMatch(/^# apigw-binfix iac --format cloudformation: the binary settings of ApiName /)
    const resources = yamlOf(run.stdout)['Resources']
    expect(resources.RestApi.Properties.BinaryMediaTypes).toEqual(['application/octet-stream', 'image/jpeg'])
    expect(resources.PutLambdaMethod.Properties.Integration.ContentHandling).toBe('CONVERT_TO_TEXT')
  })

  it('--json prints one document: the format, the text and the settings it covers', () => {
    const run = results['json']!
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as Record<string, unknown> & {text: string; settings: {methods: unknown[]}}
    expect(Object.keys(report).sort()).toEqual(['api', 'calls', 'differences', 'format', 'region', 'schemaVersion', 'settings', 'spec', 'stage', 'text'])
    expect(report).toMatchObject({schemaVersion: 1, format: 'terraform', api: {id: apiId, name: 'ApiName'}, stage: 'v1', differences: 3})
    expect(report.settings.methods).toHaveLength(1)
    expect(report.text).toContain('content_handling = "CONVERT_TO_TEXT"')
  })

  it('--out writes the same text atomically and says where', () => {
    const run = results['out']!
    expect({code: run.code, stderr: stderrLines(run)}).toEqual({code: 0, stderr: []})
    const file = join(scratch, 'written', 'binary.tf')
    expect(run.stdout).toBe(`Wrote the terraform snippets for ApiName (${apiId}) to ${file}\n`)
    const json = JSON.parse(results['json']!.stdout) as {text: string}
    expect(readFileSync(file, 'utf8')).toBe(json.text)
    // No temporary file left behind, and nothing written for the runs refused.
    expect(readdirSync(join(scratch, 'written'))).toEqual(['binary.tf'])
  })

  it('takes api:, stage: and the spec from ./binfix.yaml, with --binary-type added', () => {
    const run = results['fromProject']!
    expect(run.code).toBe(0)
    // In the order apply would leave them: added types in the order of its patch.
    expect(yamlOf(run.stdout)['provider'].apiGateway.binaryMediaTypes).toEqual(['application/octet-stream', 'image/jpeg'])
    expect(run.stdout).toContain('as binfix.yaml wants them.')
  })

  it('bad input is one line and exit 2, before any call and without writing', () => {
    const expectations: Record<string, RegExp> = {
      missingFormat: /^Error: No CloudFormation stack deploys REST API \w+ \(ApiName\): pass --format \(cloudformation\|sam\|serverless\|cdk\|terraform\)$/,
      badFormat: /^Error: --format yaml: not one of cloudformation, sam, serverless, cdk, terraform$/,
      badSpec: /^Error: .*broken\.yaml:4:14: .*CONVERT_TO_TXT/,
      outMissingDirectory: /^Error: --out .*nowhere\/x\.ts: directory .* does not exist$/,
      outExists: /^Error: --out .*existing\.ts: the file exists; pass --force to replace it$/,
      unknownRoute: /^Error: .*unknown-route\.yaml: names what REST API \w+ \(ApiName\) lacks: GET \/nowhere/,
    }
    for (const [name, pattern] of Object.entries(expectations)) {
      const run = results[name]!
      expect({name, code: run.code, stdout: run.stdout}).toEqual({name, code: 2, stdout: ''})
      const lines = stderrLines(run)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(pattern)
    }
    const noSpec = results['noSpec']!
    expect(noSpec.code).toBe(2)
    expect(JSON.parse(noSpec.stdout)).toMatchObject({schemaVersion: 1, error: {code: 'USAGE', exitCode: 2, message: expect.stringContaining('No desired spec')}})
    expect(existsSync(join(scratch, 'written', 'never.yaml'))).toBe(false)
    expect(existsSync(join(scratch, 'written', 'never.ts'))).toBe(false)
    expect(readFileSync(join(scratch, 'existing.ts'), 'utf8')).toBe('// mine\n')
  })

  it('--help lists the flags, the formats and examples', () => {
    const help = results['help']!
    expect(help.code).toBe(0)
    for (const flag of ['--format', '--spec', '--stage', '--binary-type', '--out', '--region', '--profile', '--endpoint-url', '--json']) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${flag}[=\\s]`, 'm'))
    }
    for (const format of IAC_FORMATS) expect(help.stdout).toContain(format)
    expect(help.stdout).toContain('EXAMPLES')
  })

  it('made no mutating call', async () => {
    const log = await fetchCallLog(sandbox.url)
    expect(log.length).toBeGreaterThan(5)
    expect(log.filter((call) => call.mutating)).toEqual([])
  })
})
