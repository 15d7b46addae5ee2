// The SAM hello-world application's implicit API, built by `--import-stack` with no OpenAPI file: audit
// --stack finds the REST API the stack deploys, names its owner (SAM, logical id ServerlessRestApi) and
// shows CloudFormation's drift, writing nothing.
import type {Sandbox} from '../../src/sandbox/server.js'
import {setUpSandbox} from '../../src/sandbox/setup.js'
import {type AuditReport, type AuditRequest, auditApi} from '../../src/services/audit-service.js'
import {fetchCallLog, startTestSandbox} from '../helpers/sandbox.js'
import {fixture} from '../sandbox/cloudformation/support.js'
import {CONNECTION} from './apply-support.js'
import {useTestCredentials} from './audit-support.js'

let restoreEnvironment: () => void
let sandbox: Sandbox
let apiId: string
beforeAll(async () => {
  restoreEnvironment = useTestCredentials()
  sandbox = await startTestSandbox({driftDetectionMs: 20})
  apiId = setUpSandbox(sandbox, {stacks: [fixture('stacks/hello-world.stack.yaml')]}).stacks[0]!.restApis['ServerlessRestApi']!
})
afterAll(async () => {
  restoreEnvironment()
  await sandbox.close()
})

function audit(request: Partial<AuditRequest>): Promise<AuditReport> {
  return auditApi({cwd: process.cwd(), connection: {...CONNECTION, endpointUrl: sandbox.url}, ...request}, {driftPolling: {firstDelayMs: 20, maxDelayMs: 100}})
}

describe("the SAM hello-world application's implicit API", () => {
  it('audit --stack sam-app finds ServerlessRestApi, names SAM as its owner and the stack in sync', async () => {
    const since = (await fetchCallLog(sandbox.url)).length
    const report = await audit({stack: {name: 'sam-app'}, stage: 'Prod', cfnDrift: true})
    expect(report.api.id).toBe(apiId)
    expect(report.ownership?.owner).toMatchObject({kind: 'sam', stackName: 'sam-app', logicalId: 'ServerlessRestApi'})
    expect(report.cfnDrift).toMatchObject({outcome: 'complete', stackDriftStatus: 'IN_SYNC'})
    expect(report.ownership?.declared).toMatchObject({
      api: {logicalId: 'ServerlessRestApi', type: 'implicit', definition: 'generated'},
      routes: [{resourcePath: '/hello', httpMethod: 'GET', source: 'sam-event', integrationType: 'AWS_PROXY'}],
    })
    expect(report.ownership?.apiGatewayResources).toEqual(['ServerlessRestApi', expect.stringMatching(/^ServerlessRestApiDeployment[0-9a-f]{10}$/), 'ServerlessRestApiProdStage'])
    expect((await fetchCallLog(sandbox.url)).slice(since).filter((call) => call.mutating)).toEqual([])
  })

  it('--logical-id ServerlessRestApi names the same API', async () => {
    const report = await audit({stack: {name: 'sam-app', logicalId: 'ServerlessRestApi'}, stage: 'Prod'})
    expect(report.api.id).toBe(apiId)
  })
})
