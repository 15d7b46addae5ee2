import {
  type APIGatewayClient,
  BadRequestException,
  CreateRestApiCommand,
  DeleteRestApiCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  NotFoundException,
  UpdateRestApiCommand,
  paginateGetRestApis,
} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {ACCOUNT_ID, patch, patchPathVectors, raw, withoutMetadata} from './support.js'

describe('SDK over HTTP: REST APIs', () => {
  let sandbox: Sandbox
  let client: APIGatewayClient
  beforeAll(async () => {
    sandbox = await startTestSandbox()
    client = sdkClient(sandbox.url)
  })
  afterAll(() => sandbox.close())

  const newApi = async (binaryMediaTypes?: string[]) => {
    const api = await client.send(new CreateRestApiCommand({name: 'patch-target', binaryMediaTypes}))
    return api.id!
  }
  const update = (restApiId: string, ...patchOperations: ReturnType<typeof patch>[]) =>
    client.send(new UpdateRestApiCommand({restApiId, patchOperations}))
  const binaryTypes = async (restApiId: string) => (await client.send(new GetRestApiCommand({restApiId}))).binaryMediaTypes

  // First in the file: it counts on exactly the 30 APIs it creates.
  describe('GetRestApis pagination', () => {
    const created: string[] = []
    beforeAll(async () => {
      for (let index = 0; index < 30; index++) {
        const api = await client.send(new CreateRestApiCommand({name: `paged-${index}`}))
        created.push(api.id!)
      }
    })

    it('walks 30 APIs 7 at a time with position, every API exactly once', async () => {
      const sizes: number[] = []
      const seen: string[] = []
      let position: string | undefined
      do {
        const page = await client.send(new GetRestApisCommand({limit: 7, position}))
        sizes.push(page.items!.length)
        seen.push(...page.items!.map((api) => api.id!))
        position = page.position
      } while (position !== undefined)
      expect(sizes).toEqual([7, 7, 7, 7, 2])
      expect(seen).toEqual(created)
    })

    it('walks the same pages with the SDK paginator', async () => {
      const sizes: number[] = []
      const seen: string[] = []
      for await (const page of paginateGetRestApis({client, pageSize: 7}, {})) {
        sizes.push(page.items!.length)
        seen.push(...page.items!.map((api) => api.id!))
      }
      expect(sizes).toEqual([7, 7, 7, 7, 2])
      expect(seen).toEqual(created)
    })

    it('lists under the wire key `item` with a position only while more pages remain', async () => {
      const first = await raw(sandbox.url, 'GET', '/restapis?limit=29')
      expect(first.status).toBe(200)
      expect(Object.keys(first.json as object).sort()).toEqual(['item', 'position'])
      const last = await raw(sandbox.url, 'GET', `/restapis?limit=29&position=${(first.json as {position: string}).position}`)
      expect(last.json).toEqual({item: [expect.objectContaining({id: created[29]})]})
      const all = await client.send(new GetRestApisCommand({}))
      expect(all.items).toHaveLength(25)
      expect(all.position).toBeDefined()
    })

    it('refuses a limit above 500 with a 400', async () => {
      await expect(client.send(new GetRestApisCommand({limit: 501}))).rejects.toMatchObject({
        $metadata: {httpStatusCode: 400},
        message: expect.stringContaining('500'),
      })
      await expect(client.send(new GetRestApisCommand({limit: 500}))).resolves.toMatchObject({items: expect.any(Array)})
    })
  })

  describe('CreateRestApi / GetRestApi / DeleteRestApi', () => {
    it('answers 201 with the fields API Gateway fills in', async () => {
      const api = await client.send(new CreateRestApiCommand({name: 'fresh', description: 'd'}))
      expect(api.$metadata.httpStatusCode).toBe(201)
      expect(api.id).toMatch(/^[a-z0-9]{10}$/)
      expect(api.rootResourceId).toMatch(/^[a-z0-9]+$/)
      expect(api).toMatchObject({
        name: 'fresh',
        description: 'd',
        apiKeySource: 'HEADER',
        endpointConfiguration: {types: ['EDGE'], ipAddressType: 'ipv4'},
        disableExecuteApiEndpoint: false,
      })
      expect(api.createdDate).toBeInstanceOf(Date)
      expect(Math.abs(api.createdDate!.getTime() - Date.now())).toBeLessThan(60_000)
      expect(api.binaryMediaTypes).toBeUndefined()
    })

    it('omits binaryMediaTypes from the wire when the list is empty', async () => {
      const answer = await raw(sandbox.url, 'POST', '/restapis', {name: 'empty-types', binaryMediaTypes: []})
      expect(answer.status).toBe(201)
      expect(answer.json).not.toHaveProperty('binaryMediaTypes')
      const id = (answer.json as {id: string}).id
      expect((await raw(sandbox.url, 'GET', `/restapis/${id}`)).json).not.toHaveProperty('binaryMediaTypes')
    })

    it('keeps the binary media types and endpoint type it was created with', async () => {
      const api = await client.send(
        new CreateRestApiCommand({name: 'typed', binaryMediaTypes: ['image/png', '*/*'], endpointConfiguration: {types: ['REGIONAL']}}),
      )
      expect(api.binaryMediaTypes).toEqual(['image/png', '*/*'])
      expect(api.endpointConfiguration?.types).toEqual(['REGIONAL'])
    })

    it('GetRestApi returns what CreateRestApi did, with tags: {} for an API without tags', async () => {
      // Observed on AWS: LocalStack recording test_put_rest_api_mode_binary_media_types "get-rest-api".
      const created = await client.send(new CreateRestApiCommand({name: 'read-back', version: 'v7'}))
      const read = await client.send(new GetRestApiCommand({restApiId: created.id}))
      expect(read.$metadata.httpStatusCode).toBe(200)
      expect(withoutMetadata(read)).toEqual({...withoutMetadata(created), tags: {}})
    })

    it('refuses a missing name with a 400', async () => {
      await expect(client.send(new CreateRestApiCommand({name: undefined as unknown as string}))).rejects.toMatchObject({
        $metadata: {httpStatusCode: 400},
      })
    })

    it('DeleteRestApi answers 202, after which the id is unknown', async () => {
      const id = await newApi()
      const deleted = await client.send(new DeleteRestApiCommand({restApiId: id}))
      expect(deleted.$metadata.httpStatusCode).toBe(202)
      const error = await client.send(new GetRestApiCommand({restApiId: id})).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(NotFoundException)
      expect(error).toMatchObject({message: `Invalid API identifier specified ${ACCOUNT_ID}:${id}`, $metadata: {httpStatusCode: 404}})
      await expect(client.send(new DeleteRestApiCommand({restApiId: id}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: `Invalid API identifier specified ${ACCOUNT_ID}:${id}`,
      })
      const listed = await client.send(new GetRestApisCommand({limit: 500}))
      expect(listed.items!.map((api) => api.id)).not.toContain(id)
    })
  })

  describe('UpdateRestApi: binaryMediaTypes', () => {
    it('adds an entry addressed with ~1 and no value', async () => {
      const id = await newApi()
      const updated = await update(id, patch('add', '/binaryMediaTypes/image~1png'))
      expect(updated.$metadata.httpStatusCode).toBe(200)
      expect(updated.binaryMediaTypes).toEqual(['image/png'])
      expect(await binaryTypes(id)).toEqual(['image/png'])
    })

    it.each(patchPathVectors())('$path adds exactly $mediaType, and remove on the same path takes it out', async ({mediaType, path}) => {
      const id = await newApi(['text/keep'])
      expect((await update(id, patch('add', path))).binaryMediaTypes).toEqual(['text/keep', mediaType])
      expect(await binaryTypes(id)).toEqual(['text/keep', mediaType])
      expect((await update(id, patch('remove', path))).binaryMediaTypes).toEqual(['text/keep'])
    })

    it('drops binaryMediaTypes from the wire once the last entry is removed', async () => {
      const id = await newApi(['image/png'])
      const answer = await raw(sandbox.url, 'PATCH', `/restapis/${id}`, {patchOperations: [patch('remove', '/binaryMediaTypes/image~1png')]})
      expect(answer.status).toBe(200)
      expect(answer.json).not.toHaveProperty('binaryMediaTypes')
    })

    it('decodes ~0 as ~, after ~1 (RFC 6901 order)', async () => {
      const id = await newApi()
      await update(id, patch('add', '/binaryMediaTypes/application~1x~0y'))
      await update(id, patch('add', '/binaryMediaTypes/weird~01'))
      expect(await binaryTypes(id)).toEqual(['application/x~y', 'weird~1'])
    })

    it('replace removes the old entry and appends the new one at the end', async () => {
      const id = await newApi(['image/png', 'image/jpeg'])
      const updated = await update(id, patch('replace', '/binaryMediaTypes/image~1png', 'image/gif'))
      expect(updated.binaryMediaTypes).toEqual(['image/jpeg', 'image/gif'])
    })

    it.each(['add', 'remove', 'replace'] as const)('%s on /binaryMediaTypes itself is a 400', async (op) => {
      const id = await newApi(['image/png'])
      await expect(update(id, patch(op, '/binaryMediaTypes', 'image/gif'))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: 'Invalid patch path /binaryMediaTypes',
        $metadata: {httpStatusCode: 400},
      })
      expect(await binaryTypes(id)).toEqual(['image/png'])
    })

    it('refuses an unescaped slash', async () => {
      const id = await newApi()
      const error = await update(id, patch('add', '/binaryMediaTypes/image/png')).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(BadRequestException)
      expect(error).toMatchObject({message: 'Invalid patch path /binaryMediaTypes/image/png'})
      expect(await binaryTypes(id)).toBeUndefined()
    })

    it('treats /binaryMediaTypes/- as the literal entry "-", not an array append', async () => {
      const id = await newApi(['image/png'])
      expect((await update(id, patch('add', '/binaryMediaTypes/-'))).binaryMediaTypes).toEqual(['image/png', '-'])
    })
  })

  describe('UpdateRestApi: other paths and errors', () => {
    it('answers a bad op with the modeled-enum ValidationException', async () => {
      const id = await newApi()
      const answer = await raw(sandbox.url, 'PATCH', `/restapis/${id}`, {
        patchOperations: [{op: 'replace', path: '/description', value: 'x'}, {op: 'wrong', path: '/binaryMediaTypes/a~1b'}],
      })
      expect(answer.status).toBe(400)
      expect(answer.errorType).toBe('ValidationException')
      expect(answer.json).toEqual({
        message:
          "1 validation error detected: Value 'wrong' at 'updateRestApiInput.patchOperations.2.member.op' failed to satisfy constraint: " +
          'Member must satisfy enum value set: [add, remove, move, test, replace, copy]',
      })
      expect((await client.send(new GetRestApiCommand({restApiId: id}))).description).toBeUndefined()
    })

    it('allows only replace on /minimumCompressionSize', async () => {
      const id = await newApi()
      await expect(update(id, patch('add', '/minimumCompressionSize', '1024'))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: 'Invalid patch operation specified. Must be one of: [replace]',
      })
      expect((await update(id, patch('replace', '/minimumCompressionSize', '1024'))).minimumCompressionSize).toBe(1024)
      await expect(update(id, patch('replace', '/minimumCompressionSize', '10485761'))).rejects.toBeInstanceOf(BadRequestException)
      const cleared = await raw(sandbox.url, 'PATCH', `/restapis/${id}`, {patchOperations: [patch('replace', '/minimumCompressionSize', '')]})
      expect(cleared.json).not.toHaveProperty('minimumCompressionSize')
    })

    it('replaces the name and replaces or removes the description', async () => {
      const id = await newApi()
      const renamed = await update(id, patch('replace', '/name', 'renamed'), patch('replace', '/description', 'about'))
      expect(renamed).toMatchObject({name: 'renamed', description: 'about'})
      const removed = await update(id, patch('remove', '/description'))
      expect(removed.name).toBe('renamed')
      expect(removed.description).toBeUndefined()
      await expect(update(id, patch('remove', '/name'))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: 'Invalid patch operation specified. Must be one of: [replace]',
      })
      expect((await client.send(new GetRestApiCommand({restApiId: id}))).name).toBe('renamed')
    })

    it('refuses an unknown path', async () => {
      const id = await newApi()
      await expect(update(id, patch('replace', '/nonsense', 'x'))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: "Invalid patch path  '/nonsense' specified for op 'replace'. Please choose supported operations",
      })
    })

    it('is atomic: when the second operation fails the first one is not applied', async () => {
      const id = await newApi(['image/png'])
      const before = withoutMetadata(await client.send(new GetRestApiCommand({restApiId: id})))
      await expect(
        update(id, patch('add', '/binaryMediaTypes/image~1gif'), patch('replace', '/name', 'changed'), patch('add', '/binaryMediaTypes')),
      ).rejects.toMatchObject({name: 'BadRequestException', message: 'Invalid patch path /binaryMediaTypes'})
      expect(withoutMetadata(await client.send(new GetRestApiCommand({restApiId: id})))).toEqual(before)
    })

    it('answers 404 for an unknown API', async () => {
      await expect(update('nosuchapi1', patch('replace', '/name', 'x'))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: `Invalid API identifier specified ${ACCOUNT_ID}:nosuchapi1`,
        $metadata: {httpStatusCode: 404},
      })
    })
  })
})
