// `apigw-binfix sandbox --import-stack` as a user runs it: a child process of the CLI from sources.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {DescribeStacksCommand} from '@aws-sdk/client-cloudformation'

import {type CliRun, PROJECT_ROOT, killStrayClis, runCli, spawnCli, withoutDevModeNoise} from '../../helpers/cli/child-cli.js'
import {fetchCallLog} from '../../helpers/sandbox.js'
import {cloudFormationClient} from './support.js'

const THUMBNAIL_API = 'fixtures/apis/thumbnail-service.oas30.json'
const IMAGE_API = 'fixtures/apis/image-api.oas30.json'
const THUMBNAIL_STACK = 'fixtures/stacks/thumbnail-service.stack.yaml'

let scratch: string
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-sandbox-stack-cmd-'))
})
afterAll(() => {
  killStrayClis()
  rmSync(scratch, {recursive: true, force: true})
})

describe('sandbox --import-stack (running)', () => {
  it('imports the stack after the APIs, reports it in --json, and answers CloudFormation calls on the same port', async () => {
    const cli = spawnCli(['sandbox', '--port', '0', '--json', '--import', THUMBNAIL_API, '--deploy-stage', 'dev', '--import-stack', THUMBNAIL_STACK])
    try {
      const started = await cli.firstJson()
      const restApis = started.restApis as Array<{id: string}>
      expect(started.stacks).toEqual([
        {
          file: THUMBNAIL_STACK,
          stackName: 'thumbnail-service-dev',
          stackId: expect.stringMatching(/^arn:aws:cloudformation:us-east-1:123456789012:stack\/thumbnail-service-dev\//),
          restApis: {ApiGatewayRestApi: restApis[0]!.id},
        },
      ])
      const client = cloudFormationClient(started.endpoint as string)
      const {Stacks} = await client.send(new DescribeStacksCommand({StackName: 'thumbnail-service-dev'}))
      expect(Stacks![0]!.StackStatus).toBe('UPDATE_COMPLETE')
      client.destroy()
      expect((await fetchCallLog(started.endpoint as string)).map((call) => call.operation)).toEqual(['DescribeStacks'])
    } finally {
      cli.child.kill('SIGINT')
    }
    const exit = await cli.closed
    expect(exit.code).toBe(0)
    expect(withoutDevModeNoise(exit.stderr)).toEqual([])
  })

  it('tells a person which stack it declared onto which REST API', async () => {
    const cli = spawnCli(['sandbox', '--port', '0', '--import', THUMBNAIL_API, '--import-stack', THUMBNAIL_STACK])
    try {
      const stdout = await cli.waitForText('Press Ctrl-C to stop.')
      expect(stdout).toMatch(/^ {2}stack thumbnail-service-dev {2}from fixtures\/stacks\/thumbnail-service\.stack\.yaml {2}\(ApiGatewayRestApi → [a-z0-9]{10}\)$/m)
      expect(stdout).toMatch(/AWS_ENDPOINT_URL_CLOUDFORMATION=http:\/\/127\.0\.0\.1:\d+/)
    } finally {
      cli.child.kill('SIGTERM')
    }
    expect((await cli.closed).code).toBe(0)
  })
})

describe('sandbox --import-stack (bad input)', () => {
  interface Case {
    name: string
    args: () => string[]
    names: () => string
  }
  const missing = () => join(scratch, 'missing.stack.yaml')
  const badYaml = () => join(scratch, 'bad.stack.yaml')
  const noLogical = () => join(scratch, 'no-logical.stack.yaml')

  const cases: Case[] = [
    {name: 'a missing declaration', args: () => ['--import', THUMBNAIL_API, '--import-stack', missing()], names: () => `--import-stack ${missing()}: no such file`},
    {name: 'a declaration that is not YAML', args: () => ['--import', THUMBNAIL_API, '--import-stack', badYaml()], names: () => `--import-stack ${badYaml()}: not valid YAML`},
    {
      name: 'a template without that logical id',
      args: () => ['--import', THUMBNAIL_API, '--import-stack', noLogical()],
      names: () => `--import-stack ${noLogical()}: template`,
    },
    {
      name: 'a REST API that was not imported',
      args: () => ['--import', IMAGE_API, '--import-stack', THUMBNAIL_STACK],
      names: () => `--import-stack ${THUMBNAIL_STACK}: restApis.ApiGatewayRestApi: no REST API named or with id thumbnail-service-dev`,
    },
  ]
  const results = new Map<string, {text: CliRun; json: CliRun}>()

  beforeAll(async () => {
    writeFileSync(badYaml(), 'stackName: [oops\n')
    writeFileSync(noLogical(), `stackName: s\ntemplate: ${join(PROJECT_ROOT, 'fixtures/stacks/thumbnail-service.serverless.json')}\nrestApis: {NoSuchApi: thumbnail-service-dev}\n`)
    const runs = cases.flatMap((testCase) => [
      {testCase, mode: 'text' as const, args: ['sandbox', '--port', '0', ...testCase.args()]},
      {testCase, mode: 'json' as const, args: ['sandbox', '--port', '0', ...testCase.args(), '--json']},
    ])
    const outcomes = await Promise.all(runs.map((run) => runCli(run.args, 30_000)))
    for (const testCase of cases) {
      const of = (mode: 'text' | 'json') => outcomes[runs.findIndex((run) => run.testCase === testCase && run.mode === mode)]!
      results.set(testCase.name, {text: of('text'), json: of('json')})
    }
  }, 60_000)

  it.each(cases)('$name: exit 2, one line on stderr naming the flag and value, nothing on stdout', (testCase) => {
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
    expect(json.code).toBe(2)
    const document = JSON.parse(json.stdout) as {error: {code: string; message: string; exitCode: number}}
    expect(document.error).toMatchObject({code: 'USAGE', exitCode: 2})
    expect(document.error.message).toContain(testCase.names())
    expect(document.error.message).not.toContain('\n')
  })
})
