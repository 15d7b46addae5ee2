import {readFileSync} from 'node:fs'

import {ApiGatewayError} from './api-errors.js'
import {parseDefinitionDocument} from './openapi/import.js'
import {MAX_DEFINITION_BYTES} from './operations/rest-apis.js'
import type {SandboxStore} from './store.js'

export interface SeededApi {
  file: string
  id: string
  name: string
  stage?: string
  deploymentId?: string
}

export class SandboxSetupError extends Error {}

/**
 * `--import FILE` and `--deploy-stage NAME`: the same import and deployment the control plane
 * performs, applied before the server answers, so they do not appear in the call log.
 */
export function seedSandbox(store: SandboxStore, files: readonly string[], deployStage?: string): SeededApi[] {
  const definitions = files.map((file) => {
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
  // Everything is validated before the first API is created: a bad file leaves the state untouched.
  return definitions.map(({file, definition}) => {
    const api = store.importApi(definition)
    const seeded: SeededApi = {file, id: api.api.id, name: api.api.name}
    if (deployStage) {
      const deployment = store.deploy(api, {stageName: deployStage, description: `Imported from ${file}`})
      seeded.stage = deployStage
      seeded.deploymentId = deployment.id
    }
    return seeded
  })
}
