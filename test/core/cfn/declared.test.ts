// What a template declares about one REST API's binary handling: binary media types and where they are
// written, and per live route the template's method and its contentHandling, kept apart from "absent"
// and "not readable".
import {type DeclaredRoute, declaredBinaryHandling, declaresMediaType, responseHandling} from '../../../src/core/cfn/declared.js'
import {CfnTemplateError, parseTemplate} from '../../../src/core/cfn/template.js'
import {CDK_THUMBNAILS, CFN_IMAGES, SAM_EXPLICIT, SAM_IMPLICIT, SERVERLESS_THUMBNAILS, bodyApiTemplate} from './templates.js'

function route(resourcePath: string, httpMethod: string): {resourcePath: string; httpMethod: string} {
  return {resourcePath, httpMethod}
}

function only(text: string, apiLogicalId: string, resourcePath: string, httpMethod: string): DeclaredRoute {
  return declaredBinaryHandling(parseTemplate(text), apiLogicalId, [route(resourcePath, httpMethod)]).routes[0]!
}

describe('Serverless Framework compiled template', () => {
  const declared = declaredBinaryHandling(parseTemplate(SERVERLESS_THUMBNAILS), 'ApiGatewayRestApi', [
    route('/thumbnails/{key}', 'GET'),
    route('/thumbnails/{key}', 'OPTIONS'),
    route('/uploads', 'PUT'),
    route('/uploads', 'OPTIONS'),
    route('/admin', 'GET'),
  ])

  test('the API: Method resources, no OpenAPI import', () => {
    expect(declared.api).toEqual({logicalId: 'ApiGatewayRestApi', type: 'AWS::ApiGateway::RestApi', definition: 'none', mode: 'default', samCors: false})
  })

  test('binary media types from provider.apiGateway.binaryMediaTypes, on the RestApi', () => {
    expect(declared.binaryMediaTypes).toEqual({
      declarations: [{place: 'property', location: 'ApiGatewayRestApi.BinaryMediaTypes', values: ['image/png', 'image/jpeg'], unresolved: false}],
      values: ['image/png', 'image/jpeg'],
      unresolved: false,
    })
  })

  test('a lambda-proxy method: AWS_PROXY, nothing declared', () => {
    expect(declared.routes[0]).toEqual({
      resourcePath: '/thumbnails/{key}',
      httpMethod: 'GET',
      source: 'method-resource',
      logicalId: 'ApiGatewayMethodThumbnailsKeyVarGet',
      integrationType: 'AWS_PROXY',
      preflight: false,
      integration: {state: 'absent'},
      responses: {},
    })
  })

  test("the CORS OPTIONS Serverless writes: MOCK, CONVERT_TO_TEXT on the integration, none on its response", () => {
    for (const preflight of [declared.routes[1]!, declared.routes[3]!]) {
      expect(preflight).toMatchObject({source: 'method-resource', integrationType: 'MOCK', preflight: true, integration: {state: 'declared', value: 'CONVERT_TO_TEXT'}})
      expect(responseHandling(preflight, '200')).toEqual({state: 'absent'})
    }
    expect(declared.routes[1]!.logicalId).toBe('ApiGatewayMethodThumbnailsKeyVarOptions')
  })

  test('an integration: lambda method with request contentHandling and its status codes', () => {
    const put = declared.routes[2]!
    expect(put).toMatchObject({logicalId: 'ApiGatewayMethodUploadsPut', integrationType: 'AWS', integration: {state: 'declared', value: 'CONVERT_TO_TEXT'}})
    expect(put.responses).toEqual({'200': {state: 'absent'}, '400': {state: 'absent'}, '500': {state: 'absent'}})
  })

  test('a live route the template does not define', () => {
    expect(declared.routes[4]).toEqual({resourcePath: '/admin', httpMethod: 'GET', source: 'not-declared', preflight: false, integration: {state: 'absent'}, responses: {}})
  })

  test('a shared API (restApiId from elsewhere) leaves the methods to another stack', () => {
    const shared = SERVERLESS_THUMBNAILS.replaceAll('"RestApiId": {"Ref": "ApiGatewayRestApi"}', '"RestApiId": "abcdef1234"')
    expect(only(shared, 'ApiGatewayRestApi', '/uploads', 'PUT').source).toBe('not-declared')
  })
})

