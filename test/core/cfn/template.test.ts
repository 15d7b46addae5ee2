// Reading templates: JSON and YAML, long-form intrinsics and YAML short tags (which must come out as the
// long form CloudFormation expands them to), sections, and errors that name the line.
import {jest} from '@jest/globals'
import fc from 'fast-check'
import {Alias} from 'yaml'

import {getAttOf, intrinsicOf, literalText, mappingOf, refOf, splitGetAtt, substitute} from '../../../src/core/cfn/intrinsics.js'
import {type CfnValue, CfnTemplateError, TemplateParseError, parseTemplate, parseTemplateSections, transformNames} from '../../../src/core/cfn/template.js'
import {CDK_THUMBNAILS, CFN_IMAGES, SAM_EXPLICIT, SAM_IMPLICIT, SERVERLESS_THUMBNAILS} from './templates.js'

function property(valueText: string): CfnValue {
  const template = parseTemplate(`Resources:\n  R:\n    Type: AWS::X::Y\n    Properties:\n      P: ${valueText}\n`)
  return template.resources['R']!.Properties['P']!
}

function parseError(text: string): TemplateParseError {
  try {
    parseTemplate(text)
  } catch (error) {
    if (error instanceof TemplateParseError) return error
    throw error
  }
  throw new Error('expected a TemplateParseError')
}

