// `--import-stack` as setup: every refusal names the flag and the file, and leaves the sandbox as it was;
// stacks persist with the state file.
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {DescribeStackResourceDriftsCommand, DescribeStacksCommand} from '@aws-sdk/client-cloudformation'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {SandboxSetupError, setUpSandbox} from '../../../src/sandbox/setup.js'
import {startTestSandbox} from '../../helpers/sandbox.js'
import {IMAGE_API, IMAGE_STACK, THUMBNAIL_API, THUMBNAIL_STACK, THUMBNAIL_TEMPLATE, cloudFormationClient, detectDrift} from './support.js'

let scratch: string
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-import-stack-'))
})
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

/** Writes a file into the scratch directory and returns its path. */
function file(name: string, text: string): string {
  const path = join(scratch, name)
  writeFileSync(path, text)
  return path
}

describe('--import-stack refusals', () => {
  let sandbox: Sandbox
  beforeEach(async () => {
    sandbox = await startTestSandbox()
  })
  afterEach(() => sandbox.close())

  const attempt = (stacks: string[], imports: string[] = [THUMBNAIL_API]) => () => setUpSandbox(sandbox, {imports, stacks})

  interface Case {
    name: string
    stacks: () => string[]
    imports?: string[]
    message: () => string | RegExp
  }

  const cases: Case[] = [
    {name: 'a missing declaration', stacks: () => [join(scratch, 'missing.yaml')], message: () => `--import-stack ${join(scratch, 'missing.yaml')}: no such file`},
    {
      name: 'a declaration that is not YAML',
      stacks: () => [file('bad.yaml', 'stackName: [unclosed\n')],
      message: () => new RegExp(`^--import-stack ${join(scratch, 'bad.yaml')}: not valid YAML or JSON \\(`),
    },
    {
      name: 'a declaration with an unknown key',
      stacks: () => [file('unknown-key.yaml', 'stackName: s\ntemplate: t.json\nrestApis: {A: b}\nregion: eu-west-1\n')],
      message: () => `--import-stack ${join(scratch, 'unknown-key.yaml')}: unknown key region (expected stackName, template, restApis, stackStatus, parameters, tags)`,
    },
    {
      name: 'a bad stack name',
      stacks: () => [file('bad-name.yaml', 'stackName: 1-stack\ntemplate: t.json\nrestApis: {A: b}\n')],
      message: () => /: stackName 1-stack: a stack name starts with a letter/,
    },
    {
      name: 'a missing template',
      stacks: () => [file('no-template.yaml', 'stackName: s\ntemplate: nowhere.json\nrestApis: {A: b}\n')],
      message: () => `--import-stack ${join(scratch, 'no-template.yaml')}: template nowhere.json: no such file`,
    },
    {
      name: 'a template that is not YAML',
      stacks: () => {
        file('broken.yaml', 'Resources:\n  Api: !Ref [\n')
        return [file('broken-template.yaml', 'stackName: s\ntemplate: broken.yaml\nrestApis: {Api: thumbnail-service-dev}\n')]
      },
      message: () => new RegExp(`^--import-stack ${join(scratch, 'broken-template.yaml')}: template broken.yaml: `),
    },
    {
      name: 'a template without the logical id',
      stacks: () => [file('no-logical.yaml', `stackName: s\ntemplate: ${THUMBNAIL_TEMPLATE}\nrestApis: {MyApi: thumbnail-service-dev}\n`)],
      message: () => `--import-stack ${join(scratch, 'no-logical.yaml')}: template ${THUMBNAIL_TEMPLATE} has no resource MyApi`,
    },
    {
      name: 'a logical id that is not a REST API',
      stacks: () => [file('not-api.yaml', `stackName: s\ntemplate: ${THUMBNAIL_TEMPLATE}\nrestApis: {ApiGatewayRestApi: thumbnail-service-dev, UploadLambdaFunction: x}\n`)],
      message: () => /: restApis\.UploadLambdaFunction: UploadLambdaFunction is an AWS::Lambda::Function, not an AWS::ApiGateway::RestApi or AWS::Serverless::Api$/,
    },
    {
      name: 'a REST API that is not there',
      stacks: () => [THUMBNAIL_STACK],
      imports: [IMAGE_API],
      message: () => `--import-stack ${THUMBNAIL_STACK}: restApis.ApiGatewayRestApi: no REST API named or with id thumbnail-service-dev (import it with --import)`,
    },
    {
      name: 'a REST API name two APIs have',
      stacks: () => [THUMBNAIL_STACK],
      imports: [THUMBNAIL_API, THUMBNAIL_API],
      message: () => /: restApis\.ApiGatewayRestApi: 2 REST APIs are named thumbnail-service-dev \(--import .+, --import .+\); name one by id$/,
    },
    {
      name: 'the same REST API for two stacks',
      stacks: () => [THUMBNAIL_STACK, file('again.yaml', `stackName: again\ntemplate: ${THUMBNAIL_TEMPLATE}\nrestApis: {ApiGatewayRestApi: thumbnail-service-dev}\n`)],
      message: () => `--import-stack ${join(scratch, 'again.yaml')}: restApis.ApiGatewayRestApi: REST API thumbnail-service-dev already belongs to stack thumbnail-service-dev`,
    },
    {
      name: 'two stacks of one name',
      stacks: () => [IMAGE_STACK, file('same-name.yaml', `stackName: image-api\ntemplate: ${THUMBNAIL_TEMPLATE}\nrestApis: {ApiGatewayRestApi: thumbnail-service-dev}\n`)],
      imports: [THUMBNAIL_API, IMAGE_API],
      message: () => `--import-stack ${join(scratch, 'same-name.yaml')}: a stack named image-api already exists`,
    },
    {
      name: 'a template parameter without a value',
      stacks: () => {
        file('param.yaml', 'Parameters:\n  Stage: {Type: String}\nResources:\n  Api: {Type: AWS::ApiGateway::RestApi}\n')
        return [file('param.stack.yaml', 'stackName: s\ntemplate: param.yaml\nrestApis: {Api: thumbnail-service-dev}\n')]
      },
      message: () => /: template parameter Stage has no Default: give its value under parameters$/,
    },
  ]

  it.each(cases)('$name: one SandboxSetupError naming the flag and file; nothing imported', (testCase) => {
    const stacks = testCase.stacks()
    let thrown: unknown
    try {
      attempt(stacks, testCase.imports)()
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(SandboxSetupError)
    const message = (thrown as Error).message
    expect(message).not.toContain('\n')
    const expected = testCase.message()
    if (typeof expected === 'string') expect(message).toBe(expected)
    else expect(message).toMatch(expected)
    expect(message.startsWith('--import-stack ')).toBe(true)
    // Validated before any change: no API was imported, no stack created.
    expect(sandbox.store.state.apis.size).toBe(0)
    expect(sandbox.stacks.records.size).toBe(0)
  })
})

describe('--import-stack with --state', () => {
  it('persists the stacks and their drift results with the rest of the state, and restores them', async () => {
    const dir = join(scratch, 'state')
    mkdirSync(dir)
    const stateFile = join(dir, 'sandbox.json')
    const first = await startTestSandbox({stateFile, driftDetectionMs: 0})
    const {stacks} = setUpSandbox(first, {imports: [THUMBNAIL_API], deployStage: 'dev', stacks: [THUMBNAIL_STACK]})
    first.persist()
    const client = cloudFormationClient(first.url)
    await detectDrift(client, 'thumbnail-service-dev')
    client.destroy()
    await first.close()
    expect(existsSync(stateFile)).toBe(true)
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as {apis: unknown[]; cloudformation: {stacks: Array<{stackName: string}>}}
    expect(saved.cloudformation.stacks.map((stack) => stack.stackName)).toEqual(['thumbnail-service-dev'])

    const second = await startTestSandbox({stateFile})
    try {
      const again = cloudFormationClient(second.url)
      const {Stacks} = await again.send(new DescribeStacksCommand({}))
      expect(Stacks!.map((stack) => [stack.StackName, stack.StackId, stack.DriftInformation!.StackDriftStatus])).toEqual([['thumbnail-service-dev', stacks[0]!.stackId, 'DRIFTED']])
      const drifts = await again.send(new DescribeStackResourceDriftsCommand({StackName: 'thumbnail-service-dev', StackResourceDriftStatusFilters: ['MODIFIED']}))
      expect(drifts.StackResourceDrifts).toHaveLength(2)
      again.destroy()
      // A stack of that name exists now: declaring it again is refused.
      expect(() => setUpSandbox(second, {stacks: [THUMBNAIL_STACK]})).toThrow(
        `--import-stack ${THUMBNAIL_STACK}: a stack named thumbnail-service-dev already exists (restored from --state)`,
      )
    } finally {
      await second.close()
    }
  })

  it('POST /_sandbox/reset removes the stacks too', async () => {
    const sandbox = await startTestSandbox()
    try {
      setUpSandbox(sandbox, {imports: [THUMBNAIL_API], stacks: [THUMBNAIL_STACK]})
      expect((await fetch(`${sandbox.url}/_sandbox/reset`, {method: 'POST'})).status).toBe(200)
      const client = cloudFormationClient(sandbox.url)
      expect((await client.send(new DescribeStacksCommand({}))).Stacks).toEqual([])
      client.destroy()
    } finally {
      await sandbox.close()
    }
  })
})
