// A fleet plan (fleet plan --out): one saved plan per API and stage, each with its live fingerprint, and
// where it lives (account, Region). Read back by fleet apply only after the whole file passes: its shape,
// and every plan against the published plan schema and the checks `apply --plan` makes.

import {UsageError} from '../../core/errors.js'
import {planFault} from '../../core/plan-check.js'
import type {Plan} from '../../core/plan.js'
import {describeSchemaError, publishedSchemaValidator} from '../../schemas.js'
import {readPlanJson} from '../plan-file.js'

export const FLEET_PLAN_KIND = 'apigw-binfix fleet plan'

export interface FleetPlanEntry {
  accountId: string
  accountName: string
  region: string
  plan: Plan
}

export interface FleetPlanFile {
  kind: typeof FLEET_PLAN_KIND
  version: 1
  createdAt: string
  fleetFile: string | null
  plans: FleetPlanEntry[]
}

export async function loadFleetPlan(file: string, cwd: string): Promise<FleetPlanFile> {
  const data = await readPlanJson(file, cwd, 'a fleet plan')
  const document = data as Partial<FleetPlanFile> | null
  if (typeof document !== 'object' || document === null || document.kind !== FLEET_PLAN_KIND || document.version !== 1 || !Array.isArray(document.plans)) {
    throw new UsageError(`--plan ${file}: not a fleet plan (kind "${FLEET_PLAN_KIND}", version 1, plans); a single API's plan is applied with apply --plan`)
  }
  const check = publishedSchemaValidator('plan.schema.json')
  for (const [index, entry] of document.plans.entries()) {
    const where = `--plan ${file}: plans[${index}]`
    if (typeof entry !== 'object' || entry === null || !/^\d{12}$/.test(String(entry.accountId)) || typeof entry.region !== 'string' || typeof entry.accountName !== 'string') {
      throw new UsageError(`${where}: needs accountId (12 digits), accountName and region`)
    }
    if (!check(entry.plan)) throw new UsageError(`${where}.plan: not an apigw-binfix plan: ${describeSchemaError(check.errors?.[0])}`)
    if (entry.plan.region !== null && entry.plan.region !== entry.region) throw new UsageError(`${where}: the plan is for Region ${entry.plan.region}, not ${entry.region}`)
    const foreign = entry.plan.changes.find((change) => change.call.restApiId !== entry.plan.api.id)
    if (foreign) throw new UsageError(`${where}: change "${foreign.key}" writes REST API ${foreign.call.restApiId}, but the plan is for ${entry.plan.api.id}`)
    // Calls are never sent as the file writes them: each must be the one its change describes.
    const fault = planFault(entry.plan)
    if (fault) throw new UsageError(`${where}: ${fault}`)
  }
  return document as FleetPlanFile
}
