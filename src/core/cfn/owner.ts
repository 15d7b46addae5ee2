// Who deploys a REST API: which stack (from the tags CloudFormation puts on it) and which tool writes that
// stack's template, so that a live fix can be explained in the owner's terms (idea 6: ownership guard and
// IaC back-port) and its fate on the next deploy predicted (prediction.ts). Which REST APIs a template
// defines is template-rest-apis.ts; SAM's Api events are sam-api-events.ts.

import {SAM_IMPLICIT_API} from './sam-api-events.js'
import {LOGICAL_ID_TAG, SAM_TRANSFORM, STACK_ID_TAG, STACK_NAME_TAG} from './stack-markers.js'
import type {CfnTemplate} from './template.js'

// The tags classifyOwner reads, for callers that build or read its evidence.
export {LOGICAL_ID_TAG, SAM_TRANSFORM, STACK_ID_TAG, STACK_NAME_TAG} from './stack-markers.js'

export type OwnerKind = 'serverless' | 'sam' | 'cdk' | 'cloudformation'

/** One row of DescribeStackResources / ListStackResources. */
export interface StackResource {
  logicalId: string
  type: string
  physicalId?: string
}

export interface OwnerEvidence {
  /** The REST API's tags (GetRestApi). */
  tags?: Readonly<Record<string, string>>
  /** The REST API's id, to find its row among `resources`. */
  restApiId?: string
  /** The stack's resources. */
  resources?: readonly StackResource[]
  /** The stack's template as written (GetTemplate with TemplateStage Original: SAM before its transform). */
  template?: CfnTemplate
}

export interface Owner {
  kind: OwnerKind
  stackName?: string
  stackId?: string
  /** The REST API's logical id in the stack. */
  logicalId?: string
  /** What the classification rests on, one fact per entry. */
  reasons: string[]
}

/**
 * The stack and tool that own the API, or undefined when nothing shows a stack (no CloudFormation tags,
 * no stack resources, no template): consoles, scripts and Terraform leave no such trace.
 */
export function classifyOwner(evidence: OwnerEvidence): Owner | undefined {
  const tags = evidence.tags ?? {}
  const stackName = tags[STACK_NAME_TAG]
  const stackId = tags[STACK_ID_TAG]
  const row = evidence.restApiId === undefined ? undefined : evidence.resources?.find((resource) => resource.physicalId === evidence.restApiId)
  const logicalId = tags[LOGICAL_ID_TAG] ?? row?.logicalId
  if (stackName === undefined && stackId === undefined && !evidence.resources && !evidence.template) return undefined

  const stackReasons: string[] = []
  if (stackName !== undefined) stackReasons.push(`tag ${STACK_NAME_TAG} is ${stackName}`)
  if (logicalId !== undefined) stackReasons.push(tags[LOGICAL_ID_TAG] !== undefined ? `tag ${LOGICAL_ID_TAG} is ${logicalId}` : `stack resource ${logicalId} has the API's id`)

  const found: Record<OwnerKind, string[]> = {
    serverless: serverlessMarkers(evidence, logicalId),
    cdk: cdkMarkers(evidence),
    sam: samMarkers(evidence, logicalId),
    cloudformation: [],
  }
  // CDK apps may add the SAM transform, so CDK evidence wins over SAM's; Serverless and CDK never mix.
  const kind: OwnerKind = found.serverless.length > 0 ? 'serverless' : found.cdk.length > 0 ? 'cdk' : found.sam.length > 0 ? 'sam' : 'cloudformation'
  const others = (['serverless', 'cdk', 'sam'] as const).filter((other) => other !== kind).flatMap((other) => found[other])
  const reasons = [...stackReasons, ...found[kind], ...others]
  if (kind === 'cloudformation') reasons.push('no Serverless Framework, SAM or CDK markers')
  return {
    kind,
    ...(stackName !== undefined ? {stackName} : {}),
    ...(stackId !== undefined ? {stackId} : {}),
    ...(logicalId !== undefined ? {logicalId} : {}),
    reasons,
  }
}

/**
 * Serverless Framework's compiled template: its deployment bucket and output, the per-deploy
 * `ApiGatewayDeployment<digits>` (serverless lib/…/api-gateway/lib/deployment.js), its default Lambda role,
 * and its fixed names for the API and its methods (naming.js). The fixed names alone are common words,
 * so they count only together.
 */
