import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {type MotoServer, motoVersion, startMoto} from '../helpers/external/moto.js'
import {type Shape, type ShapeDifference, shapeDifferences, shapeOf} from '../helpers/external/shape.js'
import {sdkClient, startTestSandbox} from '../helpers/sandbox.js'

// One scenario, run through the real SDK against moto (an independent implementation) and against the
// sandbox; per operation the status codes, error names and response shapes must agree. Only operations
// moto implements faithfully are here: never UpdateRestApi binaryMediaTypes, ImportRestApi,
// UpdateIntegration(Response), GetExport or tags, where moto is wrong.

const moto = await motoVersion()
const maybe = 'version' in moto ? describe : describe.skip
if ('missing' in moto) console.warn(`SKIPPED test/sandbox/moto-differential.test.ts: moto is not available (${moto.missing})`)

/** One call's result as the SDK surfaced it. */
interface Outcome {
  status: number
  shape?: Shape
  output?: any
  error?: string
}

const LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:image/invocations'

const SUCCESS_STEPS = [
  'CreateRestApi', 'GetRestApi', 'GetRestApis', 'CreateResource', 'PutMethod', 'PutMethodResponse', 'PutIntegration',
  'PutIntegrationResponse', 'GetResources embed=methods', 'GetMethod', 'GetIntegration', 'GetIntegrationResponse',
  'CreateDeployment', 'CreateDeployment again', 'GetDeployments', 'GetStage', 'GetStages', 'UpdateStage /deploymentId',
  'GetStage after UpdateStage',
] as const
const ERROR_STEPS = [
  'GetRestApi missing API', 'GetResources missing API', 'CreateDeployment missing API', 'GetDeployments missing API',
  'GetStages missing API', 'CreateResource missing parent', 'GetMethod missing resource', 'GetMethod missing method',
  'GetIntegration missing resource', 'GetIntegrationResponse missing status', 'GetStage missing stage', 'UpdateStage missing stage',
] as const
type Step = (typeof SUCCESS_STEPS)[number] | (typeof ERROR_STEPS)[number]
type Run = Map<Step, Outcome>

const STAGE_STEPS: readonly Step[] = ['GetStage', 'GetStages', 'UpdateStage /deploymentId', 'GetStage after UpdateStage']

/**
 * Fields only one side returns, where the sandbox follows AWS and moto does not. AWS's side is taken
 * from responses recorded against AWS (LocalStack's validated snapshots, aws-binary-facts §2): these are
 * moto's omissions and additions, never the sandbox's. `has` names the side that returns the field.
 */
const MOTO_QUIRKS: Array<{field: string; has: 'moto' | 'sandbox'; steps?: readonly Step[]; why: string}> = [
  {field: 'version', has: 'moto', why: 'moto defaults RestApi.version to "V1"; AWS omits an unset version'},
  {field: 'binaryMediaTypes', has: 'moto', why: 'moto returns []; AWS omits an empty list'},
  {field: 'tags', has: 'moto', why: 'moto returns {} for an untagged API; AWS omits it on Create/GetRestApi(s)'},
  {field: 'methodResponses', has: 'moto', steps: ['PutMethod'], why: 'moto returns {} from PutMethod; AWS omits it'},
  {field: 'responseTemplates', has: 'moto', why: 'moto always returns {}; AWS omits templates that were never put'},
  {field: 'ipAddressType', has: 'sandbox', why: 'AWS answers endpointConfiguration.ipAddressType ipv4 since dual-stack endpoints (2025); moto predates it'},
  {field: 'passthroughBehavior', has: 'sandbox', why: 'AWS fills in WHEN_NO_MATCH; moto leaves it out'},
  {field: 'timeoutInMillis', has: 'sandbox', why: 'AWS fills in 29000; moto leaves it out'},
  {field: 'cacheNamespace', has: 'sandbox', why: 'AWS defaults it to the resource id; moto leaves it out'},
  {field: 'description', has: 'moto', steps: STAGE_STEPS, why: 'moto gives a stage made by CreateDeployment description ""; AWS omits it'},
  {field: 'variables', has: 'moto', steps: STAGE_STEPS, why: 'moto returns {}; AWS omits empty stage variables'},
  {field: 'cacheClusterStatus', has: 'sandbox', steps: STAGE_STEPS, why: 'AWS returns NOT_AVAILABLE; moto leaves it out'},
  {field: 'tracingEnabled', has: 'sandbox', steps: STAGE_STEPS, why: 'AWS returns false; moto leaves it out'},
  {field: 'createdDate', has: 'sandbox', steps: STAGE_STEPS, why: 'moto stages carry no timestamps'},
  {field: 'lastUpdatedDate', has: 'sandbox', steps: STAGE_STEPS, why: 'moto stages carry no timestamps'},
]
/** CreateRestApi is 201 in the service model and on AWS; moto answers 200. */
const STATUS_QUIRKS: Partial<Record<Step, {moto: number; aws: number}>> = {CreateRestApi: {moto: 200, aws: 201}}

/** Any of the commands above; `send`'s overloads do not take a union of them. */
type AnyCommand = {readonly input: object}

