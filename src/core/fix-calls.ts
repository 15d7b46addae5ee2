// The exact API Gateway calls that fix a finding: what audit shows, plan orders and apply sends.

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace'
  path: string
  value?: string
}

export type FixCall =
  | {operation: 'UpdateRestApi'; restApiId: string; patchOperations: PatchOperation[]}
  | {operation: 'UpdateIntegration'; restApiId: string; resourceId: string; httpMethod: string; patchOperations: PatchOperation[]}
  | {
      operation: 'UpdateIntegrationResponse'
      restApiId: string
      resourceId: string
      httpMethod: string
      statusCode: string
      patchOperations: PatchOperation[]
    }
  | {operation: 'CreateDeployment'; restApiId: string; stageName: string; description?: string}

/** A call that patches one object (everything but the redeploy). */
export type PatchCall = Exclude<FixCall, {operation: 'CreateDeployment'}>

/** Identifies the API Gateway object a call writes, so calls on the same object can be merged. */
export function fixTargetKey(call: FixCall): string {
  switch (call.operation) {
    case 'UpdateRestApi':
      return `${call.operation} ${call.restApiId}`
    case 'UpdateIntegration':
      return `${call.operation} ${call.restApiId} ${call.resourceId} ${call.httpMethod}`
    case 'UpdateIntegrationResponse':
      return `${call.operation} ${call.restApiId} ${call.resourceId} ${call.httpMethod} ${call.statusCode}`
    case 'CreateDeployment':
      return `${call.operation} ${call.restApiId} ${call.stageName}`
  }
}

/** `replace` with "" unsets contentHandling (what Terraform sends; aws-binary-facts §3.3). */
export function contentHandlingPatch(handling: string | undefined): PatchOperation {
  return {op: 'replace', path: '/contentHandling', value: handling ?? ''}
}
