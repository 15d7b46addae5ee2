// apply: plan (or load a saved plan), confirm, journal, patch only what differs, redeploy the stage once
// after every patch succeeded, then re-read and re-audit to prove the API is what the spec intends.
// Everything that can be checked locally or by reading is checked before the first write. An API a
// CloudFormation stack deploys is drifted by any live fix: apply says so before asking, and without a
// terminal it writes only with --allow-drift.

import type {ApiGatewayClient, AwsConnectionOptions, RestApiSummary} from './api-gateway-port.js'
import {type Reach, binfixCommandLine} from '../core/command-line.js'
import type {DesiredSpec} from '../core/desired-spec.js'
import {BinfixError, DeclinedError, UsageError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'
import {FINDING_KINDS, type Finding, isFindingReference} from '../core/findings.js'
import type {FixCall, PatchCall} from '../core/fix-calls.js'
import {type Plan, type PlannedChange, describeCall, liveFingerprint} from '../core/plan.js'
import {echoed} from '../core/quote.js'
import {priorValues, valuesAfter} from '../core/settings.js'
import {type JournalChoice, summarizeJournal} from '../core/journal.js'
import {planFault, planFaultAgainstLive} from '../core/plan-check.js'
import {desiredSpecOf} from '../core/plan-spec.js'
import {signatureFault} from '../core/plan-signature.js'
import {type ChangeSelection, selectChanges, selectableNames} from '../core/select-changes.js'
import {closestName} from '../core/suggest.js'
import {type ApiLock, acquireApiLock} from '../history/api-lock.js'
import {historyDirectory, latestJournalPath, readJournalEntries} from '../history/journal-store.js'
import {createJournal, openJournal} from '../history/journal-writer.js'
import {loadDesiredSpec} from '../desired-spec/load-spec.js'
import {type IoHost, message} from './io-host.js'
import type {Journal} from './journal-port.js'
import {chooseChanges} from './choose-changes.js'
import {type CloudFormationFactory, LazyCloudFormation} from './cloudformation-connection.js'
import {type Convergence, converge} from './convergence.js'
import {type LiveState, readLiveState} from './live-state.js'
import {type Ownership, readOwnership} from './ownership.js'
import {loadPlan} from './plan-file.js'
import {planRequests, preparePlan} from './plan-service.js'
import {readSigningKey} from './signing-key.js'
import {step} from './tasks.js'
import {type StackTarget, resolveApi} from './target.js'
import {connectApiGateway, deployStage, sendJournaledPatches} from './write-executor.js'

export interface ApplyRequest {
  api?: string
  /** --stack/--logical-id: the REST API that stack deploys. */
  stack?: StackTarget
  /** --reuse-spec: the spec names another API (api: or stack:) but is meant for this one too. */
  reuseSpec?: boolean
  specFile?: string
  binaryTypes?: string[]
  /** --plan: a saved plan instead of a spec. */
  planFile?: string
  /** The saved plan itself, already read (one of a fleet plan's); `planFile` then only names it in messages. */
  savedPlan?: Plan
  /** --verify-key: the plan must carry a signature this key (HMAC secret or Ed25519 public key) verifies. */
  verifyKey?: string
  stage?: string
  yes: boolean
  dryRun: boolean
  /** false with --no-deploy. */
  deploy: boolean
  /** How this run reaches AWS, for the commands its messages print. */
  reach?: Reach
  /** stdin and stdout are a terminal. */
  interactive: boolean
  /** --only/--skip: the changes resolving these finding ids or kinds only, or all but those. */
  only?: string[]
  skip?: string[]
  /** --fix-hazards: also fix preflights that fail today on routes the spec does not govern. */
  fixHazards?: boolean
  /** --allow-drift: write to an API a stack deploys without a terminal to ask at. */
  allowDrift?: boolean
  /** --history; else APIGW_BINFIX_HISTORY, else .apigw-binfix/history. */
  historyDir?: string
  /** --force-unlock: take over the lock a run that is gone left on this API. */
  forceUnlock?: string
  cwd: string
  connection: AwsConnectionOptions
}

/** `interrupted`: Ctrl-C stopped it between writes; `unsent` lists what was not sent. */
export type ApplyOutcome = 'applied' | 'patched-not-deployed' | 'nothing-to-change' | 'dry-run' | 'interrupted'

export interface ApplyReport {
  api: {id: string; name: string}
  region: string | null
  stage: string | null
  /** For a saved plan, `spec` is where the plan's spec came from: what an apply without the (then stale) plan uses. */
  source: {kind: 'spec' | 'plan'; file: string | null; spec?: {file: string | null; binaryMediaTypes: string[]} | null}
  outcome: ApplyOutcome
  /** The changes applied (or, for a dry run, that would be). */
  changes: PlannedChange[]
  /** Changes of the plan left out at the prompt. */
  skipped: PlannedChange[]
  /** The writes sent (or, for a dry run, that would be), merged and in order. */
  requests: FixCall[]
  /** Writes an interruption left unsent, in order (the redeploy last); empty otherwise. */
  unsent: FixCall[]
  previousDeploymentId: string | null
  deploymentId: string | null
  journal: string | null
  /** null when nothing was written and no re-audit was needed (dry run). */
  converged: boolean | null
  /** Errors and warnings the re-audit still finds (those of skipped changes excepted). */
  remaining: Finding[]
  /** Errors and warnings the re-audit still finds that only the skipped changes would fix. */
  leftOut: Finding[]
  /** Hazards failing today outside what the spec governs, left as they were (no --fix-hazards). */
  standing: Finding[]
  /** The working copy differs from what the writes should have produced (someone else wrote too). */
  unexpected: string
  /** The stack that deploys the API and what its next update does to these changes; null: no stack. */
  ownership: Ownership | null
  calls: {total: number; byOperation: Record<string, number>; retries: number; throttled: number; failed: number}
}

export interface ApplyDependencies {
  /** Tells the person what happens: the plan before the question (and for dry runs), then, when a stack deploys the API, its ownership; asks before writing. */
  io: IoHost
  createClient?: (connection: AwsConnectionOptions) => Promise<ApiGatewayClient>
  createCloudFormation?: CloudFormationFactory
  now?: () => Date
  /** Aborted by Ctrl-C: no write starts after it; the run reports what it did and what it did not. */
  signal?: AbortSignal
}

/** The live API changed since the plan was saved: exit 4, nothing written. */
export class StalePlanError extends BinfixError {
  constructor(message: string) {
    super('STALE_PLAN', message, ExitCode.stalePlan)
  }
}

interface Prepared {
  plan: Plan
  spec: DesiredSpec | undefined
  state: LiveState
  source: ApplyReport['source']
}

export async function applyChanges(request: ApplyRequest, dependencies: ApplyDependencies): Promise<ApplyReport> {
  const now = dependencies.now ?? (() => new Date())
  const {io} = dependencies
  const input = await readInput(request)
  const historyDir = historyDirectory(request.historyDir, request.cwd)
  const connection = {...request.connection, region: request.connection.region ?? input.region}
  const client = await (dependencies.createClient ?? connectApiGateway)(connection)
  const cloudFormation = new LazyCloudFormation(connection, dependencies.createCloudFormation)
  let lock: ApiLock | undefined
  // The lock is taken before the API is read: what is planned from the read is what gets written.
  const takeLock = (api: RestApiSummary) => {
    if (!request.dryRun) lock = acquireApiLock({historyDir, apiId: api.id, region: client.region ?? null, command: 'apply', ...(request.forceUnlock === undefined ? {} : {forceUnlock: request.forceUnlock}), now: now()})
  }
  try {
    const prepared = await step(
      io,
      'Reading the API',
      () => (input.plan ? checkSavedPlan(client, cloudFormation, request, input.plan, takeLock) : planFromSpec(client, cloudFormation, request, input.spec, now(), takeLock)),
      ({plan}) => `${plan.api.id} (${plan.api.name})`,
    )
    const selection = {only: request.only ?? [], skip: request.skip ?? []}
    // What --only/--skip leave is what is offered, shown and asked about; the rest counts as left out.
    const plan = {...prepared.plan, changes: selectedChanges(prepared.plan, selection)}
    const all = planRequests(plan, plan.changes, {deploy: request.deploy})
    const unfinished = unfinishedJournal(historyDir, plan)
    const report = baseReport(prepared, client, request)
    const calls = async () => callCounts(client, await cloudFormation.calls())

    if (all.length === 0) {
      // --only/--skip may have left out every change: those findings stand, and are said to.
      const leftOut = prepared.plan.changes
      const after = await converge(client, prepared, [], {deployed: false, stage: plan.stage, skipped: leftOut, fixHazards: request.fixHazards === true}, io)
      if (unfinished) {
        // An interrupted run had made every write: its journal gets the verdict it never wrote.
        const journal = openJournal(unfinished, now)
        recordConverged(journal, after, prepared.state.served?.deploymentId ?? null)
        journal.close()
      }
      return {...report, ...after, outcome: 'nothing-to-change', skipped: leftOut, journal: unfinished ?? null, calls: await calls()}
    }
    const ownership = (await ownershipOf(cloudFormation, prepared, all)) ?? null
    report.ownership = ownership
    await io.notify(message('result', 'apply.plan', `The plan: ${plan.changes.length} change(s), ${all.length} request(s)`, {plan, requests: all}))
    if (ownership) await io.notify(message('result', 'apply.ownership', `Stack ${ownership.owner.stackName ?? ownership.owner.stackId ?? '(unnamed)'} deploys ${plan.api.id}: a live fix is drift`, {ownership}))
    if (request.dryRun) {
      return {...report, outcome: 'dry-run', changes: plan.changes, requests: all, calls: await calls()}
    }
    if (ownership) refuseUnattendedDrift(ownership, plan, request)
    const chosen = await confirm(plan, request, io)
    if (dependencies.signal?.aborted) throw new DeclinedError('Interrupted before the first write; nothing written')
    const requests = planRequests(plan, chosen, {deploy: request.deploy})
    const patches = requests.filter((call): call is PatchCall => call.operation !== 'CreateDeployment')
    const deployment = requests.find((call) => call.operation === 'CreateDeployment')
    const skipped = prepared.plan.changes.filter((change) => !chosen.includes(change))
    const choice = skipped.length === 0 ? undefined : {...selection, leftOut: skipped.map((change) => change.summary)}

    const journal = startJournal(unfinished, historyDir, prepared, patches, now, choice)
    try {
      const context = {client, journal, io, ...(dependencies.signal ? {signal: dependencies.signal} : {})}
      const unsentPatches = await sendJournaledPatches(context, patches, (call) => describeCall(call, chosen))
      const interrupted = (unsent: FixCall[], deploymentId: string | null): ApplyReport => {
        journal.record({entry: 'interrupted', unsent})
        const sent = requests.filter((call) => !unsent.includes(call) && (call.operation !== 'CreateDeployment' || deploymentId !== null))
        return {...report, outcome: 'interrupted', changes: chosen, skipped, requests: sent, unsent, deploymentId, journal: journal.path}
      }
      if (dependencies.signal?.aborted) return {...interrupted([...unsentPatches, ...(deployment ? [deployment] : [])], null), calls: await calls()}
      let deploymentId: string | null = null
      if (deployment?.operation === 'CreateDeployment') {
        deploymentId = await deployStage({client, journal, io}, plan.api.id, deployment.stageName, deployment.description ?? '', prepared.state.served?.deploymentId ?? null)
      }
      // Every write was made; the re-read that proves it is left to a re-run, which makes no write.
      if (dependencies.signal?.aborted) return {...interrupted([], deploymentId), calls: await calls()}
      const after = await converge(client, prepared, patches, {deployed: deploymentId !== null, stage: plan.stage, skipped, deploymentId, fixHazards: request.fixHazards === true}, io)
      recordConverged(journal, after, deploymentId)
      return {
        ...report,
        ...after,
        outcome: deploymentId === null ? 'patched-not-deployed' : 'applied',
        changes: chosen,
        skipped,
        requests,
        deploymentId,
        journal: journal.path,
        calls: await calls(),
      }
    } finally {
      journal.close()
    }
  } finally {
    lock?.release()
    client.close?.()
    await cloudFormation.close()
  }
}

/** The plan's changes that --only/--skip leave; a value naming no finding of the plan is refused. */
function selectedChanges(plan: Plan, selection: ChangeSelection): PlannedChange[] {
  if (selection.only.length === 0 && selection.skip.length === 0) return plan.changes
  const {selected, unmatched} = selectChanges(plan.changes, selection)
  // A finding this plan happens not to have is no mistake (a pipeline's standing --skip); anything else is a typo.
  const typo = unmatched.find((value) => !isFindingReference(value))
  if (typo !== undefined) {
    const flag = selection.only.includes(typo) ? '--only' : '--skip'
    const known = selectableNames(plan.changes)
    const nearest = closestName(typo, [...FINDING_KINDS, ...known])
    const meant = nearest === undefined ? '' : `; did you mean ${nearest}?`
    throw new UsageError(`${flag} ${echoed(typo)}: neither a finding kind (${FINDING_KINDS.join(', ')}) nor a finding id (<kind>:<10 hex digits>)${meant}${known.length === 0 ? '' : ` This plan's changes resolve: ${known.join(', ')}`}`)
  }
  return selected
}

/** Who deploys the API and what their next update does to every setting the plan writes. */
async function ownershipOf(cloudFormation: LazyCloudFormation, prepared: Prepared, requests: readonly FixCall[]): Promise<Ownership | undefined> {
  const patches = requests.filter((call): call is PatchCall => call.operation !== 'CreateDeployment')
  const {live} = prepared.state
  return readOwnership(cloudFormation, prepared.state.api, live.routes, valuesAfter(live, patches))
}

/** A pipeline cannot see the warning: writing drift into a stack's API must be asked for. */
function refuseUnattendedDrift(ownership: Ownership, plan: Plan, request: ApplyRequest): void {
  if (request.interactive || request.allowDrift) return
  const count = (outcome: string) => ownership.predictions.filter((prediction) => prediction.outcome === outcome).length
  const stack = ownership.owner.stackName ?? ownership.owner.stackId ?? 'a stack'
  const fate = ownership.predictions.length === 0 ? 'the next stack update may revert it' : `at the next stack update ${count('reverted')} reverted, ${count('unknown')} unknown, ${count('kept')} kept`
  throw new UsageError(
    `REST API ${plan.api.id} is deployed by stack ${stack} (${ownership.owner.kind}), so this fix is drift (${fate}): pass --allow-drift to apply it anyway; make it durable with: ${binfixCommandLine(['iac', '--stack', stack], {...request.reach, ...(plan.region ? {region: plan.region} : {})})}`,
  )
}

interface Input {
  plan?: Plan
  spec?: DesiredSpec
  region?: string
}

/** Local input, all of it, before the first call. */
async function readInput(request: ApplyRequest): Promise<Input> {
  if (request.planFile !== undefined) {
    if (request.specFile !== undefined || (request.binaryTypes ?? []).length > 0) {
      throw new UsageError('--plan replays a saved plan: leave out --spec and --binary-type (the plan holds its spec)')
    }
    const plan = request.savedPlan ?? (await loadPlan(request.planFile, request.cwd))
    if (request.verifyKey !== undefined) {
      const fault = signatureFault(plan, await readSigningKey('--verify-key', request.verifyKey, request.cwd))
      if (fault) throw new UsageError(`--plan ${request.planFile}: ${fault}; it is not the plan signed with --verify-key ${request.verifyKey}`)
    }
    // Calls are never sent as the file writes them: each must be the one its change describes.
    const fault = planFault(plan)
    if (fault) throw new UsageError(`--plan ${request.planFile}: ${fault}`)
    if (request.stage !== undefined && request.stage !== plan.stage) {
      throw new UsageError(`--plan ${request.planFile}: made for stage ${plan.stage ?? '(none)'}, not ${request.stage}`)
    }
    if (request.deploy && plan.stage === null) {
      throw new UsageError(`--plan ${request.planFile}: made without a stage, so it cannot redeploy one; make it with --stage, or apply it with --no-deploy`)
    }
    return {plan, ...(plan.region === null ? {} : {region: plan.region})}
  }
  const spec = await loadDesiredSpec({specFile: request.specFile, binaryTypes: request.binaryTypes, cwd: request.cwd})
  if (request.deploy && request.stage === undefined && spec?.stage === undefined) {
    throw new UsageError('apply redeploys a stage: pass --stage (or set stage: in binfix.yaml), or --no-deploy to patch only')
  }
  return {...(spec ? {spec} : {}), ...(spec?.region === undefined ? {} : {region: spec.region})}
}

async function planFromSpec(client: ApiGatewayClient, cloudFormation: LazyCloudFormation, request: ApplyRequest, spec: DesiredSpec | undefined, now: Date, beforeReading: (api: RestApiSummary) => void): Promise<Prepared> {
  const stageName = request.stage ?? spec?.stage
  const {plan, state} = await preparePlan(client, {
    api: request.api,
    stack: request.stack,
    reuseSpec: request.reuseSpec,
    cloudFormation,
    spec,
    stageName,
    now,
    beforeReading,
    fixHazards: request.fixHazards === true,
  })
  return {plan, spec, state, source: {kind: 'spec', file: spec?.source.file ?? null}}
}

/** A saved plan applies only to the API, Region and stage it was made for, and only while they are unchanged. */
async function checkSavedPlan(client: ApiGatewayClient, cloudFormation: LazyCloudFormation, request: ApplyRequest, plan: Plan, beforeReading: (api: RestApiSummary) => void): Promise<Prepared> {
  const file = request.planFile!
  if (plan.region !== null && client.region !== undefined && client.region !== plan.region) {
    throw new UsageError(`--plan ${file}: made for Region ${plan.region}, not ${client.region}`)
  }
  const api = await resolveApi(client, request.stack ? {stack: request.stack} : {api: request.api ?? plan.api.id}, cloudFormation)
  if (api.id !== plan.api.id) throw new UsageError(`--plan ${file}: made for REST API ${plan.api.id} (${plan.api.name}), not ${api.id} (${api.name})`)
  beforeReading(api)
  const state = await readLiveState(client, api, plan.stage ?? undefined)
  if (liveFingerprint(state.live, state.served?.config) !== plan.fingerprint) {
    throw new StalePlanError(`--plan ${file}: REST API ${api.id} changed since the plan was made (${plan.createdAt}); make a new plan`)
  }
  const fault = planFaultAgainstLive(plan, state.live)
  if (fault) throw new UsageError(`--plan ${file}: ${fault}`)
  const spec = plan.spec === null ? null : {file: plan.spec.source.file ?? null, binaryMediaTypes: plan.spec.binaryMediaTypes}
  return {plan, spec: plan.spec === null ? undefined : desiredSpecOf(plan.spec), state, source: {kind: 'plan', file, spec}}
}

async function confirm(plan: Plan, request: ApplyRequest, io: IoHost): Promise<PlannedChange[]> {
  if (request.yes) return plan.changes
  if (!request.interactive) {
    throw new UsageError('apply asks before writing, and this is not a terminal: pass --yes to apply unattended, or --dry-run to see the requests')
  }
  return chooseChanges(plan, io, {deploy: request.deploy})
}

/** A re-run after a crash carries on in the journal it left, so rollback still knows the first state. */
function unfinishedJournal(historyDir: string, plan: Plan): string | undefined {
  const path = latestJournalPath(historyDir, plan.api.id, plan.stage)
  if (path === undefined) return undefined
  const summary = summarizeJournal(readJournalEntries(path))
  return summary.finished || summary.begin.region !== plan.region ? undefined : path
}

/** The re-audit's verdict closes the run in its journal. */
function recordConverged(journal: Journal, after: Convergence, deploymentId: string | null): void {
  journal.record({entry: 'converged', converged: after.converged, deploymentId, remaining: after.remaining.map((entry) => entry.id)})
}

function startJournal(unfinished: string | undefined, historyDir: string, prepared: Prepared, patches: PatchCall[], now: () => Date, choice: JournalChoice | undefined): Journal {
  const prior = priorValues(prepared.state.live, patches)
  if (unfinished) {
    const journal = openJournal(unfinished, now)
    journal.record({entry: 'resume', prior, calls: patches, ...(choice ? {choice} : {})})
    return journal
  }
  const {plan} = prepared
  return createJournal(
    historyDir,
    {
      api: plan.api,
      region: plan.region,
      stage: plan.stage,
      priorDeploymentId: prepared.state.served?.deploymentId ?? null,
      prior,
      calls: patches,
      ...(choice ? {choice} : {}),
    },
    now,
  )
}

function baseReport(prepared: Prepared, client: ApiGatewayClient, request: ApplyRequest): ApplyReport {
  const {plan} = prepared
  return {
    api: plan.api,
    region: client.region ?? plan.region,
    stage: plan.stage ?? request.stage ?? null,
    source: prepared.source,
    outcome: 'nothing-to-change',
    changes: [],
    skipped: [],
    requests: [],
    unsent: [],
    previousDeploymentId: prepared.state.served?.deploymentId ?? null,
    deploymentId: null,
    journal: null,
    converged: null,
    remaining: [],
    leftOut: [],
    standing: [],
    unexpected: '',
    ownership: null,
    calls: callCounts(client, 0),
  }
}

/** API Gateway's calls in detail; CloudFormation's reads are in the total. */
function callCounts(client: ApiGatewayClient, cloudFormationCalls: number): ApplyReport['calls'] {
  const stats = client.stats?.()
  return {total: (stats?.calls ?? 0) + cloudFormationCalls, byOperation: stats?.callsByOperation ?? {}, retries: stats?.retries ?? 0, throttled: stats?.throttled ?? 0, failed: stats?.failed ?? 0}
}
