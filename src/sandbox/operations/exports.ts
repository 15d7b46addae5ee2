import {badRequest} from '../api-errors.js'
import {type ExportType, renderExport} from '../openapi/export.js'
import {exportYaml} from '../openapi/export-yaml.js'
import type {OperationContext, Route} from '../route.js'

export const exportRoutes: Route[] = [
  {
    method: 'GET',
    template: '/restapis/{restApiId}/stages/{stageName}/exports/{exportType}',
    operation: 'GetExport',
    mutating: false,
    handle: getExport,
  },
]

/**
 * GetExport renders the deployment the stage points at, never the working copy (aws-binary-facts
 * §2.4): undeployed patches do not show. The body is typed application/octet-stream even for JSON.
 */
function getExport(context: OperationContext) {
  const api = context.store.api(context.params.restApiId)
  const stage = context.store.stage(api, context.params.stageName)
  const exportType = context.params.exportType
  if (exportType !== 'oas30' && exportType !== 'swagger') {
    throw badRequest(`Invalid export type specified: ${exportType}. Must be one of: [oas30, swagger]`)
  }
  const accept = String(context.headers.accept ?? 'application/json').toLowerCase()
  const yaml = accept.includes('application/yaml')
  if (!yaml && !accept.includes('application/json') && !accept.includes('*/*')) {
    throw badRequest(`Unsupported export format: ${accept}. Must be one of: [application/json, application/yaml]`)
  }
  const deployment = api.deployments.get(stage.deploymentId)
  if (!deployment) throw badRequest('Deployment id does not exist')
  const extensions = context.query
    .getAll('extensions')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean)
  const document = renderExport(deployment.snapshot, {
    exportType: exportType as ExportType,
    extensions,
    restApiId: api.api.id,
    region: context.store.state.region,
    stageName: stage.stageName,
    createdDate: deployment.createdDate,
  })
  const info = document.info as {version?: string} | undefined
  const fileName = `${exportType}_${info?.version ?? deployment.createdDate}.${yaml ? 'yaml' : 'json'}`
  return {
    status: 200,
    raw: yaml ? exportYaml(document) : JSON.stringify(document, null, 2),
    contentType: 'application/octet-stream',
    headers: {'content-disposition': `attachment; filename="${fileName}"`},
  }
}