describe('SAM with an explicit API and a DefinitionBody', () => {
  const declared = declaredBinaryHandling(parseTemplate(SAM_EXPLICIT), 'ThumbnailsApi', [
    route('/thumbnails/{key}', 'GET'),
    route('/uploads', 'PUT'),
    route('/health', 'GET'),
    route('/uploads', 'OPTIONS'),
    route('/health', 'OPTIONS'),
    route('/thumbnails/{key}', 'OPTIONS'),
  ])

  test('the API: inline definition, default mode, SAM CORS', () => {
    expect(declared.api).toEqual({logicalId: 'ThumbnailsApi', type: 'AWS::Serverless::Api', definition: 'inline', mode: 'default', samCors: true})
  })

  test('binary media types: Globals, the property in ~1 form, and the OpenAPI extension, normalised', () => {
    expect(declared.binaryMediaTypes.declarations).toEqual([
      {place: 'sam-globals', location: 'Globals.Api.BinaryMediaTypes', values: ['image/webp'], unresolved: false},
      {place: 'property', location: 'ThumbnailsApi.BinaryMediaTypes', values: ['image/png', 'image/jpeg'], unresolved: false},
      {place: 'openapi', location: 'ThumbnailsApi.DefinitionBody x-amazon-apigateway-binary-media-types', values: ['image/png', 'image/jpeg'], unresolved: false},
    ])
    expect(declared.binaryMediaTypes.values).toEqual(['image/webp', 'image/png', 'image/jpeg'])
    expect(declaresMediaType(declared.binaryMediaTypes, 'image~1png')).toBe(true)
    expect(declaresMediaType(declared.binaryMediaTypes, 'IMAGE/WEBP; q=1')).toBe(true)
    expect(declaresMediaType(declared.binaryMediaTypes, '*/*')).toBe(false)
  })

  test('an operation of the body: responses keyed by selection pattern, mapped by status code', () => {
    const get = declared.routes[0]!
    expect(get).toEqual({
      resourcePath: '/thumbnails/{key}',
      httpMethod: 'GET',
      source: 'openapi',
      integrationType: 'AWS',
      preflight: false,
      integration: {state: 'absent'},
      responses: {'200': {state: 'declared', value: 'CONVERT_TO_BINARY'}, '500': {state: 'absent'}},
    })
    expect(responseHandling(get, '200')).toEqual({state: 'declared', value: 'CONVERT_TO_BINARY'})
    expect(responseHandling(get, '404')).toEqual({state: 'absent'})
  })

  test('an aws_proxy operation of the body', () => {
    expect(declared.routes[1]).toMatchObject({source: 'openapi', integrationType: 'AWS_PROXY', integration: {state: 'absent'}, responses: {}})
  })

  test('an event SAM adds to the body: AWS_PROXY, no contentHandling', () => {
    expect(declared.routes[2]).toEqual({resourcePath: '/health', httpMethod: 'GET', source: 'sam-event', integrationType: 'AWS_PROXY', preflight: false, integration: {state: 'absent'}, responses: {}})
  })

  test('the OPTIONS SAM adds for Cors on every path, body paths and event paths alike', () => {
    for (const options of declared.routes.slice(3)) {
      expect(options).toMatchObject({source: 'sam-cors', integrationType: 'MOCK', preflight: true, integration: {state: 'absent'}, responses: {'200': {state: 'absent'}}})
    }
  })

  test('an OPTIONS written in the body wins over SAM CORS', () => {
    const text = SAM_EXPLICIT.replace(
      '          /uploads:\n',
      '          /uploads:\n            options:\n              x-amazon-apigateway-integration:\n                type: mock\n                contentHandling: CONVERT_TO_TEXT\n',
    )
    expect(only(text, 'ThumbnailsApi', '/uploads', 'OPTIONS')).toMatchObject({source: 'openapi', preflight: true, integration: {state: 'declared', value: 'CONVERT_TO_TEXT'}})
  })

  test('Mode on the API, or in Globals.Api', () => {
    const merge = SAM_EXPLICIT.replace("      Cors: \"'*'\"\n", "      Cors: \"'*'\"\n      Mode: merge\n")
    expect(declaredBinaryHandling(parseTemplate(merge), 'ThumbnailsApi', []).api.mode).toBe('merge')
    const globalOverwrite = SAM_EXPLICIT.replace('  Api:\n    BinaryMediaTypes:', '  Api:\n    Mode: Overwrite\n    BinaryMediaTypes:')
    expect(declaredBinaryHandling(parseTemplate(globalOverwrite), 'ThumbnailsApi', []).api.mode).toBe('overwrite')
    const fromParameter = SAM_EXPLICIT.replace("      Cors: \"'*'\"\n", "      Cors: \"'*'\"\n      Mode: !Ref ImportMode\n")
    expect(declaredBinaryHandling(parseTemplate(fromParameter), 'ThumbnailsApi', []).api.mode).toBe('unknown')
  })

  test('DefinitionUri: the definition and part of the binary list are out of reach', () => {
    const text = SAM_EXPLICIT.replace(/ {6}DefinitionBody:[\s\S]*?\n(?= {2}ThumbnailFunction:)/, '      DefinitionUri: s3://thumbs-artifacts/openapi.yaml\n\n')
    const declared = declaredBinaryHandling(parseTemplate(text), 'ThumbnailsApi', [route('/thumbnails/{key}', 'GET')])
    expect(declared.api.definition).toBe('external')
    expect(declared.binaryMediaTypes.declarations.at(-1)).toEqual({place: 'external', location: 'ThumbnailsApi.DefinitionUri', values: [], unresolved: true})
    expect(declaresMediaType(declared.binaryMediaTypes, 'image/png')).toBe(true)
    expect(declaresMediaType(declared.binaryMediaTypes, 'application/pdf')).toBe('unknown')
    expect(declared.routes[0]).toMatchObject({source: 'unknown', integration: {state: 'unknown'}, responses: 'unknown', why: 'the OpenAPI definition is not in the template (ThumbnailsApi.DefinitionUri)'})
  })

  test('DefinitionBody through AWS::Include is out of reach too', () => {
    const text = SAM_EXPLICIT.replace(
      /( {6}DefinitionBody:)[\s\S]*?\n(?= {2}ThumbnailFunction:)/,
      "$1\n        'Fn::Transform':\n          Name: AWS::Include\n          Parameters:\n            Location: s3://thumbs-artifacts/openapi.yaml\n\n",
    )
    const declared = declaredBinaryHandling(parseTemplate(text), 'ThumbnailsApi', [route('/uploads', 'PUT')])
    expect(declared.api.definition).toBe('external')
    expect(declared.routes[0]!.source).toBe('unknown')
  })
})

