// The REST APIs a CloudFormation or SAM template defines (SAM's implicit API included), and the one
// `--stack NAME [--logical-id ID]` names.

import {SAM_IMPLICIT_API, samApiEvents} from './sam-api-events.js'
import type {CfnTemplate} from './template.js'

export type RestApiType = 'AWS::ApiGateway::RestApi' | 'AWS::Serverless::Api' | 'implicit'

export interface RestApiResource {
  logicalId: string
  /** `implicit`: SAM creates ServerlessRestApi for functions' Api events that name no RestApiId. */
  type: RestApiType
}

/** The REST APIs a template defines, in template order, SAM's implicit API last. */
export function restApiResources(template: CfnTemplate): RestApiResource[] {
  const apis: RestApiResource[] = []
  for (const [logicalId, resource] of Object.entries(template.resources)) {
    if (resource.Type === 'AWS::ApiGateway::RestApi' || resource.Type === 'AWS::Serverless::Api') apis.push({logicalId, type: resource.Type})
  }
  if (!(SAM_IMPLICIT_API in template.resources) && samApiEvents(template).some((event) => event.restApiId === undefined)) apis.push({logicalId: SAM_IMPLICIT_API, type: 'implicit'})
  return apis
}

export type RestApiChoice = {ok: true; api: RestApiResource} | {ok: false; problem: 'no-rest-api' | 'ambiguous' | 'not-found'; candidates: RestApiResource[]}

/**
 * The API `--stack NAME [--logical-id ID]` names: the one with that logical id, or the only one. When the
 * choice fails the candidates are listed so the user can pick.
 */
export function chooseRestApi(template: CfnTemplate, logicalId?: string): RestApiChoice {
  const candidates = restApiResources(template)
  if (logicalId !== undefined) {
    const api = candidates.find((candidate) => candidate.logicalId === logicalId)
    return api ? {ok: true, api} : {ok: false, problem: 'not-found', candidates}
  }
  if (candidates.length === 1) return {ok: true, api: candidates[0]!}
  return {ok: false, problem: candidates.length === 0 ? 'no-rest-api' : 'ambiguous', candidates}
}
