// `fleet rollback --json` (schemas/json/fleet-rollback.schema.json).

import type {FleetRollbackEntry, FleetRollbackReport} from '../../services/fleet/fleet-rollback-service.js'
import {optionalField} from '../../core/optional-field.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

export interface FleetRollbackEntryDocument {
  accountId: string
  region: string
  api: {id: string; name: string}
  stage: string | null
  outcome: 'rolled-back' | 'already-rolled-back' | 'interrupted' | 'failed' | 'unreachable' | 'not-started'
  toDeploymentId: string | null
  converged: boolean | null
  message?: string
}

export interface FleetRollbackDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  from: string
  results: FleetRollbackEntryDocument[]
  exitCode: number
}

export function fleetRollbackDocument(report: FleetRollbackReport): FleetRollbackDocument {
  return {schemaVersion: JSON_SCHEMA_VERSION, from: report.from, results: report.results.map(entryDocument), exitCode: report.exitCode}
}

function entryDocument(entry: FleetRollbackEntry): FleetRollbackEntryDocument {
  return {
    accountId: entry.accountId,
    region: entry.region,
    api: {id: entry.api.id, name: entry.api.name},
    stage: entry.stage,
    outcome: entry.outcome,
    toDeploymentId: entry.toDeploymentId,
    converged: entry.converged,
    ...optionalField('message', entry.message),
  }
}
