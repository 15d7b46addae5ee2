// `apigw-binfix sandbox --fleet FILE` as a user runs it: a child process of the CLI from sources.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {killStrayClis, runCli, spawnCli, withoutDevModeNoise} from '../../helpers/cli/child-cli.js'

const SAMPLE = 'fixtures/fleet/sample.fleet.yaml'

let scratch: string
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'apigw-binfix-sandbox-fleet-cmd-'))
})
afterAll(() => {
  killStrayClis()
  rmSync(scratch, {recursive: true, force: true})
})

describe('sandbox --fleet', () => {
  it('reports the fleet it made in --json and tells a person in one line', async () => {
    const json = spawnCli(['sandbox', '--port', '0', '--json', '--fleet', SAMPLE])
    try {
      const started = await json.firstJson()
      expect(started.fleet).toEqual({file: SAMPLE, accounts: 4, accountRegions: 5, restApis: 19, stacks: 6})
    } finally {
      json.child.kill('SIGINT')
    }
    expect((await json.closed).code).toBe(0)

    const text = spawnCli(['sandbox', '--port', '0', '--fleet', SAMPLE])
    try {
      const stdout = await text.waitForText('Press Ctrl-C to stop.')
      expect(stdout).toContain(`  fleet from ${SAMPLE}: 4 accounts, 19 REST APIs (6 owned by stacks) in 5 account-Regions`)
    } finally {
      text.child.kill('SIGTERM')
    }
    const exit = await text.closed
    expect(exit.code).toBe(0)
    expect(withoutDevModeNoise(exit.stderr)).toEqual([])
  }, 60_000)

  it('refuses a bad fleet file with exit 2 and one line naming the file, line and column', async () => {
    const file = join(scratch, 'bad.fleet.yaml')
    writeFileSync(file, 'version: 1\naccounts:\n  - id: "12345"\n    name: short\n')
    const run = await runCli(['sandbox', '--port', '0', '--fleet', file], 30_000)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(withoutDevModeNoise(run.stderr)).toEqual([`Error: --fleet ${file}:3:9: accounts[0].id: an account id is 12 digits, written as a string (got "12345")`])
  }, 60_000)
})
