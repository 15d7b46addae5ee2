// `history --json` (schemas/json/history.schema.json).

import type {HistoryReport, JournalListing} from '../../services/history-service.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

export type JournalListingDocument =
  | {
      path: string
      api: {id: string; name: string}
      region: string | null
      stage: string | null
      startedAt: string
      readable: true
      kind: 'apply' | 'rollback'
      outcome: 'converged' | 'not-converged' | 'interrupted' | 'unfinished' | 'rolled-back' | 'rollback-unfinished'
      runs: number
      settings: string[]
      leftOut: string[]
      writes: number
      priorDeploymentId: string | null
      deploymentId: string | null
      lastAt: string
    }
  /** A journal that cannot be read: listed with the reason, never acted on. */
  | {path: string; api: {id: string; name: string | null}; readable: false; problem: string}

export interface HistoryDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  historyDir: string
  journals: JournalListingDocument[]
}

export function historyDocument(report: HistoryReport): HistoryDocument {
  return {schemaVersion: JSON_SCHEMA_VERSION, historyDir: report.historyDir, journals: report.journals.map(listingDocument)}
}

function listingDocument(listing: JournalListing): JournalListingDocument {
  if (!listing.readable) return {path: listing.path, api: {id: listing.api.id, name: listing.api.name}, readable: false, problem: listing.problem}
  return {
    path: listing.path,
    api: {id: listing.api.id, name: listing.api.name},
    region: listing.region,
    stage: listing.stage,
    startedAt: listing.startedAt,
    readable: true,
    kind: listing.kind,
    outcome: listing.outcome,
    runs: listing.runs,
    settings: [...listing.settings],
    leftOut: [...listing.leftOut],
    writes: listing.writes,
    priorDeploymentId: listing.priorDeploymentId,
    deploymentId: listing.deploymentId,
    lastAt: listing.lastAt,
  }
}
