// SAM's Api events: the `Type: Api` events of `AWS::Serverless::Function`s, and the implicit API those
// without RestApiId attach to.

import {isObject, refOf} from './intrinsics.js'
import type {CfnTemplate, CfnValue} from './template.js'

/** SAM's implicit API: what functions' Api events without RestApiId attach to. */
export const SAM_IMPLICIT_API = 'ServerlessRestApi'

/** One `Type: Api` event of an `AWS::Serverless::Function` (SAM spec, "Api" event source). */
export interface SamApiEvent {
  functionId: string
  eventId: string
  /** As written: a literal, or an intrinsic function. */
  path: CfnValue | undefined
  method: CfnValue | undefined
  /** The logical id RestApiId refers to; undefined for the implicit API; null when it is not a Ref. */
  restApiId: string | null | undefined
}

export function samApiEvents(template: CfnTemplate): SamApiEvent[] {
  const events: SamApiEvent[] = []
  for (const [functionId, resource] of Object.entries(template.resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue
    const declared = resource.Properties['Events']
    if (!isObject(declared)) continue
    for (const [eventId, event] of Object.entries(declared)) {
      if (!isObject(event) || event['Type'] !== 'Api') continue
      const properties = isObject(event['Properties']) ? event['Properties'] : {}
      const restApi = properties['RestApiId']
      events.push({
        functionId,
        eventId,
        path: properties['Path'],
        method: properties['Method'],
        restApiId: restApi === undefined ? undefined : (refOf(restApi) ?? null),
      })
    }
  }
  return events
}
