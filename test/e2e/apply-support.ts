// Shared set-up for the apply and rollback end-to-end tests: the real SDK adapters over HTTP against a
// sandbox, journals in a scratch history directory, and answers to prompts from a script.
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {GetExportCommand, GetStageCommand, type APIGatewayClient} from '@aws-sdk/client-api-gateway'

import {type ApplyDependencies, type ApplyReport, type ApplyRequest, applyChanges} from '../../src/services/apply-service.js'
import {type RollbackDependencies, type RollbackReport, type RollbackRequest, rollbackStage} from '../../src/services/rollback-service.js'
import {fetchCallLog} from '../helpers/sandbox.js'
import {deploy, importFixture, patchBinaryMediaTypes, setContentHandling} from './audit-support.js'
import {TestIoHost} from '../helpers/test-io-host.js'

export const CONNECTION = {region: 'us-east-1'}

/** The sample image API deployed with the typical drift: both binary media types lost, PUT's CONVERT_TO_TEXT gone. */
export async function driftedImageApi(client: APIGatewayClient, fixture = 'image-api.oas30.json'): Promise<string> {
  const restApiId = await importFixture(client, fixture)
  await patchBinaryMediaTypes(client, restApiId, 'remove', '/binaryMediaTypes/application~1octet-stream', '/binaryMediaTypes/image~1jpeg')
  await setContentHandling(client, restApiId, '/lambda', 'PUT', '')
  await deploy(client, restApiId)
  return restApiId
}

export type ScratchHistory = ReturnType<typeof scratchHistory>

/** A fresh history directory for each test of the file. */
export function useScratchHistory(): {current: ScratchHistory} {
  const holder = {} as {current: ScratchHistory}
  beforeEach(() => {
    holder.current = scratchHistory()
  })
  afterEach(() => holder.current.remove())
  return holder
}

export function scratchHistory(): {dir: string; journals(apiId: string): string[]; remove(): void} {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-binfix-history-'))
  return {
    dir,
    journals: (apiId) => {
      try {
        return readdirSync(join(dir, apiId)).map((name) => join(dir, apiId, name))
      } catch {
        return []
      }
    },
    remove: () => rmSync(dir, {recursive: true, force: true}),
  }
}

export function apply(endpoint: string, historyDir: string, request: Partial<ApplyRequest>, dependencies: Partial<ApplyDependencies> = {}): Promise<ApplyReport> {
  return applyChanges(
    {yes: true, dryRun: false, deploy: true, interactive: false, historyDir, cwd: process.cwd(), connection: {...CONNECTION, endpointUrl: endpoint}, ...request},
    {io: new TestIoHost(), ...dependencies},
  )
}

export function rollback(endpoint: string, historyDir: string, request: Partial<RollbackRequest>, dependencies: Partial<RollbackDependencies> = {}): Promise<RollbackReport> {
  return rollbackStage(
    {yes: true, interactive: false, historyDir, cwd: process.cwd(), connection: {...CONNECTION, endpointUrl: endpoint}, ...request},
    {io: new TestIoHost(), ...dependencies},
  )
}

/** The stage's export as the SDK returns it: what clients of the stage get. */
export async function stageExport(client: APIGatewayClient, restApiId: string, stageName = 'v1'): Promise<string> {
  const exported = await client.send(new GetExportCommand({restApiId, stageName, exportType: 'oas30', parameters: {extensions: 'apigateway'}, accepts: 'application/json'}))
  return Buffer.from(exported.body ?? new Uint8Array()).toString('utf8')
}

export async function stageDeployment(client: APIGatewayClient, restApiId: string, stageName = 'v1'): Promise<string> {
  return (await client.send(new GetStageCommand({restApiId, stageName}))).deploymentId!
}

/** The calls the sandbox logged after `before` of them, as "OPERATION METHOD path" for writes. */
export async function writesSince(endpoint: string, before: number): Promise<string[]> {
  const log = await fetchCallLog(endpoint)
  return log.slice(before).filter((call) => call.mutating).map((call) => `${call.operation} ${call.method} ${call.path}`)
}

export async function callCount(endpoint: string): Promise<number> {
  return (await fetchCallLog(endpoint)).length
}
