// history: the journals of an API, listed from the history directory without calling AWS, each with
// the rollback command that undoes it; pasted, that command rolls the older apply back.
import {appendFileSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import type {Sandbox} from '../../src/sandbox/server.js'
import {apply, driftedImageApi, stageDeployment} from '../e2e/apply-support.js'
import {fixturePath} from '../e2e/audit-support.js'
import {killStrayClis, runCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

const SPEC = fixturePath('image-api.oas30.json')
let sandbox: Sandbox
let client: APIGatewayClient
let scratch: string
const savedEnv = {...process.env}

beforeAll(async () => {
  // The applies that make the journals run in this process, with the CLI's environment.
  for (const [key, value] of Object.entries(sandboxCliEnv())) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  sandbox = await startTestSandbox()
  client = sdkClient(sandbox.url)
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-history-'))
})

afterAll(async () => {
  killStrayClis()
  client.destroy()
  await sandbox.close()
  rmSync(scratch, {recursive: true, force: true})
  process.env = savedEnv
})

describe('history', () => {
  it('lists each journal of the API oldest first, with what changed and how it ended; its undo command rolls that apply back', async () => {
    const history = join(scratch, 'history')
    const restApiId = await driftedImageApi(client)
    const first = await apply(sandbox.url, history, {api: restApiId, specFile: SPEC, stage: 'v1', only: ['missing-binary-media-type']})
    const second = await apply(sandbox.url, history, {api: restApiId, specFile: SPEC, stage: 'v1'})
    const other = await driftedImageApi(client)
    await apply(sandbox.url, history, {api: other, specFile: SPEC, stage: 'v1'})
    // A journal cut short and edited by hand is listed as unreadable, never acted on.
    appendFileSync(second.journal!, 'not json\n{"entry": "written"}\n')
    const before = (await fetchCallLog(sandbox.url)).length

    const listed = await runCli(['history', restApiId, '--history', history], 20_000, {env: sandboxCliEnv(), cwd: scratch})
    const json = await runCli(['history', '--history', history, '--json'], 20_000, {env: sandboxCliEnv(), cwd: scratch})

    expect(listed.code).toBe(0)
    expect(withoutDevModeNoise(listed.stderr)).toEqual([])
    const text = listed.stdout
    expect(text).toContain(`${restApiId} (ApiName)`)
    expect(text).not.toContain(other)
    expect(text).toMatch(/  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC {2}apply {2}stage v1, us-east-1 {2}converged {2}\(1 write; deployment \w+ → \w+\)/)
    expect(text).toContain('    changed: binaryMediaTypes application/octet-stream; binaryMediaTypes image/jpeg')
    expect(text).toContain('    left out: PUT /lambda integration contentHandling: PASSTHROUGH (unset) → CONVERT_TO_TEXT')
    expect(text).toContain(`unreadable  ${second.journal}:`)
    expect(text.indexOf(first.journal!)).toBeGreaterThan(-1)

    expect(json.code).toBe(0)
    const document = JSON.parse(json.stdout) as {journals: Array<{path: string; readable: boolean; outcome?: string; api: {id: string}}>}
    expect(document.journals.map((entry) => [entry.api.id, entry.readable, entry.outcome ?? null])).toEqual(
      [
        [restApiId, true, 'converged'],
        [restApiId, false, null],
        [other, true, 'converged'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    )
    // Reading journals calls no AWS API.
    expect((await fetchCallLog(sandbox.url)).length).toBe(before)

    // The older apply, undone by its journal: the stage serves what it served before that apply.
    const undo = text
      .split('\n')
      .filter((line) => line.includes(`--journal ${first.journal}`))
      .map((line) => line.trim().replace(/^undo: apigw-binfix /, '').split(' '))[0]!
    expect(undo).toEqual(['rollback', restApiId, '--stage', 'v1', '--journal', first.journal, '--region', 'us-east-1'])
    const undone = await runCli([...undo, '--yes', '--endpoint-url', sandbox.url], 30_000, {env: sandboxCliEnv(), cwd: scratch})
    expect(undone.code).toBe(0)
    expect(await stageDeployment(client, restApiId)).toBe(first.previousDeploymentId)
  }, 60_000)

  it('an API without journals: exit 2 naming the directory and the APIs it holds', async () => {
    const run = await runCli(['history', 'nosuchapi', '--history', join(scratch, 'history')], 20_000, {env: sandboxCliEnv(), cwd: scratch})
    expect(run.code).toBe(2)
    expect(withoutDevModeNoise(run.stderr)).toEqual([expect.stringMatching(/^Error: No journal of REST API "nosuchapi" in .*history; it holds journals of \w+ \(ApiName\), \w+ \(ApiName\) \(pass --history DIR for another directory\)$/)])
  })
})
