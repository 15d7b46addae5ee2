// The saved plan as `plan --json` shows it: the plan file's own published format
// (schemas/plan.schema.json), field for field.

import {optionalField} from '../../core/optional-field.js'
import type {Plan} from '../../core/plan.js'
import type {PlanSpec} from '../../core/plan-spec.js'
import {type PlannedChangeDocument, plannedChangeDocument} from './settings.js'

export interface SavedPlanDocument {
  format: 'apigw-binfix-plan'
  version: 1
  createdAt: string
  api: {id: string; name: string}
  region: string | null
  stage: string | null
  deploymentId: string | null
  fingerprint: string
  /** core/plan-spec.ts: the plan file's own shape of the spec, already published. */
  spec: PlanSpec | null
  changes: PlannedChangeDocument[]
  redeployDue: boolean
  diff: string
  signature?: {algorithm: 'hmac-sha256' | 'ed25519'; keyId: string; value: string}
}

export function savedPlanDocument(plan: Plan): SavedPlanDocument {
  return {
    format: plan.format,
    version: plan.version,
    createdAt: plan.createdAt,
    api: {id: plan.api.id, name: plan.api.name},
    region: plan.region,
    stage: plan.stage,
    deploymentId: plan.deploymentId,
    fingerprint: plan.fingerprint,
    spec: plan.spec,
    changes: plan.changes.map(plannedChangeDocument),
    redeployDue: plan.redeployDue,
    diff: plan.diff,
    ...optionalField('signature', plan.signature && {algorithm: plan.signature.algorithm, keyId: plan.signature.keyId, value: plan.signature.value}),
  }
}
