// iac against the sandbox through the real SDK adapters: the sample image API imported, drifted and
// deployed the way users break it, and the thumbnail service as deployed, each rendered in every format
// from its spec; read-only (call log), and consistent with apply (after it, nothing differs). Deployed by
// the fixture stacks, they are rendered with the stacks' logical ids.
import {fileURLToPath} from 'node:url'

import {IAC_FORMATS, type IacFormat} from '../../src/core/iac/formats.js'
import {methodLogicalId, serverlessMethodLogicalId} from '../../src/core/iac/names.js'
import type {Sandbox} from '../../src/sandbox/server.js'
import {setUpSandbox} from '../../src/sandbox/setup.js'
import {type IacReport, type IacRequest, iacForApi} from '../../src/services/iac-service.js'
import {fetchCallLog, startTestSandbox} from '../helpers/sandbox.js'
import {TERRAFORM, terraformFmtCheck, typeScriptSyntaxErrors, unbalancedBrackets, yamlOf} from '../core/iac/syntax.js'
import {apply, driftedImageApi, useScratchHistory} from './apply-support.js'
import {importFixture, useAuditBench} from './audit-support.js'

const bench = useAuditBench()
const history = useScratchHistory()
const spec = (name: string) => new URL(`../../fixtures/specs/${name}`, import.meta.url).pathname

function iac(request: Partial<IacRequest>): Promise<IacReport> {
  return iacForApi({cwd: process.cwd(), connection: {endpointUrl: bench.sandbox.url, region: 'us-east-1'}, ...request})
}

async function everyFormat(request: Partial<IacRequest>): Promise<Record<IacFormat, IacReport>> {
  const reports = {} as Record<IacFormat, IacReport>
  for (const format of IAC_FORMATS) reports[format] = await iac({...request, format})
  return reports
}

/** Each format parses in its language. */
function expectValid(reports: Record<IacFormat, IacReport>): void {
  for (const format of ['cloudformation', 'sam', 'serverless'] as const) expect(() => yamlOf(reports[format].text)).not.toThrow()
  expect(typeScriptSyntaxErrors(reports.cdk.text)).toEqual([])
  expect(unbalancedBrackets(reports.terraform.text)).toBeUndefined()
  if (TERRAFORM) expect(terraformFmtCheck(reports.terraform.text)).toBe(0)
}

describe('iac on the sample image API, drifted and deployed', () => {
  it('declares both binary media types and CONVERT_TO_TEXT on PUT /lambda in every format, without writing', async () => {
    const restApiId = await driftedImageApi(bench.client, 'image-api.corrected.oas30.json')
    const before = (await fetchCallLog(bench.sandbox.url)).length

    const reports = await everyFormat({api: restApiId, specFile: spec('image-api.binfix.yaml')})

    expect((await fetchCallLog(bench.sandbox.url)).slice(before).filter((call) => call.mutating)).toEqual([])
    expectValid(reports)
    const report = reports.cloudformation
    expect(report).toMatchObject({format: 'cloudformation', api: {id: restApiId, name: 'ApiName'}, region: 'us-east-1', stage: 'v1', differences: 3})
    expect(report.settings.binaryMediaTypes).toMatchObject({desired: ['application/octet-stream', 'image/jpeg'], live: []})
    expect(report.settings.methods.map((method) => [method.httpMethod, method.resourcePath, method.integration])).toEqual([['PUT', '/lambda', {desired: 'CONVERT_TO_TEXT', live: null}]])
    // GetRestApi, GetResources, GetStage, GetExport: the stage comes from the spec.
    expect(report.calls).toBe(4)

    const cfn = yamlOf(reports.cloudformation.text)['Resources']
    expect(cfn.RestApi.Properties.BinaryMediaTypes).toEqual(['application/octet-stream', 'image/jpeg'])
    expect(cfn[methodLogicalId({httpMethod: 'PUT', resourcePath: '/lambda'})].Properties.Integration).toEqual({ContentHandling: 'CONVERT_TO_TEXT'})
    expect(cfn.StageV1.Properties.StageName).toBe('v1')

    const sam = yamlOf(reports.sam.text)['Resources'].Api.Properties
    expect(sam.BinaryMediaTypes).toEqual(['application~1octet-stream', 'image~1jpeg'])
    expect(sam.DefinitionBody.paths['/lambda'].put['x-amazon-apigateway-integration']).toEqual({contentHandling: 'CONVERT_TO_TEXT'})

    const serverless = yamlOf(reports.serverless.text)
    expect(serverless['provider'].apiGateway.binaryMediaTypes).toEqual(['application/octet-stream', 'image/jpeg'])
    expect(serverless['functions'].image.events).toEqual([{http: {path: 'lambda', method: 'put', integration: 'lambda', request: {contentHandling: 'CONVERT_TO_TEXT'}}}])

    expect(reports.cdk.text).toContain("binaryMediaTypes: ['application/octet-stream', 'image/jpeg'],")
    expect(reports.cdk.text).toContain('new apigateway.LambdaIntegration(imageFunction, {\n  proxy: false,\n  contentHandling: apigateway.ContentHandling.CONVERT_TO_TEXT,\n})')

    expect(reports.terraform.text).toContain('binary_media_types = ["application/octet-stream", "image/jpeg"]')
    expect(reports.terraform.text).toContain('resource "aws_api_gateway_integration" "put_lambda" {')
    expect(reports.terraform.text).toContain('aws_api_gateway_integration.put_lambda.content_handling,')
  })

  it('after apply, declares the same values and says nothing differs', async () => {
    const restApiId = await driftedImageApi(bench.client, 'image-api.corrected.oas30.json')
    const applied = await apply(bench.sandbox.url, history.current.dir, {api: restApiId, stage: 'v1', specFile: spec('image-api.binfix.yaml')})
    expect(applied.converged).toBe(true)

    const report = await iac({api: restApiId, specFile: spec('image-api.binfix.yaml'), format: 'terraform'})

    expect(report.differences).toBe(0)
    expect(report.text).toContain('The live working copy already has these values')
    expect(report.text).toContain('content_handling = "CONVERT_TO_TEXT"')
  })
})

