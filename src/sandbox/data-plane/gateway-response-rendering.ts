// An answer API Gateway makes itself (a GatewayResponse) as the deployed API's gateway responses shape it
// (developer guide "Gateway responses for REST APIs" and "Set up a gateway response ... using the API
// Gateway console"; LocalStack next_gen gateway_response.py get_gateway_response_or_default): the type's
// own setting, else the API's DEFAULT_4XX or DEFAULT_5XX by the type's class. Its status code replaces
// the answer's, its `gatewayresponse.header.*` parameters add headers, its templates (chosen by Accept as
// response templates are) render the body with `$context.error`. An API that sets nothing for the answer
// leaves it exactly as API Gateway's own.

import {type GatewayResponseSetting} from '../model.js'
import {settingFor} from '../gateway-response-settings.js'
import {type GatewayResponse} from './gateway-responses.js'
import {type Pairs, lastValue, queryMaps, singleValueMap} from './headers.js'
import {renderMappingTemplate} from './mapping-template.js'
import {responseTemplateFor} from './templates.js'

/** What a gateway response of the stage can read of the request. */
export interface GatewayResponseScope {
  /** The deployed API's gateway responses. */
  settings: readonly GatewayResponseSetting[]
  headers: Pairs
  query: Pairs
  /** Empty when routing found no resource. */
  pathParameters: Record<string, string>
  /** `$context` as far as the request got. */
  context: Record<string, unknown>
  stageVariables: Record<string, string>
}

export interface RenderedGatewayResponse {
  status: number
  contentType: string
  body: Buffer
  /** The gateway response's own headers, after API Gateway's. */
  headers: Array<[string, string]>
}

const HEADER_PREFIX = 'gatewayresponse.header.'
// The sandbox frames the answer itself.
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive'])
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

export function renderGatewayResponse(error: GatewayResponse, scope: GatewayResponseScope | undefined): RenderedGatewayResponse {
  const plain: RenderedGatewayResponse = {status: error.status, contentType: error.contentType, body: Buffer.from(error.body), headers: []}
  if (error.type === undefined || scope === undefined) return plain
  const setting = settingFor(scope.settings, error.type, error.status)
  if (!setting) return plain
  // Only a status the API gave replaces the answer's: a put of INTEGRATION_FAILURE without one still
  // answers 500, not the type's 504 (recorded: LocalStack test_lambda_aws_proxy_integration_non_post_method).
  const status = setting.statusCode !== undefined && /^[1-5]\d\d$/.test(setting.statusCode) ? Number(setting.statusCode) : error.status
  let contentType = error.contentType
  let body = plain.body
  // Without templates of its own the body stays API Gateway's (whose 5xx bodies keep a space the default
  // template would not give).
  if (setting.responseTemplates && Object.keys(setting.responseTemplates).length > 0) {
    const template = responseTemplateFor(setting.responseTemplates, lastValue(scope.headers, 'accept'))
    body = Buffer.from(template ? renderTemplate(template.template, error, scope) : '')
    if (template) contentType = template.mediaType
  }
  const headers: Array<[string, string]> = []
  for (const [target, source] of Object.entries(setting.responseParameters ?? {})) {
    if (!target.startsWith(HEADER_PREFIX)) continue
    const name = target.slice(HEADER_PREFIX.length)
    const value = parameterValue(source, scope)
    if (value === undefined || value === '' || /[\r\n]/.test(value) || !HEADER_NAME.test(name) || FRAMING.has(name.toLowerCase())) continue
    if (name.toLowerCase() === 'content-type') contentType = value
    else headers.push([name, value])
  }
  return {status, contentType, body, headers}
}

function renderTemplate(template: string, error: GatewayResponse, scope: GatewayResponseScope): string {
  const message = error.errorMessage
  try {
    return renderMappingTemplate(template, {
      body: '',
      params: {path: {...scope.pathParameters}, querystring: queryMaps(scope.query).single, header: singleValueMap(scope.headers)},
      stageVariables: scope.stageVariables,
      context: {
        ...scope.context,
        error: {message, messageString: JSON.stringify(message), responseType: error.type, validationErrorString: error.validationErrorString},
      },
    })
  } catch {
    // A template that does not render leaves API Gateway's own body.
    return error.body
  }
}

/** A response parameter's source: `'static'`, `method.request.{header|querystring|path}.NAME`, `context.X`, `stageVariables.X`. */
function parameterValue(source: string, scope: GatewayResponseScope): string | undefined {
  if (source.length >= 2 && source.startsWith("'") && source.endsWith("'")) return source.slice(1, -1)
  if (source.startsWith('stageVariables.')) return scope.stageVariables[source.slice('stageVariables.'.length)]
  if (source.startsWith('context.')) {
    let current: unknown = scope.context
    for (const part of source.slice('context.'.length).split('.')) {
      if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined
      current = (current as Record<string, unknown>)[part]
    }
    return current === undefined || current === null || typeof current === 'object' ? undefined : String(current)
  }
  const match = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(source)
  if (!match) return undefined
  const [, kind, name] = match
  if (kind === 'header') return lastValue(scope.headers, name!)
  if (kind === 'querystring') return scope.query.filter(([key]) => key === name).at(-1)?.[1]
  return scope.pathParameters[name!]
}
