// The owner's names in the snippets: which of a stack's logical ids each format can take (stackNames), and
// the renderings with them (the real ids in place, comments saying where they come from) and without them
// (placeholders, worded as before).
import {declaredBinaryHandling} from '../../../src/core/cfn/declared.js'
import {parseTemplate} from '../../../src/core/cfn/template.js'
import {IAC_FORMATS, type SourceNames, renderIac, stackNames} from '../../../src/core/iac/index.js'
import {CFN_IMAGES, SAM_IMPLICIT} from '../cfn/templates.js'
import {IMAGE_STACK_OWNER, THUMBNAIL_STACK_OWNER, driftedImageApi, fixtureApi, fixtureStackNames, imageApiChange, thumbnailChange} from './iac-fixtures.js'
import {type Json, yamlOf} from './syntax.js'

const thumbnailApi = () => fixtureApi('thumbnail-service.oas30.json')

describe('stackNames', () => {
  it('a Serverless-compiled stack: the RestApi and every method for CloudFormation, the methods for Serverless', () => {
    const methods = {
      'GET /status': 'ApiGatewayMethodStatusGet',
      'GET /thumbnails/{key}': 'ApiGatewayMethodThumbnailsKeyVarGet',
      'OPTIONS /thumbnails/{key}': 'ApiGatewayMethodThumbnailsKeyVarOptions',
      'POST /upload': 'ApiGatewayMethodUploadPost',
      'OPTIONS /upload': 'ApiGatewayMethodUploadOptions',
    }
    const names = (format: (typeof IAC_FORMATS)[number]) => fixtureStackNames(format, 'thumbnail-service.serverless.json', THUMBNAIL_STACK_OWNER, thumbnailApi())
    // Serverless's Deployment creates the stage through its StageName (serverless deployment.js).
    const stages = {dev: {type: 'AWS::ApiGateway::Deployment', logicalId: 'ApiGatewayDeployment1763700276971'}}
    expect(names('cloudformation')).toEqual({restApi: 'ApiGatewayRestApi', methods, source: 'stack thumbnail-service-dev', stages})
    expect(names('serverless')).toEqual({methods, source: 'stack thumbnail-service-dev'})
    // A SAM snippet writes an AWS::Serverless::Api; CDK constructs and Terraform resources are not logical ids.
    for (const format of ['sam', 'cdk', 'terraform'] as const) expect(names(format)).toEqual({})
  })

  it("a SAM stack's AWS::Serverless::Api names the SAM snippet only", () => {
    const names = (format: (typeof IAC_FORMATS)[number]) => fixtureStackNames(format, 'image-api.sam.yaml', IMAGE_STACK_OWNER, driftedImageApi())
    expect(names('sam')).toEqual({restApi: 'ApiName', source: 'stack image-api'})
    // Its methods live in the OpenAPI body: no AWS::ApiGateway::Method to name.
    for (const format of ['cloudformation', 'serverless', 'cdk', 'terraform'] as const) expect(names(format)).toEqual({})
  })

  it("SAM's implicit API has no resource to merge into: no name", () => {
    const declared = declaredBinaryHandling(parseTemplate(SAM_IMPLICIT), 'ServerlessRestApi', [{httpMethod: 'GET', resourcePath: '/thumbnails/{key}'}])
    const owner = {kind: 'sam' as const, stackName: 'thumbnails', logicalId: 'ServerlessRestApi'}
    for (const format of IAC_FORMATS) expect(stackNames(format, owner, declared)).toEqual({})
  })

  it('a hand-written template: the AWS::ApiGateway::Method resources by route', () => {
    const routes = [
      {httpMethod: 'PUT', resourcePath: '/images/{name}'},
      {httpMethod: 'GET', resourcePath: '/images/{name}'},
      {httpMethod: 'DELETE', resourcePath: '/images/{name}'},
    ]
    const declared = declaredBinaryHandling(parseTemplate(CFN_IMAGES), 'ImagesApi', routes)
    const names = stackNames('cloudformation', {kind: 'cloudformation', stackName: 'images-prod', logicalId: 'ImagesApi'}, declared)
    // DELETE is not declared: it keeps its placeholder.
    expect(names).toEqual({restApi: 'ImagesApi', methods: {'PUT /images/{name}': 'PutImage', 'GET /images/{name}': 'GetImage'}, source: 'stack images-prod'})
  })

  it('without the template: the logical id from the tags, where the tool leaves no doubt about its type', () => {
    expect(stackNames('cloudformation', {kind: 'cloudformation', stackName: 'images', logicalId: 'ImagesApi'})).toEqual({restApi: 'ImagesApi', source: 'stack images'})
    expect(stackNames('cloudformation', {kind: 'sam', stackName: 'images', logicalId: 'ImagesApi'})).toEqual({})
    expect(stackNames('sam', {kind: 'sam', stackName: 'images', logicalId: 'ImagesApi'})).toEqual({})
    expect(stackNames('cloudformation', {kind: 'cloudformation', stackName: 'images'})).toEqual({})
  })
})

