// PropertyDifferences as drift detection reports them (API reference, PropertyDifference): only what the
// template declares is compared, so the walk follows the expected value; list items are compared by
// position (the API Gateway resource schemas keep insertion order); an item or member present in the
// template and missing in the resource is REMOVE, an extra list item in the resource is ADD, a changed value
// NOT_EQUAL. The missing side is written "null" (as in recorded drift results: `"ExpectedValue": "null"` for
// an ADD), objects and lists as compact JSON.

import type {PropertyDifference} from './stack-model.js'

/** How two scalars at a path are compared; string comparison of their text by default. */
export type ScalarEquality = (path: string, expected: unknown, actual: unknown) => boolean

export function propertyDifferences(expected: unknown, actual: unknown, equal: ScalarEquality = sameText): PropertyDifference[] {
  const differences: PropertyDifference[] = []
  walk('', expected, actual, equal, differences)
  return differences
}

function walk(path: string, expected: unknown, actual: unknown, equal: ScalarEquality, out: PropertyDifference[]): void {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      if (actual === undefined) out.push(remove(path, expected))
      else out.push(notEqual(path, expected, actual))
      return
    }
    expected.forEach((item, index) => {
      if (index >= actual.length) out.push(remove(`${path}/${index}`, item))
      else walk(`${path}/${index}`, item, actual[index], equal, out)
    })
    for (let index = expected.length; index < actual.length; index++) {
      out.push({PropertyPath: `${path}/${index}`, ExpectedValue: 'null', ActualValue: text(actual[index]), DifferenceType: 'ADD'})
    }
    return
  }
  if (isObject(expected)) {
    if (!isObject(actual)) {
      if (actual === undefined) out.push(remove(path, expected))
      else out.push(notEqual(path, expected, actual))
      return
    }
    for (const [key, value] of Object.entries(expected)) {
      const child = `${path}/${escapeSegment(key)}`
      if (!Object.hasOwn(actual, key) || actual[key] === undefined) out.push(remove(child, value))
      else walk(child, value, actual[key], equal, out)
    }
    return
  }
  if (actual === undefined) out.push(remove(path, expected))
  else if (!equal(path, expected, actual)) out.push(notEqual(path, expected, actual))
}

function remove(path: string, expected: unknown): PropertyDifference {
  return {PropertyPath: path, ExpectedValue: text(expected), ActualValue: 'null', DifferenceType: 'REMOVE'}
}

function notEqual(path: string, expected: unknown, actual: unknown): PropertyDifference {
  return {PropertyPath: path, ExpectedValue: text(expected), ActualValue: text(actual), DifferenceType: 'NOT_EQUAL'}
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return 'null'
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

// Templates often give numbers and booleans as strings ("200", "false"); CloudFormation converts them.
function sameText(_path: string, expected: unknown, actual: unknown): boolean {
  return text(expected) === text(actual)
}

export function defaultEquality(path: string, expected: unknown, actual: unknown): boolean {
  return sameText(path, expected, actual)
}

// Property paths are JSON pointers (RFC 6901): a key holding '/' or '~' is escaped.
function escapeSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1')
}
