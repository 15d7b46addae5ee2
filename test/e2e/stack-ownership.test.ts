// APIs that stacks deploy, end to end through the real SDKs over HTTP: a Serverless Framework stack owning
// the thumbnail service and a SAM stack owning the image API. Each is named by its stack (--stack), its
// owner and template facts are found, CloudFormation's drift is shown before and after a live fix, apply
// in a pipeline is refused without --allow-drift (before any write), and iac follows the owner.
import {parse as parseYaml} from 'yaml'

import {UsageError} from '../../src/core/errors.js'
import {ExitCode} from '../../src/core/exit-codes.js'
import type {Sandbox} from '../../src/sandbox/server.js'
import {type AuditReport, type AuditRequest, auditApi} from '../../src/services/audit-service.js'
import {type IacRequest, iacForApi} from '../../src/services/iac-service.js'
import {runCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sandboxCliEnv} from '../helpers/sandbox.js'
import {imageSandbox, thumbnailSandbox} from '../sandbox/cloudformation/support.js'
import {CONNECTION, apply, useScratchHistory} from './apply-support.js'
import {useTestCredentials} from './audit-support.js'
import {specPath} from './verify-support.js'

let restoreEnvironment: () => void
beforeAll(() => {
  restoreEnvironment = useTestCredentials()
})
afterAll(() => restoreEnvironment())

// The sandbox finishes a drift detection after 300 ms; polling starts sooner so tests do not wait long.
const FAST_POLLING = {driftPolling: {firstDelayMs: 50, maxDelayMs: 200}}

function audit(endpoint: string, request: Partial<AuditRequest>): Promise<AuditReport> {
  return auditApi({cwd: process.cwd(), connection: {...CONNECTION, endpointUrl: endpoint}, ...request}, FAST_POLLING)
}

function iac(endpoint: string, request: Partial<IacRequest>) {
  return iacForApi({cwd: process.cwd(), connection: {...CONNECTION, endpointUrl: endpoint}, ...request})
}

async function mutatingCallsSince(endpoint: string, since: number) {
  return (await fetchCallLog(endpoint)).slice(since).filter((call) => call.mutating)
}

async function callCount(endpoint: string): Promise<number> {
  return (await fetchCallLog(endpoint)).length
}

/** What the audit's predictions say, by the change they are about. */
function outcomes(report: AuditReport): Record<string, string> {
  return Object.fromEntries(
    (report.ownership?.predictions ?? []).map(({change, outcome}) => [
      change.setting === 'binaryMediaType' ? `binaryMediaTypes ${change.mediaType}` : `${change.httpMethod} ${change.resourcePath}${change.setting === 'integrationResponse' ? ` ${change.statusCode}` : ''}`,
      outcome,
    ]),
  )
}

function drifted(report: AuditReport) {
  return (report.cfnDrift?.resources ?? []).filter((resource) => resource.driftStatus === 'MODIFIED')
}

/** A pipeline's apply: no terminal, --yes, no --allow-drift. */
async function pipelineApply(endpoint: string, historyDir: string, args: readonly string[]) {
  const run = await runCli(['apply', ...args, '--yes', '--history', historyDir, '--endpoint-url', endpoint], 30_000, {env: sandboxCliEnv()})
  return {...run, errors: withoutDevModeNoise(run.stderr).filter((line) => line.startsWith('Error'))}
}

