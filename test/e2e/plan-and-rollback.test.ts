// Saved plans (fingerprinted, refused when stale or made for another target) and rollback (the stage
// serves its previous deployment again, the working copy gets its prior values, a second run writes
// nothing), on the sample image API and the thumbnail service in a sandbox.
import {generateKeyPairSync} from 'node:crypto'
import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {basename, join} from 'node:path'

import {Ansis} from 'ansis'

import {ExitCode} from '../../src/core/exit-codes.js'
import {readJournalEntries} from '../../src/history/journal-store.js'
import {planChanges} from '../../src/services/plan-service.js'
import type {AwsConnectionOptions} from '../../src/services/api-gateway-port.js'
import {connectApiGateway} from '../../src/services/write-executor.js'
import {renderApply, renderRollback} from '../../src/ui/apply-view.js'
import {renderPlan} from '../../src/ui/plan-view.js'
import {apply, callCount, driftedImageApi, rollback, scratchHistory, stageDeployment, stageExport, useScratchHistory, writesSince} from './apply-support.js'
import {audit, deploy, fixturePath, importFixture, patchBinaryMediaTypes, setContentHandling, useAuditBench} from './audit-support.js'

const SPEC = fixturePath('image-api.oas30.json')
const bench = useAuditBench()
const scratch = useScratchHistory()


function plan(restApiId: string, out?: string) {
  return planChanges({api: restApiId, specFile: SPEC, stage: 'v1', cwd: scratch.current.dir, connection: {region: 'us-east-1', endpointUrl: bench.sandbox.url}, ...(out ? {out} : {})})
}

describe('plan', () => {
  it('lists one change per setting, the merged requests with the redeploy last, and makes no write', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const before = await callCount(bench.sandbox.url)

    const report = await plan(restApiId)

    expect(report.plan.changes.map((change) => change.summary)).toEqual([
      'binaryMediaTypes application/octet-stream: not listed → listed',
      'binaryMediaTypes image/jpeg: not listed → listed',
      'PUT /lambda integration contentHandling: PASSTHROUGH (unset) → CONVERT_TO_TEXT',
    ])
    expect(report.requests.map((call) => call.operation)).toEqual(['UpdateRestApi', 'UpdateIntegration', 'CreateDeployment'])
    expect(report.plan.diff).toContain('+          "contentHandling": "CONVERT_TO_TEXT",')
    expect(report.empty).toBe(false)
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
  })

  it('is empty on an API in sync', async () => {
    const restApiId = await importFixture(bench.client, 'image-api.oas30.json')
    const report = await plan(restApiId)
    expect(report).toMatchObject({empty: true, requests: [], plan: {changes: [], redeployDue: false}})
  })

  it('plans only the redeploy when the working copy is right but not deployed', async () => {
    const restApiId = await driftedImageApi(bench.client)
    await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1', deploy: false})
    const report = await plan(restApiId)
    expect(report.plan.changes).toEqual([])
    expect(report.plan.redeployDue).toBe(true)
    expect(report.requests.map((call) => call.operation)).toEqual(['CreateDeployment'])
  })
})