describe('SAM implicit API', () => {
  const declared = declaredBinaryHandling(parseTemplate(SAM_IMPLICIT), 'ServerlessRestApi', [
    route('/thumbnails/{key}', 'GET'),
    route('/{proxy+}', 'ANY'),
    route('/{proxy+}', 'OPTIONS'),
    route('/stats', 'GET'),
  ])

  test('a generated definition, Globals.Api for binary types and CORS', () => {
    expect(declared.api).toEqual({logicalId: 'ServerlessRestApi', type: 'implicit', definition: 'generated', mode: 'default', samCors: true})
    expect(declared.binaryMediaTypes.declarations).toEqual([{place: 'sam-globals', location: 'Globals.Api.BinaryMediaTypes', values: ['*/*'], unresolved: false}])
  })

  test('routes from Api events (paths normalised, any is ANY), CORS OPTIONS, HttpApi events ignored', () => {
    expect(declared.routes.map((entry) => [entry.source, entry.integrationType])).toEqual([
      ['sam-event', 'AWS_PROXY'],
      ['sam-event', 'AWS_PROXY'],
      ['sam-cors', 'MOCK'],
      ['not-declared', undefined],
    ])
  })

  test('an event whose Path is not a literal makes unmatched routes unknown', () => {
    const text = SAM_IMPLICIT.replace('            Path: /{proxy+}', '            Path: !Sub /${Prefix}/{proxy+}')
    const declared = declaredBinaryHandling(parseTemplate(text), 'ServerlessRestApi', [route('/v1/{proxy+}', 'ANY'), route('/thumbnails/{key}', 'GET')])
    expect(declared.routes[0]).toMatchObject({source: 'unknown', why: 'event Everything of ThumbnailFunction has a Path or Method that cannot be resolved'})
    expect(declared.routes[1]!.source).toBe('sam-event')
  })

  test('an event whose RestApiId is not a Ref might belong to this API', () => {
    const text = SAM_IMPLICIT.replace('            Path: /{proxy+}', '            RestApiId: !ImportValue shared-api\n            Path: /{proxy+}')
    expect(only(text, 'ServerlessRestApi', '/{proxy+}', 'ANY')).toMatchObject({source: 'unknown', why: 'event Everything of ThumbnailFunction has a RestApiId that is not a Ref'})
  })
})

