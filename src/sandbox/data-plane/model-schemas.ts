// Request bodies checked against an API's models, as JSON Schema draft 4 (developer guide,
// models-mappings-models: "API Gateway uses JSON schema draft 4"). The sandbox validates with ajv 8, which
// speaks draft-06 and later only (no draft-04 package is installed), so each model is rewritten into the
// draft-07 schema that means the same before ajv compiles it:
// - `exclusiveMaximum`/`exclusiveMinimum: true` beside `maximum`/`minimum` become draft-06's numbers; `false` goes;
// - `$schema` and draft-04's `id` go (ajv 8 refuses `id`; a model's base URI is its own URL);
// - keywords draft 4 does not have (const, contains, propertyNames, if/then/else, …) go: draft 4 ignores them;
// - beside a `$ref`, only `definitions` stays, as draft 4 ignores a reference's siblings;
// - `format` is not checked (ajv-formats is not installed; LocalStack checks no format either);
// - `pattern` runs on the sandbox's RE2 engine for Java patterns (AWS validates in Java), so no pattern can
//   hang the sandbox, and a pattern RE2 cannot run makes the model unusable here (logged).
// A model names another by its URL, `https://apigateway.amazonaws.com/restapis/{id}/models/{name}`, or as a
// definition (`#/definitions/Name`) that the schema does not hold itself: either is the API's model of that
// name (LocalStack's ModelResolver resolves both by name; recorded: test_api_gateway_request_validator_with_ref_models,
// test_import_with_circular_models_and_request_validation). References may be circular.
//
// Models are API configuration, so untrusted: the sandbox bounds what one method's model may reach (text
// size, count) and how long one validation may run, and answers past a bound as for a body that fails.

import {Ajv, type AnySchemaObject, type ValidateFunction} from 'ajv'

import {JavaRegexError, compileJavaRegex, javaFind} from '../../core/java-regex.js'
import {quoted} from '../../core/quote.js'
import type {ApiSnapshot, Model} from '../model.js'
import {modelOfUrl, modelUrl} from '../openapi/model-refs.js'

/** Characters of schema text one method's model may reach, itself and every model it names (the sandbox's bound). */
export const MAX_REACHABLE_SCHEMA_CHARS = 400_000
/** Models one method's model may reach (the sandbox's bound). */
export const MAX_REACHABLE_MODELS = 200
/**
 * Schemas (objects in schema places) in all the models one method's model reaches, and their nesting: ajv's
 * compile time grows faster than the schema (about 0.5 s for 1,000 properties, 4 s for 2,000 on the
 * sandbox's machine), and the sandbox compiles while a request waits. Models people write stay far below.
 */
export const MAX_REACHABLE_SCHEMAS = 1_000
export const MAX_SCHEMA_DEPTH = 64
/** Wall-clock time of one body validation, checked as the validator steps through the schema (the sandbox's bound). */
export const VALIDATION_TIME_BUDGET_MS = 1_000

/** A model the sandbox cannot validate with; `diagnosis` is the line it logs. */
export class ModelSchemaFault {
  constructor(readonly diagnosis: string) {}
}

/** A validation that ran past the sandbox's time bound. */
export class ValidationBudgetError extends Error {
  override name = 'ValidationBudgetError'
}

export type BodyValidator = (instance: unknown) => boolean

interface SnapshotModels {
  ajv: Ajv
  added: Set<string>
  validators: Map<string, BodyValidator | ModelSchemaFault>
}

// Compiled once per deployment: a deployment's models never change.
const bySnapshot = new WeakMap<ApiSnapshot, SnapshotModels>()

/** The validator of model `name` of the deployed API, or why there is none. */
export function modelValidator(snapshot: ApiSnapshot, restApiId: string, name: string): BodyValidator | ModelSchemaFault {
  let models = bySnapshot.get(snapshot)
  if (!models) {
    models = {ajv: newAjv(), added: new Set(), validators: new Map()}
    bySnapshot.set(snapshot, models)
  }
  let validator = models.validators.get(name)
  if (!validator) {
    validator = compileModel(models, snapshot.models ?? [], restApiId, name)
    models.validators.set(name, validator)
  }
  return validator
}

