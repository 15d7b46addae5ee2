// Why a probe failed, named from the conversion model: the model's predictions for the configuration
// the stage serves (diagnoses.ts) are matched against what came back. A prediction that matches names
// the setting; when the working copy would not fail that way, the fix exists but is not deployed
// (aws-binary-facts §1.8). What the model cannot predict (the function's output, sizes, anything else)
// is said as such rather than guessed from settings.

import {type ApiConfig, type RouteConfig, findRoute, isLambdaCustomIntegration, routeKey} from '../api-config.js'
import {downloadExperience} from '../experience.js'
import {acceptIsBinary, firstAcceptEntry, mediaTypeEssence, normalizeSpecMediaType} from '../media-type.js'
import {registrationHint} from '../sandbox-diagnosis.js'
import {authorizationCause} from './authorization-cause.js'
import type {Cause} from './cause.js'
import {formatSize} from './byte-size.js'
import {type Damage, type Diagnosis, downloadDiagnoses, handlingPhrase, listOf, preflightDiagnoses, uploadAnswerDiagnoses, uploadDiagnoses} from './diagnoses.js'
import type {Verdict} from './judge.js'
import {lambdaIntegrationCauses} from './lambda-integration-causes.js'
import {streamingCause} from './streaming-causes.js'
import type {ProbeStep, UploadStep} from './probe-plan.js'
import {effectiveSizeLimit, rawBytesInBase64} from './size-limits.js'
import type {StepResult} from './summary.js'

export type {Cause, CauseSetting} from './cause.js'

export interface ExplainContext {
  /** The configuration the stage serves (its deployment's export). */
  served: ApiConfig
  /** The working copy (GetRestApi + GetResources), to tell a fix that is not deployed yet. */
  working?: ApiConfig
  stage: string
  /** The results so far: a read-back of an upload that failed has nothing to read. */
  earlier?: readonly StepResult[]
}

/** What came back, as damage the model can predict ('base64-of-mangled': damaged in, encoded out). */
type ObservedDamage = Damage | 'base64-of-mangled'

/** Call for failed steps only. */
export function explainFailure(step: ProbeStep, verdict: Verdict, context: ExplainContext): Cause {
  // After a failed upload, whatever is read is not this run's payload.
  const notStored = uploadFailedCause(step, context.earlier)
  if (notStored) return notStored
  // The sandbox says it answered so for want of a handler or of the service: no setting was even reached.
  const setUp = sandboxSetUpCause(verdict)
  if (setUp) return setUp
  const refused = authorizationCause(verdict)
  if (refused) return refused
  const tooBig = sizeLimitCause(step, verdict)
  if (tooBig) return tooBig
  // A streamed response is never converted: binary settings explain nothing there.
  const streamed = streamingCause(step, verdict, context.served)
  if (streamed) return streamed
  const observed = observedDamage(verdict)
  const diagnoses = diagnose(step, context.served) ?? []
  const explained = [...matching(diagnoses, observed), ...brokenEvent(step, diagnoses, observed, context.served)]
  if (explained.length > 0) {
    const cause = combine(explained)
    return undeployedCause(step, cause, context) ?? cause
  }
  // Not a binary setting: what else of a Lambda integration gives this status, before blaming the function.
  const servedRoute = routeIn(context.served, step.route)
  const notBinary = servedRoute ? lambdaIntegrationCauses(step, verdict, servedRoute) : []
  if (notBinary.length > 0) return combineCauses(notBinary)
  return functionOutputCause(step, verdict, observed, context.served) ?? {setting: 'other', sentence: `not explained by binary settings: ${verdict.summary}`}
}

function observedDamage(verdict: Verdict): ObservedDamage | undefined {
  switch (verdict.observed) {
    case 'base64-text':
    case 'json-base64':
    case 'embedded-base64':
    case 'looks-base64':
      return 'base64'
    case 'utf8-mangled':
    case 'contains-replacement-chars':
      return 'mangled'
    case 'base64-of-mangled':
    case 'double-base64':
      return verdict.observed
    case 'error-status':
      // Configuration errors of API Gateway's conversions answer 500 (aws-binary-facts §1.7).
      return verdict.status === 500 ? 'server-error' : undefined
    default:
      return undefined
  }
}

/**
 * Everything the model says goes wrong for this step under `config` (for an upload, also the damage a
 * later read-back would see); undefined when `config` lacks a route the step uses.
 */
