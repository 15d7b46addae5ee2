// rollback: point the stage back at the deployment a journal recorded (UpdateStage /deploymentId, no new
// deployment), and give every setting the apply wrote its prior value again, so that a later deploy does
// not republish the change. Convergent: it writes only what differs, so a re-run after a crash finishes
// the job and a second rollback writes nothing.
//
// With --to and no journal that starts from that deployment, the settings are restored from what the
// chosen deployment serves (its export, read once the stage points at it).

import type {ApiGatewayClient, AwsConnectionOptions} from './api-gateway-port.js'
import type {ApiConfig} from '../core/api-config.js'
import {AwsCallError, DeclinedError, UsageError} from '../core/errors.js'
import type {PatchCall} from '../core/fix-calls.js'
import {type JournalStart, type JournalSummary, summarizeJournal} from '../core/journal.js'
import {type SettingValue, callsToRestore, describeValue, priorValues, settingKey, settingLabel, valuesMatching, valuesNotHeld} from '../core/settings.js'
import {type ApiLock, acquireApiLock} from '../history/api-lock.js'
import {historyDirectory, latestJournalPath, readJournalEntries} from '../history/journal-store.js'
import {createJournal, openJournal} from '../history/journal-writer.js'
import {loadDesiredSpec} from '../desired-spec/load-spec.js'
import {type IoHost, confirmation} from './io-host.js'
import type {Journal} from './journal-port.js'
import {readLiveState, readServed, rereadLiveState} from './live-state.js'
import {startTask, step} from './tasks.js'
import {type CloudFormationFactory, LazyCloudFormation} from './cloudformation-connection.js'
import {type StackTarget, resolveApi, specTarget, resolveStage} from './target.js'
import {connectApiGateway, pointStage, sendJournaledPatches} from './write-executor.js'

export interface RollbackRequest {
  api?: string
  /** --stack/--logical-id: the REST API that stack deploys. */
  stack?: StackTarget
  stage?: string
  /** --to: the deployment to serve again. */
  to?: string
  /** --journal: the apply to undo; the newest for the API and stage by default. */
  journalFile?: string
  yes: boolean
  interactive: boolean
  historyDir?: string
  /** --force-unlock: take over the lock a run that is gone left on this API. */
  forceUnlock?: string
  cwd: string
  connection: AwsConnectionOptions
}

export interface RollbackReport {
  api: {id: string; name: string}
  region: string | null
  stage: string
  journal: string | null
  /** The deployment the stage served before, and serves now. */
  fromDeploymentId: string
  toDeploymentId: string
  /** Settings given their prior value again. */
  restored: Array<{setting: string; value: SettingValue}>
  /** Where the prior values came from: the apply's journal, or what the target deployment serves (--to). */
  restoredFrom: 'journal' | 'deployment'
  requests: PatchCall[]
  /** Nothing differed: no write was made. */
  alreadyRolledBack: boolean
  /** The stage serves the target deployment and every setting holds its prior value. */
  converged: boolean
  /** What the re-read found otherwise than rollback wrote (another writer, a write that did not land). */
  notRestored: Array<{setting: string; wanted: string; found: string}>
  /** What the stage serves at the re-read (null: not re-read). */
  servedDeploymentId: string | null
  /** Ctrl-C stopped it between writes: `unsent` were not sent, and the stage may still serve `fromDeploymentId`. */
  interrupted: boolean
  /** The stage was pointed at `toDeploymentId` by this run. */
  repointed: boolean
  unsent: PatchCall[]
  calls: number
}

export interface RollbackDependencies {
  /** Tells the person what happens and asks before writing. */
  io: IoHost
  createClient?: (connection: AwsConnectionOptions) => Promise<ApiGatewayClient>
  createCloudFormation?: CloudFormationFactory
  now?: () => Date
  /** Aborted by Ctrl-C: no write starts after it. */
  signal?: AbortSignal
}

