import {readFileSync} from 'node:fs'

import {ApiGatewayError} from './api-errors.js'
import {type ImportedStack, createStack} from './cloudformation/stack-import.js'
import {type StackDeclaration, StackDeclarationError, readStackDeclaration} from './cloudformation/stack-declaration.js'
import type {Stacks} from './cloudformation/stacks.js'
import {type ImportedDefinition, parseDefinitionDocument} from './openapi/import.js'
import {MAX_DEFINITION_BYTES} from './operations/rest-apis.js'
import type {SandboxStore} from './store.js'

export interface SeededApi {
  file: string
  id: string
  name: string
  stage?: string
  deploymentId?: string
}

export type SeededStack = ImportedStack

/** A REST API the sandbox reloaded from `--state FILE`, with each stage and the deployment it serves. */
export interface RestoredApi {
  id: string
  name: string
  stages: Array<{stage: string; deploymentId: string}>
}

export type RestoredStack = Omit<ImportedStack, 'file'>

export interface RestoredState {
  /** The `--state` file, as given. */
  file: string
  restApis: RestoredApi[]
  stacks: RestoredStack[]
}

export interface SetupRequest {
  /** `--import FILE` values: OpenAPI definitions imported as new REST APIs. */
  imports?: readonly string[]
  /** `--deploy-stage NAME`: deploy every imported API to this stage. */
  deployStage?: string
  /** `--import-stack FILE` values: stack declarations (src/sandbox/cloudformation/stack-declaration.ts). */
  stacks?: readonly string[]
}

export interface SetupResult {
  restApis: SeededApi[]
  stacks: SeededStack[]
}

export class SandboxSetupError extends Error {}

/**
 * What a sandbox holds right after it started with `--state FILE`, before `--import` adds anything: the
 * APIs and stacks of the state file, in the order they were created. Undefined when it holds nothing.
 */
export function describeRestored(target: {store: SandboxStore; stacks: Stacks}, file: string): RestoredState | undefined {
  const restApis = [...target.store.state.apis.values()].map((api) => ({
    id: api.api.id,
    name: api.api.name,
    stages: [...api.stages.values()].map((stage) => ({stage: stage.stageName, deploymentId: stage.deploymentId})),
  }))
  const stacks = [...target.stacks.records.values()].map((record) => ({stackName: record.stackName, stackId: record.stackId, restApis: {...record.restApis}}))
  return restApis.length > 0 || stacks.length > 0 ? {file, restApis, stacks} : undefined
}

/**
 * `--import FILE` and `--deploy-stage NAME`: the same import and deployment the control plane
 * performs, applied before the server answers, so they do not appear in the call log.
 */
export function seedSandbox(store: SandboxStore, files: readonly string[], deployStage?: string): SeededApi[] {
  const definitions = readDefinitions(files)
  return importDefinitions(store, definitions, deployStage).map(({seeded}) => seeded)
}

/**
 * `--import`, `--deploy-stage` and `--import-stack` together. Every file is read and checked, and every
 * REST API a stack names is found (among the APIs the sandbox has and those about to be imported), before
 * anything is created: a bad file leaves the state untouched.
 */
export function setUpSandbox(target: {store: SandboxStore; stacks: Stacks}, request: SetupRequest): SetupResult {
  const {store, stacks} = target
  const definitions = readDefinitions(request.imports ?? [])
  const declarations = (request.stacks ?? []).map((file) => {
    try {
      return readStackDeclaration(file)
    } catch (error) {
      if (error instanceof StackDeclarationError) throw new SandboxSetupError(`--import-stack ${file}: ${error.message}`)
      throw error
    }
  })
  const plans = planStacks(store, stacks, definitions, declarations)

  const imported = importDefinitions(store, definitions, request.deployStage)
  const createdNow = new Set(imported.map(({seeded}) => seeded.id))
  const created = plans.map(({declaration, targets}) => {
    const restApiIds: Record<string, string> = {}
    for (const [logicalId, target] of Object.entries(targets)) restApiIds[logicalId] = 'id' in target ? target.id : imported[target.pending]!.seeded.id
    try {
      return createStack(stacks, declaration, restApiIds, createdNow)
    } catch (error) {
      // Building SAM's implicit API from the template can fail only once the stack's ids are known.
      if (error instanceof StackDeclarationError) throw new SandboxSetupError(`--import-stack ${declaration.file}: ${error.message}`)
      throw error
    }
  })
  return {restApis: imported.map(({seeded}) => seeded), stacks: created}
}

