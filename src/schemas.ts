// The JSON Schemas the package publishes (schemas/): saved plans and journal entries, which pass through
// other hands and are validated before anything acts on them. One Ajv instance holds both, so the
// journal's entries can refer to the plan's definitions of settings and calls.

import {existsSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {Ajv, type ErrorObject, type ValidateFunction} from 'ajv'

/** Walks up from this module (src under jest and tsx, dist/src when built) to the package root. */
export function packageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory)
    if (parent === directory) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`)
    directory = parent
  }
  return directory
}

export type PublishedSchema = 'plan.schema.json' | 'journal.schema.json'

let ajv: Ajv | undefined
const compiled = new Map<PublishedSchema, ValidateFunction>()

export function publishedSchemaValidator(name: PublishedSchema): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({strict: false, allErrors: false})
    for (const file of ['plan.schema.json', 'journal.schema.json'] as const) ajv.addSchema(JSON.parse(readFileSync(join(packageRoot(), 'schemas', file), 'utf8')) as object, file)
  }
  let validate = compiled.get(name)
  if (!validate) {
    validate = ajv.getSchema(name)!
    compiled.set(name, validate)
  }
  return validate
}

/** One schema complaint as a short phrase: where, and what was wanted (the allowed values, not a bare "one of"). */
export function describeSchemaError(error: ErrorObject | undefined): string {
  if (!error) return 'invalid'
  // Deep documents give long paths: the start says where, the end what.
  const path = error.instancePath.length > 80 ? `${error.instancePath.slice(0, 40)}…${error.instancePath.slice(-40)}` : error.instancePath
  const where = path === '' ? '' : `${path} `
  const params = error.params as {allowedValues?: unknown[]; allowedValue?: unknown; missingProperty?: string}
  switch (error.keyword) {
    case 'enum':
      return `${where}must be one of ${(params.allowedValues ?? []).map((value) => JSON.stringify(value)).join(', ')}`
    case 'const':
      return `${where}must be ${JSON.stringify(params.allowedValue)}`
    case 'required':
      return `${where}lacks ${params.missingProperty}`
    default:
      return `${where}${(error.message ?? 'is invalid').slice(0, 160)}`
  }
}
