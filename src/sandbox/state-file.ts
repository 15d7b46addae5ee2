// `sandbox --state FILE`: the whole state in one JSON file, replaced atomically after every write and read
// back, fully checked (state-file-check.ts), on start.

import {randomBytes} from 'node:crypto'
import {closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'

import type {StackRecord} from './cloudformation/stack-model.js'
import type {Deployment, RestApiState, SandboxState} from './model.js'
import {type PersistedState, stateFileFault} from './state-file-check.js'

/** A state file the sandbox will not start from; the message is one line starting with the file's path. */
export class StateFileError extends Error {
  override name = 'StateFileError'

  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`)
  }
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
      `"stages":${JSON.stringify([...api.stages.values()])},` +
      `"models":${JSON.stringify([...api.models.values()])},"authorizers":${JSON.stringify([...api.authorizers.values()])},` +
      `"requestValidators":${JSON.stringify([...api.requestValidators.values()])},` +
      `"documentationParts":${JSON.stringify([...api.documentationParts.values()])},` +
      `"documentationVersions":${JSON.stringify([...api.documentationVersions.values()])},` +
      `"gatewayResponses":${JSON.stringify([...api.gatewayResponses.values()])}}`,
  )
  const usage = usagePlansToPersist(state)
  const account = usage === undefined ? '' : `,"usage":${JSON.stringify(usage)}`
  return `${JSON.stringify(header).slice(0, -1)},"apis":[${apis.join(',')}]${account}}`
}

/**
 * Replaces `path` with `text` so that a crash leaves either the old file or the new one. The temporary
 * file is created beside it (a rename does not cross file systems) under a random name with O_EXCL, so a
 * name planted in advance (a symlink to a victim file) makes the write fail instead of being followed;
 * 0600, as the state is nobody else's to read; flushed before the rename and the rename flushed after it.
 */
export function replaceFileAtomically(path: string, text: string): void {
  const directory = dirname(path)
  mkdirSync(directory, {recursive: true})
  const temporary = join(directory, `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`)
  const descriptor = openSync(temporary, 'wx', 0o600)
  try {
    try {
      writeFileSync(descriptor, text)
      fsyncSync(descriptor)
    } finally {
      closeSync(descriptor)
    }
    renameSync(temporary, path)
  } catch (error) {
    // A full disk or a vanished directory must not leave temporary files behind.
    try {
      unlinkSync(temporary)
    } catch {
      // Already gone.
    }
    throw error
  }
  syncDirectory(directory)
}

// Makes the rename itself durable. Not every platform can open a directory (Windows cannot); there the
// rename is as durable as the file system makes it.
function syncDirectory(directory: string): void {
  let descriptor: number
  try {
    descriptor = openSync(directory, 'r')
  } catch {
    return
  }
  try {
    fsyncSync(descriptor)
  } catch {
    // Some file systems refuse fsync on a directory (EINVAL); the rename has still happened.
  } finally {
    closeSync(descriptor)
  }
}

/** API keys and usage plans, written only when there are some so files of sandboxes without them stay as they were. */
function usagePlansToPersist(state: SandboxState): PersistedState['usage'] {
  if (state.apiKeys.size === 0 && state.usagePlans.size === 0) return undefined
  return {
    apiKeys: [...state.apiKeys.values()],
    usagePlans: [...state.usagePlans.values()].map((plan) => ({plan, keyIds: state.usagePlanKeys.get(plan.id) ?? []})),
  }
}

export interface RestoredFile {
  state: SandboxState
  stacks: StackRecord[]
}

const strictUtf8 = new TextDecoder('utf-8', {fatal: true})

/** The state and stacks a state file holds; undefined when there is no file; StateFileError when it cannot be served. */
export function readStateFile(path: string): RestoredFile | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    throw new StateFileError(path, `cannot read it (${code ?? (error as Error).message})`)
  }
  let text: string
  try {
    // The sandbox writes UTF-8 only; anything else is damage that a lenient decoder would hide in a name.
    text = strictUtf8.decode(bytes)
  } catch {
    throw new StateFileError(path, 'not a sandbox state file (not UTF-8 text)')
  }
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw new StateFileError(path, `not a sandbox state file (${(error as Error).message})`)
  }
  const fault = stateFileFault(document)
  if (fault !== undefined) throw new StateFileError(path, `cannot start from it: ${fault}`)
  const persisted = document as PersistedState
  const apis = new Map<string, RestApiState>()
  for (const entry of persisted.apis) {
    apis.set(entry.api.id, {
      api: entry.api,
      resources: new Map(entry.resources.map((resource) => [resource.id, resource])),
      deployments: new Map(entry.deployments.map((deployment) => [deployment.id, deployment])),
      stages: new Map(entry.stages.map((stage) => [stage.stageName, stage])),
      // Files written before models, authorizers, documentation and gateway responses were kept have none.
      models: new Map((entry.models ?? []).map((model) => [model.name, model])),
      authorizers: new Map((entry.authorizers ?? []).map((authorizer) => [authorizer.id, authorizer])),
      requestValidators: new Map((entry.requestValidators ?? []).map((validator) => [validator.id, validator])),
      documentationParts: new Map((entry.documentationParts ?? []).map((part) => [part.id, part])),
      documentationVersions: new Map((entry.documentationVersions ?? []).map((version) => [version.version, version])),
      gatewayResponses: new Map((entry.gatewayResponses ?? []).map((setting) => [setting.responseType, setting])),
    })
  }
  const usage = persisted.usage
  const state: SandboxState = {
    region: persisted.region,
    accountId: persisted.accountId,
    apis,
    apiKeys: new Map((usage?.apiKeys ?? []).map((key) => [key.id, key])),
    usagePlans: new Map((usage?.usagePlans ?? []).map(({plan}) => [plan.id, plan])),
    usagePlanKeys: new Map((usage?.usagePlans ?? []).map(({plan, keyIds}) => [plan.id, keyIds])),
  }
  return {state, stacks: persisted.cloudformation?.stacks ?? []}
}
