// What the owner's next stack update does to each setting a fix changes: every rule of prediction.ts,
// on templates shaped as each tool writes them.
import fc from 'fast-check'

import {type DeclaredBinaryHandling, type DeclaredHandling, declaredBinaryHandling} from '../../../src/core/cfn/declared.js'
import type {OwnerKind} from '../../../src/core/cfn/owner.js'
import {type ChangedSetting, type Prediction, changeLabel, predictNextUpdate, predictionLine} from '../../../src/core/cfn/prediction.js'
import {parseTemplate} from '../../../src/core/cfn/template.js'
import type {ContentHandling} from '../../../src/core/conversion.js'
import type {SettingValue} from '../../../src/core/settings.js'
import {CDK_THUMBNAILS, CFN_IMAGES, SAM_EXPLICIT, SAM_IMPLICIT, SERVERLESS_THUMBNAILS, bodyApiTemplate} from './templates.js'

type Route = {resourcePath: string; httpMethod: string}

function declared(text: string, apiLogicalId: string, routes: Route[] = []): DeclaredBinaryHandling {
  return declaredBinaryHandling(parseTemplate(text), apiLogicalId, routes)
}

function bmt(mediaType: string, listed: boolean): ChangedSetting {
  return {setting: 'binaryMediaType', mediaType, listed}
}

function integration(httpMethod: string, resourcePath: string, contentHandling: ContentHandling | null): ChangedSetting {
  return {setting: 'integration', httpMethod, resourcePath, contentHandling}
}

function response(httpMethod: string, resourcePath: string, statusCode: string, contentHandling: ContentHandling | null): ChangedSetting {
  return {setting: 'integrationResponse', httpMethod, resourcePath, statusCode, contentHandling}
}

function predict(change: ChangedSetting, facts: DeclaredBinaryHandling, kind: OwnerKind, apiCreatedDate?: Date): Prediction {
  return predictNextUpdate([change], facts, {owner: {kind}, ...(apiCreatedDate ? {apiCreatedDate} : {})})[0]!
}

describe('binary media types on a RestApi without an OpenAPI body', () => {
  const images = declared(CFN_IMAGES, 'ImagesApi')
  const admin = declared(CFN_IMAGES, 'AdminApi')

  test('no BinaryMediaTypes in the template: CloudFormation never writes the list', () => {
    expect(predict(bmt('image/png', true), admin, 'cloudformation')).toEqual({
      change: bmt('image/png', true),
      outcome: 'kept',
      reason: 'The template declares no BinaryMediaTypes, so CloudFormation never writes the list.',
      drift: 'not-reported',
    })
    expect(predict(bmt('*/*', false), admin, 'cloudformation').outcome).toBe('kept')
  })

  test('the template lists it too (compared escape-aware)', () => {
    expect(predict(bmt('image/gif', true), images, 'cloudformation')).toMatchObject({outcome: 'kept', reason: 'The template lists it too.', drift: 'not-reported'})
  })

  test('a removal the template agrees with', () => {
    expect(predict(bmt('*/*', false), images, 'cloudformation')).toMatchObject({outcome: 'kept', reason: 'The template does not list it either.', drift: 'not-reported'})
  })

  test('an extra entry: removal by the next RestApi update is unreliable, and drift detection sees it', () => {
    expect(predict(bmt('image/webp', true), images, 'cloudformation')).toMatchObject({
      outcome: 'unknown',
      reason: "When the RestApi's properties change, CloudFormation re-applies its list, and whether that removes extra entries is unreliable (aws-cdk #24099).",
      drift: 'reported',
    })
  })

  test('removing an entry the template lists: the next RestApi update adds it back', () => {
    expect(predict(bmt('image/png', false), images, 'cloudformation')).toMatchObject({
      outcome: 'reverted',
      reason: 'The template lists it, so the next update that touches the RestApi adds it back.',
      drift: 'reported',
    })
  })

  test('a list behind an intrinsic function', () => {
    const text = CFN_IMAGES.replace("        - !Join ['~1', [image, gif]]\n", '        - !Ref ExtraType\n')
    expect(predict(bmt('image/webp', true), declared(text, 'ImagesApi'), 'cloudformation')).toMatchObject({outcome: 'unknown', drift: 'unknown'})
    expect(predict(bmt('image/png', true), declared(text, 'ImagesApi'), 'cloudformation').outcome).toBe('kept')
  })
})

