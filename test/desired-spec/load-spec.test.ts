import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import fc from 'fast-check'

import type {DesiredSpec} from '../../src/core/desired-spec.js'
import {UsageError} from '../../src/core/errors.js'
import {normalizeSpecMediaType} from '../../src/core/media-type.js'
import {loadDesiredSpec, parseDesiredSpec} from '../../src/desired-spec/load-spec.js'
import {EXAMPLE_SPEC} from './example-spec.js'

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))

let scratch: string
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'binfix-spec-'))
})
afterEach(() => rmSync(scratch, {recursive: true, force: true}))

const write = (name: string, text: string) => writeFileSync(join(scratch, name), text)

describe('a binfix spec', () => {
  it('reads every field of the documented example', async () => {
    write('binfix.yaml', EXAMPLE_SPEC)
    const spec = await loadDesiredSpec({cwd: scratch})
    expect(spec).toEqual<DesiredSpec>({
      source: {kind: 'binfix', file: 'binfix.yaml'},
      api: 'a1b2c3d4e5',
      region: 'us-east-1',
      stage: 'v1',
      binaryMediaTypes: ['image/jpeg', 'application/octet-stream'],
      binaryMediaTypesMode: 'add-only',
      routes: [
        {key: 'PUT /lambda', httpMethod: 'PUT', resourcePath: '/lambda', request: 'CONVERT_TO_TEXT'},
        {key: 'GET /lambda', httpMethod: 'GET', resourcePath: '/lambda', responses: {'200': 'CONVERT_TO_BINARY'}},
        {key: 'OPTIONS *', httpMethod: 'OPTIONS', resourcePath: '*', request: 'CONVERT_TO_TEXT', responses: {'*': 'CONVERT_TO_TEXT'}},
      ],
      verify: [{route: 'GET /lambda?key=probe.jpg', accept: ['application/octet-stream', 'application/json']}],
      ignore: ['preflight-hazard'],
    })
  })

  it('needs only version; the mode defaults to add-only and the lists to empty', () => {
    expect(parseDesiredSpec('min.yaml', 'version: 1\n')).toEqual({
      source: {kind: 'binfix', file: 'min.yaml'},
      binaryMediaTypes: [],
      binaryMediaTypesMode: 'add-only',
      routes: [],
      verify: [],
      ignore: [],
    })
  })

  it.each([
    ['the ~1 form', ['image~1png'], ['image/png']],
    ['case', ['Image/PNG', 'APPLICATION/Octet-Stream'], ['image/png', 'application/octet-stream']],
    ['parameters', ['text/plain; charset=utf-8'], ['text/plain']],
    ['duplicates, keeping the first', ['image/png', 'image/jpeg', 'IMAGE/png', 'image~1jpeg'], ['image/png', 'image/jpeg']],
    ['wildcards', ['image/*', '*/*'], ['image/*', '*/*']],
  ])('normalises binaryMediaTypes: %s', (_name, written, expected) => {
    const spec = parseDesiredSpec('binfix.yaml', `version: 1\nbinaryMediaTypes: ${JSON.stringify(written)}\n`)
    expect(spec.binaryMediaTypes).toEqual(expected)
  })

  it('upper-cases methods, keeps paths and keys as written, and reads unquoted status codes', () => {
    const spec = parseDesiredSpec('binfix.yaml', 'version: 1\nroutes:\n  put /Upload/{Key}:\n    responses:\n      200: CONVERT_TO_TEXT\n  "* /status": {request: PASSTHROUGH}\n')
    expect(spec.routes).toEqual([
      {key: 'put /Upload/{Key}', httpMethod: 'PUT', resourcePath: '/Upload/{Key}', responses: {'200': 'CONVERT_TO_TEXT'}},
      {key: '* /status', httpMethod: '*', resourcePath: '/status', request: 'PASSTHROUGH'},
    ])
  })

  it('reads a route\'s transferMode, alone or next to contentHandling', () => {
    const spec = parseDesiredSpec('binfix.yaml', 'version: 1\nroutes:\n  GET /video: {transferMode: STREAM}\n  GET /json:\n    request: PASSTHROUGH\n    transferMode: BUFFERED\n')
    expect(spec.routes).toEqual([
      {key: 'GET /video', httpMethod: 'GET', resourcePath: '/video', transferMode: 'STREAM'},
      {key: 'GET /json', httpMethod: 'GET', resourcePath: '/json', request: 'PASSTHROUGH', transferMode: 'BUFFERED'},
    ])
  })

  it('accepts finding ids as well as kinds in ignore', () => {
    const spec = parseDesiredSpec('binfix.yaml', 'version: 1\nignore: [preflight-hazard, "undeployed-change:0123456789", unknown-route]\n')
    expect(spec.ignore).toEqual(['preflight-hazard', 'undeployed-change:0123456789', 'unknown-route'])
  })

  it('reads anchors, aliases and the core tags as YAML 1.2 does', () => {
    const text = [
      'version: 1',
      'binaryMediaTypes: &types [image/png, !!str application/pdf]',
      'routes:',
      '  PUT /a: &text {request: CONVERT_TO_TEXT}',
      '  PUT /b: *text',
      '  GET /a: {responses: {!!str 200: CONVERT_TO_BINARY}}',
      'verify:',
      '  - {route: GET /a, accept: *types}',
      '',
    ].join('\n')
    const spec = parseDesiredSpec('binfix.yaml', text)
    expect(spec.binaryMediaTypes).toEqual(['image/png', 'application/pdf'])
    expect(spec.routes.map((rule) => [rule.key, rule.request, rule.responses])).toEqual([
      ['PUT /a', 'CONVERT_TO_TEXT', undefined],
      ['PUT /b', 'CONVERT_TO_TEXT', undefined],
      ['GET /a', undefined, {'200': 'CONVERT_TO_BINARY'}],
    ])
    expect(spec.verify).toEqual([{route: 'GET /a', accept: ['image/png', 'application/pdf']}])
  })

  it('reads a JSON spec file', async () => {
    write('spec.json', JSON.stringify({version: 1, binaryMediaTypes: ['image/png'], binaryMediaTypesMode: 'exact'}))
    const spec = await loadDesiredSpec({cwd: scratch, specFile: 'spec.json'})
    expect(spec).toMatchObject({source: {kind: 'binfix', file: 'spec.json'}, binaryMediaTypes: ['image/png'], binaryMediaTypesMode: 'exact'})
  })
})

