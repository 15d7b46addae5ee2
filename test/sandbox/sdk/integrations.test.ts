import {
  type APIGatewayClient,
  BadRequestException,
  type ContentHandlingStrategy,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteIntegrationCommand,
  DeleteIntegrationResponseCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  type IntegrationType,
  NotFoundException,
  PutIntegrationCommand,
  type PutIntegrationCommandInput,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateIntegrationCommand,
  UpdateIntegrationResponseCommand,
} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {patch, raw, withoutMetadata} from './support.js'

describe('SDK over HTTP: integrations and integration responses', () => {
  let sandbox: Sandbox
  let client: APIGatewayClient
  let restApiId: string
  let parentId: string
  beforeAll(async () => {
    sandbox = await startTestSandbox()
    client = sdkClient(sandbox.url)
    const api = await client.send(new CreateRestApiCommand({name: 'integrations'}))
    restApiId = api.id!
    parentId = api.rootResourceId!
  })
  afterAll(() => sandbox.close())

  let counter = 0
  /** A fresh resource with a GET method and, unless told otherwise, an HTTP integration. */
  const newMethod = async (withIntegration = true) => {
    const resource = await client.send(new CreateResourceCommand({restApiId, parentId, pathPart: `m${counter++}`}))
    const resourceId = resource.id!
    await client.send(new PutMethodCommand({restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE'}))
    if (withIntegration) {
      await client.send(
        new PutIntegrationCommand({restApiId, resourceId, httpMethod: 'GET', type: 'HTTP', integrationHttpMethod: 'POST', uri: 'https://backend.example/files'}),
      )
    }
    return {restApiId, resourceId, httpMethod: 'GET'}
  }
  const getIntegration = async (at: {restApiId: string; resourceId: string; httpMethod: string}) =>
    withoutMetadata(await client.send(new GetIntegrationCommand(at)))
  const integrationPath = (at: {resourceId: string}) => `/restapis/${restApiId}/resources/${at.resourceId}/methods/GET/integration`

  describe('PutIntegration / GetIntegration / DeleteIntegration', () => {
    it('answers 201; integrationHttpMethod travels as the wire field httpMethod', async () => {
      const at = await newMethod(false)
      const put = await client.send(
        new PutIntegrationCommand({...at, type: 'HTTP', integrationHttpMethod: 'POST', uri: 'https://backend.example/files', contentHandling: 'CONVERT_TO_BINARY'}),
      )
      expect(put.$metadata.httpStatusCode).toBe(201)
      expect(put).toMatchObject({
        type: 'HTTP',
        httpMethod: 'POST',
        uri: 'https://backend.example/files',
        contentHandling: 'CONVERT_TO_BINARY',
        passthroughBehavior: 'WHEN_NO_MATCH',
        timeoutInMillis: 29000,
        cacheNamespace: at.resourceId,
        cacheKeyParameters: [],
      })
      expect(await getIntegration(at)).toEqual(withoutMetadata(put))
      const wire = await raw(sandbox.url, 'GET', integrationPath(at))
      expect(wire.json).toMatchObject({httpMethod: 'POST'})
      expect(wire.json).not.toHaveProperty('integrationHttpMethod')
      // The method keeps its own HTTP method; the integration's is separate.
      expect((await client.send(new GetMethodCommand(at))).methodIntegration?.httpMethod).toBe('POST')
    })

    it('a raw body naming the field integrationHttpMethod (the SDK name) does not set it', async () => {
      const at = await newMethod(false)
      const answer = await raw(sandbox.url, 'PUT', integrationPath(at), {type: 'HTTP', integrationHttpMethod: 'POST', uri: 'https://backend.example/'})
      expect(answer.status).toBe(400)
      expect(answer.errorType).toBe('BadRequestException')
      await expect(client.send(new GetIntegrationCommand(at))).rejects.toBeInstanceOf(NotFoundException)
    })

    it('a MOCK integration needs neither httpMethod nor uri; HTTP needs both', async () => {
      const at = await newMethod(false)
      const mock = await client.send(new PutIntegrationCommand({...at, type: 'MOCK'}))
      expect(mock.$metadata.httpStatusCode).toBe(201)
      expect(mock.httpMethod).toBeUndefined()
      await expect(client.send(new PutIntegrationCommand({...at, type: 'HTTP', uri: 'https://x.example/'}))).rejects.toBeInstanceOf(BadRequestException)
      await expect(client.send(new PutIntegrationCommand({...at, type: 'HTTP', integrationHttpMethod: 'GET'}))).rejects.toBeInstanceOf(
        BadRequestException,
      )
      expect((await getIntegration(at)).type).toBe('MOCK')
    })

    const badEnums: [string, Partial<PutIntegrationCommandInput>][] = [
      ['type', {type: 'LAMBDA' as IntegrationType}],
      ['contentHandling', {contentHandling: 'CONVERT_TO_JSON' as ContentHandlingStrategy}],
      ['passthroughBehavior', {passthroughBehavior: 'SOMETIMES'}],
    ]
    it.each(badEnums)('refuses an invalid %s with a 400 and keeps the integration', async (field, override) => {
      const at = await newMethod()
      const before = await getIntegration(at)
      const value = Object.values(override)[0]
      await expect(
        client.send(new PutIntegrationCommand({...at, type: 'HTTP', integrationHttpMethod: 'GET', uri: 'https://other.example/', ...override})),
      ).rejects.toMatchObject({
        name: 'ValidationException',
        $metadata: {httpStatusCode: 400},
        message: expect.stringMatching(
          new RegExp(`^1 validation error detected: Value '${value}' at 'putIntegrationInput\\.${field}' failed to satisfy constraint: Member must satisfy enum value set: \\[`),
        ),
      })
      expect(await getIntegration(at)).toEqual(before)
    })

    it('answers 404 for a method that does not exist', async () => {
      const at = await newMethod(false)
      await expect(client.send(new PutIntegrationCommand({...at, httpMethod: 'POST', type: 'MOCK'}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Method identifier specified',
      })
    })

    it('GetIntegration on a method without one answers Invalid Integration identifier specified', async () => {
      const at = await newMethod(false)
      await expect(client.send(new GetIntegrationCommand(at))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Integration identifier specified',
        $metadata: {httpStatusCode: 404},
      })
    })

    it('DeleteIntegration answers 204, after which the integration is gone', async () => {
      const at = await newMethod()
      const deleted = await client.send(new DeleteIntegrationCommand(at))
      expect(deleted.$metadata.httpStatusCode).toBe(204)
      await expect(client.send(new GetIntegrationCommand(at))).rejects.toMatchObject({message: 'Invalid Integration identifier specified'})
      expect((await client.send(new GetMethodCommand(at))).methodIntegration).toBeUndefined()
    })
  })

  describe('UpdateIntegration', () => {
    const update = (at: object, ...patchOperations: ReturnType<typeof patch>[]) =>
      client.send(new UpdateIntegrationCommand({...(at as {restApiId: string; resourceId: string; httpMethod: string}), patchOperations}))

    it('replace /contentHandling sets CONVERT_TO_TEXT', async () => {
      const at = await newMethod()
      const updated = await update(at, patch('replace', '/contentHandling', 'CONVERT_TO_TEXT'))
      expect(updated.$metadata.httpStatusCode).toBe(200)
      expect(updated.contentHandling).toBe('CONVERT_TO_TEXT')
      expect((await getIntegration(at)).contentHandling).toBe('CONVERT_TO_TEXT')
    })

    it('replace with "" unsets contentHandling (the field disappears)', async () => {
      const at = await newMethod()
      await update(at, patch('replace', '/contentHandling', 'CONVERT_TO_TEXT'))
      const updated = await update(at, patch('replace', '/contentHandling', ''))
      expect(updated.contentHandling).toBeUndefined()
      expect((await raw(sandbox.url, 'GET', integrationPath(at))).json).not.toHaveProperty('contentHandling')
    })

    it('remove unsets contentHandling as well', async () => {
      const at = await newMethod()
      await update(at, patch('replace', '/contentHandling', 'CONVERT_TO_BINARY'))
      await update(at, patch('remove', '/contentHandling'))
      expect((await raw(sandbox.url, 'GET', integrationPath(at))).json).not.toHaveProperty('contentHandling')
    })

    it('refuses a value that is not a conversion and changes nothing', async () => {
      const at = await newMethod()
      await update(at, patch('replace', '/contentHandling', 'CONVERT_TO_TEXT'))
      const error = await update(at, patch('replace', '/contentHandling', 'CONVERT_TO_JSON')).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(BadRequestException)
      expect(error).toMatchObject({$metadata: {httpStatusCode: 400}, message: expect.stringContaining('CONVERT_TO_JSON')})
      expect((await getIntegration(at)).contentHandling).toBe('CONVERT_TO_TEXT')
    })

    it('refuses /passthroughBehaviors (the documentation typo) and accepts /passthroughBehavior', async () => {
      const at = await newMethod()
      await expect(update(at, patch('replace', '/passthroughBehaviors', 'NEVER'))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: "Invalid patch path  '/passthroughBehaviors' specified for op 'replace'. Please choose supported operations",
        $metadata: {httpStatusCode: 400},
      })
      expect((await getIntegration(at)).passthroughBehavior).toBe('WHEN_NO_MATCH')
      expect((await update(at, patch('replace', '/passthroughBehavior', 'NEVER'))).passthroughBehavior).toBe('NEVER')
      await expect(update(at, patch('replace', '/passthroughBehavior', 'ALWAYS'))).rejects.toBeInstanceOf(BadRequestException)
    })

    it('adds and removes request templates addressed with ~1, together with contentHandling in one call', async () => {
      const at = await newMethod()
      const template = '{"body": "$input.body"}'
      const updated = await update(
        at,
        patch('replace', '/contentHandling', 'CONVERT_TO_TEXT'),
        patch('add', '/requestTemplates/application~1octet-stream', template),
        patch('add', '/requestTemplates/application~1json', '{}'),
      )
      expect(updated.contentHandling).toBe('CONVERT_TO_TEXT')
      expect(updated.requestTemplates).toEqual({'application/octet-stream': template, 'application/json': '{}'})
      const removed = await update(at, patch('remove', '/requestTemplates/application~1octet-stream'))
      expect(removed.requestTemplates).toEqual({'application/json': '{}'})
      const emptied = await update(at, patch('remove', '/requestTemplates/application~1json'))
      expect(emptied.requestTemplates).toBeUndefined()
    })

    it('is atomic: a failing later operation leaves the integration as it was', async () => {
      const at = await newMethod()
      const before = await getIntegration(at)
      await expect(
        update(at, patch('replace', '/contentHandling', 'CONVERT_TO_TEXT'), patch('replace', '/timeoutInMillis', '10')),
      ).rejects.toBeInstanceOf(BadRequestException)
      expect(await getIntegration(at)).toEqual(before)
    })

    it('answers 404 when there is no integration', async () => {
      const at = await newMethod(false)
      await expect(update(at, patch('replace', '/contentHandling', 'CONVERT_TO_TEXT'))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Integration identifier specified',
      })
    })
  })

  describe('integration responses', () => {
    const withResponses = async () => {
      const at = await newMethod()
      for (const statusCode of ['200', '400']) await client.send(new PutMethodResponseCommand({...at, statusCode}))
      return at
    }
    const updateResponse = (at: object, statusCode: string, ...patchOperations: ReturnType<typeof patch>[]) =>
      client.send(
        new UpdateIntegrationResponseCommand({...(at as {restApiId: string; resourceId: string; httpMethod: string}), statusCode, patchOperations}),
      )
    const responsePath = (at: {resourceId: string}, statusCode: string) => `${integrationPath(at)}/responses/${statusCode}`

    it('PutIntegrationResponse answers 201; Get and GetMethod show it', async () => {
      const at = await withResponses()
      const put = await client.send(
        new PutIntegrationResponseCommand({
          ...at,
          statusCode: '200',
          selectionPattern: '',
          contentHandling: 'CONVERT_TO_BINARY',
          responseTemplates: {'application/json': '$input.body'},
        }),
      )
      expect(put.$metadata.httpStatusCode).toBe(201)
      const expected = {statusCode: '200', selectionPattern: '', contentHandling: 'CONVERT_TO_BINARY', responseTemplates: {'application/json': '$input.body'}}
      expect(withoutMetadata(put)).toEqual(expected)
      expect(withoutMetadata(await client.send(new GetIntegrationResponseCommand({...at, statusCode: '200'})))).toEqual(expected)
      expect((await client.send(new GetMethodCommand(at))).methodIntegration?.integrationResponses).toEqual({'200': expected})
    })

    it('refuses an invalid contentHandling with a 400', async () => {
      const at = await withResponses()
      await expect(
        client.send(new PutIntegrationResponseCommand({...at, statusCode: '200', contentHandling: 'BASE64' as ContentHandlingStrategy})),
      ).rejects.toMatchObject({
        name: 'ValidationException',
        $metadata: {httpStatusCode: 400},
        message: expect.stringContaining("'putIntegrationResponseInput.contentHandling'"),
      })
      await expect(client.send(new GetIntegrationResponseCommand({...at, statusCode: '200'}))).rejects.toBeInstanceOf(NotFoundException)
    })

    it('needs an integration, not a method response for the status code (recorded: LocalStack test_lambda_aws_integration)', async () => {
      const at = await withResponses()
      const put = await client.send(new PutIntegrationResponseCommand({...at, statusCode: '302'}))
      expect(put.$metadata.httpStatusCode).toBe(201)
      const bare = await newMethod(false)
      await client.send(new PutMethodResponseCommand({...bare, statusCode: '200'}))
      await expect(client.send(new PutIntegrationResponseCommand({...bare, statusCode: '200'}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Integration identifier specified',
      })
    })

    it('keeps contentHandling per status code: updating one leaves the other alone', async () => {
      const at = await withResponses()
      await client.send(new PutIntegrationResponseCommand({...at, statusCode: '200', contentHandling: 'CONVERT_TO_BINARY'}))
      await client.send(new PutIntegrationResponseCommand({...at, statusCode: '400', selectionPattern: '4\\d{2}', contentHandling: 'CONVERT_TO_BINARY'}))
      const updated = await updateResponse(at, '200', patch('replace', '/contentHandling', 'CONVERT_TO_TEXT'))
      expect(updated.$metadata.httpStatusCode).toBe(200)
      expect(updated.contentHandling).toBe('CONVERT_TO_TEXT')
      const responses = (await client.send(new GetMethodCommand(at))).methodIntegration?.integrationResponses
      expect(responses?.['200']?.contentHandling).toBe('CONVERT_TO_TEXT')
      expect(responses?.['400']).toEqual({statusCode: '400', selectionPattern: '4\\d{2}', contentHandling: 'CONVERT_TO_BINARY'})
    })

    it('unsets contentHandling with replace "" and with remove', async () => {
      const at = await withResponses()
      for (const statusCode of ['200', '400']) {
        await client.send(new PutIntegrationResponseCommand({...at, statusCode, contentHandling: 'CONVERT_TO_TEXT'}))
      }
      await updateResponse(at, '200', patch('replace', '/contentHandling', ''))
      await updateResponse(at, '400', patch('remove', '/contentHandling'))
      for (const statusCode of ['200', '400']) {
        const wire = await raw(sandbox.url, 'GET', responsePath(at, statusCode))
        expect(wire.status).toBe(200)
        expect(wire.json).toEqual({statusCode})
      }
    })

    it('refuses an invalid contentHandling, an unknown path and the plural typo, changing nothing', async () => {
      const at = await withResponses()
      await client.send(new PutIntegrationResponseCommand({...at, statusCode: '200', contentHandling: 'CONVERT_TO_BINARY'}))
      await expect(updateResponse(at, '200', patch('replace', '/contentHandling', 'CONVERT_TO_BASE64'))).rejects.toBeInstanceOf(BadRequestException)
      await expect(updateResponse(at, '200', patch('replace', '/contentHandlings', 'CONVERT_TO_TEXT'))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: "Invalid patch path  '/contentHandlings' specified for op 'replace'. Please choose supported operations",
      })
      expect((await client.send(new GetIntegrationResponseCommand({...at, statusCode: '200'}))).contentHandling).toBe('CONVERT_TO_BINARY')
    })

    it('adds and removes response templates addressed with ~1', async () => {
      const at = await withResponses()
      await client.send(new PutIntegrationResponseCommand({...at, statusCode: '200'}))
      const added = await updateResponse(at, '200', patch('add', '/responseTemplates/image~1png', '$input.body'))
      expect(added.responseTemplates).toEqual({'image/png': '$input.body'})
      const removed = await updateResponse(at, '200', patch('remove', '/responseTemplates/image~1png'))
      expect(removed.responseTemplates).toBeUndefined()
    })

    it('GetIntegrationResponse and UpdateIntegrationResponse answer 404 for an unknown status code', async () => {
      const at = await withResponses()
      await expect(client.send(new GetIntegrationResponseCommand({...at, statusCode: '400'}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Response status code specified',
        $metadata: {httpStatusCode: 404},
      })
      await expect(updateResponse(at, '400', patch('replace', '/contentHandling', 'CONVERT_TO_TEXT'))).rejects.toMatchObject({
        message: 'Invalid Response status code specified',
      })
    })

    it('DeleteIntegrationResponse answers 204, after which the response is gone', async () => {
      const at = await withResponses()
      await client.send(new PutIntegrationResponseCommand({...at, statusCode: '400'}))
      const deleted = await client.send(new DeleteIntegrationResponseCommand({...at, statusCode: '400'}))
      expect(deleted.$metadata.httpStatusCode).toBe(204)
      await expect(client.send(new GetIntegrationResponseCommand({...at, statusCode: '400'}))).rejects.toMatchObject({
        message: 'Invalid Response status code specified',
      })
      await expect(client.send(new DeleteIntegrationResponseCommand({...at, statusCode: '400'}))).rejects.toBeInstanceOf(NotFoundException)
    })
  })
})
