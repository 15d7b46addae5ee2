// Every format parses in its own language and carries the values of the durable change where its tool
// reads them: YAML documents (yaml), TypeScript without syntax errors (typescript), HCL with balanced
// brackets (terraform-fmt.test.ts runs terraform itself on the same changes).
import {parse} from 'yaml'

import {IAC_FORMATS, type IacFormat, renderIac} from '../../../src/core/iac/index.js'
import {lambdaFunctionName, methodLogicalId, serverlessMethodLogicalId} from '../../../src/core/iac/names.js'
import {samMediaType} from '../../../src/core/iac/sam.js'
import {serverlessFunctionKey} from '../../../src/core/iac/serverless.js'
import {hclString} from '../../../src/core/iac/terraform.js'
import {SNIPPET_CHANGES, changeFor, fixtureApi, fixtureSpec} from './iac-fixtures.js'
import {type Json, typeScriptSyntaxErrors, unbalancedBrackets, yamlOf} from './syntax.js'

describe.each(SNIPPET_CHANGES)('%s', (_name, make) => {
  const change = make()
  const text = (format: IacFormat) => renderIac(format, change)

  it('CloudFormation: a YAML document of resource fragments with the values in place', () => {
    const resources = yamlOf(text('cloudformation'))['Resources'] as Json
    if (change.binaryMediaTypes) expect(resources['RestApi']).toEqual({Type: 'AWS::ApiGateway::RestApi', Properties: {BinaryMediaTypes: change.binaryMediaTypes.desired}})
    for (const method of change.methods) {
      const integration = resources[methodLogicalId(method)].Properties.Integration as Json
      expect(integration['ContentHandling']).toBe(method.integration?.desired ?? undefined)
      expect(integration['IntegrationResponses']?.map((entry: Json) => [entry['StatusCode'], entry['ContentHandling']])).toEqual(
        method.responses.length === 0 ? undefined : method.responses.map((entry) => [entry.statusCode, entry.desired ?? undefined]),
      )
    }
    const deployment = Object.entries(resources).find(([, resource]) => resource.Type === 'AWS::ApiGateway::Deployment')
    expect(deployment?.[0]).toBe(`Deployment${change.fingerprint}`)
    expect(deployment?.[1].Properties.RestApiId).toEqual({Ref: 'RestApi'})
    expect(text('cloudformation')).toContain('Old CloudFormation docs asked for "~1"')
  })

  it('SAM: BinaryMediaTypes with "~1", contentHandling in the DefinitionBody, caveats', () => {
    const output = text('sam')
    const api = yamlOf(output)['Resources'].Api as Json
    expect(api['Type']).toBe('AWS::Serverless::Api')
    expect(api['Properties'].BinaryMediaTypes).toEqual(change.binaryMediaTypes?.desired.map((entry) => entry.replaceAll('/', '~1')))
    for (const method of change.methods) {
      const integration = api['Properties'].DefinitionBody.paths[method.resourcePath][method.httpMethod.toLowerCase()]['x-amazon-apigateway-integration'] as Json
      expect(integration['contentHandling']).toBe(method.integration?.desired ?? undefined)
    }
    expect(output).toContain('aws/serverless-application-model#3511')
    if (change.methods.some((method) => method.preflight)) expect(output).toContain('aws/serverless-application-model#553')
  })

  it('Serverless: provider.apiGateway.binaryMediaTypes, http events or overrides, blind spots', () => {
    const output = text('serverless')
    const document = yamlOf(output)
    expect(document['provider'].apiGateway.binaryMediaTypes).toEqual(change.binaryMediaTypes?.desired)
    for (const method of change.methods) {
      if (method.preflight) {
        const integration = document['resources'].Resources[serverlessMethodLogicalId(method)].Properties.Integration as Json
        expect(integration['ContentHandling']).toBe(method.integration?.desired)
        expect(integration['IntegrationResponses']).toEqual(method.responses.map((entry) => (entry.desired ? {ContentHandling: entry.desired} : {})))
      } else {
        const events = document['functions'][method.lambdaFunction!].events as Json[]
        expect(events.map((event) => [event['http'].method, event['http'].path, event['http'].integration])).toContainEqual([method.httpMethod.toLowerCase(), 'lambda', 'lambda'])
      }
    }
    expect(output).toContain('provider.apiGateway.restApiId')
    if (change.methods.some((method) => method.preflight)) expect(output).toContain('serverless/serverless#10254')
  })

  it('CDK: TypeScript without syntax errors, with binaryMediaTypes and ContentHandling members', () => {
    const output = text('cdk')
    expect(typeScriptSyntaxErrors(output)).toEqual([])
    if (change.binaryMediaTypes) expect(output).toContain(`binaryMediaTypes: [${change.binaryMediaTypes.desired.map((entry) => `'${entry}'`).join(', ')}]`)
    for (const method of change.methods) {
      if (method.integration?.desired) expect(output).toContain(`contentHandling: apigateway.ContentHandling.${method.integration.desired}`)
      expect(output).toContain(`addMethod('${method.httpMethod}'`)
    }
  })

  it('Terraform: balanced HCL with the attributes, a deployment with triggers', () => {
    const output = text('terraform')
    expect(unbalancedBrackets(output)).toBeUndefined()
    if (change.binaryMediaTypes) expect(output).toContain(`binary_media_types = [${change.binaryMediaTypes.desired.map((entry) => JSON.stringify(entry)).join(', ')}]`)
    for (const method of change.methods) {
      if (method.integration?.desired) expect(output).toMatch(new RegExp(`content_handling += "${method.integration.desired}"`))
    }
    expect(output).toContain('resource "aws_api_gateway_deployment" "api" {')
    expect(output).toContain('redeployment = sha1(jsonencode([')
    expect(output).toContain('create_before_destroy = true')
  })
})

