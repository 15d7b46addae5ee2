// Resolving `<api>`/`api:`, --stack/--logical-id and the stage against the sandbox, through the real SDK readers.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {jest} from '@jest/globals'
import {CreateDeploymentCommand, CreateRestApiCommand, DeleteRestApiCommand, ImportRestApiCommand} from '@aws-sdk/client-api-gateway'

import {type AwsApiGatewayReader, type AwsCloudFormationReader, createApiGatewayReader, createCloudFormationReader} from '../../src/aws/clients.js'
import {AwsCallError, UsageError} from '../../src/core/errors.js'
import {parseDefinitionDocument} from '../../src/sandbox/openapi/import.js'
import type {Sandbox} from '../../src/sandbox/server.js'
import {setUpSandbox} from '../../src/sandbox/setup.js'
import {resolveApi, resolveStage} from '../../src/services/target.js'
import {fetchCallLog, sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

let savedEnv: NodeJS.ProcessEnv
let sandbox: Sandbox
let reader: AwsApiGatewayReader
const ids: Record<string, string> = {}

async function operations(): Promise<string[]> {
  const log = (await fetchCallLog(sandbox.url)).map((call) => call.operation)
  await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})
  return log
}

async function usageError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  )
  expect(error).toBeInstanceOf(UsageError)
  expect((error as UsageError).oclif.exit).toBe(2)
  expect((error as UsageError).message).not.toContain('\n')
  return (error as UsageError).message
}

beforeAll(async () => {
  savedEnv = {...process.env}
  for (const [key, value] of Object.entries(sandboxCliEnv())) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  sandbox = await startTestSandbox()
  // 510 filler APIs first, so name lookups need the second page of GetRestApis.
  const filler = parseDefinitionDocument(JSON.stringify({openapi: '3.0.1', info: {title: 'filler', version: '1'}, paths: {}}))
  for (let index = 0; index < 510; index++) sandbox.store.importApi(filler)
  const client = sdkClient(sandbox.url)
  const imageApi = JSON.parse(readFileSync(new URL('../../fixtures/apis/image-api.oas30.json', import.meta.url), 'utf8')) as {info: {title: string}}
  imageApi.info.title = 'images'
  ids.images = (await client.send(new ImportRestApiCommand({body: Buffer.from(JSON.stringify(imageApi))}))).id!
  await client.send(new CreateDeploymentCommand({restApiId: ids.images, stageName: 'v1'}))
  for (const [key, name] of [
    ['twinA', 'twin'],
    ['twinB', 'twin'],
    ['idLike', 'abcdefghij'],
  ]) {
    ids[key] = (await client.send(new CreateRestApiCommand({name}))).id!
  }
  client.destroy()
  reader = await createApiGatewayReader({endpointUrl: sandbox.url})
  await operations()
})

afterAll(async () => {
  reader?.close()
  await sandbox?.close()
  process.env = savedEnv
})

