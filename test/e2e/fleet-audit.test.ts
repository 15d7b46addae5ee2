// fleet audit end to end: the built-from-source CLI against a sandbox fleet (an organization of four
// accounts, two Regions): a member whose role cannot be assumed, a Region that answers errors, a stack
// owning an API, a fleet file with two selectors. The totals, the JSON Lines, ASFF checked against its
// required fields, the exit code, and no mutating call (the sandbox's call log).
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {APIGatewayClient, CreateDeploymentCommand, ImportRestApiCommand, UpdateRestApiCommand} from '@aws-sdk/client-api-gateway'

import {ASFF_REQUIRED} from '../../src/core/asff.js'
import {ExitCode} from '../../src/core/exit-codes.js'
import type {FleetApiResult} from '../../src/core/fleet-report.js'
import type {FleetAccount, FleetDirectory} from '../../src/sandbox/fleet/directory.js'
import {organizationFor} from '../../src/sandbox/fleet/organizations.js'
import type {Sandbox} from '../../src/sandbox/server.js'
import {runCli} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sandboxCliEnv} from '../helpers/sandbox.js'
import {thumbnailSandbox} from '../sandbox/cloudformation/support.js'

const MANAGEMENT = '123456789012'
const MEDIA = '111111111111'
const LOCKED = '222222222222'
const WEB = '333333333333'

function account(id: string, name: string, extra: Partial<FleetAccount> = {}): FleetAccount {
  return {id, name, email: `${name}@example.com`, tags: {}, status: 'ACTIVE', optInRegions: [], failingRegions: new Map(), ...extra}
}

function fleetDirectory(): FleetDirectory {
  const auditor = (assumable: boolean) => new Map([['BinfixAudit', {name: 'BinfixAudit', assumable}]])
  return {
    organization: organizationFor(MANAGEMENT),
    accounts: new Map([
      [MANAGEMENT, account(MANAGEMENT, 'management')],
      [MEDIA, account(MEDIA, 'media', {roles: auditor(true)})],
      [LOCKED, account(LOCKED, 'locked', {roles: auditor(false)})],
      // eu-west-1 answers every call of this account with an SCP's AccessDenied.
      [WEB, account(WEB, 'web', {roles: auditor(true), failingRegions: new Map([['eu-west-1', 'AccessDenied' as const]])})],
    ]),
  }
}

let sandbox: Sandbox
let dir: string
const ids: Record<string, string> = {}

/** An API Gateway client acting in `accountId` (the sandbox reads a 12-digit access key as the account). */
function clientIn(accountId: string, region: string): APIGatewayClient {
  return new APIGatewayClient({endpoint: sandbox.url, region, credentials: {accessKeyId: accountId, secretAccessKey: 'test'}, maxAttempts: 1})
}

async function importNamed(client: APIGatewayClient, name: string, breakIt: boolean): Promise<string> {
  const body = readFileSync(new URL('../../fixtures/apis/image-api.oas30.json', import.meta.url))
  const {id} = await client.send(new ImportRestApiCommand({body}))
  const patchOperations = [{op: 'replace' as const, path: '/name', value: name}, ...(breakIt ? [{op: 'remove' as const, path: '/binaryMediaTypes/image~1jpeg'}] : [])]
  await client.send(new UpdateRestApiCommand({restApiId: id, patchOperations}))
  await client.send(new CreateDeploymentCommand({restApiId: id, stageName: 'v1'}))
  return id!
}

beforeAll(async () => {
  ;({sandbox, apiId: ids.thumbnail} = await thumbnailSandbox({fleetDirectory: fleetDirectory()}) as {sandbox: Sandbox; apiId: string})
  const media = clientIn(MEDIA, 'us-east-1')
  const mediaEu = clientIn(MEDIA, 'eu-west-1')
  const web = clientIn(WEB, 'us-east-1')
  ids.ok = await importNamed(media, 'images-ok', false)
  ids.broken = await importNamed(media, 'images-broken', true)
  ids.eu = await importNamed(mediaEu, 'images-eu', true)
  ids.other = await importNamed(web, 'other-api', false)
  for (const client of [media, mediaEu, web]) client.destroy()
  dir = mkdtempSync(join(tmpdir(), 'apigw-binfix-fleet-e2e-'))
  mkdirSync(join(dir, 'specs'))
  for (const spec of ['image-api', 'thumbnail-service']) copyFileSync(new URL(`../../fixtures/specs/${spec}.binfix.yaml`, import.meta.url), join(dir, 'specs', `${spec}.binfix.yaml`))
  writeFileSync(
    join(dir, 'binfix-fleet.yaml'),
    ['version: 1', 'apis:', '  - match: {stack: "thumbnail-*"}', '    spec: specs/thumbnail-service.binfix.yaml', '  - match: {name: "images-*"}', '    spec: specs/image-api.binfix.yaml', ''].join('\n'),
  )
}, 30_000)

