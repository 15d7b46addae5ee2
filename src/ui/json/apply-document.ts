// `apply --json` (schemas/json/apply.schema.json).

import type {ApplyReport} from '../../services/apply-service.js'
import {optionalField} from '../../core/optional-field.js'
import type {ApiDocument} from './audit-document.js'
import {type FindingDocument, findingDocument} from './findings.js'
import {type FixCallDocument, fixCallDocument} from './fix-calls.js'
import {type OwnershipDocument, ownershipDocument} from './ownership.js'
import {type PlannedChangeDocument, plannedChangeDocument} from './settings.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

export interface ApplyDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  api: ApiDocument
  region: string | null
  stage: string | null
  /** For a saved plan, `spec` is where the plan's spec came from. */
  source: {kind: 'spec' | 'plan'; file: string | null; spec?: {file: string | null; binaryMediaTypes: string[]} | null}
  outcome: 'applied' | 'patched-not-deployed' | 'nothing-to-change' | 'dry-run' | 'interrupted'
  changes: PlannedChangeDocument[]
  skipped: PlannedChangeDocument[]
  requests: FixCallDocument[]
  unsent: FixCallDocument[]
  previousDeploymentId: string | null
  deploymentId: string | null
  journal: string | null
  converged: boolean | null
  remaining: FindingDocument[]
  leftOut: FindingDocument[]
  standing: FindingDocument[]
  unexpected: string
  ownership: OwnershipDocument | null
  calls: {total: number; byOperation: Record<string, number>; retries: number; throttled: number; failed: number}
}

export function applyDocument(report: ApplyReport): ApplyDocument {
  const {source, calls} = report
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    api: {id: report.api.id, name: report.api.name},
    region: report.region,
    stage: report.stage,
    source: {
      kind: source.kind,
      file: source.file,
      ...optionalField('spec', source.spec === undefined ? undefined : source.spec && {file: source.spec.file, binaryMediaTypes: [...source.spec.binaryMediaTypes]}),
    },
    outcome: report.outcome,
    changes: report.changes.map(plannedChangeDocument),
    skipped: report.skipped.map(plannedChangeDocument),
    requests: report.requests.map(fixCallDocument),
    unsent: report.unsent.map(fixCallDocument),
    previousDeploymentId: report.previousDeploymentId,
    deploymentId: report.deploymentId,
    journal: report.journal,
    converged: report.converged,
    remaining: report.remaining.map(findingDocument),
    leftOut: report.leftOut.map(findingDocument),
    standing: report.standing.map(findingDocument),
    unexpected: report.unexpected,
    ownership: report.ownership && ownershipDocument(report.ownership),
    calls: {total: calls.total, byOperation: {...calls.byOperation}, retries: calls.retries, throttled: calls.throttled, failed: calls.failed},
  }
}