describe('apply --plan', () => {
  it('replays a saved plan on the unchanged API', async () => {
    const restApiId = await driftedImageApi(bench.client)
    await plan(restApiId, 'plan.json')

    const report = await apply(bench.sandbox.url, scratch.current.dir, {planFile: join(scratch.current.dir, 'plan.json')})

    expect(report).toMatchObject({outcome: 'applied', converged: true, source: {kind: 'plan'}, stage: 'v1', api: {id: restApiId}})
    expect((await audit(bench.sandbox.url, {api: restApiId, specFile: SPEC, stage: 'v1'})).inSync).toBe(true)
  })

  it('refuses a stale plan with exit 4 and writes nothing', async () => {
    const restApiId = await driftedImageApi(bench.client)
    await plan(restApiId, 'plan.json')
    await setContentHandling(bench.client, restApiId, '/lambda', 'GET', 'CONVERT_TO_TEXT', '200')
    const before = await callCount(bench.sandbox.url)

    const stale = apply(bench.sandbox.url, scratch.current.dir, {planFile: join(scratch.current.dir, 'plan.json')})

    await expect(stale).rejects.toMatchObject({oclif: {exit: ExitCode.stalePlan}})
    await expect(stale).rejects.toThrow(`REST API ${restApiId} changed since the plan was made`)
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
  })

  it('a change made and deployed since the plan makes it stale too', async () => {
    const restApiId = await driftedImageApi(bench.client)
    await plan(restApiId, 'plan.json')
    await patchBinaryMediaTypes(bench.client, restApiId, 'add', '/binaryMediaTypes/image~1png')
    await deploy(bench.client, restApiId)
    await expect(apply(bench.sandbox.url, scratch.current.dir, {planFile: join(scratch.current.dir, 'plan.json')})).rejects.toMatchObject({oclif: {exit: ExitCode.stalePlan}})
  })

  it.each([
    ['another API', (restApiId: string) => ({api: restApiId}), 'made for REST API'],
    ['another stage', () => ({stage: 'prod'}), 'made for stage v1, not prod'],
    ['another Region', () => ({connection: {region: 'eu-west-1', endpointUrl: bench.sandbox.url}}), 'made for Region us-east-1, not eu-west-1'],
  ])('refuses a plan made for %s: exit 2, nothing written', async (_name, variant, message) => {
    const planned = await driftedImageApi(bench.client)
    const other = await importFixture(bench.client, 'image-api.oas30.json')
    await plan(planned, 'plan.json')
    const before = await callCount(bench.sandbox.url)

    const refused = apply(bench.sandbox.url, scratch.current.dir, {planFile: join(scratch.current.dir, 'plan.json'), ...variant(other)})

    await expect(refused).rejects.toMatchObject({oclif: {exit: ExitCode.usage}})
    await expect(refused).rejects.toThrow(message)
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
  })

  it.each<[string, (plan: any) => void, RegExp]>([
    ['a call that patches /uri instead of /contentHandling', (saved) => (saved.changes.find((change: any) => change.call.operation === 'UpdateIntegration').call.patchOperations[0].path = '/uri'), /: change \d+ \(PUT \/lambda integration contentHandling: .*\): its call \(UpdateIntegration PUT \w+: replace \/uri "CONVERT_TO_TEXT"\) is not the one that sets/],
    [
      'a change of a resource the API lacks',
      (saved) => {
        const change = saved.changes.find((entry: any) => entry.call.operation === 'UpdateIntegration')
        for (const part of [change.before, change.after, change.call]) part.resourceId = 'zzzzzz'
        change.key = change.key.replace(/ \w+ PUT$/, ' zzzzzz PUT')
      },
      /: change \d+ \(.*\): REST API \w+ has no integration for PUT on resource zzzzzz \(\/lambda\)$/,
    ],
  ])('refuses a plan whose calls are not what it claims, before any write: %s', async (_name, edit, message) => {
    const restApiId = await driftedImageApi(bench.client)
    await plan(restApiId, 'plan.json')
    const file = join(scratch.current.dir, 'plan.json')
    const saved = JSON.parse(readFileSync(file, 'utf8'))
    edit(saved)
    writeFileSync(file, JSON.stringify(saved))
    const before = await callCount(bench.sandbox.url)

    const refused = apply(bench.sandbox.url, scratch.current.dir, {planFile: file})

    await expect(refused).rejects.toMatchObject({oclif: {exit: ExitCode.usage}})
    await expect(refused).rejects.toThrow(message)
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
  })

  it('a signed plan is applied only while its signature verifies: --sign-key, --verify-key', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const pair = generateKeyPairSync('ed25519')
    writeFileSync(join(scratch.current.dir, 'signing.pem'), pair.privateKey.export({type: 'pkcs8', format: 'pem'}))
    writeFileSync(join(scratch.current.dir, 'signing.pub.pem'), pair.publicKey.export({type: 'spki', format: 'pem'}))
    await planChanges({api: restApiId, specFile: SPEC, stage: 'v1', cwd: scratch.current.dir, connection: {region: 'us-east-1', endpointUrl: bench.sandbox.url}, out: 'signed.json', signKey: 'signing.pem'})
    const file = join(scratch.current.dir, 'signed.json')
    const signed = readFileSync(file, 'utf8')
    expect(JSON.parse(signed).signature).toMatchObject({algorithm: 'ed25519'})
    const before = await callCount(bench.sandbox.url)

    // One character of one summary changed: refused before any call.
    writeFileSync(file, signed.replace('→ listed', '→  listed'))
    const publicKey = join(scratch.current.dir, 'signing.pub.pem')
    const tampered = apply(bench.sandbox.url, scratch.current.dir, {planFile: file, verifyKey: publicKey})
    await expect(tampered).rejects.toMatchObject({oclif: {exit: ExitCode.usage}})
    await expect(tampered).rejects.toThrow(`--plan ${file}: its signature does not match its content: it was changed after it was signed; it is not the plan signed with --verify-key ${publicKey}`)
    expect(await callCount(bench.sandbox.url)).toBe(before)

    writeFileSync(file, signed)
    const report = await apply(bench.sandbox.url, scratch.current.dir, {planFile: file, verifyKey: publicKey})
    expect(report).toMatchObject({outcome: 'applied', converged: true})
  })

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length / 2), 'not a plan: the JSON ends too early'],
    ['corrupted', (text: string) => text.replace('"fingerprint": "', '"fingerprint": "zz'), 'not an apigw-binfix plan at /fingerprint'],
    ['not a plan', () => '{"hello": "world"}', 'not an apigw-binfix plan'],
  ])('refuses a %s plan file before any call: exit 2', async (_name, mangle, message) => {
    const restApiId = await driftedImageApi(bench.client)
    await plan(restApiId, 'plan.json')
    const file = join(scratch.current.dir, 'plan.json')
    writeFileSync(file, mangle(readFileSync(file, 'utf8')))
    const before = await callCount(bench.sandbox.url)

    const refused = apply(bench.sandbox.url, scratch.current.dir, {planFile: file})

    await expect(refused).rejects.toMatchObject({oclif: {exit: ExitCode.usage}})
    await expect(refused).rejects.toThrow(`--plan ${file}: ${message}`)
    expect(await callCount(bench.sandbox.url)).toBe(before)
  })
})

