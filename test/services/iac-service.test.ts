// iacForApi called directly, with its real adapters (the SDK over HTTP), against a sandbox: the snippet it
// returns or writes, and the calls the sandbox logged for it. iac is read-only: it never makes a mutating call.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {UsageError} from '../../src/core/errors.js'
import {type IacRequest, iacForApi} from '../../src/services/iac-service.js'
import {fetchCallLog} from '../helpers/sandbox.js'
import {driftedImageApi} from '../e2e/apply-support.js'
import {fixturePath, useAuditBench} from '../e2e/audit-support.js'

const SPEC = fixturePath('image-api.oas30.json')
const bench = useAuditBench()

/** Runs `work` and returns its result (or what it threw) with the calls the sandbox logged meanwhile. */
async function logged<T>(work: () => Promise<T>) {
  const before = (await fetchCallLog(bench.sandbox.url)).length
  const result = await work().catch((error: unknown) => error)
  return {result, calls: (await fetchCallLog(bench.sandbox.url)).slice(before)}
}

function iac(request: Omit<IacRequest, 'cwd' | 'connection'>) {
  return iacForApi({specFile: SPEC, stage: 'v1', ...request, cwd: bench.dir, connection: {region: 'us-east-1', endpointUrl: bench.sandbox.url}})
}

describe('iacForApi', () => {
  it("renders the drift's three settings in the format asked for, and reads only", async () => {
    const restApiId = await driftedImageApi(bench.client)

    const {result, calls} = await logged(() => iac({api: restApiId, format: 'cloudformation'}))
    const report = result as Awaited<ReturnType<typeof iac>>

    expect(report).toMatchObject({format: 'cloudformation', api: {id: restApiId, name: 'ApiName'}, region: 'us-east-1', stage: 'v1', differences: 3})
    expect(report.owner).toBeUndefined()
    expect(report.settings.binaryMediaTypes?.desired).toEqual(['application/octet-stream', 'image/jpeg'])
    expect(report.text).toContain('ContentHandling: CONVERT_TO_TEXT')
    expect(report.out).toBeUndefined()
    expect(calls.filter((call) => call.mutating)).toEqual([])
    expect(report.calls).toBe(calls.length)
  })

  it('--out writes the same text to the file, and the API stays as it was', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const shown = await iac({api: restApiId, format: 'terraform'})

    const {result, calls} = await logged(() => iac({api: restApiId, format: 'terraform', out: 'binary.tf'}))

    expect(result).toMatchObject({out: 'binary.tf', differences: shown.differences})
    expect(readFileSync(join(bench.dir, 'binary.tf'), 'utf8')).toBe(shown.text)
    expect(calls.filter((call) => call.mutating)).toEqual([])
  })

  it('without --format, an API no stack deploys is a usage error naming the formats, after reads only', async () => {
    const restApiId = await driftedImageApi(bench.client)

    const {result, calls} = await logged(() => iac({api: restApiId}))

    expect(result).toBeInstanceOf(UsageError)
    expect((result as Error).message).toContain('pass --format (cloudformation|sam|serverless|cdk|terraform)')
    expect(calls.filter((call) => call.mutating)).toEqual([])
  })
})