describe('CDK synthesized template', () => {
  const declared = declaredBinaryHandling(parseTemplate(CDK_THUMBNAILS), 'ThumbnailsApi9C8B7A6D', [route('/thumbnails/{key}', 'GET'), route('/thumbnails/{key}', 'OPTIONS')])

  test('integrationResponses[].contentHandling on the S3 GET', () => {
    expect(declared.routes[0]).toMatchObject({source: 'method-resource', logicalId: 'ThumbnailsApithumbnailskeyGET6E5D4C3B', integrationType: 'AWS', integration: {state: 'absent'}})
    expect(declared.routes[0]!.responses).toEqual({'200': {state: 'declared', value: 'CONVERT_TO_BINARY'}, '404': {state: 'absent'}})
  })

  test("addCorsPreflight's OPTIONS declares none", () => {
    expect(declared.routes[1]).toMatchObject({preflight: true, integrationType: 'MOCK', integration: {state: 'absent'}, responses: {'204': {state: 'absent'}}})
  })
})

describe('hand-written CloudFormation', () => {
  const template = parseTemplate(CFN_IMAGES)
  const declared = declaredBinaryHandling(template, 'ImagesApi', [route('/images/{name}', 'PUT'), route('/images/{name}', 'GET'), route('/images/{name}', 'OPTIONS'), route('/', 'ANY')])

  test('BinaryMediaTypes in ~1 form, one built with Fn::Join', () => {
    expect(declared.binaryMediaTypes.values).toEqual(['image/png', 'image/gif'])
    expect(declared.binaryMediaTypes.unresolved).toBe(false)
  })

  test('Integration.ContentHandling declared', () => {
    expect(declared.routes[0]).toMatchObject({logicalId: 'PutImage', integration: {state: 'declared', value: 'CONVERT_TO_BINARY'}, responses: {'200': {state: 'absent'}}})
  })

  test('a lower-case HttpMethod, and a response ContentHandling from a parameter', () => {
    const get = declared.routes[1]!
    expect(get.logicalId).toBe('GetImage')
    expect(responseHandling(get, '200')).toEqual({state: 'unknown', why: 'GetImage Integration.IntegrationResponses 200.ContentHandling is an intrinsic function'})
    expect(responseHandling(get, '404')).toEqual({state: 'absent'})
  })

  test('a hand-written MOCK OPTIONS is a preflight', () => {
    expect(declared.routes[2]).toMatchObject({logicalId: 'ImageOptions', preflight: true})
  })

  test("another API's methods are not this API's", () => {
    expect(declared.routes[3]!.source).toBe('not-declared')
    const admin = declaredBinaryHandling(template, 'AdminApi', [route('/', 'ANY')])
    expect(admin.routes[0]).toMatchObject({source: 'method-resource', logicalId: 'AdminRoot', integrationType: 'MOCK', preflight: false})
    expect(admin.binaryMediaTypes).toEqual({declarations: [], values: [], unresolved: false})
  })

  test('an unknown API is refused, naming the template\'s APIs', () => {
    expect(() => declaredBinaryHandling(template, 'Bucket', [])).toThrow(new CfnTemplateError('the template has no REST API Bucket (REST APIs: ImagesApi, AdminApi)'))
    expect(() => declaredBinaryHandling(parseTemplate('Resources:\n  B:\n    Type: AWS::S3::Bucket\n'), 'Api', [])).toThrow('(REST APIs: none)')
  })
})

