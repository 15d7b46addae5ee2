// A stack's template without HTTP: reading it (the parsing itself is the core's, tested in
// test/core/cfn/template.test.ts), resolving its intrinsic functions, the SAM expansion and property differences.
import {CfnTemplateError} from '../../../src/core/cfn/template.js'
import {propertyDifferences} from '../../../src/sandbox/cloudformation/property-diff.js'
import {type ResolveContext, Unresolved, resolveIntrinsics} from '../../../src/sandbox/cloudformation/resolution.js'
import {expandSam} from '../../../src/sandbox/cloudformation/sam.js'
import {isSamTemplate, propertiesOf, readStackTemplate} from '../../../src/sandbox/cloudformation/stack-template.js'

describe('readStackTemplate', () => {
  it('keeps the text as declared and every section, read by the core parser', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Mappings:
  Sizes: {dev: {Memory: 256}}
Resources:
  Topic:
    Type: AWS::SNS::Topic
    DependsOn: Other
    Properties: {TopicName: !Sub '\${AWS::StackName}-t'}
  Other: {Type: AWS::SNS::Topic}
`
    const {text: kept, template} = readStackTemplate(text)
    expect(kept).toBe(text)
    expect(template.Mappings).toEqual({Sizes: {dev: {Memory: 256}}})
    expect(template.Resources.Topic).toEqual({Type: 'AWS::SNS::Topic', DependsOn: 'Other', Properties: {TopicName: {'Fn::Sub': '${AWS::StackName}-t'}}})
    expect(isSamTemplate(template)).toBe(true)
    expect(readStackTemplate('{"Resources": {"A": {"Type": "AWS::SNS::Topic"}}}').template.Resources).toEqual({A: {Type: 'AWS::SNS::Topic'}})
  })

  it('refuses what CloudFormation refuses, in its words', () => {
    expect(() => readStackTemplate('{"Resources": ')).toThrow(CfnTemplateError)
    expect(() => readStackTemplate('Description: none')).toThrow('Template format error: At least one Resources member must be defined.')
    expect(() => readStackTemplate('Resources:\n  my-topic:\n    Type: AWS::SNS::Topic\n')).toThrow('Template format error: Resource name my-topic is non alphanumeric.')
    expect(() => readStackTemplate('Resources:\n  A: {}\n')).toThrow(/Every Resources object must contain a Type member/)
  })

  it('finds the SAM transform among macros', () => {
    const macros = readStackTemplate('Transform: [{Name: AWS::Include, Parameters: {Location: s3://b/k}}, AWS::Serverless-2016-10-31]\nResources: {}\n')
    expect(isSamTemplate(macros.template)).toBe(true)
    expect(isSamTemplate(readStackTemplate('Resources: {}\n').template)).toBe(false)
  })
})

describe('resolveIntrinsics', () => {
  const context: ResolveContext = {
    region: 'eu-west-1',
    accountId: '123456789012',
    stackName: 'demo',
    stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/demo/x',
    parameters: {Stage: 'dev'},
    mappings: {Sizes: {dev: {Memory: 256}}},
    ref: (logicalId) => (logicalId === 'Api' ? 'a1b2c3d4e5' : undefined),
    getAtt: (logicalId, attribute) => (logicalId === 'Api' && attribute === 'RootResourceId' ? 'root01' : undefined),
  }

  it('resolves Ref, GetAtt, Sub, Join, Select, Split, FindInMap and the pseudo parameters', () => {
    expect(
      resolveIntrinsics(
        {
          a: {Ref: 'Api'},
          b: {'Fn::GetAtt': ['Api', 'RootResourceId']},
          c: {'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/${Stage}/${!Literal}'},
          d: {'Fn::Join': ['.', [{Ref: 'Api'}, 'execute-api', {Ref: 'AWS::URLSuffix'}]]},
          e: {'Fn::Select': [1, {'Fn::Split': [',', 'x,y,z']}]},
          f: {'Fn::FindInMap': ['Sizes', {Ref: 'Stage'}, 'Memory']},
          g: {'Fn::Sub': ['${Name}-${AWS::StackName}', {Name: {Ref: 'Stage'}}]},
          h: {Ref: 'AWS::NoValue'},
          i: [{Ref: 'AWS::NoValue'}, 'kept'],
        },
        context,
      ),
    ).toEqual({
      a: 'a1b2c3d4e5',
      b: 'root01',
      c: 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/dev/${Literal}',
      d: 'a1b2c3d4e5.execute-api.amazonaws.com',
      e: 'y',
      f: 256,
      g: 'dev-demo',
      i: ['kept'],
    })
  })

  it('resolves GetAtt in each form: a dotted string, in Sub, and with a Ref for the attribute name', () => {
    expect(
      resolveIntrinsics(
        {
          dotted: {'Fn::GetAtt': 'Api.RootResourceId'},
          sub: {'Fn::Sub': '/${Api.RootResourceId}/${ Api }'},
          named: {'Fn::GetAtt': ['Api', {Ref: 'Attribute'}]},
          data: {Condition: 'IsProd'},
        },
        {...context, parameters: {Attribute: 'RootResourceId'}},
      ),
    ).toEqual({dotted: 'root01', sub: '/root01/a1b2c3d4e5', named: 'root01', data: {Condition: 'IsProd'}})
  })

  it('gives Unresolved, with the reason, for what the sandbox cannot know', () => {
    const imported = resolveIntrinsics({Uri: {'Fn::Sub': ['${T}', {T: {'Fn::ImportValue': 'x'}}]}}, context)
    expect(imported).toBeInstanceOf(Unresolved)
    expect((imported as Unresolved).reason).toContain('Fn::ImportValue')
    expect(resolveIntrinsics({'Fn::If': ['C', 1, 2]}, context)).toBeInstanceOf(Unresolved)
    expect(resolveIntrinsics({Ref: 'Nothing'}, context)).toBeInstanceOf(Unresolved)
    expect(resolveIntrinsics({'Fn::GetAtt': ['Api', 'Arn']}, context)).toBeInstanceOf(Unresolved)
    expect(resolveIntrinsics({'Fn::GetAtt': 'Api'}, context)).toEqual(new Unresolved('a malformed Fn::GetAtt'))
    expect(resolveIntrinsics({'Fn::Sub': 'x-${AWS::NoValue}'}, context)).toEqual(new Unresolved('a malformed Fn::Sub'))
    expect(resolveIntrinsics({'Fn::FindInMap': ['Sizes', 'prod', 'Memory']}, context)).toBeInstanceOf(Unresolved)
  })
})

describe('propertyDifferences', () => {
  it('compares only what is expected: REMOVE, NOT_EQUAL, ADD for extra list items, JSON for objects', () => {
    expect(
      propertyDifferences(
        {Name: 'api', Types: ['a', 'b', 'c'], Integration: {ContentHandling: 'CONVERT_TO_TEXT', Type: 'MOCK', Nested: {X: 1}}, Flag: 'false'},
        {Name: 'api', Types: ['a', 'x'], Integration: {Type: 'MOCK', Extra: 'ignored'}, Flag: false, Other: 1},
      ),
    ).toEqual([
      {PropertyPath: '/Types/1', ExpectedValue: 'b', ActualValue: 'x', DifferenceType: 'NOT_EQUAL'},
      {PropertyPath: '/Types/2', ExpectedValue: 'c', ActualValue: 'null', DifferenceType: 'REMOVE'},
      {PropertyPath: '/Integration/ContentHandling', ExpectedValue: 'CONVERT_TO_TEXT', ActualValue: 'null', DifferenceType: 'REMOVE'},
      {PropertyPath: '/Integration/Nested', ExpectedValue: '{"X":1}', ActualValue: 'null', DifferenceType: 'REMOVE'},
    ])
    expect(propertyDifferences({Types: ['a']}, {Types: ['a', {k: 'v'}]})).toEqual([{PropertyPath: '/Types/1', ExpectedValue: 'null', ActualValue: '{"k":"v"}', DifferenceType: 'ADD'}])
    expect(propertyDifferences({'a/b': 1}, {'a/b': 2})[0]!.PropertyPath).toBe('/a~1b')
  })
})

describe('expandSam', () => {
  it('turns an Api and a Function into the resources SAM generates, with its logical ids', () => {
    const processed = expandSam(
      readStackTemplate(`Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
Resources:
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      BinaryMediaTypes: ['image~1png']
      DefinitionBody: {openapi: 3.0.1, info: {title: t, version: '1'}, paths: {}}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      CodeUri: src/
      Events:
        Get:
          Type: Api
          Properties: {RestApiId: !Ref MyApi, Path: /items/, Method: get}
`).template,
    )
    expect(processed.Transform).toBeUndefined()
    expect(processed.Globals).toBeUndefined()
    const types = Object.fromEntries(Object.entries(processed.Resources).map(([id, resource]) => [id, resource.Type]))
    expect(types).toEqual({
      MyApi: 'AWS::ApiGateway::RestApi',
      [Object.keys(types).find((id) => id.startsWith('MyApiDeployment'))!]: 'AWS::ApiGateway::Deployment',
      MyApiProdStage: 'AWS::ApiGateway::Stage',
      FnRole: 'AWS::IAM::Role',
      Fn: 'AWS::Lambda::Function',
      FnGetPermissionProd: 'AWS::Lambda::Permission',
    })
    expect(Object.keys(types).find((id) => id.startsWith('MyApiDeployment'))).toMatch(/^MyApiDeployment[0-9a-f]{10}$/)
    const api = propertiesOf(processed.Resources.MyApi)
    expect(api['BinaryMediaTypes']).toEqual(['image~1png'])
    expect((api['Body'] as Record<string, unknown>)['x-amazon-apigateway-binary-media-types']).toEqual(['image/png'])
    expect(processed.Resources.Fn!.Properties).toMatchObject({Runtime: 'nodejs22.x', Role: {'Fn::GetAtt': ['FnRole', 'Arn']}})
    expect((propertiesOf(processed.Resources.FnGetPermissionProd)['SourceArn'] as Record<string, unknown[]>)['Fn::Sub']![0]).toBe(
      'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/items',
    )
  })

  it('keeps the other transforms as written', () => {
    const include = {Name: 'AWS::Include', Parameters: {Location: 's3://b/k'}}
    const {template} = readStackTemplate(`Transform: [AWS::Serverless-2016-10-31, {Name: AWS::Include, Parameters: {Location: 's3://b/k'}}]\nResources: {}\n`)
    expect(expandSam(template).Transform).toEqual(include)
    expect(expandSam({...template, Transform: ['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31']}).Transform).toBe('AWS::LanguageExtensions')
  })
})