describe('an OpenAPI document as the spec', () => {
  const imageApiRoutes = [
    {key: 'PUT /lambda', httpMethod: 'PUT', resourcePath: '/lambda', request: 'CONVERT_TO_TEXT'},
  ]

  it.each(['image-api.oas30.json', 'image-api.swagger.json'])('%s: its binary types, and a rule for each contentHandling it sets', async (fixture) => {
    const file = `fixtures/apis/${fixture}`
    expect(await loadDesiredSpec({cwd: PROJECT_ROOT, specFile: file})).toEqual<DesiredSpec>({
      source: {kind: 'openapi', file},
      binaryMediaTypes: ['application/octet-stream', 'image/jpeg'],
      binaryMediaTypesMode: 'add-only',
      routes: imageApiRoutes as DesiredSpec['routes'],
      verify: [],
      ignore: [],
    })
  })

  it('thumbnail-service.oas30.json: a document that sets no contentHandling governs none, pinning nothing as PASSTHROUGH', async () => {
    const spec = await loadDesiredSpec({cwd: PROJECT_ROOT, specFile: 'fixtures/apis/thumbnail-service.oas30.json'})
    expect(spec?.binaryMediaTypes).toEqual([])
    expect(spec?.routes).toEqual([])
  })

  it('openapi.spec.tf.json (LocalStack): a Lambda proxy setting CONVERT_TO_TEXT gets a request rule, its integration response none', async () => {
    const spec = await loadDesiredSpec({cwd: PROJECT_ROOT, specFile: 'fixtures/localstack/files/openapi.spec.tf.json'})
    expect(spec?.routes).toEqual([{key: 'GET /', httpMethod: 'GET', resourcePath: '/', request: 'CONVERT_TO_TEXT'}])
  })

  it('is told by content, whatever the file is called, and in YAML too', async () => {
    write('binfix.yaml', 'openapi: 3.0.1\nx-amazon-apigateway-binary-media-types: [image~1png]\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration: {type: mock}\n    post: {}\n')
    const spec = await loadDesiredSpec({cwd: scratch})
    expect(spec).toMatchObject({source: {kind: 'openapi', file: 'binfix.yaml'}, binaryMediaTypes: ['image/png']})
    // Neither an operation without an integration nor an integration without contentHandling governs it.
    expect(spec?.routes).toEqual([])
  })
  it('takes an unquoted swagger: 2.0 (a number in YAML, as API Gateway does) and skips extensions among the paths', () => {
    const spec = parseDesiredSpec('api.yaml', 'swagger: 2.0\npaths:\n  x-owner: team-media\n  /a:\n    get:\n      x-amazon-apigateway-integration: {type: mock, contentHandling: CONVERT_TO_TEXT}\n')
    expect(spec.routes).toEqual([{key: 'GET /a', httpMethod: 'GET', resourcePath: '/a', request: 'CONVERT_TO_TEXT'}])
  })
})

