// What lint reports: one finding per thing a file declares that a real request will suffer from, placed
// at the line and column of the declaration at fault (or of the resource that lacks it).

import {createHash} from 'node:crypto'

import type {FindingKind, Severity} from '../findings.js'

/** The kinds of file lint reads. */
export type LintFormat = 'cloudformation' | 'sam' | 'cdk' | 'serverless-template' | 'serverless' | 'openapi' | 'terraform-plan'

/** Rules only a file shows: how the file gets deployed, not what the API holds. */
export const FILE_RULE_IDS = [
  'deployment-never-redeployed',
  'binary-media-type-escaping',
  'merge-import-keeps-types',
  'catch-all-breaks-generated-preflight',
  'binary-media-types-conflict',
] as const

export type FileRuleId = (typeof FILE_RULE_IDS)[number]
export type LintRuleId = FindingKind | FileRuleId

export interface LintFinding {
  ruleId: LintRuleId
  /** The audit rule's kind when the finding is one of the audit's, read from a file (audit reports it as this kind). */
  auditKind?: FindingKind
  severity: Severity
  /** As the user named it (relative to the current folder when found in a folder). */
  file: string
  /** 1-based. */
  line: number
  /** 1-based. */
  column: number
  /** The REST API the finding is about: a logical id, an API title or a Terraform address. */
  api: string
  resourcePath: string | null
  httpMethod: string | null
  statusCode: string | null
  mediaType?: string
  /** What a real request experiences, and why. */
  message: string
  /** How to fix it, in the file's own language. */
  fix: string
  /** Stable across runs and line moves: rule, file, API and subject, never the message or the line. */
  fingerprint: string
}

export type LintFindingDraft = Omit<LintFinding, 'fingerprint' | 'file' | 'line' | 'column'>

export function fingerprintOf(finding: Pick<LintFinding, 'ruleId' | 'file' | 'api' | 'resourcePath' | 'httpMethod' | 'statusCode' | 'mediaType'>): string {
  const key = [finding.ruleId, finding.file, finding.api, finding.httpMethod ?? '', finding.resourcePath ?? '', finding.statusCode ?? '', finding.mediaType ?? ''].join('\u0000')
  return createHash('sha256').update(key).digest('hex').slice(0, 16)
}