describe('binary media types on an API imported from OpenAPI', () => {
  const merge = declared(bodyApiTemplate('      Mode: merge\n'), 'ReportsApi')
  const overwrite = declared(bodyApiTemplate('      Mode: overwrite\n'), 'ReportsApi')
  const noMode = declared(bodyApiTemplate(''), 'ReportsApi')

  test('Mode merge keeps live extras', () => {
    expect(predict(bmt('*/*', true), merge, 'cloudformation')).toMatchObject({
      outcome: 'kept',
      reason: 'The next import of a changed definition merges binary media types (Mode merge), which keeps live extras.',
      drift: 'not-reported',
    })
  })

  test('Mode overwrite replaces the list', () => {
    expect(predict(bmt('*/*', true), overwrite, 'cloudformation')).toMatchObject({
      outcome: 'reverted',
      reason: "The next import of a changed definition replaces the list with the template's (Mode overwrite).",
    })
    expect(predict(bmt('application/pdf', true), overwrite, 'cloudformation').outcome).toBe('kept')
  })

  test('no Mode: the API creation date decides, and without it the outcome is unknown', () => {
    expect(predict(bmt('*/*', true), noMode, 'cdk', new Date('2024-02-01T00:00:00Z'))).toMatchObject({outcome: 'kept', reason: expect.stringContaining('no Mode, API created since 2021-03-29')})
    expect(predict(bmt('*/*', true), noMode, 'cdk', new Date('2020-11-05T00:00:00Z'))).toMatchObject({outcome: 'reverted', reason: expect.stringContaining('no Mode, API created before 2021-03-29')})
    expect(predict(bmt('*/*', true), noMode, 'cdk')).toMatchObject({
      outcome: 'unknown',
      reason: 'A merge import would keep it and an overwrite would drop it; without Mode the import merges for APIs created since 2021-03-29 and overwrites older ones, and the creation date is not known.',
    })
  })

  test('Mode from an intrinsic function', () => {
    expect(predict(bmt('*/*', true), declared(bodyApiTemplate('      Mode: !Ref ImportMode\n'), 'ReportsApi'), 'cloudformation')).toMatchObject({outcome: 'unknown', reason: expect.stringContaining('Mode is an intrinsic function')})
  })

  test('removing a type the definition lists: any import adds it back', () => {
    for (const facts of [merge, overwrite, noMode]) {
      expect(predict(bmt('application/pdf', false), facts, 'cloudformation')).toMatchObject({outcome: 'reverted', reason: 'The template lists it, so the next import of a changed definition adds it back.', drift: 'not-reported'})
    }
  })

  test('an S3 definition: merge still keeps extras, overwrite and removals cannot be judged', () => {
    const s3 = (mode: string) => declared(`Resources:\n  ReportsApi:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n${mode}      BodyS3Location: {Bucket: b, Key: openapi.yaml}\n`, 'ReportsApi')
    expect(predict(bmt('*/*', true), s3('      Mode: merge\n'), 'cloudformation').outcome).toBe('kept')
    expect(predict(bmt('*/*', true), s3('      Mode: overwrite\n'), 'cloudformation')).toMatchObject({outcome: 'unknown', reason: "Part of the template's list is not readable (intrinsic function or S3)."})
    expect(predict(bmt('*/*', false), s3('      Mode: merge\n'), 'cloudformation').outcome).toBe('unknown')
  })

  test('SAM: the property it copies to the RestApi is what drift detection compares', () => {
    const sam = declared(SAM_EXPLICIT, 'ThumbnailsApi')
    expect(predict(bmt('*/*', true), sam, 'sam', new Date('2023-05-01T00:00:00Z'))).toMatchObject({outcome: 'kept', drift: 'reported'})
    expect(predict(bmt('image/webp', false), sam, 'sam')).toMatchObject({outcome: 'reverted', drift: 'reported'})
    expect(predict(bmt('image/png', true), sam, 'sam')).toMatchObject({outcome: 'kept', drift: 'not-reported'})
  })

  test("SAM's implicit API: Globals.Api lists */*, removing it is reverted", () => {
    const implicit = declared(SAM_IMPLICIT, 'ServerlessRestApi')
    expect(predict(bmt('*/*', false), implicit, 'sam')).toMatchObject({outcome: 'reverted', drift: 'reported'})
  })
})

