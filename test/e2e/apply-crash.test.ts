// apply killed (SIGKILL) right after its k-th write landed, for every k: the sandbox applies the write
// and holds its answer, so the CLI dies not knowing. Whatever k, a re-run finishes the job with at most
// one redeploy, and a rollback — after the re-run or straight after the crash — gives the stage back
// exactly what it served before.
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {type APIGatewayClient, GetDeploymentsCommand} from '@aws-sdk/client-api-gateway'

import {readJournalEntries} from '../../src/history/journal-store.js'
import type {Sandbox} from '../../src/sandbox/server.js'
import {type CliRun, killStrayClis, spawnCli} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'
import {apply, callCount, rollback, stageDeployment, stageExport, writesSince} from './apply-support.js'
import {audit, deploy, fixturePath, importFixture, patchBinaryMediaTypes, setContentHandling, useTestCredentials} from './audit-support.js'

interface Scenario {
  name: string
  /** The writes an uninterrupted apply makes, CreateDeployment last. */
  writes: string[]
  specFile?: string
  /** The fix is of preflights failing today, with no spec governing them: asked for with --fix-hazards. */
  fixHazards?: boolean
  drifted(client: APIGatewayClient): Promise<string>
}

const IMAGE_SPEC = fixturePath('image-api.oas30.json')

const SCENARIOS: Scenario[] = [
  {
    name: 'the image API with the typical drift',
    writes: ['UpdateRestApi', 'UpdateIntegration', 'CreateDeployment'],
    specFile: IMAGE_SPEC,
    async drifted(client) {
      const restApiId = await importFixture(client, 'image-api.oas30.json')
      await patchBinaryMediaTypes(client, restApiId, 'remove', '/binaryMediaTypes/application~1octet-stream', '/binaryMediaTypes/image~1jpeg')
      await setContentHandling(client, restApiId, '/lambda', 'PUT', '')
      await deploy(client, restApiId)
      return restApiId
    },
  },
  {
    name: 'the thumbnail service with */* added',
    // Its preflights' responses have no mapping template: CONVERT_TO_TEXT on the integrations is the whole fix (aws/chalice #1310).
    writes: ['UpdateIntegration', 'UpdateIntegration', 'CreateDeployment'],
    fixHazards: true,
    async drifted(client) {
      const restApiId = await importFixture(client, 'thumbnail-service.oas30.json')
      await patchBinaryMediaTypes(client, restApiId, 'add', '/binaryMediaTypes/*~1*')
      await deploy(client, restApiId)
      return restApiId
    },
  },
]

interface Bench {
  sandbox: Sandbox
  client: APIGatewayClient
}

// Two sandboxes, so the crash followed by a re-run and the crash followed by a rollback run side by side:
// a hold counts every write its sandbox handles.
const benches: Bench[] = []
let restoreEnvironment: () => void
let scratch: string

beforeAll(async () => {
  restoreEnvironment = useTestCredentials()
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-crash-'))
  for (let i = 0; i < 2; i++) {
    const sandbox = await startTestSandbox()
    benches.push({sandbox, client: sdkClient(sandbox.url)})
  }
})
afterAll(async () => {
  killStrayClis()
  for (const bench of benches) {
    bench.client.destroy()
    await bench.sandbox.close()
  }
  restoreEnvironment()
  rmSync(scratch, {recursive: true, force: true})
})

// A failed case must not leave a CLI running or a hold armed for the next one.
beforeEach(async () => {
  for (const bench of benches) await admin(bench.sandbox.url, 'POST', 'reset')
})
afterEach(() => killStrayClis())