describe('values that cannot be read', () => {
  test('a BinaryMediaTypes list from a parameter, or with one entry from a parameter', () => {
    const whole = CFN_IMAGES.replace(/ {6}BinaryMediaTypes:\n {8}- image~1png\n {8}- !Join \['~1', \[image, gif\]\]\n/, '      BinaryMediaTypes: !Ref BinaryTypes\n')
    const declared = declaredBinaryHandling(parseTemplate(whole), 'ImagesApi', [])
    expect(declared.binaryMediaTypes).toEqual({declarations: [{place: 'property', location: 'ImagesApi.BinaryMediaTypes', values: [], unresolved: true}], values: [], unresolved: true})
    const entry = CFN_IMAGES.replace("        - !Join ['~1', [image, gif]]\n", '        - !Ref ExtraType\n')
    const partly = declaredBinaryHandling(parseTemplate(entry), 'ImagesApi', [])
    expect(partly.binaryMediaTypes.values).toEqual(['image/png'])
    expect(declaresMediaType(partly.binaryMediaTypes, 'image/png')).toBe(true)
    expect(declaresMediaType(partly.binaryMediaTypes, 'image/gif')).toBe('unknown')
  })

  test('entries that are not media types are kept as written', () => {
    const text = CFN_IMAGES.replace('        - image~1png\n', '        - " image png "\n')
    expect(declaredBinaryHandling(parseTemplate(text), 'ImagesApi', []).binaryMediaTypes.values).toEqual(['image png', 'image/gif'])
  })

  test('a ResourceId from another stack makes the method, and every unmatched route, unknown', () => {
    const text = CFN_IMAGES.replace('      ResourceId: !Ref ImageResource\n      HttpMethod: PUT', '      ResourceId: !ImportValue images-resource-id\n      HttpMethod: PUT')
    const declared = declaredBinaryHandling(parseTemplate(text), 'ImagesApi', [route('/images/{name}', 'PUT'), route('/images/{name}', 'GET')])
    expect(declared.routes[0]).toMatchObject({source: 'unknown', why: 'method PutImage has a ResourceId or HttpMethod that cannot be resolved', integration: {state: 'unknown'}})
    expect(declared.routes[1]!.source).toBe('method-resource')
  })

  test('a Resource chain that loops is not followed forever', () => {
    const text = CFN_IMAGES.replace('      ParentId: !GetAtt ImagesApi.RootResourceId', '      ParentId: !Ref ImageResource')
    expect(only(text, 'ImagesApi', '/images/{name}', 'PUT').source).toBe('unknown')
  })

  test('an Integration, an IntegrationResponses list or an entry behind Fn::If', () => {
    const integration = CFN_IMAGES.replace('      HttpMethod: PUT\n      AuthorizationType: AWS_IAM\n      Integration:\n', '      HttpMethod: PUT\n      AuthorizationType: AWS_IAM\n      Integration: !If\n        - IsProd\n        - Type: MOCK\n        - Type: MOCK\n      Ignored:\n')
    const put = only(integration, 'ImagesApi', '/images/{name}', 'PUT')
    expect(put.integration).toEqual({state: 'unknown', why: 'PutImage Integration is not readable from the template'})
    expect(responseHandling(put, '200')).toEqual({state: 'unknown', why: 'the integration responses are not readable from the template'})
    const list = CFN_IMAGES.replace('        IntegrationResponses:\n          - StatusCode: 200\n\n', '        IntegrationResponses: !If [IsProd, [], []]\n\n')
    expect(only(list, 'ImagesApi', '/images/{name}', 'PUT').responses).toBe('unknown')
    const entry = CFN_IMAGES.replace('        IntegrationResponses:\n          - StatusCode: 200\n\n', '        IntegrationResponses:\n          - !If [IsProd, {StatusCode: 200}, {StatusCode: 201}]\n\n')
    expect(only(entry, 'ImagesApi', '/images/{name}', 'PUT').responses).toBe('unknown')
    const status = CFN_IMAGES.replace('        IntegrationResponses:\n          - StatusCode: 200\n\n', '        IntegrationResponses:\n          - StatusCode: !Ref Code\n\n')
    expect(only(status, 'ImagesApi', '/images/{name}', 'PUT').responses).toBe('unknown')
  })

  test('a ContentHandling that is no contentHandling value', () => {
    const text = CFN_IMAGES.replace('        ContentHandling: CONVERT_TO_BINARY\n', '        ContentHandling: CONVERT_TO_BYTES\n')
    expect(only(text, 'ImagesApi', '/images/{name}', 'PUT').integration).toEqual({state: 'unknown', why: 'PutImage Integration.ContentHandling is "CONVERT_TO_BYTES", not a contentHandling value'})
  })

  test('RestApiId as Fn::GetAtt Api.RestApiId names the API too', () => {
    const text = CFN_IMAGES.replace('      RestApiId: !Ref ImagesApi\n      ResourceId: !Ref ImageResource\n      HttpMethod: PUT', '      RestApiId: !GetAtt ImagesApi.RestApiId\n      ResourceId: !Ref ImageResource\n      HttpMethod: PUT')
    expect(only(text, 'ImagesApi', '/images/{name}', 'PUT').source).toBe('method-resource')
  })

  test('a Method without Integration declares nothing', () => {
    const text = CFN_IMAGES.replace('      Integration:\n        Type: MOCK\n\nOutputs', '\nOutputs')
    expect(only(text, 'AdminApi', '/', 'ANY')).toMatchObject({source: 'method-resource', preflight: false, integration: {state: 'absent'}, responses: {}})
  })
})

