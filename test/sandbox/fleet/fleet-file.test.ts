// `sandbox --fleet FILE`: the fixture fleet made in its accounts and Regions and seen through the SDKs, and
// every fault of a fleet file refused at its line and column before the sandbox starts.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {APIGatewayClient, GetRestApisCommand, GetStagesCommand} from '@aws-sdk/client-api-gateway'
import {CloudFormationClient, DescribeStacksCommand} from '@aws-sdk/client-cloudformation'
import {ListAccountsCommand, OrganizationsClient} from '@aws-sdk/client-organizations'
import {AssumeRoleCommand, STSClient} from '@aws-sdk/client-sts'

import {UsageError} from '../../../src/core/errors.js'
import {type RunningSandbox, runSandbox} from '../../../src/services/sandbox-service.js'

const SAMPLE = fileURLToPath(new URL('../../../fixtures/fleet/sample.fleet.yaml', import.meta.url))
const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url))

const credentials = (accessKeyId: string) => ({accessKeyId, secretAccessKey: 'x'})

describe('sandbox --fleet with the sample fleet', () => {
  let running: RunningSandbox
  beforeAll(async () => {
    running = await runSandbox({port: 0, imports: [], fleetFile: SAMPLE, logDiagnosis: () => {}})
  })
  afterAll(() => running.sandbox.close())
  const gateway = (account: string, region: string) => new APIGatewayClient({endpoint: running.endpoint, region, credentials: credentials(account), maxAttempts: 1})

  it('reports what it made', () => {
    // 3 + 2 APIs in media-prod's 2 Regions and media-dev's 1, 2 in legacy's 2; a stack for each corrected copy.
    expect(running.fleet).toEqual({file: SAMPLE, accounts: 4, accountRegions: 5, restApis: 5 * 3 + 2 * 2, stacks: 2 * 3})
  })

  it("makes each account-Region's copies, named, tagged and deployed, visible only there", async () => {
    const listed = async (account: string, region: string) => ((await gateway(account, region).send(new GetRestApisCommand({}))).items ?? [])
    const prodEu = await listed('111111111111', 'eu-west-1')
    expect(prodEu.map((api) => api.name).sort()).toEqual(['images-1', 'images-2', 'images-3', 'images-fixed-1', 'images-fixed-2'])
    expect(prodEu.find((api) => api.name === 'images-1')!.tags).toEqual({team: 'media'})
    const stages = await gateway('111111111111', 'eu-west-1').send(new GetStagesCommand({restApiId: prodEu[0]!.id!}))
    expect(stages.item!.map((stage) => stage.stageName)).toEqual(['v1'])
    expect((await listed('333333333333', 'af-south-1')).map((api) => api.name)).toEqual(['thumbnail-service-dev-1', 'thumbnail-service-dev-2'])
    expect(await listed('333333333333', 'eu-west-1')).toEqual([])
    expect(await listed('123456789012', 'us-east-1')).toEqual([])
  })

  it('owns the corrected copies by stacks of their own, tagged as CloudFormation tags them', async () => {
    const client = new CloudFormationClient({endpoint: running.endpoint, region: 'us-east-1', credentials: credentials('222222222222'), maxAttempts: 1})
    const {Stacks} = await client.send(new DescribeStacksCommand({StackName: 'image-api-2'}))
    expect(Stacks![0]!.StackId).toMatch(/^arn:aws:cloudformation:us-east-1:222222222222:stack\/image-api-2\//)
    const owned = ((await gateway('222222222222', 'us-east-1').send(new GetRestApisCommand({}))).items ?? []).filter((api) => api.tags?.['aws:cloudformation:stack-name'])
    expect(owned.map((api) => [api.name, api.tags!['aws:cloudformation:stack-name']]).sort()).toEqual([
      ['images-fixed-1', 'image-api-1'],
      ['images-fixed-2', 'image-api-2'],
    ])
  })

  it("answers a failing Region's calls with an SCP's AccessDenied, in API Gateway's and CloudFormation's shapes", async () => {
    const refused = await gateway('222222222222', 'eu-west-1').send(new GetRestApisCommand({})).then(
      () => undefined,
      (error: Error & {$metadata: {httpStatusCode?: number}}) => ({name: error.name, message: error.message, status: error.$metadata.httpStatusCode}),
    )
    expect(refused).toEqual({
      name: 'AccessDeniedException',
      message: 'User: arn:aws:iam::222222222222:root is not authorized to perform: apigateway:GET on resource: arn:aws:apigateway:eu-west-1::/restapis with an explicit deny in a service control policy',
      status: 403,
    })
    const cloudFormation = new CloudFormationClient({endpoint: running.endpoint, region: 'eu-west-1', credentials: credentials('222222222222'), maxAttempts: 1})
    await expect(cloudFormation.send(new DescribeStacksCommand({}))).rejects.toEqual(expect.objectContaining({name: 'AccessDenied'}))
    // The same account elsewhere, and another account there, are served.
    await expect(gateway('222222222222', 'us-east-1').send(new GetRestApisCommand({}))).resolves.toBeDefined()
    await expect(gateway('111111111111', 'eu-west-1').send(new GetRestApisCommand({}))).resolves.toBeDefined()
  })

  it("lists the fleet's accounts with the management account, and applies its roles", async () => {
    const organizations = new OrganizationsClient({endpoint: running.endpoint, region: 'us-east-1', credentials: credentials('AKIDSANDBOXTEST'), maxAttempts: 1})
    const {Accounts} = await organizations.send(new ListAccountsCommand({}))
    expect(Accounts!.map((account) => [account.Id, account.Name])).toEqual([
      ['123456789012', 'management'],
      ['111111111111', 'media-prod'],
      ['222222222222', 'media-dev'],
      ['333333333333', 'legacy'],
    ])
    const sts = new STSClient({endpoint: running.endpoint, region: 'us-east-1', credentials: credentials('AKIDSANDBOXTEST'), maxAttempts: 1})
    await expect(sts.send(new AssumeRoleCommand({RoleArn: 'arn:aws:iam::333333333333:role/BinfixAudit', RoleSessionName: 'audit'}))).rejects.toEqual(
      expect.objectContaining({name: 'AccessDenied'}),
    )
    const assumed = await sts.send(new AssumeRoleCommand({RoleArn: 'arn:aws:iam::111111111111:role/BinfixAudit', RoleSessionName: 'audit', ExternalId: 'binfix-fleet'}))
    const asRole = new APIGatewayClient({endpoint: running.endpoint, region: 'us-east-1', credentials: {accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: 'x', sessionToken: assumed.Credentials!.SessionToken!}, maxAttempts: 1})
    expect((await asRole.send(new GetRestApisCommand({}))).items).toHaveLength(5)
  })
})

describe('fleet file faults', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-fleet-file-'))
  afterAll(() => rmSync(scratch, {recursive: true, force: true}))

  const refusal = async (text: string): Promise<string> => {
    const file = join(scratch, 'fleet.yaml')
    writeFileSync(file, text)
    const error = await runSandbox({port: 0, imports: [], fleetFile: file, logDiagnosis: () => {}}).then(
      async (running) => {
        await running.sandbox.close()
        return undefined
      },
      (failure: unknown) => failure,
    )
    expect(error).toBeInstanceOf(UsageError)
    return (error as Error).message.replace(file, 'FILE')
  }
  const definition = join(FIXTURES, 'apis/image-api.oas30.json')

  it.each([
    ['an unknown key', 'version: 1\naccounts:\n  - id: "111111111111"\n    name: a\n    region: [us-east-1]\n', '--fleet FILE:5:13: unknown key "region" (allowed: id, name, email, ou, tags, status, regions, failingRegions, roles, apis)'],
    ['an account id written as a number', 'version: 1\naccounts:\n  - id: 111111111111\n    name: a\n', '--fleet FILE:3:9: accounts[0].id must be a string'],
    ['a misspelt Region', 'version: 1\naccounts:\n  - id: "111111111111"\n    name: a\n    regions: [us-east-1, eu-wset-1]\n', '--fleet FILE:5:26: "eu-wset-1" is not a Region of the aws partition'],
    ['a failure kind AWS has no counterpart for', 'version: 1\naccounts:\n  - id: "111111111111"\n    name: a\n    failingRegions: {eu-west-1: Flaky}\n', '--fleet FILE:5:33: accounts[0].failingRegions.eu-west-1 must be one of AccessDenied, UnrecognizedClient, ServiceUnavailable (got "Flaky")'],
    ['a Region both serving and failing', 'version: 1\naccounts:\n  - id: "111111111111"\n    name: a\n    regions: [eu-west-1]\n    failingRegions:\n      eu-west-1: AccessDenied\n', "--fleet FILE:7:18: eu-west-1 is also in regions: a Region either serves the account's APIs or fails"],
    ['an account named twice', 'version: 1\naccounts:\n  - {id: "111111111111", name: a}\n  - {id: "111111111111", name: b}\n', '--fleet FILE:4:10: account 111111111111 is named twice'],
    ['a definition that is not there', 'version: 1\napis:\n  - definition: nowhere.json\n    copies: 2\naccounts:\n  - {id: "111111111111", name: a}\n', `--fleet FILE:3:17: ${join(scratch, 'nowhere.json')}: no such file`],
    ['copies of a stack without {n}', `version: 1\napis:\n  - definition: ${definition}\n    copies: 2\n    stack:\n      declaration: ${join(FIXTURES, 'stacks/image-api.stack.yaml')}\n      name: one\naccounts:\n  - {id: "111111111111", name: a}\n`, "--fleet FILE:7:13: the 2 copies' stacks need names of their own: put {n} in the name"],
    ['the wrong version', 'version: 2\naccounts: []\n', '--fleet FILE:1:10: version must be 1'],
    ['YAML that does not parse', 'version: 1\naccounts: [\n', '--fleet FILE:3:1: '],
  ])('refuses %s', async (_what, text, expected) => {
    expect(await refusal(text)).toContain(expected)
  })

  it('refuses --fleet with --state', async () => {
    await expect(runSandbox({port: 0, imports: [], fleetFile: SAMPLE, stateFile: join(scratch, 'state.json')})).rejects.toThrow('--fleet and --state cannot be combined')
  })
})
