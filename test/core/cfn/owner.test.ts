// Who owns an API: the stack from its tags, the tool from the stack's resources and template.
import {LOGICAL_ID_TAG, STACK_ID_TAG, STACK_NAME_TAG, type StackResource, classifyOwner} from '../../../src/core/cfn/owner.js'
import {parseTemplate} from '../../../src/core/cfn/template.js'
import {CDK_THUMBNAILS, CFN_IMAGES, SAM_EXPLICIT, SERVERLESS_THUMBNAILS} from './templates.js'

function stackTags(stackName: string, logicalId: string): Record<string, string> {
  return {
    [STACK_NAME_TAG]: stackName,
    [STACK_ID_TAG]: `arn:aws:cloudformation:eu-west-1:123456789012:stack/${stackName}/0f0e0d0c-1111-2222-3333-444455556666`,
    [LOGICAL_ID_TAG]: logicalId,
  }
}

describe('classifyOwner', () => {
  test('Serverless Framework: compiled template and tags', () => {
    const owner = classifyOwner({tags: stackTags('thumbnails-dev', 'ApiGatewayRestApi'), template: parseTemplate(SERVERLESS_THUMBNAILS)})
    expect(owner).toMatchObject({kind: 'serverless', stackName: 'thumbnails-dev', logicalId: 'ApiGatewayRestApi'})
    expect(owner!.stackId).toMatch(/^arn:aws:cloudformation:eu-west-1:123456789012:stack\/thumbnails-dev\//)
    expect(owner!.reasons).toEqual([
      'tag aws:cloudformation:stack-name is thumbnails-dev',
      'tag aws:cloudformation:logical-id is ApiGatewayRestApi',
      'resource ServerlessDeploymentBucket (Serverless Framework)',
      'output ServerlessDeploymentBucketName (Serverless Framework)',
      'resource ApiGatewayDeployment1718000000000: Serverless Framework names a new Deployment on every deploy',
      'resource IamRoleLambdaExecution (Serverless Framework default role)',
      'REST API logical id ApiGatewayRestApi (Serverless Framework naming)',
      'output ServiceEndpoint (Serverless Framework)',
    ])
  })

  test('Serverless Framework from stack resources alone (no template read)', () => {
    const resources: StackResource[] = [
      {logicalId: 'ApiGatewayRestApi', type: 'AWS::ApiGateway::RestApi', physicalId: 'a1b2c3d4e5'},
      {logicalId: 'ApiGatewayDeployment1718000000000', type: 'AWS::ApiGateway::Deployment', physicalId: 'dep123'},
      {logicalId: 'ThumbnailLambdaFunction', type: 'AWS::Lambda::Function', physicalId: 'thumbnails-dev-thumbnail'},
    ]
    const owner = classifyOwner({restApiId: 'a1b2c3d4e5', resources})
    expect(owner).toMatchObject({kind: 'serverless', logicalId: 'ApiGatewayRestApi'})
    expect(owner!.stackName).toBeUndefined()
    expect(owner!.reasons[0]).toBe("stack resource ApiGatewayRestApi has the API's id")
  })

  test("Serverless Framework's fixed names count only together", () => {
    const both = classifyOwner({resources: [{logicalId: 'ApiGatewayRestApi', type: 'AWS::ApiGateway::RestApi'}, {logicalId: 'ApiGatewayMethodUsersGet', type: 'AWS::ApiGateway::Method'}]})
    expect(both!.kind).toBe('serverless')
    const alone = classifyOwner({resources: [{logicalId: 'ApiGatewayRestApi', type: 'AWS::ApiGateway::RestApi'}]})
    expect(alone!.kind).toBe('cloudformation')
  })

  test('SAM with an explicit API: transform and AWS::Serverless types in the original template', () => {
    const owner = classifyOwner({tags: stackTags('thumbs', 'ThumbnailsApi'), template: parseTemplate(SAM_EXPLICIT)})
    expect(owner!.kind).toBe('sam')
    expect(owner!.reasons).toContain('Transform AWS::Serverless-2016-10-31 (SAM)')
    expect(owner!.reasons).toContain('resources of type AWS::Serverless::Api, AWS::Serverless::Function (SAM)')
  })

  test("SAM's implicit API from tags and processed stack resources, without the template", () => {
    const resources: StackResource[] = [
      {logicalId: 'ServerlessRestApi', type: 'AWS::ApiGateway::RestApi', physicalId: 'q1w2e3r4t5'},
      {logicalId: 'ServerlessRestApiDeployment47fc2d5f9d', type: 'AWS::ApiGateway::Deployment'},
      {logicalId: 'ServerlessRestApiProdStage', type: 'AWS::ApiGateway::Stage', physicalId: 'Prod'},
      {logicalId: 'ThumbnailFunction', type: 'AWS::Lambda::Function'},
    ]
    const owner = classifyOwner({tags: stackTags('lambda-cobol-stack', 'ServerlessRestApi'), restApiId: 'q1w2e3r4t5', resources})
    expect(owner!.kind).toBe('sam')
    expect(owner!.reasons).toEqual([
      'tag aws:cloudformation:stack-name is lambda-cobol-stack',
      'tag aws:cloudformation:logical-id is ServerlessRestApi',
      "REST API logical id ServerlessRestApi (SAM's implicit API)",
      'resource ServerlessRestApiDeployment47fc2d5f9d: SAM names an API\'s Deployment after a hash of its definition',
    ])
  })

  test('SAM explicit API recognised by its Deployment name in the stack', () => {
    const owner = classifyOwner({
      tags: stackTags('thumbs', 'ThumbnailsApi'),
      resources: [
        {logicalId: 'ThumbnailsApi', type: 'AWS::ApiGateway::RestApi'},
        {logicalId: 'ThumbnailsApiDeployment0a1b2c3d4e', type: 'AWS::ApiGateway::Deployment'},
      ],
    })
    expect(owner!.kind).toBe('sam')
  })

  test('CDK: CDKMetadata, aws:cdk:path and the bootstrap parameter', () => {
    const owner = classifyOwner({tags: stackTags('ThumbnailStack', 'ThumbnailsApi9C8B7A6D'), template: parseTemplate(CDK_THUMBNAILS)})
    expect(owner!.kind).toBe('cdk')
    expect(owner!.reasons).toEqual([
      'tag aws:cloudformation:stack-name is ThumbnailStack',
      'tag aws:cloudformation:logical-id is ThumbnailsApi9C8B7A6D',
      'resource CDKMetadata of type AWS::CDK::Metadata (CDK)',
      'resource ThumbnailsApi9C8B7A6D has aws:cdk:path metadata ThumbnailStack/ThumbnailsApi/Resource (CDK)',
      'parameter BootstrapVersion (CDK bootstrap)',
    ])
  })

  test('CDK from the stack resources alone', () => {
    const owner = classifyOwner({resources: [{logicalId: 'CDKMetadata', type: 'AWS::CDK::Metadata'}, {logicalId: 'RestApi0C43BF4B', type: 'AWS::ApiGateway::RestApi'}]})
    expect(owner!.kind).toBe('cdk')
    expect(owner!.reasons).toEqual(['stack resource CDKMetadata of type AWS::CDK::Metadata (CDK)'])
  })

  test('a CDK app that adds the SAM transform is CDK, with the SAM evidence still listed', () => {
    const template = parseTemplate(
      JSON.stringify({
        Transform: 'AWS::Serverless-2016-10-31',
        Resources: {
          Fn: {Type: 'AWS::Serverless::Function', Properties: {Handler: 'a.b'}, Metadata: {'aws:cdk:path': 'App/Fn'}},
        },
      }),
    )
    const owner = classifyOwner({template})
    expect(owner!.kind).toBe('cdk')
    expect(owner!.reasons).toEqual(['resource Fn has aws:cdk:path metadata App/Fn (CDK)', 'Transform AWS::Serverless-2016-10-31 (SAM)', 'resources of type AWS::Serverless::Function (SAM)'])
  })

  test('plain CloudFormation: no marker of any tool', () => {
    const owner = classifyOwner({tags: stackTags('images-prod', 'ImagesApi'), template: parseTemplate(CFN_IMAGES)})
    expect(owner).toEqual({
      kind: 'cloudformation',
      stackName: 'images-prod',
      stackId: stackTags('images-prod', 'ImagesApi')[STACK_ID_TAG],
      logicalId: 'ImagesApi',
      reasons: ['tag aws:cloudformation:stack-name is images-prod', 'tag aws:cloudformation:logical-id is ImagesApi', 'no Serverless Framework, SAM or CDK markers'],
    })
  })

  test('no stack at all: no tags, resources or template', () => {
    expect(classifyOwner({})).toBeUndefined()
    expect(classifyOwner({tags: {team: 'media'}, restApiId: 'a1b2c3d4e5'})).toBeUndefined()
  })
})