describe('CloudFormation with the names of the stack', () => {
  const change = thumbnailChange()
  const names = fixtureStackNames('cloudformation', 'thumbnail-service.serverless.json', THUMBNAIL_STACK_OWNER, thumbnailApi())
  const text = renderIac('cloudformation', change, names)
  const resources = yamlOf(text)['Resources'] as Json

  it('puts the fragments and the new deployment on the real logical ids, and no second stage beside the Deployment that creates it', () => {
    const ids = ['ApiGatewayMethodThumbnailsKeyVarOptions', 'ApiGatewayMethodUploadOptions']
    expect(Object.keys(resources)).toEqual(['ApiGatewayRestApi', ...ids, `Deployment${change.fingerprint}`])
    expect(resources['ApiGatewayRestApi'].Properties).toEqual({BinaryMediaTypes: ['*/*']})
    expect(resources[`Deployment${change.fingerprint}`].DependsOn).toEqual(ids)
    expect(resources[`Deployment${change.fingerprint}`].Properties.RestApiId).toEqual({Ref: 'ApiGatewayRestApi'})
    expect(resources[`Deployment${change.fingerprint}`].Properties.StageName).toBe('dev')
    expect(text).toContain('In stack thumbnail-service-dev, replace Deployment ApiGatewayDeployment1763700276971, which creates stage')
    expect(text).toContain('dev through its StageName, with this one (StageName kept)')
  })

  it('says where each name comes from, and calls none of them a placeholder', () => {
    expect(text).toContain('ApiGatewayRestApi is its logical id in stack thumbnail-service-dev.')
    expect(text).toContain('ApiGatewayMethodUploadOptions is its logical id in stack thumbnail-service-dev. Keep the properties not shown.')
    expect(text).toContain('logical ids are placeholders unless a comment says they are from stack thumbnail-service-dev.')
    expect(text).not.toContain('stands for its logical id')
    expect(text).not.toContain('logical ids here are placeholders')
  })

  it('keeps the placeholder, and its wording, for a name the stack does not give', () => {
    const partial = renderIac('cloudformation', change, {restApi: 'ThumbnailsApi', source: 'stack thumbnails'})
    expect(partial).toContain('ThumbnailsApi is its logical id in stack thumbnails.')
    expect(partial).toContain('OptionsUploadMethod stands for its logical id. Keep the properties not shown.')
    expect(Object.keys(yamlOf(partial)['Resources'])).toContain('OptionsUploadMethod')
  })

  it('takes names given by route key', () => {
    const image = yamlOf(renderIac('cloudformation', imageApiChange(), {restApi: 'ImagesApi', methods: {'PUT /lambda': 'PutImage'}, source: 'stack images'}))['Resources'] as Json
    expect(image['PutImage'].Properties.Integration).toEqual({ContentHandling: 'CONVERT_TO_TEXT'})
    expect(image['ImagesApi'].Type).toBe('AWS::ApiGateway::RestApi')
  })

  it('names without a source are "your stack"', () => {
    expect(renderIac('cloudformation', change, {restApi: 'ThumbnailsApi'})).toContain('ThumbnailsApi is its logical id in your stack.')
  })
})

describe('SAM with the names of the stack', () => {
  const change = imageApiChange()
  const names = fixtureStackNames('sam', 'image-api.sam.yaml', IMAGE_STACK_OWNER, driftedImageApi())
  const text = renderIac('sam', change, names)

  it('the AWS::Serverless::Api under its logical id, said to be the stack\'s', () => {
    const api = yamlOf(text)['Resources'].ApiName as Json
    expect(api['Type']).toBe('AWS::Serverless::Api')
    expect(api['Properties'].BinaryMediaTypes).toEqual(['application~1octet-stream', 'image~1jpeg'])
    expect(text).toContain('The AWS::Serverless::Api of ApiName (a1b2c3d4e5); ApiName is its logical id in stack image-api.')
    expect(text).toContain("Merge into your SAM template; the logical id is the API's in stack image-api.")
    expect(text).not.toContain('stands for its logical id')
    expect(text).not.toContain('is a placeholder')
  })

  it('keeps the Globals alternative', () => {
    expect(text).toContain("For SAM's implicit API (ServerlessRestApi), or every API of the template, the list goes in Globals")
  })
})