describe('resolveApi', () => {
  it('an id: one GetRestApi', async () => {
    await expect(resolveApi(reader, {api: ids.images})).resolves.toMatchObject({id: ids.images, name: 'images'})
    expect(await operations()).toEqual(['GetRestApi'])
  })

  it('a name: every page of GetRestApis, exact match only', async () => {
    await expect(resolveApi(reader, {api: 'images'})).resolves.toMatchObject({id: ids.images, name: 'images'})
    expect(await operations()).toEqual(['GetRestApis', 'GetRestApis'])
    expect(await usageError(resolveApi(reader, {api: 'Images'}))).toBe(`No REST API "Images" in us-east-1; did you mean images (${ids.images})?`)
    await operations()
  })

  it('a name that looks like an id: GetRestApi is not found, the name lookup finds it', async () => {
    await expect(resolveApi(reader, {api: 'abcdefghij'})).resolves.toMatchObject({id: ids.idLike, name: 'abcdefghij'})
    expect(await operations()).toEqual(['GetRestApi', 'GetRestApis', 'GetRestApis'])
  })

  it('a name close to an existing one: suggests it as name (id), from the pages the lookup read', async () => {
    expect(await usageError(resolveApi(reader, {api: 'image'}))).toBe(`No REST API "image" in us-east-1; did you mean images (${ids.images})?`)
    expect(await operations()).toEqual(['GetRestApis', 'GetRestApis'])
  })

  it('an id one character off: suggests the API of the nearest id, with no call beyond the lookup', async () => {
    const typo = `${ids.images.slice(0, -1)}${ids.images.endsWith('z') ? 'y' : 'z'}`
    expect(await usageError(resolveApi(reader, {api: typo}))).toBe(`No REST API "${typo}" in us-east-1; did you mean images (${ids.images})?`)
    expect(await operations()).toEqual(['GetRestApi', 'GetRestApis', 'GetRestApis'])
  })

  it('an unknown id or name: UsageError, exit 2, one line naming it and the Region', async () => {
    expect(await usageError(resolveApi(reader, {api: 'zzzzzzzzzz'}))).toBe('No REST API "zzzzzzzzzz" in us-east-1')
    expect(await usageError(resolveApi(reader, {specApi: 'gone', specFile: 'binfix.yaml'}))).toBe('No REST API "gone" in us-east-1 (api: in binfix.yaml)')
    await operations()
  })

  it('a name several APIs share: UsageError listing every candidate as id (name)', async () => {
    const message = await usageError(resolveApi(reader, {api: 'twin'}))
    // In GetRestApis order, which is creation order in the sandbox.
    expect(message).toBe(`2 REST APIs are named "twin" in us-east-1: ${ids.twinA} (twin), ${ids.twinB} (twin); pass the id instead`)
    await operations()
  })

  it('the argument wins over api: of binfix.yaml, which is used without one', async () => {
    await expect(resolveApi(reader, {api: ids.images, specApi: 'twin', specFile: 'binfix.yaml'})).resolves.toMatchObject({id: ids.images})
    await expect(resolveApi(reader, {specApi: 'images', specFile: 'binfix.yaml'})).resolves.toMatchObject({id: ids.images})
    await operations()
  })

  it('a spec whose api: names another API than the command line is refused when it judges the API, unless reused', async () => {
    const message = await usageError(resolveApi(reader, {api: ids.idLike, specApi: 'images', specFile: 'binfix.yaml', judgedBySpec: true}))
    expect(message).toBe(`binfix.yaml is written for REST API images (api:), but <api> ${ids.idLike} is ${ids.idLike} (abcdefghij): pass the spec written for it with --spec, or --reuse-spec if binfix.yaml is meant for this API too`)
    // The same API by id or by name is no conflict; nor is a spec that only supplies defaults.
    await expect(resolveApi(reader, {api: ids.images, specApi: 'images', judgedBySpec: true})).resolves.toMatchObject({id: ids.images})
    await expect(resolveApi(reader, {api: 'images', specApi: ids.images, judgedBySpec: true})).resolves.toMatchObject({id: ids.images})
    await expect(resolveApi(reader, {api: ids.idLike, specApi: 'images', judgedBySpec: true, reuseSpec: true})).resolves.toMatchObject({id: ids.idLike})
    await expect(resolveApi(reader, {api: ids.idLike, specApi: 'images'})).resolves.toMatchObject({id: ids.idLike})
    await operations()
  })

  it('neither: UsageError saying what to pass, and no call', async () => {
    expect(await usageError(resolveApi(reader, {}))).toBe('No REST API given: pass <api> (an id or a name) or set api: in binfix.yaml')
    expect(await operations()).toEqual([])
  })

  it('AWS failures other than not-found are not turned into usage errors', async () => {
    const unreachable = await createApiGatewayReader({endpointUrl: 'http://127.0.0.1:9'})
    try {
      await expect(resolveApi(unreachable, {api: ids.images})).rejects.toMatchObject({kind: 'network'})
      await expect(resolveApi(unreachable, {api: ids.images})).rejects.toBeInstanceOf(AwsCallError)
    } finally {
      unreachable.close()
    }
  })
})

describe('resolveStage', () => {
  it('a deployed stage: its deployment', async () => {
    await expect(resolveStage(reader, ids.images, 'v1')).resolves.toEqual({stageName: 'v1', deploymentId: expect.stringMatching(/^[a-z0-9]+$/)})
    expect(await operations()).toEqual(['GetStage'])
  })

  it('an unknown stage: UsageError, exit 2, one line naming the stage and the API', async () => {
    expect(await usageError(resolveStage(reader, ids.images, 'prod'))).toBe(`No stage "prod" in REST API ${ids.images} (us-east-1)`)
    // The stages are listed only now, on the way out, for a suggestion.
    expect(await operations()).toEqual(['GetStage', 'GetStages'])
  })

  it('an unknown stage close to one the API has: names that one', async () => {
    expect(await usageError(resolveStage(reader, ids.images, 'v2'))).toBe(`No stage "v2" in REST API ${ids.images} (us-east-1); did you mean v1?`)
    expect(await usageError(resolveStage(reader, ids.images, 'V1'))).toBe(`No stage "V1" in REST API ${ids.images} (us-east-1); did you mean v1?`)
    await operations()
  })

  it('the suggestion is left out when the stages cannot be listed', async () => {
    const listing = jest.spyOn(reader, 'getStages').mockRejectedValueOnce(new AwsCallError('access-denied', 'GetStages: not allowed'))
    try {
      expect(await usageError(resolveStage(reader, ids.images, 'v2'))).toBe(`No stage "v2" in REST API ${ids.images} (us-east-1)`)
    } finally {
      listing.mockRestore()
    }
    await operations()
  })
})