function serverlessMarkers(evidence: OwnerEvidence, apiLogicalId: string | undefined): string[] {
  const ids = logicalIds(evidence)
  const outputs = Object.keys(evidence.template?.outputs ?? {})
  const markers: string[] = []
  if (ids.has('ServerlessDeploymentBucket')) markers.push('resource ServerlessDeploymentBucket (Serverless Framework)')
  if (outputs.includes('ServerlessDeploymentBucketName')) markers.push('output ServerlessDeploymentBucketName (Serverless Framework)')
  const deployment = [...ids].find((id) => /^ApiGatewayDeployment\d+$/.test(id))
  if (deployment) markers.push(`resource ${deployment}: Serverless Framework names a new Deployment on every deploy`)
  if (ids.has('IamRoleLambdaExecution')) markers.push('resource IamRoleLambdaExecution (Serverless Framework default role)')
  const namedApi = apiLogicalId === 'ApiGatewayRestApi' || ids.has('ApiGatewayRestApi')
  const namedMethods = [...ids].some((id) => id.startsWith('ApiGatewayMethod'))
  if (markers.length > 0 || (namedApi && (namedMethods || outputs.includes('ServiceEndpoint')))) {
    if (namedApi) markers.push('REST API logical id ApiGatewayRestApi (Serverless Framework naming)')
    if (outputs.includes('ServiceEndpoint')) markers.push('output ServiceEndpoint (Serverless Framework)')
  }
  return markers
}

/** CDK synthesis: the CDKMetadata resource, `aws:cdk:path` metadata and the BootstrapVersion parameter. */
function cdkMarkers(evidence: OwnerEvidence): string[] {
  const markers: string[] = []
  const template = evidence.template
  const metadataRow = evidence.resources?.find((resource) => resource.type === 'AWS::CDK::Metadata')
  const metadataResource = template ? Object.entries(template.resources).find(([, resource]) => resource.Type === 'AWS::CDK::Metadata') : undefined
  if (metadataResource) markers.push(`resource ${metadataResource[0]} of type AWS::CDK::Metadata (CDK)`)
  else if (metadataRow) markers.push(`stack resource ${metadataRow.logicalId} of type AWS::CDK::Metadata (CDK)`)
  const withPath = template ? Object.entries(template.resources).find(([, resource]) => typeof resource.Metadata['aws:cdk:path'] === 'string') : undefined
  if (withPath) markers.push(`resource ${withPath[0]} has aws:cdk:path metadata ${String(withPath[1].Metadata['aws:cdk:path'])} (CDK)`)
  if (template && 'BootstrapVersion' in template.parameters) markers.push('parameter BootstrapVersion (CDK bootstrap)')
  return markers
}

/**
 * SAM: the transform and `AWS::Serverless::*` types in the template as written; in the stack, the implicit
 * API and the Deployment/Stage names SAM derives from an API's logical id (`<Api>Deployment<10 hex>`,
 * samtranslator api_generator.py).
 */
function samMarkers(evidence: OwnerEvidence, apiLogicalId: string | undefined): string[] {
  const markers: string[] = []
  const template = evidence.template
  if (template?.transforms.includes(SAM_TRANSFORM)) markers.push(`Transform ${SAM_TRANSFORM} (SAM)`)
  const serverlessTypes = template ? [...new Set(Object.values(template.resources).map((resource) => resource.Type))].filter((type) => type.startsWith('AWS::Serverless::')) : []
  if (serverlessTypes.length > 0) markers.push(`resources of type ${serverlessTypes.join(', ')} (SAM)`)
  if (apiLogicalId === SAM_IMPLICIT_API) markers.push(`REST API logical id ${SAM_IMPLICIT_API} (SAM's implicit API)`)
  const ids = logicalIds(evidence)
  if (apiLogicalId !== undefined) {
    const deployment = new RegExp(`^${escapeRegExp(apiLogicalId)}Deployment[0-9a-f]{10}$`)
    const id = [...ids].find((candidate) => deployment.test(candidate))
    if (id) markers.push(`resource ${id}: SAM names an API's Deployment after a hash of its definition`)
  }
  return markers
}

function logicalIds(evidence: OwnerEvidence): Set<string> {
  return new Set([...(evidence.resources ?? []).map((resource) => resource.logicalId), ...Object.keys(evidence.template?.resources ?? {})])
}

function escapeRegExp(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