function readDefinitions(files: readonly string[]): Array<{file: string; definition: ImportedDefinition}> {
  return files.map((file) => {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      throw new SandboxSetupError(`--import ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
    }
    if (Buffer.byteLength(text) > MAX_DEFINITION_BYTES) {
      throw new SandboxSetupError(`--import ${file}: larger than the ${MAX_DEFINITION_BYTES}-byte limit API Gateway puts on definitions`)
    }
    try {
      return {file, definition: parseDefinitionDocument(text)}
    } catch (error) {
      if (error instanceof ApiGatewayError) throw new SandboxSetupError(`--import ${file}: ${error.message}`)
      throw error
    }
  })
}

function importDefinitions(store: SandboxStore, definitions: ReadonlyArray<{file: string; definition: ImportedDefinition}>, deployStage?: string) {
  return definitions.map(({file, definition}) => {
    const api = store.importApi(definition)
    const seeded: SeededApi = {file, id: api.api.id, name: api.api.name}
    if (deployStage) {
      const deployment = store.deploy(api, {stageName: deployStage, description: `Imported from ${file}`})
      seeded.stage = deployStage
      seeded.deploymentId = deployment.id
    }
    return {seeded}
  })
}

/** A REST API a stack names: one the sandbox has, or the n-th definition about to be imported. */
type Target = {id: string} | {pending: number}

function planStacks(
  store: SandboxStore,
  stacks: Stacks,
  definitions: ReadonlyArray<{file: string; definition: ImportedDefinition}>,
  declarations: readonly StackDeclaration[],
): Array<{declaration: StackDeclaration; targets: Record<string, Target>}> {
  // Which stack each REST API already belongs to: a resource belongs to one stack.
  const owners = new Map<string, string>()
  for (const record of stacks.records.values()) for (const id of Object.values(record.restApis)) owners.set(id, record.stackName)
  const names = new Set(stacks.records.keys())

  return declarations.map((declaration) => {
    const flag = `--import-stack ${declaration.file}`
    if (names.has(declaration.stackName)) {
      throw new SandboxSetupError(`${flag}: a stack named ${declaration.stackName} already exists${stacks.records.has(declaration.stackName) ? ' (restored from --state)' : ''}`)
    }
    names.add(declaration.stackName)
    const targets: Record<string, Target> = {}
    for (const [logicalId, reference] of Object.entries(declaration.restApis)) {
      const target = findTarget(store, definitions, reference, `${flag}: restApis.${logicalId}`)
      const key = 'id' in target ? target.id : `pending:${target.pending}`
      const owner = owners.get(key)
      if (owner !== undefined) throw new SandboxSetupError(`${flag}: restApis.${logicalId}: REST API ${reference} already belongs to stack ${owner}`)
      owners.set(key, declaration.stackName)
      targets[logicalId] = target
    }
    return {declaration, targets}
  })
}

function findTarget(store: SandboxStore, definitions: ReadonlyArray<{file: string; definition: ImportedDefinition}>, reference: string, where: string): Target {
  if (store.state.apis.has(reference)) return {id: reference}
  const candidates: Array<{target: Target; label: string}> = []
  for (const api of store.state.apis.values()) if (api.api.name === reference) candidates.push({target: {id: api.api.id}, label: api.api.id})
  definitions.forEach(({file, definition}, index) => {
    if (definition.name === reference) candidates.push({target: {pending: index}, label: `--import ${file}`})
  })
  if (candidates.length === 0) throw new SandboxSetupError(`${where}: no REST API named or with id ${reference} (import it with --import)`)
  if (candidates.length > 1) {
    throw new SandboxSetupError(`${where}: ${candidates.length} REST APIs are named ${reference} (${candidates.map((candidate) => candidate.label).join(', ')}); name one by id`)
  }
  return candidates[0]!.target
}
