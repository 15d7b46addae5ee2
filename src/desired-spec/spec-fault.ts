// A fault in a spec document, addressed by its path in the data so the loader can point at the line.

import {quoted} from '../core/quote.js'

export type PathSegment = string | number

export class SpecFault extends Error {
  constructor(
    /** Where in the document: keys and list indexes from the top. */
    readonly path: readonly PathSegment[],
    message: string,
    /** Point at the key of the last segment rather than at its value (unknown or repeated keys). */
    readonly atKey = false,
  ) {
    super(message)
  }

  /** `<path> <fault>`, e.g. `routes."PUT /lambda".request must be one of …`. */
  static at(path: readonly PathSegment[], fault: string): SpecFault {
    return new SpecFault(path, `${displayPath(path)} ${fault}`)
  }

  /** A fault of a key: `<parent path>: <fault>`, pointing at the key. */
  static atKey(path: readonly PathSegment[], fault: string): SpecFault {
    const parent = displayPath(path.slice(0, -1))
    return new SpecFault(path, `${parent === '' ? '' : `${parent}: `}${fault}`, true)
  }
}

/** `routes."PUT /lambda".request`, `binaryMediaTypes[1]`: how users would write the path. */
export function displayPath(path: readonly PathSegment[]): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else text += `${text === '' ? '' : '.'}${/^[A-Za-z_$][\w$-]{0,59}$/.test(segment) ? segment : quoted(segment)}`
  }
  return text
}

/** A value as a user wrote it, for `(got …)`; long text is cut. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'nothing'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return quoted(value)
  return JSON.stringify(value)
}
