// Which REST APIs a template defines, and the one `--stack NAME --logical-id ID` names.
import {parseTemplate} from '../../../src/core/cfn/template.js'
import {chooseRestApi, restApiResources} from '../../../src/core/cfn/template-rest-apis.js'
import {CDK_THUMBNAILS, CFN_IMAGES, SAM_EXPLICIT, SAM_IMPLICIT, SERVERLESS_THUMBNAILS} from './templates.js'

describe('restApiResources', () => {
  test.each([
    ['Serverless', SERVERLESS_THUMBNAILS, [{logicalId: 'ApiGatewayRestApi', type: 'AWS::ApiGateway::RestApi'}]],
    ['SAM explicit (every event names the API)', SAM_EXPLICIT, [{logicalId: 'ThumbnailsApi', type: 'AWS::Serverless::Api'}]],
    ['SAM implicit', SAM_IMPLICIT, [{logicalId: 'ServerlessRestApi', type: 'implicit'}]],
    ['CDK', CDK_THUMBNAILS, [{logicalId: 'ThumbnailsApi9C8B7A6D', type: 'AWS::ApiGateway::RestApi'}]],
    ['CloudFormation with two APIs', CFN_IMAGES, [{logicalId: 'ImagesApi', type: 'AWS::ApiGateway::RestApi'}, {logicalId: 'AdminApi', type: 'AWS::ApiGateway::RestApi'}]],
  ])('%s', (_name, text, expected) => {
    expect(restApiResources(parseTemplate(text))).toEqual(expected)
  })

  test('SAM with an explicit API and events without RestApiId has both, the implicit one last', () => {
    const template = parseTemplate(SAM_EXPLICIT.replace('            RestApiId: !Ref ThumbnailsApi\n            Path: /health', '            Path: /health'))
    expect(restApiResources(template)).toEqual([
      {logicalId: 'ThumbnailsApi', type: 'AWS::Serverless::Api'},
      {logicalId: 'ServerlessRestApi', type: 'implicit'},
    ])
  })

  test('an explicitly declared ServerlessRestApi is not listed twice', () => {
    const template = parseTemplate(SAM_IMPLICIT.replace('Resources:\n', 'Resources:\n  ServerlessRestApi:\n    Type: AWS::Serverless::Api\n    Properties: {StageName: Prod}\n'))
    expect(restApiResources(template)).toEqual([{logicalId: 'ServerlessRestApi', type: 'AWS::Serverless::Api'}])
  })

  test('HTTP APIs (v2) and templates without APIs give none', () => {
    expect(restApiResources(parseTemplate('Resources:\n  Http:\n    Type: AWS::ApiGatewayV2::Api\n    Properties: {ProtocolType: HTTP}\n'))).toEqual([])
  })
})

describe('chooseRestApi', () => {
  const images = parseTemplate(CFN_IMAGES)

  test('the logical id asked for', () => {
    expect(chooseRestApi(images, 'AdminApi')).toEqual({ok: true, api: {logicalId: 'AdminApi', type: 'AWS::ApiGateway::RestApi'}})
  })

  test('several APIs and no logical id: the candidates', () => {
    expect(chooseRestApi(images)).toEqual({ok: false, problem: 'ambiguous', candidates: restApiResources(images)})
  })

  test('a logical id that is not a REST API of the template', () => {
    expect(chooseRestApi(images, 'Bucket')).toEqual({ok: false, problem: 'not-found', candidates: restApiResources(images)})
  })

  test('the only API, and none at all', () => {
    expect(chooseRestApi(parseTemplate(SAM_IMPLICIT))).toEqual({ok: true, api: {logicalId: 'ServerlessRestApi', type: 'implicit'}})
    expect(chooseRestApi(parseTemplate('Resources:\n  B:\n    Type: AWS::S3::Bucket\n'))).toEqual({ok: false, problem: 'no-rest-api', candidates: []})
  })
})