describe('resolveApi with --stack', () => {
  let cloudFormation: AwsCloudFormationReader
  let scratch: string

  beforeAll(async () => {
    // A stack that deploys two REST APIs (the twins) besides a function.
    scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-target-'))
    const template = {
      Resources: {
        PublicApi: {Type: 'AWS::ApiGateway::RestApi', Properties: {Name: 'twin'}},
        AdminApi: {Type: 'AWS::ApiGateway::RestApi', Properties: {Name: 'twin'}},
        Queue: {Type: 'AWS::SQS::Queue'},
      },
    }
    writeFileSync(join(scratch, 'template.json'), JSON.stringify(template))
    writeFileSync(join(scratch, 'stack.yaml'), `stackName: twins\ntemplate: template.json\nrestApis:\n  PublicApi: ${ids.twinA}\n  AdminApi: ${ids.twinB}\n`)
    setUpSandbox(sandbox, {stacks: [join(scratch, 'stack.yaml')]})
    cloudFormation = await createCloudFormationReader({endpointUrl: sandbox.url})
    await operations()
  })

  afterAll(() => {
    cloudFormation?.close()
    rmSync(scratch, {recursive: true, force: true})
  })

  it('several REST APIs need --logical-id: the candidates are listed, with their ids', async () => {
    expect(await usageError(resolveApi(reader, {stack: {name: 'twins'}}, cloudFormation))).toBe(
      `--stack twins: the stack deploys 2 REST APIs: AdminApi (${ids.twinB}), PublicApi (${ids.twinA}); pass --logical-id`,
    )
    expect(await operations()).toEqual(['ListStackResources'])
  })

  it('--logical-id picks one: ListStackResources, then one GetRestApi by its physical id', async () => {
    await expect(resolveApi(reader, {stack: {name: 'twins', logicalId: 'AdminApi'}}, cloudFormation)).resolves.toMatchObject({id: ids.twinB})
    expect(await operations()).toEqual(['ListStackResources', 'GetRestApi'])
  })

  it('wins over api: of the spec, which names another API', async () => {
    await expect(resolveApi(reader, {stack: {name: 'twins', logicalId: 'PublicApi'}, specApi: 'images', specFile: 'binfix.yaml'}, cloudFormation)).resolves.toMatchObject({id: ids.twinA})
    await operations()
  })

  it('stack: of the spec names the API when the command line does not', async () => {
    await expect(resolveApi(reader, {specStack: {name: 'twins', logicalId: 'AdminApi'}, specFile: 'binfix.yaml'}, cloudFormation)).resolves.toMatchObject({id: ids.twinB})
    expect(await operations()).toEqual(['ListStackResources', 'GetRestApi'])
  })

  it('a spec whose stack: deploys another API than the command names is refused when it judges the API, unless reused', async () => {
    const spec = {specStack: {name: 'twins', logicalId: 'AdminApi'}, specFile: 'binfix.yaml', judgedBySpec: true}
    await expect(resolveApi(reader, {...spec, stack: {name: 'twins', logicalId: 'AdminApi'}}, cloudFormation)).resolves.toMatchObject({id: ids.twinB})
    expect(await usageError(resolveApi(reader, {...spec, stack: {name: 'twins', logicalId: 'PublicApi'}}, cloudFormation))).toBe(
      `binfix.yaml is written for the REST API of stack twins (AdminApi) (stack:), but --stack twins is ${ids.twinA} (twin), deployed by stack twins (PublicApi): pass the spec written for it with --spec, or --reuse-spec if binfix.yaml is meant for this API too`,
    )
    expect(await usageError(resolveApi(reader, {...spec, api: ids.images}, cloudFormation))).toContain(`but <api> ${ids.images} is ${ids.images} (images), deployed by no stack`)
    await expect(resolveApi(reader, {...spec, api: ids.images, reuseSpec: true}, cloudFormation)).resolves.toMatchObject({id: ids.images})
    await operations()
  })

  it('a stack whose REST API was deleted outside it is named as such', async () => {
    const client = sdkClient(sandbox.url)
    const doomed = (await client.send(new CreateRestApiCommand({name: 'doomed'}))).id!
    writeFileSync(join(scratch, 'template-doomed.json'), JSON.stringify({Resources: {Api: {Type: 'AWS::ApiGateway::RestApi', Properties: {Name: 'doomed'}}}}))
    writeFileSync(join(scratch, 'doomed.yaml'), `stackName: doomed\ntemplate: template-doomed.json\nrestApis:\n  Api: ${doomed}\n`)
    setUpSandbox(sandbox, {stacks: [join(scratch, 'doomed.yaml')]})
    await client.send(new DeleteRestApiCommand({restApiId: doomed}))
    client.destroy()
    expect(await usageError(resolveApi(reader, {stack: {name: 'doomed'}}, cloudFormation))).toBe(
      `--stack doomed: its REST API Api (${doomed}) does not exist in us-east-1; was it deleted outside the stack?`,
    )
    await operations()
  })
})
