// `plan --json` (schemas/json/plan.schema.json).

import {optionalField} from '../../core/optional-field.js'
import type {PlanReport} from '../../services/plan-service.js'
import {type FindingDocument, findingDocument} from './findings.js'
import {type FixCallDocument, fixCallDocument} from './fix-calls.js'
import {type SavedPlanDocument, savedPlanDocument} from './saved-plan.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

export interface PlanDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  plan: SavedPlanDocument
  findings: FindingDocument[]
  requests: FixCallDocument[]
  empty: boolean
  standing: FindingDocument[]
  /** With --out: the file written, as named. */
  out?: string
  calls: number
}

export function planDocument(report: PlanReport): PlanDocument {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    plan: savedPlanDocument(report.plan),
    findings: report.findings.map(findingDocument),
    requests: report.requests.map(fixCallDocument),
    empty: report.empty,
    standing: report.standing.map(findingDocument),
    ...optionalField('out', report.out),
    calls: report.calls,
  }
}
