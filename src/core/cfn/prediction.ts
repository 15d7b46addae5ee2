// What the owner's next stack update does to a live fix, one changed setting at a time (aws-binary-facts
// §5.6, which marks these rules as inferred: every rule below cites what it rests on). Outcomes:
//   kept      the fix survives the next update of the stack as its template stands;
//   reverted  the template says otherwise, and the next update that rewrites the resource restores that;
//   unknown   it depends on something the template does not settle (see the reason).
// The reason is one short sentence naming the mechanism; `drift` says whether CloudFormation drift
// detection would flag the fixed setting, since a drift-aware change set (`REVERT_DRIFT`,
// `cdk deploy --revert-drift`, aws-cdk-cli PR #1127) reverts exactly what drift detection reports.

import type {ContentHandling} from '../conversion.js'
import {type DeclaredBinaryHandling, type DeclaredRoute, type ImportMode, declaresMediaType, responseHandling} from './declared.js'
import type {Owner} from './owner.js'

/**
 * One setting a fix changes, with its new value. `SettingValue` from core/settings.ts (what plans,
 * journals and rollback use) is one of these: its extra `resourceId` is not needed here, because the
 * template knows methods by path and method, not by id.
 */
export type ChangedSetting =
  | {setting: 'binaryMediaType'; mediaType: string; listed: boolean}
  | {setting: 'integration'; resourcePath: string; httpMethod: string; contentHandling: ContentHandling | null}
  | {setting: 'integrationResponse'; resourcePath: string; httpMethod: string; statusCode: string; contentHandling: ContentHandling | null}

export type Outcome = 'kept' | 'reverted' | 'unknown'

/** Whether CloudFormation drift detection reports the setting once fixed (it compares declared properties only). */
export type DriftReport = 'reported' | 'not-reported' | 'unknown'

export interface Prediction {
  change: ChangedSetting
  outcome: Outcome
  /** One sentence: why. */
  reason: string
  drift: DriftReport
  /** What the next deploy does to the stage, where the owner's tool settles it (Serverless). */
  stage?: string
}

export interface PredictionContext {
  owner: Pick<Owner, 'kind'>
  /** GetRestApi `createdDate`: the default import mode depends on it (see effectiveMode). */
  apiCreatedDate?: Date
}

/** The predicted fate of each change, in order. */
export function predictNextUpdate(changes: readonly ChangedSetting[], declared: DeclaredBinaryHandling, context: PredictionContext): Prediction[] {
  return changes.map((change) => {
    const verdict = change.setting === 'binaryMediaType' ? predictMediaType(change, declared, context) : predictHandling(change, declared, context)
    const stage = stageNote(context.owner.kind, verdict.outcome)
    return {change, ...verdict, ...(stage ? {stage} : {})}
  })
}

/** "binaryMediaTypes image/png listed: kept: The template lists it too." */
export function predictionLine(prediction: Prediction): string {
  return `${changeLabel(prediction.change)}: ${prediction.outcome}: ${prediction.reason}`
}

export function changeLabel(change: ChangedSetting): string {
  switch (change.setting) {
    case 'binaryMediaType':
      return `binaryMediaTypes ${change.mediaType} ${change.listed ? 'listed' : 'removed'}`
    case 'integration':
      return `${change.httpMethod} ${change.resourcePath} integration contentHandling ${change.contentHandling ?? 'PASSTHROUGH'}`
    case 'integrationResponse':
      return `${change.httpMethod} ${change.resourcePath} ${change.statusCode} response contentHandling ${change.contentHandling ?? 'PASSTHROUGH'}`
  }
}

type Verdict = Pick<Prediction, 'outcome' | 'reason' | 'drift'>

function verdict(outcome: Outcome, reason: string, drift: DriftReport): Verdict {
  return {outcome, reason, drift}
}

// The default import mode changed on this date (RestApi `Mode` docs, CloudFormation resource schema).
const MERGE_DEFAULT_SINCE = Date.UTC(2021, 2, 29)

interface EffectiveMode {
  mode: 'merge' | 'overwrite' | undefined
  /** How the mode was settled, for the reason. */
  because: string
}

/**
 * The mode of the next OpenAPI import. Without `Mode`, APIs created before 2021-03-29 are overwritten and
 * newer ones merge binary media types (CloudFormation RestApi `Mode` docs; the PutRestApi default is merge,
 * AWS CLI put-rest-api docs).
 */
