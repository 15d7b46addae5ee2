// The published schemas of the --json documents (schemas/json/), compiled with ajv as users would, and a
// closed copy of each: every object that lists its properties refuses any other. The published schemas
// stay open (a document may gain fields within a schemaVersion); the closed copies prove that every field
// a document has today is described.
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import {Ajv, type ValidateFunction} from 'ajv'

import {packageRoot} from '../../src/schemas.js'

export const DOCUMENTS = ['audit', 'plan', 'apply', 'rollback', 'verify', 'iac', 'export', 'history', 'init', 'sandbox', 'lint', 'fleet-audit', 'fleet-audit-record', 'fleet-plan', 'fleet-apply', 'fleet-rollback', 'error'] as const
export type DocumentName = (typeof DOCUMENTS)[number]

const SCHEMAS = join(packageRoot(), 'schemas')

function schemaFiles(): Array<{path: string; schema: Record<string, unknown>}> {
  const json = readdirSync(join(SCHEMAS, 'json')).filter((name) => name.endsWith('.schema.json')).map((name) => join(SCHEMAS, 'json', name))
  return [join(SCHEMAS, 'plan.schema.json'), ...json].map((path) => ({path, schema: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>}))
}

/** The same schema with `additionalProperties: false` on every object schema that lists properties and says nothing else. */
export function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed)
  if (typeof schema !== 'object' || schema === null) return schema
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([name, sub]) => [name, closed(sub)])) : closed(value)]))
  const type = (schema as {type?: unknown}).type
  const isObject = type === 'object' || (Array.isArray(type) && type.includes('object'))
  if (isObject && 'properties' in schema && !('additionalProperties' in schema)) copy.additionalProperties = false
  return copy
}

function compiler(transform: (schema: unknown) => unknown): (name: DocumentName) => ValidateFunction {
  const ajv = new Ajv({strict: false, allErrors: true})
  for (const {schema} of schemaFiles()) ajv.addSchema(transform(schema) as object)
  return (name) => ajv.getSchema(`https://apigw-binfix.dev/schemas/json/${name}.schema.json`)!
}

let published: ((name: DocumentName) => ValidateFunction) | undefined
let complete: ((name: DocumentName) => ValidateFunction) | undefined

/** The published schema of a document. */
export function publishedValidator(name: DocumentName): ValidateFunction {
  published ??= compiler((schema) => schema)
  return published(name)
}

/** The closed copy of a document's schema. */
export function closedValidator(name: DocumentName): ValidateFunction {
  complete ??= compiler(closed)
  return complete(name)
}

/** The schema complaints about a document, one per line ('' when it conforms to both the published and the closed schema). */
export function schemaComplaints(name: DocumentName, document: unknown): string {
  const problems: string[] = []
  for (const [which, validate] of [['published', publishedValidator(name)], ['closed', closedValidator(name)]] as const) {
    if (!validate(document)) problems.push(...(validate.errors ?? []).map((error) => `${which}: ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`))
  }
  return problems.join('\n')
}