export async function rollbackStage(request: RollbackRequest, dependencies: RollbackDependencies): Promise<RollbackReport> {
  const now = dependencies.now ?? (() => new Date())
  const {io} = dependencies
  const historyDir = historyDirectory(request.historyDir, request.cwd)
  // Local input first: an explicit journal, else binfix.yaml for the API, stage and Region it names.
  const explicit = request.journalFile === undefined ? undefined : summaryOf(request.journalFile)
  const spec = explicit || ((request.api !== undefined || request.stack !== undefined) && request.stage !== undefined) ? undefined : await loadDesiredSpec({cwd: request.cwd})
  const stageName = request.stage ?? explicit?.begin.stage ?? spec?.stage
  if (stageName === undefined || stageName === null) throw new UsageError('rollback needs the stage: pass --stage (or set stage: in binfix.yaml)')
  if (explicit && explicit.begin.stage !== stageName) throw new UsageError(`--journal ${request.journalFile}: records stage ${explicit.begin.stage}, not ${stageName}`)
  const region = request.connection.region ?? explicit?.begin.region ?? spec?.region

  const connection = {...request.connection, ...(region ? {region} : {})}
  const client = await (dependencies.createClient ?? connectApiGateway)(connection)
  const cloudFormation = new LazyCloudFormation(connection, dependencies.createCloudFormation)
  let lock: ApiLock | undefined
  try {
    if (explicit?.begin.region && client.region && explicit.begin.region !== client.region) {
      throw new UsageError(`--journal ${request.journalFile}: records Region ${explicit.begin.region}, not ${client.region}`)
    }
    const {api, journalPath, stage, target, fromJournal, live} = await step(
      io,
      'Reading the API',
      async () => {
        const api = await resolveApi(client, {api: request.api ?? explicit?.begin.api.id, stack: request.stack, ...specTarget(spec)}, cloudFormation)
        if (explicit && explicit.begin.api.id !== api.id) throw new UsageError(`--journal ${request.journalFile}: records REST API ${explicit.begin.api.id}, not ${api.id}`)
        // Before reading what to restore: nobody else writes to the API until this rollback is done.
        lock = acquireApiLock({historyDir, apiId: api.id, region: client.region ?? null, command: 'rollback', ...(request.forceUnlock === undefined ? {} : {forceUnlock: request.forceUnlock}), now: now()})
        const journalPath = request.journalFile ?? latestJournalPath(historyDir, api.id, stageName)
        const summary = explicit ?? (journalPath === undefined ? undefined : summaryOf(journalPath, {apiId: api.id, stage: stageName}))
        const stage = await resolveStage(client, api.id, stageName)
        const target = await targetDeployment(client, api.id, request, summary, historyDir, stageName)
        // Settings come from the journal when it starts from the target deployment (or was named).
        const fromJournal = summary && (request.to === undefined || request.journalFile !== undefined || summary.begin.priorDeploymentId === request.to) ? summary : undefined
        const {live} = await readLiveState(client, api, undefined)
        return {api, journalPath, stage, target, fromJournal, live}
      },
      ({api, stage}) => `${api.id} (${api.name}), stage ${stageName} serves ${stage.deploymentId}`,
    )
    const run: RollbackRun = {request, dependencies, client, cloudFormation, historyDir, now, io, api, stageName, fromDeploymentId: stage.deploymentId, target, live}
    return fromJournal ? await rollBackJournal(run, fromJournal, request.journalFile ?? journalPath!) : await rollBackToDeployment(run)
  } finally {
    lock?.release()
    client.close?.()
    await cloudFormation.close()
  }
}

/** What both modes of rollback share once the API is read and locked. */
interface RollbackRun {
  request: RollbackRequest
  dependencies: RollbackDependencies
  client: ApiGatewayClient
  cloudFormation: LazyCloudFormation
  historyDir: string
  now: () => Date
  io: IoHost
  api: {id: string; name: string}
  stageName: string
  /** The deployment the stage serves now. */
  fromDeploymentId: string
  /** The deployment it is to serve again. */
  target: string
  live: ApiConfig
}

/** Journal mode: the settings get the prior values the journal recorded; the rollback is recorded in it. */
async function rollBackJournal(run: RollbackRun, summary: JournalSummary, journalPath: string): Promise<RollbackReport> {
  const {api, live, target} = run
  const values = summary.prior
  const restore = callsToRestore(api.id, live, values)
  const repoint = run.fromDeploymentId !== target
  const report = startingReport(run, journalPath, 'journal')
  if (!repoint && restore.length === 0) return {...report, alreadyRolledBack: true, converged: true, calls: await callCount(run)}
  await confirmWrites(run, restore)
  const journal = openJournal(journalPath, run.now)
  try {
    const sent = await repointAndRestore(run, journal, report, repoint, restore, async () => ({writes: restore, values}))
    if (sent.interrupted) return sent.report
    // A rollback that did not hold is not recorded as done: a re-run carries on from this journal.
    if (sent.report.converged) journal.record({entry: 'rolled-back', deploymentId: target})
    return {...sent.report, calls: await callCount(run)}
  } finally {
    journal.close()
  }
}

