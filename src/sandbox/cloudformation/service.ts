// One query-protocol call: the Action is looked up, run against the stacks, and answered in XML. Every
// operation here reads; DetectStackDrift starts a detection but writes nothing to any API, so the call log
// marks all of them `mutating: false`.

import {randomUUID} from 'node:crypto'

import {OPERATIONS} from './operations.js'
import {API_VERSION, CloudFormationError, errorDocument, resultDocument} from './query-protocol.js'
import type {Stacks} from './stacks.js'

export interface QueryAnswer {
  /** The Action, as the call log records it. */
  operation: string
  status: number
  requestId: string
  xml: string
}

export function answerQuery(stacks: Stacks, parameters: URLSearchParams): QueryAnswer {
  const action = parameters.get('Action') ?? ''
  const requestId = randomUUID()
  const operation = Object.hasOwn(OPERATIONS, action) ? OPERATIONS[action] : undefined
  try {
    // The query protocol's answer to an action the service does not have (API reference, Common Errors:
    // InvalidAction, HTTP 400).
    if (!operation) throw new CloudFormationError('InvalidAction', `Could not find operation ${action} for version ${parameters.get('Version') ?? API_VERSION}`)
    return {operation: action, status: 200, requestId, xml: resultDocument(action, operation(stacks, parameters), requestId)}
  } catch (error) {
    if (!(error instanceof CloudFormationError)) throw error
    return {operation: action, status: error.status, requestId, xml: errorDocument(error, requestId)}
  }
}