function effectiveMode(mode: ImportMode, created: Date | undefined): EffectiveMode {
  if (mode === 'merge' || mode === 'overwrite') return {mode, because: `Mode ${mode}`}
  if (mode === 'unknown') return {mode: undefined, because: 'Mode is an intrinsic function'}
  if (!created) return {mode: undefined, because: 'without Mode the import merges for APIs created since 2021-03-29 and overwrites older ones, and the creation date is not known'}
  return created.getTime() >= MERGE_DEFAULT_SINCE ? {mode: 'merge', because: 'no Mode, API created since 2021-03-29'} : {mode: 'overwrite', because: 'no Mode, API created before 2021-03-29'}
}

function predictMediaType(change: Extract<ChangedSetting, {setting: 'binaryMediaType'}>, declared: DeclaredBinaryHandling, context: PredictionContext): Verdict {
  const media = declared.binaryMediaTypes
  const listedInTemplate = declaresMediaType(media, change.mediaType)
  const drift = mediaTypeDrift(declared, change)
  if (listedInTemplate === true && change.listed) return verdict('kept', 'The template lists it too.', drift)
  if (listedInTemplate === false && !change.listed) return verdict('kept', 'The template does not list it either.', drift)

  if (declared.api.definition !== 'none') {
    // An OpenAPI definition is imported with PutRestApi whenever it changes (aws-binary-facts §5.1).
    if (!change.listed) {
      if (listedInTemplate === 'unknown') return verdict('unknown', 'Part of the template\'s list is not readable (intrinsic function or S3).', drift)
      // Merge unions the definition's list into the live one and overwrite replaces it: both add it back
      // (LocalStack VALIDATED PutRestApi tests; SAM #3511).
      return verdict('reverted', 'The template lists it, so the next import of a changed definition adds it back.', drift)
    }
    const {mode, because} = effectiveMode(declared.api.mode, context.apiCreatedDate)
    if (mode === 'merge') return verdict('kept', `The next import of a changed definition merges binary media types (${because}), which keeps live extras.`, drift)
    if (listedInTemplate === 'unknown') return verdict('unknown', 'Part of the template\'s list is not readable (intrinsic function or S3).', drift)
    if (mode === 'overwrite') return verdict('reverted', `The next import of a changed definition replaces the list with the template's (${because}).`, drift)
    return verdict('unknown', `A merge import would keep it and an overwrite would drop it; ${because}.`, drift)
  }

  if (listedInTemplate === 'unknown') return verdict('unknown', 'Part of the template\'s list is not readable (intrinsic function).', drift)
  if (media.declarations.length === 0) return verdict('kept', 'The template declares no BinaryMediaTypes, so CloudFormation never writes the list.', drift)
  if (change.listed) {
    // CloudFormation writes its list when the RestApi's properties change; entries missing from it have
    // been reported to stay (aws-cdk #24099, SAM #3511, cloudformation-coverage-roadmap #1894).
    return verdict('unknown', "When the RestApi's properties change, CloudFormation re-applies its list, and whether that removes extra entries is unreliable (aws-cdk #24099).", drift)
  }
  return verdict('reverted', 'The template lists it, so the next update that touches the RestApi adds it back.', drift)
}

/**
 * Drift detection compares the RestApi's declared `BinaryMediaTypes` property; an OpenAPI body is
 * write-only in the resource schema and never compared (aws-binary-facts §5.3).
 */
function mediaTypeDrift(declared: DeclaredBinaryHandling, change: {mediaType: string; listed: boolean}): DriftReport {
  const propertyLists = declared.binaryMediaTypes.declarations.filter((declaration) => declaration.place === 'property' || declaration.place === 'sam-globals')
  if (propertyLists.length === 0) return 'not-reported'
  const listed = declaresMediaType({declarations: propertyLists, values: propertyLists.flatMap((list) => list.values), unresolved: propertyLists.some((list) => list.unresolved)}, change.mediaType)
  if (listed === 'unknown') return 'unknown'
  return listed === change.listed ? 'not-reported' : 'reported'
}