/**
 * --to mode, no journal starting from that deployment: the settings get what the chosen deployment serves,
 * read once the stage points at it; the rollback gets a journal of its own.
 */
async function rollBackToDeployment(run: RollbackRun): Promise<RollbackReport> {
  const {api, client, live, target} = run
  const repoint = run.fromDeploymentId !== target
  const report = startingReport(run, null, 'deployment')
  await confirmWrites(run, [])
  const journal = createJournal(run.historyDir, rollbackStart(api, client.region ?? null, run.stageName, run.fromDeploymentId), run.now)
  try {
    const sent = await repointAndRestore(run, journal, report, repoint, [], async () => {
      // What the chosen deployment serves decides the settings; it is readable only through the stage.
      const served = await readServed(client, api.id, run.stageName)
      const values = valuesMatching(served.config, live)
      const writes = callsToRestore(api.id, live, values)
      journal.record({entry: 'resume', prior: priorValues(live, writes), calls: writes})
      return {writes, values}
    })
    if (sent.interrupted) return sent.report
    journal.record({entry: 'converged', converged: sent.report.converged, deploymentId: target, remaining: sent.report.notRestored.map((entry) => entry.setting)})
    return {...sent.report, calls: await callCount(run)}
  } finally {
    journal.close()
  }
}

/** The report before any write; `journal` is the apply's journal in journal mode. */
function startingReport(run: RollbackRun, journal: string | null, restoredFrom: RollbackReport['restoredFrom']): RollbackReport {
  return {
    api: {id: run.api.id, name: run.api.name},
    region: run.client.region ?? null,
    stage: run.stageName,
    journal,
    fromDeploymentId: run.fromDeploymentId,
    toDeploymentId: run.target,
    restored: [],
    restoredFrom,
    requests: [],
    alreadyRolledBack: false,
    converged: false,
    notRestored: [],
    servedDeploymentId: null,
    interrupted: false,
    repointed: false,
    unsent: [],
    calls: 0,
  }
}

/** Asks (unless --yes), then refuses to start once Ctrl-C was pressed. */
async function confirmWrites(run: RollbackRun, restore: readonly PatchCall[]): Promise<void> {
  await confirm(run.request, run.io, `Point stage ${run.stageName} of ${run.api.id} back at deployment ${run.target}${restore.length > 0 ? ` and restore ${restore.length} setting write(s)` : ''}?`)
  if (run.dependencies.signal?.aborted) throw new DeclinedError('Interrupted before the first write; nothing written')
}

/**
 * Records the rollback, points the stage at the target, sends the restores `decide` settles on (journaled)
 * and re-reads. `announced` are the restores the rollback entry lists; `decide` may read and record more.
 */
async function repointAndRestore(
  run: RollbackRun,
  journal: Journal,
  report: RollbackReport,
  repoint: boolean,
  announced: PatchCall[],
  decide: () => Promise<{writes: PatchCall[]; values: readonly SettingValue[]}>,
): Promise<{interrupted: true; report: RollbackReport} | {interrupted: false; report: RollbackReport}> {
  const {client, api, stageName, target, live, io} = run
  const {signal} = run.dependencies
  journal.record({entry: 'rollback', toDeploymentId: target, fromDeploymentId: run.fromDeploymentId, replaced: priorValues(live, announced), calls: announced})
  const context = {client, journal, io, ...(signal ? {signal} : {})}
  if (repoint) await pointStage(context, {operation: 'UpdateStage', restApiId: api.id, stageName, deploymentId: target}, run.fromDeploymentId)
  const {writes, values} = await decide()
  const unsent = await sendJournaledPatches(context, writes, (call) => `${call.operation}: restore ${call.patchOperations.map((operation) => operation.path).join(', ')}`)
  if (signal?.aborted) {
    journal.record({entry: 'interrupted', unsent})
    const sent = writes.filter((call) => !unsent.includes(call))
    return {interrupted: true, report: {...report, journal: journal.path, repointed: repoint, interrupted: true, unsent, requests: sent, restored: restoredBy(live, sent, values), calls: await callCount(run)}}
  }
  const outcome = await check(client, api.id, stageName, target, values, io)
  const converged = outcome.notRestored.length === 0 && outcome.servedDeploymentId === target
  return {
    interrupted: false,
    report: {
      ...report,
      journal: journal.path,
      requests: writes,
      repointed: repoint,
      restored: restoredBy(live, writes, values).filter((entry) => !outcome.notRestored.some((missing) => missing.setting === entry.setting)),
      notRestored: outcome.notRestored,
      servedDeploymentId: outcome.servedDeploymentId,
      converged,
    },
  }
}

