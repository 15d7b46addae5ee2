// Shared set-up for the audit end-to-end tests: fixtures imported into a sandbox through the real SDK,
// broken the ways users break them, and audited through the real adapters over HTTP.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
  UpdateIntegrationCommand,
  UpdateIntegrationResponseCommand,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway'

import {type AuditReport, type AuditRequest, auditApi} from '../../src/services/audit-service.js'
import type {Sandbox, SandboxOptions} from '../../src/sandbox/server.js'
import {sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

export async function importFixture(client: APIGatewayClient, fixture: string, stageName = 'v1'): Promise<string> {
  const body = readFileSync(new URL(`../../fixtures/apis/${fixture}`, import.meta.url))
  const imported = await client.send(new ImportRestApiCommand({body}))
  await client.send(new CreateDeploymentCommand({restApiId: imported.id, stageName}))
  return imported.id!
}

export async function resourceId(client: APIGatewayClient, restApiId: string, path: string): Promise<string> {
  const {items = []} = await client.send(new GetResourcesCommand({restApiId, limit: 500}))
  const found = items.find((resource) => resource.path === path)
  if (!found?.id) throw new Error(`no resource ${path}`)
  return found.id
}

export async function patchBinaryMediaTypes(client: APIGatewayClient, restApiId: string, op: 'add' | 'remove', ...paths: string[]): Promise<void> {
  await client.send(new UpdateRestApiCommand({restApiId, patchOperations: paths.map((path) => ({op, path}))}))
}

export async function setContentHandling(client: APIGatewayClient, restApiId: string, path: string, httpMethod: string, value: string, statusCode?: string): Promise<void> {
  const resource = await resourceId(client, restApiId, path)
  const patchOperations = [{op: 'replace' as const, path: '/contentHandling', value}]
  if (statusCode === undefined) await client.send(new UpdateIntegrationCommand({restApiId, resourceId: resource, httpMethod, patchOperations}))
  else await client.send(new UpdateIntegrationResponseCommand({restApiId, resourceId: resource, httpMethod, statusCode, patchOperations}))
}

export async function deploy(client: APIGatewayClient, restApiId: string, stageName = 'v1'): Promise<void> {
  await client.send(new CreateDeploymentCommand({restApiId, stageName}))
}

/**
 * The SDK's default credential chain reads these (the sandbox does not check signatures). Jest runs
 * several test files in one process: the returned function puts the environment back.
 */
export function useTestCredentials(): () => void {
  const saved = {...process.env}
  for (const [key, value] of Object.entries(sandboxCliEnv())) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  return () => {
    process.env = saved
  }
}

export function audit(endpoint: string, request: Partial<AuditRequest>): Promise<AuditReport> {
  return auditApi({cwd: process.cwd(), connection: {endpointUrl: endpoint, region: 'us-east-1'}, ...request})
}

export function fixturePath(name: string): string {
  return new URL(`../../fixtures/apis/${name}`, import.meta.url).pathname
}

export function kinds(report: AuditReport): string[] {
  return report.findings.map((finding) => finding.kind)
}

export interface AuditBench {
  sandbox: Sandbox
  client: APIGatewayClient
  /** The bench's scratch directory. */
  dir: string
  /** Writes a spec file (lines joined) into the bench's scratch directory and returns its path. */
  specFile(name: string, lines: readonly string[]): string
}

/** A sandbox, an SDK client, test credentials and a scratch directory for one test file, torn down after it. */
export function useAuditBench(options: SandboxOptions = {}): AuditBench {
  const bench = {} as AuditBench
  let restoreEnvironment: () => void
  let scratch: string
  beforeAll(async () => {
    restoreEnvironment = useTestCredentials()
    bench.sandbox = await startTestSandbox(options)
    bench.client = sdkClient(bench.sandbox.url)
    scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-audit-'))
    bench.dir = scratch
  })
  afterAll(async () => {
    restoreEnvironment()
    bench.client.destroy()
    await bench.sandbox.close()
    rmSync(scratch, {recursive: true, force: true})
  })
  bench.specFile = (name, lines) => {
    const file = join(scratch, name)
    writeFileSync(file, lines.join('\n'))
    return file
  }
  return bench
}
