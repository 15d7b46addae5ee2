// `sandbox --fleet FILE`: the accounts, Regions, roles and REST APIs a sandbox starts with. The file is read
// strictly (core/strict-yaml.ts), checked against schemas/sandbox-fleet.schema.json and then for what a
// schema cannot say (an account named twice, a Region both serving and failing, the definitions and stack
// declarations it names), every fault reported as FILE:LINE:COLUMN, before the sandbox changes.

import {readFileSync, statSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

import {Ajv, type ErrorObject, type ValidateFunction} from 'ajv'
import type {Document, LineCounter} from 'yaml'

import {quoted} from '../../core/quote.js'
import {YamlReadError, readStrictYaml} from '../../core/strict-yaml.js'
import {packageRoot} from '../../schemas.js'
import {ApiGatewayError} from '../api-errors.js'
import {type StackDeclaration, StackDeclarationError, readStackDeclaration} from '../cloudformation/stack-declaration.js'
import {type ImportedDefinition, parseDefinitionDocument} from '../openapi/import.js'
import {MAX_DEFINITION_BYTES} from '../operations/rest-apis.js'
import {KNOWN_REGIONS, OPT_IN_REGIONS} from './account-regions.js'
import type {FleetAccount, FleetDirectory, FleetRole, RegionFailure} from './directory.js'
import {organizationFor} from './organizations.js'

/** One kind of API made in every Region of an account: `copies` of a definition. */
export interface ApiBatch {
  definitionFile: string
  definition: ImportedDefinition
  copies: number
  /** `{n}` replaced by the copy's number. */
  name: string
  stage?: string
  tags?: Record<string, string>
  stack?: {declaration: StackDeclaration; logicalId: string; name: string}
}

export interface FleetPlan {
  file: string
  directory: FleetDirectory
  /** What to create, by account and Region (failing Regions get nothing). */
  populations: Array<{accountId: string; region: string; batches: ApiBatch[]}>
}

/** A fleet file's fault, already worded `FILE:LINE:COLUMN: …`. */
export class FleetFileError extends Error {}

type Path = ReadonlyArray<string | number>
// CloudFormation's StackName pattern and length (CreateStack API reference).
const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/
const MAX_FILE_BYTES = 1024 * 1024

interface RawApi {
  definition: string
  copies: number
  name?: string
  stage?: string
  tags?: Record<string, string>
  stack?: {declaration: string; name?: string}
}
interface RawAccount {
  id: string
  name: string
  email?: string
  ou?: string
  tags?: Record<string, string>
  status?: 'ACTIVE' | 'SUSPENDED'
  regions?: string[]
  failingRegions?: Record<string, RegionFailure>
  roles?: Array<{name: string; assumable?: boolean; externalId?: string}>
  apis?: RawApi[]
}
interface RawFleet {
  version: 1
  organization?: {managementAccount?: string}
  accounts: RawAccount[]
  apis?: RawApi[]
}

/** `defaultAccount`: the sandbox's, the management account unless the file names another. */
export function readFleetFile(file: string, defaultAccount: string): FleetPlan {
  const text = readText(file)
  let parsed: {value: unknown; document: Document.Parsed; lines: LineCounter}
  try {
    parsed = readStrictYaml(text)
  } catch (error) {
    if (error instanceof YamlReadError) throw new FleetFileError(`${file}:${error.line}:${error.column}: ${error.detail}`)
    throw error
  }
  const at = (path: Path, message: string): FleetFileError => {
    const {line, col} = parsed.lines.linePos(offsetOf(parsed.document, path))
    return new FleetFileError(`${file}:${line}:${col}: ${message}`)
  }
  const check = validator()
  if (!check(parsed.value)) {
    const fault = describe(check.errors?.[0], parsed.value)
    throw at(fault.path, fault.message)
  }
  return plan(file, parsed.value as RawFleet, defaultAccount, at)
}

function plan(file: string, fleet: RawFleet, defaultAccount: string, at: (path: Path, message: string) => FleetFileError): FleetPlan {
  const base = dirname(file)
  const definitions = new Map<string, ImportedDefinition>()
  const declarations = new Map<string, {declaration: StackDeclaration; logicalId: string}>()
  const batchesOf = (apis: readonly RawApi[], path: Path): ApiBatch[] => {
    const stackNames = new Set<string>()
    return apis.map((api, index) => {
      const where = [...path, index]
      const definitionFile = resolve(base, api.definition)
      let definition = definitions.get(definitionFile)
      if (!definition) definitions.set(definitionFile, (definition = readDefinition(definitionFile, (message) => at([...where, 'definition'], message))))
      const batch: ApiBatch = {definitionFile, definition, copies: api.copies, name: api.name ?? `${definition.name}-{n}`}
      if (api.stage !== undefined) batch.stage = api.stage
      if (api.tags !== undefined) batch.tags = api.tags
      if (api.stack) {
        const declarationFile = resolve(base, api.stack.declaration)
        let stack = declarations.get(declarationFile)
        if (!stack) declarations.set(declarationFile, (stack = readDeclaration(declarationFile, (message) => at([...where, 'stack', 'declaration'], message))))
        const name = api.stack.name ?? `${stack.declaration.stackName}-{n}`
        const namePath = api.stack.name === undefined ? [...where, 'stack'] : [...where, 'stack', 'name']
        for (const n of [1, api.copies]) {
          if (!STACK_NAME.test(numbered(name, n))) throw at(namePath, `stack name ${quoted(numbered(name, n))}: a stack name starts with a letter and has only letters, digits and '-' (at most 128)`)
        }
        if (api.copies > 1 && !name.includes('{n}')) throw at(namePath, `the ${api.copies} copies' stacks need names of their own: put {n} in the name`)
        for (let n = 1; n <= api.copies; n++) {
          const stackName = numbered(name, n)
          if (stackNames.has(stackName)) throw at(namePath, `stack name ${quoted(stackName)} is used twice in the same account and Region`)
          stackNames.add(stackName)
        }
        batch.stack = {...stack, name}
      }
      return batch
    })
  }

  const defaultBatches = batchesOf(fleet.apis ?? [], ['apis'])
  const accounts = new Map<string, FleetAccount>()
  const populations: FleetPlan['populations'] = []
  const management = fleet.organization?.managementAccount ?? defaultAccount
  for (const [index, raw] of fleet.accounts.entries()) {
    const where = ['accounts', index]
    if (accounts.has(raw.id)) throw at([...where, 'id'], `account ${raw.id} is named twice`)
    const regions = raw.regions ?? []
    for (const [position, region] of regions.entries()) {
      if (!KNOWN_REGIONS.has(region)) throw at([...where, 'regions', position], `${quoted(region)} is not a Region of the aws partition`)
    }
    const failingRegions = new Map(Object.entries(raw.failingRegions ?? {}))
    for (const region of failingRegions.keys()) {
      if (!KNOWN_REGIONS.has(region)) throw at([...where, 'failingRegions', region], `${quoted(region)} is not a Region of the aws partition`)
      if (regions.includes(region)) throw at([...where, 'failingRegions', region], `${region} is also in regions: a Region either serves the account's APIs or fails`)
    }
    let roles: Map<string, FleetRole> | undefined
    if (raw.roles) {
      roles = new Map()
      for (const [position, role] of raw.roles.entries()) {
        if (roles.has(role.name)) throw at([...where, 'roles', position, 'name'], `role ${role.name} is named twice`)
        roles.set(role.name, {name: role.name, assumable: role.assumable ?? true, ...(role.externalId === undefined ? {} : {externalId: role.externalId})})
      }
    }
    const optIn: ReadonlySet<string> = new Set(OPT_IN_REGIONS)
    accounts.set(raw.id, {
      id: raw.id,
      name: raw.name,
      email: raw.email ?? `${raw.name}@example.com`,
      ...(raw.ou === undefined ? {} : {ou: raw.ou}),
      tags: raw.tags ?? {},
      status: raw.status ?? 'ACTIVE',
      optInRegions: regions.filter((region) => optIn.has(region)),
      ...(roles === undefined ? {} : {roles}),
      failingRegions,
    })
    const batches = raw.apis === undefined ? defaultBatches : batchesOf(raw.apis, [...where, 'apis'])
    for (const region of regions) populations.push({accountId: raw.id, region, batches})
  }
  // Organizations lists its management account among the accounts (ListAccounts API reference).
  const ordered = new Map<string, FleetAccount>()
  if (!accounts.has(management)) {
    ordered.set(management, {id: management, name: 'management', email: 'management@example.com', tags: {}, status: 'ACTIVE', optInRegions: [], failingRegions: new Map()})
  }
  for (const [id, account] of accounts) ordered.set(id, account)
  return {file, directory: {organization: organizationFor(management), accounts: ordered}, populations}
}

/** `{n}` replaced by the copy's number. */
export function numbered(template: string, n: number): string {
  return template.replaceAll('{n}', String(n))
}

function readDefinition(file: string, fault: (message: string) => FleetFileError): ImportedDefinition {
  const text = readReferenced(file, fault)
  if (Buffer.byteLength(text) > MAX_DEFINITION_BYTES) throw fault(`${file}: larger than the ${MAX_DEFINITION_BYTES}-byte limit API Gateway puts on definitions`)
  try {
    return parseDefinitionDocument(text)
  } catch (error) {
    if (error instanceof ApiGatewayError) throw fault(`${file}: ${error.message}`)
    throw error
  }
}

function readDeclaration(file: string, fault: (message: string) => FleetFileError): {declaration: StackDeclaration; logicalId: string} {
  let declaration: StackDeclaration
  try {
    declaration = readStackDeclaration(file)
  } catch (error) {
    if (error instanceof StackDeclarationError) throw fault(`${file}: ${error.message}`)
    throw error
  }
  const logicalIds = Object.keys(declaration.restApis)
  // Each copy is the one REST API of its stack.
  if (logicalIds.length !== 1 || declaration.implicitApi !== undefined) throw fault(`${file}: a fleet's stack declaration names exactly one REST API (this one has ${logicalIds.length + (declaration.implicitApi === undefined ? 0 : 1)})`)
  return {declaration, logicalId: logicalIds[0]!}
}

function readReferenced(file: string, fault: (message: string) => FleetFileError): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw fault(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : (error as Error).message}`)
  }
}

function readText(file: string): string {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) throw new FleetFileError(`${file}: larger than ${MAX_FILE_BYTES} bytes`)
    return readFileSync(file, 'utf8')
  } catch (error) {
    if (error instanceof FleetFileError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new FleetFileError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : (error as Error).message}`)
  }
}