describe('Serverless with the names of the stack', () => {
  const change = thumbnailChange()

  it('is unchanged where the stack uses the names Serverless generates', () => {
    const names = fixtureStackNames('serverless', 'thumbnail-service.serverless.json', THUMBNAIL_STACK_OWNER, thumbnailApi())
    expect(renderIac('serverless', change, names)).toBe(renderIac('serverless', change))
  })

  it("prefers the stack's logical id where it differs, and says so", () => {
    const text = renderIac('serverless', change, {methods: {'OPTIONS /upload': 'UploadPreflight'}, source: 'stack thumbnails'})
    const overrides = yamlOf(text)['resources'].Resources as Json
    expect(Object.keys(overrides)).toEqual(['ApiGatewayMethodThumbnailsKeyVarOptions', 'UploadPreflight'])
    expect(text).toContain('UploadPreflight is the logical id of OPTIONS /upload in stack thumbnails.')
    expect(text).toContain('ApiGatewayMethodThumbnailsKeyVarOptions is the logical id Serverless gives OPTIONS /thumbnails/{key}.')
  })
})

describe('without names', () => {
  const somethingNamed: SourceNames = {restApi: 'ImagesApi', methods: {'PUT /lambda': 'PutImage'}, source: 'stack images'}

  it('CloudFormation and SAM keep their placeholders and say so', () => {
    const change = imageApiChange()
    const cfn = renderIac('cloudformation', change)
    expect(Object.keys(yamlOf(cfn)['Resources'])).toEqual(['RestApi', 'PutLambdaMethod', `Deployment${change.fingerprint}`, 'StageV1'])
    expect(cfn).toContain('The AWS::ApiGateway::RestApi of ApiName (a1b2c3d4e5); RestApi stands for its logical id.')
    expect(cfn).toContain('Its AWS::ApiGateway::Method; PutLambdaMethod stands for its logical id. Keep the properties not shown.')
    expect(cfn).toContain('Merge each fragment into the resource of your template it names; logical ids here are placeholders.')
    const sam = renderIac('sam', change)
    expect(Object.keys(yamlOf(sam)['Resources'])).toEqual(['Api'])
    expect(sam).toContain('The AWS::Serverless::Api of ApiName (a1b2c3d4e5); Api stands for its logical id.')
    expect(sam).toContain('Merge into your SAM template; the logical id is a placeholder.')
  })

  it('empty names render exactly as no names', () => {
    for (const format of IAC_FORMATS) expect(renderIac(format, imageApiChange(), {})).toBe(renderIac(format, imageApiChange()))
  })

  it('CDK and Terraform take no names: theirs are construct and resource names, not logical ids', () => {
    for (const format of ['cdk', 'terraform'] as const) expect(renderIac(format, imageApiChange(), somethingNamed)).toBe(renderIac(format, imageApiChange()))
  })
})

describe("the stage of a hand-written template's AWS::ApiGateway::Stage", () => {
  const TEMPLATE = [
    'Resources:',
    '  ImagesApi:',
    '    Type: AWS::ApiGateway::RestApi',
    '    Properties: {Name: images}',
    '  ImagesDeployment:',
    '    Type: AWS::ApiGateway::Deployment',
    '    Properties: {RestApiId: !Ref ImagesApi}',
    '  ImagesStage:',
    '    Type: AWS::ApiGateway::Stage',
    '    Properties: {RestApiId: !Ref ImagesApi, DeploymentId: !Ref ImagesDeployment, StageName: v1}',
  ].join('\n')

  it('is moved to the new deployment where it is, not declared again', () => {
    const change = imageApiChange()
    const declared = declaredBinaryHandling(parseTemplate(TEMPLATE), 'ImagesApi', [{httpMethod: 'PUT', resourcePath: '/lambda'}])
    const names = stackNames('cloudformation', {kind: 'cloudformation', stackName: 'images', logicalId: 'ImagesApi'}, declared)
    expect(names.stages).toEqual({v1: {type: 'AWS::ApiGateway::Stage', logicalId: 'ImagesStage'}})
    const text = renderIac('cloudformation', change, names)
    const resources = yamlOf(text)['Resources'] as Json
    expect(Object.keys(resources)).toEqual(['ImagesApi', 'PutLambdaMethod', `Deployment${change.fingerprint}`, 'ImagesStage'])
    expect(resources['ImagesStage'].Properties).toEqual({DeploymentId: {Ref: `Deployment${change.fingerprint}`}})
    expect(text).toContain('Stage v1 is ImagesStage of stack images: change its DeploymentId to the new deployment; keep its other properties.')
  })
})
