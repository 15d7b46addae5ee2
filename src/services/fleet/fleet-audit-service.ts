// fleet audit: every selected REST API of every account and Region, judged as `audit` judges one (the same
// reads, the same rules: auditResolvedApi), account-Regions in parallel, each behind its own token bucket.
// Results go to the sink as each API is done (--output jsonl stays flat in memory); per account-Region
// only counts and a few worst findings are kept for the summary. Read-only.

import Bottleneck from 'bottleneck'

import type {AwsConnectionOptions, RestApiSummary} from '../api-gateway-port.js'
import {AwsCallError, BinfixError} from '../../core/errors.js'
import {
  type AccountRegionSummary,
  type FleetAccessFailure,
  type FleetApiResult,
  type FleetTotals,
  addToSummary,
  addToTotals,
  emptySummary,
  emptyTotals,
} from '../../core/fleet-report.js'
import {firstMatch} from '../../core/fleet-selection.js'
import {type FleetFile, type FleetSelector, loadFleetFile} from '../../desired-spec/fleet-file.js'
import {auditResolvedApi} from '../audit-service.js'
import type {CloudFormationReader} from '../cloudformation-port.js'
import type {LiveReader} from '../live-state.js'
import type {FleetDirectory} from '../fleet-port.js'
import {type FleetScopeRequest, type ReachedAccount, resolveFleetScope} from './fleet-accounts.js'
import {type FleetCheckpoint, openCheckpoint} from './fleet-checkpoint.js'
import {type CallCounts, type RegionConnection, type RegionConnector, sdkRegionConnector} from './region-connection.js'
import {apiScopedCloudFormation, apiScopedReader} from './read-once.js'

export interface FleetAuditRequest extends FleetScopeRequest {
  /** --fleet: selectors to specs; default ./binfix-fleet.yaml when present. */
  fleetFile?: string
  /** --stage: judge only this stage of every API (default: the selector's or spec's stage, else every stage). */
  stage?: string
  /** --checkpoint FILE: record each finished API; with `resume`, skip those already recorded. */
  checkpoint?: {file: string; resume: boolean}
}

/** Where results go as they come. */
export interface FleetAuditSink {
  api(result: FleetApiResult): void | Promise<void>
  failure(failure: FleetAccessFailure): void | Promise<void>
}

export interface FleetAuditReport {
  fleetFile: string | null
  totals: FleetTotals
  /** Per account and Region, in the order accounts and Regions were named. */
  summaries: AccountRegionSummary[]
  failures: FleetAccessFailure[]
  /** API Gateway calls made, throttling answers met and retries, over every account-Region. */
  calls: CallCounts
  /** APIs taken from the checkpoint instead of read again. */
  resumed: number
  /** Ctrl-C stopped the run before every API was read. */
  interrupted: boolean
}

/** What the progress view is told; see fleet-progress.ts. */
export interface FleetAuditObserver {
  accountsKnown(count: number): void
  accountDone(name: string, failed: boolean): void
  apiDone(): void
  /** Calls and throttling so far, asked by the view when it redraws. */
  setCounter(counter: () => CallCounts): void
}

export interface FleetAuditDependencies {
  directory?: FleetDirectory
  connectRegion?: RegionConnector
  observer?: FleetAuditObserver
  /** Aborted by Ctrl-C: no new API is started. */
  signal?: AbortSignal
  /** How one API is judged (fleet plan also plans it); auditFleetApi by default. */
  judgeApi?: FleetApiJudge
}

export type FleetApiJudge = (
  connection: Pick<RegionConnection, 'reader' | 'cloudFormation'>,
  api: RestApiSummary,
  selector: FleetSelector | undefined,
  stageFlag: string | undefined,
  account: {accountId: string; name: string},
  region: string,
) => Promise<FleetApiResult>

/** Accounts reached at once; each then reads all its Regions in parallel. */
const ACCOUNT_CONCURRENCY = 16
/**
 * APIs read at once per account-Region. An API's reads are partly sequential (GetStages, then GetResources
 * and GetExport together), and GetResources' bucket (5 per 2 s) binds: enough APIs must be in flight that
 * one is always queued for its next GetResources token while others wait for GetStages on a loaded
 * machine. At 6 the bucket idled whenever the calls before it took more than ~2 s together; queued APIs
 * cost only their place in the limiter.
 */
const API_CONCURRENCY = 12