let compiled: ValidateFunction | undefined

function validator(): ValidateFunction {
  if (!compiled) {
    // verbose: errors carry their schema, which holds the readable pattern text.
    const ajv = new Ajv({strict: true, verbose: true, allErrors: false})
    ajv.addVocabulary(['patternErrorMessage'])
    compiled = ajv.compile(JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'sandbox-fleet.schema.json'), 'utf8')) as object)
  }
  return compiled
}

/** The schema's first complaint, where it is and what was wanted. */
function describe(error: ErrorObject | undefined, data: unknown): {path: Path; message: string} {
  if (!error) return {path: [], message: 'is not a fleet file'}
  const path = pathOf(error.instancePath, data)
  const shown = path.length === 0 ? 'the file' : path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('').slice(1)
  const schema = error.parentSchema as {patternErrorMessage?: string; properties?: Record<string, unknown>} | undefined
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return {path, message: `${shown} lacks ${String(params['missingProperty'])}`}
    case 'additionalProperties': {
      const key = String(params['additionalProperty'])
      return {path: [...path, key], message: `unknown key ${quoted(key)} (allowed: ${Object.keys(schema?.properties ?? {}).join(', ')})`}
    }
    case 'pattern':
      if (error.propertyName !== undefined) return {path: [...path, error.propertyName], message: `${quoted(error.propertyName)} is not a Region`}
      return {path, message: `${shown}: ${schema?.patternErrorMessage ?? `must match ${String(params['pattern'])}`} (got ${quoted(String(error.data))})`}
    case 'enum':
      return {path, message: `${shown} must be one of ${(params['allowedValues'] as unknown[]).join(', ')} (got ${quoted(String(error.data))})`}
    case 'const':
      return {path, message: `${shown} must be ${JSON.stringify(params['allowedValue'])}`}
    case 'type':
      return {path, message: `${shown} must be ${TYPE_NAMES[String(params['type'])] ?? String(params['type'])}`}
    default:
      return {path, message: `${shown} ${error.message ?? `fails ${error.keyword}`}`}
  }
}

const TYPE_NAMES: Record<string, string> = {object: 'a mapping', array: 'a list', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false'}

function pathOf(pointer: string, data: unknown): Path {
  if (pointer === '') return []
  const path: Array<string | number> = []
  let node = data
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    const inList = Array.isArray(node)
    path.push(inList ? Number(segment) : segment)
    node = inList ? (node as unknown[])[Number(segment)] : (node as Record<string, unknown> | undefined)?.[segment]
  }
  return path
}

/** Where the value at `path` starts, or the deepest part of it that exists. */
function offsetOf(document: Document.Parsed, path: Path): number {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length), true) as {range?: [number, number, number]} | undefined
    if (node?.range) return node.range[0]
  }
  return 0
}
