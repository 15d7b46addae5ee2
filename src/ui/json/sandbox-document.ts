// `sandbox --json`, printed once the sandbox listens (schemas/json/sandbox.schema.json).

import {optionalField} from '../../core/optional-field.js'
import type {RunningSandbox} from '../../services/sandbox-service.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

export interface SandboxDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  endpoint: string
  region: string
  /** This start's --import APIs. */
  restApis: Array<{file: string; id: string; name: string; stage?: string; deploymentId?: string}>
  /** What --state reloaded; absent when it held nothing. */
  restored?: {
    file: string
    restApis: Array<{id: string; name: string; stages: Array<{stage: string; deploymentId: string}>}>
    stacks: Array<{stackName: string; stackId: string; restApis: Record<string, string>}>
  }
  /** This start's --import-stack stacks; absent when none. */
  stacks?: Array<{file: string; stackName: string; stackId: string; restApis: Record<string, string>}>
  /** The Lambda functions served; absent when none. */
  functions?: string[]
  /** What --fleet made; absent without --fleet. */
  fleet?: {file: string; accounts: number; accountRegions: number; restApis: number; stacks: number}
}

export function sandboxDocument(running: RunningSandbox): SandboxDocument {
  const {restored} = running
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    endpoint: running.endpoint,
    region: running.region,
    restApis: running.restApis.map((api) => ({file: api.file, id: api.id, name: api.name, ...optionalField('stage', api.stage), ...optionalField('deploymentId', api.deploymentId)})),
    ...optionalField(
      'restored',
      restored && {
        file: restored.file,
        restApis: restored.restApis.map((api) => ({id: api.id, name: api.name, stages: api.stages.map((stage) => ({stage: stage.stage, deploymentId: stage.deploymentId}))})),
        stacks: restored.stacks.map((stack) => ({stackName: stack.stackName, stackId: stack.stackId, restApis: {...stack.restApis}})),
      },
    ),
    ...optionalField('stacks', running.stacks.length > 0 ? running.stacks.map((stack) => ({file: stack.file, stackName: stack.stackName, stackId: stack.stackId, restApis: {...stack.restApis}})) : undefined),
    ...optionalField('functions', running.functions.length > 0 ? [...running.functions] : undefined),
    ...optionalField('fleet', running.fleet && {file: running.fleet.file, accounts: running.fleet.accounts, accountRegions: running.fleet.accountRegions, restApis: running.fleet.restApis, stacks: running.fleet.stacks}),
  }
}