async function outcome(client: APIGatewayClient, command: AnyCommand): Promise<Outcome> {
  try {
    const output = (await client.send(command as never)) as {$metadata: {httpStatusCode?: number}}
    return {status: output.$metadata.httpStatusCode ?? 0, shape: shapeOf(output), output}
  } catch (error) {
    const failure = error as Error & {$metadata?: {httpStatusCode?: number}}
    return {status: failure.$metadata?.httpStatusCode ?? 0, error: failure.name}
  }
}

/** The scenario, step by step; a step that fails to produce an id it needs fails the whole run loudly. */
async function runScenario(endpoint: string): Promise<Run> {
  const client = sdkClient(endpoint)
  const run: Run = new Map()
  const step = async (name: Step, command: AnyCommand) => {
    const result = await outcome(client, command)
    run.set(name, result)
    return result
  }
  const need = (result: Outcome, what: string) => {
    if (result.error) throw new Error(`${endpoint}: ${what} failed with ${result.error} (${result.status})`)
    return result.output
  }

  const api = need(await step('CreateRestApi', new CreateRestApiCommand({name: 'binfix-differential', description: 'moto vs sandbox'})), 'CreateRestApi')
  const restApiId: string = api.id
  await step('GetRestApi', new GetRestApiCommand({restApiId}))
  await step('GetRestApis', new GetRestApisCommand({}))
  const resource = need(await step('CreateResource', new CreateResourceCommand({restApiId, parentId: api.rootResourceId, pathPart: 'lambda'})), 'CreateResource')
  const method = {restApiId, resourceId: resource.id as string, httpMethod: 'PUT'}
  await step('PutMethod', new PutMethodCommand({...method, authorizationType: 'NONE'}))
  await step('PutMethodResponse', new PutMethodResponseCommand({...method, statusCode: '200'}))
  await step('PutIntegration', new PutIntegrationCommand({...method, type: 'AWS', integrationHttpMethod: 'POST', uri: LAMBDA_URI, contentHandling: 'CONVERT_TO_TEXT'}))
  await step('PutIntegrationResponse', new PutIntegrationResponseCommand({...method, statusCode: '200', selectionPattern: '2\\d{2}', contentHandling: 'CONVERT_TO_BINARY'}))
  await step('GetResources embed=methods', new GetResourcesCommand({restApiId, embed: ['methods']}))
  await step('GetMethod', new GetMethodCommand(method))
  await step('GetIntegration', new GetIntegrationCommand(method))
  await step('GetIntegrationResponse', new GetIntegrationResponseCommand({...method, statusCode: '200'}))
  const first = need(await step('CreateDeployment', new CreateDeploymentCommand({restApiId, stageName: 'v1'})), 'CreateDeployment')
  await step('CreateDeployment again', new CreateDeploymentCommand({restApiId, stageName: 'v1', description: 'second'}))
  await step('GetDeployments', new GetDeploymentsCommand({restApiId}))
  await step('GetStage', new GetStageCommand({restApiId, stageName: 'v1'}))
  await step('GetStages', new GetStagesCommand({restApiId}))
  const moveBack = [{op: 'replace' as const, path: '/deploymentId', value: first.id as string}]
  await step('UpdateStage /deploymentId', new UpdateStageCommand({restApiId, stageName: 'v1', patchOperations: moveBack}))
  await step('GetStage after UpdateStage', new GetStageCommand({restApiId, stageName: 'v1'}))

  const missingApi = 'missing000'
  await step('GetRestApi missing API', new GetRestApiCommand({restApiId: missingApi}))
  await step('GetResources missing API', new GetResourcesCommand({restApiId: missingApi}))
  await step('CreateDeployment missing API', new CreateDeploymentCommand({restApiId: missingApi, stageName: 'v1'}))
  await step('GetDeployments missing API', new GetDeploymentsCommand({restApiId: missingApi}))
  await step('GetStages missing API', new GetStagesCommand({restApiId: missingApi}))
  await step('CreateResource missing parent', new CreateResourceCommand({restApiId, parentId: 'nope00', pathPart: 'other'}))
  await step('GetMethod missing resource', new GetMethodCommand({...method, resourceId: 'nope00'}))
  await step('GetMethod missing method', new GetMethodCommand({...method, httpMethod: 'DELETE'}))
  await step('GetIntegration missing resource', new GetIntegrationCommand({...method, resourceId: 'nope00'}))
  await step('GetIntegrationResponse missing status', new GetIntegrationResponseCommand({...method, statusCode: '404'}))
  await step('GetStage missing stage', new GetStageCommand({restApiId, stageName: 'nope'}))
  await step('UpdateStage missing stage', new UpdateStageCommand({restApiId, stageName: 'nope', patchOperations: moveBack}))
  return run
}

const fieldOf = (path: string) => path.replace(/\[\d+\]/g, '').split('.').at(-1) ?? path

