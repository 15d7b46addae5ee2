// responseTransferMode over the SDK: put, patched, read back alone and embedded, frozen by deployments,
// imported and exported, persisted; refused where the developer guide says streaming cannot be
// (response-transfer-mode.html: HTTP_PROXY and AWS_PROXY only, streams up to 15 minutes).
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {
  type APIGatewayClient,
  BadRequestException,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetExportCommand,
  GetIntegrationCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
  type IntegrationType,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateIntegrationCommand,
} from '@aws-sdk/client-api-gateway'

import {type Sandbox, startSandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {patch} from './support.js'

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:video'
const STREAMING_URI = `arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/${FUNCTION_ARN}/response-streaming-invocations`
const BUFFERED_URI = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FUNCTION_ARN}/invocations`

describe('SDK over HTTP: responseTransferMode', () => {
  let sandbox: Sandbox
  let client: APIGatewayClient
  let restApiId: string
  let rootId: string
  beforeAll(async () => {
    sandbox = await startTestSandbox()
    client = sdkClient(sandbox.url)
    const api = await client.send(new CreateRestApiCommand({name: 'streaming'}))
    restApiId = api.id!
    rootId = api.rootResourceId!
  })
  afterAll(() => sandbox.close())

  let counter = 0
  const newMethod = async () => {
    const resource = await client.send(new CreateResourceCommand({restApiId, parentId: rootId, pathPart: `s${counter++}`}))
    await client.send(new PutMethodCommand({restApiId, resourceId: resource.id!, httpMethod: 'GET', authorizationType: 'NONE'}))
    return {restApiId, resourceId: resource.id!, httpMethod: 'GET'}
  }
  const lambdaProxy = (uri = STREAMING_URI) => ({type: 'AWS_PROXY' as IntegrationType, integrationHttpMethod: 'POST', uri})

  it('PutIntegration keeps STREAM on AWS_PROXY with the streaming URI; GetIntegration and GetResources show it', async () => {
    const at = await newMethod()
    const put = await client.send(new PutIntegrationCommand({...at, ...lambdaProxy(), responseTransferMode: 'STREAM', timeoutInMillis: 900_000}))
    expect(put.$metadata.httpStatusCode).toBe(201)
    expect(put).toMatchObject({responseTransferMode: 'STREAM', timeoutInMillis: 900_000, uri: STREAMING_URI})
    expect((await client.send(new GetIntegrationCommand(at))).responseTransferMode).toBe('STREAM')
    const embedded = await client.send(new GetResourcesCommand({restApiId, embed: ['methods']}))
    const resource = embedded.items!.find((item) => item.id === at.resourceId)!
    expect(resource.resourceMethods!.GET!.methodIntegration!.responseTransferMode).toBe('STREAM')
  })

  it('an integration put without it shows none, as AWS answered before streaming', async () => {
    const at = await newMethod()
    const put = await client.send(new PutIntegrationCommand({...at, ...lambdaProxy(BUFFERED_URI)}))
    expect(put.responseTransferMode).toBeUndefined()
  })

  it('STREAM on HTTP_PROXY is kept; on HTTP, AWS and MOCK it is refused with BadRequestException', async () => {
    const http = await newMethod()
    await expect(
      client.send(new PutIntegrationCommand({...http, type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'https://backend.example/v', responseTransferMode: 'STREAM'})),
    ).resolves.toMatchObject({responseTransferMode: 'STREAM'})
    for (const type of ['HTTP', 'AWS', 'MOCK'] as IntegrationType[]) {
      const at = await newMethod()
      const target = type === 'AWS' ? {integrationHttpMethod: 'GET', uri: 'arn:aws:apigateway:us-east-1:s3:path/bucket/key'} : type === 'HTTP' ? {integrationHttpMethod: 'GET', uri: 'https://backend.example/v'} : {}
      const attempt = client.send(new PutIntegrationCommand({...at, type, ...target, responseTransferMode: 'STREAM'}))
      await expect(attempt).rejects.toBeInstanceOf(BadRequestException)
      await expect(attempt).rejects.toThrow(/only supported for integration types HTTP_PROXY and AWS_PROXY/)
    }
  })

  it('a value outside the enum is a ValidationException naming the member', async () => {
    const at = await newMethod()
    await expect(client.send(new PutIntegrationCommand({...at, ...lambdaProxy(), responseTransferMode: 'CHUNKED' as never}))).rejects.toThrow(
      /putIntegrationInput.responseTransferMode.*\[BUFFERED, STREAM\]/,
    )
  })

  it('the timeout may reach 900000 ms when streamed, 300000 ms when buffered', async () => {
    const at = await newMethod()
    await expect(client.send(new PutIntegrationCommand({...at, ...lambdaProxy(), responseTransferMode: 'STREAM', timeoutInMillis: 900_001}))).rejects.toThrow(
      'Timeout should be between 50 ms and 900000 ms',
    )
    await expect(client.send(new PutIntegrationCommand({...at, ...lambdaProxy(), responseTransferMode: 'BUFFERED', timeoutInMillis: 300_001}))).rejects.toThrow(
      'Timeout should be between 50 ms and 29000 ms',
    )
    await expect(client.send(new PutIntegrationCommand({...at, ...lambdaProxy(), timeoutInMillis: 300_000}))).resolves.toMatchObject({timeoutInMillis: 300_000})
  })

  it('UpdateIntegration replaces /responseTransferMode, checking the result whole', async () => {
    const at = await newMethod()
    await client.send(new PutIntegrationCommand({...at, ...lambdaProxy()}))
    const streamed = await client.send(
      new UpdateIntegrationCommand({...at, patchOperations: [patch('replace', '/responseTransferMode', 'STREAM'), patch('replace', '/timeoutInMillis', '600000')]}),
    )
    expect(streamed).toMatchObject({responseTransferMode: 'STREAM', timeoutInMillis: 600_000})
    // Back to buffered with a 10-minute timeout: refused, and nothing changed.
    await expect(client.send(new UpdateIntegrationCommand({...at, patchOperations: [patch('replace', '/responseTransferMode', 'BUFFERED')]}))).rejects.toThrow(
      'Timeout should be between 50 ms and 29000 ms',
    )
    expect((await client.send(new GetIntegrationCommand(at))).responseTransferMode).toBe('STREAM')
    const buffered = await client.send(
      new UpdateIntegrationCommand({...at, patchOperations: [patch('replace', '/timeoutInMillis', '29000'), patch('replace', '/responseTransferMode', 'BUFFERED')]}),
    )
    expect(buffered).toMatchObject({responseTransferMode: 'BUFFERED', timeoutInMillis: 29_000})
    await expect(client.send(new UpdateIntegrationCommand({...at, patchOperations: [patch('replace', '/responseTransferMode', 'stream')]}))).rejects.toThrow(
      /Invalid response transfer mode specified: stream/,
    )
    await expect(client.send(new UpdateIntegrationCommand({...at, patchOperations: [patch('remove', '/responseTransferMode')]}))).rejects.toBeInstanceOf(
      BadRequestException,
    )
  })

  it('UpdateIntegration refuses STREAM on a MOCK integration', async () => {
    const at = await newMethod()
    await client.send(new PutIntegrationCommand({...at, type: 'MOCK'}))
    await expect(client.send(new UpdateIntegrationCommand({...at, patchOperations: [patch('replace', '/responseTransferMode', 'STREAM')]}))).rejects.toThrow(
      /only supported/,
    )
  })

  it('a deployment freezes it: the stage export shows STREAM after the working copy went back to BUFFERED', async () => {
    const api = await client.send(new CreateRestApiCommand({name: 'frozen'}))
    const resource = await client.send(new CreateResourceCommand({restApiId: api.id!, parentId: api.rootResourceId!, pathPart: 'video'}))
    const at = {restApiId: api.id!, resourceId: resource.id!, httpMethod: 'GET'}
    await client.send(new PutMethodCommand({...at, authorizationType: 'NONE'}))
    await client.send(new PutIntegrationCommand({...at, ...lambdaProxy(), responseTransferMode: 'STREAM'}))
    await client.send(new CreateDeploymentCommand({restApiId: api.id!, stageName: 'v1'}))
    await client.send(new UpdateIntegrationCommand({...at, patchOperations: [patch('replace', '/responseTransferMode', 'BUFFERED')]}))
    const exported = await client.send(new GetExportCommand({restApiId: api.id!, stageName: 'v1', exportType: 'oas30', parameters: {extensions: 'integrations'}}))
    const document = JSON.parse(Buffer.from(exported.body!).toString('utf8')) as {paths: Record<string, Record<string, Record<string, unknown>>>}
    expect(document.paths['/video']!.get!['x-amazon-apigateway-integration']).toMatchObject({type: 'aws_proxy', responseTransferMode: 'STREAM', uri: STREAMING_URI})
  })

  it('import reads x-amazon-apigateway-integration.responseTransferMode and refuses it on a non-proxy type', async () => {
    const definition = (integration: Record<string, unknown>) =>
      Buffer.from(
        JSON.stringify({
          openapi: '3.0.1',
          info: {title: 'ResponseStreamingDemo', version: '1'},
          paths: {'/streaming': {get: {'x-amazon-apigateway-integration': integration}}},
        }),
      )
    // The developer guide's own import (response-streaming-http.html).
    const imported = await client.send(
      new ImportRestApiCommand({
        body: definition({httpMethod: 'GET', uri: 'https://example.com', type: 'http_proxy', timeoutInMillis: 900000, responseTransferMode: 'STREAM'}),
      }),
    )
    const resources = await client.send(new GetResourcesCommand({restApiId: imported.id!, embed: ['methods']}))
    const integration = resources.items!.find((item) => item.path === '/streaming')!.resourceMethods!.GET!.methodIntegration!
    expect(integration).toMatchObject({type: 'HTTP_PROXY', responseTransferMode: 'STREAM', timeoutInMillis: 900_000})
    await expect(
      client.send(new ImportRestApiCommand({body: definition({httpMethod: 'GET', uri: 'https://example.com', type: 'http', responseTransferMode: 'STREAM'})})),
    ).rejects.toBeInstanceOf(BadRequestException)
  })
})

describe('responseTransferMode in a state file', () => {
  it('persists and reloads; a streamed MOCK in the file is refused on start', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-stream-state-'))
    const stateFile = join(scratch, 'state.json')
    try {
      const first = await startSandbox({port: 0, stateFile, logDiagnosis: () => {}})
      const client = sdkClient(first.url)
      const api = await client.send(new CreateRestApiCommand({name: 'persisted'}))
      const at = {restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET'}
      await client.send(new PutMethodCommand({...at, authorizationType: 'NONE'}))
      await client.send(new PutIntegrationCommand({...at, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: STREAMING_URI, responseTransferMode: 'STREAM'}))
      await first.close()
      const second = await startSandbox({port: 0, stateFile, logDiagnosis: () => {}})
      try {
        expect((await sdkClient(second.url).send(new GetIntegrationCommand(at))).responseTransferMode).toBe('STREAM')
      } finally {
        await second.close()
      }
      const text = readFileSync(stateFile, 'utf8')
      writeFileSync(stateFile, text.replace('"type":"AWS_PROXY"', '"type":"MOCK"'))
      await expect(startSandbox({port: 0, stateFile, logDiagnosis: () => {}})).rejects.toThrow(/STREAM is only supported/)
      writeFileSync(stateFile, text.replace('"responseTransferMode":"STREAM"', '"responseTransferMode":"LIVE"'))
      await expect(startSandbox({port: 0, stateFile, logDiagnosis: () => {}})).rejects.toThrow(/responseTransferMode/)
    } finally {
      rmSync(scratch, {recursive: true, force: true})
    }
  })
})
