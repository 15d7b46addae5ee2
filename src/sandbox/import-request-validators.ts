// How an import lays out its request validators: by name, as the methods that use them name them.
import type {ImportedRequestValidator} from './openapi/request-validator-extension.js'
import type {RequestValidator, RestApiState} from './model.js'

/**
 * The document's validators replace (overwrite) or join (merge) the API's, a validator keeping its id
 * under its name, as the store does for models and authorizers; answers each name's id.
 */
export function applyRequestValidators(
  api: RestApiState,
  imported: readonly ImportedRequestValidator[],
  mode: 'merge' | 'overwrite',
  newId: (taken: {has(id: string): boolean}) => string,
): Map<string, string> {
  const byName = new Map([...api.requestValidators.values()].map((validator) => [validator.name, validator]))
  if (mode === 'overwrite') api.requestValidators = new Map()
  for (const validator of imported) {
    const id = byName.get(validator.name)?.id ?? newId(api.requestValidators)
    for (const [key, existing] of api.requestValidators) if (existing.name === validator.name) api.requestValidators.delete(key)
    const record: RequestValidator = {id, ...validator}
    api.requestValidators.set(id, record)
  }
  return new Map([...api.requestValidators.values()].flatMap((validator) => (validator.name === undefined ? [] : [[validator.name, validator.id] as const])))
}
