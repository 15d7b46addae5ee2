// `iac --json` (schemas/json/iac.schema.json).

import type {MethodSetting} from '../../core/iac/durable-change.js'
import {optionalField} from '../../core/optional-field.js'
import type {IacReport} from '../../services/iac-service.js'
import type {ApiDocument, SpecKindDocument} from './audit-document.js'
import type {OwnerKindDocument} from './ownership.js'
import type {ContentHandlingDocument} from './settings.js'
import {JSON_SCHEMA_VERSION} from './schema-version.js'

export interface HandlingSettingDocument {
  desired: ContentHandlingDocument | null
  live: ContentHandlingDocument | null
}

export interface MethodSettingDocument {
  resourcePath: string
  httpMethod: string
  integrationType: 'HTTP' | 'AWS' | 'MOCK' | 'HTTP_PROXY' | 'AWS_PROXY'
  uri?: string
  lambdaFunction?: string
  preflight: boolean
  proxy: boolean
  because: string[]
  integration: HandlingSettingDocument | null
  responses: Array<HandlingSettingDocument & {statusCode: string; selectionPattern?: string; covered: boolean}>
  transferMode?: {desired: 'BUFFERED' | 'STREAM'; live: 'BUFFERED' | 'STREAM'; uri?: string}
}

export interface IacDocument {
  schemaVersion: typeof JSON_SCHEMA_VERSION
  format: 'cloudformation' | 'sam' | 'serverless' | 'cdk' | 'terraform'
  api: ApiDocument
  region: string | null
  stage: string | null
  spec: {kind: SpecKindDocument; file: string | null}
  settings: {
    binaryMediaTypes: {desired: string[]; live: string[]; added: string[]; removed: string[]; mode: 'add-only' | 'exact'} | null
    methods: MethodSettingDocument[]
  }
  differences: number
  /** The snippets, also when written to --out. */
  text: string
  out?: string
  owner?: {kind: OwnerKindDocument; stackName: string | null; logicalId: string | null}
  calls: number
}

export function iacDocument(report: IacReport): IacDocument {
  const types = report.settings.binaryMediaTypes
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    format: report.format,
    api: {id: report.api.id, name: report.api.name},
    region: report.region,
    stage: report.stage,
    spec: {kind: report.spec.kind, file: report.spec.file},
    settings: {
      binaryMediaTypes: types && {desired: [...types.desired], live: [...types.live], added: [...types.added], removed: [...types.removed], mode: types.mode},
      methods: report.settings.methods.map(methodSettingDocument),
    },
    differences: report.differences,
    text: report.text,
    ...optionalField('out', report.out),
    ...optionalField('owner', report.owner && {kind: report.owner.kind, stackName: report.owner.stackName, logicalId: report.owner.logicalId}),
    calls: report.calls,
  }
}

function methodSettingDocument(method: MethodSetting): MethodSettingDocument {
  return {
    resourcePath: method.resourcePath,
    httpMethod: method.httpMethod,
    integrationType: method.integrationType,
    ...optionalField('uri', method.uri),
    ...optionalField('lambdaFunction', method.lambdaFunction),
    preflight: method.preflight,
    proxy: method.proxy,
    because: [...method.because],
    integration: method.integration && {desired: method.integration.desired, live: method.integration.live},
    responses: method.responses.map((response) => ({
      desired: response.desired,
      live: response.live,
      statusCode: response.statusCode,
      ...optionalField('selectionPattern', response.selectionPattern),
      covered: response.covered,
    })),
    ...optionalField('transferMode', method.transferMode && {desired: method.transferMode.desired, live: method.transferMode.live, ...optionalField('uri', method.transferMode.uri)}),
  }
}