describe('contentHandling on Method resources', () => {
  const routes: Route[] = [
    {resourcePath: '/images/{name}', httpMethod: 'PUT'},
    {resourcePath: '/images/{name}', httpMethod: 'GET'},
    {resourcePath: '/images/{name}', httpMethod: 'OPTIONS'},
    {resourcePath: '/images/{name}', httpMethod: 'DELETE'},
  ]
  const images = declared(CFN_IMAGES, 'ImagesApi', routes)

  test('declared with the same value', () => {
    expect(predict(integration('PUT', '/images/{name}', 'CONVERT_TO_BINARY'), images, 'cloudformation')).toMatchObject({outcome: 'kept', reason: 'The template declares CONVERT_TO_BINARY too.', drift: 'not-reported'})
  })

  test('declared with another value, or cleared: written back when CloudFormation next updates the Method', () => {
    expect(predict(integration('PUT', '/images/{name}', 'CONVERT_TO_TEXT'), images, 'cloudformation')).toEqual({
      change: integration('PUT', '/images/{name}', 'CONVERT_TO_TEXT'),
      outcome: 'reverted',
      reason: 'The template declares CONVERT_TO_BINARY, which CloudFormation writes back when it next updates this Method.',
      drift: 'reported',
    })
    expect(predict(integration('PUT', '/images/{name}', null), images, 'cloudformation')).toMatchObject({outcome: 'reverted', drift: 'reported'})
  })

  test('not declared: CloudFormation leaves the Method alone, drift detection does not look', () => {
    expect(predict(response('PUT', '/images/{name}', '200', 'CONVERT_TO_BINARY'), images, 'cloudformation')).toMatchObject({
      outcome: 'kept',
      reason: 'The template does not declare it, and CloudFormation leaves a Method alone until its template changes.',
      drift: 'not-reported',
    })
    expect(predict(response('GET', '/images/{name}', '404', null), images, 'cloudformation')).toMatchObject({outcome: 'kept', reason: 'The template does not declare it either.'})
  })

  test('a response the template does not list at all counts as not declared', () => {
    expect(predict(response('PUT', '/images/{name}', '500', 'CONVERT_TO_TEXT'), images, 'cloudformation').outcome).toBe('kept')
  })

  test('a value from a parameter', () => {
    expect(predict(response('GET', '/images/{name}', '200', 'CONVERT_TO_BINARY'), images, 'cloudformation')).toMatchObject({
      outcome: 'unknown',
      reason: 'GetImage Integration.IntegrationResponses 200.ContentHandling is an intrinsic function.',
      drift: 'unknown',
    })
  })

  test('a hand-written OPTIONS in plain CloudFormation can declare it, so the usual rule applies', () => {
    expect(predict(response('OPTIONS', '/images/{name}', '200', 'CONVERT_TO_TEXT'), images, 'cloudformation').outcome).toBe('kept')
  })

  test('a method the template does not define', () => {
    expect(predict(integration('DELETE', '/images/{name}', 'CONVERT_TO_TEXT'), images, 'cloudformation')).toMatchObject({
      outcome: 'kept',
      reason: 'The template does not define this method, so CloudFormation never writes it.',
      drift: 'not-reported',
    })
  })

  test('a method the template cannot show', () => {
    const text = CFN_IMAGES.replace('      ResourceId: !Ref ImageResource\n      HttpMethod: PUT', '      ResourceId: !ImportValue images-resource-id\n      HttpMethod: PUT')
    expect(predict(integration('PUT', '/images/{name}', 'CONVERT_TO_TEXT'), declared(text, 'ImagesApi', routes), 'cloudformation')).toMatchObject({
      outcome: 'unknown',
      reason: "The template's definition of this method is not readable: method PutImage has a ResourceId or HttpMethod that cannot be resolved.",
      drift: 'unknown',
    })
  })

  test('a route that was not among those the template was read for', () => {
    expect(predict(integration('PATCH', '/images/{name}', 'CONVERT_TO_TEXT'), images, 'cloudformation')).toMatchObject({outcome: 'unknown', reason: 'The template was not read for this method.'})
  })
})

