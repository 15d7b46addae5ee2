// apply on the sample image API in a sandbox, through the real SDK adapters: the typical drift (both
// binary media types lost, CONVERT_TO_TEXT gone from PUT, deployed that way) fixed with the fewest writes
// in the documented order, one redeploy, a journal, and a re-audit that proves convergence.
import {existsSync, readFileSync} from 'node:fs'

import {Ansis} from 'ansis'

import {UsageError} from '../../src/core/errors.js'
import {ExitCode} from '../../src/core/exit-codes.js'
import {readJournalEntries} from '../../src/history/journal-store.js'
import {renderApply} from '../../src/ui/apply-view.js'
import {fetchCallLog} from '../helpers/sandbox.js'
import {TestIoHost} from '../helpers/test-io-host.js'
import {apply, callCount, driftedImageApi, stageDeployment, useScratchHistory, writesSince} from './apply-support.js'
import {audit, fixturePath, resourceId, useAuditBench} from './audit-support.js'

const SPEC = fixturePath('image-api.oas30.json')
const bench = useAuditBench()
const scratch = useScratchHistory()

describe('apply --yes on the drifted image API', () => {
  it('sends one UpdateRestApi, one UpdateIntegration, then one CreateDeployment, and converges', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const lambda = await resourceId(bench.client, restApiId, '/lambda')
    const before = await callCount(bench.sandbox.url)
    const deployedBefore = await stageDeployment(bench.client, restApiId)

    const report = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1'})

    expect(await writesSince(bench.sandbox.url, before)).toEqual([
      `UpdateRestApi PATCH /restapis/${restApiId}`,
      `UpdateIntegration PATCH /restapis/${restApiId}/resources/${lambda}/methods/PUT/integration`,
      `CreateDeployment POST /restapis/${restApiId}/deployments`,
    ])
    expect(report).toMatchObject({outcome: 'applied', converged: true, remaining: [], unexpected: '', previousDeploymentId: deployedBefore})
    expect(report.requests.map((call) => call.operation)).toEqual(['UpdateRestApi', 'UpdateIntegration', 'CreateDeployment'])
    expect(report.requests[0]).toMatchObject({
      patchOperations: [
        {op: 'add', path: '/binaryMediaTypes/application~1octet-stream'},
        {op: 'add', path: '/binaryMediaTypes/image~1jpeg'},
      ],
    })
    expect(report.deploymentId).not.toBe(deployedBefore)
    expect(await stageDeployment(bench.client, restApiId)).toBe(report.deploymentId)
    expect((await audit(bench.sandbox.url, {api: restApiId, specFile: SPEC, stage: 'v1'})).inSync).toBe(true)
  })

  it('describes the deployment by what changed', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const report = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1'})
    const deployment = report.requests.at(-1)
    expect(deployment).toMatchObject({operation: 'CreateDeployment', stageName: 'v1'})
    const description = (deployment as {description: string}).description
    expect(description).toContain('binaryMediaTypes image/jpeg → listed')
    expect(description).toContain('PUT /lambda integration contentHandling → CONVERT_TO_TEXT')
  })

  it('journals the prior values and deployment before the first write, then every step', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const deployedBefore = await stageDeployment(bench.client, restApiId)
    const report = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1'})

    expect(report.journal).not.toBeNull()
    expect(scratch.current.journals(restApiId)).toEqual([report.journal])
    const entries = readJournalEntries(report.journal!)
    expect(entries.map((entry) => entry.entry)).toEqual(['begin', 'write', 'written', 'write', 'written', 'deploy', 'deployed', 'converged'])
    expect(entries[0]).toMatchObject({
      api: {id: restApiId},
      region: 'us-east-1',
      stage: 'v1',
      priorDeploymentId: deployedBefore,
      prior: [
        {setting: 'binaryMediaType', mediaType: 'application/octet-stream', listed: false},
        {setting: 'binaryMediaType', mediaType: 'image/jpeg', listed: false},
        {setting: 'integration', resourcePath: '/lambda', httpMethod: 'PUT', contentHandling: null},
      ],
    })
    expect(entries.at(-1)).toMatchObject({entry: 'converged', converged: true, deploymentId: report.deploymentId})
    // Credentials never reach the journal.
    expect(readFileSync(report.journal!, 'utf8')).not.toMatch(/AKID|secret/i)
  })

  it('a second apply on the converged API makes no write and says so', async () => {
    const restApiId = await driftedImageApi(bench.client)
    await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1'})
    const before = await callCount(bench.sandbox.url)

    const again = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1'})

    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
    expect(again).toMatchObject({outcome: 'nothing-to-change', converged: true, requests: [], journal: null})
    expect(scratch.current.journals(restApiId)).toHaveLength(1)
  })

  it('--no-deploy patches the working copy and leaves the stage on its deployment', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const deployedBefore = await stageDeployment(bench.client, restApiId)
    const before = await callCount(bench.sandbox.url)

    const report = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1', deploy: false})

    expect((await writesSince(bench.sandbox.url, before)).map((line) => line.split(' ')[0])).toEqual(['UpdateRestApi', 'UpdateIntegration'])
    expect(report).toMatchObject({outcome: 'patched-not-deployed', deploymentId: null, converged: true})
    expect(await stageDeployment(bench.client, restApiId)).toBe(deployedBefore)
    const staged = await audit(bench.sandbox.url, {api: restApiId, specFile: SPEC, stage: 'v1'})
    // The working copy is right; only the stage still serves the old one.
    expect(staged.findings.length).toBeGreaterThan(0)
    expect(new Set(staged.findings.map((finding) => finding.kind))).toEqual(new Set(['undeployed-change']))
  })

  it('apply after --no-deploy only redeploys, and converges on the new deployment', async () => {
    const restApiId = await driftedImageApi(bench.client)
    await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1', deploy: false})
    const before = await callCount(bench.sandbox.url)

    const report = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1'})

    expect(await writesSince(bench.sandbox.url, before)).toEqual([`CreateDeployment POST /restapis/${restApiId}/deployments`])
    expect(report).toMatchObject({outcome: 'applied', converged: true, remaining: []})
    expect(await stageDeployment(bench.client, restApiId)).toBe(report.deploymentId)
  })

  it('--dry-run lists the requests and writes nothing, not even a journal', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const before = await callCount(bench.sandbox.url)

    const report = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1', dryRun: true})

    expect(report.outcome).toBe('dry-run')
    expect(report.requests.map((call) => call.operation)).toEqual(['UpdateRestApi', 'UpdateIntegration', 'CreateDeployment'])
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
    expect(scratch.current.journals(restApiId)).toEqual([])
  })
})

