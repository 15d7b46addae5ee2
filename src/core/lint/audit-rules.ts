// The audit's rules (core/rules) on what a file declares: the file's API is judged as a working copy, with
// the spec when one is given. Two of its findings read differently in a file: a "~1" entry where the file's
// tool stores it as written (binary-media-type-escaping), and a preflight hazard on a preflight the tool
// generates from a CORS switch, which has no contentHandling option (catch-all-breaks-generated-preflight).

import type {DesiredSpec} from '../desired-spec.js'
import type {Finding} from '../findings.js'
import {malformedReason} from '../media-type.js'
import {judge} from '../rules/index.js'
import {fixText} from './fix-text.js'
import type {LintFindingDraft} from './lint-finding.js'
import type {LintedApi} from './linted-api.js'
import type {SourcePath} from './positions.js'
import {requestExperienceOf} from './request-experience.js'

export interface PlacedDraft {
  draft: LintFindingDraft
  path: SourcePath
}

export function auditRuleFindings(api: LintedApi, spec: DesiredSpec | undefined): PlacedDraft[] {
  const {findings} = judge({restApiId: api.name, live: api.config, ...(spec ? {spec} : {})})
  return findings.map((finding) => placed(api, finding, spec))
}

function placed(api: LintedApi, finding: Finding, spec: DesiredSpec | undefined): PlacedDraft {
  const base: LintFindingDraft = {
    ruleId: finding.kind,
    auditKind: finding.kind,
    severity: finding.severity,
    api: api.name,
    resourcePath: finding.resourcePath,
    httpMethod: finding.httpMethod,
    statusCode: finding.statusCode,
    ...(finding.mediaType === undefined ? {} : {mediaType: finding.mediaType}),
    message: finding.message,
    fix: fixText(api, finding, spec),
  }
  const route = finding.resourcePath !== null && finding.httpMethod !== null ? api.routes.get(`${finding.httpMethod} ${finding.resourcePath}`) : undefined
  switch (finding.kind) {
    case 'malformed-binary-media-type':
    case 'unexpected-binary-media-type': {
      const entry = api.mediaTypes.find((candidate) => candidate.stored === finding.mediaType)
      const path = entry?.path ?? api.mediaTypeList ?? api.api
      if (finding.kind === 'malformed-binary-media-type' && entry?.literal && malformedReason(entry.raw) === 'escaped-slash') {
        const slash = entry.raw.replaceAll('~1', '/')
        const effect = requestExperienceOf(api, api.config.binaryMediaTypes, [...api.config.binaryMediaTypes.filter((kept) => kept !== entry.raw), slash], slash)
        return {
          draft: {
            ...base,
            ruleId: 'binary-media-type-escaping',
            message: `${entry.place} is stored as written, so API Gateway keeps ${JSON.stringify(entry.raw)} with its "~1" and no request ever matches it${effect ? `: ${effect}` : ''}. "~1" is SAM's spelling for its BinaryMediaTypes property only (and of patch paths); here write ${slash}.`,
          },
          path,
        }
      }
      return {draft: base, path}
    }
    case 'missing-binary-media-type':
      return {draft: base, path: api.mediaTypeList ?? api.api}
    case 'integration-content-handling':
      return {draft: base, path: route?.contentHandling ?? api.api}
    case 'integration-response-content-handling':
      return {draft: base, path: (finding.statusCode !== null ? route?.responses.get(finding.statusCode) : undefined) ?? route?.contentHandling ?? api.api}
    case 'preflight-hazard': {
      const responseSide = (finding.actual ?? '').includes(':')
      const firstStatus = finding.actual?.split(':', 1)[0]
      const path = responseSide && firstStatus !== undefined ? (route?.responses.get(firstStatus) ?? route?.contentHandling) : route?.contentHandling
      const generated = route?.generatedBy
      if (generated) {
        return {
          draft: {...base, ruleId: 'catch-all-breaks-generated-preflight', message: `${finding.message} ${generated.tool} generates this preflight. ${generated.workaround}`},
          path: generated.path,
        }
      }
      return {draft: base, path: path ?? api.api}
    }
    case 'catch-all-for-streams':
      return {draft: base, path: api.mediaTypeList ?? api.api}
    default:
      return {draft: base, path: route?.method ?? api.api}
  }
}
