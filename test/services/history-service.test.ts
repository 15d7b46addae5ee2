// listHistory called directly on journals that applyChanges and rollbackStage wrote against a sandbox (real
// adapters, SDK over HTTP): each listing agrees with what those runs reported, and listing reads local files
// only, so the sandbox logs no call for it.
import {UsageError} from '../../src/core/errors.js'
import {applyChanges} from '../../src/services/apply-service.js'
import {listHistory} from '../../src/services/history-service.js'
import {rollbackStage} from '../../src/services/rollback-service.js'
import {fetchCallLog} from '../helpers/sandbox.js'
import {TestIoHost} from '../helpers/test-io-host.js'
import {driftedImageApi, useScratchHistory} from '../e2e/apply-support.js'
import {fixturePath, useAuditBench} from '../e2e/audit-support.js'

const SPEC = fixturePath('image-api.oas30.json')
const bench = useAuditBench()
const history = useScratchHistory()

const connection = () => ({region: 'us-east-1', endpointUrl: bench.sandbox.url})

function apply(restApiId: string) {
  return applyChanges(
    {api: restApiId, specFile: SPEC, stage: 'v1', yes: true, dryRun: false, deploy: true, interactive: false, historyDir: history.current.dir, cwd: bench.dir, connection: connection()},
    {io: new TestIoHost()},
  )
}

function rollback(restApiId: string) {
  return rollbackStage({api: restApiId, stage: 'v1', yes: true, interactive: false, historyDir: history.current.dir, cwd: bench.dir, connection: connection()}, {io: new TestIoHost()})
}

describe('listHistory', () => {
  it("lists an apply's journal as the apply and its rollback reported it, without calling AWS", async () => {
    const restApiId = await driftedImageApi(bench.client)
    const applied = await apply(restApiId)
    const callsAfterApply = (await fetchCallLog(bench.sandbox.url)).length

    const beforeRollback = listHistory({api: restApiId, historyDir: history.current.dir, cwd: bench.dir})

    expect((await fetchCallLog(bench.sandbox.url)).length).toBe(callsAfterApply)
    expect(beforeRollback.historyDir).toBe(history.current.dir)
    expect(beforeRollback.journals).toEqual([
      expect.objectContaining({
        path: applied.journal,
        readable: true,
        api: {id: restApiId, name: 'ApiName'},
        region: 'us-east-1',
        stage: 'v1',
        kind: 'apply',
        outcome: 'converged',
        runs: 1,
        settings: ['binaryMediaTypes application/octet-stream', 'binaryMediaTypes image/jpeg', 'PUT /lambda integration contentHandling'],
        leftOut: [],
        priorDeploymentId: applied.previousDeploymentId,
        deploymentId: applied.deploymentId,
      }),
    ])
    const [listed] = beforeRollback.journals
    // Both media types in one UpdateRestApi and PUT's integration: the writes, without the redeploy.
    expect(listed?.readable && listed.writes).toBe(applied.requests.filter((call) => call.operation !== 'CreateDeployment').length)

    const rolledBack = await rollback(restApiId)
    const callsAfterRollback = (await fetchCallLog(bench.sandbox.url)).length
    const afterRollback = listHistory({api: restApiId, historyDir: history.current.dir, cwd: bench.dir})

    expect((await fetchCallLog(bench.sandbox.url)).length).toBe(callsAfterRollback)
    expect(afterRollback.journals).toEqual([expect.objectContaining({path: applied.journal, outcome: 'rolled-back', deploymentId: rolledBack.toDeploymentId})])
    // What the journal says the apply changed is what the rollback restored.
    expect(rolledBack.restored.map((entry) => entry.setting)).toEqual(listed?.readable ? listed.settings : [])
  })

  it('finds an API by the name its journals record, filters by stage, and refuses an API without journals naming those it holds', async () => {
    const first = await driftedImageApi(bench.client)
    const second = await driftedImageApi(bench.client)
    await apply(first)
    await apply(second)
    const callsBefore = (await fetchCallLog(bench.sandbox.url)).length
    const list = (request: {api?: string; stage?: string}) => listHistory({...request, historyDir: history.current.dir, cwd: bench.dir})

    expect(list({}).journals.map((entry) => entry.api.id)).toEqual([first, second].sort())
    expect(list({api: 'ApiName'}).journals).toHaveLength(2)
    expect(list({api: first, stage: 'v1'}).journals.map((entry) => entry.api.id)).toEqual([first])
    expect(list({api: first, stage: 'prod'}).journals).toEqual([])
    const refused = (() => {
      try {
        return list({api: 'nosuchapi'})
      } catch (error) {
        return error
      }
    })()
    expect(refused).toBeInstanceOf(UsageError)
    expect((refused as Error).message).toBe(
      `No journal of REST API "nosuchapi" in ${history.current.dir}; it holds journals of ${[first, second].sort().map((id) => `${id} (ApiName)`).join(', ')} (pass --history DIR for another directory)`,
    )
    expect((await fetchCallLog(bench.sandbox.url)).length).toBe(callsBefore)
  })
})
