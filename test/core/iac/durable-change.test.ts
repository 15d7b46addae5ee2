// The durable change: which settings the snippets declare, with which values, and why.
import type {ApiConfig} from '../../../src/core/api-config.js'
import type {DesiredSpec} from '../../../src/core/desired-spec.js'
import {changeFor, driftedImageApi, fixtureApi, fixtureSpec, imageApiChange, thumbnailChange} from './iac-fixtures.js'

const flagsSpec = (types: string[], extra: Partial<DesiredSpec> = {}): DesiredSpec => ({
  source: {kind: 'flags'},
  binaryMediaTypes: types,
  binaryMediaTypesMode: 'add-only',
  routes: [],
  verify: [],
  ignore: [],
  ...extra,
})

describe('the durable change', () => {
  it('covers what the image spec sets, with the values apply would leave, against the drifted working copy', () => {
    const change = imageApiChange()
    expect(change.binaryMediaTypes).toEqual({desired: ['application/octet-stream', 'image/jpeg'], live: [], added: ['application/octet-stream', 'image/jpeg'], removed: [], mode: 'add-only'})
    expect(change.methods).toEqual([
      {
        resourcePath: '/lambda',
        httpMethod: 'PUT',
        integrationType: 'AWS',
        uri: expect.stringContaining(':function:image/invocations'),
        lambdaFunction: 'image',
        preflight: false,
        proxy: false,
        because: ['spec route "PUT /lambda"'],
        integration: {desired: 'CONVERT_TO_TEXT', live: null},
        responses: [],
      },
    ])
    expect(change.differences).toBe(3)
    expect(change.stage).toBe('v1')
    expect(change.spec).toEqual({kind: 'binfix', file: 'fixtures/specs/image-api.binfix.yaml'})
  })

  it('still declares the settings of an API already in line with its spec, with no difference', () => {
    const change = changeFor(fixtureApi('image-api.corrected.oas30.json'), fixtureSpec('image-api.binfix.yaml'))
    expect(change.differences).toBe(0)
    expect(change.binaryMediaTypes?.desired).toEqual(['application/octet-stream', 'image/jpeg'])
    expect(change.methods.map((method) => [method.httpMethod, method.integration])).toEqual([['PUT', {desired: 'CONVERT_TO_TEXT', live: 'CONVERT_TO_TEXT'}]])
  })

  it('on the thumbnail service: */* and both preflights, request and response side; proxy routes are left out', () => {
    const change = thumbnailChange()
    expect(change.binaryMediaTypes?.desired).toEqual(['*/*'])
    expect(change.methods.map((method) => `${method.httpMethod} ${method.resourcePath}`)).toEqual(['OPTIONS /thumbnails/{key}', 'OPTIONS /upload'])
    for (const method of change.methods) {
      expect(method).toMatchObject({preflight: true, integrationType: 'MOCK', because: ['spec route "OPTIONS *"'], integration: {desired: 'CONVERT_TO_TEXT', live: null}})
      expect(method.responses).toEqual([{statusCode: '200', desired: 'CONVERT_TO_TEXT', live: null, covered: true}])
    }
    expect(change.differences).toBe(5)
  })

  it('covers the preflights a spec does not name when the audit fixes them (preflight-hazard)', () => {
    const change = changeFor(fixtureApi('thumbnail-service.oas30.json'), flagsSpec(['*/*']))
    expect(change.methods.map((method) => [method.resourcePath, method.because])).toEqual([
      ['/thumbnails/{key}', ['preflight-hazard']],
      ['/upload', ['preflight-hazard']],
    ])
    expect(change.methods[0]!.integration).toEqual({desired: 'CONVERT_TO_TEXT', live: null})
  })

  it('leaves out what the spec accepts as it is (ignore)', () => {
    const change = changeFor(fixtureApi('thumbnail-service.oas30.json'), flagsSpec(['*/*'], {ignore: ['preflight-hazard']}))
    expect(change.methods).toEqual([])
    expect(change.binaryMediaTypes?.added).toEqual(['*/*'])
  })

  it('exact mode removes what the spec does not list; add-only keeps it; a malformed entry is repaired', () => {
    const live: ApiConfig = {...driftedImageApi(), binaryMediaTypes: ['image/png', 'image~1jpeg']}
    const exact = changeFor(live, flagsSpec(['image/jpeg'], {source: {kind: 'binfix', file: 'b.yaml'}, binaryMediaTypesMode: 'exact'}))
    expect(exact.binaryMediaTypes).toMatchObject({desired: ['image/jpeg'], removed: ['image/png', 'image~1jpeg'], added: ['image/jpeg'], mode: 'exact'})
    const addOnly = changeFor(live, flagsSpec(['image/jpeg'], {source: {kind: 'binfix', file: 'b.yaml'}}))
    expect(addOnly.binaryMediaTypes).toMatchObject({desired: ['image/png', 'image/jpeg'], removed: ['image~1jpeg'], added: ['image/jpeg']})
  })

  it('says nothing about the list when neither the spec nor a fix does', () => {
    const spec = flagsSpec([], {source: {kind: 'binfix', file: 'b.yaml'}, routes: [{key: 'PUT /lambda', httpMethod: 'PUT', resourcePath: '/lambda', request: 'CONVERT_TO_TEXT'}]})
    const change = changeFor(driftedImageApi(), spec)
    expect(change.binaryMediaTypes).toBeNull()
    expect(change.methods).toHaveLength(1)
  })

  it('lists every integration response once one is covered, marking the covered ones; PASSTHROUGH is null', () => {
    const spec = flagsSpec([], {source: {kind: 'binfix', file: 'b.yaml'}, routes: [{key: 'GET /lambda', httpMethod: 'GET', resourcePath: '/lambda', responses: {'200': 'CONVERT_TO_BINARY'}}]})
    const [method] = changeFor(driftedImageApi(), spec).methods
    expect(method!.integration).toBeNull()
    expect(method!.responses).toEqual([
      {statusCode: '200', desired: 'CONVERT_TO_BINARY', live: null, covered: true},
      {statusCode: '500', selectionPattern: '.+', desired: null, live: null, covered: false},
    ])
  })

  it('leaves out response settings of Lambda-proxy routes, where integration responses never run', () => {
    const spec = flagsSpec([], {source: {kind: 'binfix', file: 'b.yaml'}, routes: [{key: 'GET /thumbnails/{key}', httpMethod: 'GET', resourcePath: '/thumbnails/{key}', responses: {'*': 'CONVERT_TO_BINARY'}}]})
    expect(changeFor(fixtureApi('thumbnail-service.oas30.json'), spec).methods).toEqual([])
  })

  it('has a fingerprint that follows the values, not the run', () => {
    expect(imageApiChange().fingerprint).toBe(imageApiChange().fingerprint)
    expect(imageApiChange().fingerprint).toMatch(/^[0-9a-f]{8}$/)
    expect(thumbnailChange().fingerprint).not.toBe(imageApiChange().fingerprint)
  })
})