function diagnose(step: ProbeStep, config: ApiConfig): Diagnosis[] | undefined {
  const route = routeIn(config, step.route)
  if (!route) return undefined
  switch (step.kind) {
    case 'upload': {
      const sent = uploadDiagnoses(step, route, config)
      // A request that fails never reaches the answer.
      return sent.some((found) => found.damage === 'server-error') ? sent : [...sent, ...uploadAnswerDiagnoses(route, config)]
    }
    case 'read-back':
    case 'download': {
      const uploadRoute = step.upload && routeIn(config, step.upload.route)
      if (step.upload && !uploadRoute) return undefined
      // A failed upload leaves nothing to read: that is said by uploadFailedCause, from its own result.
      const stored = step.upload && uploadRoute ? uploadDiagnoses(step.upload, uploadRoute, config).filter((found) => found.damage !== 'server-error') : []
      // A client that asked for text is served correctly with base64.
      const answered = downloadDiagnoses(route, step.accept, config).filter((found) => step.expect.kind === 'bytes' || found.damage !== 'base64')
      return [...stored, ...answered]
    }
    case 'preflight':
      return preflightDiagnoses(route, config)
  }
}

/**
 * An upload to a Lambda custom integration that the model predicts is damaged as UTF-8 text: the damaged
 * text rarely still renders a valid JSON event through the template, so it ends in a 500 rather than in
 * stored garbage.
 */
function brokenEvent(step: ProbeStep, diagnoses: readonly Diagnosis[], observed: ObservedDamage | undefined, served: ApiConfig): Diagnosis[] {
  if (step.kind !== 'upload' || observed !== 'server-error') return []
  const integration = routeIn(served, step.route)?.integration
  if (!integration || !isLambdaCustomIntegration(integration)) return []
  return diagnoses
    .filter((found) => found.stage === 'request' && found.damage === 'mangled')
    .map((found) => ({...found, sentence: `${found.sentence}; the damaged text no longer made a valid JSON event, so the invocation failed with 500`}))
}

function matching(diagnoses: readonly Diagnosis[], observed: ObservedDamage | undefined): Diagnosis[] {
  if (observed === 'base64-of-mangled') {
    return diagnoses.filter((found) => (found.stage === 'request' && found.damage === 'mangled') || (found.stage === 'response' && found.damage === 'base64'))
  }
  return diagnoses.filter((found) => found.damage === observed)
}

function combineCauses(causes: readonly Cause[]): Cause {
  const fixes = causes.map((cause) => cause.fix).filter((fix) => fix !== undefined)
  return {setting: causes[0]!.setting, sentence: causes.map((cause) => cause.sentence).join('; also, '), ...(fixes.length > 0 ? {fix: fixes.join('; ')} : {})}
}

function combine(diagnoses: readonly Diagnosis[]): Cause {
  return {
    setting: diagnoses[0]!.setting,
    sentence: diagnoses.map((found) => found.sentence).join('; also, '),
    fix: [...new Set(diagnoses.map((found) => found.fix))].join('; '),
  }
}

function undeployedCause(step: ProbeStep, cause: Cause, context: ExplainContext): Cause | undefined {
  if (!context.working) return undefined
  // Only a working copy the model expects to pass this step has the fix; one that trades this failure
  // for another (a 500 for silent damage, say) does not.
  const wouldFail = diagnose(step, context.working)
  if (!wouldFail || wouldFail.length > 0) return undefined
  const differences = relevantDifferences(step, context.served, context.working)
  if (differences.length === 0) return undefined
  return {
    setting: 'undeployed',
    sentence: `${cause.sentence}; the working copy already has ${differences.join(' and ')}, but stage ${context.stage} still serves an older deployment: redeploy`,
    fix: `redeploy stage ${context.stage}`,
  }
}

/** Settings this step depends on where the working copy differs from the stage, in the working copy's terms. */
function relevantDifferences(step: ProbeStep, served: ApiConfig, working: ApiConfig): string[] {
  const found: string[] = []
  if (mediaTypeSet(served.binaryMediaTypes) !== mediaTypeSet(working.binaryMediaTypes)) found.push(`binaryMediaTypes ${listOf(working.binaryMediaTypes)}`)
  const routes = [step.route, ...('upload' in step && step.upload ? [step.upload.route] : [])]
  for (const route of routes.filter((candidate, index) => routes.findIndex((other) => routeKey(other) === routeKey(candidate)) === index)) {
    const key = routeKey(route)
    const servedIntegration = routeIn(served, route)?.integration
    const workingIntegration = routeIn(working, route)?.integration
    if (!servedIntegration || !workingIntegration) continue
    if (servedIntegration.type !== workingIntegration.type) found.push(`an ${workingIntegration.type} integration on ${key}`)
    if (servedIntegration.contentHandling !== workingIntegration.contentHandling) found.push(`${handlingPhrase(workingIntegration.contentHandling)} on the integration of ${key}`)
    for (const response of workingIntegration.responses) {
      const before = servedIntegration.responses.find((candidate) => candidate.statusCode === response.statusCode)
      if (before && before.contentHandling !== response.contentHandling) found.push(`${handlingPhrase(response.contentHandling)} for status ${response.statusCode} of ${key}`)
    }
  }
  return found
}

function mediaTypeSet(types: readonly string[]): string {
  return [...new Set(types.map((entry) => normalizeSpecMediaType(entry) ?? entry))].sort().join('\u0000')
}

