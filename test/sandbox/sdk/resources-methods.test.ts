import {
  type APIGatewayClient,
  BadRequestException,
  ConflictException,
  CreateAuthorizerCommand,
  CreateResourceCommand,
  DeleteAuthorizerCommand,
  CreateRestApiCommand,
  DeleteMethodCommand,
  DeleteMethodResponseCommand,
  DeleteResourceCommand,
  GetMethodCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetMethodResponseCommand,
  GetResourceCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
  NotFoundException,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateMethodCommand,
  UpdateResourceCommand,
  paginateGetResources,
} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {ACCOUNT_ID, raw, withoutMetadata} from './support.js'

describe('SDK over HTTP: resources, methods and method responses', () => {
  let sandbox: Sandbox
  let client: APIGatewayClient
  let restApiId: string
  let rootId: string
  beforeAll(async () => {
    sandbox = await startTestSandbox()
    client = sdkClient(sandbox.url)
    const api = await client.send(new CreateRestApiCommand({name: 'resources'}))
    restApiId = api.id!
    rootId = api.rootResourceId!
  })
  afterAll(() => sandbox.close())

  const createResource = (parentId: string, pathPart: string) => client.send(new CreateResourceCommand({restApiId, parentId, pathPart}))
  const putMethod = (resourceId: string, httpMethod: string) =>
    client.send(new PutMethodCommand({restApiId, resourceId, httpMethod, authorizationType: 'NONE', requestParameters: {'method.request.querystring.q': false}}))

  describe('CreateResource / GetResource / DeleteResource', () => {
    it('creates a child (201) with parentId, pathPart and the full path', async () => {
      const parent = await createResource(rootId, 'docs')
      expect(parent.$metadata.httpStatusCode).toBe(201)
      expect(parent).toMatchObject({parentId: rootId, pathPart: 'docs', path: '/docs'})
      expect(parent.id).toMatch(/^[a-z0-9]+$/)
      const child = await createResource(parent.id!, '{docId}')
      expect(child).toMatchObject({parentId: parent.id, pathPart: '{docId}', path: '/docs/{docId}'})
      const read = await client.send(new GetResourceCommand({restApiId, resourceId: child.id}))
      expect(withoutMetadata(read)).toEqual(withoutMetadata(child))
    })

    it('refuses a sibling with the same path part (409), a bad path part (400) and an unknown parent (404)', async () => {
      await createResource(rootId, 'twice')
      const conflict = await createResource(rootId, 'twice').catch((caught: unknown) => caught)
      expect(conflict).toBeInstanceOf(ConflictException)
      expect(conflict).toMatchObject({$metadata: {httpStatusCode: 409}, message: expect.stringContaining('twice')})
      await expect(createResource(rootId, 'bad part')).rejects.toBeInstanceOf(BadRequestException)
      await expect(createResource('nosuch', 'orphan')).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Resource identifier specified',
        $metadata: {httpStatusCode: 404},
      })
    })

    it('GetResource answers 404 for an unknown resource and an unknown API', async () => {
      await expect(client.send(new GetResourceCommand({restApiId, resourceId: 'nosuch'}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Resource identifier specified',
      })
      await expect(client.send(new GetResourceCommand({restApiId: 'nosuchapi1', resourceId: rootId}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: `Invalid API identifier specified ${ACCOUNT_ID}:nosuchapi1`,
      })
    })

    it('DeleteResource answers 202 and removes the whole subtree', async () => {
      const top = await createResource(rootId, 'doomed')
      const below = await createResource(top.id!, 'child')
      const deleted = await client.send(new DeleteResourceCommand({restApiId, resourceId: top.id}))
      expect(deleted.$metadata.httpStatusCode).toBe(202)
      for (const resourceId of [top.id, below.id]) {
        await expect(client.send(new GetResourceCommand({restApiId, resourceId}))).rejects.toBeInstanceOf(NotFoundException)
      }
      const paths = (await client.send(new GetResourcesCommand({restApiId, limit: 500}))).items!.map((resource) => resource.path)
      expect(paths).not.toContain('/doomed')
      expect(paths).not.toContain('/doomed/child')
      await expect(client.send(new DeleteResourceCommand({restApiId, resourceId: top.id}))).rejects.toBeInstanceOf(NotFoundException)
    })

    it('UpdateResource renames a path part and moves the subtree; a failing later operation changes nothing', async () => {
      const top = await createResource(rootId, 'before')
      const below = await createResource(top.id!, 'leaf')
      const renamed = await client.send(
        new UpdateResourceCommand({restApiId, resourceId: top.id, patchOperations: [{op: 'replace', path: '/pathPart', value: 'after'}]}),
      )
      expect(renamed.$metadata.httpStatusCode).toBe(200)
      expect(renamed).toMatchObject({id: top.id, pathPart: 'after', path: '/after'})
      expect((await client.send(new GetResourceCommand({restApiId, resourceId: below.id}))).path).toBe('/after/leaf')
      await expect(
        client.send(
          new UpdateResourceCommand({
            restApiId,
            resourceId: top.id,
            patchOperations: [
              {op: 'replace', path: '/pathPart', value: 'again'},
              {op: 'replace', path: '/pathPart', value: 'not valid'},
            ],
          }),
        ),
      ).rejects.toBeInstanceOf(BadRequestException)
      expect((await client.send(new GetResourceCommand({restApiId, resourceId: top.id}))).path).toBe('/after')
      expect((await client.send(new GetResourceCommand({restApiId, resourceId: below.id}))).path).toBe('/after/leaf')
    })

    it('refuses to delete the root resource', async () => {
      await expect(client.send(new DeleteResourceCommand({restApiId, resourceId: rootId}))).rejects.toMatchObject({
        name: 'BadRequestException',
        $metadata: {httpStatusCode: 400},
      })
      await expect(client.send(new GetResourceCommand({restApiId, resourceId: rootId}))).resolves.toMatchObject({path: '/'})
    })
  })

  describe('PutMethod / GetMethod / DeleteMethod', () => {
    let resourceId: string
    beforeAll(async () => {
      resourceId = (await createResource(rootId, 'methods')).id!
    })

    it('PutMethod answers 201 with the method', async () => {
      const method = await putMethod(resourceId, 'GET')
      expect(method.$metadata.httpStatusCode).toBe(201)
      expect(withoutMetadata(method)).toEqual({
        httpMethod: 'GET',
        authorizationType: 'NONE',
        apiKeyRequired: false,
        requestParameters: {'method.request.querystring.q': false},
      })
      const read = await client.send(new GetMethodCommand({restApiId, resourceId, httpMethod: 'GET'}))
      expect(read.$metadata.httpStatusCode).toBe(200)
      expect(withoutMetadata(read)).toEqual(withoutMetadata(method))
    })

    it('PutMethod on an existing method is a ConflictException', async () => {
      await putMethod(resourceId, 'PATCH')
      await expect(putMethod(resourceId, 'PATCH')).rejects.toMatchObject({
        name: 'ConflictException',
        message: 'Method already exists for this resource',
        $metadata: {httpStatusCode: 409},
      })
    })

    it('refuses an unknown HTTP method and a missing authorizationType', async () => {
      await expect(putMethod(resourceId, 'FETCH')).rejects.toBeInstanceOf(BadRequestException)
      await expect(
        client.send(new PutMethodCommand({restApiId, resourceId, httpMethod: 'POST', authorizationType: undefined as unknown as string})),
      ).rejects.toMatchObject({$metadata: {httpStatusCode: 400}})
      await expect(client.send(new GetMethodCommand({restApiId, resourceId, httpMethod: 'POST'}))).rejects.toBeInstanceOf(NotFoundException)
    })

    it('GetMethod answers 404 with Invalid Method identifier specified', async () => {
      await expect(client.send(new GetMethodCommand({restApiId, resourceId, httpMethod: 'DELETE'}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Method identifier specified',
        $metadata: {httpStatusCode: 404},
      })
      await expect(client.send(new GetMethodCommand({restApiId, resourceId: 'nosuch', httpMethod: 'GET'}))).rejects.toMatchObject({
        message: 'Invalid Resource identifier specified',
      })
    })

    it('DeleteMethod answers 204, after which the method is gone', async () => {
      await putMethod(resourceId, 'OPTIONS')
      const deleted = await client.send(new DeleteMethodCommand({restApiId, resourceId, httpMethod: 'OPTIONS'}))
      expect(deleted.$metadata.httpStatusCode).toBe(204)
      await expect(client.send(new GetMethodCommand({restApiId, resourceId, httpMethod: 'OPTIONS'}))).rejects.toMatchObject({
        message: 'Invalid Method identifier specified',
      })
      const resource = await client.send(new GetResourceCommand({restApiId, resourceId}))
      expect(Object.keys(resource.resourceMethods ?? {})).not.toContain('OPTIONS')
      await expect(client.send(new DeleteMethodCommand({restApiId, resourceId, httpMethod: 'OPTIONS'}))).rejects.toBeInstanceOf(
        NotFoundException,
      )
    })
  })

  describe('GetResources', () => {
    let tree: {id: string; resourceId: string}
    beforeAll(async () => {
      const api = await client.send(new CreateRestApiCommand({name: 'listing'}))
      const resource = await client.send(new CreateResourceCommand({restApiId: api.id, parentId: api.rootResourceId, pathPart: 'pets'}))
      for (const httpMethod of ['GET', 'POST']) {
        await client.send(new PutMethodCommand({restApiId: api.id, resourceId: resource.id, httpMethod, authorizationType: 'NONE'}))
      }
      tree = {id: api.id!, resourceId: resource.id!}
    })

    it('without embed lists each method as {}', async () => {
      const listed = await client.send(new GetResourcesCommand({restApiId: tree.id}))
      const pets = listed.items!.find((resource) => resource.path === '/pets')!
      expect(pets.resourceMethods).toEqual({GET: {}, POST: {}})
      const root = listed.items!.find((resource) => resource.path === '/')!
      expect(root.resourceMethods).toBeUndefined()
      const wire = await raw(sandbox.url, 'GET', `/restapis/${tree.id}/resources`)
      expect(wire.json).toEqual({item: expect.arrayContaining([{id: pets.id, parentId: root.id, pathPart: 'pets', path: '/pets', resourceMethods: {GET: {}, POST: {}}}])})
    })

    it("with embed: ['methods'] lists the full methods", async () => {
      const listed = await client.send(new GetResourcesCommand({restApiId: tree.id, embed: ['methods']}))
      const pets = listed.items!.find((resource) => resource.path === '/pets')!
      expect(pets.resourceMethods).toEqual({
        GET: {httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: false},
        POST: {httpMethod: 'POST', authorizationType: 'NONE', apiKeyRequired: false},
      })
    })

    it('GetResource embeds the same way', async () => {
      const bare = await client.send(new GetResourceCommand({restApiId: tree.id, resourceId: tree.resourceId}))
      expect(bare.resourceMethods).toEqual({GET: {}, POST: {}})
      const embedded = await client.send(new GetResourceCommand({restApiId: tree.id, resourceId: tree.resourceId, embed: ['methods']}))
      expect(embedded.resourceMethods?.GET).toMatchObject({httpMethod: 'GET', authorizationType: 'NONE'})
    })

    it('pages with limit/position and with paginateGetResources', async () => {
      const api = await client.send(new CreateRestApiCommand({name: 'many-resources'}))
      const created = [api.rootResourceId!]
      for (let index = 0; index < 11; index++) {
        created.push((await client.send(new CreateResourceCommand({restApiId: api.id, parentId: api.rootResourceId, pathPart: `r${index}`}))).id!)
      }
      const sizes: number[] = []
      const seen: string[] = []
      let position: string | undefined
      do {
        const page = await client.send(new GetResourcesCommand({restApiId: api.id, limit: 5, position}))
        sizes.push(page.items!.length)
        seen.push(...page.items!.map((resource) => resource.id!))
        position = page.position
      } while (position)
      expect(sizes).toEqual([5, 5, 2])
      expect(seen).toEqual(created)

      const paginated: string[] = []
      let pages = 0
      for await (const page of paginateGetResources({client, pageSize: 5}, {restApiId: api.id})) {
        pages++
        paginated.push(...page.items!.map((resource) => resource.id!))
      }
      expect(pages).toBe(3)
      expect(paginated).toEqual(created)
    })

    it('refuses a limit above 500 and answers 404 for an unknown API', async () => {
      await expect(client.send(new GetResourcesCommand({restApiId: tree.id, limit: 501}))).rejects.toMatchObject({$metadata: {httpStatusCode: 400}})
      await expect(client.send(new GetResourcesCommand({restApiId: 'nosuchapi1'}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: `Invalid API identifier specified ${ACCOUNT_ID}:nosuchapi1`,
      })
    })
  })

  describe('PutMethodResponse / GetMethodResponse / DeleteMethodResponse', () => {
    let resourceId: string
    beforeAll(async () => {
      resourceId = (await createResource(rootId, 'responses')).id!
      await putMethod(resourceId, 'GET')
    })

    it('PutMethodResponse answers 201; GetMethodResponse and GetMethod show it', async () => {
      const put = await client.send(
        new PutMethodResponseCommand({
          restApiId,
          resourceId,
          httpMethod: 'GET',
          statusCode: '200',
          responseParameters: {'method.response.header.Content-Type': false},
          responseModels: {'application/json': 'Empty'},
        }),
      )
      expect(put.$metadata.httpStatusCode).toBe(201)
      const expected = {statusCode: '200', responseParameters: {'method.response.header.Content-Type': false}, responseModels: {'application/json': 'Empty'}}
      expect(withoutMetadata(put)).toEqual(expected)
      const read = await client.send(new GetMethodResponseCommand({restApiId, resourceId, httpMethod: 'GET', statusCode: '200'}))
      expect(withoutMetadata(read)).toEqual(expected)
      const method = await client.send(new GetMethodCommand({restApiId, resourceId, httpMethod: 'GET'}))
      expect(method.methodResponses).toEqual({'200': expected})
    })

    it('GetMethodResponse answers 404 with Invalid Response status code specified', async () => {
      await expect(client.send(new GetMethodResponseCommand({restApiId, resourceId, httpMethod: 'GET', statusCode: '418'}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Response status code specified',
        $metadata: {httpStatusCode: 404},
      })
      await expect(
        client.send(new PutMethodResponseCommand({restApiId, resourceId, httpMethod: 'PUT', statusCode: '200'})),
      ).rejects.toMatchObject({name: 'NotFoundException', message: 'Invalid Method identifier specified'})
    })

    it('refuses a status code that is not one before looking anything up', async () => {
      // The model's StatusCode pattern, checked by AWS's front end (LocalStack recordings
      // test_integration_response_invalid_statuscode, test_update_method_response_negative_tests).
      for (const at of [{restApiId, resourceId}, {restApiId: 'nosuchapi', resourceId: 'nosuch'}]) {
        await expect(client.send(new PutMethodResponseCommand({...at, httpMethod: 'GET', statusCode: '99'}))).rejects.toMatchObject({
          name: 'ValidationException',
          $metadata: {httpStatusCode: 400},
          message: "1 validation error detected: Value '99' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d",
        })
      }
    })

    it('DeleteMethodResponse answers 204, after which the response is gone', async () => {
      await client.send(new PutMethodResponseCommand({restApiId, resourceId, httpMethod: 'GET', statusCode: '500'}))
      const deleted = await client.send(new DeleteMethodResponseCommand({restApiId, resourceId, httpMethod: 'GET', statusCode: '500'}))
      expect(deleted.$metadata.httpStatusCode).toBe(204)
      await expect(client.send(new GetMethodResponseCommand({restApiId, resourceId, httpMethod: 'GET', statusCode: '500'}))).rejects.toMatchObject({
        message: 'Invalid Response status code specified',
      })
      const method = await client.send(new GetMethodCommand({restApiId, resourceId, httpMethod: 'GET'}))
      expect(Object.keys(method.methodResponses ?? {})).toEqual(['200'])
      await expect(
        client.send(new DeleteMethodResponseCommand({restApiId, resourceId, httpMethod: 'GET', statusCode: '500'})),
      ).rejects.toBeInstanceOf(NotFoundException)
    })
  })

  describe('CreateAuthorizer / GetAuthorizer(s) / DeleteAuthorizer, and methods that name one', () => {
    it('keeps an authorizer for CUSTOM methods to name, and refuses CUSTOM without one', async () => {
      const created = await client.send(
        new CreateAuthorizerCommand({restApiId, name: 'token', type: 'TOKEN', identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 60}),
      )
      expect(created.$metadata.httpStatusCode).toBe(201)
      // AWS fills authType for a Lambda authorizer created without one (recorded: LocalStack test_apigateway_with_custom_authorization_method).
      expect(withoutMetadata(created)).toEqual({id: created.id, name: 'token', type: 'TOKEN', authType: 'custom', identitySource: 'method.request.header.Authorization', authorizerResultTtlInSeconds: 60})
      expect(withoutMetadata(await client.send(new GetAuthorizerCommand({restApiId, authorizerId: created.id})))).toEqual(withoutMetadata(created))
      expect((await client.send(new GetAuthorizersCommand({restApiId}))).items?.map((item) => item.id)).toEqual([created.id])

      const resourceId = (await createResource(rootId, 'guarded')).id!
      await expect(client.send(new PutMethodCommand({restApiId, resourceId, httpMethod: 'GET', authorizationType: 'CUSTOM', authorizerId: 'nosuch'}))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: 'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.',
      })
      const guarded = await client.send(new PutMethodCommand({restApiId, resourceId, httpMethod: 'GET', authorizationType: 'custom', authorizerId: created.id}))
      expect(guarded).toMatchObject({authorizationType: 'CUSTOM', authorizerId: created.id})
      // Another authorization type keeps no authorizer id.
      const open = await client.send(new UpdateMethodCommand({restApiId, resourceId, httpMethod: 'GET', patchOperations: [{op: 'replace', path: '/authorizationType', value: 'NONE'}]}))
      expect(open.authorizationType).toBe('NONE')
      expect(open.authorizerId).toBeUndefined()

      expect((await client.send(new DeleteAuthorizerCommand({restApiId, authorizerId: created.id}))).$metadata.httpStatusCode).toBe(202)
      await expect(client.send(new GetAuthorizerCommand({restApiId, authorizerId: created.id}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Authorizer identifier specified',
      })
    })
  })

  describe('models', () => {
    it('refuses a model other than Empty and Error when a put or update brings it in, not when an imported method already names it', async () => {
      const document = {
        openapi: '3.0.1',
        info: {title: 'modelled', version: '1'},
        paths: {
          '/pets': {
            post: {
              requestBody: {content: {'application/json': {schema: {$ref: '#/components/schemas/NewPet'}}}},
              'x-amazon-apigateway-integration': {type: 'mock', requestTemplates: {'application/json': '{"statusCode": 200}'}},
            },
          },
        },
        components: {schemas: {NewPet: {type: 'object'}}},
      }
      const imported = await client.send(new ImportRestApiCommand({body: Buffer.from(JSON.stringify(document))}))
      const pets = (await client.send(new GetResourcesCommand({restApiId: imported.id}))).items!.find((item) => item.path === '/pets')!
      const at = {restApiId: imported.id, resourceId: pets.id, httpMethod: 'POST'}
      expect((await client.send(new GetMethodCommand(at))).requestModels).toEqual({'application/json': 'NewPet'})
      const renamed = await client.send(new UpdateMethodCommand({...at, patchOperations: [{op: 'replace', path: '/operationName', value: 'CreatePet'}]}))
      expect(renamed).toMatchObject({operationName: 'CreatePet', requestModels: {'application/json': 'NewPet'}})
      await expect(client.send(new UpdateMethodCommand({...at, patchOperations: [{op: 'add', path: '/requestModels/text~1plain', value: 'Missing'}]}))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: 'Invalid model identifier specified: Missing',
      })
    })
  })
})