/** API Gateway's and CloudFormation's calls so far. */
async function callCount(run: RollbackRun): Promise<number> {
  return (run.client.stats?.().calls ?? 0) + (await run.cloudFormation.calls())
}

/** The settings `writes` gave their prior value again. */
function restoredBy(live: ApiConfig, writes: readonly PatchCall[], values: readonly SettingValue[]): RollbackReport['restored'] {
  const written = new Set(priorValues(live, writes).map(settingKey))
  return values.filter((value) => written.has(settingKey(value))).map((value) => ({setting: settingLabel(value), value}))
}

/**
 * The journal's summary; `expected` is the API and stage its file name and folder claim, which the
 * entries themselves must record (a journal moved or planted under another API's folder is refused).
 */
function summaryOf(path: string, expected?: {apiId: string; stage: string}): JournalSummary {
  const summary = summarizeJournal(readJournalEntries(path))
  if (summary.begin.stage === null) throw new UsageError(`${path}: records no stage; there is no deployment to go back to`)
  if (expected && (summary.begin.api.id !== expected.apiId || summary.begin.stage !== expected.stage)) {
    throw new UsageError(`${path}: records REST API ${summary.begin.api.id} stage ${summary.begin.stage}, not ${expected.apiId} stage ${expected.stage} as its place in the history says; pass it with --journal only if it is the right one`)
  }
  return summary
}

/** --to (checked to exist), else the deployment the journal's first run started from. */
async function targetDeployment(client: ApiGatewayClient, restApiId: string, request: RollbackRequest, summary: JournalSummary | undefined, historyDir: string, stageName: string): Promise<string> {
  if (request.to !== undefined) {
    try {
      await client.getDeployment(restApiId, request.to)
    } catch (error) {
      if (error instanceof AwsCallError && error.kind === 'not-found') throw new UsageError(`--to ${request.to}: REST API ${restApiId} has no such deployment`)
      throw error
    }
    return request.to
  }
  if (!summary) throw new UsageError(`No journal of REST API ${restApiId} stage ${stageName} in ${historyDir}: pass --journal FILE or --to DEPLOYMENT_ID`)
  if (summary.begin.priorDeploymentId === null) throw new UsageError(`the journal records no deployment that stage ${stageName} served before; pass --to DEPLOYMENT_ID`)
  return summary.begin.priorDeploymentId
}

async function confirm(request: RollbackRequest, io: IoHost, question: string): Promise<void> {
  if (request.yes) return
  if (!request.interactive) throw new UsageError('rollback asks before writing, and this is not a terminal: pass --yes to roll back unattended')
  // --yes stands for yes.
  if (!(await io.requestResponse(confirmation('rollback.confirm', question, true)))) throw new DeclinedError('Nothing written')
}

/** Re-reads the API: every setting must hold its prior value again and the stage must serve `target`; says which do not. */
async function check(client: ApiGatewayClient, restApiId: string, stageName: string, target: string, values: readonly SettingValue[], io: IoHost): Promise<{notRestored: RollbackReport['notRestored']; servedDeploymentId: string | null}> {
  const task = await startTask(io, 'Re-reading')
  const after = await rereadLiveState(client, restApiId, stageName)
  const notRestored = valuesNotHeld(after.live, values).map(({wanted, found}) => ({setting: settingLabel(wanted), wanted: describeValue(wanted), found: found ? describeValue(found) : 'gone from the API'}))
  const servedDeploymentId = after.served?.deploymentId ?? null
  if (notRestored.length === 0 && servedDeploymentId === target) await task.succeed(`stage ${stageName} serves ${target}`)
  else await task.fail(`${notRestored.length} setting${notRestored.length === 1 ? '' : 's'} not restored${servedDeploymentId === target ? '' : `; stage ${stageName} serves ${servedDeploymentId ?? 'nothing'}, not ${target}`}`)
  return {notRestored, servedDeploymentId}
}

/** A --to rollback's own journal starts from the deployment the stage served, with no apply's calls. */
function rollbackStart(api: {id: string; name: string}, region: string | null, stage: string, deploymentId: string): JournalStart {
  return {api: {id: api.id, name: api.name}, region, stage, priorDeploymentId: deploymentId, prior: [], calls: []}
}
