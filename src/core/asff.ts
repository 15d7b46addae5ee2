// A fleet audit's findings in Security Hub's AWS Security Finding Format, for
// `aws securityhub batch-import-findings --findings file://…` (at most 100 per call). The top-level
// attributes Security Hub requires are all set (Security Hub user guide, "Required top-level ASFF
// attributes"); ids are stable across runs, so a re-import updates a finding instead of adding one.

import type {FleetApiResult, FleetStageResult} from './fleet-report.js'
import type {Finding, Severity} from './findings.js'
import {partitionOf} from './partition.js'

export const ASFF_SCHEMA_VERSION = '2018-10-08'

export const ASFF_REQUIRED = ['SchemaVersion', 'Id', 'ProductArn', 'GeneratorId', 'AwsAccountId', 'Types', 'CreatedAt', 'UpdatedAt', 'Severity', 'Title', 'Description', 'Resources'] as const

export interface AsffResource {
  Type: string
  Id: string
  Partition: string
  Region: string
  Details?: Record<string, unknown>
}

export interface AsffFinding {
  SchemaVersion: string
  Id: string
  ProductArn: string
  GeneratorId: string
  AwsAccountId: string
  Types: string[]
  CreatedAt: string
  UpdatedAt: string
  Severity: {Label: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'}
  Title: string
  Description: string
  Resources: AsffResource[]
  Region: string
  ProductFields: Record<string, string>
  Remediation?: {Recommendation: {Text: string}}
}

const LABELS: Record<Severity, AsffFinding['Severity']['Label']> = {error: 'HIGH', warning: 'MEDIUM', info: 'INFORMATIONAL'}

/** API Gateway findings of binary handling are configuration checks (ASFF types taxonomy: namespace/category/classifier). */
const TYPE = 'Software and Configuration Checks/AWS Security Best Practices/API Gateway binary payload handling'

/** Every finding of one API's result, one ASFF finding per stage judged; `at` is the run's time. */
export function asffFindings(result: FleetApiResult, at: Date): AsffFinding[] {
  const findings: AsffFinding[] = []
  for (const stage of result.stages) for (const finding of stage.findings) findings.push(asffFinding(result, stage, finding, at))
  return findings
}

function asffFinding(result: FleetApiResult, stage: FleetStageResult, finding: Finding, at: Date): AsffFinding {
  const partition = partitionOf(result.region)
  const apiArn = `arn:${partition}:apigateway:${result.region}::/restapis/${result.api.id}`
  const stageArn = stage.stage === null ? undefined : `${apiArn}/stages/${stage.stage}`
  const route = finding.resourcePath ? `${finding.httpMethod ? `${finding.httpMethod} ` : ''}${finding.resourcePath}${finding.statusCode ? ` (${finding.statusCode})` : ''}` : undefined
  const where = `${result.api.name} (${result.api.id})${stage.stage === null ? '' : ` stage ${stage.stage}`}`
  const time = at.toISOString()
  const resources: AsffResource[] = [{Type: 'AwsApiGatewayRestApi', Id: apiArn, Partition: partition, Region: result.region}]
  if (stageArn) resources.push({Type: 'AwsApiGatewayStage', Id: stageArn, Partition: partition, Region: result.region})
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    // Stable: the finding's own id is a fingerprint of its kind and subject (core/findings.ts), never of its message.
    Id: `${stageArn ?? apiArn}/apigw-binfix/${finding.id}`,
    // A custom integration's product ARN: the account's own "default" product (Security Hub user guide, "Using custom product integrations").
    ProductArn: `arn:${partition}:securityhub:${result.region}:${result.accountId}:product/${result.accountId}/default`,
    GeneratorId: `apigw-binfix/${finding.kind}`,
    AwsAccountId: result.accountId,
    Types: [TYPE],
    CreatedAt: time,
    UpdatedAt: time,
    Severity: {Label: LABELS[finding.severity]},
    Title: clip(`${finding.kind}${route ? ` on ${route}` : ''} in ${where}`, 256),
    Description: clip(finding.message, 1024),
    Resources: resources,
    Region: result.region,
    ProductFields: {
      'apigw-binfix/Kind': finding.kind,
      'apigw-binfix/FindingId': finding.id,
      'apigw-binfix/Spec': result.spec ?? '(none: the rules that need no spec)',
      ...(stage.stage === null ? {} : {'apigw-binfix/Stage': stage.stage}),
    },
    ...(finding.fix.length > 0
      ? {Remediation: {Recommendation: {Text: clip(`apigw-binfix plan then apply fixes it with ${finding.fix.length} call(s); see apigw-binfix audit ${result.api.id}${stage.stage ? ` --stage ${stage.stage}` : ''}.`, 512)}}}
      : {}),
  }
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`
}
