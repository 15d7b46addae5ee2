import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {connect} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  GetDeploymentsCommand,
  GetExportCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetStageCommand,
  ImportRestApiCommand,
  PutIntegrationResponseCommand,
  PutMethodResponseCommand,
  TagResourceCommand,
} from '@aws-sdk/client-api-gateway'

import {type Sandbox, startSandbox} from '../../../src/sandbox/server.js'
import {serializeState} from '../../../src/sandbox/state-file.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {type SmallApi, createSmallApi, fixtureText, raw} from './support.js'

interface BadRequest {
  label: string
  method: string
  path: string
  body?: string | Buffer
}

/** Sends a request line as written, bypassing fetch's URL normalisation. */
function rawRequestLine(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer to ${line}`)))
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')))
    socket.on('error', reject)
    socket.on('close', () => resolve(answer))
    socket.write(`${line}\r\nHost: sandbox\r\nAccept: application/json\r\nConnection: close\r\n\r\n`)
  })
}

describe('SDK over HTTP: robustness', () => {
  let sandbox: Sandbox
  let client: APIGatewayClient
  let api: SmallApi
  beforeAll(async () => {
    sandbox = await startTestSandbox()
    client = sdkClient(sandbox.url)
    api = await createSmallApi(client, 'robust')
    const at = {restApiId: api.id, resourceId: api.itemsId, httpMethod: 'GET'}
    await client.send(new PutMethodResponseCommand({...at, statusCode: '200'}))
    await client.send(new PutIntegrationResponseCommand({...at, statusCode: '200', contentHandling: 'CONVERT_TO_TEXT'}))
    await client.send(new CreateDeploymentCommand({restApiId: api.id, stageName: 'live'}))
    await client.send(new TagResourceCommand({resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${api.id}`, tags: {keep: 'me'}}))
  })
  afterAll(() => sandbox.close())

  /** Everything a client can observe plus the store itself. */
  const observable = async () =>
    JSON.parse(
      JSON.stringify({
        restApi: await client.send(new GetRestApiCommand({restApiId: api.id})).then(({$metadata: _m, ...rest}) => rest),
        resources: await client.send(new GetResourcesCommand({restApiId: api.id, embed: ['methods']})).then(({$metadata: _m, ...rest}) => rest),
        store: JSON.parse(serializeState(sandbox.store.state)),
      }),
    ) as unknown

  function badRequests(): BadRequest[] {
    const apiPath = `/restapis/${api.id}`
    const items = `${apiPath}/resources/${api.itemsId}`
    const method = `${items}/methods/GET`
    const integration = `${method}/integration`
    const arn = encodeURIComponent(`arn:aws:apigateway:us-east-1::/restapis/${api.id}`)
    // Every route that reads a body, each reached so that only the body can make it fail. The third
    // element is a body that parses but whose fields are wrongly typed for that route.
    const writeRoutes: [string, string, object][] = [
      ['POST', '/restapis', {name: 5}],
      ['POST', '/restapis?mode=import', {openapi: 3, info: 'x'}],
      ['PATCH', apiPath, {patchOperations: [{op: 'replace', path: 7}]}],
      ['PUT', apiPath, {swagger: '2.0', info: {title: ['x']}}],
      ['PUT', `${apiPath}?mode=overwrite`, {openapi: '3.0.1', info: {title: 't'}, paths: ['/a']}],
      ['POST', `${apiPath}/resources/${api.rootId}`, {pathPart: []}],
      ['PATCH', items, {patchOperations: [{op: 'replace', path: 7}]}],
      ['PUT', `${apiPath}/resources/${api.rootId}/methods/POST`, {authorizationType: {}}],
      ['PATCH', method, {patchOperations: [{op: 'replace', path: 7}]}],
      ['PUT', `${method}/responses/201`, {responseParameters: 'x'}],
      ['PUT', integration, {type: 1}],
      ['PATCH', integration, {patchOperations: [{op: 'replace', path: 7}]}],
      ['PUT', `${integration}/responses/200`, {responseTemplates: {'application/json': 5}}],
      ['PATCH', `${integration}/responses/200`, {patchOperations: [{op: 'replace', path: 7}]}],
      ['POST', `${apiPath}/deployments`, {stageName: 'v2', variables: 'x'}],
      ['POST', `${apiPath}/stages`, {stageName: 1, deploymentId: false}],
      ['PATCH', `${apiPath}/stages/live`, {patchOperations: [{op: 'replace', path: 7}]}],
      ['PUT', `/tags/${arn}`, {tags: 't'}],
    ]
    const bodies: [string, string | Buffer][] = [
      ['malformed JSON', '{"name": "x", '],
      ['JSON null', 'null'],
      ['a JSON array', '[{"op": "replace", "path": "/name", "value": "x"}]'],
      ['a JSON string', '"hello"'],
      ['a JSON number', '42'],
      ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ]
    const patchBodies: [string, string][] = [
      ['patchOperations as an object', '{"patchOperations": {"op": "add"}}'],
      ['patchOperations as a string', '{"patchOperations": ""}'],
      ['a null patch operation', '{"patchOperations": [null]}'],
      ['a patch operation that is a number', '{"patchOperations": [1]}'],
      ['a patch operation without a path', '{"patchOperations": [{"op": "replace", "value": "x"}]}'],
      ['a patch operation with a bad op', '{"patchOperations": [{"op": "merge", "path": "/name", "value": "x"}]}'],
      ['a patch operation on an unknown path', '{"patchOperations": [{"op": "replace", "path": "/no/such/thing", "value": "x"}]}'],
    ]
    const requests: BadRequest[] = writeRoutes.flatMap(([verb, path, wronglyTyped]) => [
      ...bodies.map(([label, body]) => ({label: `${label} to ${verb} ${path}`, method: verb, path, body})),
      {label: `wrongly typed fields to ${verb} ${path}`, method: verb, path, body: JSON.stringify(wronglyTyped)},
      ...(verb === 'PATCH' ? patchBodies.map(([label, body]) => ({label: `${label} to ${verb} ${path}`, method: verb, path, body})) : []),
    ])
    const single = (label: string, verb: string, path: string, body?: string | object): BadRequest => ({
      label,
      method: verb,
      path,
      body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
    })
    requests.push(
      single('an unknown root path', 'GET', '/nope'),
      single('an unknown sub-resource', 'GET', `${apiPath}/frobnicate`),
      single('an unknown operation', 'POST', '/restapis/x/frobnicate', {}),
      single('a path too deep', 'GET', `${integration}/responses/200/extra`),
      single('a trailing slash', 'GET', `${apiPath}/`),
      single('a double slash', 'GET', `/restapis//resources`),
      single('DELETE on the collection', 'DELETE', '/restapis'),
      single('PATCH on the collection', 'PATCH', '/restapis', {patchOperations: []}),
      single('POST on an API', 'POST', apiPath, {name: 'x'}),
      single('PUT on deployments', 'PUT', `${apiPath}/deployments`, {}),
      single('POST on a method', 'POST', method, {}),
      single('an unknown HTTP verb', 'PURGE', apiPath),
      single('a truncated percent escape', 'GET', '/restapis/%E0%A4%A'),
      single('a bare percent', 'DELETE', '/restapis/%'),
      single('a non-hex escape', 'GET', `${apiPath}/resources/%ZZ`),
      single('an escape that is not UTF-8', 'PATCH', '/restapis/%FF', {patchOperations: []}),
      single('an unknown API', 'DELETE', '/restapis/nosuchapi1'),
      single('an unknown resource', 'DELETE', `${apiPath}/resources/nosuch`),
      single('an unknown stage', 'DELETE', `${apiPath}/stages/nosuch`),
      single('an unknown deployment', 'DELETE', `${apiPath}/deployments/nosuch`),
      single('a method named after an Object.prototype member', 'GET', `${items}/methods/constructor`),
      single('a method named __proto__', 'GET', `${items}/methods/__proto__`),
      single('DELETE of a method named toString', 'DELETE', `${items}/methods/toString`),
      single('a method response named constructor', 'GET', `${method}/responses/constructor`),
      single('DELETE of a method response named hasOwnProperty', 'DELETE', `${method}/responses/hasOwnProperty`),
      single('an integration response named constructor', 'GET', `${integration}/responses/constructor`),
      single('PUT of an integration response named constructor', 'PUT', `${integration}/responses/constructor`, {}),
      single('PATCH of an integration response named valueOf', 'PATCH', `${integration}/responses/valueOf`, {patchOperations: []}),
      single('removing a template named constructor', 'PATCH', integration, {patchOperations: [{op: 'remove', path: '/requestTemplates/constructor'}]}),
      single('removing a response template named toString', 'PATCH', `${integration}/responses/200`, {
        patchOperations: [{op: 'remove', path: '/responseTemplates/toString'}],
      }),
      single('an API named constructor', 'GET', '/restapis/constructor'),
      single('a stage named __proto__', 'GET', `${apiPath}/stages/__proto__`),
      single('a deployment named constructor', 'GET', `${apiPath}/deployments/constructor`),
      single('an invalid integration type', 'PUT', integration, {type: 'LAMBDA'}),
      single('an invalid contentHandling', 'PUT', integration, {type: 'MOCK', contentHandling: 'CONVERT_TO_JSON'}),
      single('an invalid passthroughBehavior', 'PUT', integration, {type: 'MOCK', passthroughBehavior: 'SOMETIMES'}),
      single('an invalid integration-response contentHandling', 'PUT', `${integration}/responses/200`, {contentHandling: 'TEXT'}),
      single('an invalid apiKeySource', 'POST', '/restapis', {name: 'x', apiKeySource: 'COOKIE'}),
      single('an invalid endpoint type', 'POST', '/restapis', {name: 'x', endpointConfiguration: {types: ['GLOBAL']}}),
      single('an endpoint configuration that is a string', 'POST', '/restapis', {name: 'x', endpointConfiguration: 'EDGE'}),
      single('an invalid import endpoint type', 'POST', '/restapis?mode=import&endpointConfigurationTypes=GLOBAL', fixtureText('image-api.oas30.json')),
      single('an invalid put mode', 'PUT', `${apiPath}?mode=replace`, fixtureText('image-api.oas30.json')),
      single('an invalid HTTP method name', 'PUT', `${apiPath}/resources/${api.rootId}/methods/FETCH`, {authorizationType: 'NONE'}),
      single('a duplicate method', 'PUT', method, {authorizationType: 'NONE'}),
      single('an invalid status code', 'PUT', `${method}/responses/2000`, {}),
      single('a timeout out of range', 'PUT', integration, {type: 'MOCK', timeoutInMillis: 10}),
      single('a non-integer timeout', 'PATCH', integration, {patchOperations: [{op: 'replace', path: '/timeoutInMillis', value: 'soon'}]}),
      single('a patch value that is not a string', 'PATCH', apiPath, {patchOperations: [{op: 'replace', path: '/minimumCompressionSize', value: {n: 1}}]}),
      single('a rename without a value', 'PATCH', apiPath, {patchOperations: [{op: 'replace', path: '/name'}]}),
      single('a multi-op resource rename whose 2nd op fails', 'PATCH', items, {
        patchOperations: [{op: 'replace', path: '/pathPart', value: 'renamed'}, {op: 'replace', path: '/parentId', value: 'x'}],
      }),
      single('a multi-op method update whose 2nd op fails', 'PATCH', method, {
        patchOperations: [{op: 'replace', path: '/operationName', value: 'op'}, {op: 'add', path: '/nonsense', value: 'x'}],
      }),
      single('a stage patch to a missing deployment', 'PATCH', `${apiPath}/stages/live`, {
        patchOperations: [{op: 'replace', path: '/description', value: 'd'}, {op: 'replace', path: '/deploymentId', value: 'nosuch'}],
      }),
      single('a deployment to an invalid stage name', 'POST', `${apiPath}/deployments`, {stageName: 'bad name!'}),
      single('a stage on a missing deployment', 'POST', `${apiPath}/stages`, {stageName: 'other', deploymentId: 'nosuch'}),
      single('a stage without a deployment', 'POST', `${apiPath}/stages`, {stageName: 'other'}),
      single('a stage that exists', 'POST', `${apiPath}/stages`, {stageName: 'live', deploymentId: 'nosuch'}),
      single('deleting the deployment a stage uses', 'DELETE', `${apiPath}/deployments/${sandbox.store.state.apis.get(api.id)!.stages.get('live')!.deploymentId}`),
      single('deleting the root resource', 'DELETE', `${apiPath}/resources/${api.rootId}`),
      single('a limit of 0', 'GET', '/restapis?limit=0'),
      single('a limit that is not a number', 'GET', `${apiPath}/resources?limit=many`),
      single('a forged position', 'GET', '/restapis?position=not-a-token'),
      single('an unknown export type', 'GET', `${apiPath}/stages/live/exports/raml`),
      single('an ARN that is not one', 'GET', '/tags/nonsense'),
      single('tags that are not a map', 'PUT', `/tags/${arn}`, {tags: ['a']}),
      single('reserved tag keys', 'PUT', `/tags/${arn}`, {tags: {'aws:owner': 'me'}}),
      single('removing a reserved tag key', 'DELETE', `/tags/${arn}?tagKeys=keep&tagKeys=${encodeURIComponent('aws:cloudformation:stack-name')}`),
      single('tags missing', 'PUT', `/tags/${arn}`, {}),
      single('an import that is not a definition', 'POST', '/restapis?mode=import', '{"openapi": "3.0.1"}'),
      single('an import of YAML garbage', 'POST', '/restapis?mode=import', ': : :\n\t- ]['),
      single('an import bomb of YAML aliases', 'POST', '/restapis?mode=import', `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({length: 12}, (_, i) => `b${i}: &b${i} [*${i === 0 ? 'a' : `b${i - 1}`}, *${i === 0 ? 'a' : `b${i - 1}`}, *${i === 0 ? 'a' : `b${i - 1}`}]`).join('\n')}\n`),
    )
    return requests
  }

  it('answers every bad request with a 4xx, an x-amzn-errortype and a JSON message, changing nothing', async () => {
    const before = await observable()
    const failures: string[] = []
    for (const request of badRequests()) {
      const answer = await raw(sandbox.url, request.method, request.path, request.body)
      const message = (answer.json as {message?: unknown} | undefined)?.message
      if (answer.status < 400 || answer.status > 499 || !answer.errorType || typeof message !== 'string' || message === '') {
        failures.push(`${request.label}: ${answer.status} ${answer.errorType} ${answer.text.slice(0, 200)}`)
      }
    }
    expect(failures).toEqual([])
    expect(await observable()).toEqual(before)
  })

  it('answers bodies over the request limit with 413 and stays up', async () => {
    const before = await observable()
    const huge = Buffer.alloc(12 * 1024 * 1024, 0x20)
    for (const [method, path] of [
      ['POST', '/restapis'],
      ['PATCH', `/restapis/${api.id}`],
      ['POST', '/restapis?mode=import'],
    ]) {
      const answer = await raw(sandbox.url, method, path, huge)
      expect(answer.status).toBe(413)
      expect(answer.errorType).toBe('RequestEntityTooLargeException')
      expect(answer.json).toEqual({message: expect.any(String)})
    }
    expect(await observable()).toEqual(before)
  })

  it('answers request targets fetch would never send with a 4xx', async () => {
    for (const line of ['GET http://[ HTTP/1.1', 'GET //restapis HTTP/1.1', 'GET * HTTP/1.1', 'GET /restapis/%E0%A4%A HTTP/1.1', 'OPTIONS * HTTP/1.1']) {
      const answer = await rawRequestLine(sandbox.port, line)
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1])
      expect({line, status}).toEqual({line, status: expect.any(Number)})
      expect(status >= 400 && status < 500 ? 'client error' : `${status}: ${answer}`).toBe('client error')
      expect(answer.toLowerCase()).toContain('x-amzn-errortype:')
    }
  })

  it('still answers correctly after the batch', async () => {
    const health = await raw(sandbox.url, 'GET', '/_sandbox/health')
    expect(health.json).toMatchObject({status: 'ok'})
    const read = await client.send(new GetRestApiCommand({restApiId: api.id}))
    expect(read).toMatchObject({id: api.id, name: 'robust', tags: {keep: 'me'}})
    const exported = await client.send(new GetExportCommand({restApiId: api.id, stageName: 'live', exportType: 'oas30', accepts: 'application/json'}))
    expect(JSON.parse(Buffer.from(exported.body!).toString('utf8')).paths).toHaveProperty('/items')
  })

  describe('state file persistence', () => {
    let directory: string
    beforeAll(() => {
      directory = mkdtempSync(join(tmpdir(), 'apigw-binfix-sdk-'))
    })
    afterAll(() => rmSync(directory, {recursive: true, force: true}))

    it('a new sandbox on the same state file has the API, its deployments and its stage', async () => {
      const stateFile = join(directory, 'nested', 'state.json')
      const first = await startTestSandbox({stateFile})
      let restApiId: string
      let expected: string
      try {
        const firstClient = sdkClient(first.url)
        restApiId = (await firstClient.send(new ImportRestApiCommand({body: Buffer.from(fixtureText('image-api.oas30.json'))}))).id!
        const deployment = await firstClient.send(new CreateDeploymentCommand({restApiId, stageName: 'v1', description: 'persisted'}))
        expect(deployment.$metadata.httpStatusCode).toBe(201)
        expected = JSON.stringify(await snapshotOf(firstClient, restApiId))
      } finally {
        await first.close()
      }

      const second = await startTestSandbox({stateFile})
      try {
        const secondClient = sdkClient(second.url)
        const restored = await snapshotOf(secondClient, restApiId)
        expect(JSON.stringify(restored)).toBe(expected)
        expect(restored.api).toMatchObject({name: 'ApiName', binaryMediaTypes: ['application/octet-stream', 'image/jpeg']})
        expect(restored.deployments).toEqual([expect.objectContaining({description: 'persisted'})])
        expect(restored.stage).toMatchObject({stageName: 'v1', deploymentId: restored.deployments[0].id})
        expect(restored.export).toMatchObject({'x-amazon-apigateway-binary-media-types': ['application/octet-stream', 'image/jpeg']})
      } finally {
        await second.close()
      }
    })

    it('a corrupted state file makes startSandbox reject with a message naming the file', async () => {
      const corrupt = join(directory, 'corrupt.json')
      writeFileSync(corrupt, '{"format": "apigw-binfix-sandbox-state", "apis": [')
      await expect(startSandbox({port: 0, stateFile: corrupt})).rejects.toThrow(corrupt)
      const foreign = join(directory, 'foreign.json')
      writeFileSync(foreign, JSON.stringify({some: 'other file'}))
      await expect(startSandbox({port: 0, stateFile: foreign})).rejects.toThrow(foreign)
    })
  })
})

async function snapshotOf(client: APIGatewayClient, restApiId: string) {
  const strip = <T extends {$metadata?: unknown}>({$metadata: _m, ...rest}: T) => rest
  const exported = await client.send(
    new GetExportCommand({restApiId, stageName: 'v1', exportType: 'swagger', parameters: {extensions: 'apigateway'}, accepts: 'application/json'}),
  )
  return {
    api: strip(await client.send(new GetRestApiCommand({restApiId}))),
    resources: strip(await client.send(new GetResourcesCommand({restApiId, embed: ['methods']}))),
    deployments: (await client.send(new GetDeploymentsCommand({restApiId}))).items!,
    stage: strip(await client.send(new GetStageCommand({restApiId, stageName: 'v1'}))),
    export: JSON.parse(Buffer.from(exported.body!).toString('utf8')) as Record<string, unknown>,
  }
}
