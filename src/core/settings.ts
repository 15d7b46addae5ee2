// The binary-relevant settings of an API one at a time: a binary media type being listed, an
// integration's or an integration response's contentHandling. Plans are made of changes to single
// settings, journals record their prior values, and rollback brings them back. One vocabulary for all
// three keeps "what apply changed" and "what rollback restores" the same set.

import {type ApiConfig, type RouteConfig, routeKey} from './api-config.js'
import {applyFixCalls} from './apply-fix-calls.js'
import type {ContentHandling} from './conversion.js'
import {type FixCall, type PatchCall, contentHandlingPatch} from './fix-calls.js'
import {binaryMediaTypePatchPath, unescapePointerSegment} from './json-pointer.js'
import {mergeFixCalls} from './merge-fixes.js'

const BINARY_MEDIA_TYPES_PREFIX = '/binaryMediaTypes/'

export type SettingValue =
  | {setting: 'binaryMediaType'; mediaType: string; listed: boolean}
  | {setting: 'integration'; resourceId: string; resourcePath: string; httpMethod: string; contentHandling: ContentHandling | null}
  | {
      setting: 'integrationResponse'
      resourceId: string
      resourcePath: string
      httpMethod: string
      statusCode: string
      contentHandling: ContentHandling | null
    }

/** Names one setting, independent of its value. */
export function settingKey(value: SettingValue): string {
  switch (value.setting) {
    case 'binaryMediaType':
      return `binaryMediaTypes ${value.mediaType}`
    case 'integration':
      return `integration ${value.resourceId} ${value.httpMethod}`
    case 'integrationResponse':
      return `integrationResponse ${value.resourceId} ${value.httpMethod} ${value.statusCode}`
  }
}

/** The key of the setting a single-setting call writes (as settingKey names it), whatever value it writes. */
export function callSettingKey(call: PatchCall): string {
  switch (call.operation) {
    case 'UpdateRestApi':
      return `binaryMediaTypes ${unescapePointerSegment((call.patchOperations[0]?.path ?? '').slice(BINARY_MEDIA_TYPES_PREFIX.length))}`
    case 'UpdateIntegration':
      return `integration ${call.resourceId} ${call.httpMethod}`
    case 'UpdateIntegrationResponse':
      return `integrationResponse ${call.resourceId} ${call.httpMethod} ${call.statusCode}`
  }
}

/** What one setting is called for people: "binaryMediaTypes image/png", "PUT /lambda integration". */
export function settingLabel(value: SettingValue): string {
  switch (value.setting) {
    case 'binaryMediaType':
      return `binaryMediaTypes ${value.mediaType}`
    case 'integration':
      return `${routeKey(value)} integration contentHandling`
    case 'integrationResponse':
      return `${routeKey(value)} ${value.statusCode} response contentHandling`
  }
}

export function describeValue(value: SettingValue): string {
  if (value.setting === 'binaryMediaType') return value.listed ? 'listed' : 'not listed'
  return value.contentHandling ?? 'PASSTHROUGH (unset)'
}

/** Splits calls into one call per setting they write (CreateDeployment carries no setting). */
export function singleSettingCalls(calls: readonly FixCall[]): PatchCall[] {
  return calls.flatMap((call) => (call.operation === 'CreateDeployment' ? [] : call.patchOperations.map((operation) => ({...call, patchOperations: [operation]}) as PatchCall)))
}

/** The value `config` holds for the setting a single-setting call writes. */
export function currentValue(config: ApiConfig, call: FixCall): SettingValue | undefined {
  switch (call.operation) {
    case 'UpdateRestApi': {
      const path = call.patchOperations[0]?.path ?? ''
      if (!path.startsWith(BINARY_MEDIA_TYPES_PREFIX)) return undefined
      const mediaType = unescapePointerSegment(path.slice(BINARY_MEDIA_TYPES_PREFIX.length))
      return {setting: 'binaryMediaType', mediaType, listed: config.binaryMediaTypes.includes(mediaType)}
    }
    case 'UpdateIntegration': {
      const route = routeById(config, call.resourceId, call.httpMethod)
      if (!route?.integration) return undefined
      return {setting: 'integration', resourceId: call.resourceId, resourcePath: route.resourcePath, httpMethod: call.httpMethod, contentHandling: route.integration.contentHandling ?? null}
    }
    case 'UpdateIntegrationResponse': {
      const route = routeById(config, call.resourceId, call.httpMethod)
      const response = route?.integration?.responses.find((entry) => entry.statusCode === call.statusCode)
      if (!route || !response) return undefined
      return {
        setting: 'integrationResponse',
        resourceId: call.resourceId,
        resourcePath: route.resourcePath,
        httpMethod: call.httpMethod,
        statusCode: call.statusCode,
        contentHandling: response.contentHandling ?? null,
      }
    }
    case 'CreateDeployment':
      return undefined
  }
}

