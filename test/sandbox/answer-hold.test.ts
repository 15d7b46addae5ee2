// POST /_sandbox/hold-answer and /_sandbox/release over HTTP: the k-th write from then on is applied but
// its answer waits for release, or is dropped (and logged so) when the client hangs up first.
import {request as httpRequest} from 'node:http'
import {setTimeout as sleep} from 'node:timers/promises'

import {type APIGatewayClient, CreateRestApiCommand, GetRestApiCommand, UpdateRestApiCommand} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {fetchCallLog, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

let sandbox: Sandbox
let client: APIGatewayClient
let restApiId: string

beforeAll(async () => {
  sandbox = await startTestSandbox()
  client = sdkClient(sandbox.url)
})
afterAll(async () => {
  client.destroy()
  await sandbox.close()
})
beforeEach(async () => {
  await fetch(`${sandbox.url}/_sandbox/reset`, {method: 'POST'})
  restApiId = (await client.send(new CreateRestApiCommand({name: 'held'}))).id!
})

const addBinaryType = (mediaType: string) =>
  client.send(new UpdateRestApiCommand({restApiId, patchOperations: [{op: 'add', path: `/binaryMediaTypes/${mediaType.replace('/', '~1')}`}]}))

async function admin(method: string, path: string, body?: unknown, endpoint = sandbox.url): Promise<{status: number; json: Record<string, unknown>}> {
  const response = await fetch(`${endpoint}/_sandbox/${path}`, {method, ...(body === undefined ? {} : {body: typeof body === 'string' ? body : JSON.stringify(body)})})
  return {status: response.status, json: (await response.json()) as Record<string, unknown>}
}

async function heldAnswers(endpoint = sandbox.url): Promise<number> {
  return (await admin('GET', 'health', undefined, endpoint)).json.heldAnswers as number
}

async function untilHeld(count: number, endpoint = sandbox.url): Promise<void> {
  for (let waited = 0; (await heldAnswers(endpoint)) !== count; waited += 10) {
    if (waited > 5_000) throw new Error(`heldAnswers never became ${count}`)
    await sleep(10)
  }
}

/** Whether `promise` is still pending after a moment. */
async function stillPending(promise: Promise<unknown>): Promise<boolean> {
  return Promise.race([promise.then(() => false, () => false), sleep(100).then(() => true)])
}

describe('holding the answer of the k-th write', () => {
  it('applies the k-th write, holds its answer until release, and answers every other call', async () => {
    expect(await heldAnswers()).toBe(0)
    expect(await admin('POST', 'hold-answer', {afterWrites: 2})).toEqual({status: 200, json: {afterWrites: 2}})

    await addBinaryType('image/png')
    // Reads do not count.
    await client.send(new GetRestApiCommand({restApiId}))
    const second = addBinaryType('image/jpeg')
    await untilHeld(1)
    expect(await stillPending(second)).toBe(true)
    // Applied already: only the answer waits.
    expect((await client.send(new GetRestApiCommand({restApiId}))).binaryMediaTypes).toEqual(['image/png', 'image/jpeg'])
    expect((await fetchCallLog(sandbox.url)).at(-2)).toMatchObject({operation: 'UpdateRestApi', status: 200, answerHeld: true})

    expect(await admin('POST', 'release')).toEqual({status: 200, json: {released: 1}})
    await expect(second).resolves.toMatchObject({$metadata: {httpStatusCode: 200}, binaryMediaTypes: ['image/png', 'image/jpeg']})
    expect(await heldAnswers()).toBe(0)
    const writes = (await fetchCallLog(sandbox.url)).filter((call) => call.mutating)
    expect(writes.slice(1)).toEqual([
      {operation: 'UpdateRestApi', method: 'PATCH', path: `/restapis/${restApiId}`, status: 200, mutating: true, at: expect.any(Number), account: '123456789012', region: 'us-east-1'},
      {operation: 'UpdateRestApi', method: 'PATCH', path: `/restapis/${restApiId}`, status: 200, mutating: true, at: expect.any(Number), account: '123456789012', region: 'us-east-1'},
    ])
  })

  it('holds one answer only: later writes are answered', async () => {
    await admin('POST', 'hold-answer', {afterWrites: 1})
    const held = addBinaryType('image/png')
    await untilHeld(1)
    await expect(addBinaryType('image/gif')).resolves.toMatchObject({$metadata: {httpStatusCode: 200}})
    expect(await admin('POST', 'release')).toMatchObject({json: {released: 1}})
    await held
    expect(await admin('POST', 'release')).toMatchObject({json: {released: 0}})
  })

  it('drops the answer when the client hangs up while it is held, and logs it so', async () => {
    await admin('POST', 'hold-answer', {afterWrites: 1})
    const body = JSON.stringify({patchOperations: [{op: 'add', path: '/binaryMediaTypes/image~1png'}]})
    const write = httpRequest(`${sandbox.url}/restapis/${restApiId}`, {method: 'PATCH', headers: {'content-type': 'application/json'}})
    write.on('error', () => {})
    write.end(body)
    await untilHeld(1)

    write.destroy()
    await untilHeld(0)

    expect((await fetchCallLog(sandbox.url)).filter((call) => call.mutating).at(-1)).toEqual({
      operation: 'UpdateRestApi',
      method: 'PATCH',
      path: `/restapis/${restApiId}`,
      status: 200,
      mutating: true,
      at: expect.any(Number),
      account: '123456789012',
      region: 'us-east-1',
      answerDropped: true,
    })
    expect((await client.send(new GetRestApiCommand({restApiId}))).binaryMediaTypes).toEqual(['image/png'])
    expect(await admin('POST', 'release')).toMatchObject({json: {released: 0}})
  })

  it('closing the sandbox with an answer held does not wait for a release', async () => {
    const other = await startTestSandbox()
    const otherClient = sdkClient(other.url)
    try {
      await admin('POST', 'hold-answer', {afterWrites: 1}, other.url)
      const held = otherClient.send(new CreateRestApiCommand({name: 'held at close'}))
      held.catch(() => {})
      await untilHeld(1, other.url)
      await other.close()
      await expect(held).rejects.toThrow()
      expect(other.calls.list()).toEqual([expect.objectContaining({operation: 'CreateRestApi', status: 201, answerDropped: true})])
    } finally {
      otherClient.destroy()
      await other.close()
    }
  })

  it('a reset disarms a hold not reached yet', async () => {
    await admin('POST', 'hold-answer', {afterWrites: 1})
    await fetch(`${sandbox.url}/_sandbox/reset`, {method: 'POST'})
    restApiId = (await client.send(new CreateRestApiCommand({name: 'after reset'}))).id!
    await expect(addBinaryType('image/png')).resolves.toMatchObject({$metadata: {httpStatusCode: 200}})
    expect(await heldAnswers()).toBe(0)
  })

  it.each([['{}'], ['{"afterWrites": 0}'], ['{"afterWrites": 1.5}'], ['{"afterWrites": "1"}'], ['null'], ['not json']])('refuses %s with a 400 and arms nothing', async (body) => {
    const answer = await admin('POST', 'hold-answer', body)
    expect(answer.status).toBe(400)
    expect(answer.json.message).toContain('afterWrites')
    await expect(client.send(new CreateRestApiCommand({name: 'answered'}))).resolves.toMatchObject({$metadata: {httpStatusCode: 201}})
  })
})
