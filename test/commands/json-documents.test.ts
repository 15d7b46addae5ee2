// Every command's --json document against its published schema (schemas/json/), on a sandbox: each command
// runs in this process as oclif runs it (the sandbox command, which runs until interrupted, as a child),
// and its one document must conform to the published schema and to the closed copy that refuses any field
// the schema does not describe. Then each document with a field renamed must be refused.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {APIGatewayClient, CreateDeploymentCommand, GetRestApisCommand, UpdateRestApiCommand} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {setUpSandbox} from '../../src/sandbox/setup.js'
import {type RunningSandbox, runSandbox} from '../../src/services/sandbox-service.js'
import {killStrayClis, runCli, spawnCli} from '../helpers/cli/child-cli.js'
import {runInProcess} from '../helpers/cli/in-process-cli.js'
import {type DocumentName, DOCUMENTS, closedValidator, publishedValidator, schemaComplaints} from '../helpers/json-documents.js'
import {sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'
import {THUMBNAIL_API, THUMBNAIL_STACK} from '../sandbox/cloudformation/support.js'
import {driftedImageApi} from '../e2e/apply-support.js'
import {fixturePath, importFixture, useTestCredentials} from '../e2e/audit-support.js'
import {specPath, standInFunctions} from '../e2e/verify-support.js'

let sandbox: Sandbox
let client: APIGatewayClient
let scratch: string
let restoreEnvironment: () => void
let brokenId: string
let healthyId: string
/** The sandbox's sample fleet, as test/e2e/fleet-sample.test.ts runs it: four accounts, one unreachable, one Region denying. */
let fleet: RunningSandbox

const SAMPLE_FLEET = fileURLToPath(new URL('../../fixtures/fleet/sample.fleet.yaml', import.meta.url))
const ORGANIZATION = ['--organization', '--role-name', 'BinfixAudit', '--external-id', 'binfix-fleet', '--regions', 'us-east-1,eu-west-1']
const fleetAuditArgs = (): string[] => ['fleet', 'audit', ...ORGANIZATION, '--fleet', join(scratch, 'binfix-fleet.yaml')]

const STACK = 'thumbnail-service-dev'
const IMAGE_SPEC = specPath('image-api.binfix.yaml')
const THUMBNAIL_SPEC = specPath('thumbnail-service.binfix.yaml')

/** Every document the runs below printed, with the command line that printed it. */
const printed: Array<{name: DocumentName; args: string[]; document: Record<string, unknown>}> = []

beforeAll(async () => {
  restoreEnvironment = useTestCredentials()
  sandbox = await startTestSandbox({lambdas: standInFunctions()})
  client = sdkClient(sandbox.url)
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-json-documents-'))
  healthyId = await importFixture(client, 'image-api.corrected.oas30.json')
  brokenId = await driftedImageApi(client, 'image-api.corrected.oas30.json')
  setUpSandbox(sandbox, {imports: [THUMBNAIL_API], deployStage: 'dev', stacks: [THUMBNAIL_STACK]})
  // The sample's copies of AWS's image API judged by its spec, so the fleet has findings and their fixes.
  writeFileSync(join(scratch, 'binfix-fleet.yaml'), ['version: 1', 'apis:', '  - match: {name: "images-*"}', `    spec: ${JSON.stringify(IMAGE_SPEC)}`, ''].join('\n'))
  fleet = await runSandbox({port: 0, imports: [], fleetFile: SAMPLE_FLEET, logDiagnosis: () => {}})
  // One copy drifts (as test/e2e/fleet-audit.test.ts breaks one): image/jpeg leaves its binary media types.
  const mediaProd = new APIGatewayClient({endpoint: fleet.endpoint, region: 'us-east-1', credentials: {accessKeyId: '111111111111', secretAccessKey: 'test'}, maxAttempts: 1})
  const {items} = await mediaProd.send(new GetRestApisCommand({}))
  const drifted = items!.find((api) => api.name === 'images-1')!.id!
  await mediaProd.send(new UpdateRestApiCommand({restApiId: drifted, patchOperations: [{op: 'remove', path: '/binaryMediaTypes/image~1jpeg'}]}))
  await mediaProd.send(new CreateDeploymentCommand({restApiId: drifted, stageName: 'v1'}))
  mediaProd.destroy()
})

afterAll(async () => {
  killStrayClis()
  restoreEnvironment()
  client.destroy()
  await sandbox.close()
  await fleet.sandbox.close()
  rmSync(scratch, {recursive: true, force: true})
})

/** `apigw-binfix ARGS --json` against the sandbox (`endpoint`; null for the commands that read local files only), in this process: its exit code and its one document. */
async function json(name: DocumentName, args: string[], code: number, endpoint: string | null = args[0] === 'history' ? null : sandbox.url): Promise<Record<string, unknown>> {
  const line = [...args, '--json', ...(endpoint === null ? [] : ['--endpoint-url', endpoint])]
  // lint as a child: in this process jest's ESM loader cannot link one of its lazily imported modules.
  const run = args[0] === 'lint' ? await runCli(line, 60_000, {env: sandboxCliEnv()}) : await runInProcess(line)
  expect({code: run.code, stdout: run.code === code ? 'as expected' : run.stdout}).toEqual({code, stdout: 'as expected'})
  const document = JSON.parse(run.stdout) as Record<string, unknown>
  printed.push({name, args, document})
  return document
}

function expectConforming(name: DocumentName, document: unknown): void {
  expect(schemaComplaints(name, document)).toBe('')
}

describe('each command prints one document its published schema describes', () => {
  const history = () => join(scratch, 'history')
  const planFile = () => join(scratch, 'plan.json')

  it('audit, with findings, their fixes and the diff', async () => {
    const document = await json('audit', ['audit', brokenId, '--stage', 'v1', '--spec', IMAGE_SPEC, '--diff'], 3)
    expect((document.findings as unknown[]).length).toBeGreaterThan(0)
    expect(document.diff).toEqual(expect.any(String))
    expectConforming('audit', document)
  })

  it('audit of a stack\'s API, with its owner, predictions and CloudFormation drift', async () => {
    const document = await json('audit', ['audit', '--stack', STACK, '--stage', 'dev', '--spec', THUMBNAIL_SPEC, '--cfn-drift'], 3)
    expect(document.ownership).toMatchObject({owner: {kind: 'serverless'}, declared: expect.any(Object)})
    expect(document.cfnDrift).toMatchObject({stackName: STACK, outcome: 'complete'})
    expectConforming('audit', document)
  })

  it('audit without a spec', async () => {
    expectConforming('audit', await json('audit', ['audit', healthyId], 0))
  })

  it('plan, saved with --out', async () => {
    const document = await json('plan', ['plan', brokenId, '--stage', 'v1', '--spec', IMAGE_SPEC, '--out', planFile()], 3)
    expect(document.out).toBe(planFile())
    expect((document.plan as {spec: unknown}).spec).toMatchObject({binaryMediaTypes: ['application/octet-stream', 'image/jpeg']})
    expectConforming('plan', document)
  })

  it('apply --dry-run', async () => {
    const document = await json('apply', ['apply', brokenId, '--stage', 'v1', '--spec', IMAGE_SPEC, '--dry-run', '--history', history()], 0)
    expect(document.outcome).toBe('dry-run')
    expectConforming('apply', document)
  })

  it('apply of the saved plan', async () => {
    const document = await json('apply', ['apply', '--plan', planFile(), '--yes', '--history', history()], 0)
    expect(document).toMatchObject({outcome: 'applied', converged: true, source: {kind: 'plan'}})
    expectConforming('apply', document)
  })

  it('apply to a stack\'s API, with the owner and its predictions', async () => {
    const document = await json('apply', ['apply', '--stack', STACK, '--stage', 'dev', '--spec', THUMBNAIL_SPEC, '--yes', '--allow-drift', '--history', history()], 0)
    expect(document.ownership).toMatchObject({owner: {kind: 'serverless'}})
    expectConforming('apply', document)
  })

  it('history, of one API and of every API', async () => {
    expectConforming('history', await json('history', ['history', brokenId, '--history', history()], 0))
    const all = await json('history', ['history', '--history', history()], 0)
    expect((all.journals as unknown[]).length).toBe(2)
    expectConforming('history', all)
  })

  it('rollback', async () => {
    const document = await json('rollback', ['rollback', brokenId, '--stage', 'v1', '--yes', '--history', history()], 0)
    expect(document).toMatchObject({converged: true, restoredFrom: 'journal'})
    expect((document.restored as unknown[]).length).toBeGreaterThan(0)
    expectConforming('rollback', document)
  })

  it('verify, passing and failing', async () => {
    const passing = await json('verify', ['verify', healthyId, '--spec', IMAGE_SPEC], 0)
    expectConforming('verify', passing)
    const failing = await json('verify', ['verify', brokenId, '--spec', IMAGE_SPEC], 3)
    expect((failing.steps as Array<{cause?: unknown}>).some((step) => step.cause !== undefined)).toBe(true)
    expectConforming('verify', failing)
  })

  it('iac, for a placeholder API and for a stack\'s API', async () => {
    expectConforming('iac', await json('iac', ['iac', brokenId, '--spec', IMAGE_SPEC, '--format', 'terraform'], 0))
    const owned = await json('iac', ['iac', '--stack', STACK, '--spec', THUMBNAIL_SPEC], 0)
    expect(owned.owner).toMatchObject({kind: 'serverless'})
    expectConforming('iac', owned)
  })

  it('export, parsed from JSON and YAML, and written to a file', async () => {
    expectConforming('export', await json('export', ['export', healthyId, '--stage', 'v1'], 0))
    const yaml = await json('export', ['export', healthyId, '--stage', 'v1', '--format', 'yaml'], 0)
    expect(yaml.definition).toMatchObject({openapi: expect.any(String)})
    expectConforming('export', yaml)
    const written = await json('export', ['export', healthyId, '--stage', 'v1', '--out', join(scratch, 'export.json')], 0)
    expect(written).not.toHaveProperty('definition')
    expectConforming('export', written)
  })

  it('init', async () => {
    const document = await json('init', ['init', healthyId, '--yes', '--out', join(scratch, 'binfix.yaml')], 0)
    expect(document.spec).toMatchObject({source: {kind: 'binfix'}, binaryMediaTypes: expect.any(Array)})
    expectConforming('init', document)
  })

  it('lint, of a folder of templates (with a skipped file) and against a spec', async () => {
    const folder = await json('lint', ['lint', 'fixtures/lint', 'package.json'], 3, null)
    expect((folder.findings as Array<{auditKind?: string}>).some((finding) => finding.auditKind !== undefined)).toBe(true)
    expect(folder.skipped).toEqual([{file: 'package.json', reason: expect.any(String)}])
    expectConforming('lint', folder)
    const withSpec = await json('lint', ['lint', 'fixtures/lint/serverless/joke-api-binary', '--spec', 'fixtures/lint/specs/joke-api.binfix.yaml'], 0, null)
    expect(withSpec.spec).toEqual({file: expect.stringContaining('joke-api.binfix.yaml')})
    expectConforming('lint', withSpec)
  })

  it('fleet audit, with every API, the same document --output json writes, and its JSON Lines', async () => {
    const document = await json('fleet-audit', fleetAuditArgs(), 1, fleet.endpoint)
    expect(document.totals).toMatchObject({accounts: 4, apis: 15})
    expect((document.apis as Array<{stages: Array<{findings: unknown[]}>}>).some((api) => api.stages.some((stage) => stage.findings.length > 0))).toBe(true)
    expect((document.failures as unknown[]).length).toBe(2)
    expectConforming('fleet-audit', document)

    const written = join(scratch, 'fleet.json')
    const summary = await json('fleet-audit', [...fleetAuditArgs(), '--output', 'json', '--out', written], 1, fleet.endpoint)
    expect(summary).not.toHaveProperty('apis')
    expectConforming('fleet-audit', summary)
    const file = JSON.parse(readFileSync(written, 'utf8')) as Record<string, unknown>
    // The same document, but for the run's own call counts and the order APIs were judged in (account-Regions run in parallel).
    const comparable = (fleetDocument: Record<string, unknown>) => ({...fleetDocument, calls: null, apis: (fleetDocument.apis as Array<{accountId: string; region: string; api: {id: string}}>).map((api) => [`${api.accountId} ${api.region} ${api.api.id}`, api]).sort()})
    expect(comparable(file)).toEqual(comparable(document))
    expectConforming('fleet-audit', file)

    const lines = join(scratch, 'fleet.jsonl')
    await json('fleet-audit', [...fleetAuditArgs(), '--output', 'jsonl', '--out', lines], 1, fleet.endpoint)
    const records = readFileSync(lines, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(records.filter((record) => record.type === 'api')).toHaveLength(15)
    expect(records.filter((record) => record.type === 'access-failure')).toHaveLength(2)
    for (const record of records) {
      printed.push({name: 'fleet-audit-record', args: ['fleet', 'audit', '--output', 'jsonl'], document: record})
      expectConforming('fleet-audit-record', record)
    }
  }, 120_000)

  it('fleet plan, fleet apply of its plan and fleet rollback of that apply', async () => {
    const fleetPlan = join(scratch, 'fleet-plan.json')
    const planned = await json('fleet-plan', ['fleet', 'plan', ...ORGANIZATION, '--fleet', join(scratch, 'binfix-fleet.yaml'), '--out', fleetPlan], 1, fleet.endpoint)
    expect(planned).toMatchObject({planned: 1, out: fleetPlan})
    expectConforming('fleet-plan', planned)
    const record = join(scratch, 'fleet-apply.json')
    const applied = await json('fleet-apply', ['fleet', 'apply', ...ORGANIZATION, '--plan', fleetPlan, '--history', join(scratch, 'fleet-history'), '--out', record], 0, fleet.endpoint)
    expect(applied).toMatchObject({counts: {applied: 1}, results: [{outcome: 'applied', converged: true, journal: expect.any(String)}]})
    expectConforming('fleet-apply', applied)
    const rolledBack = await json('fleet-rollback', ['fleet', 'rollback', ...ORGANIZATION, '--from', record, '--history', join(scratch, 'fleet-history')], 0, fleet.endpoint)
    expect(rolledBack).toMatchObject({results: [{outcome: 'rolled-back', converged: true}]})
    expectConforming('fleet-rollback', rolledBack)
  }, 120_000)

  it('a failure, as every command prints it', async () => {
    const document = await json('error', ['audit', 'no-such-api'], 2)
    expect(document).toMatchObject({error: {exitCode: 2}})
    expectConforming('error', document)
  })

  it('sandbox, once it listens', async () => {
    const cli = spawnCli(['sandbox', '--port', '0', '--json', '--import', fixturePath('image-api.oas30.json'), '--deploy-stage', 'v1', '--functions', join(process.cwd(), 'fixtures', 'functions')], {env: sandboxCliEnv()})
    const document = (await cli.firstJson()) as Record<string, unknown>
    cli.child.kill('SIGINT')
    expect(await cli.closed).toMatchObject({code: 0})
    printed.push({name: 'sandbox', args: ['sandbox'], document})
    expect(document).toMatchObject({functions: expect.any(Array)})
    expectConforming('sandbox', document)
  })
})

describe('a renamed field is refused', () => {
  it('printed every document at least once above', () => {
    expect(new Set(printed.map((entry) => entry.name))).toEqual(new Set(DOCUMENTS))
  })

  it('renaming any top-level field of any document breaks its schema (the published one for a field every document has, the closed one for the rest)', () => {
    const accepted: string[] = []
    for (const {name, args, document} of printed) {
      for (const field of Object.keys(document)) {
        const {[field]: value, ...rest} = document
        const renamed = {...rest, [`${field}Renamed`]: value}
        if (closedValidator(name)(renamed)) accepted.push(`${args.join(' ')}: ${field}`)
        // A field the schema requires is missing: even the open, published schema refuses.
        const required = (publishedValidator(name).schema as {required?: string[]}).required ?? []
        if (required.includes(field) && publishedValidator(name)(renamed)) accepted.push(`${args.join(' ')}: ${field} (published)`)
      }
    }
    expect(accepted).toEqual([])
  })

  it('renaming a field deep inside (a finding\'s kind) is refused by the published schema', () => {
    const audit = printed.find((entry) => entry.name === 'audit' && (entry.document.findings as unknown[]).length > 0)!.document
    const [first, ...others] = audit.findings as Array<Record<string, unknown>>
    const {kind, ...rest} = first!
    const renamed = {...audit, findings: [{...rest, type: kind}, ...others]}
    expect(publishedValidator('audit')(renamed)).toBe(false)
    expect(publishedValidator('audit').errors?.[0]).toMatchObject({instancePath: '/findings/0', params: {missingProperty: 'kind'}})
  })

  it('renaming a lint finding\'s ruleId or a fleet API\'s finding kind is refused by the published schema', () => {
    const lint = printed.find((entry) => entry.name === 'lint' && (entry.document.findings as unknown[]).length > 0)!.document
    const [first, ...others] = lint.findings as Array<Record<string, unknown>>
    const {ruleId, ...rest} = first!
    expect(publishedValidator('lint')({...lint, findings: [{...rest, rule: ruleId}, ...others]})).toBe(false)
    expect(publishedValidator('lint').errors?.[0]).toMatchObject({instancePath: '/findings/0', params: {missingProperty: 'ruleId'}})

    const record = printed.find((entry) => entry.name === 'fleet-audit-record' && (entry.document.stages as Array<{findings: unknown[]}> | undefined)?.some((stage) => stage.findings.length > 0))!.document
    const stages = record.stages as Array<{findings: Array<Record<string, unknown>>}>
    const index = stages.findIndex((stage) => stage.findings.length > 0)
    const {kind, ...finding} = stages[index]!.findings[0]!
    const renamed = {...record, stages: stages.map((stage, at) => (at === index ? {...stage, findings: [{...finding, type: kind}, ...stage.findings.slice(1)]} : stage))}
    expect(publishedValidator('fleet-audit-record')(renamed)).toBe(false)
  })

  it('a field added within the schema version passes the published schema and only the closed copy refuses it', () => {
    for (const {name, document} of printed) {
      const added = {...document, addedLater: true}
      expect({name, published: publishedValidator(name)(added), closed: closedValidator(name)(added)}).toEqual({name, published: true, closed: false})
    }
  })
})
