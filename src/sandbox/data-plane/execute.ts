// Runs one invocation through its integration type and returns the method response.

import {isStreamed} from '../response-transfer-mode.js'
import {internalServerError} from './gateway-responses.js'
import {type IntegrationRequest, buildIntegrationRequest} from './integration-request.js'
import {buildMethodResponse, type EndpointResponse, type MethodResponse} from './integration-response.js'
import type {Invocation} from './invocation.js'
import {invokeHttp} from './integrations/http.js'
import {invokeHttpProxyStream} from './integrations/http-proxy-stream.js'
import {invokeHttpProxy} from './integrations/http-proxy.js'
import {invokeLambda} from './integrations/lambda.js'
import {invokeLambdaProxy} from './integrations/lambda-proxy.js'
import {invokeLambdaStream} from './integrations/lambda-stream.js'
import {invokeMock} from './integrations/mock.js'
import {invokeS3} from './integrations/s3.js'
import {awsServiceOf, unmodelledServiceIntegration} from './integrations/unmodelled-service.js'
import type {StreamedResponse} from './streamed-response.js'

export async function execute(invocation: Invocation): Promise<MethodResponse | StreamedResponse> {
  const {integration} = invocation
  // The control plane allows STREAM on the two proxy types only.
  if (isStreamed(integration)) return integration.type === 'AWS_PROXY' ? invokeLambdaStream(invocation) : invokeHttpProxyStream(invocation)
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
      else endpoint = await invokeAwsService(invocation, request)
      return buildMethodResponse(invocation, endpoint)
    }
    default:
      throw internalServerError()
  }
}

async function invokeAwsService(invocation: Invocation, request: IntegrationRequest): Promise<EndpointResponse> {
  const service = awsServiceOf(invocation.integration.uri)
  if (service === 's3') return invokeS3(invocation, request, invocation.objects)
  if (service === 'lambda') return invokeLambda(invocation, request)
  // The request was mapped as AWS would before calling the service, which the sandbox does not have.
  if (service !== undefined) throw unmodelledServiceIntegration(service)
  throw internalServerError()
}
