// Valid desired specs as text, for fuzzing the spec loader: generated binfix.yaml documents written as
// YAML (block or flow) or JSON, and the sample specs and OpenAPI documents under fixtures/.
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import fc from 'fast-check'
import {stringify} from 'yaml'

import {type FuzzCase, TEXT_MUTATIONS, YAML_SNIPPETS, fuzzText, insertions} from './fuzz-text.js'

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url))

const choice = fc.constantFrom('PASSTHROUGH', 'CONVERT_TO_BINARY', 'CONVERT_TO_TEXT')
const header = fc.constantFrom('image/png', 'image/jpeg', 'application/octet-stream', 'text/plain; charset=utf-8', 'application/json', '*/*')
// binaryMediaTypes also takes the ~1 form (as API Gateway's patch paths write a slash) and type wildcards.
const binaryType = fc.oneof(header, fc.constantFrom('image~1webp', 'image/*'))
const method = fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY', 'get', 'put', '*')
const path = fc.constantFrom('/', '/lambda', '/upload', '/thumbnails/{key}', '/a/b/c', '/{proxy+}', '*')
const probeMethod = fc.constantFrom('GET', 'PUT', 'POST', 'get')

const routeRule = fc.record(
  {request: choice, responses: fc.dictionary(fc.constantFrom('200', '201', '400', '500', '*'), choice, {maxKeys: 3})},
  {requiredKeys: []},
)

const probe = fc.record(
  {
    route: fc.tuple(probeMethod, fc.constantFrom('/lambda?key=probe.jpg', '/upload', '/thumbnails/a.png')).map(([verb, target]) => `${verb} ${target}`),
    accept: fc.array(header, {maxLength: 3}),
    contentType: fc.oneof(header, fc.array(header, {minLength: 1, maxLength: 2})),
    readBack: fc.constant('GET /lambda?key=probe.jpg'),
  },
  {requiredKeys: ['route']},
)

/** A binfix.yaml document the loader accepts (api: and stack: are never both set). */
export const binfixDocument = fc
  .record(
    {
      target: fc.oneof(
        fc.constant({}),
        fc.constantFrom('a1b2c3d4e5', 'ApiName').map((api) => ({api})),
        fc.record({stack: fc.constantFrom('image-api', 'thumbnail-service-dev'), logicalId: fc.constantFrom('ImagesApi', 'ApiGatewayRestApi')}, {requiredKeys: ['stack']}),
      ),
      region: fc.constantFrom('us-east-1', 'eu-west-3', 'us-gov-west-1'),
      stage: fc.constantFrom('v1', 'dev', 'prod_2'),
      binaryMediaTypes: fc.array(binaryType, {maxLength: 4}),
      binaryMediaTypesMode: fc.constantFrom('add-only', 'exact'),
      routes: fc.uniqueArray(fc.tuple(method, path, routeRule), {selector: ([verb, where]) => `${verb.toUpperCase()} ${where}`, maxLength: 4}),
      verify: fc.array(probe, {maxLength: 2}),
      ignore: fc.array(fc.constantFrom('preflight-hazard', 'unknown-route', 'undeployed-change:0123456789'), {maxLength: 2}),
    },
    {requiredKeys: []},
  )
  .map(({target, routes, ...rest}) => ({
    version: 1,
    ...(target ?? {}),
    ...rest,
    ...(routes === undefined ? {} : {routes: Object.fromEntries(routes.map(([verb, where, rule]) => [`${verb} ${where}`, rule]))}),
  }))

/** A document as a person or a tool writes it: YAML in block or flow style, or JSON. */
export function documentText(document: unknown): fc.Arbitrary<string> {
  return fc.constantFrom('block', 'flow', 'json').map((style) => {
    if (style === 'json') return JSON.stringify(document, null, 2)
    return stringify(document, {collectionStyle: style === 'flow' ? 'flow' : 'block'})
  })
}

let fixtureTexts: string[] | undefined

/** The texts of fixtures/specs and fixtures/apis, OpenAPI documents also as YAML. */
export function fixtureSpecTexts(): string[] {
  if (fixtureTexts) return fixtureTexts
  const specs = readdirSync(join(FIXTURES, 'specs')).map((name) => readFileSync(join(FIXTURES, 'specs', name), 'utf8'))
  // The OpenAPI documents (JSON); fixtures/apis also holds a CloudFormation template, which is no spec.
  const apis = readdirSync(join(FIXTURES, 'apis'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => readFileSync(join(FIXTURES, 'apis', name), 'utf8'))
  fixtureTexts = [...specs, ...apis, ...apis.map((text) => stringify(JSON.parse(text)))]
  return fixtureTexts
}

/** Valid spec texts: mostly generated binfix.yaml documents, sometimes a fixture. */
export function specTexts(): fc.Arbitrary<string> {
  return fc.oneof({weight: 4, arbitrary: binfixDocument.chain(documentText)}, {weight: 1, arbitrary: fc.constantFrom(...fixtureSpecTexts())})
}

/** What turns a spec into another kind of document or empties a part of it. */
const SPEC_SNIPPETS = ['openapi: 3\n', 'openapi: 3.1.0\n', 'swagger: 2.0\n', 'paths: null\n', 'paths:\n  lambda: {}\n', 'routes: !!omap\n', 'version: 2\n', 'region: us-east-1\n']

export const SPEC_MUTATIONS = {...TEXT_MUTATIONS, ...insertions([...YAML_SNIPPETS, ...SPEC_SNIPPETS])}

/** Valid spec texts damaged by up to three mutations (or none). */
export function fuzzedSpecs(): fc.Arbitrary<FuzzCase> {
  return fuzzText(specTexts(), SPEC_MUTATIONS)
}