describe('parseTemplate: whole templates', () => {
  test('a compiled Serverless template (JSON): resources, long-form intrinsics, outputs', () => {
    const template = parseTemplate(SERVERLESS_THUMBNAILS)
    expect(template.description).toBe('The AWS CloudFormation template for this Serverless application')
    expect(template.transforms).toEqual([])
    expect(Object.keys(template.resources)).toContain('ApiGatewayDeployment1718000000000')
    const resource = template.resources['ApiGatewayResourceThumbnailsKeyVar']!
    expect(resource.Type).toBe('AWS::ApiGateway::Resource')
    expect(resource.Properties).toEqual({ParentId: {Ref: 'ApiGatewayResourceThumbnails'}, PathPart: '{key}', RestApiId: {Ref: 'ApiGatewayRestApi'}})
    expect(resource.Metadata).toEqual({})
    expect(Object.keys(template.outputs)).toEqual(['ServerlessDeploymentBucketName', 'ThumbnailLambdaFunctionQualifiedArn', 'ServiceEndpoint'])
    // JSON escapes are decoded as JSON decodes them.
    const put = template.resources['ApiGatewayMethodUploadsPut']!.Properties['Integration'] as {IntegrationResponses: Array<{SelectionPattern: string}>}
    expect(put.IntegrationResponses[1]!.SelectionPattern).toBe('.*\\[400\\].*')
  })

  test('a SAM template (YAML): Transform, Globals, Parameters, short tags inside an OpenAPI body', () => {
    const template = parseTemplate(SAM_EXPLICIT)
    expect(template.transforms).toEqual(['AWS::Serverless-2016-10-31'])
    expect(template.globals).toEqual({Function: {Runtime: 'nodejs20.x', Timeout: 10}, Api: {BinaryMediaTypes: ['image~1webp']}})
    expect(template.parameters).toEqual({Stage: {Type: 'String', Default: 'prod'}})
    const api = template.resources['ThumbnailsApi']!.Properties
    expect(api['StageName']).toEqual({Ref: 'Stage'})
    const body = api['DefinitionBody'] as {paths: Record<string, {get?: Record<string, {uri: CfnValue; requestTemplates: Record<string, string>}>}>}
    expect(body.paths['/thumbnails/{key}']!.get!['x-amazon-apigateway-integration']!.uri).toEqual({
      'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ThumbnailFunction.Arn}/invocations',
    })
    expect(body.paths['/thumbnails/{key}']!.get!['x-amazon-apigateway-integration']!.requestTemplates['application/json']).toBe(`{"key": "$input.params('key')"}`)
    expect(template.outputs['ApiUrl']).toEqual({Value: {'Fn::Sub': 'https://${ThumbnailsApi}.execute-api.${AWS::Region}.amazonaws.com/${Stage}/'}})
  })

  test('CloudFormation YAML: an unquoted version date stays text, Conditions and resource Conditions are kept', () => {
    const template = parseTemplate(CFN_IMAGES)
    expect(template.conditions).toEqual({IsProd: {'Fn::Equals': [{Ref: 'AWS::StackName'}, 'images-prod']}})
    expect(template.resources['AdminRoot']!.Condition).toBe('IsProd')
    expect(template.resources['Bucket']).toEqual({Type: 'AWS::S3::Bucket', Properties: {}, Metadata: {}})
    expect(template.resources['ImagesResource']!.Properties['ParentId']).toEqual({'Fn::GetAtt': ['ImagesApi', 'RootResourceId']})
    expect(template.resources['ImagesApi']!.Properties['BinaryMediaTypes']).toEqual(['image~1png', {'Fn::Join': ['~1', ['image', 'gif']]}])
    expect(parseTemplate('AWSTemplateFormatVersion: 2010-09-09\nResources: {}\n').resources).toEqual({})
  })

  test('a CDK synth: resource Metadata, Parameters and the remaining sections', () => {
    const template = parseTemplate(CDK_THUMBNAILS)
    expect(template.resources['CDKMetadata']!.Metadata).toEqual({'aws:cdk:path': 'ThumbnailStack/CDKMetadata/Default'})
    expect(template.resources['CDKMetadata']!.Condition).toBe('CDKMetadataAvailable')
    expect(Object.keys(template.parameters)).toEqual(['BootstrapVersion'])
    expect(template.metadata).toEqual({})
  })

  test('Transform as one name, a list, or macros with parameters', () => {
    expect(parseTemplate(SAM_IMPLICIT).transforms).toEqual(['AWS::Serverless-2016-10-31'])
    const list = parseTemplate('Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\nResources: {}\n')
    expect(list.transforms).toEqual(['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31'])
    const macro = parseTemplate('Transform:\n  - Name: MyMacro\n    Parameters: {a: 1}\n  - AWS::Serverless-2016-10-31\nResources: {}\n')
    expect(macro.transforms).toEqual(['MyMacro', 'AWS::Serverless-2016-10-31'])
  })

  test('a __proto__ key stays a key', () => {
    const template = parseTemplate('Resources:\n  __proto__:\n    Type: AWS::SNS::Topic\n    Properties: {__proto__: {polluted: true}}\n')
    expect(Object.keys(template.resources)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(template.resources)).toBe(Object.prototype)
    expect(Object.keys(template.resources['__proto__']!.Properties)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  test('parseTemplateSections keeps every section and resource attribute as written', () => {
    const sections = parseTemplateSections(`AWSTemplateFormatVersion: 2010-09-09
Mappings:
  Sizes: {dev: {Memory: 256}}
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    DependsOn: [Role]
    DeletionPolicy: Retain
  Role:
    Type: AWS::IAM::Role
Outputs:
  Id: {Value: !Ref Api, Export: {Name: !Sub '\${AWS::StackName}-id'}}
`)
    expect(sections).toEqual({
      AWSTemplateFormatVersion: '2010-09-09',
      Mappings: {Sizes: {dev: {Memory: 256}}},
      Resources: {Api: {Type: 'AWS::ApiGateway::RestApi', DependsOn: ['Role'], DeletionPolicy: 'Retain'}, Role: {Type: 'AWS::IAM::Role'}},
      Outputs: {Id: {Value: {Ref: 'Api'}, Export: {Name: {'Fn::Sub': '${AWS::StackName}-id'}}}},
    })
    // Only the text is checked: sections that parseTemplate refuses are the caller's to judge.
    expect(parseTemplateSections('Description: none\n')).toEqual({Description: 'none'})
    expect(() => parseTemplateSections('- Resources\n')).toThrow(TemplateParseError)
  })

  test('YAML 1.1 scalars, as CloudFormation reads them; a date stays text and << is an ordinary key', () => {
    expect(property('yes')).toBe(true)
    expect(property('Off')).toBe(false)
    expect(property('0755')).toBe(493)
    expect(property('2024-01-31')).toBe('2024-01-31')
    const sections = parseTemplateSections('Base: &base {a: 1}\nResources:\n  R:\n    Type: X\n    Properties:\n      <<: *base\n')
    expect(sections['Resources']).toEqual({R: {Type: 'X', Properties: {'<<': {a: 1}}}})
  })

  test('template-level Metadata and aliases', () => {
    const template = parseTemplate('Metadata:\n  AWS::CloudFormation::Interface: {ParameterGroups: []}\nResources:\n  A: &shape\n    Type: AWS::SNS::Topic\n  B: *shape\n')
    expect(template.metadata).toEqual({'AWS::CloudFormation::Interface': {ParameterGroups: []}})
    expect(template.resources['B']).toEqual(template.resources['A'])
  })
})

describe('parseTemplate: YAML short tags become the long form', () => {
  test.each([
    ['!Ref ApiGatewayRestApi', {Ref: 'ApiGatewayRestApi'}],
    ["!Ref 'AWS::Region'", {Ref: 'AWS::Region'}],
    ['!GetAtt Api.RootResourceId', {'Fn::GetAtt': ['Api', 'RootResourceId']}],
    ['!GetAtt Db.Endpoint.Address', {'Fn::GetAtt': ['Db', 'Endpoint.Address']}],
    ['!GetAtt [Api, RootResourceId]', {'Fn::GetAtt': ['Api', 'RootResourceId']}],
    ['!Sub arn:aws:s3:::${Bucket}/*', {'Fn::Sub': 'arn:aws:s3:::${Bucket}/*'}],
    ['!Sub ["${A}-x", {A: !Ref B}]', {'Fn::Sub': ['${A}-x', {A: {Ref: 'B'}}]}],
    ['!Join ["~1", [image, png]]', {'Fn::Join': ['~1', ['image', 'png']]}],
    ['!If [IsProd, !Ref A, !Ref "AWS::NoValue"]', {'Fn::If': ['IsProd', {Ref: 'A'}, {Ref: 'AWS::NoValue'}]}],
    ['!Select [0, !GetAZs ""]', {'Fn::Select': [0, {'Fn::GetAZs': ''}]}],
    ['!Split [",", !ImportValue shared-list]', {'Fn::Split': [',', {'Fn::ImportValue': 'shared-list'}]}],
    ['!ImportValue shared-api-id', {'Fn::ImportValue': 'shared-api-id'}],
    ['!GetAZs', {'Fn::GetAZs': ''}],
    ['!GetAZs eu-west-1', {'Fn::GetAZs': 'eu-west-1'}],
    ['!Base64 "#!/bin/sh"', {'Fn::Base64': '#!/bin/sh'}],
    ['!Cidr [10.0.0.0/16, 4, 8]', {'Fn::Cidr': ['10.0.0.0/16', 4, 8]}],
    ['!FindInMap [Regions, !Ref "AWS::Region", Ami]', {'Fn::FindInMap': ['Regions', {Ref: 'AWS::Region'}, 'Ami']}],
    ['!Equals [!Ref Stage, prod]', {'Fn::Equals': [{Ref: 'Stage'}, 'prod']}],
    ['!Not [!Condition IsProd]', {'Fn::Not': [{Condition: 'IsProd'}]}],
    ['!And [!Condition A, !Condition B]', {'Fn::And': [{Condition: 'A'}, {Condition: 'B'}]}],
    ['!Or [!Equals [a, b], !Condition C]', {'Fn::Or': [{'Fn::Equals': ['a', 'b']}, {Condition: 'C'}]}],
    ['!Condition IsProd', {Condition: 'IsProd'}],
    ['!Transform {Name: AWS::Include, Parameters: {Location: "s3://b/openapi.yaml"}}', {'Fn::Transform': {Name: 'AWS::Include', Parameters: {Location: 's3://b/openapi.yaml'}}}],
  ])('%s', (text, expected) => {
    expect(property(text)).toEqual(expected)
  })

  test('every short form in one resource', () => {
    const template = parseTemplate(`Resources:
  A:
    Type: AWS::SNS::Topic
    Properties:
      Ref: !Ref B
      Att: !GetAtt Api.RootResourceId
      Att2: !GetAtt [Api, Deep.Attribute]
      Dotted: !GetAtt Db.Endpoint.Address
      Sub: !Sub 'x-\${AWS::Region}'
      SubList: !Sub ['\${A}', {A: !Ref C}]
      Join: !Join [':', [a, !Ref D]]
      Import: !ImportValue shared-Thing
      If: !If [IsProd, 1, 2]
      B64: !Base64 text
`)
    expect(template.resources['A']!.Properties).toEqual({
      Ref: {Ref: 'B'},
      Att: {'Fn::GetAtt': ['Api', 'RootResourceId']},
      Att2: {'Fn::GetAtt': ['Api', 'Deep.Attribute']},
      Dotted: {'Fn::GetAtt': ['Db', 'Endpoint.Address']},
      Sub: {'Fn::Sub': 'x-${AWS::Region}'},
      SubList: {'Fn::Sub': ['${A}', {A: {Ref: 'C'}}]},
      Join: {'Fn::Join': [':', ['a', {Ref: 'D'}]]},
      Import: {'Fn::ImportValue': 'shared-Thing'},
      If: {'Fn::If': ['IsProd', 1, 2]},
      B64: {'Fn::Base64': 'text'},
    })
  })

  test('JSON is read as JSON, with the same checks', () => {
    expect(parseTemplate('{"Resources": {"A": {"Type": "AWS::SNS::Topic"}}}').resources).toEqual({A: {Type: 'AWS::SNS::Topic', Properties: {}, Metadata: {}}})
    expect(() => parseTemplate('{"Resources": ')).toThrow(TemplateParseError)
  })

  test('a short tag in block style', () => {
    const template = parseTemplate('Resources:\n  R:\n    Type: X\n    Properties:\n      P: !Sub\n        - "${A}"\n        - A: !GetAtt B.C\n')
    expect(template.resources['R']!.Properties['P']).toEqual({'Fn::Sub': ['${A}', {A: {'Fn::GetAtt': ['B', 'C']}}]})
  })

  test('a tagged scalar is text', () => {
    expect(property('!Base64 true')).toEqual({'Fn::Base64': 'true'})
    expect(property('!ImportValue 42')).toEqual({'Fn::ImportValue': '42'})
  })

  test('standard YAML tags keep their meaning', () => {
    expect(property('!!str 2010')).toBe('2010')
    expect(property('!!int "42"')).toBe(42)
  })
})

// Generated long-form values, written once as JSON (long form) and once as YAML with short tags: both
// must read back as the generated value.
type Value = string | number | boolean | Value[] | {[key: string]: Value}

const NAME = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,7}$/)
const TEXT = fc.string({maxLength: 10})
const SCALAR: fc.Arbitrary<Value> = fc.oneof(TEXT, fc.integer({min: -1000, max: 1000}), fc.boolean())

const {value: VALUE} = fc.letrec<{value: Value; intrinsic: Value; argument: Value}>((tie) => ({
  value: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    SCALAR,
    tie('intrinsic'),
    fc.array(tie('value'), {maxLength: 3}),
    // Keys never look like intrinsic names, so a plain mapping never reads as a function.
    fc.dictionary(NAME.map((name) => `k${name}`), tie('value'), {maxKeys: 3}),
  ),
  // A tagged scalar is text (`!Base64 true` is the string "true"), so scalar arguments are generated as text.
  argument: fc.oneof(TEXT, tie('intrinsic'), fc.array(tie('value'), {maxLength: 3})),
  intrinsic: fc.oneof(
    NAME.map((name) => ({Ref: name})),
    fc.tuple(NAME, NAME).map(([id, attribute]) => ({'Fn::GetAtt': [id, attribute]})),
    TEXT.map((text) => ({'Fn::Sub': text})),
    fc.tuple(TEXT, fc.array(tie('value'), {maxLength: 3})).map(([delimiter, parts]) => ({'Fn::Join': [delimiter, parts]})),
    fc.tuple(NAME, tie('value'), tie('value')).map(([condition, a, b]) => ({'Fn::If': [condition, a, b]})),
    fc.tuple(fc.nat(5), tie('value')).map(([index, list]) => ({'Fn::Select': [index, list]})),
    fc.tuple(TEXT, tie('value')).map(([delimiter, text]) => ({'Fn::Split': [delimiter, text]})),
    tie('argument').map((name) => ({'Fn::ImportValue': name})),
    TEXT.map((region) => ({'Fn::GetAZs': region})),
    tie('argument').map((text) => ({'Fn::Base64': text})),
    fc.tuple(tie('value'), fc.nat(8), fc.nat(8)).map(([block, count, bits]) => ({'Fn::Cidr': [block, count, bits]})),
    fc.tuple(NAME, tie('value'), tie('value')).map(([map, key, second]) => ({'Fn::FindInMap': [map, key, second]})),
    fc.tuple(tie('value'), tie('value')).map(([a, b]) => ({'Fn::Equals': [a, b]})),
    tie('value').map((condition) => ({'Fn::Not': [condition]})),
    fc.tuple(tie('value'), tie('value')).map(([a, b]) => ({'Fn::And': [a, b]})),
    fc.tuple(tie('value'), tie('value')).map(([a, b]) => ({'Fn::Or': [a, b]})),
    NAME.map((name) => ({Condition: name})),
  ),
}))

