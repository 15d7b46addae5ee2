// What a failing Region of a fleet account answers every API Gateway and CloudFormation call with, in each
// protocol's own error shape: AccessDenied as an SCP's explicit deny words it (IAM User Guide,
// "Troubleshoot access denied error messages": "... with an explicit deny in a service control policy"),
// UnrecognizedClient as a Region not enabled for the account answers a token it does not know, and
// ServiceUnavailable.

import {ApiGatewayError} from '../api-errors.js'
import {CloudFormationError} from '../cloudformation/query-protocol.js'
import type {RegionFailure} from './directory.js'

const INVALID_TOKEN = 'The security token included in the request is invalid.'

export interface RefusedCall {
  callerArn: string
  accountId: string
  region: string
  method: string
  path: string
}

export function apiGatewayRefusal(failure: RegionFailure, call: RefusedCall): ApiGatewayError {
  switch (failure) {
    case 'AccessDenied':
      return new ApiGatewayError(
        'AccessDeniedException',
        `User: ${call.callerArn} is not authorized to perform: apigateway:${call.method} on resource: arn:aws:apigateway:${call.region}::${call.path} with an explicit deny in a service control policy`,
      )
    case 'UnrecognizedClient':
      return new ApiGatewayError('UnrecognizedClientException', INVALID_TOKEN)
    case 'ServiceUnavailable':
      return new ApiGatewayError('ServiceUnavailableException', 'Service Unavailable', 1)
  }
}

export function cloudFormationRefusal(failure: RegionFailure, call: RefusedCall, action: string): CloudFormationError {
  switch (failure) {
    case 'AccessDenied':
      return new CloudFormationError(
        'AccessDenied',
        `User: ${call.callerArn} is not authorized to perform: cloudformation:${action} on resource: arn:aws:cloudformation:${call.region}:${call.accountId}:stack/* with an explicit deny in a service control policy`,
        403,
      )
    case 'UnrecognizedClient':
      return new CloudFormationError('InvalidClientTokenId', INVALID_TOKEN, 403)
    case 'ServiceUnavailable':
      return new CloudFormationError('ServiceUnavailable', 'Service Unavailable', 503, 'Receiver')
  }
}