describe('a Serverless Framework stack owning the thumbnail service', () => {
  const STACK = {name: 'thumbnail-service-dev'}
  const SPEC = specPath('thumbnail-service.binfix.yaml')
  const history = useScratchHistory()
  let sandbox: Sandbox
  let apiId: string

  beforeAll(async () => {
    ;({sandbox, apiId} = await thumbnailSandbox())
  })
  afterAll(() => sandbox.close())

  it('audit --stack names the owner, reads the template, predicts the next deploy and shows the drift, writing nothing', async () => {
    const since = await callCount(sandbox.url)
    const report = await audit(sandbox.url, {stack: STACK, specFile: SPEC, stage: 'dev', cfnDrift: true})

    expect(report.api.id).toBe(apiId)
    expect(report.ownership?.owner).toMatchObject({kind: 'serverless', stackName: 'thumbnail-service-dev', logicalId: 'ApiGatewayRestApi'})
    const declared = report.ownership!.declared!
    expect(declared.binaryMediaTypes.declarations).toEqual([])
    expect(declared.routes.find((route) => route.httpMethod === 'OPTIONS' && route.resourcePath === '/upload')).toMatchObject({
      source: 'method-resource',
      logicalId: 'ApiGatewayMethodUploadOptions',
      integration: {state: 'declared', value: 'CONVERT_TO_TEXT'},
      responses: {'200': {state: 'absent'}},
    })
    // Serverless declares CONVERT_TO_TEXT on its preflights' integrations but cannot on their responses.
    expect(outcomes(report)).toEqual({
      'binaryMediaTypes */*': 'kept',
      'OPTIONS /upload': 'kept',
      'OPTIONS /thumbnails/{key}': 'kept',
      'OPTIONS /upload 200': 'unknown',
      'OPTIONS /thumbnails/{key} 200': 'unknown',
    })
    // The live API lacks what the template declares on both preflights: CloudFormation reports it.
    expect(report.cfnDrift).toMatchObject({outcome: 'complete', stackDriftStatus: 'DRIFTED'})
    expect(drifted(report).map(({logicalResourceId, route, differences}) => ({logicalResourceId, route, paths: differences.map((difference) => difference.propertyPath)}))).toEqual(
      expect.arrayContaining([
        {logicalResourceId: 'ApiGatewayMethodUploadOptions', route: {httpMethod: 'OPTIONS', resourcePath: '/upload'}, paths: ['/Integration/ContentHandling']},
        {logicalResourceId: 'ApiGatewayMethodThumbnailsKeyVarOptions', route: {httpMethod: 'OPTIONS', resourcePath: '/thumbnails/{key}'}, paths: ['/Integration/ContentHandling']},
      ]),
    )
    expect(drifted(report)).toHaveLength(2)
    expect(report.inSync).toBe(false)
    expect(await mutatingCallsSince(sandbox.url, since)).toEqual([])
  })

  it('the audit report puts the template, the predictions and the drift with the route they are about', async () => {
    const run = await runCli(['audit', '--stack', STACK.name, '--stage', 'dev', '--spec', SPEC, '--cfn-drift', '--endpoint-url', sandbox.url], 30_000, {env: sandboxCliEnv()})
    expect(run.code).toBe(ExitCode.findings)
    expect(run.stdout).toContain('Owner: Serverless Framework stack thumbnail-service-dev (REST API ApiGatewayRestApi)')
    expect(run.stdout).toContain('  template: BinaryMediaTypes not declared')
    const upload = run.stdout.slice(run.stdout.indexOf('\nOPTIONS /upload\n'))
    const group = upload.slice(0, upload.indexOf('\n\n', upload.indexOf('drift')))
    expect(group).toContain('template   integration ContentHandling CONVERT_TO_TEXT; responses: 200 absent [ApiGatewayMethodUploadOptions]')
    expect(group).toMatch(/kept +OPTIONS \/upload integration contentHandling CONVERT_TO_TEXT: The template declares CONVERT_TO_TEXT too\./)
    expect(group).toContain('drift    MODIFIED  AWS::ApiGateway::Method ApiGatewayMethodUploadOptions')
    expect(group).toContain("/Integration/ContentHandling: live lacks the template's CONVERT_TO_TEXT")
    expect(run.stdout).toMatch(/CloudFormation drift of stack thumbnail-service-dev: DRIFTED; 2 of \d+ API Gateway resources drifted/)
  })

  it('apply in a pipeline is refused without --allow-drift, with one line and no write', async () => {
    const since = await callCount(sandbox.url)
    const run = await pipelineApply(sandbox.url, history.current.dir, ['--stack', STACK.name, '--spec', SPEC])

    expect(run.code).toBe(ExitCode.usage)
    expect(run.errors).toEqual([expect.stringMatching(/^Error: REST API \w+ is deployed by stack thumbnail-service-dev \(serverless\), so this fix is drift .*pass --allow-drift/)])
    expect(run.stdout).toContain('Warning: Serverless Framework stack thumbnail-service-dev (REST API ApiGatewayRestApi) deploys this API.')
    expect(await mutatingCallsSince(sandbox.url, since)).toEqual([])
    expect(history.current.journals(apiId)).toEqual([])
  })

  it('with --allow-drift the fix goes live, and the drift it was is gone', async () => {
    const applied = await apply(sandbox.url, history.current.dir, {stack: STACK, specFile: SPEC, allowDrift: true})
    expect(applied).toMatchObject({outcome: 'applied', converged: true, ownership: {owner: {kind: 'serverless'}}})

    const after = await audit(sandbox.url, {stack: STACK, specFile: SPEC, stage: 'dev', cfnDrift: true})
    expect(after.inSync).toBe(true)
    expect(after.cfnDrift).toMatchObject({outcome: 'complete', stackDriftStatus: 'IN_SYNC'})
    expect(drifted(after)).toEqual([])
  })

  it('iac follows the owner: Serverless configuration naming the methods Serverless generates', async () => {
    const report = await iac(sandbox.url, {stack: STACK, specFile: SPEC})
    expect(report.format).toBe('serverless')
    expect(report.owner).toEqual(expect.objectContaining({kind: 'serverless', stackName: 'thumbnail-service-dev'}))
    const document = parseYaml(report.text) as {provider: {apiGateway: {binaryMediaTypes: string[]}}; resources: {Resources: Record<string, unknown>}}
    expect(document.provider.apiGateway.binaryMediaTypes).toEqual(['*/*'])
    expect(Object.keys(document.resources.Resources).sort()).toEqual(['ApiGatewayMethodThumbnailsKeyVarOptions', 'ApiGatewayMethodUploadOptions'])
  })
})

