// planChanges called directly, with its real adapters (the SDK over HTTP), against a sandbox: the plan it
// returns and saves, and the calls the sandbox logged for it. Plan reads only; --out writes a local file.
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {UsageError} from '../../src/core/errors.js'
import {loadPlan} from '../../src/services/plan-file.js'
import {type PlanRequest, planChanges} from '../../src/services/plan-service.js'
import {fetchCallLog} from '../helpers/sandbox.js'
import {driftedImageApi, stageDeployment} from '../e2e/apply-support.js'
import {fixturePath, useAuditBench} from '../e2e/audit-support.js'

const SPEC = fixturePath('image-api.oas30.json')
const bench = useAuditBench()

/** Runs `work` and returns its result (or what it threw) with the calls the sandbox logged meanwhile. */
async function logged<T>(work: () => Promise<T>) {
  const before = (await fetchCallLog(bench.sandbox.url)).length
  const result = await work().catch((error: unknown) => error)
  return {result, calls: (await fetchCallLog(bench.sandbox.url)).slice(before)}
}

function plan(request: Omit<PlanRequest, 'cwd' | 'connection'>) {
  return planChanges({specFile: SPEC, stage: 'v1', ...request, cwd: bench.dir, connection: {region: 'us-east-1', endpointUrl: bench.sandbox.url}})
}

describe('planChanges', () => {
  it('plans one change per setting from the deployment the stage serves, the redeploy last, and reads only', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const served = await stageDeployment(bench.client, restApiId)

    const {result, calls} = await logged(() => plan({api: restApiId}))
    const report = result as Awaited<ReturnType<typeof plan>>

    expect(report.plan).toMatchObject({api: {id: restApiId, name: 'ApiName'}, region: 'us-east-1', stage: 'v1', deploymentId: served})
    expect(report.plan.changes).toHaveLength(3)
    expect(report.requests.map((call) => call.operation)).toEqual(['UpdateRestApi', 'UpdateIntegration', 'CreateDeployment'])
    expect(report.requests.at(-1)).toMatchObject({restApiId, stageName: 'v1'})
    expect(report.empty).toBe(false)
    expect(report.out).toBeUndefined()
    expect(calls.filter((call) => call.mutating)).toEqual([])
    expect(report.calls).toBe(calls.length)
    expect(await stageDeployment(bench.client, restApiId)).toBe(served)
  })

  it('--out saves the plan it returns, which loadPlan reads back the same', async () => {
    const restApiId = await driftedImageApi(bench.client)

    const report = await plan({api: restApiId, out: 'saved-plan.json'})

    expect(report.out).toBe('saved-plan.json')
    expect(await loadPlan('saved-plan.json', bench.dir)).toEqual(report.plan)
  })

  it('refuses an existing --out without --force before any call, and leaves the file as it was', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const file = join(bench.dir, 'kept.json')
    writeFileSync(file, 'not a plan, and not to be replaced\n')

    const {result, calls} = await logged(() => plan({api: restApiId, out: 'kept.json'}))

    expect(result).toBeInstanceOf(UsageError)
    expect(calls).toEqual([])
    expect(readFileSync(file, 'utf8')).toBe('not a plan, and not to be replaced\n')
  })

  it('refuses --sign-key without --out before any call', async () => {
    const restApiId = await driftedImageApi(bench.client)

    const {result, calls} = await logged(() => plan({api: restApiId, signKey: 'no-such-key'}))

    expect(result).toBeInstanceOf(UsageError)
    expect((result as Error).message).toBe('--sign-key signs the saved plan: pass --out FILE too')
    expect(calls).toEqual([])
  })
})
