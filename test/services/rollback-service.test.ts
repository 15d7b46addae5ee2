// rollbackStage called directly, with its real adapters (the SDK over HTTP), against a sandbox, after an
// apply made with applyChanges: the report it returns, the writes the sandbox logged (the stage pointed
// back first, then the journal's restores), and the refusals that come before any write.
import {UsageError} from '../../src/core/errors.js'
import {applyChanges} from '../../src/services/apply-service.js'
import {type RollbackRequest, rollbackStage} from '../../src/services/rollback-service.js'
import {fetchCallLog} from '../helpers/sandbox.js'
import {TestIoHost} from '../helpers/test-io-host.js'
import {driftedImageApi, stageDeployment, useScratchHistory} from '../e2e/apply-support.js'
import {fixturePath, useAuditBench} from '../e2e/audit-support.js'

const SPEC = fixturePath('image-api.oas30.json')
const bench = useAuditBench()
const history = useScratchHistory()

const connection = () => ({region: 'us-east-1', endpointUrl: bench.sandbox.url})

/** Runs `work` and returns its result (or what it threw) with the calls the sandbox logged meanwhile. */
async function logged<T>(work: () => Promise<T>) {
  const before = (await fetchCallLog(bench.sandbox.url)).length
  const result = await work().catch((error: unknown) => error)
  return {result, calls: (await fetchCallLog(bench.sandbox.url)).slice(before)}
}

/** The drifted image API, fixed and redeployed by apply; its journal in this test's history directory. */
async function appliedApi() {
  const restApiId = await driftedImageApi(bench.client)
  const starting = await stageDeployment(bench.client, restApiId)
  const applied = await applyChanges(
    {api: restApiId, specFile: SPEC, stage: 'v1', yes: true, dryRun: false, deploy: true, interactive: false, historyDir: history.current.dir, cwd: bench.dir, connection: connection()},
    {io: new TestIoHost()},
  )
  expect(applied).toMatchObject({outcome: 'applied', converged: true, previousDeploymentId: starting})
  expect(applied.deploymentId).not.toBe(starting)
  return {restApiId, applied}
}

function rollback(request: Omit<RollbackRequest, 'cwd' | 'connection' | 'historyDir' | 'yes' | 'interactive'> & {yes?: boolean}) {
  return rollbackStage({yes: true, interactive: false, ...request, historyDir: history.current.dir, cwd: bench.dir, connection: connection()}, {io: new TestIoHost()})
}

describe('rollbackStage', () => {
  it("points the stage back at the apply's starting deployment, then restores the journal's settings; the report names each write the sandbox saw", async () => {
    const {restApiId, applied} = await appliedApi()

    const {result, calls} = await logged(() => rollback({api: restApiId, stage: 'v1'}))
    const report = result as Awaited<ReturnType<typeof rollback>>

    expect(report).toMatchObject({
      api: {id: restApiId, name: 'ApiName'},
      region: 'us-east-1',
      stage: 'v1',
      journal: applied.journal,
      fromDeploymentId: applied.deploymentId,
      toDeploymentId: applied.previousDeploymentId,
      restoredFrom: 'journal',
      repointed: true,
      alreadyRolledBack: false,
      converged: true,
      notRestored: [],
      servedDeploymentId: applied.previousDeploymentId,
      interrupted: false,
      unsent: [],
    })
    const writes = calls.filter((call) => call.mutating).map((call) => call.operation)
    expect(writes).toEqual(['UpdateStage', ...report.requests.map((call) => call.operation)])
    expect(report.requests.map((call) => call.operation)).toEqual(['UpdateRestApi', 'UpdateIntegration'])
    expect(report.restored).toHaveLength(3)
    expect(report.calls).toBe(calls.length)
    expect(await stageDeployment(bench.client, restApiId)).toBe(applied.previousDeploymentId)
  })

  it('asks before writing: without --yes and without a terminal it is a usage error and writes nothing; the lock it took is released', async () => {
    const {restApiId, applied} = await appliedApi()

    const {result, calls} = await logged(() => rollback({api: restApiId, stage: 'v1', yes: false}))

    expect(result).toBeInstanceOf(UsageError)
    expect((result as Error).message).toContain('pass --yes')
    expect(calls.filter((call) => call.mutating)).toEqual([])
    expect(await stageDeployment(bench.client, restApiId)).toBe(applied.deploymentId)
    await expect(rollback({api: restApiId, stage: 'v1'})).resolves.toMatchObject({converged: true})
  })

  it('needs the stage: without --stage or a binfix.yaml naming one it is a usage error before any call', async () => {
    const {restApiId} = await appliedApi()

    const {result, calls} = await logged(() => rollback({api: restApiId}))

    expect(result).toBeInstanceOf(UsageError)
    expect((result as Error).message).toBe('rollback needs the stage: pass --stage (or set stage: in binfix.yaml)')
    expect(calls).toEqual([])
  })
})