function sizeLimitCause(step: ProbeStep, verdict: Verdict): Cause | undefined {
  if (verdict.observed !== 'error-status') return undefined
  const reference = step.expect.kind === 'success' ? undefined : step.expect.reference
  const carried =
    step.kind === 'upload'
      ? {size: uploadedPayloadSize(step), direction: 'request' as const, what: 'upload'}
      : reference
        ? {size: reference.size, direction: 'response' as const, what: 'answer'}
        : undefined
  if (!carried) return undefined
  const limit = effectiveSizeLimit(step.route, carried.direction)
  if (carried.size <= limit.bytes) return undefined
  return {setting: 'size-limit', sentence: `the ${formatSize(carried.size)} ${carried.what} is over the limit of ${routeKey(step.route)}: ${limit.reason}`}
}

/** The payload's own size: a text upload carries it as base64 (4 characters per 3 bytes). */
function uploadedPayloadSize(step: UploadStep): number {
  const sent = step.request.body?.byteLength ?? 0
  return step.encoding === 'raw' ? sent : rawBytesInBase64(sent)
}

function sandboxSetUpCause(verdict: Verdict): Cause | undefined {
  const diagnosis = verdict.sandboxDiagnosis
  if (diagnosis === undefined) return undefined
  if (diagnosis.kind === 'unmodelled-service') {
    return {
      setting: 'sandbox',
      sentence: `the integration calls AWS service ${diagnosis.service}, which is not modelled by the sandbox, so it answered ${verdict.status} as AWS does for a failed integration`,
      fix: `verify this route on AWS`,
    }
  }
  const name = diagnosis.functionName
  return {
    setting: 'sandbox',
    sentence: `the sandbox has no handler for Lambda function ${name}, so it answered ${verdict.status} as AWS does for a function that does not exist`,
    fix: `start the sandbox with ${registrationHint(name)}`,
  }
}

function uploadFailedCause(step: ProbeStep, earlier: readonly StepResult[] | undefined): Cause | undefined {
  if (step.kind !== 'read-back' && step.kind !== 'download') return undefined
  const upload = step.upload && earlier?.find((result) => result.step.id === step.upload!.stepId)
  if (!upload || upload.verdict.pass) return undefined
  const because = upload.cause ? `: ${upload.cause.sentence}` : ''
  return {
    setting: upload.cause?.setting ?? 'other',
    sentence: `nothing was stored to read: the upload (step ${upload.step.id}) failed${because}`,
    ...(upload.cause?.fix ? {fix: upload.cause.fix} : {}),
  }
}

// What only the Lambda function can cause: a proxy answer is decoded only when the function says
// isBase64Encoded: true (aws-binary-facts §1.5), and a non-proxy result is decoded as base64 text.
function functionOutputCause(step: ProbeStep, verdict: Verdict, observed: ObservedDamage | undefined, served: ApiConfig): Cause | undefined {
  const route = routeIn(served, step.route) ?? step.route
  const integration = route.integration
  const proxy = !integration || integration.type === 'AWS_PROXY'
  const returnBase64 = 'return the body base64-encoded with isBase64Encoded: true'
  if (proxy && verdict.status === 502) {
    return {setting: 'function-output', sentence: "502: the function failed, or its answer is not a proxy response ({statusCode, headers, body, isBase64Encoded})"}
  }
  if (step.kind !== 'download' && step.kind !== 'read-back') return undefined
  const types = served.binaryMediaTypes
  const first = firstAcceptEntry(step.accept) ?? ''
  const entry = `the first Accept entry \`${mediaTypeEssence(first) ?? first}\``
  const binaryAccept = acceptIsBinary(step.accept, types)
  if (proxy) {
    if (observed === 'base64' && binaryAccept && step.expect.kind === 'bytes') {
      return {setting: 'function-output', sentence: `came back as base64 text although ${entry} matches binaryMediaTypes ${listOf(types)}: the function did not return isBase64Encoded: true`, fix: returnBase64}
    }
    if (observed === 'mangled') {
      return {setting: 'function-output', sentence: 'the function returned the bytes as a text body, so bytes that are not valid UTF-8 became U+FFFD', fix: returnBase64}
    }
    if (observed === 'server-error' && binaryAccept) {
      return {setting: 'function-output', sentence: `${entry} matches binaryMediaTypes, so API Gateway base64-decodes the function's body, and it is not valid base64 (or the function failed)`, fix: returnBase64}
    }
    return undefined
  }
  if (observed === 'server-error' && isLambdaCustomIntegration(integration) && downloadExperience(route, types, step.accept).outcome === 'base64-decode') {
    return {
      setting: 'function-output',
      sentence: `API Gateway base64-decodes the function's result for ${entry}, and the result is not base64 text (or the function failed)`,
      fix: "return the file's base64 text from the function",
    }
  }
  return undefined
}

function routeIn(config: ApiConfig, route: RouteConfig): RouteConfig | undefined {
  return findRoute(config, route.httpMethod, route.resourcePath)
}
