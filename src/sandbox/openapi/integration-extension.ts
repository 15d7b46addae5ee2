// The `x-amazon-apigateway-integration` extension of one operation, read into an Integration record.

import {DEFAULT_TIMEOUT_MS} from '../integration-defaults.js'
import {CONTENT_HANDLING_VALUES, INTEGRATION_TYPES, PASSTHROUGH_BEHAVIORS, type ContentHandling, type Integration, type IntegrationResponse} from '../model.js'
import {RESPONSE_TRANSFER_MODES, isStreamed, transferModeFault} from '../response-transfer-mode.js'
import {type Json, dropUndefined, invalid, isRecord, nonEmpty, own, readEnum, readString, readStringList, readStringMap, scalarText} from './json-reading.js'

export const INTEGRATION_EXT = 'x-amazon-apigateway-integration'
const MIN_TIMEOUT_MS = 50
const STATUS_CODE = /^[1-5]\d\d$/

export function isStatusCode(text: string): boolean {
  return STATUS_CODE.test(text)
}

/** The method an integration is read for, as AWS's import warnings name it. */
export interface IntegrationPlace {
  resourcePath: string
  httpMethod: string
  warnings: string[]
}

export function readIntegration(raw: unknown, where: string, place: IntegrationPlace): Integration {
  const at = `${INTEGRATION_EXT} of ${where}`
  if (!isRecord(raw)) throw invalid(`${at} must be an object`)
  const type = readEnum(raw, 'type', INTEGRATION_TYPES, at, true)
  if (type === undefined) throw invalid(`${at} has no type`)
  // A MOCK integration calls nothing, and AWS keeps no method for it (test_import_with_http_method_integration).
  const httpMethod = type === 'MOCK' ? undefined : readString(raw, 'httpMethod', at)?.toUpperCase()
  const uri = readString(raw, 'uri', at)
  // PutIntegration refuses these without a target; an import goes through the same check.
  if (type !== 'MOCK' && !httpMethod) throw invalid(`${at}: httpMethod is required for type ${type}`)
  if (type !== 'MOCK' && !uri) throw invalid(`${at}: uri is required for type ${type}`)
  const integrationResponses = readIntegrationResponses(own(raw, 'responses'), at)
  const optional = {
    httpMethod,
    uri,
    connectionType: readEnum(raw, 'connectionType', ['INTERNET', 'VPC_LINK'] as const, at, true),
    connectionId: readString(raw, 'connectionId', at),
    credentials: readString(raw, 'credentials', at),
    requestParameters: readRequestParameters(raw, at, place),
    requestTemplates: readStringMap(raw, 'requestTemplates', at),
    passthroughBehavior: readEnum(raw, 'passthroughBehavior', PASSTHROUGH_BEHAVIORS, at, true),
    contentHandling: readContentHandling(raw, at),
  }
  const integration: Integration = {
    type,
    ...dropUndefined(optional),
    timeoutInMillis: readTimeout(raw, at),
    // Upper case as the developer guide's import writes it (response-streaming-http.html); like
    // contentHandling, matched exactly.
    ...dropUndefined({responseTransferMode: readEnum(raw, 'responseTransferMode', RESPONSE_TRANSFER_MODES, at, false)}),
    ...dropUndefined({cacheNamespace: readString(raw, 'cacheNamespace', at)}),
    cacheKeyParameters: readStringList(raw, 'cacheKeyParameters', at) ?? [],
    ...(nonEmpty(integrationResponses) ? {integrationResponses} : {}),
    ...dropUndefined({tlsConfig: readTlsConfig(raw, at)}),
  }
  // An import goes through PutIntegration's check of a streamed integration; buffered timeouts keep the
  // import's own, looser, reading.
  const fault = isStreamed(integration) ? transferModeFault(integration) : undefined
  if (fault) throw invalid(`${at}: ${fault}`)
  return integration
}

/**
 * A mapping whose value is not text (YAML `true`) is left out with a warning, not refused
 * (test_import_rest_api_with_base_path_oas30, put-rest-api-oas30-srv-url); AWS's own words.
 */
function readRequestParameters(raw: Json, at: string, place: IntegrationPlace): Record<string, string> | undefined {
  const value = own(raw, 'requestParameters')
  if (value === undefined) return undefined
  if (!isRecord(value)) throw invalid(`${at}: requestParameters must map names to strings`)
  const kept: [string, string][] = []
  for (const [name, source] of Object.entries(value)) {
    if (typeof source === 'string') kept.push([name, source])
    else {
      const shown = typeof source === 'object' && source !== null ? JSON.stringify(source) : String(source)
      place.warnings.push(
        `Invalid format for 'requestParameters'. Expected type string for property '${name}' of resource '${place.resourcePath}' and method '${place.httpMethod}' but got '${shown}'`,
      )
    }
  }
  return kept.length > 0 ? Object.fromEntries(kept) : undefined
}

function readTimeout(raw: Json, at: string): number {
  const value = own(raw, 'timeoutInMillis')
  if (value === undefined) return DEFAULT_TIMEOUT_MS
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_TIMEOUT_MS) {
    throw invalid(`${at}: timeoutInMillis must be an integer of at least ${MIN_TIMEOUT_MS}`)
  }
  return value
}

function readTlsConfig(raw: Json, at: string): Integration['tlsConfig'] {
  const tls = own(raw, 'tlsConfig')
  if (tls === undefined) return undefined
  if (!isRecord(tls)) throw invalid(`${at}: tlsConfig must be an object`)
  const skip = own(tls, 'insecureSkipVerification')
  if (skip === undefined) return {}
  if (typeof skip !== 'boolean') throw invalid(`${at}: tlsConfig.insecureSkipVerification must be a boolean`)
  return {insecureSkipVerification: skip}
}

// The extension keys responses by selection pattern; the record keys them by status code (aws-binary-facts §2.4).
function readIntegrationResponses(raw: unknown, at: string): Record<string, IntegrationResponse> {
  if (raw === undefined) return {}
  if (!isRecord(raw)) throw invalid(`${at}: responses must be an object`)
  return Object.fromEntries(
    Object.entries(raw).map(([pattern, response]) => {
      const record = readIntegrationResponse(pattern, response, at)
      return [record.statusCode, record]
    }),
  )
}

function readIntegrationResponse(pattern: string, raw: unknown, at: string): IntegrationResponse {
  const where = `${at}: response '${pattern}'`
  if (!isRecord(raw)) throw invalid(`${where} must be an object`)
  // Unquoted YAML status codes arrive as numbers.
  const statusCode = scalarText(own(raw, 'statusCode'))
  if (statusCode === undefined || !STATUS_CODE.test(statusCode)) throw invalid(`${where} needs a statusCode like "200"`)
  return {
    statusCode,
    ...(pattern === 'default' ? {} : {selectionPattern: pattern}),
    ...dropUndefined({
      responseParameters: readStringMap(raw, 'responseParameters', where),
      responseTemplates: readStringMap(raw, 'responseTemplates', where),
      contentHandling: readContentHandling(raw, where),
    }),
  }
}

// contentHandling is matched exactly: AWS only documents and accepts the upper-case constants.
function readContentHandling(raw: Json, at: string): ContentHandling | undefined {
  return readEnum(raw, 'contentHandling', CONTENT_HANDLING_VALUES, at, false)
}
