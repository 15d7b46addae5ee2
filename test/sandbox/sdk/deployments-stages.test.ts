import {
  type APIGatewayClient,
  BadRequestException,
  ConflictException,
  CreateDeploymentCommand,
  CreateDocumentationPartCommand,
  CreateDocumentationVersionCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteDocumentationPartCommand,
  DeleteDocumentationVersionCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetDocumentationPartCommand,
  GetDocumentationPartsCommand,
  GetDocumentationVersionCommand,
  GetDocumentationVersionsCommand,
  GetExportCommand,
  GetStageCommand,
  GetStagesCommand,
  ImportRestApiCommand,
  NotFoundException,
  PutMethodCommand,
  UpdateIntegrationCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
  paginateGetDeployments,
} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {createSmallApi, fixtureText, patch, raw, withoutMetadata} from './support.js'

describe('SDK over HTTP: deployments and stages', () => {
  let sandbox: Sandbox
  let client: APIGatewayClient
  beforeAll(async () => {
    sandbox = await startTestSandbox()
    client = sdkClient(sandbox.url)
  })
  afterAll(() => sandbox.close())

  const importImageApi = async () => (await client.send(new ImportRestApiCommand({body: Buffer.from(fixtureText('image-api.oas30.json'))}))).id!
  const exported = async (restApiId: string, stageName: string) => {
    const answer = await client.send(
      new GetExportCommand({restApiId, stageName, exportType: 'oas30', parameters: {extensions: 'apigateway'}, accepts: 'application/json'}),
    )
    return JSON.parse(Buffer.from(answer.body!).toString('utf8')) as Record<string, unknown>
  }
  const deploymentIds = async (restApiId: string) =>
    (await client.send(new GetDeploymentsCommand({restApiId, limit: 500}))).items!.map((deployment) => deployment.id)

  describe('CreateDeployment', () => {
    it('answers 201 and creates the named stage when it does not exist', async () => {
      const restApiId = await importImageApi()
      await expect(client.send(new GetStageCommand({restApiId, stageName: 'dev'}))).rejects.toBeInstanceOf(NotFoundException)
      const deployment = await client.send(
        new CreateDeploymentCommand({restApiId, stageName: 'dev', description: 'first', stageDescription: 'the dev stage', variables: {color: 'blue'}}),
      )
      expect(deployment.$metadata.httpStatusCode).toBe(201)
      expect(deployment.id).toMatch(/^[a-z0-9]+$/)
      expect(deployment.description).toBe('first')
      expect(deployment.createdDate).toBeInstanceOf(Date)
      const stage = await client.send(new GetStageCommand({restApiId, stageName: 'dev'}))
      expect(stage).toMatchObject({stageName: 'dev', deploymentId: deployment.id, description: 'the dev stage', variables: {color: 'blue'}})
      expect(stage.createdDate).toBeInstanceOf(Date)
    })

    it('without a stage name deploys without touching any stage', async () => {
      const restApiId = await importImageApi()
      const deployment = await client.send(new CreateDeploymentCommand({restApiId}))
      expect(deployment.$metadata.httpStatusCode).toBe(201)
      expect((await client.send(new GetStagesCommand({restApiId}))).item).toEqual([])
      expect(await deploymentIds(restApiId)).toEqual([deployment.id])
    })

    it("refuses an API without methods: 400 The REST API doesn't contain any methods", async () => {
      const api = await client.send(new CreateRestApiCommand({name: 'empty'}))
      await expect(client.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'dev'}))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: "The REST API doesn't contain any methods",
        $metadata: {httpStatusCode: 400},
      })
      expect(await deploymentIds(api.id!)).toEqual([])
      expect((await client.send(new GetStagesCommand({restApiId: api.id}))).item).toEqual([])
    })

    it('refuses a method without an integration: 400 No integration defined for method', async () => {
      // AWS's answer as reported against AWS in serverless/serverless#11748 and hashicorp/terraform-provider-aws#21210.
      const api = await createSmallApi(client, 'half-built')
      await client.send(new PutMethodCommand({restApiId: api.id, resourceId: api.itemsId, httpMethod: 'POST', authorizationType: 'NONE'}))
      await expect(client.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'dev'}))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: 'No integration defined for method',
        $metadata: {httpStatusCode: 400},
      })
      expect(await deploymentIds(api.id)).toEqual([])
    })

    it('refuses an invalid stage name and leaves no deployment behind', async () => {
      const restApiId = await importImageApi()
      await expect(client.send(new CreateDeploymentCommand({restApiId, stageName: 'bad name!'}))).rejects.toBeInstanceOf(BadRequestException)
      expect(await deploymentIds(restApiId)).toEqual([])
    })

    it('answers 404 for an unknown API', async () => {
      await expect(client.send(new CreateDeploymentCommand({restApiId: 'nosuchapi1', stageName: 'dev'}))).rejects.toBeInstanceOf(NotFoundException)
    })
  })

  describe('snapshots', () => {
    it('a deployment is immutable: later edits only show after a new deployment', async () => {
      const restApiId = await importImageApi()
      const first = await client.send(new CreateDeploymentCommand({restApiId, stageName: 'live'}))
      const before = await exported(restApiId, 'live')
      expect(before['x-amazon-apigateway-binary-media-types']).toEqual(['application/octet-stream', 'image/jpeg'])

      await client.send(new UpdateRestApiCommand({restApiId, patchOperations: [patch('add', '/binaryMediaTypes/image~1png')]}))
      const resources = await raw(sandbox.url, 'GET', `/restapis/${restApiId}/resources`)
      const lambda = (resources.json as {item: {id: string; path: string}[]}).item.find((resource) => resource.path === '/lambda')!
      await client.send(
        new UpdateIntegrationCommand({restApiId, resourceId: lambda.id, httpMethod: 'GET', patchOperations: [patch('replace', '/contentHandling', 'CONVERT_TO_TEXT')]}),
      )
      expect(await exported(restApiId, 'live')).toEqual(before)

      const second = await client.send(new CreateDeploymentCommand({restApiId, stageName: 'live'}))
      expect(second.id).not.toBe(first.id)
      expect((await client.send(new GetStageCommand({restApiId, stageName: 'live'}))).deploymentId).toBe(second.id)
      const after = await exported(restApiId, 'live')
      expect(after['x-amazon-apigateway-binary-media-types']).toEqual(['application/octet-stream', 'image/jpeg', 'image/png'])
      const integration = (after.paths as Record<string, Record<string, Record<string, Record<string, unknown>>>>)['/lambda'].get[
        'x-amazon-apigateway-integration'
      ]
      expect(integration.contentHandling).toBe('CONVERT_TO_TEXT')

      // Rolling the stage back to the first deployment brings the first export back.
      await client.send(new UpdateStageCommand({restApiId, stageName: 'live', patchOperations: [patch('replace', '/deploymentId', first.id)]}))
      expect(await exported(restApiId, 'live')).toEqual(before)
    })
  })

  describe('GetDeployments / GetDeployment', () => {
    let restApiId: string
    let ids: string[]
    beforeAll(async () => {
      restApiId = await importImageApi()
      ids = []
      for (let index = 0; index < 3; index++) {
        ids.push((await client.send(new CreateDeploymentCommand({restApiId, description: `d${index}`}))).id!)
      }
    })

    it('lists every deployment (also through the paginator)', async () => {
      const listed = await client.send(new GetDeploymentsCommand({restApiId}))
      expect(listed.$metadata.httpStatusCode).toBe(200)
      expect(listed.items!.map((deployment) => deployment.id).sort()).toEqual([...ids].sort())
      expect(listed.items!.map((deployment) => deployment.description).sort()).toEqual(['d0', 'd1', 'd2'])
      const paged: string[] = []
      for await (const page of paginateGetDeployments({client, pageSize: 2}, {restApiId})) {
        expect(page.items!.length).toBeLessThanOrEqual(2)
        paged.push(...page.items!.map((deployment) => deployment.id!))
      }
      expect(paged.sort()).toEqual([...ids].sort())
    })

    it("embeds the API summary only with embed: ['apisummary']", async () => {
      const plain = await client.send(new GetDeploymentCommand({restApiId, deploymentId: ids[0]}))
      expect(withoutMetadata(plain)).toEqual({id: ids[0], description: 'd0', createdDate: expect.any(Date)})
      const embedded = await client.send(new GetDeploymentCommand({restApiId, deploymentId: ids[0], embed: ['apisummary']}))
      expect(embedded.apiSummary).toEqual({
        '/lambda': {GET: {authorizationType: 'NONE', apiKeyRequired: false}, PUT: {authorizationType: 'NONE', apiKeyRequired: false}},
      })
    })

    it('answers 404 for an unknown deployment', async () => {
      await expect(client.send(new GetDeploymentCommand({restApiId, deploymentId: 'nosuch'}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Deployment identifier specified',
        $metadata: {httpStatusCode: 404},
      })
    })
  })

  describe('stages', () => {
    let restApiId: string
    let first: string
    let second: string
    beforeAll(async () => {
      restApiId = (await createSmallApi(client, 'staged')).id
      first = (await client.send(new CreateDeploymentCommand({restApiId, stageName: 'dev'}))).id!
      second = (await client.send(new CreateDeploymentCommand({restApiId}))).id!
    })
    const update = (stageName: string, ...patchOperations: ReturnType<typeof patch>[]) =>
      client.send(new UpdateStageCommand({restApiId, stageName, patchOperations}))

    it('CreateStage answers 201; a second stage of the same name is a ConflictException', async () => {
      const stage = await client.send(
        new CreateStageCommand({restApiId, stageName: 'prod', deploymentId: second, description: 'production', variables: {tier: 'gold'}}),
      )
      expect(stage.$metadata.httpStatusCode).toBe(201)
      expect(stage).toMatchObject({stageName: 'prod', deploymentId: second, description: 'production', variables: {tier: 'gold'}, cacheClusterEnabled: false, tracingEnabled: false})
      expect(withoutMetadata(await client.send(new GetStageCommand({restApiId, stageName: 'prod'})))).toEqual(withoutMetadata(stage))
      await expect(client.send(new CreateStageCommand({restApiId, stageName: 'prod', deploymentId: first}))).rejects.toBeInstanceOf(ConflictException)
      expect((await client.send(new GetStageCommand({restApiId, stageName: 'prod'}))).deploymentId).toBe(second)
    })

    it('GetStages lists the stages under item and filters by deploymentId', async () => {
      const all = await client.send(new GetStagesCommand({restApiId}))
      expect(all.item!.map((stage) => stage.stageName).sort()).toEqual(['dev', 'prod'])
      const wire = await raw(sandbox.url, 'GET', `/restapis/${restApiId}/stages`)
      expect(Object.keys(wire.json as object)).toEqual(['item'])
      const filtered = await client.send(new GetStagesCommand({restApiId, deploymentId: first}))
      expect(filtered.item!.map((stage) => stage.stageName)).toEqual(['dev'])
      expect((await client.send(new GetStagesCommand({restApiId, deploymentId: 'nosuch'}))).item).toEqual([])
    })

    it('GetStage answers 404 for an unknown stage', async () => {
      await expect(client.send(new GetStageCommand({restApiId, stageName: 'nosuch'}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Stage identifier specified',
        $metadata: {httpStatusCode: 404},
      })
    })

    it('UpdateStage /deploymentId moves the stage, and only to a deployment that exists', async () => {
      const moved = await update('dev', patch('replace', '/deploymentId', second))
      expect(moved.$metadata.httpStatusCode).toBe(200)
      expect(moved.deploymentId).toBe(second)
      await expect(update('dev', patch('replace', '/deploymentId', 'nosuch'))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: 'Deployment id does not exist',
        $metadata: {httpStatusCode: 400},
      })
      expect((await client.send(new GetStageCommand({restApiId, stageName: 'dev'}))).deploymentId).toBe(second)
      await update('dev', patch('replace', '/deploymentId', first))
    })

    it('UpdateStage /description and /variables/x', async () => {
      const described = await update('dev', patch('replace', '/description', 'now described'), patch('replace', '/variables/x', '1'))
      expect(described).toMatchObject({description: 'now described', variables: {x: '1'}})
      const changed = await update('dev', patch('replace', '/variables/x', '2'), patch('add', '/variables/y', 'why'))
      expect(changed.variables).toEqual({x: '2', y: 'why'})
      const removed = await update('dev', patch('remove', '/variables/x'), patch('remove', '/variables/y'), patch('remove', '/description'))
      expect(removed.variables).toBeUndefined()
      expect(removed.description).toBeUndefined()
    })

    it('UpdateStage refuses an invalid path with the list of valid ones, changing nothing', async () => {
      const before = withoutMetadata(await client.send(new GetStageCommand({restApiId, stageName: 'dev'})))
      const error = await update('dev', patch('replace', '/description', 'partial'), patch('replace', '/stageName', 'renamed')).catch(
        (caught: unknown) => caught,
      )
      expect(error).toBeInstanceOf(BadRequestException)
      expect((error as Error).message).toMatch(/^Invalid method setting path: \/stageName\. Must be one of: \[\/deploymentId, \/description, /)
      expect(withoutMetadata(await client.send(new GetStageCommand({restApiId, stageName: 'dev'})))).toEqual(before)
    })

    it('DeleteDeployment refuses a deployment a stage uses, and deletes an unused one (202)', async () => {
      await expect(client.send(new DeleteDeploymentCommand({restApiId, deploymentId: first}))).rejects.toMatchObject({
        name: 'BadRequestException',
        message: 'Active stages pointing to this deployment must be moved or deleted',
        $metadata: {httpStatusCode: 400},
      })
      const unused = (await client.send(new CreateDeploymentCommand({restApiId}))).id!
      const deleted = await client.send(new DeleteDeploymentCommand({restApiId, deploymentId: unused}))
      expect(deleted.$metadata.httpStatusCode).toBe(202)
      expect(await deploymentIds(restApiId)).not.toContain(unused)
      expect(await deploymentIds(restApiId)).toContain(first)
      await expect(client.send(new GetDeploymentCommand({restApiId, deploymentId: unused}))).rejects.toBeInstanceOf(NotFoundException)
    })

    it('DeleteStage answers 202; afterwards its deployment can be deleted', async () => {
      const deleted = await client.send(new DeleteStageCommand({restApiId, stageName: 'dev'}))
      expect(deleted.$metadata.httpStatusCode).toBe(202)
      await expect(client.send(new GetStageCommand({restApiId, stageName: 'dev'}))).rejects.toBeInstanceOf(NotFoundException)
      await expect(client.send(new DeleteStageCommand({restApiId, stageName: 'dev'}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Stage identifier specified',
      })
      expect((await client.send(new DeleteDeploymentCommand({restApiId, deploymentId: first}))).$metadata.httpStatusCode).toBe(202)
    })
  })

  describe('documentation parts and versions, for stages to name', () => {
    it('keeps parts and versions as given, lists, reads and deletes them, and a stage names a version', async () => {
      const restApiId = (await createSmallApi(client, 'documented')).id
      const part = await client.send(new CreateDocumentationPartCommand({restApiId, location: {type: 'API'}, properties: '{"foo": "bar"}'}))
      expect(withoutMetadata(part)).toEqual({id: part.id, location: {type: 'API'}, properties: '{"foo": "bar"}'})
      expect(withoutMetadata(await client.send(new GetDocumentationPartCommand({restApiId, documentationPartId: part.id})))).toEqual(withoutMetadata(part))
      expect((await client.send(new GetDocumentationPartsCommand({restApiId}))).items?.map((item) => item.id)).toEqual([part.id])
      await expect(client.send(new CreateDocumentationPartCommand({restApiId, location: {type: 'INVALID' as never}, properties: '{}'}))).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining("Value 'INVALID' at 'createDocumentationPartInput.location.type' failed to satisfy constraint"),
      })

      const version = await client.send(new CreateDocumentationVersionCommand({restApiId, documentationVersion: 'v1', description: 'first'}))
      expect(version).toMatchObject({version: 'v1', description: 'first', $metadata: {httpStatusCode: 201}})
      expect(version.createdDate).toBeInstanceOf(Date)
      expect(withoutMetadata(await client.send(new GetDocumentationVersionCommand({restApiId, documentationVersion: 'v1'})))).toEqual(withoutMetadata(version))
      expect((await client.send(new GetDocumentationVersionsCommand({restApiId}))).items?.map((item) => item.version)).toEqual(['v1'])
      await expect(client.send(new CreateDocumentationVersionCommand({restApiId, documentationVersion: 'v1'}))).rejects.toBeInstanceOf(ConflictException)

      const deploymentId = (await client.send(new CreateDeploymentCommand({restApiId}))).id!
      const stage = await client.send(new CreateStageCommand({restApiId, stageName: 'docs', deploymentId, documentationVersion: 'v1'}))
      expect(stage.documentationVersion).toBe('v1')

      expect((await client.send(new DeleteDocumentationVersionCommand({restApiId, documentationVersion: 'v1'}))).$metadata.httpStatusCode).toBe(202)
      await expect(client.send(new GetDocumentationVersionCommand({restApiId, documentationVersion: 'v1'}))).rejects.toBeInstanceOf(NotFoundException)
      expect((await client.send(new DeleteDocumentationPartCommand({restApiId, documentationPartId: part.id}))).$metadata.httpStatusCode).toBe(202)
      await expect(client.send(new GetDocumentationPartCommand({restApiId, documentationPartId: part.id}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Documentation part identifier specified',
      })
    })
  })
})
