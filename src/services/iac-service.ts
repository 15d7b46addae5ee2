// iac: the fix as a change to the source of the tool that deploys the API, so the next deploy keeps it.
// Reads what plan reads (the working copy, and the stage with --stage), judges it against the desired
// spec the same way, and renders the settings the spec governs in one format. Read-only.

import type {AwsConnectionOptions} from '../aws/api-gateway-port.js'
import {UsageError} from '../cli/errors.js'
import type {DesiredSpec} from '../core/desired-spec.js'
import {type DurableChange, IAC_FORMATS, type IacFormat, durableChange, isIacFormat, renderIac} from '../core/iac/index.js'
import {loadDesiredSpec} from '../spec/load-spec.js'
import {type LiveReader, connectReader} from './live-state.js'
import {checkedOutPath, writeAtomically} from './out-file.js'
import {preparePlan} from './plan-service.js'

export interface IacRequest {
  api?: string
  specFile?: string
  binaryTypes?: string[]
  stage?: string
  /** Absent: the format of the stack that owns the API, once that is known (see IacDependencies.ownerFormat). */
  format?: IacFormat
  /** --out: write the text there (atomically) instead of returning it for stdout. */
  out?: string
  cwd: string
  connection: AwsConnectionOptions
}

export interface IacReport {
  format: IacFormat
  api: {id: string; name: string}
  region: string | null
  stage: string | null
  spec: DurableChange['spec']
  /** The settings the text declares, with their live and desired values. */
  settings: Pick<DurableChange, 'binaryMediaTypes' | 'methods'>
  /** How many of them differ from the live working copy. */
  differences: number
  text: string
  /** The file written, as named with --out. */
  out?: string
  /** Control-plane calls made. */
  calls: number
}

export interface IacDependencies {
  createReader?: (connection: AwsConnectionOptions) => Promise<LiveReader>
  /**
   * The deploy tool of the stack that owns the API, used when no format is given. Not wired yet: once the
   * owning stack can be read, its tool becomes the default here and the command stops requiring --format.
   */
  ownerFormat?: (api: {id: string; name: string}, reader: LiveReader) => Promise<IacFormat | undefined>
  now?: () => Date
}

export const MISSING_FORMAT = `pass --format (${IAC_FORMATS.join('|')})`

/** The --format flag's value, checked: one line naming the flag and the choices. */
export function parseIacFormat(value: string | undefined): IacFormat | undefined {
  if (value === undefined) return undefined
  if (!isIacFormat(value)) throw new UsageError(`--format ${value}: not one of ${IAC_FORMATS.join(', ')}`)
  return value
}

export async function iacForApi(request: IacRequest, dependencies: IacDependencies = {}): Promise<IacReport> {
  // All local input is checked before the first call.
  if (request.format === undefined && !dependencies.ownerFormat) throw new UsageError(MISSING_FORMAT)
  const spec = await loadDesiredSpec({specFile: request.specFile, binaryTypes: request.binaryTypes, cwd: request.cwd})
  if (!spec) throw new UsageError('No desired spec: pass --spec FILE or --binary-type T, or add ./binfix.yaml (iac declares what a spec asks for)')
  const outPath = request.out === undefined ? undefined : await checkedOutPath(request.out, request.cwd)
  const reader = await (dependencies.createReader ?? connectReader)({...request.connection, region: request.connection.region ?? spec.region})
  try {
    return await declare(reader, request, spec, dependencies, outPath)
  } finally {
    reader.close?.()
  }
}

async function declare(reader: LiveReader, request: IacRequest, spec: DesiredSpec, dependencies: IacDependencies, outPath: string | undefined): Promise<IacReport> {
  const stageName = request.stage ?? spec.stage
  // The same reads and judgement as plan; a spec naming routes the API lacks is refused there (exit 2).
  const {plan, findings, state} = await preparePlan(reader, {api: request.api, spec, stageName, now: (dependencies.now ?? (() => new Date()))()})
  const format = request.format ?? (await dependencies.ownerFormat?.(plan.api, reader))
  if (format === undefined) throw new UsageError(MISSING_FORMAT)
  const change = durableChange({api: plan.api, region: plan.region, stage: plan.stage, spec, live: state.live, findings})
  const text = renderIac(format, change)
  if (outPath !== undefined) await writeAtomically(outPath, text, request.out!)
  return {
    format,
    api: change.api,
    region: change.region,
    stage: change.stage,
    spec: change.spec,
    settings: {binaryMediaTypes: change.binaryMediaTypes, methods: change.methods},
    differences: change.differences,
    text,
    ...(request.out === undefined ? {} : {out: request.out}),
    calls: reader.stats?.().calls ?? 0,
  }
}
