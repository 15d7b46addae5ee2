// The write executor over the real journal writer and a recording API Gateway client: each write is
// announced and fsynced before it is sent and confirmed after; a lost answer is settled the way
// WRITE_SETTLEMENTS says for the operation. node:fs is wrapped to record the writes and fsyncs in the
// same list as the client's calls; the files themselves are real.
import {jest} from '@jest/globals'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {AwsCallError} from '../../src/core/errors.js'
import type {PatchCall} from '../../src/core/fix-calls.js'
import type {JournalStart} from '../../src/core/journal.js'
import type {ApiGatewayClient} from '../../src/services/api-gateway-port.js'
import {TestIoHost} from '../helpers/test-io-host.js'

const real = await import('node:fs')
const events: string[] = []

jest.unstable_mockModule('node:fs', () => ({
  ...real,
  default: real,
  writeSync: (fd: number, text: string) => {
    const entry = JSON.parse(text) as {entry: string; step?: number}
    events.push(`journal ${entry.entry}${entry.step === undefined ? '' : ` ${entry.step}`}`)
    return real.writeSync(fd, text)
  },
  fsyncSync: (fd: number) => {
    events.push('fsync')
    real.fsyncSync(fd)
  },
}))

const {createJournal} = await import('../../src/history/journal-writer.js')
const {readJournalEntries} = await import('../../src/history/journal-store.js')
const {sendJournaledPatches, deployStage} = await import('../../src/services/write-executor.js')

const API = 'a1b2c3d4e5'
const ADD_PNG = {op: 'add' as const, path: '/binaryMediaTypes/image~1png'}
const ADD_GIF = {op: 'add' as const, path: '/binaryMediaTypes/image~1gif'}
const addTypes: PatchCall = {operation: 'UpdateRestApi', restApiId: API, patchOperations: [ADD_PNG, ADD_GIF]}
const toBinary: PatchCall = {operation: 'UpdateIntegration', restApiId: API, resourceId: 'r1', httpMethod: 'PUT', patchOperations: [{op: 'replace', path: '/contentHandling', value: 'CONVERT_TO_BINARY'}]}
const start: JournalStart = {
  api: {id: API, name: 'images'},
  region: 'us-east-1',
  stage: 'v1',
  priorDeploymentId: 'd0',
  prior: [
    {setting: 'binaryMediaType', mediaType: 'image/png', listed: false},
    {setting: 'binaryMediaType', mediaType: 'image/gif', listed: false},
    {setting: 'integration', resourceId: 'r1', resourcePath: '/r1', httpMethod: 'PUT', contentHandling: null},
  ],
  calls: [addTypes, toBinary],
}
const lost = () => new AwsCallError('ambiguous', 'the outcome is unknown (dropped); it may or may not have been applied')

let history: string

beforeEach(() => {
  history = mkdtempSync(join(tmpdir(), 'binfix-executor-'))
})

afterEach(() => {
  rmSync(history, {recursive: true, force: true})
})

/** A client that records its writes in `events`; `failures` are thrown, in order, by the writes. */
function recordingClient(options: {failures?: Error[]; listed?: string[]; served?: {deploymentId: string; description: string}} = {}): ApiGatewayClient {
  const failures = [...(options.failures ?? [])]
  const write = async (what: string) => {
    events.push(`send ${what}`)
    const failure = failures.shift()
    if (failure) throw failure
  }
  const unexpected = async (): Promise<never> => {
    throw new Error('unexpected call')
  }
  return {
    updateRestApi: async (_id, operations) => write(`UpdateRestApi ${operations.map((operation) => `${operation.op} ${operation.path}`).join(', ')}`),
    updateIntegration: async () => write('UpdateIntegration'),
    updateIntegrationResponse: async () => write('UpdateIntegrationResponse'),
    createDeployment: async () => {
      await write('CreateDeployment')
      return {id: 'd1'}
    },
    pointStageAt: unexpected,
    getRestApi: async () => {
      events.push('read GetRestApi')
      return {id: API, name: 'images', binaryMediaTypes: options.listed ?? [], tags: {}}
    },
    getStage: async () => {
      events.push('read GetStage')
      return {stageName: 'v1', deploymentId: options.served?.deploymentId ?? 'd0'}
    },
    getDeployment: async (_id, deploymentId) => {
      events.push('read GetDeployment')
      return {id: deploymentId, description: options.served?.description ?? ''}
    },
    listRestApis: unexpected,
    getResources: unexpected,
    getStages: unexpected,
    getExport: unexpected,
    getBasePathMappings: unexpected,
  }
}

