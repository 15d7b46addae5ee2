// lint on CDK's synthesized output: an app built here with aws-cdk-lib and synthesized into cdk.out (a RestApi
// with binaryMediaTypes and CORS preflights, a non-proxy LambdaIntegration with contentHandling, and a
// SpecRestApi with its binary types in the OpenAPI definition), linted through the service as a folder.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {lintPaths} from '../../../src/services/lint-service.js'
import {placeOf} from './support.js'

interface Variant {
  restApiTypes: string[]
  specTypes: string[]
}

async function synthesize(variant: Variant): Promise<string> {
  const cdk = await import('aws-cdk-lib')
  const apigateway = await import('aws-cdk-lib/aws-apigateway')
  const lambda = await import('aws-cdk-lib/aws-lambda')
  const outdir = join(mkdtempSync(join(tmpdir(), 'binfix-cdk-')), 'cdk.out')
  const app = new cdk.App({outdir})
  const stack = new cdk.Stack(app, 'ImagesStack')
  const fn = new lambda.Function(stack, 'Images', {runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async (event) => event')})
  const api = new apigateway.RestApi(stack, 'ImagesApi', {binaryMediaTypes: variant.restApiTypes, defaultCorsPreflightOptions: {allowOrigins: apigateway.Cors.ALL_ORIGINS}})
  const integration = new apigateway.LambdaIntegration(fn, {
    proxy: false,
    contentHandling: apigateway.ContentHandling.CONVERT_TO_TEXT,
    requestTemplates: {'application/json': '{"body": "$input.body"}'},
    integrationResponses: [{statusCode: '200', contentHandling: apigateway.ContentHandling.CONVERT_TO_BINARY}],
  })
  api.root.addResource('images').addMethod('PUT', integration, {methodResponses: [{statusCode: '200'}]})
  new apigateway.SpecRestApi(stack, 'FilesApi', {
    apiDefinition: apigateway.ApiDefinition.fromInline({
      openapi: '3.0.1',
      info: {title: 'files', version: '1'},
      'x-amazon-apigateway-binary-media-types': variant.specTypes,
      paths: {'/files': {get: {'x-amazon-apigateway-integration': {type: 'mock', requestTemplates: {'application/json': '{"statusCode": 200}'}, responses: {default: {statusCode: '200'}}}}}},
    }),
  })
  app.synth()
  return outdir
}

const folders: string[] = []
afterAll(() => folders.forEach((folder) => rmSync(join(folder, '..'), {recursive: true, force: true})))

describe('a CDK app synthesized with aws-cdk-lib', () => {
  it('*/* with defaultCorsPreflightOptions, "~1" in a SpecRestApi definition, and contentHandling against a spec: each at its place in the template', async () => {
    const outdir = await synthesize({restApiTypes: ['*/*'], specTypes: ['image~1png']})
    folders.push(outdir)
    // The spec beside cdk.out, as a repository keeps binfix.yaml next to its app.
    const specFile = join(outdir, '..', 'binfix.yaml')
    writeFileSync(specFile, 'version: 1\nroutes:\n  PUT /images:\n    request: CONVERT_TO_BINARY\n')
    const report = await lintPaths({paths: [outdir], cwd: process.cwd(), specFile})
    expect(report.files).toHaveLength(1)
    const file = report.files[0]!
    expect(file).toMatchObject({format: 'cdk', file: join(outdir, 'ImagesStack.template.json')})
    const text = readFileSync(join(outdir, 'ImagesStack.template.json'), 'utf8')
    const template = JSON.parse(text) as {Resources: Record<string, {Type: string; Properties: {HttpMethod?: string}}>}
    const preflightIds = Object.entries(template.Resources).filter(([, resource]) => resource.Type === 'AWS::ApiGateway::Method' && resource.Properties.HttpMethod === 'OPTIONS').map(([id]) => id)
    expect(preflightIds).toHaveLength(2)

    const preflights = file.findings.filter((entry) => entry.ruleId === 'catch-all-breaks-generated-preflight')
    expect(preflights.map((entry) => `${entry.httpMethod} ${entry.resourcePath}`).sort()).toEqual(['OPTIONS /', 'OPTIONS /images'])
    for (const entry of preflights) {
      expect(entry.severity).toBe('error')
      expect(preflightIds.some((id) => file.lines[entry.line]!.includes(`"${id}": {`))).toBe(true)
      expect(entry.message).toMatch(/addCorsPreflight has no contentHandling option/)
    }
    const escaping = file.findings.find((entry) => entry.ruleId === 'binary-media-type-escaping')!
    expect(escaping).toMatchObject({severity: 'warning', mediaType: 'image~1png', api: expect.stringMatching(/^FilesApi/), ...placeOf(text, '"image~1png"')})
    const handling = file.findings.find((entry) => entry.ruleId === 'integration-content-handling')!
    expect(handling).toMatchObject({severity: 'error', httpMethod: 'PUT', resourcePath: '/images'})
    expect(file.lines[handling.line]!.trim()).toBe('"ContentHandling": "CONVERT_TO_TEXT",')
    expect(handling.fix).toMatch(/contentHandling: apigateway\.ContentHandling\.CONVERT_TO_BINARY/)
    expect(report.inSync).toBe(false)
  })

  it('image/png in both: no error or warning', async () => {
    const outdir = await synthesize({restApiTypes: ['image/png'], specTypes: ['image/png']})
    folders.push(outdir)
    const report = await lintPaths({paths: [outdir], cwd: process.cwd()})
    expect(report.files.map((file) => file.format)).toEqual(['cdk'])
    expect(report.findings.filter((entry) => entry.severity !== 'info')).toEqual([])
    expect(report.inSync).toBe(true)
  })
})
