// WRITE_SETTLEMENTS against the SDK writer. The compiler sees that every write operation has an entry;
// this sees what it cannot: that every write method of the writer sends the SDK command its entry names,
// that the retries after a lost answer are the ones the entry allows, and that no entry is stale.
import {APIGatewayClient, APIGatewayServiceException} from '@aws-sdk/client-api-gateway'
import {mockClient} from 'aws-sdk-client-mock'

import {SdkApiGatewayWriter} from '../../src/aws/api-gateway-writer.js'
import {CallPolicy} from '../../src/aws/call-policy.js'
import type {PatchOperation} from '../../src/core/fix-calls.js'
import {WRITE_SETTLEMENTS, type WriteOperation, mayRepeat} from '../../src/core/write-operations.js'
import {TEST_CREDENTIALS} from '../helpers/sandbox.js'

const REGION = 'eu-west-1'
const client = new APIGatewayClient({region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1})
const mock = mockClient(client)

afterAll(() => client.destroy())

const ADD = {op: 'add', path: '/binaryMediaTypes/image~1png'} as const
const REPLACE = {op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_BINARY'} as const

/** Every write method of the writer, with the patch operations it is called with (none: it sends none of its own). */
const WRITES: Record<string, Array<{patch: PatchOperation[]; send: (writer: SdkApiGatewayWriter) => Promise<unknown>}>> = {
  updateRestApi: [
    {patch: [ADD], send: (writer) => writer.updateRestApi('abc', [ADD])},
    {patch: [REPLACE], send: (writer) => writer.updateRestApi('abc', [REPLACE])},
  ],
  updateIntegration: [{patch: [REPLACE], send: (writer) => writer.updateIntegration('abc', 'r1', 'GET', [REPLACE])}],
  updateIntegrationResponse: [{patch: [REPLACE], send: (writer) => writer.updateIntegrationResponse('abc', 'r1', 'GET', '200', [REPLACE])}],
  createDeployment: [{patch: [], send: (writer) => writer.createDeployment('abc', 'v1', 'binfix')}],
  pointStageAt: [{patch: [], send: (writer) => writer.pointStageAt('abc', 'v1', 'd1')}],
}

const internalFailure = () => new APIGatewayServiceException({name: 'InternalFailure', $fault: 'server', $metadata: {httpStatusCode: 500}, message: 'Internal server error'})

it('lists every write method of the writer (reads are get*)', () => {
  const methods = Object.getOwnPropertyNames(SdkApiGatewayWriter.prototype).filter((name) => name !== 'constructor' && !name.startsWith('get'))
  expect(methods.sort()).toEqual(Object.keys(WRITES).sort())
})

describe.each(Object.entries(WRITES).flatMap(([method, cases]) => cases.map((entry) => [method, entry] as const)))('%s', (_method, {patch, send}) => {
  it('sends the SDK command of its table entry, and sends it again after a lost answer only where the entry allows', async () => {
    mock.reset()
    const commands: string[] = []
    let failed = false
    mock.onAnyCommand().callsFake(() => {
      if (!failed) {
        failed = true
        throw internalFailure()
      }
      return {id: 'd1', stageName: 'v1', deploymentId: 'd1'}
    })
    const policy = new CallPolicy({quotas: false, sleep: async () => {}, random: () => 0})
    const writer = new SdkApiGatewayWriter(client, policy, {region: REGION, endpoint: () => 'https://apigateway.eu-west-1.amazonaws.com'})
    const outcome = await send(writer).then(
      () => 'sent',
      (error: {kind?: string}) => error.kind,
    )
    for (const call of mock.calls()) commands.push((call.args[0] as object).constructor.name.replace(/Command$/, ''))
    const [operation] = new Set(commands)
    expect(new Set(commands).size).toBe(1)
    expect(Object.keys(WRITE_SETTLEMENTS)).toContain(operation)
    expect(Object.keys(policy.stats().callsByOperation)).toEqual([operation])
    if (mayRepeat(operation as WriteOperation, patch)) {
      expect([outcome, commands.length]).toEqual(['sent', 2])
    } else {
      expect([outcome, commands.length]).toEqual(['ambiguous', 1])
    }
  })
})

it('has no entry that no write method sends', async () => {
  const sent = new Set<string>()
  for (const cases of Object.values(WRITES)) {
    for (const {send} of cases) {
      mock.reset()
      mock.onAnyCommand().resolves({id: 'd1', stageName: 'v1', deploymentId: 'd1'})
      const policy = new CallPolicy({quotas: false})
      await send(new SdkApiGatewayWriter(client, policy, {region: REGION, endpoint: () => 'https://apigateway.eu-west-1.amazonaws.com'}))
      for (const operation of Object.keys(policy.stats().callsByOperation)) sent.add(operation)
    }
  }
  expect([...sent].sort()).toEqual(Object.keys(WRITE_SETTLEMENTS).sort())
})