describe('Serverless Framework', () => {
  const serverless = declared(SERVERLESS_THUMBNAILS, 'ApiGatewayRestApi', [
    {resourcePath: '/thumbnails/{key}', httpMethod: 'OPTIONS'},
    {resourcePath: '/thumbnails/{key}', httpMethod: 'GET'},
    {resourcePath: '/uploads', httpMethod: 'PUT'},
  ])
  const stage = (serves: string) => `Serverless creates a new Deployment on every deploy, so the stage will then serve ${serves}.`

  test('its CORS OPTIONS response cannot be declared: kept until a CORS change rewrites the method', () => {
    expect(predict(response('OPTIONS', '/thumbnails/{key}', '200', 'CONVERT_TO_TEXT'), serverless, 'serverless')).toEqual({
      change: response('OPTIONS', '/thumbnails/{key}', '200', 'CONVERT_TO_TEXT'),
      outcome: 'unknown',
      reason: 'Serverless cannot declare this on its CORS OPTIONS (serverless #10254), so it lasts until a CORS change makes Serverless rewrite the method.',
      drift: 'not-reported',
      stage: stage('whatever survives'),
    })
  })

  test('the CONVERT_TO_TEXT Serverless declares on the OPTIONS integration', () => {
    expect(predict(integration('OPTIONS', '/thumbnails/{key}', 'CONVERT_TO_TEXT'), serverless, 'serverless')).toMatchObject({outcome: 'kept', stage: stage('this fix')})
    expect(predict(integration('OPTIONS', '/thumbnails/{key}', null), serverless, 'serverless')).toMatchObject({outcome: 'reverted', drift: 'reported', stage: stage('the reverted value')})
  })

  test('older Serverless versions wrote no ContentHandling on the OPTIONS integration either', () => {
    const old = SERVERLESS_THUMBNAILS.replaceAll('          "ContentHandling": "CONVERT_TO_TEXT",\n          "IntegrationResponses": [{', '          "IntegrationResponses": [{')
    const facts = declared(old, 'ApiGatewayRestApi', [{resourcePath: '/thumbnails/{key}', httpMethod: 'OPTIONS'}])
    expect(predict(integration('OPTIONS', '/thumbnails/{key}', 'CONVERT_TO_TEXT'), facts, 'serverless').outcome).toBe('unknown')
  })

  test('a lambda-proxy method and an integration: lambda response', () => {
    expect(predict(integration('GET', '/thumbnails/{key}', 'CONVERT_TO_BINARY'), serverless, 'serverless')).toMatchObject({outcome: 'kept', stage: stage('this fix')})
    expect(predict(response('PUT', '/uploads', '200', 'CONVERT_TO_TEXT'), serverless, 'serverless').outcome).toBe('kept')
  })

  test('binary media types from provider.apiGateway.binaryMediaTypes', () => {
    expect(predict(bmt('image/jpeg', false), serverless, 'serverless')).toMatchObject({outcome: 'reverted', stage: stage('the reverted value')})
  })
})

describe('CDK', () => {
  const cdk = declared(CDK_THUMBNAILS, 'ThumbnailsApi9C8B7A6D', [
    {resourcePath: '/thumbnails/{key}', httpMethod: 'OPTIONS'},
    {resourcePath: '/thumbnails/{key}', httpMethod: 'GET'},
  ])

  test("addCorsPreflight's OPTIONS cannot declare contentHandling", () => {
    const prediction = predict(integration('OPTIONS', '/thumbnails/{key}', 'CONVERT_TO_TEXT'), cdk, 'cdk')
    expect(prediction).toMatchObject({
      outcome: 'unknown',
      reason: "CDK's addCorsPreflight cannot declare it (clebert/aws-simple #173), so it lasts until a CORS change makes CDK rewrite the method.",
      drift: 'not-reported',
    })
    expect(prediction.stage).toBeUndefined()
  })

  test('integrationResponses contentHandling declared by the construct', () => {
    expect(predict(response('GET', '/thumbnails/{key}', '200', 'CONVERT_TO_BINARY'), cdk, 'cdk').outcome).toBe('kept')
    expect(predict(response('GET', '/thumbnails/{key}', '200', null), cdk, 'cdk')).toMatchObject({outcome: 'reverted', drift: 'reported'})
  })
})

