// A finding: one thing about the API that a real request suffers from (or will), with the calls that fix it.

import {createHash} from 'node:crypto'

import type {FixCall} from './fix-calls.js'

export const FINDING_KINDS = [
  'missing-binary-media-type',
  'unexpected-binary-media-type',
  'malformed-binary-media-type',
  'integration-content-handling',
  'integration-response-content-handling',
  'undeployed-change',
  'preflight-hazard',
  'proxy-binary-response',
  'unknown-route',
  'stream-transfer-mode',
  'stream-integration-type',
  'stream-invocation-uri',
  'buffered-timeout-over-quota',
  'catch-all-for-streams',
] as const

export type FindingKind = (typeof FINDING_KINDS)[number]
export type Severity = 'error' | 'warning' | 'info'

export interface Finding {
  /** Stable across runs: a fingerprint of kind and subject, never of the message. */
  id: string
  kind: FindingKind
  severity: Severity
  resourcePath: string | null
  httpMethod: string | null
  statusCode: string | null
  /** The binary media type concerned, for media-type findings. */
  mediaType?: string
  expected: string | null
  actual: string | null
  /** What happens to a real request, in one or two sentences. */
  message: string
  fix: FixCall[]
}

export type FindingDraft = Omit<Finding, 'id' | 'resourcePath' | 'httpMethod' | 'statusCode' | 'expected' | 'actual'> &
  Partial<Pick<Finding, 'resourcePath' | 'httpMethod' | 'statusCode' | 'expected' | 'actual'>>

export function finding(draft: FindingDraft): Finding {
  const complete = {
    resourcePath: null,
    httpMethod: null,
    statusCode: null,
    expected: null,
    actual: null,
    ...draft,
  }
  return {id: findingId(complete), ...complete}
}

export function findingId(subject: Pick<Finding, 'kind' | 'resourcePath' | 'httpMethod' | 'statusCode' | 'mediaType'>): string {
  const key = [subject.kind, subject.httpMethod ?? '', subject.resourcePath ?? '', subject.statusCode ?? '', subject.mediaType ?? ''].join('\u0000')
  return `${subject.kind}:${createHash('sha256').update(key).digest('hex').slice(0, 10)}`
}

const FINDING_ID = /^([a-z-]+):[0-9a-f]{10}$/

/** A finding kind, or a finding id (`<kind>:<10 hex digits>`): what `ignore:`, --only and --skip accept. */
export function isFindingReference(value: string): boolean {
  const kind = FINDING_ID.exec(value)?.[1] ?? value
  return (FINDING_KINDS as readonly string[]).includes(kind)
}

/** inSync is false exactly when an error or warning remains (contract). */
export function isInSync(findings: readonly Finding[]): boolean {
  return !findings.some((entry) => entry.severity === 'error' || entry.severity === 'warning')
}
