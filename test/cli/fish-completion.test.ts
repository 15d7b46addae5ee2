// fish completion: a line for every command and every flag --help lists, quoted so that fish (and a
// POSIX shell) reads each line back as written; checked in fish itself where fish is installed.
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {fishCompletion} from '../../src/cli/fish-completion.js'
import {runInProcess, sourceConfig} from '../helpers/cli/in-process-cli.js'

const fishMissing = spawnSync('fish', ['--version']).error !== undefined

describe('autocomplete fish', () => {
  it('completes every command and every visible flag, values of option flags included', async () => {
    const config = await sourceConfig()
    const script = fishCompletion(config.bin, config.commands)
    for (const command of config.commands.filter((entry) => !entry.hidden)) {
      if (!command.id.includes(':')) expect(script).toContain(`-n __fish_use_subcommand -a ${command.id} -d `)
      for (const [name, flag] of Object.entries(command.flags)) {
        if (flag.hidden) continue
        const line = script.split('\n').find((text) => text.includes(`__fish_seen_subcommand_from ${command.id.split(':').at(-1)}'`) && text.includes(` -l ${name} `))
        expect({command: command.id, name, line: line !== undefined}).toEqual({command: command.id, name, line: true})
      }
    }
    expect(script).toContain("-l format -x -a 'json yaml'")
    expect(script).toContain("-l spec -r -F -d ")
    // An apostrophe in a summary survives quoting; POSIX sh parses every line too.
    expect(script).toContain("'Judge a live REST API'\\''s binary handling")
    expect(() => execFileSync('sh', ['-n'], {input: script})).not.toThrow()
  })

  it('is what `apigw-binfix autocomplete fish` prints, exit 0', async () => {
    const config = await sourceConfig()
    const run = await runInProcess(['autocomplete', 'fish'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(fishCompletion(config.bin, config.commands))
  })

  ;(fishMissing ? it.skip : it)('fish reads it and completes commands and flags from it', async () => {
    const config = await sourceConfig()
    const script = fishCompletion(config.bin, config.commands)
    const file = join(mkdtempSync(join(tmpdir(), 'apigw-binfix-fish-')), 'apigw-binfix.fish')
    writeFileSync(file, script)
    expect(() => execFileSync('fish', ['-n', file])).not.toThrow()
    const complete = (line: string) => execFileSync('fish', ['-c', `source ${file}; complete -C ${JSON.stringify(line)}`], {encoding: 'utf8'})
    expect(complete('apigw-binfix au')).toMatch(/^audit\t/m)
    expect(complete('apigw-binfix apply --sta')).toMatch(/^--stage\t/m)
  })
})
