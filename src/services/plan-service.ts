// plan: the changes that bring the API in line with the desired spec, one setting each, the exact calls
// that make them (merged into the fewest), and a diff. Reads only; `--out` saves the plan for `apply`.

import type {AwsConnectionOptions, RestApiSummary} from './api-gateway-port.js'
import type {CloudFormationReader} from './cloudformation-port.js'
import type {ApiConfig} from '../core/api-config.js'
import {applyFixCalls} from '../core/apply-fix-calls.js'
import {definitionDiff} from '../core/definition-diff.js'
import type {DesiredSpec} from '../core/desired-spec.js'
import {UsageError} from '../core/errors.js'
import type {Finding} from '../core/findings.js'
import type {FixCall} from '../core/fix-calls.js'
import {fixesToApply} from '../core/merge-fixes.js'
import {type Plan, type PlannedChange, buildPlan, callsFor, deploymentDescription} from '../core/plan.js'
import {signPlan} from '../core/plan-signature.js'
import {judge} from '../core/rules/index.js'
import {nearestRouteKey} from '../core/rules/unknown-routes.js'
import {actedOn, standingHazards} from '../core/standing-hazards.js'
import {loadDesiredSpec} from '../desired-spec/load-spec.js'
import {type LiveReader, type LiveState, connectReader, readLiveState} from './live-state.js'
import {checkedOutPath} from './out-file.js'
import {savePlan} from './plan-file.js'
import {readSigningKey} from './signing-key.js'
import {type CloudFormationFactory, LazyCloudFormation} from './cloudformation-connection.js'
import {type StackTarget, resolveApi, specTarget} from './target.js'

export interface PlanRequest {
  api?: string
  /** --stack/--logical-id: the REST API that stack deploys. */
  stack?: StackTarget
  /** --reuse-spec: the spec names another API (api: or stack:) but is meant for this one too. */
  reuseSpec?: boolean
  specFile?: string
  binaryTypes?: string[]
  stage?: string
  /** --out: where to save the plan. */
  out?: string
  /** --force: replace --out when it exists (refused otherwise). */
  force?: boolean
  /** --sign-key: sign the saved plan (an HMAC secret or an Ed25519 private key, in a file). */
  signKey?: string
  /** --fix-hazards: also fix preflights that fail today on routes the spec does not govern. */
  fixHazards?: boolean
  cwd: string
  connection: AwsConnectionOptions
}

export interface PlanReport {
  plan: Plan
  /** Every finding of the audit the plan was made from (info included). */
  findings: Finding[]
  /** The calls apply would send for the whole plan, merged and in order, the redeploy last. */
  requests: FixCall[]
  /** The plan changes nothing and nothing needs redeploying. */
  empty: boolean
  /** Hazards that fail today outside what the spec governs, left as they are (without --fix-hazards). */
  standing: Finding[]
  /** The file written, as named with --out. */
  out?: string
  /** Control-plane calls made. */
  calls: number
}

export interface PlanDependencies {
  createReader?: (connection: AwsConnectionOptions) => Promise<LiveReader>
  createCloudFormation?: CloudFormationFactory
  now?: () => Date
}

export async function planChanges(request: PlanRequest, dependencies: PlanDependencies = {}): Promise<PlanReport> {
  const spec = await loadDesiredSpec({specFile: request.specFile, binaryTypes: request.binaryTypes, cwd: request.cwd})
  const outPath = request.out === undefined ? undefined : await checkedOutPath(request.out, request.cwd, {replace: request.force === true})
  if (request.signKey !== undefined && outPath === undefined) throw new UsageError('--sign-key signs the saved plan: pass --out FILE too')
  const signingKey = request.signKey === undefined ? undefined : await readSigningKey('--sign-key', request.signKey, request.cwd)
  const connection = {...request.connection, region: request.connection.region ?? spec?.region}
  const reader = await (dependencies.createReader ?? connectReader)(connection)
  const cloudFormation = new LazyCloudFormation(connection, dependencies.createCloudFormation)
  try {
    const now = (dependencies.now ?? (() => new Date()))()
    const prepared = await preparePlan(reader, {
      api: request.api,
      stack: request.stack,
      reuseSpec: request.reuseSpec,
      cloudFormation,
      spec,
      stageName: request.stage ?? spec?.stage,
      now,
      fixHazards: request.fixHazards === true,
    })
    const plan = signingKey ? signPlan(prepared.plan, signingKey) : prepared.plan
    const {findings} = prepared
    if (outPath !== undefined) await savePlan(outPath, plan, request.out!, {replace: request.force === true})
    const requests = planRequests(plan, plan.changes, {deploy: true})
    const calls = (reader.stats?.().calls ?? 0) + (await cloudFormation.calls())
    const standing = request.fixHazards === true ? [] : standingHazards(findings)
    return {plan, findings, requests, empty: requests.length === 0, standing, ...(request.out === undefined ? {} : {out: request.out}), calls}
  } finally {
    reader.close?.()
    await cloudFormation.close()
  }
}

