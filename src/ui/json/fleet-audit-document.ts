// `fleet audit --json` and `--output json` (schemas/json/fleet-audit.schema.json), and each line of
// `--output jsonl` (schemas/json/fleet-audit-record.schema.json): the same API result in both.

import type {AccountRegionSummary, FleetAccessFailure, FleetApiResult, FleetStageResult} from '../../core/fleet-report.js'
import {optionalField} from '../../core/optional-field.js'
import type {FleetAuditReport} from '../../services/fleet/fleet-audit-service.js'
import {type FindingDocument, type FindingKindDocument, findingDocument} from './findings.js'
import {type FixCallDocument, fixCallDocument} from './fix-calls.js'
import type {OwnerKindDocument} from './ownership.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

type SeverityDocument = 'error' | 'warning' | 'info'

export interface FleetStageDocument {
  stage: string | null
  deploymentId: string | null
  inSync: boolean
  findings: FindingDocument[]
  fix: FixCallDocument[]
}

export interface FleetApiDocument {
  accountId: string
  accountName: string
  region: string
  api: {id: string; name: string}
  spec: string | null
  owner: {kind: OwnerKindDocument; stackName: string | null} | null
  stages: FleetStageDocument[]
  inSync: boolean
  error?: string
}

export interface FleetAccessFailureDocument {
  accountId: string | null
  accountName: string
  region: string | null
  message: string
}

export interface FleetSummaryDocument {
  accountId: string
  accountName: string
  region: string
  apis: number
  inSync: number
  failed: number
  findingsByKind: Partial<Record<FindingKindDocument, number>>
  worst: Array<{apiId: string; apiName: string; stage: string | null; severity: SeverityDocument; kind: FindingKindDocument; route: string | null; message: string}>
}

export interface FleetAuditDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  fleetFile: string | null
  totals: {accounts: number; accountsFailed: number; accountRegions: number; apis: number; apisInSync: number; apisFailed: number; findings: Record<SeverityDocument, number>}
  summaries: FleetSummaryDocument[]
  failures: FleetAccessFailureDocument[]
  calls: {calls: number; throttled: number; retries: number}
  resumed: number
  interrupted: boolean
  /** Every API's result; absent when they went to --out and stdout has the rest. */
  apis?: FleetApiDocument[]
}

/** One line of --output jsonl. */
export type FleetAuditRecord = ({type: 'api'} & FleetApiDocument) | ({type: 'access-failure'} & FleetAccessFailureDocument)

export function fleetAuditDocument(report: FleetAuditReport, apis?: readonly FleetApiResult[]): FleetAuditDocument {
  const {totals, calls} = report
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    fleetFile: report.fleetFile,
    totals: {
      accounts: totals.accounts,
      accountsFailed: totals.accountsFailed,
      accountRegions: totals.accountRegions,
      apis: totals.apis,
      apisInSync: totals.apisInSync,
      apisFailed: totals.apisFailed,
      findings: {error: totals.findings.error, warning: totals.findings.warning, info: totals.findings.info},
    },
    summaries: report.summaries.map(summaryDocument),
    failures: report.failures.map(accessFailureDocument),
    calls: {calls: calls.calls, throttled: calls.throttled, retries: calls.retries},
    resumed: report.resumed,
    interrupted: report.interrupted,
    ...(apis === undefined ? {} : {apis: apis.map(fleetApiDocument)}),
  }
}

export function fleetApiRecord(result: FleetApiResult): FleetAuditRecord {
  return {type: 'api', ...fleetApiDocument(result)}
}

export function accessFailureRecord(failure: FleetAccessFailure): FleetAuditRecord {
  return {type: 'access-failure', ...accessFailureDocument(failure)}
}

export function fleetApiDocument(result: FleetApiResult): FleetApiDocument {
  return {
    accountId: result.accountId,
    accountName: result.accountName,
    region: result.region,
    api: {id: result.api.id, name: result.api.name},
    spec: result.spec,
    owner: result.owner === null ? null : {kind: result.owner.kind, stackName: result.owner.stackName},
    stages: result.stages.map(stageDocument),
    inSync: result.inSync,
    ...optionalField('error', result.error),
  }
}

function stageDocument(stage: FleetStageResult): FleetStageDocument {
  return {stage: stage.stage, deploymentId: stage.deploymentId, inSync: stage.inSync, findings: stage.findings.map(findingDocument), fix: stage.fix.map(fixCallDocument)}
}

function accessFailureDocument(failure: FleetAccessFailure): FleetAccessFailureDocument {
  return {accountId: failure.accountId, accountName: failure.accountName, region: failure.region, message: failure.message}
}

function summaryDocument(summary: AccountRegionSummary): FleetSummaryDocument {
  return {
    accountId: summary.accountId,
    accountName: summary.accountName,
    region: summary.region,
    apis: summary.apis,
    inSync: summary.inSync,
    failed: summary.failed,
    findingsByKind: {...summary.findingsByKind},
    worst: summary.worst.map((worst) => ({apiId: worst.apiId, apiName: worst.apiName, stage: worst.stage, severity: worst.severity, kind: worst.kind, route: worst.route, message: worst.message})),
  }
}