describe('contentHandling in an OpenAPI definition', () => {
  const routes: Route[] = [
    {resourcePath: '/reports/{id}', httpMethod: 'GET'},
    {resourcePath: '/reports/{id}', httpMethod: 'ANY'},
    {resourcePath: '/admin', httpMethod: 'GET'},
  ]
  const merge = declared(bodyApiTemplate('      Mode: merge\n'), 'ReportsApi', routes)

  test('declared the same', () => {
    expect(predict(response('GET', '/reports/{id}', '200', 'CONVERT_TO_BINARY'), merge, 'cloudformation')).toMatchObject({outcome: 'kept', drift: 'not-reported'})
  })

  test('declared otherwise: the next import of a changed body writes it back, and the body is never drift-checked', () => {
    expect(predict(integration('GET', '/reports/{id}', 'CONVERT_TO_BINARY'), merge, 'cloudformation')).toMatchObject({
      outcome: 'reverted',
      reason: 'The OpenAPI definition declares CONVERT_TO_TEXT, which the next import of a changed definition writes back.',
      drift: 'not-reported',
    })
  })

  test('omitted: lost only when a changed definition is imported again', () => {
    expect(predict(response('GET', '/reports/{id}', '404', 'CONVERT_TO_TEXT'), merge, 'cloudformation')).toMatchObject({
      outcome: 'unknown',
      reason: 'The OpenAPI definition omits it, so it lasts only until the next import of a changed definition.',
      drift: 'not-reported',
    })
    expect(predict(integration('ANY', '/reports/{id}', null), merge, 'cloudformation').outcome).toBe('kept')
  })

  test('a method the definition lacks: merge keeps it, overwrite deletes it, no Mode depends on the creation date', () => {
    const change = integration('GET', '/admin', 'CONVERT_TO_TEXT')
    expect(predict(change, merge, 'cloudformation')).toMatchObject({outcome: 'kept', reason: 'The template does not define this method, and a merge import keeps it (Mode merge).'})
    expect(predict(change, declared(bodyApiTemplate('      Mode: overwrite\n'), 'ReportsApi', routes), 'cloudformation')).toMatchObject({
      outcome: 'reverted',
      reason: 'The template does not define this method, and the next overwrite import deletes it (Mode overwrite).',
    })
    expect(predict(change, declared(bodyApiTemplate(''), 'ReportsApi', routes), 'cloudformation').outcome).toBe('unknown')
  })
})

describe('SAM', () => {
  const explicit = declared(SAM_EXPLICIT, 'ThumbnailsApi', [
    {resourcePath: '/thumbnails/{key}', httpMethod: 'GET'},
    {resourcePath: '/health', httpMethod: 'GET'},
    {resourcePath: '/uploads', httpMethod: 'OPTIONS'},
  ])

  test('a response declared in the DefinitionBody', () => {
    expect(predict(response('GET', '/thumbnails/{key}', '200', 'CONVERT_TO_BINARY'), explicit, 'sam').outcome).toBe('kept')
    expect(predict(response('GET', '/thumbnails/{key}', '200', 'CONVERT_TO_TEXT'), explicit, 'sam').outcome).toBe('reverted')
  })

  test('a method SAM generates from an Api event', () => {
    expect(predict(integration('GET', '/health', 'CONVERT_TO_TEXT'), explicit, 'sam')).toMatchObject({
      outcome: 'unknown',
      reason: 'SAM generates this method without contentHandling, so it lasts only until SAM re-imports a changed definition.',
    })
  })

  test("SAM's CORS OPTIONS cannot declare it", () => {
    expect(predict(response('OPTIONS', '/uploads', '200', 'CONVERT_TO_TEXT'), explicit, 'sam')).toMatchObject({
      outcome: 'unknown',
      reason: 'SAM cannot declare contentHandling on its CORS OPTIONS (SAM #553), so it lasts only until SAM re-imports a changed definition.',
      drift: 'not-reported',
    })
  })

  test('the implicit API: generated proxy methods and CORS', () => {
    const implicit = declared(SAM_IMPLICIT, 'ServerlessRestApi', [{resourcePath: '/{proxy+}', httpMethod: 'OPTIONS'}, {resourcePath: '/{proxy+}', httpMethod: 'ANY'}])
    expect(predict(integration('OPTIONS', '/{proxy+}', 'CONVERT_TO_TEXT'), implicit, 'sam').reason).toContain('SAM #553')
    expect(predict(integration('ANY', '/{proxy+}', 'CONVERT_TO_BINARY'), implicit, 'sam').reason).toContain('SAM generates this method')
  })
})

