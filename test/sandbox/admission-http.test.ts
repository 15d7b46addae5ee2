import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {
  CreateDeploymentCommand,
  GetRestApisCommand,
  ImportRestApiCommand,
  TooManyRequestsException,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway'

import {type AdmissionDecision, createAdmission} from '../../src/sandbox/admission.js'
import {seedSandbox} from '../../src/sandbox/setup.js'
import {readStateFile} from '../../src/sandbox/state-file.js'
import {fetchCallLog, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

const IMAGE_API_FILE = fileURLToPath(new URL('../../fixtures/apis/image-api.oas30.json', import.meta.url))
const imageApi = readFileSync(IMAGE_API_FILE)

/** The first seed whose first write, at fault rate 1, is decided `kind`. */
function seedWhoseFirstWriteIs(kind: AdmissionDecision['kind']): number {
  for (let seed = 0; seed < 10_000; seed++) {
    if (createAdmission({awsQuotas: false, faultRate: 1, seed}).admit('UpdateRestApi', true).kind === kind) return seed
  }
  throw new Error(`no seed below 10,000 drops the first write as ${kind}`)
}

describe('quotas, faults and admin endpoints over HTTP', () => {
  it('--aws-quotas: a second CreateDeployment within 5 s is a 429 TooManyRequestsException with Retry-After', async () => {
    let now = 1_800_000_000_000
    const sandbox = await startTestSandbox({awsQuotas: true, clock: () => now})
    try {
      const client = sdkClient(sandbox.url)
      const {id} = await client.send(new ImportRestApiCommand({body: imageApi}))
      await client.send(new CreateDeploymentCommand({restApiId: id, stageName: 'v1'}))
      const refused = client.send(new CreateDeploymentCommand({restApiId: id, stageName: 'v1'}))
      await expect(refused).rejects.toBeInstanceOf(TooManyRequestsException)
      await expect(refused).rejects.toMatchObject({retryAfterSeconds: '5', $metadata: {httpStatusCode: 429}})
      now += 5_000
      await expect(client.send(new CreateDeploymentCommand({restApiId: id, stageName: 'v1'}))).resolves.toMatchObject({
        $metadata: {httpStatusCode: 201},
      })
      expect((await fetchCallLog(sandbox.url)).map((call) => call.status)).toEqual([201, 201, 429, 201])
    } finally {
      await sandbox.close()
    }
  })

  it('without --aws-quotas nothing is throttled', async () => {
    const sandbox = await startTestSandbox()
    try {
      const client = sdkClient(sandbox.url)
      const answers = await Promise.all(Array.from({length: 60}, () => client.send(new GetRestApisCommand({}))))
      expect(answers.every((answer) => answer.$metadata.httpStatusCode === 200)).toBe(true)
    } finally {
      await sandbox.close()
    }
  })

  it('--fault-rate injects AWS-shaped failures and dropped connections, the same ones for the same seed', async () => {
    const outcomes = async (seed: number) => {
      const sandbox = await startTestSandbox({faultRate: 0.5, seed})
      try {
        const seen: string[] = []
        for (let i = 0; i < 40; i++) {
          try {
            const response = await fetch(`${sandbox.url}/restapis`, {headers: {accept: 'application/json'}})
            seen.push(response.status === 200 ? 'ok' : `${response.status}:${response.headers.get('x-amzn-errortype')}`)
          } catch {
            seen.push('dropped')
          }
        }
        return seen
      } finally {
        await sandbox.close()
      }
    }
    const first = await outcomes(11)
    expect(await outcomes(11)).toEqual(first)
    expect(new Set(first)).toEqual(
      new Set(['ok', '500:InternalFailure', '503:ServiceUnavailableException', '429:TooManyRequestsException', '409:ConflictException', 'dropped']),
    )
  })

  /** Adds image/png to an API through a sandbox that drops its first write as `kind`; the client sees the drop. */
  async function dropFirstWrite(kind: 'drop' | 'drop-after-apply', stateFile?: string) {
    const sandbox = await startTestSandbox({faultRate: 1, seed: seedWhoseFirstWriteIs(kind), stateFile})
    const client = sdkClient(sandbox.url)
    try {
      // Set up outside the control plane: it draws no faults and is not in the log.
      const [{id}] = seedSandbox(sandbox.store, [IMAGE_API_FILE])
      const update = client.send(new UpdateRestApiCommand({restApiId: id, patchOperations: [{op: 'add', path: '/binaryMediaTypes/image~1png'}]}))
      await expect(update).rejects.toMatchObject({message: expect.stringMatching(/socket hang up|ECONNRESET/)})
      return {sandbox, id, log: await fetchCallLog(sandbox.url)}
    } catch (error) {
      await sandbox.close()
      throw error
    } finally {
      client.destroy()
    }
  }

  it('--fault-rate: a write dropped after it was applied changed the state, and the call log says so', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-drop-'))
    const stateFile = join(scratch, 'state.json')
    const {sandbox, id, log} = await dropFirstWrite('drop-after-apply', stateFile)
    try {
      expect(sandbox.store.api(id).api.binaryMediaTypes).toContain('image/png')
      expect(readStateFile(stateFile)?.state.apis.get(id)?.api.binaryMediaTypes).toContain('image/png')
      expect(log).toEqual([
        {operation: 'UpdateRestApi', method: 'PATCH', path: `/restapis/${id}`, status: 200, mutating: true, at: expect.any(Number), account: '123456789012', region: 'us-east-1', answerDropped: true},
      ])
    } finally {
      await sandbox.close()
      rmSync(scratch, {recursive: true, force: true})
    }
  })

  it('--fault-rate: a write dropped before it was handled changed nothing; its status in the log is 0', async () => {
    const {sandbox, id, log} = await dropFirstWrite('drop')
    try {
      expect(sandbox.store.api(id).api.binaryMediaTypes).not.toContain('image/png')
      expect(log).toEqual([{operation: 'UpdateRestApi', method: 'PATCH', path: `/restapis/${id}`, status: 0, mutating: true, at: expect.any(Number), account: '123456789012', region: 'us-east-1'}])
    } finally {
      await sandbox.close()
    }
  })

  it('health, call log with mutating flags, and reset', async () => {
    const sandbox = await startTestSandbox()
    try {
      const client = sdkClient(sandbox.url)
      await client.send(new ImportRestApiCommand({body: imageApi}))
      await client.send(new GetRestApisCommand({}))
      expect(await (await fetch(`${sandbox.url}/_sandbox/health`)).json()).toMatchObject({status: 'ok', restApis: 1})
      expect(await fetchCallLog(sandbox.url)).toEqual([
        expect.objectContaining({operation: 'ImportRestApi', method: 'POST', path: '/restapis', status: 201, mutating: true}),
        expect.objectContaining({operation: 'GetRestApis', method: 'GET', path: '/restapis', status: 200, mutating: false}),
      ])
      expect((await fetch(`${sandbox.url}/_sandbox/reset`, {method: 'POST'})).status).toBe(200)
      expect(await fetchCallLog(sandbox.url)).toEqual([])
      const {items} = await client.send(new GetRestApisCommand({}))
      expect(items).toEqual([])
    } finally {
      await sandbox.close()
    }
  })
})
