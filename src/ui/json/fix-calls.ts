// The API Gateway calls a document lists (a finding's fix, a plan's requests, what apply sent), in the
// published shape of schemas/json/definitions.schema.json#/definitions/fixCall.

import type {FixCall, PatchCall} from '../../core/fix-calls.js'
import {optionalField} from '../../core/optional-field.js'

export interface PatchOperationDocument {
  op: 'add' | 'remove' | 'replace'
  path: string
  value?: string
}

export type PatchCallDocument =
  | {operation: 'UpdateRestApi'; restApiId: string; patchOperations: PatchOperationDocument[]}
  | {operation: 'UpdateIntegration'; restApiId: string; resourceId: string; httpMethod: string; patchOperations: PatchOperationDocument[]}
  | {operation: 'UpdateIntegrationResponse'; restApiId: string; resourceId: string; httpMethod: string; statusCode: string; patchOperations: PatchOperationDocument[]}

export type FixCallDocument = PatchCallDocument | {operation: 'CreateDeployment'; restApiId: string; stageName: string; description?: string}

export function fixCallDocument(call: FixCall): FixCallDocument {
  if (call.operation === 'CreateDeployment') {
    return {operation: call.operation, restApiId: call.restApiId, stageName: call.stageName, ...optionalField('description', call.description)}
  }
  return patchCallDocument(call)
}

export function patchCallDocument(call: PatchCall): PatchCallDocument {
  const patchOperations = call.patchOperations.map((operation): PatchOperationDocument => ({op: operation.op, path: operation.path, ...optionalField('value', operation.value)}))
  switch (call.operation) {
    case 'UpdateRestApi':
      return {operation: call.operation, restApiId: call.restApiId, patchOperations}
    case 'UpdateIntegration':
      return {operation: call.operation, restApiId: call.restApiId, resourceId: call.resourceId, httpMethod: call.httpMethod, patchOperations}
    case 'UpdateIntegrationResponse':
      return {operation: call.operation, restApiId: call.restApiId, resourceId: call.resourceId, httpMethod: call.httpMethod, statusCode: call.statusCode, patchOperations}
  }
}
