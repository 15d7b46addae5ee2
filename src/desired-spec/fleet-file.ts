// The fleet file (binfix-fleet.yaml): selectors mapped to desired specs, first match wins. Read strictly
// (core/strict-yaml.ts), checked against schemas/binfix-fleet.schema.json with line:column errors, and
// every spec it names loaded (and so validated) before any call. Specs are relative to the fleet file.

import {existsSync} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'
import {dirname, relative, resolve} from 'node:path'

import type {DesiredSpec} from '../core/desired-spec.js'
import {UsageError} from '../core/errors.js'
import type {FleetMatch} from '../core/fleet-selection.js'
import {quoted} from '../core/quote.js'
import {loadSpecFile} from './load-spec.js'
import {schemaFaultAgainst} from './spec-schema.js'
import {YamlSource} from './yaml-source.js'

export const DEFAULT_FLEET_FILE = 'binfix-fleet.yaml'

export interface FleetSelector {
  match: FleetMatch
  spec: DesiredSpec
  /** As written in the fleet file (relative to it). */
  specFile: string
  stage?: string
}

export interface FleetFile {
  /** As the user named it. */
  file: string
  selectors: FleetSelector[]
}

interface FleetDocument {
  version: 1
  apis: Array<{match: FleetMatch; spec: string; stage?: string}>
}

/**
 * `--fleet FILE`, else ./binfix-fleet.yaml when it exists; undefined without either (every API is judged
 * by the rules that need no spec). Throws UsageError naming file:line:column.
 */
export async function loadFleetFile(file: string | undefined, cwd: string): Promise<FleetFile | undefined> {
  const named = file ?? (existsSync(resolve(cwd, DEFAULT_FLEET_FILE)) ? DEFAULT_FLEET_FILE : undefined)
  if (named === undefined) return undefined
  let text: string
  try {
    text = await readFile(resolve(cwd, named), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(`--fleet ${named}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a fleet file' : `cannot be read (${code ?? (error as Error).message})`}`)
  }
  const source = YamlSource.parse(named, text)
  const data = source.data()
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw source.errorAtPath([], 'not a fleet file: expected a mapping with version: 1 and apis:')
  const fault = schemaFaultAgainst('binfix-fleet.schema.json', data)
  if (fault) throw source.errorAtPath(fault.path, fault.message, fault.atKey)
  const document = data as FleetDocument
  const base = dirname(resolve(cwd, named))
  const loaded = new Map<string, DesiredSpec>()
  const selectors: FleetSelector[] = []
  for (const [index, entry] of document.apis.entries()) {
    const absolute = resolve(base, entry.spec)
    let spec = loaded.get(absolute)
    if (!spec) {
      const isFile = await stat(absolute).then((found) => found.isFile(), () => false)
      if (!isFile) throw source.errorAtPath(['apis', index, 'spec'], `spec ${quoted(entry.spec)}: no such file (relative to ${named})`)
      // Named relative to cwd, so the spec's own errors point at a path the user can open.
      spec = await loadSpecFile(relative(cwd, absolute) || absolute, cwd)
      loaded.set(absolute, spec)
    }
    selectors.push({match: entry.match, spec, specFile: entry.spec, ...(entry.stage ? {stage: entry.stage} : {})})
  }
  return {file: named, selectors}
}
