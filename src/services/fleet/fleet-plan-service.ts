// fleet plan: every selected API and stage planned as `plan` plans one (preparePlan: the same reads, rules
// and calls), the plans that change something saved in one file (--out) for fleet apply. Read-only.

import {isInSync} from '../../core/findings.js'
import {checkedOutPath, writeAtomically} from '../out-file.js'
import {planRequests, preparePlan} from '../plan-service.js'
import {type FleetApiJudge, type FleetAuditDependencies, type FleetAuditReport, type FleetAuditRequest, type FleetAuditSink, auditFleet, judgeApiStages} from './fleet-audit-service.js'
import {FLEET_PLAN_KIND, type FleetPlanEntry, type FleetPlanFile} from './fleet-plan-file.js'

export interface FleetPlanRequest extends FleetAuditRequest {
  /** --out: the fleet plan file. */
  out: string
  force?: boolean
}

export interface FleetPlanReport extends FleetAuditReport {
  /** Plans saved (one per API and stage that needs a change or a redeploy). */
  planned: number
  out: string
}

export async function planFleet(request: FleetPlanRequest, sink: FleetAuditSink, dependencies: FleetAuditDependencies = {}): Promise<FleetPlanReport> {
  const outPath = await checkedOutPath(request.out, request.cwd, {replace: request.force === true})
  const now = new Date()
  const plans: FleetPlanEntry[] = []
  const judgeApi: FleetApiJudge = (connection, api, selector, stageFlag, account, region) =>
    judgeApiStages(connection, api, selector, stageFlag, account, region, async ({reader, cloudFormation, stages, result}) => {
      // A plan redeploys its stage: an API without one has nothing fleet apply could publish.
      for (const stageName of stages) {
        const {plan, findings} = await preparePlan(reader, {api: api.id, cloudFormation, spec: selector?.spec, stageName, now, reuseSpec: true})
        const requests = planRequests(plan, plan.changes, {deploy: true})
        result.stages.push({stage: stageName, deploymentId: plan.deploymentId, inSync: isInSync(findings), findings, fix: requests})
        result.inSync &&= isInSync(findings)
        if (requests.length > 0) plans.push({accountId: account.accountId, accountName: account.name, region, plan})
      }
    })
  const report = await auditFleet(request, sink, {...dependencies, judgeApi})
  // Saved in a stable order, whatever order the account-Regions finished in.
  plans.sort((a, b) => `${a.accountId} ${a.region} ${a.plan.api.id} ${a.plan.stage}`.localeCompare(`${b.accountId} ${b.region} ${b.plan.api.id} ${b.plan.stage}`))
  const file: FleetPlanFile = {kind: FLEET_PLAN_KIND, version: 1, createdAt: now.toISOString(), fleetFile: report.fleetFile, plans}
  await writeAtomically(outPath, `${JSON.stringify(file, null, 2)}\n`, request.out, {replace: request.force === true})
  return {...report, planned: plans.length, out: request.out}
}
