// Turns the fixes of many findings into the fewest calls: one UpdateRestApi, one UpdateIntegration per
// method, one UpdateIntegrationResponse per status code, then one CreateDeployment per stage, last.

import type {Finding} from './findings.js'
import {type FixCall, type PatchOperation, fixTargetKey} from './fix-calls.js'

const CALL_ORDER: Record<FixCall['operation'], number> = {UpdateRestApi: 0, UpdateIntegration: 1, UpdateIntegrationResponse: 2, CreateDeployment: 3}

/** The calls that bring the API in sync: fixes of errors and warnings (info findings are advice). */
export function fixesToApply(findings: readonly Finding[]): FixCall[] {
  return mergeFixCalls(findings.filter((entry) => entry.severity !== 'info').flatMap((entry) => entry.fix))
}

export function mergeFixCalls(calls: readonly FixCall[]): FixCall[] {
  const merged = new Map<string, FixCall>()
  for (const call of calls) {
    const key = fixTargetKey(call)
    const previous = merged.get(key)
    if (!previous || call.operation === 'CreateDeployment' || previous.operation === 'CreateDeployment') {
      merged.set(key, previous ?? call)
      continue
    }
    merged.set(key, {...previous, patchOperations: mergeOperations(previous.patchOperations, (call as typeof previous).patchOperations)} as FixCall)
  }
  return [...merged.values()].sort((a, b) => CALL_ORDER[a.operation] - CALL_ORDER[b.operation])
}

// Identical operations collapse; a later replace of the same path wins.
function mergeOperations(first: readonly PatchOperation[], second: readonly PatchOperation[]): PatchOperation[] {
  const result = [...first]
  for (const operation of second) {
    const same = result.findIndex((kept) => kept.path === operation.path && (kept.op === operation.op || (kept.op === 'replace' && operation.op === 'replace')))
    if (same === -1) result.push(operation)
    else result[same] = operation
  }
  return result
}
