// `fleet plan --json` (schemas/json/fleet-plan.schema.json): fleet audit's document without the per-API
// results (they are in the saved plan), with how many plans were saved and where.

import type {FleetPlanReport} from '../../services/fleet/fleet-plan-service.js'
import {type FleetAuditDocument, fleetAuditDocument} from './fleet-audit-document.js'

export type FleetPlanDocument = Omit<FleetAuditDocument, 'apis'> & {planned: number; out: string}

export function fleetPlanDocument(report: FleetPlanReport): FleetPlanDocument {
  return {...fleetAuditDocument(report), planned: report.planned, out: report.out}
}