function isIntrinsicValue(value: Value): value is {[key: string]: Value} {
  if (typeof value !== 'object' || Array.isArray(value)) return false
  const keys = Object.keys(value)
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0]!.startsWith('Fn::'))
}

/**
 * YAML flow style with short tags, as people write CloudFormation by hand. A node has one tag at most, so
 * a function whose whole argument is another function writes that one in long form (`!Base64
 * {"Fn::Sub": …}`), as the CloudFormation docs tell people to.
 */
function shortForm(value: Value): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value !== 'object') return String(value)
  if (Array.isArray(value)) return `[${value.map(shortForm).join(', ')}]`
  const keys = Object.keys(value)
  const [key] = keys
  if (keys.length === 1 && (key === 'Ref' || key === 'Condition' || key!.startsWith('Fn::'))) {
    const argument = value[key!]!
    if (key === 'Fn::GetAtt') {
      const [id, attribute] = argument as string[]
      return `!GetAtt ${id}.${attribute}`
    }
    const tag = key!.startsWith('Fn::') ? `!${key!.slice(4)}` : `!${key}`
    if (isIntrinsicValue(argument)) {
      const [inner] = Object.keys(argument)
      return `${tag} {${JSON.stringify(inner)}: ${shortForm(argument[inner!]!)}}`
    }
    return `${tag} ${shortForm(argument)}`
  }
  return `{${keys.map((name) => `${JSON.stringify(name)}: ${shortForm(value[name]!)}`).join(', ')}}`
}

