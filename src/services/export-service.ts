// `export`: the definition a stage serves (its deployment, not the working copy), with API Gateway's
// extensions, to stdout or a file. Read-only: GetRestApi(s), GetStage, GetExport.

import {parse as parseYaml} from 'yaml'

import type {AwsConnectionOptions, ExportFormat, ExportType} from './api-gateway-port.js'
import {createApiGatewayReader} from '../aws/clients.js'
import {UsageError} from '../core/errors.js'
import {loadDesiredSpec} from '../desired-spec/load-spec.js'
import {checkedOutPath, writeAtomically} from './out-file.js'
import {LazyCloudFormation} from './cloudformation-connection.js'
import {type StackTarget, resolveApi, specTarget, resolveStage} from './target.js'

export interface ExportRequest {
  /** `<api>`: an id or an exact name; else `api:` of binfix.yaml. */
  api?: string
  /** --stack/--logical-id: the REST API that stack deploys. */
  stack?: StackTarget
  /** `--stage`; else `stage:` of binfix.yaml. */
  stage?: string
  type: ExportType
  format: ExportFormat
  /** `--out FILE`, relative to cwd; stdout when absent. */
  out?: string
  /** --force: replace --out when it exists (refused otherwise). */
  force?: boolean
  connection: AwsConnectionOptions
  cwd: string
}

export interface ExportResult {
  api: {id: string; name: string}
  stage: string
  type: ExportType
  format: ExportFormat
  /** The file written, as the user named it. */
  out?: string
  /** The document as API Gateway returned it (when not written to a file). */
  text?: string
}

export async function exportStage(request: ExportRequest): Promise<ExportResult> {
  // binfix.yaml is read only for what the command line leaves out, so a broken one does not stop
  // `export <api> --stage S`.
  const named = request.api !== undefined || request.stack !== undefined
  const spec = !named || request.stage === undefined ? await loadDesiredSpec({cwd: request.cwd}) : undefined
  if (!named && spec?.api === undefined) {
    throw new UsageError('No REST API given: pass <api> (an id or a name) or set api: in binfix.yaml')
  }
  const stageName = request.stage ?? spec?.stage
  if (stageName === undefined) {
    throw new UsageError('--stage is required (or stage: in binfix.yaml)')
  }
  const out = request.out === undefined ? undefined : {named: request.out, path: await checkedOutPath(request.out, request.cwd, {replace: request.force === true})}
  // The Region written next to `api:` belongs to it; a --region flag still wins.
  const region = request.connection.region ?? (named ? undefined : spec?.region)

  const connection = {...request.connection, ...(region === undefined ? {} : {region})}
  const reader = await createApiGatewayReader(connection)
  const cloudFormation = new LazyCloudFormation(connection)
  try {
    const api = await resolveApi(reader, {api: request.api, stack: request.stack, ...specTarget(spec)}, cloudFormation)
    const stage = await resolveStage(reader, api.id, stageName)
    const text = await reader.getExport(api.id, stage.stageName, request.type, request.format)
    const result: ExportResult = {api: {id: api.id, name: api.name}, stage: stage.stageName, type: request.type, format: request.format}
    if (out === undefined) return {...result, text}
    await writeAtomically(out.path, text, out.named, {replace: request.force === true})
    return {...result, out: out.named}
  } finally {
    reader.close()
    await cloudFormation.close()
  }
}

/** The exported text as data, for `--json`. */
export function parseDefinition(text: string, format: ExportFormat): unknown {
  return format === 'json' ? JSON.parse(text) : parseYaml(text)
}
