// apply under injected faults: 20 % of calls answered with 500, 503, 429, ConflictException or a
// dropped connection (before or after a write was applied). Each seeded run must converge with exactly
// one new deployment: retries must not double a write, and a lost answer must be settled by reading.
import {copyFileSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {CallPolicy} from '../../src/aws/call-policy.js'
import {createApiGatewayClient} from '../../src/aws/clients.js'
import {applyChanges} from '../../src/services/apply-service.js'
import {fetchCallLog, sdkClient, startTestSandbox} from '../helpers/sandbox.js'
import {TestIoHost} from '../helpers/test-io-host.js'
import {deploy, fixturePath, importFixture, patchBinaryMediaTypes, setContentHandling, useTestCredentials} from './audit-support.js'

/** Seeded runs per scenario (two scenarios): 50 in CI; BINFIX_FAULT_RUNS sizes a quicker local run or a longer soak. */
const RUNS = faultRuns(process.env.BINFIX_FAULT_RUNS)
const FAULT_RATE = 0.2
/** Runs in flight at once: each has its own sandbox, so seeds stay independent. */
const CONCURRENCY = 25

interface Scenario {
  fixture: string
  spec?: string
  /** The fix is of preflights failing today, with no spec governing them: asked for with --fix-hazards. */
  fixHazards?: boolean
  drift(client: ReturnType<typeof sdkClient>, restApiId: string): Promise<void>
}

const SCENARIOS: Record<string, Scenario> = {
  'image API (typical drift)': {
    fixture: 'image-api.oas30.json',
    spec: fixturePath('image-api.oas30.json'),
    async drift(client, restApiId) {
      await patchBinaryMediaTypes(client, restApiId, 'remove', '/binaryMediaTypes/application~1octet-stream', '/binaryMediaTypes/image~1jpeg')
      await setContentHandling(client, restApiId, '/lambda', 'PUT', '')
    },
  },
  'thumbnail service (*/* added)': {
    fixture: 'thumbnail-service.oas30.json',
    fixHazards: true,
    async drift(client, restApiId) {
      await patchBinaryMediaTypes(client, restApiId, 'add', '/binaryMediaTypes/*~1*')
    },
  },
}

let scratch: string
let restoreEnvironment: () => void

beforeAll(() => {
  restoreEnvironment = useTestCredentials()
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-faults-'))
})
afterAll(() => {
  restoreEnvironment()
  rmSync(scratch, {recursive: true, force: true})
})

/** A sandbox state file holding the drifted API, made without faults. */
async function driftedState(name: string, scenario: Scenario): Promise<{file: string; restApiId: string}> {
  const file = join(scratch, `${name.replaceAll(/\W+/g, '-')}.json`)
  const sandbox = await startTestSandbox({stateFile: file})
  const client = sdkClient(sandbox.url)
  try {
    const restApiId = await importFixture(client, scenario.fixture)
    await scenario.drift(client, restApiId)
    await deploy(client, restApiId)
    return {file, restApiId}
  } finally {
    client.destroy()
    await sandbox.close()
  }
}

async function seededRun(state: {file: string; restApiId: string}, scenario: Scenario, seed: number) {
  const stateFile = join(scratch, `run-${seed}-${Math.random().toString(16).slice(2)}.json`)
  copyFileSync(state.file, stateFile)
  const sandbox = await startTestSandbox({stateFile, faultRate: FAULT_RATE, seed})
  const deploymentsBefore = sandbox.store.api(state.restApiId).deployments.size
  try {
    const report = await applyChanges(
      {
        api: state.restApiId,
        ...(scenario.spec ? {specFile: scenario.spec} : {}),
        fixHazards: scenario.fixHazards === true,
        stage: 'v1',
        yes: true,
        dryRun: false,
        deploy: true,
        interactive: false,
        historyDir: join(scratch, `history-${seed}`),
        cwd: scratch,
        connection: {region: 'us-east-1', endpointUrl: sandbox.url},
      },
      {
        io: new TestIoHost(),
        // Short backoff steps keep 100 runs quick; Retry-After from the sandbox is still honoured.
        createClient: (connection) => createApiGatewayClient(connection, new CallPolicy({quotas: false, baseDelayMs: 5, maxDelayMs: 40})),
      },
    )
    const log = await fetchCallLog(sandbox.url)
    return {
      seed,
      converged: report.converged,
      newDeployments: sandbox.store.api(state.restApiId).deployments.size - deploymentsBefore,
      servesNew: sandbox.store.api(state.restApiId).stages.get('v1')?.deploymentId === report.deploymentId,
      faults: log.filter((call) => call.status >= 400 || call.status === 0).length,
    }
  } finally {
    await sandbox.close()
    rmSync(stateFile, {force: true})
  }
}

async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let start = 0; start < items.length; start += size) results.push(...(await Promise.all(items.slice(start, start + size).map(run))))
  return results
}

describe.each(Object.entries(SCENARIOS))('%s', (name, scenario) => {
  it(`${RUNS} seeded runs with ${FAULT_RATE * 100} % faults all converge with exactly one new deployment each`, async () => {
    const state = await driftedState(name, scenario)
    const seeds = Array.from({length: RUNS}, (_, index) => index + 1)

    const results = await inBatches(seeds, CONCURRENCY, (seed) => seededRun(state, scenario, seed))

    const wrong = results.filter((result) => !result.converged || result.newDeployments !== 1 || !result.servesNew)
    expect(wrong).toEqual([])
    // The faults really happened: most runs met at least one.
    expect(results.filter((result) => result.faults > 0).length).toBeGreaterThan(RUNS / 2)
  }, 120_000)
})

function faultRuns(written: string | undefined): number {
  if (written === undefined || written === '') return 50
  const runs = Number(written)
  if (!Number.isInteger(runs) || runs < 2 || runs > 10_000) throw new Error(`BINFIX_FAULT_RUNS ${written}: a whole number from 2 to 10000`)
  return runs
}
