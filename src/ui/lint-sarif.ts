// lint's findings as a SARIF 2.1.0 log that GitHub code scanning accepts ("SARIF support for code
// scanning"): the rules with their help, one result per finding with a physical location (a path relative
// to the repository and the line and column) and a partial fingerprint that does not move with the line.

import type {Log, ReportingDescriptor, Result} from 'sarif'

import {LINT_RULES, type LintFinding} from '../core/lint/index.js'
import type {LintReport} from '../services/lint-service.js'

const LEVEL: Record<LintFinding['severity'], Result.level> = {error: 'error', warning: 'warning', info: 'note'}
const FINGERPRINT = 'apigwBinfixFinding/v1'

export function sarifLog(report: LintReport, version: string): Log {
  const rules: ReportingDescriptor[] = LINT_RULES.map((rule) => ({
    id: rule.id,
    name: camel(rule.id),
    shortDescription: {text: rule.summary},
    fullDescription: {text: rule.help},
    help: {text: rule.help, markdown: `**${rule.summary}.** ${rule.help}`},
    defaultConfiguration: {level: 'warning'},
  }))
  const results: Result[] = report.findings.map((entry) => ({
    ruleId: entry.ruleId,
    ruleIndex: LINT_RULES.findIndex((rule) => rule.id === entry.ruleId),
    level: LEVEL[entry.severity],
    message: {text: entry.fix === '' ? entry.message : `${entry.message}\n\nFix:\n${entry.fix}`},
    locations: [{physicalLocation: {artifactLocation: {uri: encodeURI(entry.file)}, region: {startLine: entry.line, startColumn: entry.column}}}],
    partialFingerprints: {[FINGERPRINT]: entry.fingerprint},
    properties: {
      api: entry.api,
      ...(entry.httpMethod !== null ? {httpMethod: entry.httpMethod} : {}),
      ...(entry.resourcePath !== null ? {resourcePath: entry.resourcePath} : {}),
      ...(entry.statusCode !== null ? {statusCode: entry.statusCode} : {}),
      ...(entry.mediaType !== undefined ? {mediaType: entry.mediaType} : {}),
    },
  }))
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{tool: {driver: {name: 'apigw-binfix', semanticVersion: version, rules}}, results}],
  }
}

function camel(id: string): string {
  return id.replaceAll(/-([a-z])/g, (_whole, letter: string) => letter.toUpperCase()).replace(/^./, (first) => first.toUpperCase())
}