describe('parseTemplate: long and short forms read the same', () => {
  test('YAML short tags read as the long form, and so does the long form written as JSON', () => {
    fc.assert(
      fc.property(VALUE, (value) => {
        const short = property(shortForm(value))
        const long = property(JSON.stringify(value))
        const json = parseTemplate(JSON.stringify({Resources: {R: {Type: 'AWS::X::Y', Properties: {P: value}}}})).resources['R']!.Properties['P']
        expect(short).toEqual(value)
        expect(long).toEqual(value)
        expect(json).toEqual(value)
      }),
      {numRuns: 300},
    )
  })
})

describe('parseTemplate: errors name the line', () => {
  test.each([
    ['YAML syntax', 'Resources:\n  A:\n    Type: X\n   Properties: 1\n', 4, /same column/],
    ['JSON syntax', '{\n "Resources": {\n  "A": {"Type" "X"}\n }\n}', 3, /Missing , or :/],
    ['unclosed JSON', '{\n "Resources": {\n  "A": {"Type": "X"}\n }\n', 5, /must end with a \}/],
    ['two short tags on one node', 'Resources:\n  A:\n    Type: X\n    Properties:\n      P: !ImportValue !Sub "${S}-id"\n', 5, /at most one tag/],
    ['an unknown tag', 'Resources:\n  A:\n    Type: X\n    Properties:\n      P: !Reference B\n', 5, /unknown tag !Reference/],
    ['!Ref with a list', 'Resources:\n  A:\n    Type: X\n    Properties:\n      P: !Ref [a, b]\n', 5, /!Ref takes a name/],
    ['!GetAtt without an attribute', 'Resources:\n  A:\n    Type: X\n    Properties:\n      P: !GetAtt Api\n', 5, /LogicalId.Attribute/],
    ['no Resources', 'AWSTemplateFormatVersion: 2010-09-09\nDescription: nothing\n', 1, /no Resources/],
    ['Resources not a mapping', 'Description: x\nResources: [a]\n', 2, /Resources must be a mapping/],
    ['a resource without Type', 'Resources:\n  Bucket:\n    Properties: {}\n  Other:\n    Type: X\n', 3, /resource Bucket has no Type/],
    ['a resource that is not a mapping', 'Resources:\n  Bucket: AWS::S3::Bucket\n', 2, /resource Bucket must be a mapping/],
    ['Properties not a mapping', 'Resources:\n  A:\n    Type: X\n    Properties:\n      - 1\n', 3, /Properties must be a mapping/],
    ['duplicate keys', 'Resources:\n  A:\n    Type: X\n  A:\n    Type: Y\n', 4, /unique/],
    ['a complex key', 'Resources:\n  A:\n    Type: X\n    Properties:\n      ? [a]\n      : 1\n', 5, /plain scalars/],
    ['a key that is another key once text (the last would win)', 'Resources:\n  A:\n    Type: X\n    Properties:\n      "1": a\n      1: b\n', 6, /^key 1 repeats key "1" of line 5, column 7/],
    ['a YAML 1.1 key that is another key once text', 'Resources:\n  A:\n    Type: X\n    Properties:\n      "true": a\n      yes: b\n', 6, /^key yes repeats key "true"/],
    ['a !!set, which CloudFormation does not support', 'Resources:\n  A:\n    Type: X\n    Properties: !!set\n      ? a\n', 4, /^tag !!set: CloudFormation does not support it$/],
    ['an !!omap', 'Resources: !!omap\n  - A: {Type: X}\n', 1, /^tag !!omap: CloudFormation/],
    ['a !!binary', 'Resources:\n  A:\n    Type: X\n    Properties:\n      P: !!binary aGk=\n', 5, /^tag !!binary: CloudFormation/],
    ['a !!timestamp', 'Resources:\n  A:\n    Type: X\n    Properties:\n      P: !!timestamp 2024-01-31\n', 5, /^tag !!timestamp: CloudFormation/],
    ['an alias inside its own anchor (read without end before)', 'Resources:\n  A: &a\n    Type: X\n    Properties: {P: *a}\n', 4, /^an alias inside the value of its own anchor$/],
    ['nesting beyond any template', `Resources: {}\nMetadata: ${'['.repeat(120)}${']'.repeat(120)}\n`, 2, /^nested more than 100 levels deep$/],
    ['nesting the YAML parser would overflow its stack on (a RangeError)', `Resources: {}\nMetadata:\n${'- '.repeat(5000)}x\n`, 3, /^nested more than 100 levels deep$/],
    ['a list, not a template', '- Resources\n', 1, /mapping of sections/],
    ['empty text', '', 1, /empty/],
  ])('%s', (_name, text, line, message) => {
    const error = parseError(text)
    expect(error).toBeInstanceOf(CfnTemplateError)
    expect(error.name).toBe('TemplateParseError')
    expect(error.line).toBe(line)
    expect(error.column).toBeGreaterThanOrEqual(1)
    expect(error.detail).toMatch(message)
    expect(error.message).toBe(`line ${line}, column ${error.column}: ${error.detail}`)
  })

  test('aliases are followed without Alias.resolve, which walks the whole document on every call', () => {
    // 20,000 aliases took a minute that way.
    const resolve = jest.spyOn(Alias.prototype, 'resolve')
    try {
      const text = `Metadata:\n  a: &a x\n  l:\n${Array(2000).fill('    - *a\n').join('')}Resources: {}\n`
      expect((parseTemplateSections(text)['Metadata'] as {l: string[]}).l).toEqual(Array(2000).fill('x'))
      expect(resolve).not.toHaveBeenCalled()
    } finally {
      resolve.mockRestore()
    }
  })

  test('an alias bomb is refused instead of expanded', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let level = 1; level < 8; level++) levels.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${String.fromCharCode(96 + level)}`).join(', ')}]`)
    const text = `Metadata:\n${levels.map((line) => `  ${line}`).join('\n')}\nResources: {}\n`
    expect(() => parseTemplate(text)).toThrow(CfnTemplateError)
  })
})

