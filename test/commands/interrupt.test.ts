// Ctrl-C in a real terminal (script(1)). At apply's question: exit 130, nothing written. While apply or
// rollback writes, with the live task list running: the write in flight is finished and journaled, nothing
// further is sent, the run says what was and was not done and how to finish or undo it, and exits 130;
// the printed command then finishes the job.
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {APIGatewayClient} from '@aws-sdk/client-api-gateway'

import {readJournalEntries} from '../../src/history/journal-store.js'
import type {Sandbox} from '../../src/sandbox/server.js'
import {driftedImageApi, stageDeployment, stageExport} from '../e2e/apply-support.js'
import {fixturePath} from '../e2e/audit-support.js'
import {killStrayClis, runCli} from '../helpers/cli/child-cli.js'
import {KEY, spawnInTerminal} from '../helpers/cli/pty.js'
import {fetchCallLog, sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'

const SPEC = fixturePath('image-api.oas30.json')
let sandbox: Sandbox
let client: APIGatewayClient
let scratch: string

beforeAll(async () => {
  sandbox = await startTestSandbox()
  client = sdkClient(sandbox.url)
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-interrupt-'))
})

afterAll(async () => {
  killStrayClis()
  await admin('POST', 'release')
  client.destroy()
  await sandbox.close()
  rmSync(scratch, {recursive: true, force: true})
})

async function admin(method: string, action: string, body?: unknown): Promise<{heldAnswers?: number}> {
  const response = await fetch(`${sandbox.url}/_sandbox/${action}`, {method, ...(body === undefined ? {} : {body: JSON.stringify(body), headers: {'content-type': 'application/json'}})})
  return (await response.json()) as {heldAnswers?: number}
}

async function untilAnswerHeld(): Promise<void> {
  const deadline = Date.now() + 20_000
  while ((await admin('GET', 'health')).heldAnswers !== 1) {
    if (Date.now() > deadline) throw new Error('no write answer was held')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function writesSince(before: number): Promise<string[]> {
  return (await fetchCallLog(sandbox.url)).slice(before).filter((call) => call.mutating).map((call) => call.operation)
}

/** Types Ctrl-C while the first write of the run waits for its answer, then lets the answer through. */
async function interruptFirstWrite(run: ReturnType<typeof spawnInTerminal>): Promise<void> {
  await untilAnswerHeld()
  run.type(KEY.ctrlC)
  await run.waitFor('Interrupted: stopping once the request in flight is answered')
  await admin('POST', 'release')
}

describe('Ctrl-C at the prompt (a real terminal)', () => {
  it('exits 130 and writes nothing', async () => {
    const restApiId = await driftedImageApi(client)
    const before = (await fetchCallLog(sandbox.url)).length
    const run = spawnInTerminal(['apply', restApiId, '--stage', 'v1', '--spec', SPEC, '--history', join(scratch, 'prompt-history'), '--endpoint-url', sandbox.url], sandboxCliEnv())
    await run.waitFor('Apply 3 changes')
    run.type(KEY.ctrlC)

    expect(await run.exited).toBe(130)
    expect(await writesSince(before)).toEqual([])
  }, 40_000)
})

describe('Ctrl-C during writes (a real terminal)', () => {
  it('apply finishes the write in flight, sends nothing more, says how to finish or undo, exits 130; the printed command finishes it', async () => {
    const restApiId = await driftedImageApi(client)
    const history = join(scratch, 'apply-history')
    const startingDeployment = await stageDeployment(client, restApiId)
    const before = (await fetchCallLog(sandbox.url)).length
    await admin('POST', 'hold-answer', {afterWrites: 1})

    const run = spawnInTerminal(['apply', restApiId, '--stage', 'v1', '--spec', SPEC, '--history', history, '--endpoint-url', sandbox.url], sandboxCliEnv(), {columns: 400})
    await run.waitFor('Apply 3 changes')
    run.type(KEY.enter)
    await interruptFirstWrite(run)

    expect(await run.exited).toBe(130)
    const screen = run.text()
    expect(await writesSince(before)).toEqual(['UpdateRestApi'])
    expect(await stageDeployment(client, restApiId)).toBe(startingDeployment)
    expect(screen).toContain('Interrupted: 1 of 3 requests sent; nothing more was written.')
    expect(screen).toMatch(/sent {6}UpdateRestApi: 2 changes/)
    expect(screen).toMatch(/not sent {2}UpdateIntegration: PUT \/lambda integration contentHandling/)
    expect(screen).toMatch(/not sent {2}CreateDeployment v1/)
    expect(screen).toContain(`Stage v1 still serves deployment ${startingDeployment}`)
    const journal = readJournalEntries(journalPath(screen))
    expect(journal.map((entry) => entry.entry)).toEqual(['begin', 'write', 'written', 'interrupted'])

    // Pasted as printed (the terminal wraps long lines), it reaches the same sandbox and journal.
    const finish = printedCommand(screen, 'Finish it:')
    expect(finish).toEqual(['apply', restApiId, '--stage', 'v1', '--spec', SPEC, '--region', 'us-east-1', '--endpoint-url', sandbox.url, '--history', history])
    const finished = await runCli([...finish, '--yes', '--json'], 30_000, {env: sandboxCliEnv(), cwd: scratch})
    expect(finished.code).toBe(0)
    expect(JSON.parse(finished.stdout)).toMatchObject({outcome: 'applied', converged: true, journal: journalPath(screen)})
    expect(printedCommand(screen, 'Undo it:')).toEqual(['rollback', restApiId, '--stage', 'v1', '--region', 'us-east-1', '--endpoint-url', sandbox.url, '--history', history])
  }, 60_000)

  it('rollback stops after the stage is pointed back, leaves the restores unsent, exits 130; its finish command completes it', async () => {
    const restApiId = await driftedImageApi(client)
    const history = join(scratch, 'rollback-history')
    const startingExport = await stageExport(client, restApiId)
    const applied = await runCli(['apply', restApiId, '--stage', 'v1', '--spec', SPEC, '--yes', '--history', history, '--endpoint-url', sandbox.url], 30_000, {env: sandboxCliEnv(), cwd: scratch})
    expect({code: applied.code, stderr: applied.stderr}).toMatchObject({code: 0})
    const before = (await fetchCallLog(sandbox.url)).length
    await admin('POST', 'hold-answer', {afterWrites: 1})

    const run = spawnInTerminal(['rollback', restApiId, '--stage', 'v1', '--history', history, '--endpoint-url', sandbox.url], sandboxCliEnv(), {columns: 400})
    await run.waitFor('Point stage v1')
    run.type('y')
    run.type(KEY.enter)
    await interruptFirstWrite(run)

    expect(await run.exited).toBe(130)
    const screen = run.text()
    expect(await writesSince(before)).toEqual(['UpdateStage'])
    expect(screen).toContain('Interrupted: rollback stopped between writes; nothing more was written.')
    expect(screen).toMatch(/not sent {2}UpdateRestApi: restore/)
    const finish = printedCommand(screen, 'Finish it:')
    expect(finish.slice(0, 4)).toEqual(['rollback', restApiId, '--stage', 'v1'])
    const finished = await runCli([...finish, '--yes'], 30_000, {env: sandboxCliEnv(), cwd: scratch})
    expect({code: finished.code, stderr: finished.stderr}).toMatchObject({code: 0})
    expect(await stageExport(client, restApiId)).toBe(startingExport)
  }, 60_000)
})

/** The journal path the run printed. */
function journalPath(screen: string): string {
  const match = /Journal: (\S+\.jsonl)/.exec(screen)
  if (!match) throw new Error(`no journal path in:\n${screen}`)
  return match[1]!
}

/** The words after `apigw-binfix` on the line starting with `label` (no word here needs shell quoting). */
function printedCommand(screen: string, label: string): string[] {
  const line = screen.split('\n').find((text) => text.startsWith(label))
  if (!line) throw new Error(`no "${label}" line in:\n${screen}`)
  const words = line.slice(label.length).trim().split(/\s+/)
  expect(words[0]).toBe('apigw-binfix')
  const comment = words.findIndex((word) => word.startsWith('('))
  return words.slice(1, comment === -1 ? undefined : comment)
}