export interface PreparedPlan {
  plan: Plan
  findings: Finding[]
  state: LiveState
}

/** Reads the API, audits it against `spec`, and turns the findings into a plan. */
export async function preparePlan(
  reader: LiveReader,
  target: {
    api?: string
    stack?: StackTarget
    reuseSpec?: boolean | undefined
    cloudFormation?: CloudFormationReader
    spec: DesiredSpec | undefined
    stageName: string | undefined
    now: Date
    /** Called once the API is known and before it is read (apply takes its lock there). */
    beforeReading?: (api: RestApiSummary) => void
    /** Plan the fixes of standing hazards too (standing-hazards.ts). */
    fixHazards?: boolean
  },
): Promise<PreparedPlan> {
  const {spec, stageName} = target
  const api = await resolveApi(reader, {api: target.api, stack: target.stack, ...specTarget(spec), judgedBySpec: true, reuseSpec: target.reuseSpec}, target.cloudFormation)
  target.beforeReading?.(api)
  const state = await readLiveState(reader, api, stageName)
  const judgement = judge({restApiId: api.id, live: state.live, ...(state.served ? {deployed: state.served.config, stageName} : {}), ...(spec ? {spec} : {})})
  refuseUnknownRoutes(judgement.findings, spec, api, state.live)
  const acted = actedOn(judgement.findings, {fixHazards: target.fixHazards === true})
  const fixed = applyFixCalls(state.live, fixesToApply(acted))
  const plan = buildPlan({
    api: {id: api.id, name: api.name},
    region: reader.region ?? null,
    stage: stageName ?? null,
    deploymentId: state.served?.deploymentId ?? null,
    live: state.live,
    ...(state.served ? {deployed: state.served.config} : {}),
    spec: spec ?? null,
    findings: acted,
    diff: definitionDiff(state.live, fixed, {before: `${api.id} (live)`, after: `${api.id} (planned)`}),
    now: target.now,
  })
  return {plan, findings: judgement.findings, state}
}

/** The calls for `changes` in apply's order, and the one redeploy of the plan's stage when `deploy`. */
export function planRequests(plan: Plan, changes: readonly PlannedChange[], options: {deploy: boolean}): FixCall[] {
  const calls = callsFor(changes)
  if (options.deploy && plan.stage !== null && (calls.length > 0 || plan.redeployDue)) {
    calls.push({operation: 'CreateDeployment', restApiId: plan.api.id, stageName: plan.stage, description: deploymentDescription(changes)})
  }
  return calls
}

/** A spec that names routes the API lacks is wrong input: nothing it says about them can be applied. */
function refuseUnknownRoutes(findings: readonly Finding[], spec: DesiredSpec | undefined, api: {id: string; name: string}, live: ApiConfig): void {
  const unknown = findings.filter((entry) => entry.kind === 'unknown-route')
  if (unknown.length === 0) return
  const where = spec?.source.file ?? 'the spec'
  const names = unknown
    .map((entry) => {
      const named = entry.expected ?? `${entry.httpMethod} ${entry.resourcePath}`
      // A missing route gets the nearest the API has; a missing status code of a route it has does not.
      const nearest = entry.statusCode === null && entry.httpMethod !== null && entry.resourcePath !== null ? nearestRouteKey({httpMethod: entry.httpMethod, resourcePath: entry.resourcePath}, live.routes) : undefined
      return nearest ? `${named} (did you mean ${nearest}?)` : named
    })
    .join(', ')
  throw new UsageError(`${where}: names what REST API ${api.id} (${api.name}) lacks: ${names}; fix the spec or add ignore: [unknown-route]`)
}