/** The values `config` holds for every setting `calls` write: what a journal records before writing. */
export function priorValues(config: ApiConfig, calls: readonly FixCall[]): SettingValue[] {
  const values = new Map<string, SettingValue>()
  for (const call of singleSettingCalls(calls)) {
    const value = currentValue(config, call)
    if (value && !values.has(settingKey(value))) values.set(settingKey(value), value)
  }
  return [...values.values()]
}

/** The values every setting `calls` write holds once they are applied to `config`: what a fix changes to. */
export function valuesAfter(config: ApiConfig, calls: readonly FixCall[]): SettingValue[] {
  return priorValues(applyFixCalls(config, calls), calls)
}

/** The fewest calls that give each setting its value in `config`; settings already there are left alone. */
export function callsToRestore(restApiId: string, config: ApiConfig, values: readonly SettingValue[]): PatchCall[] {
  const calls: PatchCall[] = []
  for (const value of values) {
    const now = currentOf(config, value)
    if (now === undefined || sameValue(now, value)) continue
    calls.push(callSetting(restApiId, value))
  }
  return mergeFixCalls(calls) as PatchCall[]
}

/** The values `config` does not hold, with what it holds instead (undefined: the setting is gone). */
export function valuesNotHeld(config: ApiConfig, values: readonly SettingValue[]): Array<{wanted: SettingValue; found: SettingValue | undefined}> {
  return values.flatMap((wanted) => {
    const found = currentOf(config, wanted)
    return found && sameValue(found, wanted) ? [] : [{wanted, found}]
  })
}

/**
 * The values of `target` (e.g. what an older deployment serves) for the settings that exist in `live`,
 * matched by path and method: binary media types listed in either, and the contentHandling of every
 * integration and integration response both have.
 */
export function valuesMatching(target: ApiConfig, live: ApiConfig): SettingValue[] {
  const mediaTypes = [...new Set([...live.binaryMediaTypes, ...target.binaryMediaTypes])]
  const values: SettingValue[] = mediaTypes.map((mediaType) => ({setting: 'binaryMediaType', mediaType, listed: target.binaryMediaTypes.includes(mediaType)}))
  for (const route of live.routes) {
    const wanted = target.routes.find((entry) => entry.httpMethod === route.httpMethod && entry.resourcePath === route.resourcePath)
    if (!route.resourceId || !route.integration || !wanted?.integration) continue
    const place = {resourceId: route.resourceId, resourcePath: route.resourcePath, httpMethod: route.httpMethod}
    values.push({setting: 'integration', ...place, contentHandling: wanted.integration.contentHandling ?? null})
    for (const response of route.integration.responses) {
      const wantedResponse = wanted.integration.responses.find((entry) => entry.statusCode === response.statusCode)
      if (wantedResponse) values.push({setting: 'integrationResponse', ...place, statusCode: response.statusCode, contentHandling: wantedResponse.contentHandling ?? null})
    }
  }
  return values
}

/** Earliest value per setting wins: the state before the first of several runs. */
export function earliestValues(lists: ReadonlyArray<readonly SettingValue[]>): SettingValue[] {
  const values = new Map<string, SettingValue>()
  for (const list of lists) for (const value of list) if (!values.has(settingKey(value))) values.set(settingKey(value), value)
  return [...values.values()]
}

function currentOf(config: ApiConfig, value: SettingValue): SettingValue | undefined {
  return currentValue(config, callSetting('', value))
}

/** Two values of the same setting are equal (listed alike, or the same contentHandling). */
export function sameValue(a: SettingValue, b: SettingValue): boolean {
  if (a.setting === 'binaryMediaType' && b.setting === 'binaryMediaType') return a.listed === b.listed
  if (a.setting === 'binaryMediaType' || b.setting === 'binaryMediaType') return false
  return a.contentHandling === b.contentHandling
}

/** The single-setting call that gives a setting its value. */
export function callSetting(restApiId: string, value: SettingValue): PatchCall {
  switch (value.setting) {
    case 'binaryMediaType':
      return {operation: 'UpdateRestApi', restApiId, patchOperations: [{op: value.listed ? 'add' : 'remove', path: binaryMediaTypePatchPath(value.mediaType)}]}
    case 'integration':
      return {operation: 'UpdateIntegration', restApiId, resourceId: value.resourceId, httpMethod: value.httpMethod, patchOperations: [contentHandlingPatch(value.contentHandling ?? undefined)]}
    case 'integrationResponse':
      return {
        operation: 'UpdateIntegrationResponse',
        restApiId,
        resourceId: value.resourceId,
        httpMethod: value.httpMethod,
        statusCode: value.statusCode,
        patchOperations: [contentHandlingPatch(value.contentHandling ?? undefined)],
      }
  }
}

function routeById(config: ApiConfig, resourceId: string, httpMethod: string): RouteConfig | undefined {
  return config.routes.find((route) => route.resourceId === resourceId && route.httpMethod === httpMethod)
}
