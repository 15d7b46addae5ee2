// audit: read the live API with the fewest calls (GetRestApi, GetResources pages; with a stage, GetStage
// and GetExport), judge it against the desired spec, and say what real requests experience. For an API
// a stack deploys, also who owns it, what its template declares, what the next stack update does to
// the fix, and with --cfn-drift CloudFormation's own drift detection.
// Read-only: no call here writes to API Gateway (DetectStackDrift writes nothing to the API or stack).

import type {AwsConnectionOptions, RestApiSummary} from './api-gateway-port.js'
import type {CloudFormationReader} from './cloudformation-port.js'
import {applyFixCalls} from '../core/apply-fix-calls.js'
import {definitionDiff} from '../core/definition-diff.js'
import type {DesiredSpec} from '../core/desired-spec.js'
import type {Finding} from '../core/findings.js'
import type {FixCall} from '../core/fix-calls.js'
import {fixesToApply} from '../core/merge-fixes.js'
import {judge} from '../core/rules/index.js'
import {type AuditScope, auditScope} from '../core/rules/scope.js'
import {valuesAfter} from '../core/settings.js'
import {loadDesiredSpec} from '../desired-spec/load-spec.js'
import {type CloudFormationFactory, LazyCloudFormation} from './cloudformation-connection.js'
import {type LiveReader, connectReader, readLiveState} from './live-state.js'
import {type Ownership, readOwnership} from './ownership.js'
import {type DriftPolling, type PlacedStackDrift, detectStackDrift, placeDrift} from './stack-drift.js'
import {type StackTarget, resolveApi, specTarget} from './target.js'

export interface AuditRequest {
  /** The `<api>` argument: id or exact name. */
  api?: string
  /** --stack/--logical-id: the REST API that stack deploys. */
  stack?: StackTarget
  /** --reuse-spec: the spec names another API (api: or stack:) but is meant for this one too. */
  reuseSpec?: boolean
  specFile?: string
  binaryTypes?: string[]
  stage?: string
  diff?: boolean
  /** --cfn-drift: run CloudFormation drift detection on the owning stack. */
  cfnDrift?: boolean
  cwd: string
  connection: AwsConnectionOptions
}

export interface AuditReport {
  api: {id: string; name: string}
  region: string | null
  stage: string | null
  deploymentId: string | null
  spec: {kind: DesiredSpec['source']['kind']; file: string | null} | null
  inSync: boolean
  findings: Finding[]
  /** Findings the spec's `ignore` accepted. */
  ignored: Array<Pick<Finding, 'id' | 'kind'>>
  /** The calls that bring the API in sync, merged (what `apply` would send). */
  fix: FixCall[]
  /** Unified diff of the working copy before and after `fix`, with --diff. */
  diff?: string
  /** The stack that deploys the API, what its template declares and what its next update does; null: no stack. */
  ownership: Ownership | null
  /** With --cfn-drift: CloudFormation's drift of the API's resources; null when no stack owns the API. */
  cfnDrift?: PlacedStackDrift | null
  /** What was looked at, and whether a spec judged it (without one, media types and contentHandling are not). */
  scope: AuditScope
  /** Control-plane calls this audit made (API Gateway and CloudFormation). */
  calls: number
}

export interface AuditDependencies {
  createReader?: (connection: AwsConnectionOptions) => Promise<LiveReader>
  createCloudFormation?: CloudFormationFactory
  driftPolling?: DriftPolling
}

export async function auditApi(request: AuditRequest, dependencies: AuditDependencies = {}): Promise<AuditReport> {
  // All local input is checked before the first call.
  const spec = await loadDesiredSpec({specFile: request.specFile, binaryTypes: request.binaryTypes, cwd: request.cwd})
  const stageName = request.stage ?? spec?.stage
  const connection = {...request.connection, region: request.connection.region ?? spec?.region}
  const reader = await (dependencies.createReader ?? connectReader)(connection)
  const cloudFormation = new LazyCloudFormation(connection, dependencies.createCloudFormation)
  try {
    return await audit({reader, cloudFormation, polling: dependencies.driftPolling ?? {}}, request, spec, stageName)
  } finally {
    reader.close?.()
    await cloudFormation.close()
  }
}

export interface AuditReaders {
  reader: LiveReader
  cloudFormation: CloudFormationReader & {calls?(): Promise<number>}
  polling: DriftPolling
}

async function audit(readers: AuditReaders, request: AuditRequest, spec: DesiredSpec | undefined, stageName: string | undefined): Promise<AuditReport> {
  const api = await resolveApi(readers.reader, {api: request.api, stack: request.stack, ...specTarget(spec), judgedBySpec: true, reuseSpec: request.reuseSpec}, readers.cloudFormation)
  return auditResolvedApi(readers, api, spec, stageName, request)
}

/**
 * The audit of an API already found (fleet audit lists them with GetRestApis): the same reads and the
 * same rules as `audit`, so a fleet is judged exactly as each of its APIs would be alone.
 */
export async function auditResolvedApi(
  {reader, cloudFormation, polling}: AuditReaders,
  api: RestApiSummary,
  spec: DesiredSpec | undefined,
  stageName: string | undefined,
  request: Pick<AuditRequest, 'diff' | 'cfnDrift'> = {},
): Promise<AuditReport> {
  const {live, served} = await readLiveState(reader, api, stageName)
  const judgement = judge({restApiId: api.id, live, ...(served ? {deployed: served.config, stageName} : {}), ...(spec ? {spec} : {})})
  const fix = fixesToApply(judgement.findings)
  const report: AuditReport = {
    api: {id: api.id, name: api.name},
    region: reader.region ?? null,
    stage: stageName ?? null,
    deploymentId: served?.deploymentId ?? null,
    spec: spec ? {kind: spec.source.kind, file: spec.source.file ?? null} : null,
    inSync: judgement.inSync,
    findings: judgement.findings,
    ignored: judgement.ignored.map(({id, kind}) => ({id, kind})),
    fix,
    ownership: null,
    scope: auditScope(live, {stageCompared: served !== undefined, specJudged: spec !== undefined}),
    calls: 0,
  }
  if (request.diff) report.diff = definitionDiff(live, applyFixCalls(live, fix), {before: `${api.id} (live)`, after: `${api.id} (fixed)`})
  // The fix's new values are what the owner's next deploy may keep or revert.
  const ownership = (await readOwnership(cloudFormation, api, live.routes, valuesAfter(live, fix))) ?? null
  report.ownership = ownership
  if (request.cfnDrift) {
    const stackName = ownership?.owner.stackName
    report.cfnDrift = ownership && stackName ? placeDrift(await detectStackDrift(cloudFormation, stackName, ownership.apiGatewayResources, polling), ownership) : null
  }
  // resolveApi's lookups are counted too: the stats cover the readers' whole life.
  report.calls = (reader.stats?.().calls ?? 0) + ((await cloudFormation.calls?.()) ?? 0)
  return report
}
