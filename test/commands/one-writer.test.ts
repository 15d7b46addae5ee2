// Two applies on the same API at once: the second is refused before it reads or writes anything, naming
// the first; the first finishes in its own journal, which rollback then reads whole.
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {driftedImageApi, stageExport} from '../e2e/apply-support.js'
import {fixturePath} from '../e2e/audit-support.js'
import {killStrayClis, runCli, spawnCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

const SPEC = fixturePath('image-api.oas30.json')
let sandbox: Sandbox
let client: APIGatewayClient
let scratch: string

beforeAll(async () => {
  sandbox = await startTestSandbox()
  client = sdkClient(sandbox.url)
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-one-writer-'))
})

afterAll(async () => {
  killStrayClis()
  await fetch(`${sandbox.url}/_sandbox/release`, {method: 'POST'})
  client.destroy()
  await sandbox.close()
  rmSync(scratch, {recursive: true, force: true})
})

async function heldAnswers(): Promise<number> {
  return ((await (await fetch(`${sandbox.url}/_sandbox/health`)).json()) as {heldAnswers: number}).heldAnswers
}

it('a second apply while the first writes: exit 2 naming the first, nothing read or written by it', async () => {
  const restApiId = await driftedImageApi(client)
  const startingExport = await stageExport(client, restApiId)
  const history = join(scratch, 'history')
  const args = ['apply', restApiId, '--stage', 'v1', '--spec', SPEC, '--yes', '--history', history, '--endpoint-url', sandbox.url]
  await fetch(`${sandbox.url}/_sandbox/hold-answer`, {method: 'POST', body: JSON.stringify({afterWrites: 1})})
  const first = spawnCli(args, {env: sandboxCliEnv(), cwd: scratch})
  const deadline = Date.now() + 20_000
  while ((await heldAnswers()) !== 1) {
    if (Date.now() > deadline) throw new Error(`the first apply never wrote: ${first.output().stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const before = (await fetchCallLog(sandbox.url)).length

  const second = await runCli(args, 30_000, {env: sandboxCliEnv(), cwd: scratch})
  const secondCalls = (await fetchCallLog(sandbox.url)).slice(before)
  await fetch(`${sandbox.url}/_sandbox/release`, {method: 'POST'})
  const firstRun = await first.closed

  expect(second.code).toBe(2)
  expect(withoutDevModeNoise(second.stderr).filter((line) => line.startsWith('Error:'))).toEqual([
    expect.stringMatching(new RegExp(`^Error: REST API ${restApiId} \\(us-east-1\\) is locked by apply pid ${first.child.pid} on .* since .*: wait for it to finish, or if it is gone, take the lock over with --force-unlock [0-9a-f]{12}$`)),
  ])
  // It resolved the API and stopped: one read, no write.
  expect(secondCalls.map((call) => call.operation)).toEqual(['GetRestApi'])
  expect(firstRun.code).toBe(0)
  const files = readdirSync(join(history, restApiId))
  expect(files.filter((name) => name.endsWith('.jsonl'))).toHaveLength(1)
  expect(files.filter((name) => name.endsWith('.lock'))).toEqual([])

  const undone = await runCli(['rollback', restApiId, '--stage', 'v1', '--yes', '--history', history, '--endpoint-url', sandbox.url], 30_000, {env: sandboxCliEnv(), cwd: scratch})
  expect(undone.code).toBe(0)
  expect(await stageExport(client, restApiId)).toBe(startingExport)
}, 60_000)
