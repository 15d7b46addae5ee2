// The binfix.yaml JSON Schema: shipped in the package (editors use it too) and applied before anything
// reads the document, so every structural fault is reported one way, at its line.

import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {Ajv, type ErrorObject, type ValidateFunction} from 'ajv'

import {unescapePointerSegment} from '../core/json-pointer.js'
import {packageRoot} from '../schemas.js'
import {type PathSegment, SpecFault, describeValue, displayPath} from './spec-fault.js'

export function binfixSchemaFile(): string {
  return join(packageRoot(), 'schemas', 'binfix.schema.json')
}

let validator: ValidateFunction | undefined

function validate(): ValidateFunction {
  if (!validator) {
    // verbose: errors carry their schema, which holds the allowed keys and the readable pattern text.
    const ajv = new Ajv({strict: true, verbose: true, allErrors: false})
    // The VS Code / yaml-language-server extension keyword; here it is the message for a pattern fault.
    ajv.addVocabulary(['patternErrorMessage'])
    validator = ajv.compile(JSON.parse(readFileSync(binfixSchemaFile(), 'utf8')) as object)
  }
  return validator
}

/** The first schema violation of a binfix spec document, or undefined when it conforms. */
export function schemaFault(data: unknown): SpecFault | undefined {
  const check = validate()
  if (check(data)) return undefined
  const [error] = check.errors ?? []
  return error && faultOf(error, data)
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
      return SpecFault.atKey([...path, key], `unknown key ${JSON.stringify(key)} (allowed: ${allowed.join(', ')})`)
    }
    case 'pattern': {
      const expected = schema?.patternErrorMessage ?? `must match ${String(params['pattern'])}`
      // A key that does not fit (propertyNames): point at the key itself.
      if (error.propertyName !== undefined) return SpecFault.atKey([...path, error.propertyName], `key ${JSON.stringify(error.propertyName)} ${expected}`)
      return SpecFault.at(path, `${expected} (got ${describeValue(error.data)})`)
    }
    case 'enum':
      return SpecFault.at(path, `must be one of ${(params['allowedValues'] as unknown[]).join(', ')} (got ${describeValue(error.data)})`)
    case 'const':
      return SpecFault.at(path, `must be ${JSON.stringify(params['allowedValue'])} (got ${describeValue(error.data)})`)
    case 'type':
      return SpecFault.at(path, `must be ${TYPE_NAMES[String(params['type'])] ?? String(params['type'])} (got ${describeValue(error.data)})`)
    case 'minLength':
      return SpecFault.at(path, 'must not be empty')
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