describe('asking before writing', () => {
  it('refuses without a terminal and without --yes: exit 2, nothing written', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const before = await callCount(bench.sandbox.url)

    const refused = apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1', yes: false, interactive: false})

    await expect(refused).rejects.toBeInstanceOf(UsageError)
    await expect(refused).rejects.toThrow('pass --yes')
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
    expect(scratch.current.journals(restApiId)).toEqual([])
  })

  it('applies only the changes chosen, and counts the rest as left out rather than unconverged', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const prompter = new TestIoHost({
      select: () => 'choose',
      keep: (_message, values) => values.filter((key) => String(key).includes('image/jpeg')),
    })
    const before = await callCount(bench.sandbox.url)

    const report = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1', yes: false, interactive: true}, {io: prompter})

    expect(prompter.asked).toEqual([expect.stringMatching(/^Apply 3 changes to .* and redeploy stage v1\?$/), 'Changes to apply'])
    expect(await writesSince(bench.sandbox.url, before)).toEqual([`UpdateRestApi PATCH /restapis/${restApiId}`, `CreateDeployment POST /restapis/${restApiId}/deployments`])
    expect(report.requests[0]).toMatchObject({patchOperations: [{op: 'add', path: '/binaryMediaTypes/image~1jpeg'}]})
    expect(report.skipped.map((change) => change.summary)).toEqual([
      'binaryMediaTypes application/octet-stream: not listed → listed',
      'PUT /lambda integration contentHandling: PASSTHROUGH (unset) → CONVERT_TO_TEXT',
    ])
    expect(report.converged).toBe(true)
    // The words are true: what was chosen converged, and what was left out still stands.
    expect(report.leftOut.map((entry) => entry.kind).sort()).toEqual(['integration-content-handling', 'missing-binary-media-type'])
    const text = renderApply(report, new Ansis(0))
    expect(text).toContain('Converged for the 1 change made: the re-read API holds them and stage v1 serves them.')
    expect(text).toContain('Not yet what the spec intends: 2 findings remain because their changes were left out:')
    expect(text).toContain('error integration-content-handling PUT /lambda')
    expect(text).not.toContain('is what the spec intends')
  })

  it('--only and --skip choose changes without a terminal, by finding kind or id, and the journal records the choice', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const before = await callCount(bench.sandbox.url)

    const report = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1', only: ['missing-binary-media-type']})

    expect(await writesSince(bench.sandbox.url, before)).toEqual([`UpdateRestApi PATCH /restapis/${restApiId}`, `CreateDeployment POST /restapis/${restApiId}/deployments`])
    expect(report.skipped.map((change) => change.summary)).toEqual(['PUT /lambda integration contentHandling: PASSTHROUGH (unset) → CONVERT_TO_TEXT'])
    expect(report).toMatchObject({converged: true, leftOut: [expect.objectContaining({kind: 'integration-content-handling'})]})
    const [begin] = readJournalEntries(report.journal!)
    expect(begin).toMatchObject({entry: 'begin', choice: {only: ['missing-binary-media-type'], skip: [], leftOut: ['PUT /lambda integration contentHandling: PASSTHROUGH (unset) → CONVERT_TO_TEXT']}})

    // The left-out change by its finding id: the only one left.
    const id = report.leftOut[0]!.id
    const rest = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1', skip: ['missing-binary-media-type'], only: [id]})
    expect(rest.changes.map((change) => change.findings)).toEqual([[id]])
    expect(rest).toMatchObject({converged: true, leftOut: []})
  })

  it('--only or --skip with a typo: exit 2 naming the kinds and what this plan resolves, nothing written', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const before = await callCount(bench.sandbox.url)
    const refused = apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1', skip: ['missing-binary-media-types']})
    await expect(refused).rejects.toMatchObject({oclif: {exit: ExitCode.usage}})
    await expect(refused).rejects.toThrow(/^--skip missing-binary-media-types: neither a finding kind \(.*\) nor a finding id \(<kind>:<10 hex digits>\); did you mean missing-binary-media-type\? This plan's changes resolve: integration-content-handling, integration-content-handling:\w+, missing-binary-media-type, /)
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
  })

  it('a standing --skip of a finding the API does not have is no error; skipping every change writes nothing and says what stands', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const before = await callCount(bench.sandbox.url)
    const report = await apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1', skip: ['preflight-hazard', 'missing-binary-media-type', 'integration-content-handling']})
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
    expect(report).toMatchObject({outcome: 'nothing-to-change', converged: true})
    expect(report.skipped).toHaveLength(3)
    expect(report.leftOut.map((entry) => entry.kind).sort()).toEqual(['integration-content-handling', 'missing-binary-media-type', 'missing-binary-media-type'])
  })

  it('asks plainly when nothing will be live: --no-deploy', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const prompter = new TestIoHost({select: () => 'cancel'})
    await expect(apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1', deploy: false, yes: false, interactive: true}, {io: prompter})).rejects.toMatchObject({oclif: {exit: ExitCode.interrupted}})
    expect(prompter.asked).toEqual([`Apply 3 changes to ${restApiId} (ApiName)? Nothing will be live until stage v1 is redeployed.`])
  })

  it('cancel at the prompt exits 130 and writes nothing', async () => {
    const restApiId = await driftedImageApi(bench.client)
    const before = await callCount(bench.sandbox.url)
    const prompter = new TestIoHost({select: () => 'cancel'})

    const cancelled = apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile: SPEC, stage: 'v1', yes: false, interactive: true}, {io: prompter})

    await expect(cancelled).rejects.toMatchObject({oclif: {exit: ExitCode.interrupted}})
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
    expect(scratch.current.journals(restApiId)).toEqual([])
  })
})