describe('a SAM stack owning the image API', () => {
  const STACK = {name: 'image-api'}
  const SPEC = specPath('image-api.binfix.yaml')
  // A type the template does not list: the live fix becomes drift of the RestApi.
  const EXTRA = ['image/png']
  const history = useScratchHistory()
  let sandbox: Sandbox
  let apiId: string

  beforeAll(async () => {
    ;({sandbox, apiId} = await imageSandbox())
  })
  afterAll(() => sandbox.close())

  it('audit --stack names the owner and reads the SAM template: its BinaryMediaTypes and the OpenAPI body', async () => {
    const since = await callCount(sandbox.url)
    const report = await audit(sandbox.url, {stack: STACK, specFile: SPEC, binaryTypes: EXTRA, stage: 'v1', cfnDrift: true})

    expect(report.api.id).toBe(apiId)
    expect(report.ownership?.owner).toMatchObject({kind: 'sam', stackName: 'image-api', logicalId: 'ApiName'})
    const declared = report.ownership!.declared!
    expect(declared.api).toMatchObject({type: 'AWS::Serverless::Api', definition: 'inline'})
    expect(declared.binaryMediaTypes.values).toEqual(['application/octet-stream', 'image/jpeg'])
    expect(declared.routes.find((route) => route.httpMethod === 'PUT')).toMatchObject({source: 'openapi', integration: {state: 'declared', value: 'CONVERT_TO_TEXT'}})
    expect(outcomes(report)).toEqual({'binaryMediaTypes image/png': 'kept'})
    expect(report.ownership!.predictions[0]!.reason).toMatch(/merges binary media types/)
    expect(report.cfnDrift).toMatchObject({outcome: 'complete', stackDriftStatus: 'IN_SYNC'})
    expect(await mutatingCallsSince(sandbox.url, since)).toEqual([])
  })

  it('apply in a pipeline is refused without --allow-drift', async () => {
    const since = await callCount(sandbox.url)
    const run = await pipelineApply(sandbox.url, history.current.dir, ['--stack', STACK.name, '--spec', SPEC, '--binary-type', 'image/png'])
    expect(run.code).toBe(ExitCode.usage)
    expect(run.errors).toEqual([expect.stringMatching(/^Error: REST API \w+ is deployed by stack image-api \(sam\), so this fix is drift .*pass --allow-drift/)])
    expect(await mutatingCallsSince(sandbox.url, since)).toEqual([])

    // The same refusal in-process, for a service caller without a terminal.
    await expect(apply(sandbox.url, history.current.dir, {stack: STACK, specFile: SPEC, binaryTypes: EXTRA})).rejects.toBeInstanceOf(UsageError)
    expect(await mutatingCallsSince(sandbox.url, since)).toEqual([])
  })

  it('after a live fix with --allow-drift, audit --cfn-drift shows the RestApi drifted with the added type', async () => {
    const applied = await apply(sandbox.url, history.current.dir, {stack: STACK, specFile: SPEC, binaryTypes: EXTRA, allowDrift: true})
    expect(applied).toMatchObject({outcome: 'applied', converged: true})

    const after = await audit(sandbox.url, {stack: STACK, specFile: SPEC, binaryTypes: EXTRA, stage: 'v1', cfnDrift: true})
    expect(after.inSync).toBe(true)
    expect(after.cfnDrift?.stackDriftStatus).toBe('DRIFTED')
    const restApi = drifted(after).find((resource) => resource.logicalResourceId === 'ApiName')
    expect(restApi).toMatchObject({apiWide: true, resourceType: 'AWS::ApiGateway::RestApi'})
    expect(restApi!.differences).toEqual([expect.objectContaining({differenceType: 'ADD', actualValue: 'image/png'})])
    // The redeploy moved the stage off the deployment the stack created: drift too, as on AWS.
    expect(drifted(after).find((resource) => resource.resourceType === 'AWS::ApiGateway::Stage')?.differences.map((difference) => difference.propertyPath)).toEqual(['/DeploymentId'])
  })

  it('iac follows the owner: SAM YAML whose BinaryMediaTypes use SAM escaping', async () => {
    const report = await iac(sandbox.url, {stack: STACK, specFile: SPEC, binaryTypes: EXTRA})
    expect(report.format).toBe('sam')
    const document = parseYaml(report.text) as {Resources: Record<string, {Type: string; Properties: {BinaryMediaTypes: string[]}}>}
    const [api] = Object.values(document.Resources).filter((resource) => resource.Type === 'AWS::Serverless::Api')
    expect(api!.Properties.BinaryMediaTypes).toEqual(['application~1octet-stream', 'image~1jpeg', 'image~1png'])
  })
})

