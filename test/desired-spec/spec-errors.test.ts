// Every fault in a spec is one UsageError line: file:line:column, where, what. The positions are the
// value's (or, for key faults, the key's) first character.
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {UsageError} from '../../src/core/errors.js'
import {ExitCode} from '../../src/core/exit-codes.js'
import {loadDesiredSpec, parseDesiredSpec} from '../../src/desired-spec/load-spec.js'

const ENUM = 'must be one of CONVERT_TO_BINARY, CONVERT_TO_TEXT, PASSTHROUGH'
const TOP_KEYS = 'version, api, stack, logicalId, region, stage, binaryMediaTypes, binaryMediaTypesMode, routes, verify, verifyAuth, ignore'

function faultOf(text: string, file = 'binfix.yaml'): UsageError {
  try {
    parseDesiredSpec(file, text)
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).oclif.exit).toBe(ExitCode.usage)
    return error as UsageError
  }
  throw new Error('the spec was accepted')
}

describe('binfix spec faults', () => {
  it.each<[string, string, string]>([
    [
      'a contentHandling that is not one',
      'version: 1\nroutes:\n  "PUT /lambda":\n    request: CONVERT_TO_TXT\n',
      `binfix.yaml:4:14: routes."PUT /lambda".request ${ENUM} (got "CONVERT_TO_TXT")`,
    ],
    [
      'a response contentHandling that is not one, under an unquoted status code',
      'version: 1\nroutes:\n  GET /lambda:\n    responses:\n      200: CONVERT\n',
      `binfix.yaml:5:12: routes."GET /lambda".responses."200" ${ENUM} (got "CONVERT")`,
    ],
    ['no version', 'api: x\n', 'binfix.yaml:1:1: version is required'],
    ['another version', 'version: 2\n', 'binfix.yaml:1:10: version must be 1 (got 2)'],
    ['version as text', 'version: "1"\n', 'binfix.yaml:1:10: version must be 1 (got "1")'],
    ['an unknown top-level key', 'version: 1\nbinaryTypes: [image/png]\n', `binfix.yaml:2:1: unknown key "binaryTypes" (allowed: ${TOP_KEYS})`],
    [
      'an unknown key in a route',
      'version: 1\nroutes:\n  PUT /x:\n    requests: CONVERT_TO_TEXT\n',
      'binfix.yaml:4:5: routes."PUT /x": unknown key "requests" (allowed: request, responses, transferMode)',
    ],
    [
      'a route key that is not "METHOD /path"',
      'version: 1\nroutes:\n  GET /a: {}\n  FETCH /b: {}\n',
      'binfix.yaml:4:3: routes: key "FETCH /b" must be "METHOD /path" with METHOD one of GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS, ANY or *, and a path starting with / or *',
    ],
    [
      'a status key that is not one',
      'version: 1\nroutes:\n  GET /x:\n    responses:\n      "200": PASSTHROUGH\n      2xx: PASSTHROUGH\n',
      'binfix.yaml:6:7: routes."GET /x".responses: key "2xx" must be a status code such as "200", or "*"',
    ],
    [
      'the same route twice once methods are upper-cased',
      'version: 1\nroutes:\n  put /x: {request: PASSTHROUGH}\n  PUT /x: {}\n',
      'binfix.yaml:4:3: routes: "PUT /x" is the same route as "put /x"',
    ],
    ['a mode that is not one', 'version: 1\nbinaryMediaTypesMode: replace\n', 'binfix.yaml:2:23: binaryMediaTypesMode must be one of add-only, exact (got "replace")'],
    [
      'a media type that is not one',
      'version: 1\nbinaryMediaTypes:\n  - image/png\n  - image\n',
      'binfix.yaml:4:5: binaryMediaTypes[1] "image" is not a media type (type/subtype, such as image/png)',
    ],
    ['binaryMediaTypes as one string', 'version: 1\nbinaryMediaTypes: image/png\n', 'binfix.yaml:2:19: binaryMediaTypes must be a list (got "image/png")'],
    ['a number among the media types', 'version: 1\nbinaryMediaTypes: [image/png, 42]\n', 'binfix.yaml:2:31: binaryMediaTypes[1] must be a string (got 42)'],
    ['routes left empty', 'version: 1\nroutes:\n', 'binfix.yaml:2:8: routes must be a mapping (got nothing)'],
    [
      'an unknown ignore entry',
      'version: 1\nignore: [preflight-hazard, preflight]\n',
      'binfix.yaml:2:28: ignore[1] "preflight" is neither a finding kind nor a finding id (<kind>:<10 hex digits>)',
    ],
    ['a mistyped finding kind', 'version: 1\nignore: [undeployed-changes]\n', 'binfix.yaml:2:10: ignore[0] "undeployed-changes" is neither a finding kind nor a finding id (<kind>:<10 hex digits>); did you mean undeployed-change?'],
    ['a transfer mode that is not one', 'version: 1\nroutes:\n  GET /video: {transferMode: stream}\n', 'binfix.yaml:3:30: routes."GET /video".transferMode must be one of BUFFERED, STREAM (got "stream")'],
    ['a finding id of an unknown kind', 'version: 1\nignore: ["hazard:0123456789"]\n', 'binfix.yaml:2:10: ignore[0] "hazard:0123456789" is neither'],
    ['a finding id with a short hash', 'version: 1\nignore: ["preflight-hazard:0123"]\n', 'binfix.yaml:2:10: ignore[0] "preflight-hazard:0123" is neither'],
    ['a probe without a route', 'version: 1\nverify:\n  - accept: [image/png]\n', 'binfix.yaml:3:5: verify[0].route is required'],
    [
      'a probe route without a method',
      'version: 1\nverify:\n  - route: /lambda\n',
      'binfix.yaml:3:12: verify[0].route must be "METHOD /path?query" with METHOD one of GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS (got "/lambda")',
    ],
    [
      'a probe Accept that is not a media type',
      'version: 1\nverify:\n  - route: GET /x\n    accept: [image/png, png]\n',
      'binfix.yaml:4:25: verify[0].accept[1] "png" is not a media type (type/subtype, such as image/png)',
    ],
    [
      'an unknown key in a probe',
      'version: 1\nverify:\n  - route: GET /x\n    body: x\n',
      'binfix.yaml:4:5: verify[0]: unknown key "body" (allowed: route, accept, contentType, readBack, cleanup)',
    ],
    ['a region that is not one', 'version: 1\nregion: US East\n', 'binfix.yaml:2:9: region must be an AWS region such as us-east-1 (got "US East")'],
    ['a stage name with a space', 'version: 1\nstage: my stage\n', "binfix.yaml:2:8: stage must be a stage name: 1 to 128 of a-z, A-Z, 0-9, '-' and '_' (got \"my stage\")"],
    ['an empty api', 'version: 1\napi: ""\n', 'binfix.yaml:2:6: api must not be empty'],
    ['both api: and stack:', 'version: 1\napi: a\nstack: image-api\n', 'binfix.yaml:3:1: name the API one way: api: or stack:, not both'],
    ['logicalId: without stack:', 'version: 1\nlogicalId: ApiName\n', 'binfix.yaml:2:1: logicalId: goes with stack:'],
    ['a stack name that is not one', 'version: 1\nstack: 9lives\n', 'binfix.yaml:2:8: stack must be a stack name'],
    ['a list instead of a mapping', '- version: 1\n', 'binfix.yaml:1:1: not a spec: expected a mapping with version: 1, or an OpenAPI document'],
    ['an empty file', '', 'binfix.yaml:1:1: not a spec'],
    ['a YAML syntax error', 'version: 1\nroutes:\n  "PUT /x": {request: CONVERT_TO_TEXT\n', 'binfix.yaml:4:1: Flow map in block collection must be sufficiently indented and end with a }'],
    ['a key written twice', 'version: 1\napi: a\napi: b\n', 'binfix.yaml:3:1: Map keys must be unique'],
    ['two documents in one file', 'version: 1\n---\nversion: 1\n', 'binfix.yaml:2:1: Source contains multiple documents'],
    ['a fault after an anchor and alias', 'version: 1\nx: &types [image/png]\n', 'binfix.yaml:2:1: unknown key "x"'],
  ])('%s', (_name, text, expected) => {
    const error = faultOf(text)
    expect(error.message).toContain(expected)
    expect(error.message).toMatch(/^binfix\.yaml:\d+:\d+: /)
    expect(error.message).not.toContain('\n')
  })

  // A spec from other hands may hold megabytes in one value or key: refused by the schema's bounds, and
  // never echoed in full.
  const HUGE = 2_000_000
  it.each<[string, string, RegExp]>([
    ['a region of 2 MB', `version: 1\nregion: ${'a'.repeat(HUGE)}\n`, /^binfix\.yaml:2:9: region must be at most 32 characters \(got 2000000\)$/],
    ['an api of 2 MB', `version: 1\napi: ${'a'.repeat(HUGE)}\n`, /^binfix\.yaml:2:6: api must be at most 1024 characters \(got 2000000\)$/],
    ['an unknown key of 2 MB (JSON)', JSON.stringify({version: 1, ['k'.repeat(HUGE)]: 1}), /^binfix\.yaml:1:\d+: unknown key "k{60}…" \(2000000 characters\) \(allowed: /],
    ['a route key of 2 MB (JSON)', JSON.stringify({version: 1, routes: {[`GET /${'a'.repeat(HUGE)}`]: {}}}), /^binfix\.yaml:1:\d+: routes: key "GET \/a{55}…" \(2000005 characters\) is longer than 10248 characters$/],
    ['a route key that is no route, cut', JSON.stringify({version: 1, routes: {[`FETCH /${'a'.repeat(10_000)}`]: {}}}), /^binfix\.yaml:1:\d+: routes: key "FETCH \/a{53}…" \(10007 characters\) must be "METHOD \/path"/],
    ['a media type that is none, cut', `version: 1\nbinaryMediaTypes: ["${'x'.repeat(500)}"]\n`, /^binfix\.yaml:2:20: binaryMediaTypes\[0\] "x{60}…" \(500 characters\) is not a media type/],
    ['a contentHandling of 1 MB', `version: 1\nroutes:\n  PUT /a: {request: ${'C'.repeat(HUGE / 2)}}\n`, /^binfix\.yaml:3:21: routes\."PUT \/a"\.request must be one of CONVERT_TO_BINARY, CONVERT_TO_TEXT, PASSTHROUGH \(got "C{60}…" \(1000000 characters\)\)$/],
    ['101 binary media types', `version: 1\nbinaryMediaTypes: [${Array(101).fill('image/png').join(', ')}]\n`, /^binfix\.yaml:2:19: binaryMediaTypes must have at most 100 entries \(got 101\)$/],
    ['21 uploads in one probe', `version: 1\nverify:\n  - route: PUT /a\n    contentType: [${Array(21).fill('image/png').join(', ')}]\n`, /^binfix\.yaml:4:18: verify\[0\]\.contentType must have at most 20 entries \(got 21\)$/],
    ['no uploads in a probe', 'version: 1\nverify:\n  - route: PUT /a\n    contentType: []\n', /^binfix\.yaml:4:18: verify\[0\]\.contentType must not be empty$/],
    ['a number as the upload type', 'version: 1\nverify:\n  - route: PUT /a\n    contentType: 5\n', /^binfix\.yaml:4:18: verify\[0\]\.contentType must be a string or a list \(got 5\)$/],
  ])('%s', (_name, text, expected) => {
    const message = faultOf(text).message
    expect(message).toMatch(expected)
    expect(message.length).toBeLessThan(400)
  })

  it('points into a JSON spec file by line and column too', () => {
    const text = '{\n  "version": 1,\n  "routes": {\n    "PUT /x": {"request": "BINARY"}\n  }\n}\n'
    expect(faultOf(text, 'spec.json').message).toBe(`spec.json:4:27: routes."PUT /x".request ${ENUM} (got "BINARY")`)
  })
})

const CORE_TAGS = 'only YAML 1.2 core tags are (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)'

// Readings other YAML tools would not share: refused at their place instead of read one way silently.
describe('YAML read one way only', () => {
  it.each<[string, string, string]>([
    ['routes as an !!omap (read as a Map: no routes at all)', 'version: 1\nroutes: !!omap\n  - "PUT /a": {request: CONVERT_TO_TEXT}\n', `binfix.yaml:2:9: tag !!omap is not read: ${CORE_TAGS}`],
    ['routes as a !!set', 'version: 1\nroutes: !!set\n  ? "PUT /a"\n', 'binfix.yaml:2:9: tag !!set is not read'],
    ['!!binary media types', 'version: 1\nbinaryMediaTypes: !!binary aW1hZ2UvcG5n\n', 'binfix.yaml:2:19: tag !!binary is not read'],
    ['a !!timestamp', 'version: 1\napi: !!timestamp 2024-01-31\n', 'binfix.yaml:2:6: tag !!timestamp is not read'],
    ['a language-specific tag', 'version: 1\napi: !ruby/object:Api a1b2c3d4e5\n', 'binfix.yaml:2:6: tag !ruby/object:Api is not read'],
    ['a local tag', 'version: 1\nregion: !Ref Region\n', 'binfix.yaml:2:9: tag !Ref is not read'],
    ['a verbatim YAML 1.1 tag', 'version: 1\nroutes: !<tag:yaml.org,2002:omap> []\n', 'binfix.yaml:2:9: tag !<tag:yaml.org,2002:omap> is not read'],
    ['!! redefined by a %TAG directive', '%TAG !! tag:example.com,2000:\n---\nversion: 1\napi: !!str a\n', 'binfix.yaml:4:6: tag !!str is not read'],
    ['a core tag the value does not fit', 'version: 1\nversion2: !!int 1.5\n', 'binfix.yaml:2:11: the value does not fit its tag !!int'],
    ['a %YAML 1.1 directive', '%YAML 1.1\n---\nversion: 1\n', 'binfix.yaml:1:1: %YAML 1.1: this file is read as YAML 1.2 only'],
    [
      'a status code written as a number and as text (the last would win)',
      'version: 1\nroutes:\n  "PUT /a":\n    responses: {"200": CONVERT_TO_TEXT, 200: CONVERT_TO_BINARY}\n',
      'binfix.yaml:4:41: key 200 repeats key "200" of line 4, column 17 (keys are compared as text)',
    ],
    ['a number that is the same key as text', 'version: 1\nroutes:\n  "PUT /a":\n    responses:\n      "200": PASSTHROUGH\n      2.0e2: CONVERT_TO_TEXT\n', 'binfix.yaml:6:7: key 2.0e2 repeats key "200" of line 5, column 7'],
    ['a merge key', 'version: 1\nbase: &base {request: CONVERT_TO_TEXT}\nroutes:\n  "PUT /a":\n    <<: *base\n', 'binfix.yaml:5:5: a merge key (<<): YAML 1.2 has none'],
    ['a mapping as a key', 'version: 1\n? {a: 1}\n: x\n', 'binfix.yaml:2:3: a mapping or list as a key'],
    ['a null key', 'version: 1\n~: x\n', 'binfix.yaml:2:1: a null key'],
    ['an alias inside its own anchor', 'version: 1\nignore: &loop [*loop]\n', 'binfix.yaml:2:16: an alias inside the value of its own anchor'],
  ])('%s', (_name, text, expected) => {
    const error = faultOf(text)
    expect(error.message).toContain(expected)
    expect(error.message).not.toContain('\n')
  })

  it('bounds what aliases expand to ("billion laughs"), at the alias that goes over', () => {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
    for (let level = 1; level <= 6; level++) levels.push(`a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(', ')}]`)
    const error = faultOf(`version: 1\nx:\n${levels.map((line) => `  ${line}`).join('\n')}\n`)
    expect(error.message).toMatch(/^binfix\.yaml:\d+:\d+: aliases expand to more than 100000 values$/)
  })

  it('bounds nesting', () => {
    const depth = 120
    expect(faultOf(`version: 1\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n`).message).toMatch(/^binfix\.yaml:2:\d+: nested more than 100 levels deep$/)
  })

  // The yaml library's parser recurses per level it closes: these threw a RangeError past its own guard
  // (and near the stack's end V8 can abort the process), so they are refused before it parses.
  it.each([
    ['compact sequences', `version: 1\nx:\n${'- '.repeat(5000)}1\n`],
    ['compact sequences inside braces', `{\n${'- '.repeat(5000)}1\n}\n`],
    ['explicit keys', `version: 1\nx: ${'? '.repeat(5000)}a\n`],
    ['flow sequences', `version: 1\nx: ${'['.repeat(100_000)}\n`],
    ['indentation', `version: 1\n${Array.from({length: 400}, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n')} 1\n`],
  ])('refuses nesting the YAML parser could not take: %s', (_name, text) => {
    expect(faultOf(text).message).toMatch(/^binfix\.yaml:\d+:\d+: nested more than 100 levels deep$/)
  })

  it('applies to OpenAPI documents too', () => {
    expect(faultOf('openapi: 3.0.1\npaths: !!set\n  ? /a\n', 'api.yaml').message).toBe(`api.yaml:2:8: tag !!set is not read: ${CORE_TAGS}`)
    expect(faultOf('{"openapi": "3.0.1", "paths": {"/a": {}, "/a": {}}}', 'api.json').message).toMatch(/^api\.json:1:\d+: Map keys must be unique/)
  })
})

describe('OpenAPI spec faults', () => {
  it.each<[string, string, string]>([
    [
      'an integration contentHandling that is not one',
      'openapi: 3.0.1\npaths:\n  /v1.0/x:\n    get:\n      x-amazon-apigateway-integration:\n        type: mock\n        contentHandling: CONVERT\n',
      'api.yaml:7:26: paths./v1.0/x.get.x-amazon-apigateway-integration.contentHandling must be CONVERT_TO_BINARY or CONVERT_TO_TEXT',
    ],
    [
      'an integration response without a status code',
      'swagger: "2.0"\npaths:\n  /x:\n    get:\n      x-amazon-apigateway-integration:\n        type: mock\n        responses:\n          default: {}\n',
      'api.yaml:8:20: paths./x.get.x-amazon-apigateway-integration.responses.default.statusCode must be a status code like "200"',
    ],
    [
      'a binary media type that is not one',
      'swagger: "2.0"\nx-amazon-apigateway-binary-media-types: [image/png, image]\n',
      'api.yaml:2:53: x-amazon-apigateway-binary-media-types[1] "image" is not a media type',
    ],
    ['binary media types that are not a list', 'openapi: 3.0.1\nx-amazon-apigateway-binary-media-types: image/png\n', 'api.yaml:2:41: x-amazon-apigateway-binary-media-types must be a list of strings'],
    ['openapi as a number', 'openapi: 3\npaths: {}\n', 'api.yaml:1:10: openapi must be a 3.0 version text such as "3.0.1" (got 3): API Gateway imports OpenAPI 2.0 and 3.0'],
    ['OpenAPI 3.1', 'openapi: 3.1.0\npaths: {}\n', 'api.yaml:1:10: openapi must be a 3.0 version text such as "3.0.1" (got "3.1.0")'],
    ['a swagger version that is not 2.0', 'swagger: "1.2"\npaths: {}\n', 'api.yaml:1:10: swagger must be "2.0" (got "1.2")'],
    ['both openapi and swagger', 'openapi: 3.0.1\nswagger: "2.0"\npaths: {}\n', 'api.yaml:2:1: swagger is set next to openapi: a document is OpenAPI 2.0 or 3.0, not both'],
    ['paths left empty (every route would vanish)', 'openapi: 3.0.1\npaths: null\n', 'api.yaml:2:8: paths must be a mapping of paths (got nothing)'],
    ['paths as a list', 'openapi: 3.0.1\npaths: [/a]\n', 'api.yaml:2:8: paths must be a mapping of paths (got a list)'],
    ['a path without its slash', 'openapi: 3.0.1\npaths:\n  /a: {}\n  lambda: {}\n', 'api.yaml:4:3: paths.lambda is not a path: a path starts with /'],
  ])('%s', (_name, text, expected) => {
    expect(faultOf(text, 'api.yaml').message).toContain(expected)
  })

  it('names a long path cut short', () => {
    const path = `/${'a'.repeat(100_000)}`
    const message = faultOf(JSON.stringify({openapi: '3.0.1', paths: {[path]: {get: {'x-amazon-apigateway-integration': {type: 'nope'}}}}}), 'api.json').message
    expect(message).toMatch(/^api\.json:1:\d+: paths\."\/a{59}…" \(100001 characters\)\.get\.x-amazon-apigateway-integration\.type must be one of/)
    expect(message.length).toBeLessThan(300)
  })
})

describe('files that cannot be read', () => {
  let scratch: string
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'binfix-spec-errors-'))
  })
  afterEach(() => rmSync(scratch, {recursive: true, force: true}))

  it('names a missing --spec file', async () => {
    await expect(loadDesiredSpec({cwd: scratch, specFile: 'missing.yaml'})).rejects.toThrow(new UsageError('missing.yaml: no such file'))
  })

  it('names a directory given as the spec', async () => {
    mkdirSync(join(scratch, 'specs'))
    await expect(loadDesiredSpec({cwd: scratch, specFile: 'specs'})).rejects.toThrow('specs: is a directory, not a spec file')
  })

  // root reads anything: visibly skipped there.
  const unlessRoot = process.getuid?.() === 0 ? it.skip : it
  unlessRoot('names an unreadable file', async () => {
    writeFileSync(join(scratch, 'binfix.yaml'), 'version: 1\n')
    chmodSync(join(scratch, 'binfix.yaml'), 0o000)
    await expect(loadDesiredSpec({cwd: scratch})).rejects.toThrow('binfix.yaml: permission denied')
  })

  it('reports a broken ./binfix.yaml found by default under its own name', async () => {
    writeFileSync(join(scratch, 'binfix.yaml'), 'version: 1\nroutes:\n  GET /x: {request: TEXT}\n')
    await expect(loadDesiredSpec({cwd: scratch})).rejects.toThrow(`binfix.yaml:3:21: routes."GET /x".request ${ENUM} (got "TEXT")`)
  })
})