function compileModel(models: SnapshotModels, stored: readonly Model[], restApiId: string, name: string): BodyValidator | ModelSchemaFault {
  const byName = new Map(stored.map((model) => [model.name, model]))
  // Every model the method's model reaches, rewritten, within the bounds.
  const rewritten = new Map<string, AnySchemaObject>()
  const pending = [name]
  const walk: Walk = {restApiId, named: new Set(), schemas: 0}
  let chars = 0
  while (pending.length > 0) {
    const next = pending.pop()!
    if (rewritten.has(next)) continue
    const model = byName.get(next)
    if (model === undefined) return new ModelSchemaFault(`model ${quoted(name)} names model ${quoted(next)}, which the deployed API does not have; its bodies are answered as invalid`)
    chars += model.schema?.length ?? 0
    if (chars > MAX_REACHABLE_SCHEMA_CHARS || rewritten.size >= MAX_REACHABLE_MODELS) {
      return new ModelSchemaFault(`model ${quoted(name)} reaches more than the sandbox's bound of ${MAX_REACHABLE_MODELS} models or ${MAX_REACHABLE_SCHEMA_CHARS} characters of schema; its bodies are answered as invalid`)
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(model.schema ?? '')
    } catch {
      return new ModelSchemaFault(`model ${quoted(next)} has a schema that is no JSON; bodies it validates are answered as invalid`)
    }
    if (!isObject(parsed)) return new ModelSchemaFault(`model ${quoted(next)} has a schema that is no JSON object; bodies it validates are answered as invalid`)
    walk.named = new Set()
    try {
      rewritten.set(next, {...asDraft7(parsed, parsed, walk, 0), $id: modelUrl(restApiId, encodeURIComponent(next))})
    } catch (error) {
      if (error instanceof SchemaBoundError) return new ModelSchemaFault(`model ${quoted(name)} reaches ${error.message}; its bodies are answered as invalid`)
      throw error
    }
    pending.push(...walk.named)
  }
  try {
    for (const [modelName, schema] of rewritten) {
      if (models.added.has(modelName)) continue
      models.ajv.addSchema(schema)
      models.added.add(modelName)
    }
    const validate = models.ajv.getSchema(modelUrl(restApiId, encodeURIComponent(name))) as ValidateFunction | undefined
    if (!validate) throw new Error('not compiled')
    return (instance) => withBudget(() => validate(instance) === true)
  } catch (error) {
    const reason = error instanceof JavaRegexError ? `a pattern the sandbox cannot run (${error.message})` : firstLine(error)
    return new ModelSchemaFault(`model ${quoted(name)} cannot be compiled: ${reason}; its bodies are answered as invalid`)
  }
}

const BUDGET_KEYWORD = 'x-apigw-binfix-budget'

function newAjv(): Ajv {
  const ajv = new Ajv({
    strict: false,
    logger: false,
    allErrors: false,
    validateSchema: false,
    validateFormats: false,
    addUsedSchema: false,
    // Optimizing the generated code takes most of the compile time and saves little per validation.
    code: {regExp: javaPatternEngine, optimize: false},
  })
  // Called at every schema the validator enters: the clock is read every so many steps.
  ajv.addKeyword({keyword: BUDGET_KEYWORD, schemaType: 'boolean', errors: false, validate: tick})
  return ajv
}

// ajv asks its engine for `{test}`; the patterns are compiled (and refused) when the schema is.
const javaPatternEngine = Object.assign(
  (pattern: string) => {
    const compiled = compileJavaRegex(pattern)
    if (compiled instanceof JavaRegexError) throw compiled
    return {test: (text: string) => javaFind(pattern, text)}
  },
  {code: 'javaPatternEngine'},
)

let deadline = Number.POSITIVE_INFINITY
let steps = 0

function tick(): boolean {
  if (++steps % 256 === 0 && performance.now() > deadline) {
    throw new ValidationBudgetError(`a body validation ran past the sandbox's ${VALIDATION_TIME_BUDGET_MS} ms bound; the body is answered as invalid`)
  }
  return true
}

