import {
  type APIGatewayClient,
  BadRequestException,
  CreateRestApiCommand,
  GetModelsCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  ImportRestApiCommand,
  NotFoundException,
  type PutMode,
  PutRestApiCommand,
  type Resource,
} from '@aws-sdk/client-api-gateway'
import {stringify} from 'yaml'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {fixtureJson, fixtureText, raw} from './support.js'

const FIXTURES = ['image-api.oas30.json', 'image-api.swagger.json', 'thumbnail-service.oas30.json']

const OPERATION_KEYS: Record<string, string> = {get: 'GET', put: 'PUT', post: 'POST', delete: 'DELETE', patch: 'PATCH', head: 'HEAD', options: 'OPTIONS'}

/** Every resource path an import of `doc` must create (ancestors included), with the methods each path gets. */
function expectedTree(doc: Record<string, unknown>): Record<string, string[]> {
  const tree: Record<string, string[]> = {'/': []}
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    let prefix = ''
    for (const part of path.split('/').filter(Boolean)) tree[(prefix += `/${part}`)] ??= []
    tree[path] = Object.keys(item)
      .filter((key) => key in OPERATION_KEYS)
      .map((key) => OPERATION_KEYS[key])
      .sort()
  }
  return tree
}

const mockDoc = (title: string, paths: Record<string, string[]>, binaryMediaTypes?: string[]) =>
  JSON.stringify({
    openapi: '3.0.1',
    info: {title, version: '1'},
    paths: Object.fromEntries(
      Object.entries(paths).map(([path, methods]) => [
        path,
        Object.fromEntries(
          methods.map((method) => [
            method,
            {responses: {'200': {description: 'ok'}}, 'x-amazon-apigateway-integration': {type: 'mock', responses: {default: {statusCode: '200'}}}},
          ]),
        ),
      ]),
    ),
    ...(binaryMediaTypes ? {'x-amazon-apigateway-binary-media-types': binaryMediaTypes} : {}),
  })

