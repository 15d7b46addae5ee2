// `audit --json` (schemas/json/audit.schema.json).

import {optionalField} from '../../core/optional-field.js'
import type {AuditReport} from '../../services/audit-service.js'
import {type FindingDocument, type FindingKindDocument, findingDocument} from './findings.js'
import {type FixCallDocument, fixCallDocument} from './fix-calls.js'
import {type OwnershipDocument, type StackDriftDocument, ownershipDocument, stackDriftDocument} from './ownership.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

export type SpecKindDocument = 'binfix' | 'openapi' | 'flags'

/** api, Region and stage: what every document about one API starts with. */
export interface ApiDocument {
  id: string
  name: string
}

export interface AuditDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  api: ApiDocument
  region: string | null
  stage: string | null
  deploymentId: string | null
  spec: {kind: SpecKindDocument; file: string | null} | null
  inSync: boolean
  findings: FindingDocument[]
  ignored: Array<{id: string; kind: FindingKindDocument}>
  fix: FixCallDocument[]
  ownership: OwnershipDocument | null
  scope: {routes: number; binaryMediaTypes: string[]; preflights: number; lambdaProxyRoutes: number; stageCompared: boolean; specJudged: boolean}
  calls: number
  /** With --diff. */
  diff?: string
  /** With --cfn-drift; null when no stack owns the API. */
  cfnDrift?: StackDriftDocument | null
}

export function auditDocument(report: AuditReport): AuditDocument {
  const {scope} = report
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    api: {id: report.api.id, name: report.api.name},
    region: report.region,
    stage: report.stage,
    deploymentId: report.deploymentId,
    spec: report.spec && {kind: report.spec.kind, file: report.spec.file},
    inSync: report.inSync,
    findings: report.findings.map(findingDocument),
    ignored: report.ignored.map((entry) => ({id: entry.id, kind: entry.kind})),
    fix: report.fix.map(fixCallDocument),
    ownership: report.ownership && ownershipDocument(report.ownership),
    scope: {
      routes: scope.routes,
      binaryMediaTypes: [...scope.binaryMediaTypes],
      preflights: scope.preflights,
      lambdaProxyRoutes: scope.lambdaProxyRoutes,
      stageCompared: scope.stageCompared,
      specJudged: scope.specJudged,
    },
    calls: report.calls,
    ...optionalField('diff', report.diff),
    ...optionalField('cfnDrift', report.cfnDrift === undefined ? undefined : report.cfnDrift && stackDriftDocument(report.cfnDrift)),
  }
}