// Validation is synchronous, so one deadline at a time is enough.
function withBudget(validate: () => boolean): boolean {
  deadline = performance.now() + VALIDATION_TIME_BUDGET_MS
  steps = 0
  try {
    return validate()
  } finally {
    deadline = Number.POSITIVE_INFINITY
  }
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions'])
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf'])
const SCHEMA_VALUES = new Set(['not', 'additionalProperties', 'additionalItems'])
// Not in draft 4, which ignores them; ajv would apply them.
const LATER_KEYWORDS = new Set([
  '$schema', 'id', '$id', '$anchor', '$dynamicAnchor', '$dynamicRef', '$recursiveAnchor', '$recursiveRef', '$vocabulary', '$comment',
  'const', 'contains', 'minContains', 'maxContains', 'propertyNames', 'if', 'then', 'else', 'prefixItems',
  'dependentRequired', 'dependentSchemas', 'unevaluatedItems', 'unevaluatedProperties', 'contentMediaType', 'contentEncoding', 'contentSchema',
])

interface Walk {
  restApiId: string
  /** The models the schema walked names. */
  named: Set<string>
  /** Schemas walked so far, in every model. */
  schemas: number
}

class SchemaBoundError extends Error {}

/** `schema` (a draft-4 schema object) as the draft-07 schema ajv reads the same way, within the bounds. */
function asDraft7(schema: Record<string, unknown>, root: Record<string, unknown>, walk: Walk, depth: number): Record<string, unknown> {
  if (++walk.schemas > MAX_REACHABLE_SCHEMAS) throw new SchemaBoundError(`more than the sandbox's bound of ${MAX_REACHABLE_SCHEMAS} schemas`)
  if (depth > MAX_SCHEMA_DEPTH) throw new SchemaBoundError(`schemas nested deeper than the sandbox's bound of ${MAX_SCHEMA_DEPTH}`)
  const sub = (value: unknown) => (isObject(value) ? asDraft7(value, root, walk, depth + 1) : value)
  const out: Record<string, unknown> = {[BUDGET_KEYWORD]: true}
  const ref = schema.$ref
  if (typeof ref === 'string') {
    out.$ref = modelReference(ref, root, walk)
    if (isObject(schema.definitions)) out.definitions = mapValues(schema.definitions, sub)
    return out
  }
  for (const [key, value] of Object.entries(schema)) {
    if (LATER_KEYWORDS.has(key)) continue
    if (key === 'exclusiveMaximum' || key === 'exclusiveMinimum') {
      const bound = schema[key === 'exclusiveMaximum' ? 'maximum' : 'minimum']
      if (value === true && typeof bound === 'number') out[key] = bound
      continue
    }
    if ((key === 'maximum' && schema.exclusiveMaximum === true) || (key === 'minimum' && schema.exclusiveMinimum === true)) continue
    if (SCHEMA_MAPS.has(key) && isObject(value)) out[key] = mapValues(value, sub)
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(sub)
    else if (SCHEMA_VALUES.has(key)) out[key] = sub(value)
    else if (key === 'items') out[key] = Array.isArray(value) ? value.map(sub) : sub(value)
    else if (key === 'dependencies' && isObject(value)) out[key] = mapValues(value, (item) => (Array.isArray(item) ? item : sub(item)))
    else out[key] = value
  }
  return out
}

const DEFINITION_REF = /^#\/(?:definitions|components\/schemas)\/([^/]+)$/

function modelReference(ref: string, root: Record<string, unknown>, walk: Walk): string {
  const model = modelOfUrl(ref)?.name ?? (resolvesIn(ref, root) ? undefined : DEFINITION_REF.exec(ref)?.[1])
  if (model === undefined) return ref
  const name = safeDecode(model).replaceAll('~1', '/').replaceAll('~0', '~')
  walk.named.add(name)
  return modelUrl(walk.restApiId, encodeURIComponent(name))
}

function resolvesIn(ref: string, root: unknown): boolean {
  if (!ref.startsWith('#')) return false
  let node = root
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const segment = safeDecode(raw).replaceAll('~1', '/').replaceAll('~0', '~')
    if (!isObject(node) || !Object.hasOwn(node, segment)) return false
    node = node[segment]
  }
  return true
}

function mapValues(record: Record<string, unknown>, map: (value: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]))
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!.slice(0, 200)
}
