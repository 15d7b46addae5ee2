// `rollback --json` (schemas/json/rollback.schema.json).

import type {RollbackReport} from '../../services/rollback-service.js'
import type {ApiDocument} from './audit-document.js'
import {type PatchCallDocument, patchCallDocument} from './fix-calls.js'
import {type SettingDocument, settingDocument} from './settings.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

export interface RollbackDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  api: ApiDocument
  region: string | null
  stage: string
  journal: string | null
  fromDeploymentId: string
  toDeploymentId: string
  restored: Array<{setting: string; value: SettingDocument}>
  restoredFrom: 'journal' | 'deployment'
  requests: PatchCallDocument[]
  alreadyRolledBack: boolean
  converged: boolean
  notRestored: Array<{setting: string; wanted: string; found: string}>
  servedDeploymentId: string | null
  interrupted: boolean
  repointed: boolean
  unsent: PatchCallDocument[]
  calls: number
}

export function rollbackDocument(report: RollbackReport): RollbackDocument {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    api: {id: report.api.id, name: report.api.name},
    region: report.region,
    stage: report.stage,
    journal: report.journal,
    fromDeploymentId: report.fromDeploymentId,
    toDeploymentId: report.toDeploymentId,
    restored: report.restored.map((entry) => ({setting: entry.setting, value: settingDocument(entry.value)})),
    restoredFrom: report.restoredFrom,
    requests: report.requests.map(patchCallDocument),
    alreadyRolledBack: report.alreadyRolledBack,
    converged: report.converged,
    notRestored: report.notRestored.map((entry) => ({setting: entry.setting, wanted: entry.wanted, found: entry.found})),
    servedDeploymentId: report.servedDeploymentId,
    interrupted: report.interrupted,
    repointed: report.repointed,
    unsent: report.unsent.map(patchCallDocument),
    calls: report.calls,
  }
}