describe('iac on the thumbnail service', () => {
  it('declares */* and CONVERT_TO_TEXT on both preflights, request and response side, in every format', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json', 'dev')
    const before = (await fetchCallLog(bench.sandbox.url)).length

    const reports = await everyFormat({api: restApiId, specFile: spec('thumbnail-service.binfix.yaml')})

    expect((await fetchCallLog(bench.sandbox.url)).slice(before).filter((call) => call.mutating)).toEqual([])
    expectValid(reports)
    expect(reports.sam).toMatchObject({stage: 'dev', differences: 5})
    const preflights = [
      {httpMethod: 'OPTIONS', resourcePath: '/thumbnails/{key}'},
      {httpMethod: 'OPTIONS', resourcePath: '/upload'},
    ]
    expect(reports.sam.settings.methods.map((method) => ({httpMethod: method.httpMethod, resourcePath: method.resourcePath}))).toEqual(preflights)

    const cfn = yamlOf(reports.cloudformation.text)['Resources']
    expect(cfn.RestApi.Properties.BinaryMediaTypes).toEqual(['*/*'])
    for (const route of preflights) {
      expect(cfn[methodLogicalId(route)].Properties.Integration).toEqual({ContentHandling: 'CONVERT_TO_TEXT', IntegrationResponses: [{StatusCode: '200', ContentHandling: 'CONVERT_TO_TEXT'}]})
    }

    const sam = yamlOf(reports.sam.text)['Resources'].Api.Properties
    expect(sam.BinaryMediaTypes).toEqual(['*~1*'])
    expect(sam.DefinitionBody.paths['/upload'].options['x-amazon-apigateway-integration']).toEqual({
      contentHandling: 'CONVERT_TO_TEXT',
      responses: {default: {statusCode: '200', contentHandling: 'CONVERT_TO_TEXT'}},
    })
    expect(reports.sam.text).toContain('aws/serverless-application-model#553')

    const serverless = yamlOf(reports.serverless.text)
    expect(serverless['provider'].apiGateway.binaryMediaTypes).toEqual(['*/*'])
    expect(serverless['resources'].Resources[serverlessMethodLogicalId(preflights[1]!)]).toEqual({
      Properties: {Integration: {ContentHandling: 'CONVERT_TO_TEXT', IntegrationResponses: [{ContentHandling: 'CONVERT_TO_TEXT'}]}},
    })
    expect(serverless['functions']).toBeUndefined()

    expect(reports.cdk.text).toContain("api.root.resourceForPath('/upload').addMethod('OPTIONS', optionsUploadIntegration)")
    expect(reports.cdk.text).toContain("optionsUploadMethod.addPropertyOverride('Integration.IntegrationResponses.0.ContentHandling', 'CONVERT_TO_TEXT')")

    expect(reports.terraform.text).toContain('resource "aws_api_gateway_integration_response" "options_upload_200" {')
    expect(reports.terraform.text).toContain('resource "aws_api_gateway_stage" "dev" {')
  })

  it('refuses a spec that names a route the API lacks, as plan does', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json', 'dev')
    const file = bench.specFile('unknown-route.yaml', ['version: 1', 'routes:', '  "GET /nowhere":', '    request: CONVERT_TO_TEXT'])
    await expect(iac({api: restApiId, specFile: file, format: 'cdk'})).rejects.toThrow(/names what REST API .* lacks: GET \/nowhere/)
  })
})

