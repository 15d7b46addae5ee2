// Where a desired spec comes from: --spec FILE, else ./binfix.yaml, plus any --binary-type flags. The
// kind is told by content (an `openapi` or `swagger` key means OpenAPI), not by file name.

import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {resolve} from 'node:path'

import {OpenApiReadError} from '../core/api-config-readers.js'
import type {DesiredSpec} from '../core/desired-spec.js'
import {UsageError} from '../core/errors.js'
import {normalizeSpecMediaType} from '../core/media-type.js'
import {type BinfixDocument, desiredSpecFromBinfix} from './binfix-spec.js'
import {desiredSpecFromOpenApi, isOpenApiDocument} from './openapi-spec.js'
import {SpecFault} from './spec-fault.js'
import {schemaFault} from './spec-schema.js'
import {YamlSource} from './yaml-source.js'

export const DEFAULT_SPEC_FILE = 'binfix.yaml'

export interface LoadSpecOptions {
  /** --spec: relative to cwd. */
  specFile?: string
  /** --binary-type flags, added to the spec's types. */
  binaryTypes?: string[]
  cwd: string
}

/** Undefined when there is no spec file, no binfix.yaml in cwd and no --binary-type. Throws UsageError. */
export async function loadDesiredSpec(options: LoadSpecOptions): Promise<DesiredSpec | undefined> {
  const file = options.specFile ?? (existsSync(resolve(options.cwd, DEFAULT_SPEC_FILE)) ? DEFAULT_SPEC_FILE : undefined)
  const binaryTypes = options.binaryTypes ?? []
  const fromFile = file === undefined ? undefined : await loadSpecFile(file, options.cwd)
  if (!fromFile && binaryTypes.length === 0) return undefined
  const spec: DesiredSpec = fromFile ?? {source: {kind: 'flags'}, binaryMediaTypes: [], binaryMediaTypesMode: 'add-only', routes: [], verify: [], ignore: []}
  return {...spec, binaryMediaTypes: withFlagTypes(spec.binaryMediaTypes, binaryTypes)}
}

/** `file` as the user named it (messages and `source.file` say it that way), read relative to cwd. */
export async function loadSpecFile(file: string, cwd: string): Promise<DesiredSpec> {
  let text: string
  try {
    text = await readFile(resolve(cwd, file), 'utf8')
  } catch (error) {
    throw new UsageError(`${file}: ${unreadable(error as NodeJS.ErrnoException)}`)
  }
  return parseDesiredSpec(file, text)
}

/** A spec from its text; `file` names it in messages and in `source.file`. Throws UsageError. */
export function parseDesiredSpec(file: string, text: string): DesiredSpec {
  const source = YamlSource.parse(file, text)
  const data = source.data()
  try {
    if (isOpenApiDocument(data)) return desiredSpecFromOpenApi(data, file)
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new SpecFault([], 'not a spec: expected a mapping with version: 1, or an OpenAPI document')
    }
    const fault = schemaFault(data)
    if (fault) throw fault
    return desiredSpecFromBinfix(data as BinfixDocument, file)
  } catch (error) {
    if (error instanceof SpecFault) throw source.errorAtPath(error.path, error.message, error.atKey)
    if (error instanceof OpenApiReadError) throw source.errorAtPath(error.path, error.message, error.atKey)
    throw error
  }
}

function withFlagTypes(types: readonly string[], flags: readonly string[]): string[] {
  const merged = [...types]
  for (const flag of flags) {
    const normalized = normalizeSpecMediaType(flag)
    if (normalized === undefined) throw new UsageError(`--binary-type ${flag}: not a media type (type/subtype, such as image/png)`)
    if (!merged.includes(normalized)) merged.push(normalized)
  }
  return merged
}

function unreadable(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file'
    case 'EISDIR':
      return 'is a directory, not a spec file'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    default:
      return `cannot be read (${error.code ?? error.message})`
  }
}
