// `fleet apply --json` (schemas/json/fleet-apply.schema.json): the same fields as the record --out writes
// for fleet rollback --from.

import type {FleetApplyEntry, FleetApplyOutcome, FleetApplyReport} from '../../services/fleet/fleet-apply-service.js'
import {optionalField} from '../../core/optional-field.js'
import type {FindingKindDocument} from './findings.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

export type FleetApplyOutcomeDocument = 'applied' | 'patched-not-deployed' | 'nothing-to-change' | 'dry-run' | 'interrupted' | 'stale' | 'failed' | 'unreachable' | 'not-started'

export interface FleetApplyEntryDocument {
  accountId: string
  accountName: string
  region: string
  api: {id: string; name: string}
  stage: string | null
  outcome: FleetApplyOutcomeDocument
  deploymentId: string | null
  converged: boolean | null
  journal: string | null
  remaining: Array<{id: string; kind: FindingKindDocument; severity: 'error' | 'warning' | 'info'}>
  message?: string
}

export interface FleetApplyDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  /** The marker of the record --out writes (fleet rollback --from checks it). */
  kind: 'apigw-binfix fleet apply'
  plan: string
  results: FleetApplyEntryDocument[]
  counts: Record<FleetApplyOutcomeDocument, number>
  exitCode: number
  out?: string
}

export function fleetApplyDocument(report: FleetApplyReport): FleetApplyDocument {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    kind: report.kind,
    plan: report.plan,
    results: report.results.map(entryDocument),
    counts: countsDocument(report.counts),
    exitCode: report.exitCode,
    ...optionalField('out', report.out),
  }
}

function countsDocument(counts: Record<FleetApplyOutcome, number>): Record<FleetApplyOutcomeDocument, number> {
  return {
    applied: counts.applied,
    'patched-not-deployed': counts['patched-not-deployed'],
    'nothing-to-change': counts['nothing-to-change'],
    'dry-run': counts['dry-run'],
    interrupted: counts.interrupted,
    stale: counts.stale,
    failed: counts.failed,
    unreachable: counts.unreachable,
    'not-started': counts['not-started'],
  }
}

function entryDocument(entry: FleetApplyEntry): FleetApplyEntryDocument {
  return {
    accountId: entry.accountId,
    accountName: entry.accountName,
    region: entry.region,
    api: {id: entry.api.id, name: entry.api.name},
    stage: entry.stage,
    outcome: entry.outcome,
    deploymentId: entry.deploymentId,
    converged: entry.converged,
    journal: entry.journal,
    remaining: entry.remaining.map(({id, kind, severity}) => ({id, kind, severity})),
    ...optionalField('message', entry.message),
  }
}
