// A method with apiKeyRequired: the key (the x-api-key header, or the Lambda authorizer's
// usageIdentifierKey when the API's apiKeySource is AUTHORIZER) must be an enabled key of a usage plan
// that holds this API and stage (developer guide "Choose an API key source"; LocalStack next_gen
// api_key_validation.py). Usage plans' throttling and quotas are not enforced.

import type {SandboxState} from '../../model.js'
import {lastValue} from '../headers.js'
import type {Invocation} from '../invocation.js'
import {invalidApiKey} from './answers.js'

export interface ValidKey {
  id: string
  value: string
}

export function requireApiKey(state: Pick<SandboxState, 'apiKeys' | 'usagePlans' | 'usagePlanKeys'>, invocation: Invocation, usageIdentifierKey: string | undefined): ValidKey {
  const value = invocation.snapshot.apiKeySource === 'AUTHORIZER' ? usageIdentifierKey : lastValue(invocation.request.headers, 'x-api-key')
  if (value === undefined || value === '') throw invalidApiKey()
  const {apiId, stage} = invocation.context
  for (const plan of state.usagePlans.values()) {
    if (!plan.apiStages.some((apiStage) => apiStage.apiId === apiId && apiStage.stage === stage)) continue
    for (const keyId of state.usagePlanKeys.get(plan.id) ?? []) {
      const key = state.apiKeys.get(keyId)
      if (key?.value === value) {
        if (!key.enabled) throw invalidApiKey()
        return {id: key.id, value: key.value}
      }
    }
  }
  throw invalidApiKey()
}