function predictHandling(change: Exclude<ChangedSetting, {setting: 'binaryMediaType'}>, declared: DeclaredBinaryHandling, context: PredictionContext): Verdict {
  const route = declared.routes.find((candidate) => candidate.httpMethod === change.httpMethod && candidate.resourcePath === change.resourcePath)
  if (!route) return verdict('unknown', 'The template was not read for this method.', 'unknown')
  if (route.source === 'unknown') return verdict('unknown', `The template's definition of this method is not readable: ${route.why ?? 'unknown reason'}.`, 'unknown')
  if (route.source === 'not-declared') return notDeclared(declared, context)

  const setting = change.setting === 'integration' ? route.integration : responseHandling(route, change.statusCode)
  const wanted = change.contentHandling
  const inBody = route.source !== 'method-resource'
  if (setting.state === 'unknown') return verdict('unknown', `${capitalise(setting.why)}.`, 'unknown')
  if (setting.state === 'declared') {
    if (setting.value === wanted) return verdict('kept', `The template declares ${wanted} too.`, 'not-reported')
    // A declared property is restored by the next write of its resource, and a Method's declared
    // property is compared by drift detection (aws-binary-facts §5.3, §5.6). A body is write-only.
    if (inBody) return verdict('reverted', `The OpenAPI definition declares ${setting.value}, which the next import of a changed definition writes back.`, 'not-reported')
    return verdict('reverted', `The template declares ${setting.value}, which CloudFormation writes back when it next updates this Method.`, 'reported')
  }
  return undeclaredHandling(route, wanted, context)
}

/** The template defines no such method: it was created outside the stack. */
function notDeclared(declared: DeclaredBinaryHandling, context: PredictionContext): Verdict {
  if (declared.api.definition === 'none') return verdict('kept', 'The template does not define this method, so CloudFormation never writes it.', 'not-reported')
  const {mode, because} = effectiveMode(declared.api.mode, context.apiCreatedDate)
  // Overwrite replaces the whole API with the definition; merge keeps what the definition lacks (RestApi Mode docs).
  if (mode === 'merge') return verdict('kept', `The template does not define this method, and a merge import keeps it (${because}).`, 'not-reported')
  if (mode === 'overwrite') return verdict('reverted', `The template does not define this method, and the next overwrite import deletes it (${because}).`, 'not-reported')
  return verdict('unknown', `The template does not define this method; a merge import keeps it and an overwrite deletes it, and ${because}.`, 'not-reported')
}

/** The template's method exists but says nothing about this contentHandling. */
function undeclaredHandling(route: DeclaredRoute, wanted: ContentHandling | null, context: PredictionContext): Verdict {
  // Unset is what every rewrite from the template writes, so clearing the setting always lasts.
  if (wanted === null) return verdict('kept', 'The template does not declare it either.', 'not-reported')
  switch (route.source) {
    case 'sam-cors':
      return verdict('unknown', 'SAM cannot declare contentHandling on its CORS OPTIONS (SAM #553), so it lasts only until SAM re-imports a changed definition.', 'not-reported')
    case 'sam-event':
      return verdict('unknown', 'SAM generates this method without contentHandling, so it lasts only until SAM re-imports a changed definition.', 'not-reported')
    case 'openapi':
      // Re-imports put each operation as the definition has it: the setting is lost (aws/chalice #1310).
      return verdict('unknown', 'The OpenAPI definition omits it, so it lasts only until the next import of a changed definition.', 'not-reported')
    default:
      break
  }
  if (route.preflight && context.owner.kind === 'serverless') {
    // Serverless writes this method from its CORS settings and offers no contentHandling for its
    // responses (serverless #10254, PR #11010 unmerged); a change to those settings rewrites the method.
    return verdict('unknown', 'Serverless cannot declare this on its CORS OPTIONS (serverless #10254), so it lasts until a CORS change makes Serverless rewrite the method.', 'not-reported')
  }
  if (route.preflight && context.owner.kind === 'cdk') {
    // addCorsPreflight() has no contentHandling option (clebert/aws-simple PR #173 works around it).
    return verdict('unknown', "CDK's addCorsPreflight cannot declare it (clebert/aws-simple #173), so it lasts until a CORS change makes CDK rewrite the method.", 'not-reported')
  }
  // CloudFormation updates only resources whose template changed, and drift detection compares declared
  // properties only (aws-binary-facts §5.3, §5.6). When the Method's own template does change, its
  // update handler puts the method again (the resource schema grants it apigateway:PUT and DELETE, no
  // PATCH), which would drop the value: that takes an edit of this method, not just any deploy.
  return verdict('kept', 'The template does not declare it, and CloudFormation leaves a Method alone until its template changes.', 'not-reported')
}

/**
 * Serverless emits a new AWS::ApiGateway::Deployment on every deploy (lib/…/api-gateway/lib/deployment.js,
 * serverless PR #1761), so the stage is re-pointed at a snapshot of the API as the update leaves it.
 */
function stageNote(kind: Owner['kind'], outcome: Outcome): string | undefined {
  if (kind !== 'serverless') return undefined
  const serves = outcome === 'kept' ? 'this fix' : outcome === 'reverted' ? 'the reverted value' : 'whatever survives'
  return `Serverless creates a new Deployment on every deploy, so the stage will then serve ${serves}.`
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