describe('intrinsics', () => {
  test('intrinsicOf recognises one-key function objects only', () => {
    expect(intrinsicOf({Ref: 'A'})).toEqual({name: 'Ref', argument: 'A'})
    expect(intrinsicOf({'Fn::Sub': 'x'})).toEqual({name: 'Fn::Sub', argument: 'x'})
    expect(intrinsicOf({Ref: 'A', Other: 1})).toBeUndefined()
    expect(intrinsicOf({Type: 'A'})).toBeUndefined()
    expect(intrinsicOf(['Ref'])).toBeUndefined()
  })

  test('refOf and getAttOf', () => {
    expect(refOf({Ref: 'Api'})).toBe('Api')
    expect(refOf({Ref: 3})).toBeUndefined()
    expect(refOf('Api')).toBeUndefined()
    expect(getAttOf({'Fn::GetAtt': ['Api', 'RootResourceId']})).toEqual({logicalId: 'Api', attribute: 'RootResourceId'})
    expect(getAttOf({'Fn::GetAtt': 'Api.RootResourceId'})).toEqual({logicalId: 'Api', attribute: 'RootResourceId'})
    expect(getAttOf({'Fn::GetAtt': 'Api'})).toBeUndefined()
    expect(getAttOf({'Fn::GetAtt': [{Ref: 'X'}, 'Arn']})).toBeUndefined()
    expect(getAttOf({Ref: 'Api'})).toBeUndefined()
  })

  test('splitGetAtt splits at the first dot and needs a logical id', () => {
    expect(splitGetAtt('Db.Endpoint.Address')).toEqual({logicalId: 'Db', attribute: 'Endpoint.Address'})
    expect(splitGetAtt('Api')).toBeUndefined()
    expect(splitGetAtt('.Arn')).toBeUndefined()
  })

  test('substitute replaces trimmed names, writes ${!Literal} as ${Literal}, and knows nothing it is not told', () => {
    const values: Record<string, string> = {Api: 'a1b2', 'Fn.Arn': 'arn:x'}
    const valueOf = (name: string) => values[name]
    expect(substitute('${Api}/${ Fn.Arn }/${!Literal}', valueOf)).toBe('a1b2/arn:x/${Literal}')
    expect(substitute('${Api}-${Other}', valueOf)).toBeUndefined()
    expect(substitute('no variables, ${unclosed', () => undefined)).toBe('no variables, ${unclosed')
  })

  test('mappingOf and transformNames', () => {
    expect(mappingOf({a: 1})).toEqual({a: 1})
    expect(mappingOf([1])).toEqual({})
    expect(mappingOf(undefined)).toEqual({})
    expect(transformNames('AWS::Serverless-2016-10-31')).toEqual(['AWS::Serverless-2016-10-31'])
    expect(transformNames([{Name: 'AWS::Include', Parameters: {}}, 'Other', 3])).toEqual(['AWS::Include', 'Other'])
    expect(transformNames(undefined)).toEqual([])
  })

  test('literalText reads literals, and Join / Sub over literals only', () => {
    expect(literalText('image~1png')).toBe('image~1png')
    expect(literalText(200)).toBe('200')
    expect(literalText(true)).toBe('true')
    expect(literalText({'Fn::Join': ['~1', ['image', 'png']]})).toBe('image~1png')
    expect(literalText({'Fn::Join': ['', ['a', {'Fn::Join': ['-', ['b', 'c']]}]]})).toBe('ab-c')
    expect(literalText({'Fn::Join': ['~1', ['image', {Ref: 'Kind'}]]})).toBeUndefined()
    expect(literalText({'Fn::Join': ['~1']})).toBeUndefined()
    expect(literalText({'Fn::Sub': 'image/png'})).toBe('image/png')
    expect(literalText({'Fn::Sub': 'cost-${!Literal}'})).toBe('cost-${Literal}')
    expect(literalText({'Fn::Sub': 'image/${Kind}'})).toBeUndefined()
    expect(literalText({'Fn::Sub': ['image/${Kind}', {Kind: 'png'}]})).toBeUndefined()
    expect(literalText({Ref: 'Kind'})).toBeUndefined()
    expect(literalText(null)).toBeUndefined()
  })
})