function quirkFor(step: Step, difference: ShapeDifference) {
  if (difference.left !== undefined && difference.right !== undefined) return undefined // a type mismatch is never a quirk
  const has = difference.left !== undefined ? 'moto' : 'sandbox'
  return MOTO_QUIRKS.find((quirk) => quirk.field === fieldOf(difference.path) && quirk.has === has && (!quirk.steps || quirk.steps.includes(step)))
}

/** The values the scenario set, read back; ids are turned into facts so both sides compare. */
function readBack(run: Run) {
  const output = (step: Step) => run.get(step)?.output
  const lambda = output('GetResources embed=methods')?.items?.find((resource: {path: string}) => resource.path === '/lambda')
  const first = output('CreateDeployment')?.id
  const second = output('CreateDeployment again')?.id
  return {
    embedded: [lambda?.resourceMethods?.PUT?.methodIntegration?.contentHandling, lambda?.resourceMethods?.PUT?.methodIntegration?.integrationResponses?.['200']?.contentHandling],
    method: [output('GetMethod')?.methodIntegration?.contentHandling, output('GetMethod')?.methodIntegration?.integrationResponses?.['200']?.contentHandling],
    integration: [output('GetIntegration')?.contentHandling, output('GetIntegration')?.integrationResponses?.['200']?.contentHandling],
    integrationResponse: [output('GetIntegrationResponse')?.contentHandling, output('GetIntegrationResponse')?.selectionPattern],
    integrationMethod: [output('GetIntegration')?.type, output('GetIntegration')?.httpMethod, output('GetIntegration')?.uri],
    deploymentsListed: output('GetDeployments')?.items?.map((item: {id: string}) => item.id).sort().join() === [first, second].sort().join(),
    stageBeforeUpdate: output('GetStage')?.deploymentId === second,
    stageAfterUpdate: output('GetStage after UpdateStage')?.deploymentId === first,
    updateStageAnswer: output('UpdateStage /deploymentId')?.deploymentId === first,
  }
}

maybe('moto and the sandbox agree on the shapes AWS documents', () => {
  let motoServer: MotoServer | undefined
  let sandbox: Sandbox | undefined
  let motoRun: Run
  let sandboxRun: Run

  beforeAll(async () => {
    ;[motoServer, sandbox] = await Promise.all([startMoto(), startTestSandbox()])
    ;[motoRun, sandboxRun] = await Promise.all([runScenario(motoServer.url), runScenario(sandbox.url)])
  })
  afterAll(async () => {
    await Promise.all([motoServer?.close(), sandbox?.close()])
  })

  it.each(SUCCESS_STEPS)('%s: same status and response shape (apart from listed moto quirks)', (step) => {
    const [m, s] = [motoRun.get(step)!, sandboxRun.get(step)!]
    expect({step, moto: m.error, sandbox: s.error}).toEqual({step, moto: undefined, sandbox: undefined})
    const statusQuirk = STATUS_QUIRKS[step]
    expect(s.status).toBe(statusQuirk?.aws ?? m.status)
    if (statusQuirk) expect(m.status).toBe(statusQuirk.moto)
    const differences = shapeDifferences(m.shape!, s.shape!).map((difference) => ({moto: difference.left, sandbox: difference.right, path: difference.path}))
    const unexplained = differences.filter((difference) => !quirkFor(step, {path: difference.path, left: difference.moto, right: difference.sandbox}))
    expect(unexplained).toEqual([])
  })

  it.each(ERROR_STEPS)('%s: same error name and status', (step) => {
    const [m, s] = [motoRun.get(step)!, sandboxRun.get(step)!]
    expect({error: s.error, status: s.status}).toEqual({error: m.error, status: m.status})
    expect(s.error).toBe('NotFoundException')
  })

  it('reads back the same contentHandling, integration and stage values on both sides', () => {
    const expected = {
      embedded: ['CONVERT_TO_TEXT', 'CONVERT_TO_BINARY'],
      method: ['CONVERT_TO_TEXT', 'CONVERT_TO_BINARY'],
      integration: ['CONVERT_TO_TEXT', 'CONVERT_TO_BINARY'],
      integrationResponse: ['CONVERT_TO_BINARY', '2\\d{2}'],
      integrationMethod: ['AWS', 'POST', LAMBDA_URI],
      deploymentsListed: true,
      stageBeforeUpdate: true,
      stageAfterUpdate: true,
      updateStageAnswer: true,
    }
    expect(readBack(motoRun)).toEqual(expected)
    expect(readBack(sandboxRun)).toEqual(expected)
  })

  it('every listed moto quirk still shows up (a stale entry would hide a future sandbox change)', () => {
    const used = new Set<string>()
    for (const step of SUCCESS_STEPS) {
      const [m, s] = [motoRun.get(step)!, sandboxRun.get(step)!]
      if (!m.shape || !s.shape) continue
      for (const difference of shapeDifferences(m.shape, s.shape)) {
        const quirk = quirkFor(step, difference)
        if (quirk) used.add(`${quirk.has}:${quirk.field}`)
      }
    }
    expect(MOTO_QUIRKS.map((quirk) => `${quirk.has}:${quirk.field}`).filter((key) => !used.has(key))).toEqual([])
  })
})