describe('rollback', () => {
  it('serves the previous deployment again without a new one, and restores the working copy', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const exportBefore = await stageExport(bench.client, restApiId)
    const deploymentBefore = await stageDeployment(bench.client, restApiId)
    const applied = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1'})
    expect(await stageExport(bench.client, restApiId)).not.toBe(exportBefore)
    const before = await callCount(bench.sandbox.url)

    const report = await rollback(bench.sandbox.url, scratch.current.dir, {api: restApiId, stage: 'v1'})

    const writes = await writesSince(bench.sandbox.url, before)
    expect(writes[0]).toBe(`UpdateStage PATCH /restapis/${restApiId}/stages/v1`)
    expect(writes.map((line) => line.split(' ')[0])).toEqual(['UpdateStage', 'UpdateRestApi', 'UpdateIntegration'])
    expect(report).toMatchObject({converged: true, alreadyRolledBack: false, fromDeploymentId: applied.deploymentId, toDeploymentId: deploymentBefore, journal: applied.journal})
    expect(await stageExport(bench.client, restApiId)).toBe(exportBefore)
    // The working copy is back too: redeploying it now would publish the pre-apply state, not the fix.
    const working = await audit(bench.sandbox.url, {api: restApiId, specFile: SPEC, stage: 'v1'})
    expect(working.findings.filter((finding) => finding.kind === 'undeployed-change')).toEqual([])
    // Rollback appends to the apply's journal: what it replaces first, then its writes.
    const entries = readJournalEntries(applied.journal!).map((entry) => entry.entry)
    expect(entries.slice(entries.indexOf('rollback'))).toEqual(['rollback', 'write', 'written', 'write', 'written', 'rolled-back'])
  })

  it('a second rollback writes nothing', async () => {
    const restApiId = await driftedImageApi(bench.client)
    await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1'})
    await rollback(bench.sandbox.url, scratch.current.dir, {api: restApiId, stage: 'v1'})
    const before = await callCount(bench.sandbox.url)

    const again = await rollback(bench.sandbox.url, scratch.current.dir, {api: restApiId, stage: 'v1'})

    expect(again).toMatchObject({alreadyRolledBack: true, converged: true})
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
  })

  it('--to a chosen deployment without a journal restores the settings that deployment serves', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const exportBefore = await stageExport(bench.client, restApiId)
    const deploymentBefore = await stageDeployment(bench.client, restApiId)
    await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1'})
    const elsewhere = scratchHistory()
    try {
      const report = await rollback(bench.sandbox.url, elsewhere.dir, {api: restApiId, stage: 'v1', to: deploymentBefore})
      expect(report).toMatchObject({converged: true, toDeploymentId: deploymentBefore})
      expect(report.restored.map((entry) => entry.setting)).toEqual([
        'binaryMediaTypes application/octet-stream',
        'binaryMediaTypes image/jpeg',
        'PUT /lambda integration contentHandling',
      ])
      expect(await stageExport(bench.client, restApiId)).toBe(exportBefore)
      // The rollback is journaled like any write, so it can be undone in turn.
      expect(elsewhere.journals(restApiId)).toHaveLength(1)
    } finally {
      elsewhere.remove()
    }
  })

  it.each([
    ['no journal and no --to', {}, 'No journal of REST API'],
    ['an unknown deployment', {to: 'nosuch'}, '--to nosuch: REST API'],
  ])('refuses %s: exit 2, nothing written', async (_name, variant, message) => {
    const restApiId = await driftedImageApi(bench.client)
    const before = await callCount(bench.sandbox.url)
    const refused = rollback(bench.sandbox.url, scratch.current.dir, {api: restApiId, stage: 'v1', ...variant})
    await expect(refused).rejects.toMatchObject({oclif: {exit: ExitCode.usage}})
    await expect(refused).rejects.toThrow(message)
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
  })

  it('refuses a journal of another API', async () => {
    const first = await driftedImageApi(bench.client)
    const second = await driftedImageApi(bench.client)
    const applied = await apply(bench.sandbox.url, scratch.current.dir, {api: first, specFile: SPEC, stage: 'v1'})
    const refused = rollback(bench.sandbox.url, scratch.current.dir, {api: second, journalFile: applied.journal!})
    await expect(refused).rejects.toThrow(`records REST API ${first}, not ${second}`)
  })

  it('says exactly what it could not restore, and does not record the rollback as done, when a write does not hold', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const applied = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1'})
    // A writer that answers UpdateRestApi but changes nothing: the binary media types stay as apply left them.
    const createClient = async (connection: AwsConnectionOptions) => {
      const client = await connectApiGateway(connection)
      return Object.assign(Object.create(client) as typeof client, {updateRestApi: async () => undefined})
    }
    const report = await rollback(bench.sandbox.url, scratch.current.dir, {api: restApiId, stage: 'v1'}, {createClient})
    expect(report.converged).toBe(false)
    expect(report.notRestored).toEqual([
      {setting: 'binaryMediaTypes application/octet-stream', wanted: 'not listed', found: 'listed'},
      {setting: 'binaryMediaTypes image/jpeg', wanted: 'not listed', found: 'listed'},
    ])
    expect(report.restored.map((entry) => entry.setting)).toEqual(['PUT /lambda integration contentHandling'])
    expect(readJournalEntries(applied.journal!).map((entry) => entry.entry)).not.toContain('rolled-back')
    const text = renderRollback(report, new Ansis(0))
    expect(text).toContain('Not rolled back completely: the re-read API differs from what rollback wrote:\n  binaryMediaTypes application/octet-stream: wanted not listed, found listed')
    // Run again with a writer that writes, it finishes the job.
    expect(await rollback(bench.sandbox.url, scratch.current.dir, {api: restApiId, stage: 'v1'})).toMatchObject({converged: true, notRestored: []})
  })

  it("refuses a journal planted under an API's folder that records another API or stage, before any write", async () => {
    const first = await driftedImageApi(bench.client)
    const second = await driftedImageApi(bench.client)
    const applied = await apply(bench.sandbox.url, scratch.current.dir, {api: first, specFile: SPEC, stage: 'v1'})
    // The first API's journal, copied into the second's folder under a name that says stage v1.
    const planted = join(scratch.current.dir, second, basename(applied.journal!).replace(/^\d+/, '000009'))
    mkdirSync(join(scratch.current.dir, second), {recursive: true})
    copyFileSync(applied.journal!, planted)
    const before = await callCount(bench.sandbox.url)
    const refused = rollback(bench.sandbox.url, scratch.current.dir, {api: second, stage: 'v1'})
    await expect(refused).rejects.toMatchObject({oclif: {exit: ExitCode.usage}})
    await expect(refused).rejects.toThrow(`${planted}: records REST API ${first} stage v1, not ${second} stage v1 as its place in the history says`)
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
  })
})