describe('bad input: one line, exit 2, nothing written', () => {
  it.each([
    ['an unknown stage', {stage: 'nope'}, 'No stage "nope"'],
    ['a spec naming a route the API lacks', {specLines: ['version: 1', 'routes:', '  "PUT /nope":', '    request: CONVERT_TO_TEXT']}, 'lacks: PUT /nope; fix the spec'],
    ['a spec naming a route one letter off', {specLines: ['version: 1', 'routes:', '  "PUT /lamda":', '    request: CONVERT_TO_TEXT']}, 'lacks: PUT /lamda (did you mean PUT /lambda?); fix the spec'],
  ])('%s', async (_name, variant, message) => {
    const restApiId = await driftedImageApi(bench.client)
    const before = await callCount(bench.sandbox.url)
    const specFile = 'specLines' in variant ? bench.specFile('unknown-route.yaml', variant.specLines) : SPEC
    const stage = 'stage' in variant ? variant.stage : 'v1'

    const refused = apply(bench.sandbox.url, scratch.current.dir, {api: restApiId, specFile, stage})

    await expect(refused).rejects.toMatchObject({oclif: {exit: ExitCode.usage}})
    await expect(refused).rejects.toThrow(message)
    expect(await writesSince(bench.sandbox.url, before)).toEqual([])
    expect(existsSync(scratch.current.dir) && scratch.current.journals(restApiId).length).toBeFalsy()
  })

  it('no stage and no --no-deploy is refused before any call', async () => {
    const before = await callCount(bench.sandbox.url)
    const refused = apply(bench.sandbox.url, scratch.current.dir, {api: 'abcdefghij', specFile: SPEC})
    await expect(refused).rejects.toThrow('pass --stage')
    expect((await fetchCallLog(bench.sandbox.url)).length).toBe(before)
  })
})
