import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {dirname} from 'node:path'

import type {Deployment, Resource, RestApi, RestApiState, SandboxState, Stage} from './model.js'

// Maps are stored as arrays: ids can be all digits, and plain objects would reorder such keys.
interface PersistedApi {
  api: RestApi
  resources: Resource[]
  deployments: Deployment[]
  stages: Stage[]
}

interface PersistedState {
  format: 'apigw-binfix-sandbox-state'
  version: 1
  region: string
  accountId: string
  apis: PersistedApi[]
}

// Deployments never change once made and hold a whole copy of the API, so each is serialized once:
// with --state the file is rewritten after every write, and this keeps that cost near one copy.
const deploymentText = new WeakMap<Deployment, string>()

function serializeDeployment(deployment: Deployment): string {
  let text = deploymentText.get(deployment)
  if (text === undefined) {
    text = JSON.stringify(deployment)
    deploymentText.set(deployment, text)
  }
  return text
}

export function serializeState(state: SandboxState): string {
  const header: Omit<PersistedState, 'apis'> = {format: 'apigw-binfix-sandbox-state', version: 1, region: state.region, accountId: state.accountId}
  const apis = [...state.apis.values()].map(
    (api) =>
      `{"api":${JSON.stringify(api.api)},"resources":${JSON.stringify([...api.resources.values()])},` +
      `"deployments":[${[...api.deployments.values()].map(serializeDeployment).join(',')}],` +
      `"stages":${JSON.stringify([...api.stages.values()])}}`,
  )
  return `${JSON.stringify(header).slice(0, -1)},"apis":[${apis.join(',')}]}`
}

export function deserializeState(text: string, source: string): SandboxState {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new Error(`${source}: not a sandbox state file (${(error as Error).message})`)
  }
  const persisted = parsed as Partial<PersistedState>
  if (persisted?.format !== 'apigw-binfix-sandbox-state' || persisted.version !== 1 || !Array.isArray(persisted.apis)) {
    throw new Error(`${source}: not a sandbox state file (format/version missing or unknown)`)
  }
  const apis = new Map<string, RestApiState>()
  for (const entry of persisted.apis) {
    apis.set(entry.api.id, {
      api: entry.api,
      resources: new Map(entry.resources.map((resource) => [resource.id, resource])),
      deployments: new Map(entry.deployments.map((deployment) => [deployment.id, deployment])),
      stages: new Map(entry.stages.map((stage) => [stage.stageName, stage])),
    })
  }
  return {region: String(persisted.region), accountId: String(persisted.accountId), apis}
}

/** Write-then-rename, so a crash mid-write leaves the previous state file intact. */
export function writeStateFile(path: string, state: SandboxState): void {
  mkdirSync(dirname(path), {recursive: true})
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, serializeState(state))
  renameSync(temporary, path)
}

export function readStateFile(path: string): SandboxState | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return deserializeState(text, path)
}