describe('the thumbnail service with */* added', () => {
  async function brokenPreflights(): Promise<string> {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json')
    await patchBinaryMediaTypes(bench.client, restApiId, 'add', '/binaryMediaTypes/*~1*')
    await deploy(bench.client, restApiId)
    return restApiId
  }

  it('without a spec governing them, plan and apply leave the failing preflights as they are and say so, as audit reports them', async () => {
    const restApiId = await brokenPreflights()
    const before = await callCount(bench.sandbox.url)
    const connection = {region: 'us-east-1', endpointUrl: bench.sandbox.url}

    const audited = await audit(bench.sandbox.url, {api: restApiId, stage: 'v1'})
    const planned = await planChanges({api: restApiId, stage: 'v1', cwd: scratch.current.dir, connection})
    const applied = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, stage: 'v1'})

    const hazards = audited.findings.filter((finding) => finding.kind === 'preflight-hazard').map((finding) => finding.id)
    expect(hazards).toHaveLength(2)
    expect(audited.inSync).toBe(false)
    // plan agrees with audit: nothing it will change, and the same two findings left standing (exit 3).
    expect(planned.requests).toEqual([])
    expect(planned.standing.map((finding) => finding.id)).toEqual(hazards)
    expect(renderPlan(planned.plan, planned.requests, new Ansis(0), {}, planned.standing)).toContain(
      'Left as they are: 2 findings, since they fail today on routes the spec does not govern: pass --fix-hazards, or give the routes a rule in the spec:\n  error preflight-hazard OPTIONS /thumbnails/{key}',
    )
    expect(applied).toMatchObject({outcome: 'nothing-to-change', converged: true})
    expect(applied.standing.map((finding) => finding.id)).toEqual(hazards)
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
  })

  it('apply --fix-hazards converts its preflights to text with the fewest writes, and rollback undoes it', async () => {
    const restApiId = await brokenPreflights()
    const exportBefore = await stageExport(bench.client, restApiId)
    const before = await callCount(bench.sandbox.url)

    const report = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, stage: 'v1', fixHazards: true})

    // The preflights' responses have no mapping template: CONVERT_TO_TEXT on the integrations is the whole fix (aws/chalice #1310).
    expect((await writesSince(bench.sandbox.url, before)).map((line) => line.split(' ')[0])).toEqual(['UpdateIntegration', 'UpdateIntegration', 'CreateDeployment'])
    expect(report.converged).toBe(true)
    await rollback(bench.sandbox.url, scratch.current.dir, {api: restApiId, stage: 'v1'})
    expect(await stageExport(bench.client, restApiId)).toBe(exportBefore)
  })
})

describe('not converging', () => {
  it('reports not converged, naming the findings that remain, when the spec itself keeps a route broken', async () => {
    const restApiId = await importFixture(bench.client, 'thumbnail-service.oas30.json')
    // */* with preflights left unconverted: the spec asks for what breaks the CORS preflights.
    const spec = bench.specFile('fights-preflight.yaml', ['version: 1', 'binaryMediaTypes: ["*/*"]', 'routes:', '  "OPTIONS *":', '    request: PASSTHROUGH'])

    const report = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: spec, stage: 'v1'})

    expect(report.outcome).toBe('applied')
    expect(report.converged).toBe(false)
    expect(report.remaining.map((finding) => [finding.kind, finding.httpMethod, finding.resourcePath])).toEqual([
      ['preflight-hazard', 'OPTIONS', '/thumbnails/{key}'],
      ['preflight-hazard', 'OPTIONS', '/upload'],
    ])
    expect(renderApply(report, new Ansis(0))).toContain('Not converged:\n  error preflight-hazard OPTIONS /thumbnails/{key}')
  })
})
