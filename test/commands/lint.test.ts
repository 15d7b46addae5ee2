// `lint` as pull requests run it: a child CLI on the fixtures of fixtures/lint, offline (no endpoint, no
// credentials: an AWS call would fail), its stdout for each format, its one-line refusals and its exit codes.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {runCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'

// No credentials and an endpoint nothing listens on: lint must not need either.
const OFFLINE = {AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: undefined, AWS_ENDPOINT_URL: 'http://127.0.0.1:9'}
const lint = (args: string[], cwd?: string) => runCli(['lint', ...args], 60_000, {env: OFFLINE, ...(cwd ? {cwd} : {})})

let scratch: string
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-lint-cli-'))
})
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

describe('apigw-binfix lint', () => {
  it('findings: exit 3, grouped by file with the line shown and the fix', async () => {
    const run = await lint(['fixtures/lint/terraform/broken/plan.json'])
    expect(run.code).toBe(3)
    expect(withoutDevModeNoise(run.stderr)).toEqual([])
    expect(run.stdout).toMatch(/^fixtures\/lint\/terraform\/broken\/plan\.json \(terraform-plan: aws_api_gateway_rest_api\.example\)$/m)
    expect(run.stdout).toMatch(/^ {2}1:\d+ {2}warning {2}binary-media-type-escaping {2}aws_api_gateway_rest_api\.example image~1png$/m)
    expect(run.stdout).toMatch(/^ {4}fix:$/m)
    expect(run.stdout).toMatch(/0 errors, 2 warnings, 0 notes in 1 file read/)
  })

  it('a clean file: exit 0', async () => {
    const run = await lint(['fixtures/lint/terraform/fixed/plan.json', 'fixtures/lint/sam/api_with_cors_no_definitionbody.yaml'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/0 errors, 0 warnings, 0 notes in 2 files read/)
  })

  it('--format github: workflow commands only', async () => {
    const run = await lint(['fixtures/lint/serverless/joke-api-cors', '--format', 'github'])
    expect(run.code).toBe(3)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=fixtures\/lint\/serverless\/joke-api-cors\/serverless\.yml,line=\d+,col=\d+,title=apigw-binfix [a-z-]+::\S/)
    expect(lines.some((line) => line.startsWith('::error ') && line.includes('catch-all-breaks-generated-preflight'))).toBe(true)
  })

  it('--format sarif and --json: one document each', async () => {
    const sarif = await lint(['fixtures/lint/sam/cors-catch-all.yaml', '--format', 'sarif'])
    expect(sarif.code).toBe(3)
    expect(JSON.parse(sarif.stdout)).toMatchObject({version: '2.1.0', runs: [{tool: {driver: {name: 'apigw-binfix'}}}]})
    const json = await lint(['fixtures/lint/sam/cors-catch-all.yaml', '--json'])
    expect(json.code).toBe(3)
    expect(JSON.parse(json.stdout)).toMatchObject({schemaVersion: 1, inSync: false, files: [{file: 'fixtures/lint/sam/cors-catch-all.yaml', format: 'sam'}]})
  })

  it('bad input: one line naming it, exit 2', async () => {
    const missing = await lint(['no/such/template.yaml'])
    expect(missing.code).toBe(2)
    expect(withoutDevModeNoise(missing.stderr)).toEqual(['Error: no/such/template.yaml: no such file or folder'])
    const broken = join(scratch, 'template.yaml')
    writeFileSync(broken, 'Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties: !Bogus x\n')
    const unreadable = await lint([broken])
    expect(unreadable.code).toBe(2)
    expect(withoutDevModeNoise(unreadable.stderr)).toEqual([expect.stringMatching(/^Error: .*template\.yaml: not a readable CloudFormation template: line 4, column 24: unknown tag !Bogus$/)])
    const both = await lint(['fixtures/lint', '--json', '--format', 'sarif'])
    expect(both.code).toBe(2)
    expect(JSON.parse(both.stdout)).toMatchObject({error: {code: 'USAGE', exitCode: 2}})
  })

  it('a folder: walks it, .serverless included, and reads nothing else as a definition', async () => {
    const run = await lint(['fixtures/lint/serverless', '--json'])
    const report = JSON.parse(run.stdout) as {files: Array<{file: string}>}
    expect(report.files.map((file) => file.file)).toEqual([
      'fixtures/lint/serverless/joke-api-binary/.serverless/cloudformation-template-update-stack.json',
      'fixtures/lint/serverless/joke-api-binary/serverless.yml',
      'fixtures/lint/serverless/joke-api-cors/serverless.yml',
      'fixtures/lint/serverless/joke-api/.serverless/cloudformation-template-update-stack.json',
      'fixtures/lint/serverless/joke-api/serverless.yml',
    ])
  })
})
