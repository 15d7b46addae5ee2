// The binfix.yaml JSON Schema: shipped in the package (editors use it too) and applied before anything
// reads the document, so every structural fault is reported one way, at its line.

import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {Ajv, type ErrorObject, type ValidateFunction} from 'ajv'

import {unescapePointerSegment} from '../core/json-pointer.js'
import {quoted} from '../core/quote.js'
import {packageRoot} from '../schemas.js'
import {type PathSegment, SpecFault, describeValue, displayPath} from './spec-fault.js'

export function binfixSchemaFile(): string {
  return join(packageRoot(), 'schemas', 'binfix.schema.json')
}

const validators = new Map<string, ValidateFunction>()

/** The compiled schema of schemas/`name` (binfix.yaml's, the fleet file's, c7n-org's accounts file's). */
function validatorOf(name: string): ValidateFunction {
  let validator = validators.get(name)
  if (!validator) {
    // verbose: errors carry their schema, which holds the allowed keys and the readable pattern text.
    const ajv = new Ajv({strict: true, verbose: true, allErrors: false})
    // The VS Code / yaml-language-server extension keyword; here it is the message for a pattern fault.
    ajv.addVocabulary(['patternErrorMessage'])
    validator = ajv.compile(JSON.parse(readFileSync(join(packageRoot(), 'schemas', name), 'utf8')) as object)
    validators.set(name, validator)
  }
  return validator
}

/** The first schema violation of a binfix spec document, or undefined when it conforms. */
export function schemaFault(data: unknown): SpecFault | undefined {
  return schemaFaultAgainst('binfix.schema.json', data)
}

/** The first violation of schemas/`name` by `data`, addressed by its path so the loader can name the line. */
export function schemaFaultAgainst(name: string, data: unknown): SpecFault | undefined {
  const check = validatorOf(name)
  if (check(data)) return undefined
  const error = mostTelling(check.errors ?? [])
  return error && faultOf(error, data)
}

/**
 * The first error, except after a oneOf (contentType: one text or a list), where ajv lists every
 * branch's errors first: the branch whose type fits says what is wrong ("at most 20 entries"), not the
 * other branch ("must be a string").
 */
function mostTelling(errors: readonly ErrorObject[]): ErrorObject | undefined {
  const oneOf = errors.find((error) => error.keyword === 'oneOf')
  if (!oneOf) return errors[0]
  const branches = errors.filter((error) => error !== oneOf && error.schemaPath.startsWith(`${oneOf.schemaPath}/`))
  return branches.find((error) => !(error.keyword === 'type' && error.instancePath === oneOf.instancePath)) ?? oneOf
}

function faultOf(error: ErrorObject, data: unknown): SpecFault {
  const path = instancePath(error.instancePath, data)
  const schema = error.parentSchema as {patternErrorMessage?: string; properties?: Record<string, unknown>} | undefined
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      // Points at the mapping that lacks it.
      return new SpecFault(path, `${displayPath([...path, String(params['missingProperty'])])} is required`)
    case 'additionalProperties': {
      const allowed = Object.keys(schema?.properties ?? {}).filter((key) => !key.startsWith('$'))
      const key = String(params['additionalProperty'])
      return SpecFault.atKey([...path, key], `unknown key ${quoted(key)} (allowed: ${allowed.join(', ')})`)
    }
    case 'pattern': {
      const expected = schema?.patternErrorMessage ?? `must match ${String(params['pattern'])}`
      // A key that does not fit (propertyNames): point at the key itself.
      if (error.propertyName !== undefined) return SpecFault.atKey([...path, error.propertyName], `key ${quoted(error.propertyName)} ${expected}`)
      return SpecFault.at(path, `${expected} (got ${describeValue(error.data)})`)
    }
    case 'enum':
      return SpecFault.at(path, `must be one of ${(params['allowedValues'] as unknown[]).join(', ')} (got ${describeValue(error.data)})`)
    case 'const':
      return SpecFault.at(path, `must be ${JSON.stringify(params['allowedValue'])} (got ${describeValue(error.data)})`)
    case 'type':
      return SpecFault.at(path, `must be ${TYPE_NAMES[String(params['type'])] ?? String(params['type'])} (got ${describeValue(error.data)})`)
    case 'minLength':
    case 'minItems':
      return SpecFault.at(path, 'must not be empty')
    case 'maxLength': {
      const limit = Number(params['limit'])
      if (error.propertyName !== undefined) {
        return SpecFault.atKey([...path, error.propertyName], `key ${quoted(error.propertyName)} is longer than ${limit} characters`)
      }
      return SpecFault.at(path, `must be at most ${limit} characters (got ${String(error.data).length})`)
    }
    case 'oneOf': {
      const types = (error.schema as Array<{type?: string}>).map((branch) => TYPE_NAMES[String(branch.type)] ?? String(branch.type))
      return SpecFault.at(path, `must be ${types.join(' or ')} (got ${describeValue(error.data)})`)
    }
    case 'maxItems':
      return SpecFault.at(path, `must have at most ${Number(params['limit'])} entries (got ${(error.data as unknown[]).length})`)
    case 'maxProperties':
      return SpecFault.at(path, `must have at most ${Number(params['limit'])} entries (got ${Object.keys(error.data as object).length})`)
    default:
      return SpecFault.at(path, error.message ?? `fails ${error.keyword}`)
  }
}

const TYPE_NAMES: Record<string, string> = {object: 'a mapping', array: 'a list', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false'}

/** JSON Pointer → segments; indexes into lists become numbers so they display as `[1]`. */
function instancePath(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return []
  const path: PathSegment[] = []
  let node = data
  for (const raw of pointer.slice(1).split('/')) {
    const segment = unescapePointerSegment(raw)
    const inList = Array.isArray(node)
    path.push(inList ? Number(segment) : segment)
    node = inList ? (node as unknown[])[Number(segment)] : (node as Record<string, unknown> | undefined)?.[segment]
  }
  return path
}
