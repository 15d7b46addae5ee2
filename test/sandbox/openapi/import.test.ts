import {readFileSync} from 'node:fs'

import fc from 'fast-check'
import {stringify} from 'yaml'

import {ApiGatewayError} from '../../../src/sandbox/api-errors.js'
import {parseDefinitionDocument, type ImportedDefinition} from '../../../src/sandbox/openapi/import.js'

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/apis/${name}`, import.meta.url), 'utf8')

const methodsAt = (definition: ImportedDefinition, path: string) => {
  const entry = definition.resources.find((resource) => resource.path === path)
  if (!entry) throw new Error(`no resource ${path}`)
  return entry.methods
}

// The error contract: a BadRequestException and nothing else.
const expectBadRequest = (body: string) => {
  let caught: unknown
  try {
    parseDefinitionDocument(body)
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(ApiGatewayError)
  expect((caught as ApiGatewayError).code).toBe('BadRequestException')
  expect((caught as ApiGatewayError).status).toBe(400)
  return caught as ApiGatewayError
}

const oas30 = (paths: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({openapi: '3.0.1', info: {title: 'T', version: '1'}, paths, ...extra})

const withIntegration = (integration: unknown) =>
  oas30({'/x': {get: {responses: {'200': {description: 'ok'}}, 'x-amazon-apigateway-integration': integration}}})

const MOCK = {type: 'mock', responses: {default: {statusCode: '200'}}}

describe('parseDefinitionDocument: image-api fixtures', () => {
  const fromOas30 = parseDefinitionDocument(fixture('image-api.oas30.json'))
  const fromSwagger = parseDefinitionDocument(fixture('image-api.swagger.json'))

  it('gives the same definition for the OpenAPI 3.0 and Swagger 2.0 variants', () => {
    expect(fromSwagger).toEqual(fromOas30)
    expect(JSON.stringify(fromSwagger)).toBe(JSON.stringify(fromOas30))
  })

  it('reads the API-level fields', () => {
    expect(fromOas30.name).toBe('ApiName')
    expect(fromOas30.version).toBe('2016-10-21T17:26:28Z')
    expect(fromOas30).not.toHaveProperty('description')
    expect(fromOas30.binaryMediaTypes).toEqual(['application/octet-stream', 'image/jpeg'])
    expect(fromOas30.warnings).toEqual([])
    expect(fromOas30.resources.map((resource) => resource.path)).toEqual(['/lambda'])
  })

  it('maps PUT /lambda with contentHandling CONVERT_TO_TEXT and both response models', () => {
    const put = methodsAt(fromOas30, '/lambda').PUT
    expect(put).toMatchObject({
      httpMethod: 'PUT',
      authorizationType: 'NONE',
      apiKeyRequired: false,
      requestParameters: {'method.request.querystring.key': false},
      methodResponses: {
        '200': {statusCode: '200', responseModels: {'application/json': 'Empty', 'application/octet-stream': 'Empty'}},
        '500': {statusCode: '500'},
      },
    })
    expect(put.methodIntegration).toEqual({
      type: 'AWS',
      httpMethod: 'POST',
      uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:image/invocations',
      credentials: 'arn:aws:iam::123456789012:role/Lambda',
      requestTemplates: {'application/json': '{\n   "imageKey": "$input.params(\'key\')", "image": "$input.body"\n}'},
      contentHandling: 'CONVERT_TO_TEXT',
      timeoutInMillis: 29000,
      cacheKeyParameters: [],
      integrationResponses: {'500': {statusCode: '500'}, '200': {statusCode: '200', selectionPattern: '2\\d{2}'}},
    })
  })

  it('keys GET /lambda integration responses by status code, with the pattern inside', () => {
    const get = methodsAt(fromOas30, '/lambda').GET
    expect(get.methodIntegration?.integrationResponses).toEqual({
      '200': {
        statusCode: '200',
        selectionPattern: '2\\d{2}',
        responseTemplates: {'application/json': '{\n   "image": "$input.body"\n}'},
      },
      '500': {statusCode: '500'},
    })
    expect(get.methodIntegration).not.toHaveProperty('contentHandling')
    expect(get.methodResponses?.['200'].responseModels).toEqual({'application/json': 'Empty'})
  })
})

describe('parseDefinitionDocument: thumbnail-service fixture', () => {
  const definition = parseDefinitionDocument(fixture('thumbnail-service.oas30.json'))

  it('reads paths in document order and the description', () => {
    expect(definition.resources.map((resource) => resource.path)).toEqual(['/upload', '/thumbnails/{key}', '/status'])
    expect(definition.description).toMatch(/^A Lambda-proxy thumbnail service/)
    expect(definition.binaryMediaTypes).toEqual([])
  })

  it('upper-cases the Lambda proxy integration', () => {
    const post = methodsAt(definition, '/upload').POST
    expect(post.methodIntegration).toEqual({
      type: 'AWS_PROXY',
      httpMethod: 'POST',
      uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:thumbnail-service-dev-upload/invocations',
      passthroughBehavior: 'WHEN_NO_MATCH',
      timeoutInMillis: 29000,
      cacheKeyParameters: [],
    })
  })

  it('maps the MOCK OPTIONS preflight with its header mappings', () => {
    const options = methodsAt(definition, '/thumbnails/{key}').OPTIONS
    expect(options.requestParameters).toEqual({'method.request.path.key': true})
    expect(options.methodResponses).toEqual({
      '200': {
        statusCode: '200',
        responseParameters: {
          'method.response.header.Access-Control-Allow-Origin': false,
          'method.response.header.Access-Control-Allow-Methods': false,
          'method.response.header.Access-Control-Allow-Headers': false,
        },
      },
    })
    expect(options.methodIntegration).toMatchObject({
      type: 'MOCK',
      passthroughBehavior: 'WHEN_NO_MATCH',
      requestTemplates: {'application/json': '{"statusCode": 200}'},
      integrationResponses: {
        '200': {
          statusCode: '200',
          responseParameters: {"method.response.header.Access-Control-Allow-Origin": "'*'"},
        },
      },
    })
    expect(options.methodIntegration).not.toHaveProperty('uri')
    expect(options.methodIntegration?.integrationResponses?.['200']).not.toHaveProperty('selectionPattern')
  })

  it('marks path parameters required', () => {
    expect(methodsAt(definition, '/thumbnails/{key}').GET.requestParameters).toEqual({'method.request.path.key': true})
  })
})

describe('parseDefinitionDocument: formats and features', () => {
  it.each(['image-api.oas30.json', 'image-api.swagger.json', 'thumbnail-service.oas30.json'])(
    'reads %s as YAML exactly as JSON',
    (name) => {
      const json = fixture(name)
      const yaml = stringify(JSON.parse(json))
      expect(yaml.trimStart().startsWith('{')).toBe(false)
      expect(parseDefinitionDocument(yaml)).toEqual(parseDefinitionDocument(json))
    },
  )

  it('accepts hand-written YAML with unquoted numbers', () => {
    const yaml = [
      'swagger: 2.0',
      'info: {title: yaml-api, version: 1.0}',
      'paths:',
      '  /files/{name}:',
      '    get:',
      '      responses:',
      '        200: {description: ok}',
      '      x-amazon-apigateway-integration:',
      '        type: http',
      '        httpMethod: get',
      '        uri: https://example.com/{name}',
      '        timeoutInMillis: 5000',
      '        responses:',
      '          default: {statusCode: 200, contentHandling: CONVERT_TO_BINARY}',
    ].join('\n')
    const definition = parseDefinitionDocument(yaml)
    expect(definition.version).toBe('1')
    const get = methodsAt(definition, '/files/{name}').GET
    expect(get.methodResponses).toEqual({'200': {statusCode: '200'}})
    expect(get.methodIntegration).toMatchObject({
      type: 'HTTP',
      httpMethod: 'GET',
      timeoutInMillis: 5000,
      integrationResponses: {'200': {statusCode: '200', contentHandling: 'CONVERT_TO_BINARY'}},
    })
  })

  it('maps x-amazon-apigateway-any-method to ANY', () => {
    const body = oas30({
      '/{proxy+}': {
        'x-amazon-apigateway-any-method': {
          parameters: [{name: 'proxy', in: 'path', required: true}],
          'x-amazon-apigateway-integration': {type: 'aws_proxy', httpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:lambda:path/fn'},
        },
      },
    })
    const methods = methodsAt(parseDefinitionDocument(body), '/{proxy+}')
    expect(Object.keys(methods)).toEqual(['ANY'])
    expect(methods.ANY).toMatchObject({httpMethod: 'ANY', requestParameters: {'method.request.path.proxy': true}})
    expect(methods.ANY.methodIntegration?.type).toBe('AWS_PROXY')
  })

  it('merges path-level parameters, operation ones winning, and resolves local $refs', () => {
    const body = oas30(
      {
        '/items': {
          parameters: [{$ref: '#/components/parameters/Limit'}, {name: 'X-Trace', in: 'header'}],
          get: {parameters: [{name: 'limit', in: 'query', required: false}, {name: 'c', in: 'cookie'}], 'x-amazon-apigateway-integration': MOCK},
        },
      },
      {components: {parameters: {Limit: {name: 'limit', in: 'query', required: true}}}},
    )
    expect(methodsAt(parseDefinitionDocument(body), '/items').GET.requestParameters).toEqual({
      'method.request.querystring.limit': false,
      'method.request.header.X-Trace': false,
    })
  })

  it('reads request models, operationId and api-key security', () => {
    const body = oas30(
      {
        '/pets': {
          post: {
            operationId: 'CreatePet',
            security: [{sigKey: []}],
            requestBody: {content: {'application/json': {schema: {$ref: '#/components/schemas/NewPet'}}}},
            'x-amazon-apigateway-integration': MOCK,
          },
        },
      },
      {components: {securitySchemes: {sigKey: {type: 'apiKey', name: 'x-api-key', in: 'header'}}}},
    )
    expect(methodsAt(parseDefinitionDocument(body), '/pets').POST).toMatchObject({
      operationName: 'CreatePet',
      apiKeyRequired: true,
      requestModels: {'application/json': 'NewPet'},
    })
  })

  it('imports a method without integration, without a warning (AWS imports one with failOnWarnings: test_import_documentation_parts)', () => {
    const definition = parseDefinitionDocument(oas30({'/bare': {get: {responses: {'200': {description: 'ok'}}}}}))
    expect(methodsAt(definition, '/bare').GET).not.toHaveProperty('methodIntegration')
    expect(definition.warnings).toEqual([])
  })

  it('dedupes binary media types keeping order, and keeps path items without operations', () => {
    const definition = parseDefinitionDocument(
      oas30({'/empty': {}}, {'x-amazon-apigateway-binary-media-types': ['image/png', '*/*', 'image/png']}),
    )
    expect(definition.binaryMediaTypes).toEqual(['image/png', '*/*'])
    expect(definition.resources).toEqual([{path: '/empty', methods: {}}])
  })

  it('accepts a definition without paths', () => {
    expect(parseDefinitionDocument(JSON.stringify({swagger: '2.0', info: {title: 'bare'}})).resources).toEqual([])
  })

  it('keeps a __proto__ template key as data', () => {
    // JSON.parse makes '__proto__' an own key, and JSON.stringify writes it back out.
    const body = withIntegration({type: 'mock', requestTemplates: JSON.parse('{"__proto__": "x", "a": "b"}')})
    expect(body).toContain('"__proto__":"x"')
    const templates = methodsAt(parseDefinitionDocument(body), '/x').GET.methodIntegration?.requestTemplates
    expect(Object.getPrototypeOf(templates)).toBe(Object.prototype)
    expect(Object.keys(templates ?? {})).toEqual(['__proto__', 'a'])
  })

  it('writes no undefined values', () => {
    const definition = parseDefinitionDocument(fixture('thumbnail-service.oas30.json'))
    expect(JSON.parse(JSON.stringify(definition))).toStrictEqual(definition)
  })
})

describe('parseDefinitionDocument: bad input', () => {
  const cases: [string, string][] = [
    ['empty body', ''],
    ['whitespace', '   \n'],
    ['broken JSON and YAML', '{"openapi": '],
    ['broken YAML', 'openapi: [3.0.1\ninfo: {'],
    ['JSON null', 'null'],
    ['JSON array', '[1, 2]'],
    ['JSON number', '42'],
    ['JSON string', '"openapi"'],
    ['plain text', 'hello world'],
    ['neither swagger nor openapi', JSON.stringify({info: {title: 'T'}, paths: {}})],
    ['OpenAPI 3.1', JSON.stringify({openapi: '3.1.0', info: {title: 'T'}, paths: {}})],
    ['Swagger 1.2', JSON.stringify({swaggerVersion: '1.2', info: {title: 'T'}})],
    ['missing info', JSON.stringify({openapi: '3.0.1', paths: {}})],
    ['missing title', JSON.stringify({openapi: '3.0.1', info: {version: '1'}, paths: {}})],
    ['non-string title', JSON.stringify({openapi: '3.0.1', info: {title: 7}, paths: {}})],
    ['paths not an object', oas30([1, 2])],
    ['path entry not an object', oas30({'/x': 'nope'})],
    ['path entry null', oas30({'/x': null})],
    ['path without leading slash', oas30({x: {}})],
    ['path with an empty segment', oas30({'/a//b': {}})],
    ['path with a bad character', oas30({'/a b': {}})],
    ['operation not an object', oas30({'/x': {get: 3}})],
    ['parameters not an array', oas30({'/x': {get: {parameters: {}}}})],
    ['gateway response of an unknown type', oas30({}, {'x-amazon-apigateway-gateway-responses': {NOPE: {}}})],
    ['gateway response status that is no status', oas30({}, {'x-amazon-apigateway-gateway-responses': {DEFAULT_4XX: {statusCode: 'teapot'}}})],
    ['gateway response parameters that are no strings', oas30({}, {'x-amazon-apigateway-gateway-responses': {DEFAULT_4XX: {responseParameters: {a: 1}}}})],
    ['documentation part of an unknown location type', oas30({}, {'x-amazon-apigateway-documentation': {documentationParts: [{location: {type: 'NOWHERE'}, properties: {}}]}})],
    ['parameter without name', oas30({'/x': {get: {parameters: [{in: 'query'}]}}})],
    ['dangling $ref', oas30({'/x': {get: {parameters: [{$ref: '#/components/parameters/Nope'}]}}})],
    ['external $ref', oas30({'/x': {get: {parameters: [{$ref: 'other.yaml#/P'}]}}})],
    ['responses not an object', oas30({'/x': {get: {responses: []}}})],
    ['response not an object', oas30({'/x': {get: {responses: {'200': 'ok'}}}})],
    ['binary media types not a list', oas30({}, {'x-amazon-apigateway-binary-media-types': 'image/png'})],
    ['binary media types with a number', oas30({}, {'x-amazon-apigateway-binary-media-types': [1]})],
    ['integration not an object', withIntegration('aws')],
    ['integration without type', withIntegration({httpMethod: 'POST', uri: 'u'})],
    ['unknown integration type', withIntegration({type: 'lambda', httpMethod: 'POST', uri: 'u'})],
    ['AWS integration without uri', withIntegration({type: 'aws', httpMethod: 'POST'})],
    ['HTTP integration without httpMethod', withIntegration({type: 'http', uri: 'https://e.com'})],
    ['bad contentHandling', withIntegration({...MOCK, contentHandling: 'CONVERT_TO_BASE64'})],
    ['lower-case contentHandling', withIntegration({...MOCK, contentHandling: 'convert_to_binary'})],
    ['bad passthroughBehavior', withIntegration({...MOCK, passthroughBehavior: 'sometimes'})],
    ['bad connectionType', withIntegration({...MOCK, connectionType: 'DIRECT'})],
    ['non-integer timeout', withIntegration({...MOCK, timeoutInMillis: 12.5})],
    ['too small timeout', withIntegration({...MOCK, timeoutInMillis: 10})],
    ['string timeout', withIntegration({...MOCK, timeoutInMillis: '29000'})],
    ['requestTemplates with null', withIntegration({...MOCK, requestTemplates: {'application/json': null}})],
    ['cacheKeyParameters not strings', withIntegration({...MOCK, cacheKeyParameters: [1]})],
    ['tlsConfig not an object', withIntegration({...MOCK, tlsConfig: true})],
    ['integration responses not an object', withIntegration({type: 'mock', responses: ['200']})],
    ['integration response without statusCode', withIntegration({type: 'mock', responses: {default: {}}})],
    ['integration response with bad statusCode', withIntegration({type: 'mock', responses: {default: {statusCode: '2000'}}})],
    ['integration response with bad contentHandling', withIntegration({type: 'mock', responses: {default: {statusCode: '200', contentHandling: 'BINARY'}}})],
  ]

  it.each(cases)('rejects %s with BadRequestException', (_label, body) => {
    const error = expectBadRequest(body)
    expect(error.message).toMatch(/^(Invalid OpenAPI input\.|Invalid API definition: .+|Resource's path part .+)$/)
  })

  it('names the missing title', () => {
    expect(expectBadRequest(JSON.stringify({openapi: '3.0.1', info: {}, paths: {}})).message).toMatch(/info\.title/)
  })

  it('names the invalid contentHandling value', () => {
    expect(expectBadRequest(withIntegration({...MOCK, contentHandling: 'CONVERT_TO_BASE64'})).message).toMatch(/CONVERT_TO_BASE64/)
  })
})

describe('parseDefinitionDocument: never throws anything but BadRequestException', () => {
  const onlyBadRequest = (body: string) => {
    try {
      parseDefinitionDocument(body)
    } catch (error) {
      if (!(error instanceof ApiGatewayError) || error.code !== 'BadRequestException') throw error
    }
  }

  it('for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({maxLength: 200}), onlyBadRequest), {numRuns: 300})
  })

  it('for arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => onlyBadRequest(JSON.stringify(value))), {numRuns: 300})
  })

  it('for definitions with garbage in every slot', () => {
    const anything = fc.jsonValue({maxDepth: 3})
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, {nil: undefined})
    const integration = fc.record(
      {
        type: fc.oneof(fc.constantFrom('aws', 'AWS_PROXY', 'mock', 'http', 'bogus'), anything),
        httpMethod: fc.oneof(fc.constant('POST'), anything),
        uri: fc.oneof(fc.constant('arn:x'), anything),
        contentHandling: fc.oneof(fc.constantFrom('CONVERT_TO_TEXT', 'CONVERT_TO_BINARY'), anything),
        passthroughBehavior: anything,
        timeoutInMillis: anything,
        requestTemplates: anything,
        responses: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.record({statusCode: anything}), anything)), anything),
        tlsConfig: anything,
      },
      {requiredKeys: []},
    )
    const operation = fc.oneof(
      fc.record(
        {parameters: anything, responses: anything, security: anything, requestBody: anything, 'x-amazon-apigateway-integration': integration},
        {requiredKeys: []},
      ),
      anything,
    )
    const pathItem = fc.oneof(fc.dictionary(fc.constantFrom('get', 'post', 'x-amazon-apigateway-any-method', 'parameters', 'other'), operation), anything)
    const doc = fc.record(
      {
        openapi: fc.constantFrom('3.0.1', '3.0.0'),
        info: fc.oneof(fc.record({title: fc.oneof(fc.constant('T'), anything), version: anything}), anything),
        paths: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom('/', '/a', '/{b}'), fc.string()), pathItem), anything),
        components: maybe(anything),
        'x-amazon-apigateway-binary-media-types': maybe(anything),
      },
      {requiredKeys: ['openapi']},
    )
    fc.assert(fc.property(doc, (value) => onlyBadRequest(JSON.stringify(value))), {numRuns: 500})
  })
})
