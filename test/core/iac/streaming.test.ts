// A route the spec wants streamed (transferMode STREAM), rendered in the five formats: each carries the
// transfer mode where its tool reads it, and for a Lambda proxy on Invoke's URI, the InvokeWithResponseStream
// URI it needs (developer guide, response-transfer-mode-lambda.html).
import {renderIac} from '../../../src/core/iac/index.js'
import {methodLogicalId, serverlessMethodLogicalId} from '../../../src/core/iac/names.js'
import {streamedThumbnailChange, toStreamThumbnailChange} from './iac-fixtures.js'
import {type Json, typeScriptSyntaxErrors, yamlOf} from './syntax.js'

const STREAMING_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-east-1:123456789012:function:thumbnail-service-dev-thumbnail/response-streaming-invocations'

describe('the thumbnail service to be streamed', () => {
  const change = toStreamThumbnailChange()
  const method = change.methods.find((entry) => entry.resourcePath === '/thumbnails/{key}' && entry.httpMethod === 'GET')!

  it('the durable change: STREAM wanted over BUFFERED, with the streaming URI, counted as a difference', () => {
    expect(method.transferMode).toEqual({desired: 'STREAM', live: 'BUFFERED', uri: STREAMING_URI})
    expect(method.integration).toBeNull()
    expect(change.methods.filter((entry) => entry !== method).every((entry) => entry.transferMode === undefined)).toBe(true)
    expect(method.because).toEqual(['spec route "GET /thumbnails/{key}"'])
    expect(change.differences).toBe(2) // image/png added, the transfer mode
  })

  it('CloudFormation: Integration.ResponseTransferMode and Integration.Uri', () => {
    const resources = yamlOf(renderIac('cloudformation', change))['Resources'] as Json
    expect(resources[methodLogicalId(method)].Properties.Integration).toEqual({ResponseTransferMode: 'STREAM', Uri: STREAMING_URI})
  })

  it('SAM: responseTransferMode and uri in the body, and the Api event property named', () => {
    const text = renderIac('sam', change)
    const body = (yamlOf(text)['Resources'] as Json)['Api'].Properties.DefinitionBody
    expect(body.paths['/thumbnails/{key}'].get['x-amazon-apigateway-integration']).toEqual({responseTransferMode: 'STREAM', uri: STREAMING_URI})
    expect(text).toContain('ResponseTransferMode: RESPONSE_STREAM')
  })

  it('Serverless: response.transferMode on the lambda-proxy http event', () => {
    const functions = yamlOf(renderIac('serverless', change))['functions'] as Json
    expect(functions['thumbnail'].events).toEqual([{http: {path: 'thumbnails/{key}', method: 'get', response: {transferMode: 'STREAM'}}}])
    expect(serverlessMethodLogicalId(method)).toBe('ApiGatewayMethodThumbnailsKeyVarGet')
  })

  it('CDK: responseTransferMode on the LambdaIntegration, valid TypeScript', () => {
    const text = renderIac('cdk', change)
    expect(text).toContain('responseTransferMode: apigateway.ResponseTransferMode.STREAM,')
    expect(typeScriptSyntaxErrors(text)).toEqual([])
  })

  it('Terraform: response_transfer_mode and uri, both hashed into the redeployment trigger', () => {
    const text = renderIac('terraform', change)
    expect(text).toMatch(/resource "aws_api_gateway_integration" "get_thumbnails_key" \{[^}]*response_transfer_mode = "STREAM"\n\s+uri\s+= "arn:aws:apigateway:us-east-1:lambda:path\/2021-11-15\//)
    expect(text).toContain('aws_api_gateway_integration.get_thumbnails_key.response_transfer_mode,')
    expect(text).toContain('aws_api_gateway_integration.get_thumbnails_key.uri,')
  })
})

describe('the streamed thumbnail service', () => {
  it('declares STREAM as live, with no URI to change', () => {
    const change = streamedThumbnailChange()
    const method = change.methods.find((entry) => entry.resourcePath === '/thumbnails/{key}')!
    expect(method.transferMode).toEqual({desired: 'STREAM', live: 'STREAM'})
    expect((yamlOf(renderIac('cloudformation', change))['Resources'] as Json)[methodLogicalId(method)].Properties.Integration).toEqual({ResponseTransferMode: 'STREAM'})
  })
})