describe('the checks can fail', () => {
  it('a TypeScript syntax error is reported', () => {
    expect(typeScriptSyntaxErrors("const x = new apigateway.RestApi(this, 'Api', {")).not.toEqual([])
  })

  it('an unbalanced HCL block is reported', () => {
    expect(unbalancedBrackets('resource "a" "b" {\n  x = ["}"]\n')).toBe('unclosed {')
  })

  it('a YAML error is reported', () => {
    expect(() => yamlOf('a: [1, 2\nb: c')).toThrow(/invalid YAML/)
  })
})

describe('values the snippets cannot take as they are', () => {
  it('unset (PASSTHROUGH) settings are left out with a note, in every format', () => {
    const change = SNIPPET_CHANGES[2]![1]()
    for (const format of IAC_FORMATS.filter((candidate) => candidate !== 'serverless')) expect(renderIac(format, change)).toContain('leave it out (PASSTHROUGH = unset)')
    // Serverless never sets a non-2xx response's contentHandling: the 500 is unset by itself.
    expect(renderIac('serverless', change)).toContain('Status 500 stays unset (PASSTHROUGH)')
  })

  it('removed binary media types are named with the merge-mode caveat', () => {
    const change = SNIPPET_CHANGES[2]![1]()
    expect(change.binaryMediaTypes?.removed).toEqual(['image/png'])
    for (const format of IAC_FORMATS) expect(renderIac(format, change)).toContain('Removed from the list: image/png.')
  })

  it('an API already in line is declared as it is, and said so', () => {
    const change = changeFor(fixtureApi('image-api.corrected.oas30.json'), fixtureSpec('image-api.binfix.yaml'))
    for (const format of IAC_FORMATS) expect(renderIac(format, change)).toContain('The live working copy already has these values')
  })

  it('a spec that sets nothing this API has prints comments only, still valid in each language', () => {
    const spec = {...fixtureSpec('image-api.binfix.yaml'), binaryMediaTypes: [], routes: []}
    const change = changeFor(fixtureApi('image-api.corrected.oas30.json'), spec)
    for (const format of ['cloudformation', 'sam', 'serverless', 'terraform'] as const) {
      const output = renderIac(format, change)
      expect(output.split('\n').filter(Boolean).every((line) => line.startsWith('# '))).toBe(true)
      expect(parse(output)).toBeNull()
    }
    expect(renderIac('cdk', change)).toContain('// The spec sets no binary setting this API has')
    expect(typeScriptSyntaxErrors(renderIac('cdk', change))).toEqual([])
  })

  it('Lambda-proxy routes get the Serverless blind spot instead of an http event', () => {
    const spec = {...fixtureSpec('thumbnail-service.binfix.yaml'), routes: [{key: 'POST /upload', httpMethod: 'POST', resourcePath: '/upload', request: 'CONVERT_TO_BINARY' as const}]}
    const output = renderIac('serverless', changeFor(fixtureApi('thumbnail-service.oas30.json'), spec))
    expect(output).toContain('POST /upload is lambda-proxy')
    expect(output).toContain('serverless/serverless#10266')
    expect(yamlOf(output)['functions']).toBeUndefined()
  })
})

describe('names', () => {
  it('Serverless logical ids follow its naming.js', () => {
    expect(serverlessMethodLogicalId({httpMethod: 'OPTIONS', resourcePath: '/upload'})).toBe('ApiGatewayMethodUploadOptions')
    expect(serverlessMethodLogicalId({httpMethod: 'OPTIONS', resourcePath: '/thumbnails/{key}'})).toBe('ApiGatewayMethodThumbnailsKeyVarOptions')
    expect(serverlessMethodLogicalId({httpMethod: 'GET', resourcePath: '/user-profile/{proxy+}'})).toBe('ApiGatewayMethodUserDashprofileProxyVarGet')
    expect(serverlessMethodLogicalId({httpMethod: 'ANY', resourcePath: '/'})).toBe('ApiGatewayMethodAny')
  })

  it('function names and keys come from the integration URI and Serverless naming', () => {
    expect(lambdaFunctionName('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:thumbnail-service-dev-upload/invocations')).toBe(
      'thumbnail-service-dev-upload',
    )
    expect(lambdaFunctionName('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:image:live/invocations')).toBe('image')
    expect(lambdaFunctionName('https://example.com')).toBeUndefined()
    expect(serverlessFunctionKey('thumbnail-service-dev-upload', 'dev')).toBe('upload')
    expect(serverlessFunctionKey('image', 'v1')).toBe('image')
  })

  it('placeholder logical ids, SAM media types and HCL strings', () => {
    expect(methodLogicalId({httpMethod: 'GET', resourcePath: '/'})).toBe('GetRootMethod')
    expect(methodLogicalId({httpMethod: 'OPTIONS', resourcePath: '/thumbnails/{key}'})).toBe('OptionsThumbnailsKeyMethod')
    expect(samMediaType('*/*')).toBe('*~1*')
    expect(hclString('2\\d{2}')).toBe('"2\\\\d{2}"')
    expect(hclString('${x} %{y} "q"')).toBe('"$${x} %%{y} \\"q\\""')
  })
})