afterAll(async () => {
  await sandbox.close()
  rmSync(dir, {recursive: true, force: true})
})

const ORGANIZATION = ['--organization', '--role-name', 'BinfixAudit', '--regions', 'us-east-1,eu-west-1']

function fleetAudit(args: readonly string[]) {
  return runCli(['fleet', 'audit', ...ORGANIZATION, '--endpoint-url', sandbox.url, ...args], 60_000, {cwd: dir, env: sandboxCliEnv()})
}

describe('fleet audit on a sandbox organization', () => {
  it('writes one JSON line per API and per unreadable account or Region, exits 1, and writes nothing', async () => {
    const before = (await fetchCallLog(sandbox.url)).length
    const run = await fleetAudit(['--output', 'jsonl'])
    expect(run.code).toBe(ExitCode.failure)
    const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as FleetApiResult & {type: string; message?: string})
    const apis = lines.filter((line) => line.type === 'api')
    expect(apis.map((line) => `${line.accountId} ${line.region} ${line.api.name}`).sort()).toEqual(
      [`${MANAGEMENT} us-east-1 thumbnail-service-dev`, `${MEDIA} eu-west-1 images-eu`, `${MEDIA} us-east-1 images-broken`, `${MEDIA} us-east-1 images-ok`, `${WEB} us-east-1 other-api`].sort(),
    )
    const byName = Object.fromEntries(apis.map((line) => [line.api.name, line]))
    expect(byName['images-ok']).toMatchObject({spec: 'specs/image-api.binfix.yaml', inSync: true})
    expect(byName['images-broken']).toMatchObject({spec: 'specs/image-api.binfix.yaml', inSync: false})
    expect(byName['images-eu']).toMatchObject({inSync: false})
    expect(byName['other-api']).toMatchObject({spec: null})
    // The stack's selector comes first and wins; the owner is named.
    expect(byName['thumbnail-service-dev']).toMatchObject({spec: 'specs/thumbnail-service.binfix.yaml', owner: {stackName: 'thumbnail-service-dev'}})

    const failures = lines.filter((line) => line.type === 'access-failure')
    expect(failures).toEqual([
      expect.objectContaining({accountId: LOCKED, region: null, message: expect.stringContaining(`sts:AssumeRole on arn:aws:iam::${LOCKED}:role/BinfixAudit`)}),
      expect.objectContaining({accountId: WEB, region: 'eu-west-1', message: expect.stringContaining('access denied: GetRestApis needs apigateway:GET')}),
    ])

    const calls = (await fetchCallLog(sandbox.url)).slice(before)
    expect(calls.filter((call) => call.mutating)).toEqual([])
    // The audit read in every reachable account-Region, signed as each account.
    expect(new Set(calls.filter((call) => call.operation === 'GetRestApis').map((call) => `${call.account} ${call.region}`))).toEqual(
      new Set([`${MANAGEMENT} us-east-1`, `${MANAGEMENT} eu-west-1`, `${MEDIA} us-east-1`, `${MEDIA} eu-west-1`, `${WEB} us-east-1`, `${WEB} eu-west-1`]),
    )
  }, 90_000)

  it('writes ASFF findings to a 0600 --out file with every required field, and a summary with the totals', async () => {
    const run = await fleetAudit(['--output', 'asff', '--out', 'findings.json'])
    expect(run.code).toBe(ExitCode.failure)
    expect(statSync(join(dir, 'findings.json')).mode & 0o777).toBe(0o600)
    const findings = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as Array<Record<string, unknown>>
    expect(findings.length).toBeGreaterThan(0)
    for (const finding of findings) for (const field of ASFF_REQUIRED) expect(finding[field]).toBeDefined()
    expect(new Set(findings.map((finding) => finding.AwsAccountId))).toContain(MEDIA)
    // WEB's eu-west-1 could not be read: five account-Regions were.
    expect(run.stdout).toContain('Fleet: 4 account(s), 5 account-Region(s), 5 API(s)')
    expect(run.stdout).toContain(`locked (${LOCKED}): access denied`)

    const again = await fleetAudit(['--output', 'asff', '--out', 'findings.json'])
    expect(again.code).toBe(ExitCode.usage)
    expect(again.stderr).toContain('--out findings.json: the file exists')
  }, 90_000)
})
