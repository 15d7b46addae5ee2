// A fix call as the AWS CLI command that sends it, so a finding can be fixed by hand, exactly.

import {type Reach, awsCliReachFlags, shellQuote as quote} from '../core/command-line.js'
import type {FixCall} from '../core/fix-calls.js'

/** The call as an AWS CLI command; `reach` adds the Region, profile and endpoint the run used. */
export function awsCliCommand(call: FixCall, reach: Reach = {}): string {
  return `${awsCliWords(call)}${awsCliReachFlags(reach)}`
}

function awsCliWords(call: FixCall): string {
  const api = `--rest-api-id ${call.restApiId}`
  switch (call.operation) {
    case 'UpdateRestApi':
      return `aws apigateway update-rest-api ${api} --patch-operations ${quote(JSON.stringify(call.patchOperations))}`
    case 'UpdateIntegration':
      return `aws apigateway update-integration ${api} --resource-id ${call.resourceId} --http-method ${call.httpMethod} --patch-operations ${quote(JSON.stringify(call.patchOperations))}`
    case 'UpdateIntegrationResponse':
      return `aws apigateway update-integration-response ${api} --resource-id ${call.resourceId} --http-method ${call.httpMethod} --status-code ${call.statusCode} --patch-operations ${quote(JSON.stringify(call.patchOperations))}`
    case 'CreateDeployment':
      return `aws apigateway create-deployment ${api} --stage-name ${quote(call.stageName)}${call.description ? ` --description ${quote(call.description)}` : ''}`
  }
}

/** The HTTP request a call is on the wire (API Gateway's REST-JSON paths). */
export function httpRequest(call: FixCall): {method: string; path: string; body: unknown} {
  const api = `/restapis/${call.restApiId}`
  switch (call.operation) {
    case 'UpdateRestApi':
      return {method: 'PATCH', path: api, body: {patchOperations: call.patchOperations}}
    case 'UpdateIntegration':
      return {method: 'PATCH', path: `${api}/resources/${call.resourceId}/methods/${call.httpMethod}/integration`, body: {patchOperations: call.patchOperations}}
    case 'UpdateIntegrationResponse':
      return {
        method: 'PATCH',
        path: `${api}/resources/${call.resourceId}/methods/${call.httpMethod}/integration/responses/${call.statusCode}`,
        body: {patchOperations: call.patchOperations},
      }
    case 'CreateDeployment':
      return {method: 'POST', path: `${api}/deployments`, body: {stageName: call.stageName, ...(call.description ? {description: call.description} : {})}}
  }
}
