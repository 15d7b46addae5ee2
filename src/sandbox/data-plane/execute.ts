// Runs one invocation through its integration type and returns the method response.

import {internalServerError} from './gateway-responses.js'
import {buildIntegrationRequest} from './integration-request.js'
import {buildMethodResponse, type EndpointResponse, type MethodResponse} from './integration-response.js'
import type {Invocation} from './invocation.js'
import {invokeHttp} from './integrations/http.js'
import {invokeHttpProxy} from './integrations/http-proxy.js'
import {invokeLambda} from './integrations/lambda.js'
import {invokeLambdaProxy} from './integrations/lambda-proxy.js'
import {invokeMock} from './integrations/mock.js'
import {invokeS3, isS3PathUri} from './integrations/s3.js'

export async function execute(invocation: Invocation): Promise<MethodResponse> {
  const {integration} = invocation
  switch (integration.type) {
    case 'AWS_PROXY':
      return invokeLambdaProxy(invocation)
    case 'HTTP_PROXY':
      return invokeHttpProxy(invocation)
    case 'MOCK':
    case 'HTTP':
    case 'AWS': {
      const request = buildIntegrationRequest(invocation)
      let endpoint: EndpointResponse
      if (integration.type === 'MOCK') endpoint = invokeMock(request, invocation.snapshot.binaryMediaTypes)
      else if (integration.type === 'HTTP') endpoint = await invokeHttp(invocation, request)
      else if (isS3PathUri(integration.uri)) endpoint = invokeS3(invocation, request, invocation.objects)
      else endpoint = await invokeLambda(invocation, request)
      return buildMethodResponse(invocation, endpoint)
    }
    default:
      throw internalServerError()
  }
}
