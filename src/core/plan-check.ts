// A saved plan passes through other hands (pipeline artifacts) before `apply --plan` runs it, so its
// calls are never sent as written: every change must be one binary-handling setting this tool writes,
// its call must be exactly the call that gives that setting its `after` value, its summary must say
// what the call does (the words a reviewer approved), and its setting must exist on the live API with
// the `before` value the plan shows. The calls sent are then the ones derived here, not the file's.

import type {ApiConfig} from './api-config.js'
import {clipped} from './quote.js'
import {normalizeSpecMediaType} from './media-type.js'
import type {Plan, PlannedChange} from './plan.js'
import {type SettingValue, callSetting, currentValue, describeValue, sameValue, settingKey, settingLabel} from './settings.js'

/** What is wrong with a plan, as one line naming the change at fault; undefined when nothing is. */
export function planFault(plan: Plan): string | undefined {
  const seen = new Set<string>()
  for (const [index, change] of plan.changes.entries()) {
    const fault = changeFault(plan.api.id, change)
    if (fault) return `change ${index + 1} (${clipped(change.summary)}): ${fault}`
    if (seen.has(change.key)) return `change ${index + 1} (${clipped(change.summary)}): the same setting as an earlier change`
    seen.add(change.key)
  }
  return undefined
}

/** What the live API says against the plan's changes: each setting exists, where the plan says, with its `before` value. */
export function planFaultAgainstLive(plan: Plan, live: ApiConfig): string | undefined {
  for (const [index, change] of plan.changes.entries()) {
    const current = currentValue(live, change.call)
    const which = `change ${index + 1} (${clipped(change.summary)})`
    if (!current) return `${which}: REST API ${plan.api.id} has no ${missingThing(change.before)}`
    if (current.setting !== 'binaryMediaType' && change.before.setting !== 'binaryMediaType' && current.resourcePath !== change.before.resourcePath) {
      return `${which}: resource ${current.resourceId} is ${current.resourcePath}, not ${change.before.resourcePath}`
    }
    if (!sameValue(current, change.before)) return `${which}: the live value is ${describeValue(current)}, not ${describeValue(change.before)}`
  }
  return undefined
}

function changeFault(restApiId: string, change: PlannedChange): string | undefined {
  const {before, after} = change
  if (settingKey(before) !== settingKey(after)) return 'its before and after values are of different settings'
  if (before.setting !== 'binaryMediaType' && after.setting !== 'binaryMediaType' && before.resourcePath !== after.resourcePath) return 'its before and after values name different routes'
  if (change.key !== settingKey(before)) return `its key "${clipped(change.key)}" is not its setting's ("${settingKey(before)}")`
  if (sameValue(before, after)) return 'it changes nothing'
  if (after.setting === 'binaryMediaType' && after.listed && normalizeSpecMediaType(after.mediaType) === undefined) return `${clipped(after.mediaType)} is not a media type`
  const expected = callSetting(restApiId, after)
  if (JSON.stringify(change.call) !== JSON.stringify(expected)) {
    return `its call (${describeCall(change.call)}) is not the one that sets ${settingLabel(after)} to ${describeValue(after)} (${describeCall(expected)})`
  }
  const summary = `${settingLabel(before)}: ${describeValue(before)} → ${describeValue(after)}`
  if (change.summary !== summary) return `its summary does not say what it does ("${summary}")`
  return undefined
}

function missingThing(value: SettingValue): string {
  switch (value.setting) {
    case 'binaryMediaType':
      return `binary media type list`
    case 'integration':
      return `integration for ${value.httpMethod} on resource ${value.resourceId} (${value.resourcePath})`
    case 'integrationResponse':
      return `${value.statusCode} integration response for ${value.httpMethod} on resource ${value.resourceId} (${value.resourcePath})`
  }
}

/** "UpdateIntegration PUT r1: replace /contentHandling \"\"": where the call writes, and what. */
function describeCall(call: PlannedChange['call']): string {
  const where = call.operation === 'UpdateRestApi' ? '' : ` ${clipped(call.httpMethod)} ${clipped(call.resourceId)}${call.operation === 'UpdateIntegrationResponse' ? ` ${clipped(call.statusCode)}` : ''}`
  const operations = call.patchOperations.map((operation) => `${operation.op} ${clipped(operation.path)}${operation.value === undefined ? '' : ` ${JSON.stringify(clipped(operation.value))}`}`)
  return `${call.operation}${where}: ${operations.join(', ')}`
}
