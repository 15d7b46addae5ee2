// A sample of the fuzzed specs (test/desired-spec/fuzz-spec.test.ts runs thousands in process) through the CLI
// as users run it: audit and plan against a sandbox over HTTP. Each run costs about a second, so a few
// dozen. Whatever the spec, the run ends with a documented exit code, at most one short `Error:` line and
// no stack trace, and writes nothing.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {APIGatewayClient} from '@aws-sdk/client-api-gateway'
import fc from 'fast-check'

import type {Sandbox} from '../../src/sandbox/server.js'
import {importFixture} from '../e2e/audit-support.js'
import {killStrayClis, runCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'
import {fetchCallLog, sandboxCliEnv, sdkClient, startTestSandbox} from '../helpers/sandbox.js'
import {fuzzedSpecs} from '../helpers/spec-arbitraries.js'

// Each run is a CLI process (about a second): a dozen, against the loader's thousands in process.
const CASES = fc.sample(fuzzedSpecs(), {seed: 4_242, numRuns: 12}).map((fuzzCase, index) => ({
  ...fuzzCase,
  index,
  command: index % 2 === 0 ? 'audit' : 'plan',
}))

let sandbox: Sandbox
let client: APIGatewayClient
let scratch: string
let apiId: string
const exitCodes = new Set<number | null>()

beforeAll(async () => {
  sandbox = await startTestSandbox()
  client = sdkClient(sandbox.url)
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-fuzz-cli-'))
  apiId = await importFixture(client, 'image-api.oas30.json')
  // The set-up's own writes are not the commands'.
  await fetch(`${sandbox.url}/_sandbox/calls`, {method: 'DELETE'})
})

afterAll(async () => {
  killStrayClis()
  client.destroy()
  await sandbox.close()
  rmSync(scratch, {recursive: true, force: true})
})

describe('audit and plan with fuzzed specs (CLI)', () => {
  it.each(CASES)('#$index $command after $steps', async ({text, index, command}) => {
    const spec = join(scratch, `spec-${index}.yaml`)
    writeFileSync(spec, text)
    const run = await runCli([command, apiId, '--stage', 'v1', '--spec', spec, '--endpoint-url', sandbox.url], 30_000, {env: sandboxCliEnv(), cwd: scratch})
    exitCodes.add(run.code)
    const lines = withoutDevModeNoise(run.stderr)
    const outcome = {
      documentedExit: [0, 2, 3].includes(run.code ?? -1),
      errorLines: lines.filter((line) => line.startsWith('Error:')).length,
      stackLines: lines.filter((line) => /^\s+at /.test(line)),
      // The spec's own path, then a short message: a value of the spec is never echoed in full.
      longLines: lines.filter((line) => line.length > spec.length + 400).map((line) => `${line.slice(0, 200)}… (${line.length} characters)`),
    }
    expect(outcome).toEqual({documentedExit: true, errorLines: run.code === 2 ? 1 : 0, stackLines: [], longLines: []})
  })

  it('the sample held specs refused and specs read', () => {
    expect(exitCodes.has(2)).toBe(true)
    expect(exitCodes.has(0) || exitCodes.has(3)).toBe(true)
  })

  it('made no mutating call', async () => {
    expect((await fetchCallLog(sandbox.url)).filter((call) => call.mutating)).toEqual([])
  })
})
