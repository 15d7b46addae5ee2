// `x-amazon-apigateway-gateway-responses`: an API's gateway responses in its OpenAPI definition, keyed by
// response type, each with `statusCode`, `responseParameters` and `responseTemplates` (developer guide
// "x-amazon-apigateway-gateway-responses object" and ".gatewayResponse object"). Read by ImportRestApi and
// PutRestApi, written by GetExport with the apigateway extensions.

import {isGatewayResponseType} from '../gateway-response-settings.js'
import type {GatewayResponseSetting} from '../model.js'
import {type Json, invalid, isRecord, own, readStringMap, scalarText} from './json-reading.js'

export const GATEWAY_RESPONSES_EXT = 'x-amazon-apigateway-gateway-responses'

export function readGatewayResponses(doc: Json): GatewayResponseSetting[] {
  const raw = own(doc, GATEWAY_RESPONSES_EXT)
  if (raw === undefined || raw === null) return []
  if (!isRecord(raw)) throw invalid(`${GATEWAY_RESPONSES_EXT} must be an object`)
  return Object.entries(raw).map(([type, entry]) => {
    const at = `${GATEWAY_RESPONSES_EXT}.${type}`
    if (!isGatewayResponseType(type)) throw invalid(`${at}: unknown gateway response type`)
    if (!isRecord(entry)) throw invalid(`${at} must be an object`)
    const setting: GatewayResponseSetting = {responseType: type}
    // The developer guide writes the status as a string; definitions in YAML often leave it a number.
    const status = own(entry, 'statusCode')
    if (status !== undefined) {
      const text = scalarText(status)
      if (text === undefined || !/^[1-5]\d\d$/.test(text)) throw invalid(`${at}: statusCode must be an HTTP status code`)
      setting.statusCode = text
    }
    const responseParameters = readStringMap(entry, 'responseParameters', at)
    const responseTemplates = readStringMap(entry, 'responseTemplates', at)
    if (responseParameters && Object.keys(responseParameters).length > 0) setting.responseParameters = responseParameters
    if (responseTemplates && Object.keys(responseTemplates).length > 0) setting.responseTemplates = responseTemplates
    return setting
  })
}

/** The extension for an export: the types the API sets, with the members it gave them; undefined when none. */
export function renderGatewayResponses(settings: readonly GatewayResponseSetting[] | undefined): Record<string, unknown> | undefined {
  if (!settings || settings.length === 0) return undefined
  return Object.fromEntries(
    settings.map((setting) => [
      setting.responseType,
      {
        ...(setting.statusCode === undefined ? {} : {statusCode: setting.statusCode}),
        ...(setting.responseParameters ? {responseParameters: {...setting.responseParameters}} : {}),
        ...(setting.responseTemplates ? {responseTemplates: {...setting.responseTemplates}} : {}),
      },
    ]),
  )
}

/** ImportRestApi and PutRestApi: an overwrite makes the API's gateway responses the document's, a merge sets the document's over them. */
export function applyGatewayResponses(current: Map<string, GatewayResponseSetting>, imported: readonly GatewayResponseSetting[], mode: 'merge' | 'overwrite'): void {
  if (mode === 'overwrite') current.clear()
  for (const setting of imported) current.set(setting.responseType, structuredClone(setting))
}
