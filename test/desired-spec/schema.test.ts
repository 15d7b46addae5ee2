// The shipped JSON Schema on its own, as an editor or another tool would use it.
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {Ajv} from 'ajv'
import {parse as parseYaml} from 'yaml'

import {packageRoot} from '../../src/schemas.js'
import {binfixSchemaFile} from '../../src/desired-spec/spec-schema.js'
import {EXAMPLE_SPEC} from './example-spec.js'

const schema = JSON.parse(readFileSync(binfixSchemaFile(), 'utf8')) as Record<string, unknown>
const ajv = new Ajv({strict: true, allErrors: true})
ajv.addVocabulary(['patternErrorMessage'])
const validate = ajv.compile(schema)

const valid = (document: unknown) => validate(document)

describe('schemas/binfix.schema.json', () => {
  it('is shipped: found from the package root, which package.json lists in files', () => {
    expect(binfixSchemaFile()).toBe(join(packageRoot(), 'schemas', 'binfix.schema.json'))
    expect(existsSync(binfixSchemaFile())).toBe(true)
    const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {name: string; files: string[]}
    expect(manifest.name).toBe('apigw-binfix')
    expect(manifest.files).toContain('schemas')
  })

  it('is a valid draft-07 schema that describes every property for editors', () => {
    expect(ajv.validateSchema(schema)).toBe(true)
    const properties = schema['properties'] as Record<string, {description?: string}>
    for (const [name, property] of Object.entries(properties)) expect([name, typeof property.description]).toEqual([name, 'string'])
  })

  it('bounds every string, list and mapping it admits', () => {
    const unbounded: string[] = []
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((item, index) => visit(item, `${where}/${index}`))
      if (typeof node !== 'object' || node === null) return
      const schema = node as Record<string, unknown>
      if (schema['type'] === 'string' && schema['maxLength'] === undefined && schema['enum'] === undefined) unbounded.push(`${where}: a string without maxLength`)
      if (schema['type'] === 'array' && schema['maxItems'] === undefined) unbounded.push(`${where}: a list without maxItems`)
      if (schema['type'] === 'object' && schema['additionalProperties'] !== false && schema['maxProperties'] === undefined) unbounded.push(`${where}: a mapping without maxProperties`)
      for (const [key, value] of Object.entries(schema)) visit(value, `${where}/${key}`)
    }
    visit(schema, '#')
    expect(unbounded).toEqual([])
  })

  it('accepts the documented example', () => {
    expect(valid(parseYaml(EXAMPLE_SPEC))).toBe(true)
    expect(validate.errors).toBeNull()
  })

  it.each([
    ['a minimal spec', {version: 1}],
    ['exact mode', {version: 1, binaryMediaTypesMode: 'exact'}],
    ['every method, lower case too, and wildcards', {version: 1, routes: {'ANY /a': {}, 'get /a': {}, '* *': {}, 'DELETE /a/{id}': {}}}],
    ['a response wildcard', {version: 1, routes: {'GET /a': {responses: {'*': 'PASSTHROUGH', '599': 'CONVERT_TO_TEXT'}}}}],
    ['a probe with an upload', {version: 1, verify: [{route: 'PUT /upload?name=a.png', contentType: 'image/png', accept: ['application/json']}]}],
    ['a probe with several uploads read back elsewhere', {version: 1, verify: [{route: 'POST /upload?key=a.png', contentType: ['image/png', 'application/json'], readBack: 'GET /thumbnails/a.png'}]}],
    ['a $schema key', {$schema: './node_modules/apigw-binfix/schemas/binfix.schema.json', version: 1}],
    ['a region with several parts', {version: 1, region: 'us-gov-west-1'}],
    ['a stage name of 128 characters, the longest API Gateway takes', {version: 1, stage: 's'.repeat(128)}],
    ['a media type with a subtype of 127 characters (RFC 6838) in the ~1 form, with parameters', {version: 1, binaryMediaTypes: [`application~1${'x'.repeat(127)}; charset=utf-8`]}],
  ])('accepts %s', (_name, document) => {
    expect(valid(document)).toBe(true)
  })

  it.each([
    ['no version', {api: 'x'}],
    ['version 2', {version: 2}],
    ['version as text', {version: '1'}],
    ['an unknown top-level key', {version: 1, binaryTypes: []}],
    ['an api that is not text', {version: 1, api: 5}],
    ['an empty api', {version: 1, api: ''}],
    ['a region that is not one', {version: 1, region: 'US East'}],
    ['a stage with a space', {version: 1, stage: 'my stage'}],
    ['binaryMediaTypes as text', {version: 1, binaryMediaTypes: 'image/png'}],
    ['a media type that is not text', {version: 1, binaryMediaTypes: [1]}],
    ['an unknown mode', {version: 1, binaryMediaTypesMode: 'replace'}],
    ['routes as a list', {version: 1, routes: []}],
    ['an unknown method', {version: 1, routes: {'FETCH /a': {}}}],
    ['a path without its slash', {version: 1, routes: {'GET a': {}}}],
    ['a route key without a path', {version: 1, routes: {GET: {}}}],
    ['two spaces in a route key', {version: 1, routes: {'GET  /a': {}}}],
    ['an unknown route setting', {version: 1, routes: {'GET /a': {requests: 'PASSTHROUGH'}}}],
    ['an unknown contentHandling', {version: 1, routes: {'GET /a': {request: 'CONVERT_TO_TXT'}}}],
    ['a status class as a response key', {version: 1, routes: {'GET /a': {responses: {'2xx': 'PASSTHROUGH'}}}}],
    ['a status code out of range', {version: 1, routes: {'GET /a': {responses: {'600': 'PASSTHROUGH'}}}}],
    ['an unknown response contentHandling', {version: 1, routes: {'GET /a': {responses: {'200': 'BINARY'}}}}],
    ['verify as a mapping', {version: 1, verify: {route: 'GET /a'}}],
    ['a probe without a route', {version: 1, verify: [{accept: ['image/png']}]}],
    ['a probe route without a method', {version: 1, verify: [{route: '/a'}]}],
    ['a probe with ANY', {version: 1, verify: [{route: 'ANY /a'}]}],
    ['a probe with an unknown key', {version: 1, verify: [{route: 'GET /a', body: 'x'}]}],
    ['a probe Accept as text', {version: 1, verify: [{route: 'GET /a', accept: 'image/png'}]}],
    ['ignore as text', {version: 1, ignore: 'preflight-hazard'}],
    ['an ignore entry that is not text', {version: 1, ignore: [3]}],
    ['a region of 2 MB', {version: 1, region: `us-east-${'1'.repeat(2_000_000)}`}],
    ['a stage name of 129 characters', {version: 1, stage: 's'.repeat(129)}],
    ['101 binary media types', {version: 1, binaryMediaTypes: Array.from({length: 101}, (_, index) => `image/x-${index}`)}],
    ['a route key longer than any URL API Gateway serves', {version: 1, routes: {[`GET /${'a'.repeat(10_244)}`]: {}}}],
    ['21 Accept headers in one probe', {version: 1, verify: [{route: 'GET /a', accept: Array(21).fill('image/png')}]}],
    ['21 uploads in one probe', {version: 1, verify: [{route: 'PUT /a', contentType: Array(21).fill('image/png')}]}],
    ['an ignore entry longer than any finding id', {version: 1, ignore: [`preflight-hazard:${'0'.repeat(100)}`]}],
  ])('rejects %s', (_name, document) => {
    expect(valid(document)).toBe(false)
  })
})