function journalAndEvents() {
  const journal = createJournal(history, start, () => new Date('2025-01-02T03:04:05.000Z'))
  events.length = 0
  return journal
}

it('announces each write and has it on disk before sending it, and confirms it after', async () => {
  const journal = journalAndEvents()
  const unsent = await sendJournaledPatches({client: recordingClient(), journal, io: new TestIoHost()}, [addTypes, toBinary], (call) => call.operation)
  journal.close()
  expect(unsent).toEqual([])
  expect(events).toEqual([
    'journal write 1',
    'fsync',
    'send UpdateRestApi add /binaryMediaTypes/image~1png, add /binaryMediaTypes/image~1gif',
    'journal written 1',
    'fsync',
    'journal write 2',
    'fsync',
    'send UpdateIntegration',
    'journal written 2',
    'fsync',
  ])
})

it('announces the redeploy on disk before sending it', async () => {
  const journal = journalAndEvents()
  const id = await deployStage({client: recordingClient(), journal, io: new TestIoHost()}, API, 'v1', 'binfix', 'd0')
  journal.close()
  expect(id).toBe('d1')
  expect(events).toEqual(['journal deploy', 'fsync', 'send CreateDeployment', 'journal deployed', 'fsync'])
})

it('settles a lost UpdateRestApi by reading the API and resending only what it does not show yet', async () => {
  const journal = journalAndEvents()
  await sendJournaledPatches({client: recordingClient({failures: [lost()], listed: ['image/png']}), journal, io: new TestIoHost()}, [addTypes], (call) => call.operation)
  journal.close()
  expect(events.filter((event) => !event.startsWith('journal') && event !== 'fsync')).toEqual([
    'send UpdateRestApi add /binaryMediaTypes/image~1png, add /binaryMediaTypes/image~1gif',
    'read GetRestApi',
    'send UpdateRestApi add /binaryMediaTypes/image~1gif',
  ])
  expect(readJournalEntries(journal.path).map((entry) => entry.entry)).toEqual(['begin', 'write', 'written'])
})

it('does not settle by reading a write the table says is simply sent again: its lost answer is an error', async () => {
  const journal = journalAndEvents()
  const sending = sendJournaledPatches({client: recordingClient({failures: [lost()]}), journal, io: new TestIoHost()}, [toBinary], (call) => call.operation)
  await expect(sending).rejects.toMatchObject({kind: 'ambiguous'})
  journal.close()
  expect(events.filter((event) => event.startsWith('send') || event.startsWith('read'))).toEqual(['send UpdateIntegration'])
  expect(readJournalEntries(journal.path).map((entry) => entry.entry)).toEqual(['begin', 'write'])
})

it('settles a lost CreateDeployment by adopting the new deployment the stage serves with our description', async () => {
  const journal = journalAndEvents()
  const id = await deployStage({client: recordingClient({failures: [lost()], served: {deploymentId: 'd7', description: 'binfix'}}), journal, io: new TestIoHost()}, API, 'v1', 'binfix', 'd0')
  journal.close()
  expect(id).toBe('d7')
  expect(events.filter((event) => event.startsWith('send') || event.startsWith('read'))).toEqual(['send CreateDeployment', 'read GetStage', 'read GetDeployment'])
})
