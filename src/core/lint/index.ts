// lint: what each file declares about binary handling, judged by the audit's rules and the file-only ones,
// each finding placed where it is written. Pure: the caller reads the files.

import {compareText} from '../api-config.js'
import type {DesiredSpec} from '../desired-spec.js'
import {auditRuleFindings} from './audit-rules.js'
import {classify} from './classify.js'
import {fileRuleFindings} from './file-rules.js'
import {type LintFinding, type LintFormat, fingerprintOf} from './lint-finding.js'
import {sourcePositions} from './positions.js'

export {LintReadError} from './classify.js'
export {FILE_RULE_IDS, type LintFinding, type LintFormat, type LintRuleId} from './lint-finding.js'
export {LINT_RULES, type LintRule, ruleOf} from './rule-catalog.js'

export type FileLint =
  | {file: string; format: LintFormat; apis: string[]; findings: LintFinding[]; lines: Record<number, string>}
  | {file: string; skipped: string}

/** `file` names the file in findings (as the user named it). Throws LintReadError for a file of lint's kinds that cannot be read. */
export function lintText(file: string, text: string, spec?: DesiredSpec): FileLint {
  const classified = classify(file, text)
  if ('skipped' in classified) return {file, skipped: classified.skipped}
  const positions = sourcePositions(text)
  const findings: LintFinding[] = []
  for (const api of classified.apis) {
    for (const {draft, path} of [...auditRuleFindings(api, spec), ...fileRuleFindings(api)]) {
      const {line, column} = positions.at(path)
      findings.push({...draft, file, line, column, fingerprint: fingerprintOf({...draft, file})})
    }
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId))
  const lines = Object.fromEntries(findings.map((entry) => [entry.line, positions.lineText(entry.line)]))
  return {file, format: classified.format, apis: classified.apis.map((api) => api.name), findings, lines}
}