export async function auditFleet(request: FleetAuditRequest, sink: FleetAuditSink, dependencies: FleetAuditDependencies = {}): Promise<FleetAuditReport> {
  // Every local input is checked before the first call.
  const fleet = await loadFleetFile(request.fleetFile, request.cwd)
  const checkpoint = request.checkpoint ? await openCheckpoint(request.checkpoint.file, request.cwd, request.checkpoint.resume, checkpointKey(request, fleet)) : undefined
  const directory = dependencies.directory ?? (await connectFleetDirectory())
  const connectRegion = dependencies.connectRegion ?? sdkRegionConnector()
  const report: FleetAuditReport = {fleetFile: fleet?.file ?? null, totals: emptyTotals(), summaries: [], failures: [], calls: {calls: 0, throttled: 0, retries: 0}, resumed: 0, interrupted: false}
  const open = new Set<RegionConnection>()
  const counted = (): CallCounts => {
    const sum = {...report.calls}
    for (const connection of open) {
      const counts = connection.counts()
      sum.calls += counts.calls
      sum.throttled += counts.throttled
      sum.retries += counts.retries
    }
    return sum
  }
  dependencies.observer?.setCounter(counted)
  try {
    const scope = await resolveFleetScope(request, directory)
    dependencies.observer?.accountsKnown(scope.accounts.length)
    report.totals.accounts = scope.accounts.length
    // Reported in the order accounts and Regions were named, whatever order they failed in.
    const order = new WeakMap<object, number>()
    const rank = (accountIndex: number, regionIndex: number) => accountIndex * 1000 + regionIndex
    const failAt = (accountIndex: number, regionIndex: number) => async (failure: FleetAccessFailure) => {
      order.set(failure, rank(accountIndex, regionIndex))
      report.failures.push(failure)
      await sink.failure(failure)
    }
    const accounts = new Bottleneck({maxConcurrent: ACCOUNT_CONCURRENCY})
    await Promise.all(
      scope.accounts.map((account, accountIndex) =>
        accounts.schedule(async () => {
          if (dependencies.signal?.aborted) return
          let reached: ReachedAccount
          try {
            reached = await account.reach()
          } catch (error) {
            report.totals.accountsFailed++
            await failAt(accountIndex, -1)({accountId: account.accountId ?? null, accountName: account.name, region: null, message: failureMessage(error)})
            dependencies.observer?.accountDone(account.name, true)
            return
          }
          let anyRegionFailed = false
          const summaries = await Promise.all(
            reached.regions.map(async (region, regionIndex) => {
              const summary = emptySummary(reached.accountId, reached.name, region)
              order.set(summary, rank(accountIndex, regionIndex))
              const fail = failAt(accountIndex, regionIndex)
              const failed = await auditRegion({reached, region, summary, fleet, request, sink, report, checkpoint, open, connectRegion, fail, dependencies})
              anyRegionFailed ||= failed
              // A Region that could not be read is among the failures, not a summary of nothing.
              return failed ? undefined : summary
            }),
          )
          const read = summaries.filter((summary): summary is AccountRegionSummary => summary !== undefined)
          report.summaries.push(...read)
          report.totals.accountRegions += read.length
          if (anyRegionFailed) report.totals.accountsFailed++
          dependencies.observer?.accountDone(reached.name, anyRegionFailed)
        }),
      ),
    )
    const byOrder = (a: object, b: object) => (order.get(a) ?? 0) - (order.get(b) ?? 0)
    report.summaries.sort(byOrder)
    report.failures.sort(byOrder)
    report.interrupted = dependencies.signal?.aborted === true
    report.calls = counted()
    return report
  } finally {
    await Promise.all([...open].map((connection) => connection.close()))
    directory.close?.()
    await checkpoint?.close()
  }
}

interface RegionWork {
  reached: ReachedAccount
  region: string
  summary: AccountRegionSummary
  fleet: FleetFile | undefined
  request: FleetAuditRequest
  sink: FleetAuditSink
  report: FleetAuditReport
  checkpoint: FleetCheckpoint | undefined
  open: Set<RegionConnection>
  connectRegion: RegionConnector
  fail: (failure: FleetAccessFailure) => Promise<void>
  dependencies: FleetAuditDependencies
}

/** One account-Region: list its APIs, judge each; true when the Region could not be read. */
async function auditRegion(work: RegionWork): Promise<boolean> {
  const {reached, region, summary, report, checkpoint, sink, dependencies} = work
  const done = (result: FleetApiResult) => {
    addToSummary(summary, result)
    addToTotals(report.totals, result)
    dependencies.observer?.apiDone()
  }
  const finished = checkpoint?.finished(reached.accountId, region)
  if (finished?.complete) {
    // Every API of this account-Region was judged before the interruption: nothing to read again.
    for (const result of finished.results) {
      done(result)
      report.resumed++
      await sink.api(result)
    }
    return false
  }
  let connection: RegionConnection
  let apis: RestApiSummary[]
  try {
    connection = await work.connectRegion(reached.access, region)
  } catch (error) {
    await work.fail({accountId: reached.accountId, accountName: reached.name, region, message: failureMessage(error)})
    return true
  }
  work.open.add(connection)
  try {
    try {
      apis = await connection.reader.listRestApis()
    } catch (error) {
      await work.fail({accountId: reached.accountId, accountName: reached.name, region, message: failureMessage(error)})
      return true
    }
    const limiter = new Bottleneck({maxConcurrent: API_CONCURRENCY})
    await Promise.all(
      apis.map((api) =>
        limiter.schedule(async () => {
          const earlier = finished?.results.find((result) => result.api.id === api.id)
          if (earlier) {
            done(earlier)
            report.resumed++
            await sink.api(earlier)
            return
          }
          if (dependencies.signal?.aborted) return
          const selector = selectorFor(work.fleet, api, reached, region)
          const result = await (dependencies.judgeApi ?? auditFleetApi)(connection, api, selector, work.request.stage, reached, region)
          done(result)
          await checkpoint?.record(result)
          await sink.api(result)
        }),
      ),
    )
    if (!dependencies.signal?.aborted) await checkpoint?.regionComplete(reached.accountId, region)
    return false
  } finally {
    work.report.calls = addCounts(work.report.calls, connection.counts())
    work.open.delete(connection)
    await connection.close()
  }
}

