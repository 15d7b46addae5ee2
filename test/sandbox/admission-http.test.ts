import {readFileSync} from 'node:fs'

import {
  CreateDeploymentCommand,
  GetRestApisCommand,
  ImportRestApiCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-api-gateway'

import {fetchCallLog, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

const imageApi = readFileSync(new URL('../../fixtures/apis/image-api.oas30.json', import.meta.url))

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