async function admin(endpoint: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${endpoint}/_sandbox/${path}`, {method, ...(body === undefined ? {} : {body: JSON.stringify(body)})})
  if (!response.ok) throw new Error(`${method} /_sandbox/${path}: ${response.status} ${await response.text()}`)
  return (await response.json()) as Record<string, unknown>
}

/** Polls the sandbox until `count` answers are held; fails at once if the CLI exits first. */
async function untilHeldAnswers(endpoint: string, count: number, cli?: Promise<CliRun>): Promise<void> {
  let exited: CliRun | undefined
  void cli?.then((run) => (exited = run))
  const deadline = Date.now() + 15_000
  while ((await admin(endpoint, 'GET', 'health')).heldAnswers !== count) {
    if (exited) throw new Error(`apply exited (${exited.code ?? exited.signal}) before an answer was held:\n${exited.stderr}`)
    if (Date.now() > deadline) throw new Error(`heldAnswers did not become ${count}`)
    await sleep(10)
  }
}

interface Crash {
  restApiId: string
  startingExport: string
  startingDeployment: string
  history: string
}

/** Sets up the drifted API, then runs the CLI's apply and kills it once its k-th write is applied. */
async function applyKilledAfterWrite(bench: Bench, scenario: Scenario, k: number): Promise<Crash> {
  const endpoint = bench.sandbox.url
  const restApiId = await scenario.drifted(bench.client)
  const startingExport = await stageExport(bench.client, restApiId)
  const startingDeployment = await stageDeployment(bench.client, restApiId)
  const history = mkdtempSync(join(scratch, 'history-'))
  const before = await callCount(endpoint)

  await admin(endpoint, 'POST', 'hold-answer', {afterWrites: k})
  const spec = scenario.specFile === undefined ? [] : ['--spec', scenario.specFile]
  const hazards = scenario.fixHazards ? ['--fix-hazards'] : []
  const cli = spawnCli(['apply', restApiId, '--stage', 'v1', ...spec, ...hazards, '--yes', '--history', history, '--endpoint-url', endpoint], {env: sandboxCliEnv(), cwd: scratch})
  await untilHeldAnswers(endpoint, 1, cli.closed)
  cli.child.kill('SIGKILL')
  expect((await cli.closed).signal).toBe('SIGKILL')
  // The sandbox sees the connection go, so the log can say the answer never arrived; release is then a no-op.
  await untilHeldAnswers(endpoint, 0)
  await admin(endpoint, 'POST', 'release')

  expect((await writesSince(endpoint, before)).map((line) => line.split(' ')[0])).toEqual(scenario.writes.slice(0, k))
  const held = (await fetchCallLog(endpoint)).filter((call) => call.mutating).at(-1)
  expect(held).toMatchObject({operation: scenario.writes[k - 1], status: k === scenario.writes.length ? 201 : 200, answerDropped: true})

  // The journal announced the k-th write and heard nothing back.
  const [journal, ...others] = journalsOf(history, restApiId)
  expect(others).toEqual([])
  const last = readJournalEntries(journal!).at(-1)
  expect(last).toMatchObject(k === scenario.writes.length ? {entry: 'deploy', stage: 'v1'} : {entry: 'write', step: k})
  return {restApiId, startingExport, startingDeployment, history}
}

function journalsOf(history: string, restApiId: string): string[] {
  return readdirSync(join(history, restApiId))
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => join(history, restApiId, name))
}

/**
 * The killed run left its lock: the next writer is refused (exit 2) naming it as no longer running and
 * the id to take it over with, as after `terraform force-unlock`. Returns that id.
 */
async function staleLockId(refused: Promise<unknown>): Promise<string> {
  const error = (await refused.then(
    () => undefined,
    (failure: unknown) => failure,
  )) as Error & {oclif?: {exit?: number}}
  expect(error?.oclif?.exit).toBe(2)
  expect(error.message).toMatch(/is locked by apply pid \d+ on .* which is no longer running: .* take the lock over with --force-unlock [0-9a-f]{12}$/)
  return /--force-unlock ([0-9a-f]{12})$/.exec(error.message)![1]!
}

async function deploymentCount(client: APIGatewayClient, restApiId: string): Promise<number> {
  return (await client.send(new GetDeploymentsCommand({restApiId, limit: 500}))).items?.length ?? 0
}

/** A re-run converges with at most the one redeploy still due, then a rollback restores the start. */
async function reRunThenRollBack(bench: Bench, scenario: Scenario, k: number): Promise<void> {
  const endpoint = bench.sandbox.url
  const crash = await applyKilledAfterWrite(bench, scenario, k)
  const deploymentsAfterCrash = await deploymentCount(bench.client, crash.restApiId)
  const before = await callCount(endpoint)

  const target = {api: crash.restApiId, stage: 'v1', ...(scenario.specFile ? {specFile: scenario.specFile} : {}), fixHazards: scenario.fixHazards === true}

  const forceUnlock = await staleLockId(apply(endpoint, crash.history, target))
  expect(await writesSince(endpoint, before)).toEqual([])
  const rerun = await apply(endpoint, crash.history, {...target, forceUnlock})

  const rerunWrites = (await writesSince(endpoint, before)).map((line) => line.split(' ')[0])
  // Only what the killed run had not done yet; its redeploy, if it landed, is not made again.
  const deployed = k === scenario.writes.length
  expect(rerunWrites).toEqual(deployed ? [] : scenario.writes.slice(k))
  expect(rerun.converged).toBe(true)
  expect(await deploymentCount(bench.client, crash.restApiId)).toBe(deploymentsAfterCrash + (deployed ? 0 : 1))
  const serving = await stageDeployment(bench.client, crash.restApiId)
  expect(serving).not.toBe(crash.startingDeployment)
  if (!deployed) expect(serving).toBe(rerun.deploymentId)
  expect((await audit(endpoint, target)).inSync).toBe(true)
  // The re-run carried on in the killed run's journal, which still holds the state before both; with
  // writes left to make it journaled them after a `resume`.
  expect(journalsOf(crash.history, crash.restApiId)).toEqual([rerun.journal])
  expect(readJournalEntries(rerun.journal!).some((entry) => entry.entry === 'resume')).toBe(!deployed)

  const rolledBack = await rollback(endpoint, crash.history, {api: crash.restApiId, stage: 'v1'})
  expect(rolledBack).toMatchObject({converged: true, toDeploymentId: crash.startingDeployment})
  expect(await stageExport(bench.client, crash.restApiId)).toBe(crash.startingExport)
}

/** A rollback straight after the crash restores the start. */
async function rollBackAfterCrash(bench: Bench, scenario: Scenario, k: number): Promise<void> {
  const crash = await applyKilledAfterWrite(bench, scenario, k)
  const forceUnlock = await staleLockId(rollback(bench.sandbox.url, crash.history, {api: crash.restApiId, stage: 'v1'}))
  const rolledBack = await rollback(bench.sandbox.url, crash.history, {api: crash.restApiId, stage: 'v1', forceUnlock})
  expect(rolledBack).toMatchObject({converged: true, toDeploymentId: crash.startingDeployment})
  expect(await stageExport(bench.client, crash.restApiId)).toBe(crash.startingExport)
}

describe.each(SCENARIOS)('apply on $name, killed after the k-th write', (scenario) => {
  it.each(scenario.writes.map((operation, index) => [index + 1, operation]))('k = %i (%s): a re-run converges and a rollback restores; so does a rollback without the re-run', async (k) => {
    const [rerunBench, rollbackBench] = benches as [Bench, Bench]
    const outcomes = await Promise.allSettled([reRunThenRollBack(rerunBench, scenario, k as number), rollBackAfterCrash(rollbackBench, scenario, k as number)])
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason
  })
})
