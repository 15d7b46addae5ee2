// A plan: the changes that bring an API in line with its desired spec, one setting each, with the state
// they were computed from (its fingerprint). `plan --out` saves it, `apply --plan` replays it only while
// the API still matches the fingerprint.

import {createHash} from 'node:crypto'

import type {ApiConfig} from './api-config.js'
import {canonicalDefinition} from './definition-diff.js'
import type {DesiredSpec} from './desired-spec.js'
import type {Finding} from './findings.js'
import {type FixCall, type PatchCall, fixTargetKey} from './fix-calls.js'
import {fixesToApply, mergeFixCalls} from './merge-fixes.js'
import {type PlanSpec, planSpecOf} from './plan-spec.js'
import {type SettingValue, currentValue, describeValue, settingKey, settingLabel, singleSettingCalls} from './settings.js'

export const PLAN_FORMAT = 'apigw-binfix-plan'
/**
 * The plan file's format version. A field added keeps it; a field removed, renamed or given another type
 * makes the next one, and a reader accepts the versions it knows (KNOWN_PLAN_VERSIONS).
 */
export const PLAN_VERSION = 1
export const KNOWN_PLAN_VERSIONS: readonly number[] = [1]

export interface PlannedChange {
  /** Stable within a plan: names the setting. */
  key: string
  /** "binaryMediaTypes image/png: not listed → listed". */
  summary: string
  before: SettingValue
  after: SettingValue
  /** A call that writes this one setting. */
  call: PatchCall
  /** The findings this change resolves. */
  findings: string[]
}

export interface Plan {
  format: typeof PLAN_FORMAT
  version: typeof PLAN_VERSION
  createdAt: string
  api: {id: string; name: string}
  region: string | null
  stage: string | null
  /** The stage's deployment when the plan was made. */
  deploymentId: string | null
  /** sha256 of the binary-relevant working copy and the stage's deployed definition (see liveFingerprint). */
  fingerprint: string
  /** What the plan judges against, so `apply --plan` can re-audit after writing (recorded in the file's own shape). */
  spec: PlanSpec | null
  changes: PlannedChange[]
  /** A redeploy of `stage` is due even without changes (the stage serves an older working copy). */
  redeployDue: boolean
  /** Unified diff of the working copy before and after the changes. */
  diff: string
  /** `plan --sign-key`: proves to `apply --verify-key` that this is the plan that was signed. */
  signature?: PlanSignature
}

export interface PlanSignature {
  algorithm: 'hmac-sha256' | 'ed25519'
  /** Names the key without revealing it: the start of the SHA-256 of the secret or of the public key. */
  keyId: string
  /** Base64. */
  value: string
}

export interface PlanInput {
  api: {id: string; name: string}
  region: string | null
  stage: string | null
  deploymentId: string | null
  live: ApiConfig
  deployed?: ApiConfig
  spec: DesiredSpec | null
  findings: readonly Finding[]
  diff: string
  now: Date
}

export function buildPlan(input: PlanInput): Plan {
  const fixes = fixesToApply(input.findings)
  const changes: PlannedChange[] = []
  for (const call of singleSettingCalls(fixes)) {
    const before = currentValue(input.live, call)
    if (!before) continue
    const after = valueAfter(before, call)
    changes.push({
      key: settingKey(before),
      summary: `${settingLabel(before)}: ${describeValue(before)} → ${describeValue(after)}`,
      before,
      after,
      call,
      findings: input.findings.filter((finding) => finding.fix.some((fix) => writesSameSetting(fix, call))).map((finding) => finding.id),
    })
  }
  return {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    createdAt: input.now.toISOString(),
    api: input.api,
    region: input.region,
    stage: input.stage,
    deploymentId: input.deploymentId,
    fingerprint: liveFingerprint(input.live, input.deployed),
    spec: input.spec === null ? null : planSpecOf(input.spec),
    changes,
    redeployDue: fixes.some((call) => call.operation === 'CreateDeployment'),
    diff: input.diff,
  }
}

/**
 * Identifies the binary-relevant state a plan was made from: the working copy's definition, the ids
 * its calls address (a resource recreated under the same path gets a new id), and what the stage serves.
 */
export function liveFingerprint(live: ApiConfig, deployed: ApiConfig | undefined): string {
  const ids = live.routes.map((route) => `${route.resourceId ?? ''} ${route.httpMethod} ${route.resourcePath}`).join('\n')
  return createHash('sha256')
    .update(canonicalDefinition(live))
    .update('\0')
    .update(ids)
    .update('\0')
    .update(deployed ? canonicalDefinition(deployed) : 'no stage')
    .digest('hex')
}

/** The writes for a chosen set of changes, merged into the fewest calls (no deployment). */
export function callsFor(changes: readonly PlannedChange[]): FixCall[] {
  return mergeFixCalls(changes.map((change) => change.call))
}

/** The changes a merged call writes (it carries each one's patch operation on the same object). */
export function changesCarriedBy(call: FixCall, changes: readonly PlannedChange[]): PlannedChange[] {
  if (call.operation === 'CreateDeployment') return []
  const operations = new Set(call.patchOperations.map((operation) => JSON.stringify(operation)))
  return changes.filter((change) => fixTargetKey(change.call) === fixTargetKey(call) && operations.has(JSON.stringify(change.call.patchOperations[0])))
}

/** A call named by what it does: "UpdateIntegration: PUT /lambda integration contentHandling: …", "CreateDeployment v1". */
export function describeCall(call: FixCall, changes: readonly PlannedChange[]): string {
  if (call.operation === 'CreateDeployment') return `CreateDeployment ${call.stageName}`
  const carried = changesCarriedBy(call, changes)
  return `${call.operation}: ${carried.length === 1 ? carried[0]!.summary : `${carried.length} changes`}`
}

/** Says what a deployment publishes, for its description (AWS shows it in the console's history). */
export function deploymentDescription(changes: readonly PlannedChange[]): string {
  const limit = 3
  if (changes.length === 0) return 'apigw-binfix: redeploy the working copy'
  const listed = changes.slice(0, limit).map((change) => `${settingLabel(change.before)} → ${describeValue(change.after)}`)
  const more = changes.length > limit ? `; and ${changes.length - limit} more` : ''
  return `apigw-binfix: ${listed.join('; ')}${more}`
}

function valueAfter(before: SettingValue, call: FixCall): SettingValue {
  const operation = call.operation === 'CreateDeployment' ? undefined : call.patchOperations[0]
  if (before.setting === 'binaryMediaType') return {...before, listed: operation?.op === 'add'}
  const value = operation?.op === 'remove' ? '' : (operation?.value ?? '')
  return {...before, contentHandling: value === '' ? null : (value as typeof before.contentHandling)}
}

function writesSameSetting(fix: FixCall, single: FixCall): boolean {
  return singleSettingCalls([fix]).some((call) => JSON.stringify(call) === JSON.stringify(single))
}
