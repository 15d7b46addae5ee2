// Documentation beyond what the recordings hold (test/conformance/documentation.test.ts replays those):
// ImportDocumentationParts merging with or replacing the API's parts, the listing's filters, versions
// made for a stage and updated, and parts kept in the state file.
import {
  type APIGatewayClient,
  BadRequestException,
  CreateDeploymentCommand,
  CreateDocumentationPartCommand,
  CreateDocumentationVersionCommand,
  CreateRestApiCommand,
  GetDocumentationPartsCommand,
  GetStageCommand,
  ImportDocumentationPartsCommand,
  NotFoundException,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateDocumentationVersionCommand,
} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'

let sandbox: Sandbox
let client: APIGatewayClient

beforeAll(async () => {
  sandbox = await startTestSandbox()
  client = sdkClient(sandbox.url)
})
afterAll(async () => {
  client.destroy()
  await sandbox.close()
})

const definition = (parts: unknown[]) =>
  new TextEncoder().encode(JSON.stringify({openapi: '3.0.1', info: {title: 'docs', version: '1'}, paths: {}, 'x-amazon-apigateway-documentation': {version: '1', documentationParts: parts}}))
const newApi = async () => (await client.send(new CreateRestApiCommand({name: 'docs'}))).id!
const parts = async (restApiId: string, filter: {type?: string; path?: string} = {}) =>
  ((await client.send(new GetDocumentationPartsCommand({restApiId, ...filter} as never))).items ?? []).map((part) => ({id: part.id, location: part.location, properties: part.properties}))

describe('ImportDocumentationParts', () => {
  it('merges by default: a part at a location the API documents keeps its id and takes the new properties', async () => {
    const restApiId = await newApi()
    const api = await client.send(new CreateDocumentationPartCommand({restApiId, location: {type: 'API'}, properties: '{"description":"old"}'}))
    const model = await client.send(new CreateDocumentationPartCommand({restApiId, location: {type: 'MODEL', name: 'Pet'}, properties: '{"title":"Pet"}'}))
    const imported = await client.send(
      new ImportDocumentationPartsCommand({
        restApiId,
        body: definition([
          {location: {type: 'API'}, properties: {description: 'new'}},
          {location: {type: 'METHOD', method: 'GET'}, properties: {description: 'get'}},
        ]),
      }),
    )
    expect(imported.ids).toHaveLength(2)
    expect(imported.ids![0]).toBe(api.id)
    expect(await parts(restApiId)).toEqual([
      {id: api.id, location: {type: 'API'}, properties: '{"description":"new"}'},
      {id: model.id, location: {type: 'MODEL', name: 'Pet'}, properties: '{"title":"Pet"}'},
      {id: imported.ids![1], location: {type: 'METHOD', method: 'GET', path: '/'}, properties: '{"description":"get"}'},
    ])
    expect(await parts(restApiId, {type: 'METHOD'})).toHaveLength(1)
    expect(await parts(restApiId, {path: '/'})).toHaveLength(1)
  })

  it('replaces every part in overwrite mode, and refuses another mode', async () => {
    const restApiId = await newApi()
    await client.send(new CreateDocumentationPartCommand({restApiId, location: {type: 'MODEL', name: 'Pet'}, properties: '{}'}))
    await client.send(new ImportDocumentationPartsCommand({restApiId, mode: 'overwrite', body: definition([{location: {type: 'RESOURCE', path: '/pets'}, properties: {}}])}))
    expect((await parts(restApiId)).map((part) => part.location)).toEqual([{type: 'RESOURCE', path: '/pets'}])
    await expect(client.send(new ImportDocumentationPartsCommand({restApiId, mode: 'replace' as never, body: definition([])}))).rejects.toBeInstanceOf(BadRequestException)
  })

  it('refuses a part with a location type AWS does not have, importing nothing', async () => {
    const restApiId = await newApi()
    await expect(client.send(new ImportDocumentationPartsCommand({restApiId, body: definition([{location: {type: 'NOWHERE'}, properties: {}}])}))).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'Unable to build importer with provided input.',
    })
    expect(await parts(restApiId)).toEqual([])
  })
})

describe('documentation versions', () => {
  it('become the stage documentation of the stage they are made for; an unknown stage is refused', async () => {
    const restApiId = await newApi()
    const rootId = sandbox.store.state.apis.get(restApiId)!.api.rootResourceId
    await client.send(new PutMethodCommand({restApiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE'}))
    await client.send(new PutIntegrationCommand({restApiId, resourceId: rootId, httpMethod: 'GET', type: 'MOCK'}))
    await client.send(new CreateDeploymentCommand({restApiId, stageName: 'prod'}))
    await client.send(new CreateDocumentationVersionCommand({restApiId, documentationVersion: '1.0', stageName: 'prod'}))
    expect((await client.send(new GetStageCommand({restApiId, stageName: 'prod'}))).documentationVersion).toBe('1.0')
    await expect(client.send(new CreateDocumentationVersionCommand({restApiId, documentationVersion: '2.0', stageName: 'nope'}))).rejects.toBeInstanceOf(NotFoundException)
  })

  it('updates only the description', async () => {
    const restApiId = await newApi()
    await client.send(new CreateDocumentationVersionCommand({restApiId, documentationVersion: 'v1', description: 'first'}))
    const updated = await client.send(new UpdateDocumentationVersionCommand({restApiId, documentationVersion: 'v1', patchOperations: [{op: 'replace', path: '/description', value: 'second'}]}))
    expect(updated.description).toBe('second')
    await expect(
      client.send(new UpdateDocumentationVersionCommand({restApiId, documentationVersion: 'v1', patchOperations: [{op: 'replace', path: '/version', value: 'v2'}]})),
    ).rejects.toMatchObject({name: 'BadRequestException', message: "Invalid patch path  '/version' specified for op 'replace'. Must be one of: [/description]"})
  })
})
