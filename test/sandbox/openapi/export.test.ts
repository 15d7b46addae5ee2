import {readFileSync} from 'node:fs'

import fc from 'fast-check'
import {parse as parseYaml} from 'yaml'

import type {ApiSnapshot, Integration, Resource} from '../../../src/sandbox/model.js'
import {renderExport, type ExportOptions, type ExportType} from '../../../src/sandbox/openapi/export.js'
import {exportYaml} from '../../../src/sandbox/openapi/export-yaml.js'
import {parseDefinitionDocument, type ImportedDefinition} from '../../../src/sandbox/openapi/import.js'

const FIXTURES = ['image-api.oas30.json', 'image-api.swagger.json', 'thumbnail-service.oas30.json']
const EXPORT_TYPES: ExportType[] = ['oas30', 'swagger']

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/apis/${name}`, import.meta.url), 'utf8')

const options = (exportType: ExportType, extensions: string[] = ['integrations']): ExportOptions => ({
  exportType,
  extensions,
  restApiId: 'a1b2c3d4e5',
  region: 'eu-west-1',
  stageName: 'prod',
  createdDate: 1_700_000_000,
})

// Lays an import out as the sandbox would: one resource per path segment, parents included, fake ids.
function toSnapshot(definition: ImportedDefinition): ApiSnapshot {
  const resources = new Map<string, Resource>([['/', {id: 'r0', path: '/'}]])
  const ensure = (path: string): Resource => {
    const existing = resources.get(path)
    if (existing) return existing
    const cut = path.lastIndexOf('/')
    const parent = ensure(cut === 0 ? '/' : path.slice(0, cut))
    const resource: Resource = {id: `r${resources.size}`, parentId: parent.id, pathPart: path.slice(cut + 1), path}
    resources.set(path, resource)
    return resource
  }
  for (const {path, methods} of definition.resources) {
    if (Object.keys(methods).length > 0) ensure(path).resourceMethods = structuredClone(methods)
  }
  return {
    name: definition.name,
    ...(definition.description === undefined ? {} : {description: definition.description}),
    ...(definition.version === undefined ? {} : {version: definition.version}),
    binaryMediaTypes: [...definition.binaryMediaTypes],
    apiKeySource: 'HEADER',
    endpointConfiguration: {types: ['EDGE']},
    resources: [...resources.values()],
  }
}

const importFixture = (name: string) => parseDefinitionDocument(fixture(name))

const methodsByPath = (definition: ImportedDefinition) =>
  Object.fromEntries(definition.resources.filter((r) => Object.keys(r.methods).length > 0).map((r) => [r.path, r.methods]))

// Every key anywhere in a JSON tree.
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys)
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, child]) => [key, ...allKeys(child)])
}

function hasUndefined(value: unknown): boolean {
  if (value === undefined) return true
  if (Array.isArray(value)) return value.some(hasUndefined)
  if (typeof value !== 'object' || value === null) return false
  return Object.values(value).some(hasUndefined)
}

// Walks a rendered document by keys; a missing step yields undefined so the expectation reports it.
function dig(value: unknown, ...keys: string[]): unknown {
  let node = value
  for (const key of keys) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined
  return node
}

describe('renderExport: round trip through the importer', () => {
  for (const name of FIXTURES) {
    for (const exportType of EXPORT_TYPES) {
      it(`${name} -> ${exportType} export -> import gives the same methods`, () => {
        const imported = importFixture(name)
        const exported = renderExport(toSnapshot(imported), options(exportType, ['apigateway']))
        const reimported = parseDefinitionDocument(JSON.stringify(exported))
        expect(methodsByPath(reimported)).toEqual(methodsByPath(imported))
        expect(reimported.binaryMediaTypes).toEqual(imported.binaryMediaTypes)
        expect(reimported.name).toBe(imported.name)
        expect(reimported.version).toBe(imported.version)
        expect(reimported.description).toBe(imported.description)
        expect(reimported.warnings).toEqual([])
      })
    }
  }
})

describe('renderExport: document shape', () => {
  const snapshot = toSnapshot(importFixture('image-api.oas30.json'))

  it('renders an OpenAPI 3.0.1 document', () => {
    const doc = renderExport(snapshot, options('oas30'))
    expect(Object.keys(doc)).toEqual(['openapi', 'info', 'servers', 'paths', 'components', 'x-amazon-apigateway-binary-media-types'])
    expect(dig(doc, 'openapi')).toBe('3.0.1')
    expect(dig(doc, 'info')).toEqual({title: 'ApiName', version: '2016-10-21T17:26:28Z'})
    expect(dig(doc, 'servers')).toEqual([
      {url: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/{basePath}', variables: {basePath: {default: 'prod'}}},
    ])
    expect(dig(doc, 'components')).toEqual({schemas: {Empty: {title: 'Empty Schema', type: 'object'}}})
    expect(dig(doc, 'paths', '/lambda', 'put', 'responses')).toEqual({
      '200': {
        description: '200 response',
        content: {
          'application/json': {schema: {$ref: '#/components/schemas/Empty'}},
          'application/octet-stream': {schema: {$ref: '#/components/schemas/Empty'}},
        },
      },
      '500': {description: '500 response', content: {}},
    })
    expect(dig(doc, 'paths', '/lambda', 'get', 'parameters')).toEqual([{name: 'key', in: 'query', schema: {type: 'string'}}])
  })

  it('renders a Swagger 2.0 document', () => {
    const doc = renderExport(snapshot, options('swagger'))
    expect(Object.keys(doc)).toEqual(['swagger', 'info', 'host', 'basePath', 'schemes', 'paths', 'definitions', 'x-amazon-apigateway-binary-media-types'])
    expect(dig(doc, 'swagger')).toBe('2.0')
    expect(dig(doc, 'host')).toBe('a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com')
    expect(dig(doc, 'basePath')).toBe('/prod')
    expect(dig(doc, 'schemes')).toEqual(['https'])
    expect(dig(doc, 'definitions')).toEqual({Empty: {title: 'Empty Schema', type: 'object'}})
    const put = dig(doc, 'paths', '/lambda', 'put')
    expect(dig(put, 'produces')).toEqual(['application/json', 'application/octet-stream'])
    expect(dig(put, 'parameters')).toEqual([{name: 'key', in: 'query', required: false, type: 'string'}])
    expect(dig(put, 'responses', '200')).toEqual({description: '200 response', schema: {$ref: '#/definitions/Empty'}})
  })

  it('renders the integration extension with lower-case type and passthrough, responses keyed by pattern', () => {
    const doc = renderExport(toSnapshot(importFixture('image-api.oas30.json')), options('oas30'))
    expect(dig(doc, 'paths', '/lambda', 'put', 'x-amazon-apigateway-integration')).toEqual({
      type: 'aws',
      httpMethod: 'POST',
      uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:image/invocations',
      credentials: 'arn:aws:iam::123456789012:role/Lambda',
      responses: {'2\\d{2}': {statusCode: '200'}, default: {statusCode: '500'}},
      requestTemplates: {'application/json': '{\n   "imageKey": "$input.params(\'key\')", "image": "$input.body"\n}'},
      contentHandling: 'CONVERT_TO_TEXT',
    })
    const thumbnails = renderExport(toSnapshot(importFixture('thumbnail-service.oas30.json')), options('swagger'))
    const options200 = dig(thumbnails, 'paths', '/upload', 'options', 'x-amazon-apigateway-integration')
    expect(dig(options200, 'type')).toBe('mock')
    expect(dig(options200, 'passthroughBehavior')).toBe('when_no_match')
    expect(Object.keys(dig(options200, 'responses') as object)).toEqual(['default'])
    expect(dig(thumbnails, 'paths', '/upload', 'post', 'x-amazon-apigateway-integration', 'type')).toBe('aws_proxy')
  })

  it('leaves out every x-amazon-apigateway-* key without the extensions', () => {
    for (const name of FIXTURES) {
      for (const exportType of EXPORT_TYPES) {
        for (const extensions of [[], ['postman'], ['authorizers']]) {
          const keys = allKeys(renderExport(toSnapshot(importFixture(name)), options(exportType, extensions)))
          expect(keys.filter((key) => key.startsWith('x-amazon-apigateway-'))).toEqual([])
        }
      }
    }
  })

  it.each([[['integrations']], [['apigateway']], [['integrations,postman']], [['postman', 'apigateway']]])(
    'adds the extensions for %j',
    (extensions) => {
      const doc = renderExport(snapshot, options('oas30', extensions))
      expect(dig(doc, 'x-amazon-apigateway-binary-media-types')).toEqual(['application/octet-stream', 'image/jpeg'])
      expect(dig(doc, 'paths', '/lambda', 'get', 'x-amazon-apigateway-integration')).toBeDefined()
    },
  )

  it('writes the gateway responses the deployment froze with the apigateway extensions only, as they were set', () => {
    const gatewayResponses = [
      {responseType: 'DEFAULT_4XX', responseParameters: {'gatewayresponse.header.Access-Control-Allow-Origin': "'*'"}},
      {responseType: 'INVALID_API_KEY', statusCode: '456', responseTemplates: {'application/json': '{"message": "Bad api-key"}'}},
    ]
    const withResponses = {...snapshot, gatewayResponses}
    expect(renderExport(withResponses, options('oas30', ['apigateway']))['x-amazon-apigateway-gateway-responses']).toEqual({
      DEFAULT_4XX: {responseParameters: {'gatewayresponse.header.Access-Control-Allow-Origin': "'*'"}},
      INVALID_API_KEY: {statusCode: '456', responseTemplates: {'application/json': '{"message": "Bad api-key"}'}},
    })
    expect(renderExport(withResponses, options('swagger', ['integrations']))).not.toHaveProperty('x-amazon-apigateway-gateway-responses')
    expect(renderExport(snapshot, options('swagger', ['apigateway']))).not.toHaveProperty('x-amazon-apigateway-gateway-responses')
  })

  it('omits the binary media types when there are none, even with extensions', () => {
    const doc = renderExport({...snapshot, binaryMediaTypes: []}, options('swagger'))
    expect(doc).not.toHaveProperty('x-amazon-apigateway-binary-media-types')
  })

  it('uses the creation date as version when the API has none', () => {
    const {version: _, ...unversioned} = snapshot
    expect(dig(renderExport(unversioned, options('oas30')), 'info', 'version')).toBe('2023-11-14T22:13:20Z')
    expect(renderExport(unversioned, options('swagger')).info).toEqual({version: '2023-11-14T22:13:20Z', title: 'ApiName'})
  })

  it('renders an empty API', () => {
    const empty: ApiSnapshot = {...snapshot, resources: [{id: 'root', path: '/'}]}
    expect(renderExport(empty, options('oas30')).paths).toEqual({})
    expect(renderExport(empty, options('oas30')).components).toEqual({})
    expect(renderExport(empty, options('swagger'))).not.toHaveProperty('definitions')
  })
})

describe('renderExport: paths and operations', () => {
  const mock: Integration = {type: 'MOCK', timeoutInMillis: 29000, cacheKeyParameters: []}
  const snapshot: ApiSnapshot = {
    name: 'ordering',
    version: '7',
    binaryMediaTypes: ['*/*'],
    apiKeySource: 'HEADER',
    endpointConfiguration: {types: ['REGIONAL']},
    resources: [
      {id: 'r2', parentId: 'r1', pathPart: '{proxy+}', path: '/b/{proxy+}', resourceMethods: {
        ANY: {httpMethod: 'ANY', authorizationType: 'NONE', apiKeyRequired: true, requestParameters: {'method.request.path.proxy': true, 'method.request.header.X-Id': true}, methodIntegration: {
          type: 'HTTP_PROXY', httpMethod: 'ANY', uri: 'https://example.com/{proxy}', timeoutInMillis: 10000,
          cacheNamespace: 'r2', cacheKeyParameters: ['method.request.path.proxy'], passthroughBehavior: 'WHEN_NO_TEMPLATES',
        }},
      }},
      {id: 'r1', parentId: 'r0', pathPart: 'b', path: '/b', resourceMethods: {
        POST: {httpMethod: 'POST', authorizationType: 'NONE', apiKeyRequired: false, methodIntegration: {...mock, cacheNamespace: 'shared'}},
        GET: {httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: false, methodIntegration: mock},
      }},
      {id: 'r0', path: '/', resourceMethods: {GET: {httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: false}}},
      {id: 'r3', parentId: 'r0', pathPart: 'a', path: '/a'},
    ],
  }

  it('sorts paths and operations and maps ANY to its extension', () => {
    const doc = renderExport(snapshot, options('oas30'))
    expect(Object.keys(dig(doc, 'paths') as object)).toEqual(['/', '/b', '/b/{proxy+}'])
    expect(Object.keys(dig(doc, 'paths', '/b') as object)).toEqual(['get', 'post'])
    expect(Object.keys(dig(doc, 'paths', '/b/{proxy+}') as object)).toEqual(['x-amazon-apigateway-any-method'])
  })

  it('is deterministic whatever the resource order', () => {
    for (const exportType of EXPORT_TYPES) {
      const reversed = {...snapshot, resources: [...snapshot.resources].reverse()}
      expect(JSON.stringify(renderExport(reversed, options(exportType)))).toBe(JSON.stringify(renderExport(snapshot, options(exportType))))
    }
  })

  it('writes no undefined values', () => {
    for (const exportType of EXPORT_TYPES) {
      for (const name of FIXTURES) expect(hasUndefined(renderExport(toSnapshot(importFixture(name)), options(exportType)))).toBe(false)
      expect(hasUndefined(renderExport(snapshot, options(exportType)))).toBe(false)
    }
  })

  it('keeps non-default integration settings and drops the defaults AWS leaves out', () => {
    const doc = renderExport(snapshot, options('oas30'))
    expect(dig(doc, 'paths', '/b/{proxy+}', 'x-amazon-apigateway-any-method', 'x-amazon-apigateway-integration')).toEqual({
      type: 'http_proxy',
      httpMethod: 'ANY',
      uri: 'https://example.com/{proxy}',
      passthroughBehavior: 'when_no_templates',
      timeoutInMillis: 10000,
      cacheKeyParameters: ['method.request.path.proxy'],
    })
    expect(dig(doc, 'paths', '/b', 'post', 'x-amazon-apigateway-integration')).toEqual({type: 'mock', cacheNamespace: 'shared'})
    expect(dig(doc, 'paths', '/', 'get')).not.toHaveProperty('x-amazon-apigateway-integration')
  })

  it('renders parameters and api-key security per format', () => {
    const oas = renderExport(snapshot, options('oas30'))
    const any = dig(oas, 'paths', '/b/{proxy+}', 'x-amazon-apigateway-any-method')
    expect(dig(any, 'parameters')).toEqual([
      {name: 'proxy', in: 'path', required: true, schema: {type: 'string'}},
      {name: 'X-Id', in: 'header', required: true, schema: {type: 'string'}},
    ])
    expect(dig(any, 'security')).toEqual([{api_key: []}])
    expect(dig(oas, 'components', 'securitySchemes')).toEqual({api_key: {type: 'apiKey', name: 'x-api-key', in: 'header'}})
    const swagger = renderExport(snapshot, options('swagger'))
    expect(dig(swagger, 'securityDefinitions')).toEqual({api_key: {type: 'apiKey', name: 'x-api-key', in: 'header'}})
    // The importer reads the security requirement back as apiKeyRequired.
    const reimported = parseDefinitionDocument(JSON.stringify(swagger))
    expect(reimported.resources.find((r) => r.path === '/b/{proxy+}')?.methods.ANY.apiKeyRequired).toBe(true)
  })

  it('does not share objects with the snapshot', () => {
    const source = toSnapshot(importFixture('thumbnail-service.oas30.json'))
    const before = JSON.stringify(source)
    const doc = renderExport(source, options('oas30'))
    const templates = dig(doc, 'paths', '/upload', 'options', 'x-amazon-apigateway-integration', 'requestTemplates') as Record<string, string>
    templates['application/json'] = 'changed'
    expect(JSON.stringify(source)).toBe(before)
  })
})

describe('exportYaml: the YAML GetExport answers', () => {
  // Text a mapping template can hold, with what trips YAML's block and folded styles: lines past the
  // fold width, lines of spaces, spaces before a line break, tabs, CR, leading and trailing breaks.
  const templateText = fc
    .array(fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\r', 'a', 'word ', '#set($x = 1)', 'x'.repeat(90), '"', "'", ':', '- ', '|', '>', '{', '}', '\\', '\u00a0', '\u2028', '---'), {maxLength: 40})
    .map((parts) => parts.join(''))

  it('reads back to the same document, whatever the templates hold (fixed seed)', () => {
    fc.assert(
      fc.property(templateText, templateText, (request, response) => {
        const document = {paths: {'/x': {get: {'x-amazon-apigateway-integration': {requestTemplates: {'application/json': request}, responses: {default: {responseTemplates: {'text/html': response}}}}}}}}
        expect(parseYaml(exportYaml(document))).toEqual(document)
      }),
      {numRuns: 2000, seed: 20240611},
    )
  })

  it('writes multi-line templates as literal blocks and folds no line', () => {
    const template = `#set($allParams = $input.params())\n{\n  "long": "${'y'.repeat(120)}"\n}\n`
    const text = exportYaml({requestTemplates: {'application/json': template}})
    expect(text).toContain('application/json: |\n')
    expect(text).toContain(`"long": "${'y'.repeat(120)}"`)
  })
})
