// An unknown command on a terminal: @oclif/plugin-not-found asks "Did you mean …?", and no is still exit 2
// (usage-errors.test.ts has the one-line usage errors off a terminal). Runs util-linux script(1).
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {existsSync} from 'node:fs'

import {PROJECT_ROOT} from '../helpers/cli/child-cli.js'

describe('as a child process', () => {
  // util-linux script(1) gives the CLI a terminal, where @oclif/plugin-not-found asks.
  const withTerminal = existsSync('/usr/bin/script') ? it : it.skip
  withTerminal('on a terminal, an unknown command asks "Did you mean …?"; no is still exit 2', async () => {
    const {NODE_OPTIONS: _jestOnly, ...env} = process.env
    const child = spawn('/usr/bin/script', ['-qefc', `${process.execPath} bin/dev.js aduit`, '/dev/null'], {cwd: PROJECT_ROOT, env: {...env, NO_COLOR: '1'}})
    let output = ''
    let answered = false
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      if (!answered && output.includes('Did you mean audit?')) {
        answered = true
        child.stdin.write('n\r')
      }
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    const [code] = (await once(child, 'close')) as [number | null]
    clearTimeout(timer)
    expect(answered).toBe(true)
    expect(code).toBe(2)
    expect(output).toContain('Error: aduit is not an apigw-binfix command; did you mean audit?')
  })
})
