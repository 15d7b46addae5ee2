// auditApi called directly, with its real adapters (the SDK over HTTP), against a sandbox: the report it
// returns and the calls the sandbox logged for it. Audit is read-only: it never makes a mutating call.
import {UsageError} from '../../src/core/errors.js'
import {auditApi} from '../../src/services/audit-service.js'
import {fetchCallLog} from '../helpers/sandbox.js'
import {driftedImageApi, stageDeployment} from '../e2e/apply-support.js'
import {fixturePath, useAuditBench} from '../e2e/audit-support.js'

const SPEC = fixturePath('image-api.oas30.json')
const bench = useAuditBench()

/** Runs `audit` and returns its result with the calls the sandbox logged meanwhile. */
async function logged<T>(audit: () => Promise<T>) {
  const before = (await fetchCallLog(bench.sandbox.url)).length
  const result = await audit().catch((error: unknown) => error)
  return {result, calls: (await fetchCallLog(bench.sandbox.url)).slice(before)}
}

function audit(request: {api: string; specFile?: string; stage?: string; diff?: boolean}) {
  return auditApi({...request, cwd: bench.dir, connection: {region: 'us-east-1', endpointUrl: bench.sandbox.url}})
}

describe('auditApi', () => {
  it('reports the drifted API against the stage it serves, with the fix apply would send, and reads only', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const served = await stageDeployment(bench.client, restApiId)

    const {result: report, calls} = await logged(() => audit({api: restApiId, specFile: SPEC, stage: 'v1'}))

    expect(report).toMatchObject({
      api: {id: restApiId, name: 'ApiName'},
      region: 'us-east-1',
      stage: 'v1',
      deploymentId: served,
      spec: {kind: 'openapi', file: SPEC},
      inSync: false,
      ownership: null,
      scope: {stageCompared: true, specJudged: true},
    })
    const {findings, fix} = report as Awaited<ReturnType<typeof audit>>
    expect(findings.length).toBeGreaterThan(0)
    // Both media types in one UpdateRestApi, then PUT's integration; the redeploy is plan's and apply's to add.
    expect(fix.map((call) => call.operation)).toEqual(['UpdateRestApi', 'UpdateIntegration'])
    expect(calls.filter((call) => call.mutating)).toEqual([])
    expect((report as {calls: number}).calls).toBe(calls.length)
    expect(await stageDeployment(bench.client, restApiId)).toBe(served)
  })

  it('without a stage compares no deployment: it reads neither the stage nor its export', async () => {
    const restApiId = await driftedImageApi(bench.client)

    const {result: report, calls} = await logged(() => audit({api: restApiId, specFile: SPEC}))

    expect(report).toMatchObject({stage: null, deploymentId: null, scope: {stageCompared: false, specJudged: true}})
    expect(calls.map((call) => call.operation).sort()).toEqual(['GetResources', 'GetRestApi'])
    expect((report as {calls: number}).calls).toBe(2)
  })

  it('adds the diff of the working copy before and after the fix only when asked', async () => {
    const restApiId = await driftedImageApi(bench.client)

    const plain = await audit({api: restApiId, specFile: SPEC, stage: 'v1'})
    const withDiff = await audit({api: restApiId, specFile: SPEC, stage: 'v1', diff: true})

    expect(plain.diff).toBeUndefined()
    expect(withDiff.diff).toContain(`${restApiId} (live)`)
    expect(withDiff.diff).toContain('+          "contentHandling": "CONVERT_TO_TEXT",')
    expect(withDiff.fix).toEqual(plain.fix)
  })

  it('checks its input before the first call: a spec file that is not there is a usage error, and the sandbox sees nothing', async () => {
    const restApiId = await driftedImageApi(bench.client)

    const {result, calls} = await logged(() => audit({api: restApiId, specFile: fixturePath('no-such-spec.yaml'), stage: 'v1'}))

    expect(result).toBeInstanceOf(UsageError)
    expect((result as Error).message).toContain('no-such-spec.yaml')
    expect(calls).toEqual([])
  })
})