describe('connecting to plans', () => {
  test('SettingValue from core/settings.ts is a ChangedSetting; predictions keep their order', () => {
    const values: SettingValue[] = [
      {setting: 'binaryMediaType', mediaType: 'image/webp', listed: true},
      {setting: 'integration', resourceId: 'r1', resourcePath: '/images/{name}', httpMethod: 'PUT', contentHandling: 'CONVERT_TO_TEXT'},
      {setting: 'integrationResponse', resourceId: 'r1', resourcePath: '/images/{name}', httpMethod: 'GET', statusCode: '404', contentHandling: 'CONVERT_TO_TEXT'},
    ]
    const facts = declared(CFN_IMAGES, 'ImagesApi', [{resourcePath: '/images/{name}', httpMethod: 'PUT'}, {resourcePath: '/images/{name}', httpMethod: 'GET'}])
    const predictions = predictNextUpdate(values, facts, {owner: {kind: 'cloudformation'}})
    expect(predictions.map((prediction) => [prediction.change, prediction.outcome])).toEqual([
      [values[0], 'unknown'],
      [values[1], 'reverted'],
      [values[2], 'kept'],
    ])
  })

  test('one line per prediction', () => {
    const facts = declared(CFN_IMAGES, 'ImagesApi', [{resourcePath: '/images/{name}', httpMethod: 'PUT'}])
    const [listed, handling, cleared] = predictNextUpdate([bmt('image/png', true), integration('PUT', '/images/{name}', 'CONVERT_TO_BINARY'), response('PUT', '/images/{name}', '200', null)], facts, {owner: {kind: 'cloudformation'}})
    expect(predictionLine(listed!)).toBe('binaryMediaTypes image/png listed: kept: The template lists it too.')
    expect(predictionLine(handling!)).toBe('PUT /images/{name} integration contentHandling CONVERT_TO_BINARY: kept: The template declares CONVERT_TO_BINARY too.')
    expect(changeLabel(cleared!.change)).toBe('PUT /images/{name} 200 response contentHandling PASSTHROUGH')
    expect(changeLabel(bmt('*/*', false))).toBe('binaryMediaTypes */* removed')
  })
})

describe('the rule for declared Method properties, over every combination', () => {
  const HANDLING = fc.constantFrom<ContentHandling | null>('CONVERT_TO_BINARY', 'CONVERT_TO_TEXT', null)
  const DECLARED: fc.Arbitrary<Exclude<DeclaredHandling, {state: 'unknown'}>> = fc.oneof(
    fc.constantFrom<ContentHandling>('CONVERT_TO_BINARY', 'CONVERT_TO_TEXT').map((value) => ({state: 'declared', value}) as const),
    fc.constant({state: 'absent'} as const),
  )

  test('kept when the template agrees or says nothing, reverted (and drift) when it declares another value', () => {
    fc.assert(
      fc.property(DECLARED, HANDLING, fc.constantFrom<OwnerKind>('cloudformation', 'cdk', 'serverless', 'sam'), (setting, wanted, kind) => {
        const facts: DeclaredBinaryHandling = {
          api: {logicalId: 'Api', type: 'AWS::ApiGateway::RestApi', definition: 'none', mode: 'default', samCors: false},
          binaryMediaTypes: {declarations: [], values: [], unresolved: false},
          routes: [{resourcePath: '/files', httpMethod: 'POST', source: 'method-resource', logicalId: 'PostFiles', integrationType: 'AWS', preflight: false, integration: setting, responses: {}}],
          stages: [],
        }
        const prediction = predict(integration('POST', '/files', wanted), facts, kind)
        const agrees = setting.state === 'absent' || setting.value === wanted
        expect(prediction.outcome).toBe(agrees ? 'kept' : 'reverted')
        expect(prediction.drift).toBe(agrees ? 'not-reported' : 'reported')
        expect(prediction.stage !== undefined).toBe(kind === 'serverless')
      }),
    )
  })
})
