// audit --cfn-drift: CloudFormation's own drift detection for the stack that owns the API. It runs
// asynchronously ("can take up to several minutes"), so the status is polled with backoff, within a
// bounded time, and only the API's resources are kept.

import type {CloudFormationReader, ResourceDrift} from './cloudformation-port.js'
import type {Ownership} from './ownership.js'

export interface StackDriftReport {
  stackName: string
  /** complete: CloudFormation finished; failed: it said why not; timed-out: still running when we stopped. */
  outcome: 'complete' | 'failed' | 'timed-out'
  /** DRIFTED, IN_SYNC, … as CloudFormation sums the stack up. */
  stackDriftStatus?: string
  reason?: string
  /** The API's resources (AWS::ApiGateway::*), drifted or not. */
  resources: ResourceDrift[]
  polls: number
  waitedMs: number
}

export interface DriftPolling {
  /** Gives up after this long. Default 120 s. */
  timeoutMs?: number
  /** First wait; doubles up to maxDelayMs. Defaults 500 ms and 8 s. */
  firstDelayMs?: number
  maxDelayMs?: number
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

const API_GATEWAY_RESOURCE = /^AWS::ApiGateway::/

export async function detectStackDrift(cfn: CloudFormationReader, stackName: string, logicalResourceIds: readonly string[], polling: DriftPolling = {}): Promise<StackDriftReport> {
  const timeoutMs = polling.timeoutMs ?? 120_000
  const maxDelayMs = polling.maxDelayMs ?? 8_000
  const sleep = polling.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const now = polling.now ?? (() => performance.now())
  const started = now()
  const detectionId = await cfn.detectStackDrift(stackName, logicalResourceIds.length > 0 ? [...logicalResourceIds] : undefined)
  let delay = polling.firstDelayMs ?? 500
  let polls = 0
  for (;;) {
    const waited = now() - started
    if (waited >= timeoutMs) return {stackName, outcome: 'timed-out', resources: [], polls, waitedMs: Math.round(waited)}
    await sleep(Math.min(delay, timeoutMs - waited))
    delay = Math.min(delay * 2, maxDelayMs)
    polls += 1
    const status = await cfn.driftDetectionStatus(detectionId)
    if (status.status === 'DETECTION_IN_PROGRESS') continue
    const waitedMs = Math.round(now() - started)
    if (status.status === 'DETECTION_FAILED' && status.stackDriftStatus === undefined) {
      return {stackName, outcome: 'failed', ...(status.reason ? {reason: status.reason} : {}), resources: [], polls, waitedMs}
    }
    // A failed detection may still have checked some resources (its reason says which it could not).
    const resources = (await cfn.resourceDrifts(stackName)).filter((drift) => API_GATEWAY_RESOURCE.test(drift.resourceType))
    return {
      stackName,
      outcome: status.status === 'DETECTION_COMPLETE' ? 'complete' : 'failed',
      ...(status.stackDriftStatus ? {stackDriftStatus: status.stackDriftStatus} : {}),
      ...(status.reason ? {reason: status.reason} : {}),
      resources,
      polls,
      waitedMs,
    }
  }
}

/** A resource's drift, placed where audit shows it: with a route's findings, API-wide, or on its own. */
export type PlacedResourceDrift = ResourceDrift & {route?: {httpMethod: string; resourcePath: string}; apiWide?: true}

export interface PlacedStackDrift extends Omit<StackDriftReport, 'resources'> {
  resources: PlacedResourceDrift[]
}

/**
 * The REST API resource is API-wide; an AWS::ApiGateway::Method goes with the route the template
 * declares it for. Others (deployments, stages, resources) stay on their own.
 */
export function placeDrift(report: StackDriftReport, ownership: Pick<Ownership, 'owner' | 'declared'>): PlacedStackDrift {
  const routes = new Map((ownership.declared?.routes ?? []).filter((route) => route.logicalId !== undefined).map((route) => [route.logicalId!, route]))
  return {
    ...report,
    resources: report.resources.map((drift) => {
      if (drift.logicalResourceId === ownership.owner.logicalId) return {...drift, apiWide: true}
      const route = routes.get(drift.logicalResourceId)
      return route ? {...drift, route: {httpMethod: route.httpMethod, resourcePath: route.resourcePath}} : drift
    }),
  }
}
