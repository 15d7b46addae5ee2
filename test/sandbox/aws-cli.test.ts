import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {parse as parseYaml} from 'yaml'

import type {Sandbox} from '../../src/sandbox/server.js'
import {awsApigateway, awsApigatewayJson, awsCliVersion} from '../helpers/external/aws-cli.js'
import {fetchCallLog, startTestSandbox} from '../helpers/sandbox.js'

// The preinstalled AWS CLI (Python botocore: serializers and parsers independent of the JS SDK) drives the
// sandbox through the image API's binary fix, one CLI process per step, run one after another.

const fixture = fileURLToPath(new URL('../../fixtures/apis/image-api.oas30.json', import.meta.url))

const cli = await awsCliVersion()
const maybe = 'version' in cli ? describe : describe.skip
if ('missing' in cli) console.warn(`SKIPPED test/sandbox/aws-cli.test.ts: the AWS CLI is not available (${cli.missing})`)

interface RestApiOut {
  id: string
  name: string
  binaryMediaTypes?: string[]
}
interface IntegrationResponseOut {
  statusCode: string
  selectionPattern?: string
  responseTemplates?: Record<string, string>
  contentHandling?: string
}
interface IntegrationOut {
  type: string
  httpMethod?: string
  contentHandling?: string
  integrationResponses?: Record<string, IntegrationResponseOut>
}
interface ResourceOut {
  id: string
  path: string
  resourceMethods?: Record<string, {httpMethod: string; methodIntegration?: IntegrationOut}>
}
interface ExportOut {
  contentType: string
  contentDisposition: string
}
type Document = Record<string, any>

const IMPORTED_TYPES = ['application/octet-stream', 'image/jpeg']
const PATCHED_TYPES = [...IMPORTED_TYPES, 'image/png']