describe('SDK over HTTP: ImportRestApi / PutRestApi', () => {
  let sandbox: Sandbox
  let client: APIGatewayClient
  beforeAll(async () => {
    sandbox = await startTestSandbox()
    client = sdkClient(sandbox.url)
  })
  afterAll(() => sandbox.close())

  const resources = async (restApiId: string): Promise<Resource[]> =>
    (await client.send(new GetResourcesCommand({restApiId, embed: ['methods'], limit: 500}))).items!
  const tree = async (restApiId: string) =>
    Object.fromEntries((await resources(restApiId)).map((resource) => [resource.path!, Object.keys(resource.resourceMethods ?? {}).sort()]))
  const apiCount = async () => (await client.send(new GetRestApisCommand({limit: 500}))).items!.length
  const importText = (text: string, failOnWarnings?: boolean) =>
    client.send(new ImportRestApiCommand({body: Buffer.from(text), failOnWarnings}))

  describe.each(FIXTURES)('ImportRestApi %s', (name) => {
    const doc = fixtureJson(name)
    const info = doc.info as {title: string; version: string; description?: string}

    it('creates the API (201) with the document name, version, binary types, resources and methods', async () => {
      const api = await importText(fixtureText(name))
      expect(api.$metadata.httpStatusCode).toBe(201)
      expect(api.id).toMatch(/^[a-z0-9]{10}$/)
      expect(api).toMatchObject({name: info.title, version: info.version, apiKeySource: 'HEADER'})
      expect(api.description).toBe(info.description)
      expect(api.binaryMediaTypes).toEqual(doc['x-amazon-apigateway-binary-media-types'])
      expect(await tree(api.id!)).toEqual(expectedTree(doc))
      // Every method of the fixtures carries an integration; its type arrives upper-cased.
      for (const resource of await resources(api.id!)) {
        for (const method of Object.values(resource.resourceMethods ?? {})) {
          expect(method.methodIntegration?.type).toMatch(/^(AWS|AWS_PROXY|HTTP|HTTP_PROXY|MOCK)$/)
        }
      }
    })

    it('imports the YAML form of the document the same way', async () => {
      const fromJson = await importText(fixtureText(name))
      const fromYaml = await importText(stringify(doc))
      expect(fromYaml.$metadata.httpStatusCode).toBe(201)
      expect(fromYaml.binaryMediaTypes).toEqual(fromJson.binaryMediaTypes)
      expect(fromYaml.name).toBe(fromJson.name)
      const strip = (items: Resource[]) =>
        Object.fromEntries(items.map((resource) => [resource.path!, resource.resourceMethods ?? {}]))
      const yamlTree = strip(await resources(fromYaml.id!))
      const jsonTree = strip(await resources(fromJson.id!))
      // Integrations default their cache namespace to the resource id, which differs between the two APIs.
      const normalise = (methods: Record<string, Record<string, unknown>>) =>
        JSON.parse(JSON.stringify(methods).replaceAll(/"cacheNamespace":"[a-z0-9]+"/g, '"cacheNamespace":"*"'))
      expect(Object.keys(yamlTree).sort()).toEqual(Object.keys(jsonTree).sort())
      for (const path of Object.keys(jsonTree)) expect(normalise(yamlTree[path] as never)).toEqual(normalise(jsonTree[path] as never))
    })
  })

  it('takes the endpoint type from parameters.endpointConfigurationTypes', async () => {
    const api = await client.send(
      new ImportRestApiCommand({body: Buffer.from(fixtureText('image-api.oas30.json')), parameters: {endpointConfigurationTypes: 'REGIONAL'}}),
    )
    expect(api.endpointConfiguration?.types).toEqual(['REGIONAL'])
  })

  describe('PutRestApi', () => {
    const addition = mockDoc('replacement', {'/other': ['get']}, ['image/png'])

    const importImageApi = async () => {
      const api = await importText(fixtureText('image-api.oas30.json'))
      const lambda = (await resources(api.id!)).find((resource) => resource.path === '/lambda')!
      return {id: api.id!, lambdaId: lambda.id!}
    }

    it('merge (the default) unions the binary types and keeps the existing methods', async () => {
      const {id, lambdaId} = await importImageApi()
      const put = await client.send(new PutRestApiCommand({restApiId: id, body: Buffer.from(addition)}))
      expect(put.$metadata.httpStatusCode).toBe(200)
      expect(put.binaryMediaTypes).toEqual(['application/octet-stream', 'image/jpeg', 'image/png'])
      expect(await tree(id)).toEqual({'/': [], '/lambda': ['GET', 'PUT'], '/other': ['GET']})
      // The resource the merge kept is the same resource, not a re-created one.
      expect((await resources(id)).find((resource) => resource.path === '/lambda')!.id).toBe(lambdaId)
      expect((await client.send(new GetRestApiCommand({restApiId: id}))).binaryMediaTypes).toEqual(put.binaryMediaTypes)
    })

    it('explicit merge mode behaves the same', async () => {
      const {id} = await importImageApi()
      await client.send(new PutRestApiCommand({restApiId: id, mode: 'merge', body: Buffer.from(addition)}))
      expect(await tree(id)).toEqual({'/': [], '/lambda': ['GET', 'PUT'], '/other': ['GET']})
    })

    it('overwrite makes the API exactly the document, binary types replaced', async () => {
      const {id} = await importImageApi()
      const put = await client.send(new PutRestApiCommand({restApiId: id, mode: 'overwrite', body: Buffer.from(addition)}))
      expect(put.$metadata.httpStatusCode).toBe(200)
      expect(put.binaryMediaTypes).toEqual(['image/png'])
      expect(await tree(id)).toEqual({'/': [], '/other': ['GET']})
    })

    it('overwrite with a document without binary types leaves none', async () => {
      const {id} = await importImageApi()
      const answer = await raw(sandbox.url, 'PUT', `/restapis/${id}?mode=overwrite`, mockDoc('plain', {'/lambda': ['post']}))
      expect(answer.status).toBe(200)
      expect(answer.json).not.toHaveProperty('binaryMediaTypes')
      expect(await tree(id)).toEqual({'/': [], '/lambda': ['POST']})
    })

    it('refuses an unknown mode and an unknown API', async () => {
      const {id} = await importImageApi()
      await expect(
        client.send(new PutRestApiCommand({restApiId: id, mode: 'replace' as PutMode, body: Buffer.from(addition)})),
      ).rejects.toMatchObject({name: 'BadRequestException', $metadata: {httpStatusCode: 400}})
      expect(await tree(id)).toEqual({'/': [], '/lambda': ['GET', 'PUT']})
      await expect(client.send(new PutRestApiCommand({restApiId: 'nosuchapi1', body: Buffer.from(addition)}))).rejects.toBeInstanceOf(
        NotFoundException,
      )
    })

    it('a bad document changes nothing', async () => {
      const {id} = await importImageApi()
      const before = await resources(id)
      for (const mode of ['merge', 'overwrite'] as const) {
        await expect(client.send(new PutRestApiCommand({restApiId: id, mode, body: Buffer.from('{"openapi": "3.0.1"}')}))).rejects.toMatchObject({
          name: 'BadRequestException',
          $metadata: {httpStatusCode: 400},
        })
      }
      expect(await resources(id)).toEqual(before)
    })
  })

  describe('bad documents', () => {
    const BAD: [string, string, string | RegExp][] = [
      ['empty text', '   ', 'Invalid OpenAPI input.'],
      ['not a document', 'just words', 'Invalid OpenAPI input.'],
      ['a YAML list', '- a\n- b\n', 'Invalid OpenAPI input.'],
      ['broken JSON and YAML', '{"openapi": "3.0.1", "info": {', 'Invalid OpenAPI input.'],
      ['Swagger 1.2', JSON.stringify({swaggerVersion: '1.2', info: {title: 't'}}), 'Invalid OpenAPI input.'],
      ['no title', JSON.stringify({openapi: '3.0.1', info: {version: '1'}, paths: {}}), /info\.title/],
      ['a bad path part', mockDoc('t', {'/bad part': ['get']}), /path part only allow/],
      ['an unknown integration type', mockDoc('t', {}).replace('"paths":{}', '"paths":{"/x":{"get":{"x-amazon-apigateway-integration":{"type":"lambda"}}}}'), /type 'lambda'/],
      ['binary types that are not a list', mockDoc('t', {}, ['x']).replace('["x"]', '"image/png"'), /binary-media-types/],
    ]

    it.each(BAD)('%s -> BadRequestException, no API created', async (_label, text, message) => {
      const count = await apiCount()
      const error = await importText(text).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(BadRequestException)
      expect(error).toMatchObject({$metadata: {httpStatusCode: 400}})
      expect((error as Error).message).toMatch(message)
      expect(await apiCount()).toBe(count)
    })

    it('a definition over 2 MB is refused with 413 and creates nothing', async () => {
      const count = await apiCount()
      const huge = JSON.stringify({openapi: '3.0.1', info: {title: 'huge', version: '1', description: 'x'.repeat(2 * 1024 * 1024 + 10)}, paths: {}})
      await expect(importText(huge)).rejects.toMatchObject({$metadata: {httpStatusCode: 413}})
      const put = await importText(mockDoc('small', {'/a': ['get']}))
      await expect(client.send(new PutRestApiCommand({restApiId: put.id, body: Buffer.from(huge)}))).rejects.toMatchObject({
        $metadata: {httpStatusCode: 413},
      })
      expect(await apiCount()).toBe(count + 1)
      expect((await client.send(new GetRestApiCommand({restApiId: put.id}))).description).toBeUndefined()
    })
  })

  describe('failonwarnings', () => {
    // A request parameter mapping that is no string imports without it and with a warning. (A method
    // without x-amazon-apigateway-integration warns of nothing: LocalStack test_import_documentation_parts.)
    const integration = {type: 'mock', requestTemplates: {'application/json': '{"statusCode": 200}'}, requestParameters: {'integration.request.header.X-Flag': true}}
    const warned = JSON.stringify({
      openapi: '3.0.1',
      info: {title: 'warned', version: '1'},
      paths: {'/bare': {get: {responses: {'200': {description: 'ok'}}, 'x-amazon-apigateway-integration': integration}}},
    })

    it('imports with the warning in the answer when not asked to fail', async () => {
      const api = await importText(warned)
      expect(api.$metadata.httpStatusCode).toBe(201)
      expect(api.warnings).toEqual([expect.stringContaining("of resource '/bare' and method 'GET'")])
      expect(await tree(api.id!)).toEqual({'/': [], '/bare': ['GET']})
      expect((await client.send(new GetRestApiCommand({restApiId: api.id}))).warnings).toBeUndefined()
    })

    it('refuses the import and creates nothing with failOnWarnings', async () => {
      const count = await apiCount()
      await expect(importText(warned, true)).rejects.toMatchObject({
        name: 'BadRequestException',
        message: expect.stringMatching(/^Warnings found during import:[\s\S]*\/bare/),
      })
      expect(await apiCount()).toBe(count)
    })

    it('sends failonwarnings=false for false and still imports', async () => {
      const api = await importText(warned, false)
      expect(api.$metadata.httpStatusCode).toBe(201)
    })

    it('refuses a PutRestApi with warnings and leaves the API as it was', async () => {
      const api = await importText(mockDoc('clean', {'/a': ['get']}))
      await expect(client.send(new PutRestApiCommand({restApiId: api.id, mode: 'overwrite', failOnWarnings: true, body: Buffer.from(warned)}))).rejects.toBeInstanceOf(
        BadRequestException,
      )
      expect(await tree(api.id!)).toEqual({'/': [], '/a': ['GET']})
      const unwarned = await client.send(new PutRestApiCommand({restApiId: api.id, failOnWarnings: true, body: Buffer.from(mockDoc('clean', {'/b': ['post']}))}))
      expect(unwarned.warnings).toBeUndefined()
      expect(await tree(api.id!)).toEqual({'/': [], '/a': ['GET'], '/b': ['POST']})
    })
  })
  describe('AWS variables, models and the base path', () => {
    const lambdaUri = 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:fn/invocations'

    // Developer guide, import-api-aws-variables: "API Gateway resolves the variables when the API is imported".
    it('resolves ${AWS::Partition}, ${AWS::Region} and ${AWS::AccountId} in integration ARNs, and leaves stage variables', async () => {
      const doc = {
        openapi: '3.0.1',
        info: {title: 'variables', version: '1'},
        paths: {
          '/fn': {
            post: {
              'x-amazon-apigateway-integration': {
                type: 'aws_proxy',
                httpMethod: 'POST',
                uri: lambdaUri,
                credentials: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${stageVariables.role}',
              },
            },
          },
        },
      }
      const api = await importText(JSON.stringify(doc))
      const integration = (await resources(api.id!)).find((resource) => resource.path === '/fn')!.resourceMethods!.POST!.methodIntegration!
      expect(integration.uri).toBe('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations')
      expect(integration.credentials).toBe('arn:aws:iam::123456789012:role/${stageVariables.role}')
    })

    it('PutRestApi overwrite replaces the models, merge adds to them; each keeps its id', async () => {
      const withModels = (schemas: Record<string, unknown>) =>
        Buffer.from(JSON.stringify({openapi: '3.0.1', info: {title: 'models', version: '1'}, paths: {}, components: {schemas}}))
      const models = async (restApiId: string) =>
        Object.fromEntries((await client.send(new GetModelsCommand({restApiId}))).items!.map((model) => [model.name!, model]))
      const api = await client.send(new CreateRestApiCommand({name: 'models'}))
      const defaults = await models(api.id!)
      expect(Object.keys(defaults).sort()).toEqual(['Empty', 'Error'])
      await client.send(new PutRestApiCommand({restApiId: api.id, mode: 'merge', body: withModels({Pet: {type: 'object', properties: {kind: {$ref: '#/components/schemas/Kind'}}}})}))
      const merged = await models(api.id!)
      expect(Object.keys(merged).sort()).toEqual(['Empty', 'Error', 'Pet'])
      expect(merged.Empty!.id).toBe(defaults.Empty!.id)
      expect(JSON.parse(merged.Pet!.schema!)).toEqual({type: 'object', properties: {kind: {$ref: `https://apigateway.amazonaws.com/restapis/${api.id}/models/Kind`}}})
      await client.send(new PutRestApiCommand({restApiId: api.id, mode: 'overwrite', body: withModels({Pet: {type: 'string'}})}))
      const overwritten = await models(api.id!)
      expect(Object.keys(overwritten)).toEqual(['Pet'])
      expect(overwritten.Pet!.id).toBe(merged.Pet!.id)
    })

    it('refuses a basepath other than ignore, prepend and split, creating nothing', async () => {
      const count = await apiCount()
      await expect(client.send(new ImportRestApiCommand({body: Buffer.from(mockDoc('based', {'/a': ['get']})), parameters: {basepath: 'drop'}}))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: expect.stringContaining('drop'),
      })
      expect(await apiCount()).toBe(count)
    })
  })
})
