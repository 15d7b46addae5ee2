/**
 * The shape of an SDK response: every key mapped to the name of its value's type, recursively, so two
 * implementations can be compared without their ids, timestamps or other values. Arrays keep one shape per
 * element (lists of different resources differ per element); `$metadata` is the SDK's, not the server's.
 */
export type Shape = string | Shape[] | {[key: string]: Shape}

export function shapeOf(value: unknown): Shape {
  if (value === null) return 'null'
  if (value instanceof Date) return 'Date'
  if (value instanceof Uint8Array) return 'Uint8Array'
  if (Array.isArray(value)) return value.map((element) => shapeOf(element))
  if (typeof value === 'object') {
    const shape: {[key: string]: Shape} = {}
    for (const key of Object.keys(value as object).sort()) {
      if (key === '$metadata') continue
      shape[key] = shapeOf((value as Record<string, unknown>)[key])
    }
    return shape
  }
  return typeof value
}

/** One place where two shapes part: a key only one side has (the other side `undefined`) or two types. */
export interface ShapeDifference {
  path: string
  left?: string
  right?: string
}

const kind = (shape: Shape): string => (typeof shape === 'string' ? shape : Array.isArray(shape) ? 'array' : 'object')

/** Where `left` and `right` differ; a subtree only one side has is reported once, at its root. */
export function shapeDifferences(left: Shape, right: Shape, path = ''): ShapeDifference[] {
  if (Array.isArray(left) && Array.isArray(right)) {
    const differences: ShapeDifference[] = []
    for (let index = 0; index < Math.max(left.length, right.length); index++) {
      const at = `${path}[${index}]`
      if (index >= left.length) differences.push({path: at, right: kind(right[index])})
      else if (index >= right.length) differences.push({path: at, left: kind(left[index])})
      else differences.push(...shapeDifferences(left[index], right[index], at))
    }
    return differences
  }
  if (kind(left) === 'object' && kind(right) === 'object') {
    const l = left as {[key: string]: Shape}
    const r = right as {[key: string]: Shape}
    const differences: ShapeDifference[] = []
    for (const key of [...new Set([...Object.keys(l), ...Object.keys(r)])].sort()) {
      const at = path === '' ? key : `${path}.${key}`
      if (!(key in r)) differences.push({path: at, left: kind(l[key])})
      else if (!(key in l)) differences.push({path: at, right: kind(r[key])})
      else differences.push(...shapeDifferences(l[key], r[key], at))
    }
    return differences
  }
  return kind(left) === kind(right) ? [] : [{path, left: kind(left), right: kind(right)}]
}
