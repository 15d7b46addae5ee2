import {
  type APIGatewayClient,
  BadRequestException,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetExportCommand,
  type GetExportCommandInput,
  GetIntegrationCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetTagsCommand,
  ImportRestApiCommand,
  NotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-api-gateway'
import {parse as parseYaml} from 'yaml'

import type {Sandbox} from '../../../src/sandbox/server.js'
import {sdkClient, startTestSandbox} from '../../helpers/sandbox.js'
import {fixtureText} from './support.js'

type Doc = Record<string, unknown>

const VERSION = '2016-10-21T17:26:28Z'
const BINARY_TYPES = ['application/octet-stream', 'image/jpeg']

/** Every x-amazon-apigateway-integration in a document's operations. */
function integrationsOf(doc: Doc): Doc[] {
  return Object.values(doc.paths as Record<string, Record<string, Doc>>).flatMap((item) =>
    Object.values(item).flatMap((operation) => (operation['x-amazon-apigateway-integration'] ? [operation['x-amazon-apigateway-integration'] as Doc] : [])),
  )
}

describe('SDK over HTTP: GetExport and tags', () => {
  let sandbox: Sandbox
  let client: APIGatewayClient
  let restApiId: string
  beforeAll(async () => {
    sandbox = await startTestSandbox()
    client = sdkClient(sandbox.url)
    restApiId = (await client.send(new ImportRestApiCommand({body: Buffer.from(fixtureText('image-api.oas30.json'))}))).id!
    await client.send(new CreateDeploymentCommand({restApiId, stageName: 'v1'}))
  })
  afterAll(() => sandbox.close())

  const exportOf = async (input: Partial<GetExportCommandInput>) => {
    const answer = await client.send(new GetExportCommand({restApiId, stageName: 'v1', exportType: 'oas30', accepts: 'application/json', ...input}))
    const text = Buffer.from(answer.body!).toString('utf8')
    return {answer, text, doc: (input.accepts === 'application/yaml' ? parseYaml(text) : JSON.parse(text)) as Doc}
  }

  describe('GetExport', () => {
    it.each([
      ['oas30', 'json', 'application/json'],
      ['oas30', 'yaml', 'application/yaml'],
      ['swagger', 'json', 'application/json'],
      ['swagger', 'yaml', 'application/yaml'],
    ])('%s as %s: octet-stream body with a content-disposition naming type, version and extension', async (exportType, extension, accepts) => {
      const {answer, text, doc} = await exportOf({exportType, accepts})
      expect(answer.$metadata.httpStatusCode).toBe(200)
      expect(answer.contentType).toBe('application/octet-stream')
      expect(answer.contentDisposition).toBe(`attachment; filename="${exportType}_${VERSION}.${extension}"`)
      if (extension === 'yaml') expect(text.trimStart().startsWith('{')).toBe(false)
      if (exportType === 'oas30') {
        expect(doc.openapi).toBe('3.0.1')
        expect(doc.servers).toEqual([{url: `https://${restApiId}.execute-api.us-east-1.amazonaws.com/{basePath}`, variables: {basePath: {default: 'v1'}}}])
      } else {
        expect(doc.swagger).toBe('2.0')
        expect(doc.basePath).toBe('/v1')
        expect(doc.host).toBe(`${restApiId}.execute-api.us-east-1.amazonaws.com`)
      }
      expect(doc.info).toMatchObject({title: 'ApiName', version: VERSION})
      expect(Object.keys(doc.paths as Doc)).toEqual(['/lambda'])
    })

    it('the YAML export is the same document as the JSON export', async () => {
      for (const exportType of ['oas30', 'swagger']) {
        for (const extensions of [undefined, 'apigateway']) {
          const parameters = extensions ? {extensions} : undefined
          const json = await exportOf({exportType, parameters})
          const yaml = await exportOf({exportType, parameters, accepts: 'application/yaml'})
          expect(yaml.doc).toEqual(json.doc)
        }
      }
    })

    it.each(['oas30', 'swagger'])('%s without extensions has neither binary media types nor integrations', async (exportType) => {
      const {doc} = await exportOf({exportType})
      expect(doc).not.toHaveProperty('x-amazon-apigateway-binary-media-types')
      expect(integrationsOf(doc)).toEqual([])
    })

    it.each([
      ['oas30', 'apigateway'],
      ['oas30', 'integrations'],
      ['swagger', 'apigateway'],
      ['swagger', 'integrations'],
    ])('%s with extensions=%s has the binary media types and the integrations', async (exportType, extensions) => {
      const {doc} = await exportOf({exportType, parameters: {extensions}})
      expect(doc['x-amazon-apigateway-binary-media-types']).toEqual(BINARY_TYPES)
      const integrations = integrationsOf(doc)
      expect(integrations).toHaveLength(2)
      for (const integration of integrations) {
        expect(integration).toMatchObject({type: 'aws', httpMethod: 'POST', passthroughBehavior: 'when_no_match'})
      }
      const get = (doc.paths as Record<string, Record<string, Doc>>)['/lambda'].get['x-amazon-apigateway-integration'] as Doc
      expect(get.responses).toEqual({
        default: {statusCode: '500'},
        '2\\d{2}': {statusCode: '200', responseTemplates: {'application/json': '{\n   "image": "$input.body"\n}'}},
      })
    })

    it('takes a comma-separated extensions list', async () => {
      const {doc} = await exportOf({parameters: {extensions: 'postman,integrations'}})
      expect(doc['x-amazon-apigateway-binary-media-types']).toEqual(BINARY_TYPES)
    })

    it('a YAML export imported again gives back every mapping template byte for byte', async () => {
      const templates = [
        '#set($allParams = $input.params())\n{\n  "params" : {\n    #foreach($type in $allParams.keySet())\n      "$type" : "$util.escapeJavaScript($allParams.get($type))"\n    #end\n  }\n}\n',
        `{"long": "${'z'.repeat(120)}", "more": "words that a folded scalar would break across lines"}`,
        'a line of spaces follows\n   \nand a space ends this one \n',
        ' \n',
        '\tindented\r\nwith CR LF\n\n',
      ]
      const paths = Object.fromEntries(
        templates.map((template, index) => [
          `/t${index}`,
          {
            get: {
              responses: {'200': {description: 'ok'}},
              'x-amazon-apigateway-integration': {type: 'mock', requestTemplates: {'application/json': template}, responses: {default: {statusCode: '200', responseTemplates: {'text/html': template}}}},
            },
          },
        ]),
      )
      const source = await client.send(new ImportRestApiCommand({body: Buffer.from(JSON.stringify({openapi: '3.0.1', info: {title: 'templates', version: '1'}, paths}))}))
      await client.send(new CreateDeploymentCommand({restApiId: source.id!, stageName: 'v1'}))
      for (const exportType of ['oas30', 'swagger']) {
        const exported = await client.send(
          new GetExportCommand({restApiId: source.id!, stageName: 'v1', exportType, accepts: 'application/yaml', parameters: {extensions: 'apigateway'}}),
        )
        const copy = await client.send(new ImportRestApiCommand({body: exported.body!}))
        const {items = []} = await client.send(new GetResourcesCommand({restApiId: copy.id!}))
        const read = await Promise.all(
          templates.map(async (_template, index) => {
            const resourceId = items.find((resource) => resource.path === `/t${index}`)!.id!
            const integration = await client.send(new GetIntegrationCommand({restApiId: copy.id!, resourceId, httpMethod: 'GET'}))
            return [integration.requestTemplates?.['application/json'], integration.integrationResponses?.['200']?.responseTemplates?.['text/html']]
          }),
        )
        expect(read).toEqual(templates.map((template) => [template, template]))
      }
    })

    it('answers 404 for an unknown stage and an unknown API', async () => {
      await expect(exportOf({stageName: 'nosuch'})).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Stage identifier specified',
        $metadata: {httpStatusCode: 404},
      })
      await expect(exportOf({restApiId: 'nosuchapi1'})).rejects.toBeInstanceOf(NotFoundException)
    })

    it('answers 400 for an unknown export type', async () => {
      const error = await exportOf({exportType: 'raml'}).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(BadRequestException)
      expect(error).toMatchObject({$metadata: {httpStatusCode: 400}, message: expect.stringContaining('raml')})
    })
  })

  describe('tags', () => {
    const apiArn = () => `arn:aws:apigateway:us-east-1::/restapis/${restApiId}`
    const stageArn = () => `${apiArn()}/stages/v1`

    it('TagResource on a REST API answers 204; GetTags and GetRestApi show the tags', async () => {
      const tagged = await client.send(new TagResourceCommand({resourceArn: apiArn(), tags: {team: 'media', env: 'dev'}}))
      expect(tagged.$metadata.httpStatusCode).toBe(204)
      expect((await client.send(new GetTagsCommand({resourceArn: apiArn()}))).tags).toEqual({team: 'media', env: 'dev'})
      expect((await client.send(new GetRestApiCommand({restApiId}))).tags).toEqual({team: 'media', env: 'dev'})
      await client.send(new TagResourceCommand({resourceArn: apiArn(), tags: {env: 'prod'}}))
      expect((await client.send(new GetTagsCommand({resourceArn: apiArn()}))).tags).toEqual({team: 'media', env: 'prod'})
    })

    it('UntagResource answers 204 and removes only the named keys', async () => {
      await client.send(new TagResourceCommand({resourceArn: apiArn(), tags: {a: '1', b: '2', c: '3'}}))
      const untagged = await client.send(new UntagResourceCommand({resourceArn: apiArn(), tagKeys: ['a', 'b', 'absent']}))
      expect(untagged.$metadata.httpStatusCode).toBe(204)
      const tags = (await client.send(new GetTagsCommand({resourceArn: apiArn()}))).tags
      expect(tags).toMatchObject({c: '3'})
      expect(tags).not.toHaveProperty('a')
      expect(tags).not.toHaveProperty('b')
    })

    it('tags a stage separately from its API', async () => {
      expect((await client.send(new GetTagsCommand({resourceArn: stageArn()}))).tags).toEqual({})
      const tagged = await client.send(new TagResourceCommand({resourceArn: stageArn(), tags: {stage: 'yes'}}))
      expect(tagged.$metadata.httpStatusCode).toBe(204)
      expect((await client.send(new GetTagsCommand({resourceArn: stageArn()}))).tags).toEqual({stage: 'yes'})
      expect((await client.send(new GetStageCommand({restApiId, stageName: 'v1'}))).tags).toEqual({stage: 'yes'})
      expect((await client.send(new GetTagsCommand({resourceArn: apiArn()}))).tags).not.toHaveProperty('stage')
      await client.send(new UntagResourceCommand({resourceArn: stageArn(), tagKeys: ['stage']}))
      expect((await client.send(new GetStageCommand({restApiId, stageName: 'v1'}))).tags).toBeUndefined()
    })

    it.each(['aws:owner', 'AWS:owner', 'Aws:cloudformation:stack-name'])('refuses to add or remove the reserved key %s with a 400, changing nothing', async (key) => {
      await client.send(new TagResourceCommand({resourceArn: apiArn(), tags: {kept: 'yes'}}))
      const before = (await client.send(new GetTagsCommand({resourceArn: apiArn()}))).tags
      const reserved = {name: 'BadRequestException', message: "Invalid tag key. Tag keys cannot start with 'aws:' (case insensitive)", $metadata: {httpStatusCode: 400}}
      await expect(client.send(new TagResourceCommand({resourceArn: apiArn(), tags: {other: 'x', [key]: 'me'}}))).rejects.toMatchObject(reserved)
      await expect(client.send(new UntagResourceCommand({resourceArn: apiArn(), tagKeys: ['kept', key]}))).rejects.toMatchObject(reserved)
      await expect(client.send(new UntagResourceCommand({resourceArn: stageArn(), tagKeys: [key]}))).rejects.toMatchObject(reserved)
      expect((await client.send(new GetTagsCommand({resourceArn: apiArn()}))).tags).toEqual(before)
    })

    it('refuses reserved keys on CreateRestApi and CreateStage too, creating nothing', async () => {
      const reserved = {name: 'BadRequestException', message: "Invalid tag key. Tag keys cannot start with 'aws:' (case insensitive)", $metadata: {httpStatusCode: 400}}
      await expect(client.send(new CreateRestApiCommand({name: 'reserved-tags', tags: {'aws:cloudformation:stack-name': 'mine'}}))).rejects.toMatchObject(reserved)
      expect((await client.send(new GetRestApisCommand({limit: 500}))).items?.map((api) => api.name)).not.toContain('reserved-tags')
      const {id: deploymentId} = await client.send(new CreateDeploymentCommand({restApiId}))
      await expect(client.send(new CreateStageCommand({restApiId, stageName: 'reserved', deploymentId, tags: {'AWS:team': 'x'}}))).rejects.toMatchObject(reserved)
      await expect(client.send(new GetStageCommand({restApiId, stageName: 'reserved'}))).rejects.toMatchObject({name: 'NotFoundException'})
    })

    it.each(['not-an-arn', 'arn:aws:s3:::bucket', 'arn:aws:apigateway:eu-west-1::/restapis/abc'])('refuses the ARN %s with a 400', async (resourceArn) => {
      await expect(client.send(new GetTagsCommand({resourceArn}))).rejects.toMatchObject({name: 'BadRequestException', $metadata: {httpStatusCode: 400}})
      await expect(client.send(new TagResourceCommand({resourceArn, tags: {a: 'b'}}))).rejects.toBeInstanceOf(BadRequestException)
    })

    it('answers 404 for an ARN naming an unknown API or stage', async () => {
      await expect(client.send(new GetTagsCommand({resourceArn: 'arn:aws:apigateway:us-east-1::/restapis/nosuchapi1'}))).rejects.toBeInstanceOf(
        NotFoundException,
      )
      await expect(client.send(new TagResourceCommand({resourceArn: `${apiArn()}/stages/nosuch`, tags: {a: 'b'}}))).rejects.toMatchObject({
        name: 'NotFoundException',
        message: 'Invalid Stage identifier specified',
      })
    })
  })
})