maybe('the AWS CLI against the sandbox', () => {
  let sandbox: Sandbox
  let outDir: string
  let apiId: string
  let lambdaId: string
  let firstDeploymentId: string
  let exportedJson: Document

  const aws = <T>(...args: string[]) => awsApigatewayJson<T>(sandbox.url, args)
  const lambdaMethod = (httpMethod: string) => ['--rest-api-id', apiId, '--resource-id', lambdaId, '--http-method', httpMethod]

  beforeAll(async () => {
    console.info(`AWS CLI: ${'version' in cli ? cli.version : ''}`)
    sandbox = await startTestSandbox()
    outDir = mkdtempSync(join(tmpdir(), 'apigw-binfix-aws-cli-'))
  })
  afterAll(async () => {
    await sandbox?.close()
    if (outDir) rmSync(outDir, {recursive: true, force: true})
  })

  it('import-rest-api creates the image API with its binary media types', async () => {
    const api = await aws<RestApiOut>('import-rest-api', '--body', `fileb://${fixture}`)
    expect(api.name).toBe('ApiName')
    expect(api.binaryMediaTypes).toEqual(IMPORTED_TYPES)
    apiId = api.id
  })

  it('update-rest-api adds image/png through the escaped patch path, without a value', async () => {
    const api = await aws<RestApiOut>('update-rest-api', '--rest-api-id', apiId, '--patch-operations', 'op=add,path=/binaryMediaTypes/image~1png')
    expect(api.binaryMediaTypes).toEqual(PATCHED_TYPES)
  })

  it('get-resources --embed methods returns each method with its integration and contentHandling', async () => {
    const {items} = await aws<{items: ResourceOut[]}>('get-resources', '--rest-api-id', apiId, '--embed', 'methods')
    expect(items.map((resource) => resource.path).sort()).toEqual(['/', '/lambda'])
    const lambda = items.find((resource) => resource.path === '/lambda')!
    lambdaId = lambda.id
    const methods = lambda.resourceMethods!
    expect(Object.keys(methods).sort()).toEqual(['GET', 'PUT'])
    for (const method of Object.values(methods)) expect(method.methodIntegration).toMatchObject({type: 'AWS', httpMethod: 'POST'})
    expect(methods.PUT.methodIntegration!.contentHandling).toBe('CONVERT_TO_TEXT')
    expect(methods.GET.methodIntegration).not.toHaveProperty('contentHandling')
    expect(methods.GET.methodIntegration!.integrationResponses!['200']).toMatchObject({statusCode: '200', selectionPattern: '2\\d{2}'})
  })

  it('update-integration and update-integration-response set contentHandling, and value="" unsets it', async () => {
    const integration = await aws<IntegrationOut>(
      'update-integration', ...lambdaMethod('PUT'), '--patch-operations', 'op=replace,path=/contentHandling,value=CONVERT_TO_BINARY',
    )
    expect(integration.contentHandling).toBe('CONVERT_TO_BINARY')
    expect(integration.type).toBe('AWS')

    const responseArgs = [...lambdaMethod('GET'), '--status-code', '200', '--patch-operations']
    const set = await aws<IntegrationResponseOut>('update-integration-response', ...responseArgs, 'op=replace,path=/contentHandling,value=CONVERT_TO_BINARY')
    expect(set).toMatchObject({statusCode: '200', selectionPattern: '2\\d{2}', contentHandling: 'CONVERT_TO_BINARY'})
    // No shell here: the CLI's shorthand parser itself reads '' as the empty string (what Terraform sends to unset).
    const unset = await aws<IntegrationResponseOut>('update-integration-response', ...responseArgs, "op=replace,path=/contentHandling,value=''")
    expect(unset).not.toHaveProperty('contentHandling')
    expect(unset.responseTemplates).toEqual(set.responseTemplates)
    expect(unset.selectionPattern).toBe('2\\d{2}')
  })

  it('create-deployment, then get-export (JSON) writes the deployed binary types and contentHandling', async () => {
    const deployment = await aws<{id: string}>('create-deployment', '--rest-api-id', apiId, '--stage-name', 'v1')
    expect(deployment.id).toMatch(/^[a-z0-9]+$/)
    firstDeploymentId = deployment.id

    const file = join(outDir, 'export.json')
    const meta = await aws<ExportOut>(
      'get-export', '--rest-api-id', apiId, '--stage-name', 'v1', '--export-type', 'oas30',
      '--parameters', 'extensions=apigateway', '--accepts', 'application/json', file,
    )
    expect(meta.contentType).toBe('application/octet-stream')
    expect(meta.contentDisposition).toMatch(/^attachment; filename="oas30_.+\.json"$/)
    exportedJson = JSON.parse(readFileSync(file, 'utf8')) as Document
    expect(exportedJson.openapi).toBe('3.0.1')
    expect(exportedJson['x-amazon-apigateway-binary-media-types']).toEqual(PATCHED_TYPES)
    const lambda = exportedJson.paths['/lambda']
    expect(lambda.put['x-amazon-apigateway-integration'].contentHandling).toBe('CONVERT_TO_BINARY')
    const getResponses = lambda.get['x-amazon-apigateway-integration'].responses
    expect(getResponses['2\\d{2}']).toMatchObject({statusCode: '200'})
    expect(getResponses['2\\d{2}']).not.toHaveProperty('contentHandling')
  })

  it('get-export --accepts application/yaml writes the same document as YAML', async () => {
    const file = join(outDir, 'export.yaml')
    const meta = await aws<ExportOut>(
      'get-export', '--rest-api-id', apiId, '--stage-name', 'v1', '--export-type', 'oas30',
      '--parameters', 'extensions=apigateway', '--accepts', 'application/yaml', file,
    )
    expect(meta.contentDisposition).toMatch(/^attachment; filename="oas30_.+\.yaml"$/)
    const text = readFileSync(file, 'utf8')
    expect(text.trimStart().startsWith('{')).toBe(false)
    const document = parseYaml(text) as Document
    expect(document['x-amazon-apigateway-binary-media-types']).toEqual(PATCHED_TYPES)
    expect(document).toEqual(exportedJson)
  })

  it('update-stage points v1 back at the first deployment and get-stage shows it', async () => {
    const second = await aws<{id: string}>('create-deployment', '--rest-api-id', apiId, '--stage-name', 'v1')
    expect(second.id).not.toBe(firstDeploymentId)
    const before = await aws<{deploymentId: string}>('get-stage', '--rest-api-id', apiId, '--stage-name', 'v1')
    expect(before.deploymentId).toBe(second.id)

    const updated = await aws<{deploymentId: string}>(
      'update-stage', '--rest-api-id', apiId, '--stage-name', 'v1', '--patch-operations', `op=replace,path=/deploymentId,value=${firstDeploymentId}`,
    )
    expect(updated.deploymentId).toBe(firstDeploymentId)
    const stage = await aws<{deploymentId: string; stageName: string}>('get-stage', '--rest-api-id', apiId, '--stage-name', 'v1')
    expect(stage).toMatchObject({stageName: 'v1', deploymentId: firstDeploymentId})
  })

  it('fails with NotFoundException for a missing API and BadRequestException for a bad patch path', async () => {
    const missing = await awsApigateway(sandbox.url, ['get-rest-api', '--rest-api-id', 'missing000'])
    // CLI v1 exits 255 on a service error, v2 254.
    expect([254, 255]).toContain(missing.exitCode)
    expect(missing.stderr).toContain('NotFoundException')
    expect(missing.stdout).toBe('')

    const badPath = await awsApigateway(sandbox.url, ['update-rest-api', '--rest-api-id', apiId, '--patch-operations', 'op=add,path=/binaryMediaTypes'])
    expect([254, 255]).toContain(badPath.exitCode)
    expect(badPath.stderr).toContain('BadRequestException')
    expect(badPath.stderr).toContain('Invalid patch path /binaryMediaTypes')
  })

  it('the sandbox call log lists exactly the operations the CLI called, with their statuses', async () => {
    const log = await fetchCallLog(sandbox.url)
    expect(log.map((call) => `${call.operation} ${call.status}`)).toEqual([
      'ImportRestApi 201',
      'UpdateRestApi 200',
      'GetResources 200',
      'UpdateIntegration 200',
      'UpdateIntegrationResponse 200',
      'UpdateIntegrationResponse 200',
      'CreateDeployment 201',
      'GetExport 200',
      'GetExport 200',
      'CreateDeployment 201',
      'GetStage 200',
      'UpdateStage 200',
      'GetStage 200',
      'GetRestApi 404',
      'UpdateRestApi 400',
    ])
    expect(log.filter((call) => call.mutating).map((call) => call.operation)).not.toContain('GetExport')
  })
})