describe('RestApi with an OpenAPI Body', () => {
  test('inline Body: Mode, the extension, operations with lower-case values, ANY', () => {
    const declared = declaredBinaryHandling(parseTemplate(bodyApiTemplate('      Mode: merge\n')), 'ReportsApi', [route('/reports/{id}', 'GET'), route('/reports/{id}', 'ANY')])
    expect(declared.api).toEqual({logicalId: 'ReportsApi', type: 'AWS::ApiGateway::RestApi', definition: 'inline', mode: 'merge', samCors: false})
    expect(declared.binaryMediaTypes.declarations).toEqual([{place: 'openapi', location: 'ReportsApi.Body x-amazon-apigateway-binary-media-types', values: ['application/pdf'], unresolved: false}])
    expect(declared.routes[0]).toMatchObject({source: 'openapi', integrationType: 'HTTP', integration: {state: 'declared', value: 'CONVERT_TO_TEXT'}})
    expect(declared.routes[0]!.responses).toEqual({'200': {state: 'declared', value: 'CONVERT_TO_BINARY'}, '404': {state: 'absent'}})
    expect(declared.routes[1]).toMatchObject({source: 'openapi', integrationType: 'MOCK', integration: {state: 'absent'}})
  })

  test('Mode overwrite, and none', () => {
    expect(declaredBinaryHandling(parseTemplate(bodyApiTemplate('      Mode: overwrite\n')), 'ReportsApi', []).api.mode).toBe('overwrite')
    expect(declaredBinaryHandling(parseTemplate(bodyApiTemplate('')), 'ReportsApi', []).api.mode).toBe('default')
  })

  test('a Body written as a JSON string (JSON templates do this)', () => {
    const body = JSON.stringify({
      openapi: '3.0.1',
      info: {title: 'reports', version: '1'},
      'x-amazon-apigateway-binary-media-types': ['application/pdf'],
      paths: {'/reports': {post: {'x-amazon-apigateway-integration': {type: 'http', contentHandling: 'CONVERT_TO_BINARY'}}}},
    })
    const template = parseTemplate(JSON.stringify({Resources: {ReportsApi: {Type: 'AWS::ApiGateway::RestApi', Properties: {Body: body}}}}))
    const declared = declaredBinaryHandling(template, 'ReportsApi', [route('/reports', 'POST')])
    expect(declared.api.definition).toBe('inline')
    expect(declared.binaryMediaTypes.values).toEqual(['application/pdf'])
    expect(declared.routes[0]!.integration).toEqual({state: 'declared', value: 'CONVERT_TO_BINARY'})
  })

  test('a Body string that is no document, and BodyS3Location, are out of reach', () => {
    const text = parseTemplate(JSON.stringify({Resources: {ReportsApi: {Type: 'AWS::ApiGateway::RestApi', Properties: {Body: '{not: [json'}}}}))
    expect(declaredBinaryHandling(text, 'ReportsApi', []).api.definition).toBe('external')
    const s3 = parseTemplate('Resources:\n  ReportsApi:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      BodyS3Location: {Bucket: b, Key: openapi.yaml}\n      BinaryMediaTypes: [application~1pdf]\n')
    const declared = declaredBinaryHandling(s3, 'ReportsApi', [route('/reports', 'GET')])
    expect(declared.api.definition).toBe('external')
    expect(declared.binaryMediaTypes).toEqual({
      declarations: [
        {place: 'property', location: 'ReportsApi.BinaryMediaTypes', values: ['application/pdf'], unresolved: false},
        {place: 'external', location: 'ReportsApi.BodyS3Location', values: [], unresolved: true},
      ],
      values: ['application/pdf'],
      unresolved: true,
    })
    expect(declared.routes[0]).toMatchObject({source: 'unknown', why: 'the OpenAPI definition is not in the template (ReportsApi.BodyS3Location)'})
  })

  test('a Method resource next to the Body wins for its route', () => {
    const text = `${bodyApiTemplate('')}  ReportsResource:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref ReportsApi, ParentId: !GetAtt ReportsApi.RootResourceId, PathPart: reports}
  ReportResource:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref ReportsApi, ParentId: !Ref ReportsResource, PathPart: '{id}'}
  GetReport:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref ReportsApi
      ResourceId: !Ref ReportResource
      HttpMethod: GET
      Integration: {Type: HTTP_PROXY, ContentHandling: CONVERT_TO_BINARY}
`
    expect(only(text, 'ReportsApi', '/reports/{id}', 'GET')).toMatchObject({source: 'method-resource', logicalId: 'GetReport', integration: {state: 'declared', value: 'CONVERT_TO_BINARY'}})
  })
})
