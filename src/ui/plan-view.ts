// Human rendering of a plan: the changes one setting each, the exact requests in the order apply sends
// them, and the diff of the working copy.

import type {Reach} from '../core/command-line.js'
import type {Finding} from '../core/findings.js'
import type {FixCall} from '../core/fix-calls.js'
import type {Plan} from '../core/plan.js'
import {FIX_HAZARDS_HINT} from '../core/standing-hazards.js'
import type {Palette} from './colours.js'
import {renderDiff} from './diff-view.js'
import {describeFinding} from './finding-line.js'
import {awsCliCommand, httpRequest} from './fix-commands.js'

export function renderPlan(plan: Plan, requests: readonly FixCall[], colour: Palette, reach: Reach = {}, standing: readonly Finding[] = []): string {
  const lines = [colour.dim(planHeading(plan)), '']
  if (requests.length === 0) {
    if (standing.length === 0) lines.push(colour.green('Nothing to change: the API is what the spec intends, and the stage serves it.'))
    else lines.push('Nothing the spec asks for is left to change.', '', ...standingLines(standing, colour))
    return lines.join('\n')
  }
  if (plan.changes.length > 0) {
    lines.push(colour.bold(`${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'}`))
    for (const change of plan.changes) lines.push(`  ${colour.yellow('~')} ${change.summary}`)
    lines.push('')
  }
  lines.push(colour.bold(`${requests.length} request${requests.length === 1 ? '' : 's'}, in this order`), ...renderRequests(requests, colour, reach), '')
  if (!requests.some((call) => call.operation === 'CreateDeployment')) lines.push(colour.yellow(notLiveWarning(plan)), '')
  if (plan.changes.length > 0) lines.push(...renderDiff(plan.diff, colour), '')
  if (standing.length > 0) lines.push(...standingLines(standing, colour))
  return lines.join('\n').replace(/\n+$/, '')
}

/** Findings a plan leaves as they are until asked (standing-hazards.ts). */
export function standingLines(standing: readonly Finding[], colour: Palette): string[] {
  const count = `${standing.length} finding${standing.length === 1 ? '' : 's'}`
  return [colour.yellow(`Left as they are: ${count}, since ${FIX_HAZARDS_HINT}:`), ...standing.map((entry) => `  ${describeFinding(entry)}`)]
}

/** Each request as sent (method, path, body) and as the equivalent AWS CLI command. */
export function renderRequests(requests: readonly FixCall[], colour: Palette, reach: Reach = {}): string[] {
  return requests.flatMap((call, index) => {
    const request = httpRequest(call)
    return [`  ${index + 1}. ${colour.cyan(`${request.method} ${request.path}`)} ${JSON.stringify(request.body)}`, `     ${colour.dim(awsCliCommand(call, reach))}`]
  })
}

/** Patches without a redeploy change the working copy only: no client sees them until a stage is deployed. */
export function notLiveWarning(plan: Pick<Plan, 'stage'>): string {
  return plan.stage === null
    ? 'No stage: these requests patch the working copy only, and nothing is live until a stage is deployed (plan or apply with --stage to redeploy it).'
    : `No redeploy: these requests patch the working copy only; stage ${plan.stage} keeps serving its deployment until it is redeployed.`
}

export function planHeading(plan: Plan): string {
  const parts = [`Plan for ${plan.api.name} (${plan.api.id})${plan.region ? ` in ${plan.region}` : ''}`]
  if (plan.stage !== null) parts.push(`stage ${plan.stage}${plan.deploymentId ? ` (deployment ${plan.deploymentId})` : ''}`)
  parts.push(plan.spec ? `spec ${plan.spec.source.file ?? '--binary-type flags'}` : 'no spec: consistency rules only')
  return parts.join(' · ')
}
