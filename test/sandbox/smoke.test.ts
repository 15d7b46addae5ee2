import {readFileSync} from 'node:fs'

import {CreateDeploymentCommand, GetExportCommand, GetRestApiCommand, ImportRestApiCommand, NotFoundException} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {fetchCallLog, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

const imageApi = readFileSync(new URL('../../fixtures/apis/image-api.oas30.json', import.meta.url))

describe('sandbox smoke', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startTestSandbox()
  })
  afterAll(() => sandbox.close())

  it('imports, deploys and exports the sample image API through the SDK', async () => {
    const client = sdkClient(sandbox.url)
    const api = await client.send(new ImportRestApiCommand({body: imageApi}))
    expect(api.binaryMediaTypes).toEqual(['application/octet-stream', 'image/jpeg'])
    await client.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'v1'}))
    const exported = await client.send(
      new GetExportCommand({restApiId: api.id, stageName: 'v1', exportType: 'oas30', parameters: {extensions: 'apigateway'}, accepts: 'application/json'}),
    )
    const document = JSON.parse(Buffer.from(exported.body!).toString('utf8'))
    expect(document['x-amazon-apigateway-binary-media-types']).toEqual(['application/octet-stream', 'image/jpeg'])
    await expect(client.send(new GetRestApiCommand({restApiId: 'missing'}))).rejects.toBeInstanceOf(NotFoundException)
    const log = await fetchCallLog(sandbox.url)
    expect(log.map((call) => call.operation)).toEqual(['ImportRestApi', 'CreateDeployment', 'GetExport', 'GetRestApi'])
    expect(log.map((call) => call.status)).toEqual([201, 201, 200, 404])
  })
})
