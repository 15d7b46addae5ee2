// A finding as documents publish it (schemas/json/definitions.schema.json#/definitions/finding).

import type {Finding} from '../../core/findings.js'
import {optionalField} from '../../core/optional-field.js'
import {type FixCallDocument, fixCallDocument} from './fix-calls.js'

export type FindingKindDocument =
  | 'missing-binary-media-type'
  | 'unexpected-binary-media-type'
  | 'malformed-binary-media-type'
  | 'integration-content-handling'
  | 'integration-response-content-handling'
  | 'undeployed-change'
  | 'preflight-hazard'
  | 'proxy-binary-response'
  | 'unknown-route'
  | 'stream-transfer-mode'
  | 'stream-integration-type'
  | 'stream-invocation-uri'
  | 'buffered-timeout-over-quota'
  | 'catch-all-for-streams'

export interface FindingDocument {
  id: string
  kind: FindingKindDocument
  severity: 'error' | 'warning' | 'info'
  resourcePath: string | null
  httpMethod: string | null
  statusCode: string | null
  mediaType?: string
  expected: string | null
  actual: string | null
  message: string
  fix: FixCallDocument[]
}

export function findingDocument(finding: Finding): FindingDocument {
  return {
    id: finding.id,
    kind: finding.kind,
    severity: finding.severity,
    resourcePath: finding.resourcePath,
    httpMethod: finding.httpMethod,
    statusCode: finding.statusCode,
    ...optionalField('mediaType', finding.mediaType),
    expected: finding.expected,
    actual: finding.actual,
    message: finding.message,
    fix: finding.fix.map(fixCallDocument),
  }
}