describe('the format', () => {
  it('is required for an API no stack deploys, and no stack is asked about an API without stack tags', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json', 'dev')
    const request = {api: restApiId, specFile: spec('thumbnail-service.binfix.yaml'), cwd: process.cwd(), connection: {endpointUrl: bench.sandbox.url, region: 'us-east-1'}}
    const since = (await fetchCallLog(bench.sandbox.url)).length
    await expect(iacForApi(request)).rejects.toThrow(`No CloudFormation stack deploys REST API ${restApiId} (thumbnail-service-dev): pass --format (cloudformation|sam|serverless|cdk|terraform)`)
    const calls = (await fetchCallLog(bench.sandbox.url)).slice(since)
    expect(calls.length).toBeGreaterThan(0)
    // CloudFormation's query protocol posts to the root path; API Gateway's paths start with /restapis.
    expect(calls.filter((call) => call.path === '/')).toEqual([])
  })
})

describe('iac on APIs that CloudFormation stacks deploy', () => {
  const fixture = (path: string) => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url))
  let stacks: Sandbox
  let imageApi: string
  let thumbnailApi: string

  beforeAll(async () => {
    // A sandbox of their own: the stacks find their REST APIs by name, which the bench's APIs repeat.
    stacks = await startTestSandbox()
    imageApi = setUpSandbox(stacks, {imports: [fixture('apis/image-api.oas30.json')], deployStage: 'v1', stacks: [fixture('stacks/image-api.stack.yaml')]}).restApis[0]!.id
    thumbnailApi = setUpSandbox(stacks, {imports: [fixture('apis/thumbnail-service.oas30.json')], deployStage: 'dev', stacks: [fixture('stacks/thumbnail-service.stack.yaml')]}).restApis[0]!.id
  })
  afterAll(() => stacks.close())

  const iacOnStacks = (request: Partial<IacRequest>) => iacForApi({cwd: process.cwd(), connection: {endpointUrl: stacks.url, region: 'us-east-1'}, ...request})

  it("without --format: the SAM stack's tool, with its AWS::Serverless::Api's logical id", async () => {
    const since = (await fetchCallLog(stacks.url)).length
    const report = await iacOnStacks({api: imageApi, specFile: spec('image-api.binfix.yaml')})

    expect(report).toMatchObject({format: 'sam', owner: {kind: 'sam', stackName: 'image-api', logicalId: 'ApiName'}})
    expect(yamlOf(report.text)['Resources'].ApiName.Type).toBe('AWS::Serverless::Api')
    expect(report.text).toContain('ApiName is its logical id in stack image-api.')
    expect(report.text).not.toContain('stands for its logical id')
    const calls = (await fetchCallLog(stacks.url)).slice(since)
    // DescribeStackResources and GetTemplate, counted with API Gateway's calls.
    expect(calls.filter((call) => call.path === '/')).toHaveLength(2)
    expect(report.calls).toBe(calls.length)
  })

  it('with --format: the owner is still read, and its logical ids replace the placeholders', async () => {
    const report = await iacOnStacks({api: thumbnailApi, specFile: spec('thumbnail-service.binfix.yaml'), format: 'cloudformation'})

    expect(report).toMatchObject({format: 'cloudformation', owner: {kind: 'serverless', stackName: 'thumbnail-service-dev', logicalId: 'ApiGatewayRestApi'}})
    const resources = yamlOf(report.text)['Resources']
    expect(resources.ApiGatewayRestApi.Properties.BinaryMediaTypes).toEqual(['*/*'])
    expect(resources.ApiGatewayMethodUploadOptions.Properties.Integration).toEqual({ContentHandling: 'CONVERT_TO_TEXT', IntegrationResponses: [{StatusCode: '200', ContentHandling: 'CONVERT_TO_TEXT'}]})
    const deployment = Object.values(resources as Record<string, {Type: string; Properties: {RestApiId?: unknown}}>).find((resource) => resource.Type === 'AWS::ApiGateway::Deployment')
    expect(deployment?.Properties.RestApiId).toEqual({Ref: 'ApiGatewayRestApi'})
    expect(report.text).toContain('ApiGatewayMethodUploadOptions is its logical id in stack thumbnail-service-dev.')
    expect(report.text).not.toContain('stands for its logical id')
  })

  it('Terraform keeps its resource names: they are not logical ids', async () => {
    const report = await iacOnStacks({api: thumbnailApi, specFile: spec('thumbnail-service.binfix.yaml'), format: 'terraform'})
    expect(report.owner).toMatchObject({kind: 'serverless'})
    expect(report.text).toContain('resource "aws_api_gateway_rest_api" "api" {')
    expect(report.text).not.toContain('ApiGatewayRestApi')
  })
})