function selectorFor(fleet: FleetFile | undefined, api: RestApiSummary, account: ReachedAccount, region: string): FleetSelector | undefined {
  if (!fleet) return undefined
  const index = firstMatch(fleet.selectors, {name: api.name, tags: api.tags, accountId: account.accountId, accountName: account.name, region})
  return index === undefined ? undefined : fleet.selectors[index]
}

/** What a judge of one API's stages is given: the API's reads made once, the stages to judge, the stage asked for. */
export interface ApiStagesContext {
  reader: LiveReader
  cloudFormation: CloudFormationReader
  stages: string[]
  /** --stage, the fleet file's or the spec's stage; undefined: every stage. */
  wanted: string | undefined
  result: FleetApiResult
}

/**
 * The frame every fleet judge of one API shares: its result, its stages listed once, its reads scoped so each
 * is made once across the stages, and a refusal for this API (a BinfixError) kept as the API's error.
 */
export async function judgeApiStages(
  connection: Pick<RegionConnection, 'reader' | 'cloudFormation'>,
  api: RestApiSummary,
  selector: FleetSelector | undefined,
  stageFlag: string | undefined,
  account: {accountId: string; name: string},
  region: string,
  judgeStages: (context: ApiStagesContext) => Promise<void>,
): Promise<FleetApiResult> {
  const result: FleetApiResult = {
    accountId: account.accountId,
    accountName: account.name,
    region,
    api: {id: api.id, name: api.name},
    spec: selector?.specFile ?? null,
    owner: null,
    stages: [],
    inSync: true,
  }
  try {
    const listed = await connection.reader.getStages(api.id)
    const wanted = stageFlag ?? selector?.stage ?? selector?.spec.stage
    const reader = apiScopedReader(connection.reader, listed)
    await judgeStages({reader, cloudFormation: apiScopedCloudFormation(connection.cloudFormation), stages: stagesToJudge(listed, wanted), wanted, result})
  } catch (error) {
    if (!(error instanceof BinfixError)) throw error
    result.error = error.message
    result.inSync = false
    result.stages = []
  }
  return result
}

/** One API: each stage judged by auditResolvedApi with the API's reads made once. */
export async function auditFleetApi(
  connection: Pick<RegionConnection, 'reader' | 'cloudFormation'>,
  api: RestApiSummary,
  selector: FleetSelector | undefined,
  stageFlag: string | undefined,
  account: {accountId: string; name: string},
  region: string,
): Promise<FleetApiResult> {
  return judgeApiStages(connection, api, selector, stageFlag, account, region, async ({reader, cloudFormation, stages, wanted, result}) => {
    // No stage at all: the working copy is still judged (the rules that need no deployment).
    const judged: Array<string | undefined> = stages.length === 0 && wanted === undefined ? [undefined] : stages
    for (const stage of judged) {
      const audit = await auditResolvedApi({reader, cloudFormation, polling: {}}, api, selector?.spec, stage)
      result.owner ??= audit.ownership ? {kind: audit.ownership.owner.kind, stackName: audit.ownership.owner.stackName ?? null} : null
      result.stages.push({stage: audit.stage, deploymentId: audit.deploymentId, inSync: audit.inSync, findings: audit.findings, fix: audit.fix})
      result.inSync &&= audit.inSync
    }
  })
}

export function stagesToJudge(listed: ReadonlyArray<{stageName: string}>, wanted: string | undefined): string[] {
  return wanted !== undefined ? listed.filter((stage) => stage.stageName === wanted).map((stage) => stage.stageName) : listed.map((stage) => stage.stageName)
}

function failureMessage(error: unknown): string {
  if (error instanceof AwsCallError || error instanceof BinfixError) return error.message
  throw error
}

function addCounts(a: CallCounts, b: CallCounts): CallCounts {
  return {calls: a.calls + b.calls, throttled: a.throttled + b.throttled, retries: a.retries + b.retries}
}

async function connectFleetDirectory(): Promise<FleetDirectory> {
  const {SdkFleetDirectory} = await import('../../aws/fleet-directory.js')
  return new SdkFleetDirectory()
}

/** What a checkpoint belongs to: resuming with other accounts, Regions, fleet file or stage is refused. */
function checkpointKey(request: FleetAuditRequest, fleet: FleetFile | undefined): Record<string, unknown> {
  return {
    profiles: request.profiles,
    accountsFile: request.accountsFile ?? null,
    organization: request.organization ?? null,
    onlyAccounts: request.onlyAccounts,
    regions: request.regions ?? null,
    fleetFile: fleet?.file ?? null,
    stage: request.stage ?? null,
  }
}

export type {AwsConnectionOptions}
