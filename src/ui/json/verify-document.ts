// `verify --json` (schemas/json/verify.schema.json).

import {optionalField} from '../../core/optional-field.js'
import type {SizeLimit} from '../../core/verify/size-limits.js'
import type {StepReport, VerifyReport} from '../../services/verify-service.js'
import type {ApiDocument, SpecKindDocument} from './audit-document.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

export type StepKindDocument = 'upload' | 'read-back' | 'download' | 'cleanup' | 'preflight'

export type ObservedOutcomeDocument =
  | 'bytes-intact'
  | 'base64-text'
  | 'json-base64'
  | 'utf8-mangled'
  | 'embedded-base64'
  | 'base64-of-mangled'
  | 'double-base64'
  | 'error-status'
  | 'different-bytes'
  | 'text'
  | 'bytes-unverified'
  | 'looks-base64'
  | 'contains-replacement-chars'
  | 'accepted'
  | 'stream-cut'

export type CauseSettingDocument =
  | 'binaryMediaTypes'
  | 'integration.contentHandling'
  | 'integrationResponse.contentHandling'
  | 'integrationResponse.selectionPattern'
  | 'integration.requestTemplates'
  | 'function-output'
  | 'size-limit'
  | 'undeployed'
  | 'sandbox'
  | 'authorization'
  | 'integration.uri'
  | 'other'

export interface StepDocument {
  id: string
  kind: StepKindDocument
  route: string
  label: string
  /** The headers sent, with credentials' values never included. */
  request: {method: string; path: string; headers: Record<string, string>; bodyBytes: number}
  status: number
  pass: boolean
  observed: ObservedOutcomeDocument
  basis: 'payload' | 'shape' | 'status'
  summary: string
  /** Failed steps only. */
  cause?: {setting: CauseSettingDocument; sentence: string; fix?: string}
  ms: number
}

export interface SizeLimitDocument {
  bytes: number
  via: 'api-gateway' | 'lambda'
  reason: string
}

export interface VerifyDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  api: ApiDocument
  region: string | null
  stage: string
  deploymentId: string
  baseUrl: string
  /** Where the credentials sent with every probe came from; never their values. */
  auth: string[]
  spec: {kind: SpecKindDocument; file: string | null} | null
  probes: 'spec' | 'flags' | 'defaults'
  payload: {bytes: number; sha256: string}
  steps: StepDocument[]
  limits: Array<{route: string; request?: SizeLimitDocument; response?: SizeLimitDocument}>
  summary: {
    total: number
    passed: number
    failed: number
    passedUncompared: number
    byKind: Record<StepKindDocument, {passed: number; failed: number}>
    allPassed: boolean
  }
  allPassed: boolean
  calls: {controlPlane: number; stage: number}
}

export function verifyDocument(report: VerifyReport): VerifyDocument {
  const {summary} = report
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    api: {id: report.api.id, name: report.api.name},
    region: report.region,
    stage: report.stage,
    deploymentId: report.deploymentId,
    baseUrl: report.baseUrl,
    auth: [...report.auth],
    spec: report.spec && {kind: report.spec.kind, file: report.spec.file},
    probes: report.probes,
    payload: {bytes: report.payload.bytes, sha256: report.payload.sha256},
    steps: report.steps.map(stepDocument),
    limits: report.limits.map((limit) => ({route: limit.route, ...optionalField('request', limit.request && sizeLimitDocument(limit.request)), ...optionalField('response', limit.response && sizeLimitDocument(limit.response))})),
    summary: {
      total: summary.total,
      passed: summary.passed,
      failed: summary.failed,
      passedUncompared: summary.passedUncompared,
      byKind: {
        upload: {...summary.byKind.upload},
        'read-back': {...summary.byKind['read-back']},
        download: {...summary.byKind.download},
        cleanup: {...summary.byKind.cleanup},
        preflight: {...summary.byKind.preflight},
      },
      allPassed: summary.allPassed,
    },
    allPassed: report.allPassed,
    calls: {controlPlane: report.calls.controlPlane, stage: report.calls.stage},
  }
}

function stepDocument(step: StepReport): StepDocument {
  return {
    id: step.id,
    kind: step.kind,
    route: step.route,
    label: step.label,
    request: {method: step.request.method, path: step.request.path, headers: {...step.request.headers}, bodyBytes: step.request.bodyBytes},
    status: step.status,
    pass: step.pass,
    observed: step.observed,
    basis: step.basis,
    summary: step.summary,
    ...optionalField('cause', step.cause && {setting: step.cause.setting, sentence: step.cause.sentence, ...optionalField('fix', step.cause.fix)}),
    ms: step.ms,
  }
}

function sizeLimitDocument(limit: SizeLimit): SizeLimitDocument {
  return {bytes: limit.bytes, via: limit.via, reason: limit.reason}
}