describe('where the spec comes from', () => {
  it('is undefined without --spec, binfix.yaml or --binary-type', async () => {
    expect(await loadDesiredSpec({cwd: scratch})).toBeUndefined()
    expect(await loadDesiredSpec({cwd: scratch, binaryTypes: []})).toBeUndefined()
  })

  it('--spec wins over binfix.yaml, relative to cwd', async () => {
    write('binfix.yaml', 'version: 1\napi: from-default\n')
    mkdirSync(join(scratch, 'specs'))
    write('specs/prod.yaml', 'version: 1\napi: from-flag\n')
    expect((await loadDesiredSpec({cwd: scratch, specFile: 'specs/prod.yaml'}))?.api).toBe('from-flag')
    expect((await loadDesiredSpec({cwd: scratch}))?.api).toBe('from-default')
  })

  it('--binary-type alone is a spec of kind flags, add-only', async () => {
    expect(await loadDesiredSpec({cwd: scratch, binaryTypes: ['image~1png', 'IMAGE/PNG', 'application/pdf']})).toEqual<DesiredSpec>({
      source: {kind: 'flags'},
      binaryMediaTypes: ['image/png', 'application/pdf'],
      binaryMediaTypesMode: 'add-only',
      routes: [],
      verify: [],
      ignore: [],
    })
  })

  it('--binary-type adds to the file’s types, after them and without duplicates', async () => {
    write('binfix.yaml', 'version: 1\nbinaryMediaTypes: [image/jpeg]\nbinaryMediaTypesMode: exact\n')
    const spec = await loadDesiredSpec({cwd: scratch, binaryTypes: ['image/png', 'image/JPEG']})
    expect(spec).toMatchObject({source: {kind: 'binfix'}, binaryMediaTypes: ['image/jpeg', 'image/png'], binaryMediaTypesMode: 'exact'})
    const openapi = await loadDesiredSpec({cwd: PROJECT_ROOT, specFile: 'fixtures/apis/image-api.oas30.json', binaryTypes: ['image/png']})
    expect(openapi?.binaryMediaTypes).toEqual(['application/octet-stream', 'image/jpeg', 'image/png'])
  })

  it('refuses a --binary-type that is not a media type, naming the flag', async () => {
    const loading = loadDesiredSpec({cwd: scratch, binaryTypes: ['image/png', 'image']})
    await expect(loading).rejects.toBeInstanceOf(UsageError)
    await expect(loading).rejects.toThrow('--binary-type image: not a media type (type/subtype, such as image/png)')
  })
})

describe('normalising a media type', () => {
  it('is idempotent and yields a lower-case type/subtype without parameters', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9!#$&^_.+-]{1,12}$/)
    const written = fc.oneof(
      fc.tuple(token, token, fc.constantFrom('', '; charset=utf-8', ';q=0.5')).map(([type, subtype, parameters]) => `${type}/${subtype}${parameters}`),
      fc.tuple(token, token).map(([type, subtype]) => `${type}~1${subtype}`),
      fc.string(),
    )
    fc.assert(
      fc.property(written, (text) => {
        const once = normalizeSpecMediaType(text)
        if (once === undefined) return
        expect(once).toMatch(/^[^/;A-Z\s]+\/[^/;A-Z\s]+$/)
        expect(normalizeSpecMediaType(once)).toBe(once)
      }),
    )
  })
})