describe('--stack', () => {
  let sandbox: Sandbox

  beforeAll(async () => {
    ;({sandbox} = await imageSandbox())
  })
  afterAll(() => sandbox.close())

  it('names a missing stack, or a logical id the stack lacks with its REST APIs, as bad input', async () => {
    await expect(audit(sandbox.url, {stack: {name: 'no-such-stack'}})).rejects.toThrow('--stack no-such-stack: no such stack in us-east-1')
    await expect(audit(sandbox.url, {stack: {name: 'image-api', logicalId: 'Elsewhere'}})).rejects.toThrow(
      /^--logical-id Elsewhere: stack image-api has no REST API of that logical id; its REST APIs: ApiName \(\w+\)$/,
    )
  })

  it('is refused next to <api> before any call, in one line', async () => {
    const since = await callCount(sandbox.url)
    const run = await runCli(['audit', 'abc', '--stack', 'image-api', '--endpoint-url', sandbox.url], 20_000, {env: sandboxCliEnv()})
    expect(run.code).toBe(ExitCode.usage)
    expect(withoutDevModeNoise(run.stderr).filter((line) => line.trim() !== '')).toEqual(['Error: <api> abc and --stack image-api: name the API one way, not both'])
    expect(await callCount(sandbox.url)).toBe(since)
  })
})
