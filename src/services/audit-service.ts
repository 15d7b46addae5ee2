// audit: read the live API with the fewest calls (GetRestApi, GetResources pages; with a stage, GetStage
// and GetExport), judge it against the desired spec, and say what real requests experience.
// Read-only: no call here writes to API Gateway.

import type {AwsConnectionOptions} from '../aws/api-gateway-port.js'
import {applyFixCalls} from '../core/apply-fix-calls.js'
import {definitionDiff} from '../core/definition-diff.js'
import type {DesiredSpec} from '../core/desired-spec.js'
import type {Finding} from '../core/findings.js'
import type {FixCall} from '../core/fix-calls.js'
import {fixesToApply} from '../core/merge-fixes.js'
import {judge} from '../core/rules/index.js'
import {loadDesiredSpec} from '../spec/load-spec.js'
import {type LiveReader, connectReader, readLiveState} from './live-state.js'
import {resolveApi} from './target.js'

export interface AuditRequest {
  /** The `<api>` argument: id or exact name. */
  api?: string
  specFile?: string
  binaryTypes?: string[]
  stage?: string
  diff?: boolean
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
  /** Control-plane calls this audit made. */
  calls: number
}

export interface AuditDependencies {
  createReader?: (connection: AwsConnectionOptions) => Promise<LiveReader>
}

export async function auditApi(request: AuditRequest, dependencies: AuditDependencies = {}): Promise<AuditReport> {
  // All local input is checked before the first call.
  const spec = await loadDesiredSpec({specFile: request.specFile, binaryTypes: request.binaryTypes, cwd: request.cwd})
  const stageName = request.stage ?? spec?.stage
  const reader = await (dependencies.createReader ?? connectReader)({...request.connection, region: request.connection.region ?? spec?.region})
  try {
    return await audit(reader, request, spec, stageName)
  } finally {
    reader.close?.()
  }
}

async function audit(reader: LiveReader, request: AuditRequest, spec: DesiredSpec | undefined, stageName: string | undefined): Promise<AuditReport> {
  const api = await resolveApi(reader, {api: request.api, specApi: spec?.api, specFile: spec?.source.file})
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
    calls: 0,
  }
  if (request.diff) report.diff = definitionDiff(live, applyFixCalls(live, fix), {before: `${api.id} (live)`, after: `${api.id} (fixed)`})
  // resolveApi's lookups are counted too: the stats cover the reader's whole life.
  report.calls = reader.stats?.().calls ?? 0
  return report
}
