// `lint --json` (schemas/json/lint.schema.json).

import {optionalField} from '../../core/optional-field.js'
import type {LintReport} from '../../services/lint-service.js'
import type {FindingKindDocument} from './findings.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

export type LintFormatDocument = 'cloudformation' | 'sam' | 'cdk' | 'serverless-template' | 'serverless' | 'openapi' | 'terraform-plan'

export type LintRuleIdDocument =
  | FindingKindDocument
  | 'deployment-never-redeployed'
  | 'binary-media-type-escaping'
  | 'merge-import-keeps-types'
  | 'catch-all-breaks-generated-preflight'
  | 'binary-media-types-conflict'

export interface LintFindingDocument {
  ruleId: LintRuleIdDocument
  /** The audit rule's kind when the finding is one of audit's, read from a file. */
  auditKind?: FindingKindDocument
  severity: 'error' | 'warning' | 'info'
  file: string
  line: number
  column: number
  api: string
  resourcePath: string | null
  httpMethod: string | null
  statusCode: string | null
  mediaType?: string
  message: string
  fix: string
  fingerprint: string
}

export interface LintFileDocument {
  file: string
  format: LintFormatDocument
  apis: string[]
  findings: LintFindingDocument[]
  /** The text of each line a finding points at, by line number (what the human view quotes). */
  lines: Record<string, string>
}

export interface LintDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  files: LintFileDocument[]
  skipped: Array<{file: string; reason: string}>
  findings: LintFindingDocument[]
  spec: {file: string | null} | null
  inSync: boolean
}

export function lintDocument(report: LintReport): LintDocument {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    files: report.files.map((file) => ({
      file: file.file,
      format: file.format,
      apis: [...file.apis],
      findings: file.findings.map(lintFindingDocument),
      lines: Object.fromEntries(Object.entries(file.lines)),
    })),
    skipped: report.skipped.map((entry) => ({file: entry.file, reason: entry.reason})),
    findings: report.findings.map(lintFindingDocument),
    spec: report.spec === null ? null : {file: report.spec.file},
    inSync: report.inSync,
  }
}

function lintFindingDocument(finding: LintReport['findings'][number]): LintFindingDocument {
  return {
    ruleId: finding.ruleId,
    ...optionalField('auditKind', finding.auditKind),
    severity: finding.severity,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    api: finding.api,
    resourcePath: finding.resourcePath,
    httpMethod: finding.httpMethod,
    statusCode: finding.statusCode,
    ...optionalField('mediaType', finding.mediaType),
    message: finding.message,
    fix: finding.fix,
    fingerprint: finding.fingerprint,
  }
}
