// iac: the fix as a change to the source of the tool that deploys the API, so the next deploy keeps it.
// Reads what plan reads (the working copy, and the stage with --stage), judges it against the desired
// spec the same way, and renders the settings the spec governs in one format: by default, the format of
// the tool whose stack deploys the API, with that stack's logical ids where the format has them. Read-only.

import type {AwsConnectionOptions} from './api-gateway-port.js'
import type {DesiredSpec} from '../core/desired-spec.js'
import {UsageError} from '../core/errors.js'
import {type DurableChange, IAC_FORMATS, type IacFormat, durableChange, isIacFormat, renderIac, stackNames} from '../core/iac/index.js'
import {echoed} from '../core/quote.js'
import {loadDesiredSpec} from '../desired-spec/load-spec.js'
import {type CloudFormationFactory, LazyCloudFormation} from './cloudformation-connection.js'
import {type LiveReader, connectReader} from './live-state.js'
import {type Ownership, readOwnership} from './ownership.js'
import {checkedOutPath, writeAtomically} from './out-file.js'
import {preparePlan} from './plan-service.js'
import type {StackTarget} from './target.js'

export interface IacRequest {
  api?: string
  /** --stack/--logical-id: the REST API that stack deploys. */
  stack?: StackTarget
  /** --reuse-spec: the spec names another API (api: or stack:) but is meant for this one too. */
  reuseSpec?: boolean
  specFile?: string
  binaryTypes?: string[]
  stage?: string
  /** Absent: the format of the tool whose stack deploys the API. */
  format?: IacFormat
  /** --out: write the text there (atomically) instead of returning it for stdout. */
  out?: string
  /** --force: replace --out when it exists (refused otherwise). */
  force?: boolean
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
  /** The stack that deploys the API: its tool is the default format, its logical ids replace placeholders. */
  owner?: {kind: Ownership['owner']['kind']; stackName: string | null; logicalId: string | null}
  /** Control-plane calls made. */
  calls: number
}

export interface IacDependencies {
  createReader?: (connection: AwsConnectionOptions) => Promise<LiveReader>
  createCloudFormation?: CloudFormationFactory
  now?: () => Date
}

export const MISSING_FORMAT = `pass --format (${IAC_FORMATS.join('|')})`

/** The --format flag's value, checked: one line naming the flag and the choices. */
export function parseIacFormat(value: string | undefined): IacFormat | undefined {
  if (value === undefined) return undefined
  if (!isIacFormat(value)) throw new UsageError(`--format ${echoed(value)}: not one of ${IAC_FORMATS.join(', ')}`)
  return value
}

export async function iacForApi(request: IacRequest, dependencies: IacDependencies = {}): Promise<IacReport> {
  // All local input is checked before the first call.
  const spec = await loadDesiredSpec({specFile: request.specFile, binaryTypes: request.binaryTypes, cwd: request.cwd})
  if (!spec) throw new UsageError('No desired spec: pass --spec FILE or --binary-type T, or add ./binfix.yaml (iac declares what a spec asks for)')
  const outPath = request.out === undefined ? undefined : await checkedOutPath(request.out, request.cwd, {replace: request.force === true})
  const connection = {...request.connection, region: request.connection.region ?? spec.region}
  const reader = await (dependencies.createReader ?? connectReader)(connection)
  const cloudFormation = new LazyCloudFormation(connection, dependencies.createCloudFormation)
  try {
    return await declare({reader, cloudFormation}, request, spec, dependencies, outPath)
  } finally {
    reader.close?.()
    await cloudFormation.close()
  }
}

async function declare(
  {reader, cloudFormation}: {reader: LiveReader; cloudFormation: LazyCloudFormation},
  request: IacRequest,
  spec: DesiredSpec,
  dependencies: IacDependencies,
  outPath: string | undefined,
): Promise<IacReport> {
  const stageName = request.stage ?? spec.stage
  // The same reads and judgement as plan; a spec naming routes the API lacks is refused there (exit 2).
  const now = (dependencies.now ?? (() => new Date()))()
  const {plan, findings, state} = await preparePlan(reader, {api: request.api, stack: request.stack, reuseSpec: request.reuseSpec, cloudFormation, spec, stageName, now})
  // The owner's tool is the default format and its template names the resources; an API without stack
  // tags costs no CloudFormation call here.
  const ownership = await readOwnership(cloudFormation, state.api, state.live.routes, [])
  const format = request.format ?? ownerFormat(ownership)
  if (format === undefined) {
    const why = ownership ? `the tool of stack ${ownership.owner.stackName ?? ownership.owner.stackId} is not known (${ownership.templateProblem})` : `No CloudFormation stack deploys REST API ${plan.api.id} (${plan.api.name})`
    throw new UsageError(`${why}: ${MISSING_FORMAT}`)
  }
  const change = durableChange({api: plan.api, region: plan.region, stage: plan.stage, spec, live: state.live, findings})
  const text = renderIac(format, change, ownership ? stackNames(format, ownership.owner, ownership.declared) : {})
  if (outPath !== undefined) await writeAtomically(outPath, text, request.out!, {replace: request.force === true})
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
    ...(ownership ? {owner: {kind: ownership.owner.kind, stackName: ownership.owner.stackName ?? null, logicalId: ownership.owner.logicalId ?? null}} : {}),
    calls: (reader.stats?.().calls ?? 0) + (await cloudFormation.calls()),
  }
}

/** Each owning tool has a format of the same name; a stack whose template could not be read names none. */
function ownerFormat(ownership: Ownership | undefined): IacFormat | undefined {
  return ownership?.toolUnknown ? undefined : ownership?.owner.kind
}
