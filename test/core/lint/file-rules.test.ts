// The rules only a file shows, on small templates written here, each placed at its declaration; and an
// OpenAPI file (AWS's thumbnail-service fixture) judged against its spec, placed inside the document.
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {lintText} from '../../../src/core/lint/index.js'
import {placeOf, specFixture} from './support.js'

function lint(text: string, file = 'template.yaml') {
  const result = lintText(file, text)
  if ('skipped' in result) throw new Error(result.skipped)
  return result
}

const RESTAPI_WITH_BODY = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: files
      BinaryMediaTypes:
        - image/jpeg
      Body:
        openapi: 3.0.1
        info: {title: files, version: '1'}
        x-amazon-apigateway-binary-media-types:
          - image/png
        paths:
          /files:
            get:
              x-amazon-apigateway-integration:
                type: http_proxy
                httpMethod: GET
                uri: !Sub https://\${AWS::Region}.example.com/files
  Deployment:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: v1
`

describe('file-only rules', () => {
  it('BinaryMediaTypes and the body list different types: a warning at the property', () => {
    const result = lint(RESTAPI_WITH_BODY)
    const conflict = result.findings.find((entry) => entry.ruleId === 'binary-media-types-conflict')!
    expect(conflict).toMatchObject({severity: 'warning', api: 'Api', ...placeOf(RESTAPI_WITH_BODY, 'BinaryMediaTypes:')})
    expect(conflict.message).toContain('[image/jpeg] as BinaryMediaTypes and [image/png]')
  })

  it('the same list in both: no conflict', () => {
    const same = RESTAPI_WITH_BODY.replace('        - image/jpeg\n', '        - image/png\n')
    expect(lint(same).findings.map((entry) => entry.ruleId)).not.toContain('binary-media-types-conflict')
  })

  it('a Deployment whose logical id never changes: a warning at it; a hashed id: none', () => {
    const result = lint(RESTAPI_WITH_BODY)
    expect(result.findings.find((entry) => entry.ruleId === 'deployment-never-redeployed')).toMatchObject({severity: 'warning', ...placeOf(RESTAPI_WITH_BODY, 'Deployment:')})
    const hashed = RESTAPI_WITH_BODY.replace('  Deployment:\n', '  Deployment3f2a9c1e7b:\n')
    expect(lint(hashed).findings.map((entry) => entry.ruleId)).not.toContain('deployment-never-redeployed')
  })

  it('a body imported without Mode (merge for new APIs): a note at the body; Mode: overwrite: none', () => {
    const result = lint(RESTAPI_WITH_BODY)
    expect(result.findings.find((entry) => entry.ruleId === 'merge-import-keeps-types')).toMatchObject({severity: 'info', ...placeOf(RESTAPI_WITH_BODY, 'Body:')})
    const overwrite = RESTAPI_WITH_BODY.replace('      Name: files\n', '      Name: files\n      Mode: overwrite\n')
    expect(lint(overwrite).findings.map((entry) => entry.ruleId)).not.toContain('merge-import-keeps-types')
  })

  it('"~1" in the body is stored as written; in the RestApi property CloudFormation reads it as "/"', () => {
    const escaped = RESTAPI_WITH_BODY.replace('          - image/png\n', '          - image~1png\n')
    const inBody = lint(escaped).findings.find((entry) => entry.ruleId === 'binary-media-type-escaping')!
    expect(inBody).toMatchObject({mediaType: 'image~1png', ...placeOf(escaped, 'image~1png')})
    const inProperty = RESTAPI_WITH_BODY.replace('        - image/jpeg\n', '        - image~1png\n')
    expect(lint(inProperty).findings.map((entry) => entry.ruleId)).not.toContain('binary-media-type-escaping')
  })

  it('the same template as JSON: the same findings, placed in the JSON', () => {
    const yaml = lint(RESTAPI_WITH_BODY)
    const json = JSON.stringify(
      {
        Resources: {
          Api: {
            Type: 'AWS::ApiGateway::RestApi',
            Properties: {
              Name: 'files',
              BinaryMediaTypes: ['image/jpeg'],
              Body: {openapi: '3.0.1', info: {title: 'files', version: '1'}, 'x-amazon-apigateway-binary-media-types': ['image/png'], paths: {'/files': {get: {'x-amazon-apigateway-integration': {type: 'http_proxy', httpMethod: 'GET', uri: 'https://example.com/files'}}}}},
            },
          },
          Deployment: {Type: 'AWS::ApiGateway::Deployment', Properties: {RestApiId: {Ref: 'Api'}, StageName: 'v1'}},
        },
      },
      null,
      2,
    )
    const result = lint(json, 'template.json')
    expect(result.findings.map((entry) => entry.ruleId)).toEqual(yaml.findings.map((entry) => entry.ruleId))
    expect(result.findings.find((entry) => entry.ruleId === 'binary-media-types-conflict')).toMatchObject(placeOf(json, '"BinaryMediaTypes"'))
  })
})

describe('an OpenAPI file', () => {
  it("the thumbnail service's document against its spec: each finding inside the document, at the setting or the integration that lacks it", () => {
    const path = fileURLToPath(new URL('../../../fixtures/apis/thumbnail-service.oas30.json', import.meta.url))
    const text = readFileSync(path, 'utf8')
    const result = lintText('thumbnail-service.oas30.json', text, specFixture('specs/thumbnail-service.binfix.yaml'))
    if ('skipped' in result) throw new Error(result.skipped)
    expect(result.format).toBe('openapi')
    const missing = result.findings.find((entry) => entry.ruleId === 'missing-binary-media-type')!
    expect(missing).toMatchObject({mediaType: '*/*', ...placeOf(text, '"info"')})
    const preflight = result.findings.find((entry) => entry.ruleId === 'integration-content-handling' && entry.httpMethod === 'OPTIONS')!
    expect(result.lines[preflight.line]!.trim()).toBe('"x-amazon-apigateway-integration": {')
    expect(preflight.fix).toMatch(/x-amazon-apigateway-integration:\n\s+contentHandling: CONVERT_TO_TEXT/)
  })
})
