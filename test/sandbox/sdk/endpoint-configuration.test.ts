// Endpoint configuration on import and by UpdateRestApi: the developer guide's
// x-amazon-apigateway-endpoint-configuration extension (vpcEndpointIds, disableExecuteApiEndpoint) with the
// endpointConfigurationTypes import parameter, and the patch paths AWS takes (recorded: LocalStack
// test_create_execute_api_vpc_endpoint replaces /endpointConfiguration/types/EDGE and adds a vpcEndpointIds entry).
import {type APIGatewayClient, GetRestApiCommand, ImportRestApiCommand, UpdateRestApiCommand} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {fixtureJson, fixtureText, patch} from './support.js'

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

describe('ImportRestApi with x-amazon-apigateway-endpoint-configuration', () => {
  it('keeps the VPC endpoints and disableExecuteApiEndpoint of a PRIVATE import (Swagger 2.0: top level)', async () => {
    const doc = {...fixtureJson('image-api.swagger.json'), 'x-amazon-apigateway-endpoint-configuration': {vpcEndpointIds: ['vpce-0212a4ababd5b8c3e', 'vpce-01d622316a7df47f9'], disableExecuteApiEndpoint: true}}
    const imported = await client.send(new ImportRestApiCommand({body: Buffer.from(JSON.stringify(doc)), parameters: {endpointConfigurationTypes: 'PRIVATE'}}))
    expect(imported).toMatchObject({
      endpointConfiguration: {types: ['PRIVATE'], vpcEndpointIds: ['vpce-0212a4ababd5b8c3e', 'vpce-01d622316a7df47f9']},
      disableExecuteApiEndpoint: true,
    })
  })

  it('reads it from a Server object in OpenAPI 3.0', async () => {
    const doc = fixtureJson('image-api.oas30.json')
    const servers = [{url: 'https://example.com/{basePath}', variables: {basePath: {default: ''}}, 'x-amazon-apigateway-endpoint-configuration': {disableExecuteApiEndpoint: true}}]
    const imported = await client.send(new ImportRestApiCommand({body: Buffer.from(JSON.stringify({...doc, servers})), parameters: {endpointConfigurationTypes: 'REGIONAL'}}))
    expect(imported).toMatchObject({endpointConfiguration: {types: ['REGIONAL']}, disableExecuteApiEndpoint: true})
    expect(imported.endpointConfiguration?.vpcEndpointIds).toBeUndefined()
  })

  it('refuses an extension that is not the documented object', async () => {
    const doc = {...fixtureJson('image-api.swagger.json'), 'x-amazon-apigateway-endpoint-configuration': {disableExecuteApiEndpoint: 'yes'}}
    await expect(client.send(new ImportRestApiCommand({body: Buffer.from(JSON.stringify(doc))}))).rejects.toMatchObject({name: 'BadRequestException'})
  })
})

describe('UpdateRestApi on the endpoint configuration', () => {
  it('replaces the type by index or by its name, and adds and removes VPC endpoints', async () => {
    const imported = await client.send(new ImportRestApiCommand({body: Buffer.from(fixtureText('image-api.oas30.json'))}))
    const restApiId = imported.id!
    expect(imported.endpointConfiguration?.types).toEqual(['EDGE'])
    await client.send(new UpdateRestApiCommand({restApiId, patchOperations: [patch('replace', '/endpointConfiguration/types/0', 'REGIONAL')]}))
    expect((await client.send(new GetRestApiCommand({restApiId}))).endpointConfiguration).toEqual({types: ['REGIONAL'], ipAddressType: 'ipv4'})
    await client.send(
      new UpdateRestApiCommand({restApiId, patchOperations: [patch('replace', '/endpointConfiguration/types/REGIONAL', 'PRIVATE'), patch('add', '/endpointConfiguration/vpcEndpointIds', 'vpce-1')]}),
    )
    expect((await client.send(new GetRestApiCommand({restApiId}))).endpointConfiguration).toEqual({types: ['PRIVATE'], ipAddressType: 'dualstack', vpcEndpointIds: ['vpce-1']})
    await client.send(new UpdateRestApiCommand({restApiId, patchOperations: [patch('remove', '/endpointConfiguration/vpcEndpointIds', 'vpce-1')]}))
    expect((await client.send(new GetRestApiCommand({restApiId}))).endpointConfiguration?.vpcEndpointIds).toBeUndefined()
    // A type the API does not have is no path.
    await expect(client.send(new UpdateRestApiCommand({restApiId, patchOperations: [patch('replace', '/endpointConfiguration/types/EDGE', 'REGIONAL')]}))).rejects.toMatchObject({
      name: 'BadRequestException',
    })
  })
})
