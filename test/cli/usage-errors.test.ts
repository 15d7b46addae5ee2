// Every usage error is one line and exit 2 (README "Exit codes"). The bad command lines are generated from
// each registered command's flags, so a new command or flag is covered without touching this file; they
// run in this process (oclif's execute with its output captured), a handful as a real child process.
import {tmpdir} from 'node:os'

import type {Command} from '@oclif/core'

import {COMMANDS} from '../../commands/index.js'
import {killStrayClis, runCli, withoutDevModeNoise} from '../helpers/cli/child-cli.js'
import {runInProcess, sourceConfig} from '../helpers/cli/in-process-cli.js'

interface Case {
  args: string[]
  /** Text the one line must contain: the flag or value at fault. */
  names?: string
}

type FlagDefinition = Command.Flag.Any & {options?: readonly string[]; exclusive?: string[]; dependsOn?: string[]}

// A value every flag that takes one accepts while parsing (options flags get their first option).
const valueFor = (flag: FlagDefinition) => (flag.options?.[0] ?? 'x')
const takesValue = (flag: FlagDefinition) => flag.type !== 'boolean'
const given = (name: string, flag: FlagDefinition) => (takesValue(flag) ? [`--${name}`, valueFor(flag)] : [`--${name}`])

/** The bad command lines for one command, from its flags and arguments. */
function casesFor(id: string, command: Command.Class): Case[] {
  const flags = Object.entries({...command.baseFlags, ...command.flags}) as Array<[string, FlagDefinition]>
  const cases: Case[] = [
    {args: [id, '--no-such-flag'], names: '--no-such-flag'},
    {args: [id, '-Z'], names: '-Z'},
    {args: [id, ...Array.from({length: Object.keys(command.args ?? {}).length + 1}, (_, index) => `extra${index}`)], names: 'extra'},
  ]
  for (const [name, flag] of flags) {
    if (takesValue(flag)) cases.push({args: [id, `--${name}`], names: `--${name}`})
    if (takesValue(flag) && !flag.multiple) cases.push({args: [id, `--${name}`, valueFor(flag), `--${name}`, valueFor(flag)], names: `--${name}`})
    if (flag.options) cases.push({args: [id, `--${name}`, 'no-such-option'], names: `--${name}`})
    for (const other of flag.exclusive ?? []) {
      const otherFlag = command.flags[other] as FlagDefinition | undefined
      if (otherFlag) cases.push({args: [id, ...given(name, flag), ...given(other, otherFlag)], names: `--${name}`})
    }
    for (const needed of flag.dependsOn ?? []) cases.push({args: [id, ...given(name, flag)], names: `--${needed}`})
    if (name === 'stage' || name.endsWith('-stage')) {
      for (const bad of ['v1/prod', 'x'.repeat(129), 'a b', '', `v1\nv2`]) cases.push({args: [id, `--${name}`, bad], names: `--${name}`})
    }
  }
  return cases
}

const commands = Object.entries(COMMANDS) as unknown as Array<[string, Command.Class]>
const cases = commands.flatMap(([id, command]) => casesFor(id, command))
const label = (args: string[]) => args.map((arg) => (arg.length > 20 ? `${arg.slice(0, 12)}…(${arg.length})` : JSON.stringify(arg))).join(' ')

afterAll(() => killStrayClis())

test('every command has bad command lines to try', () => {
  for (const [id] of commands) expect({id, cases: cases.filter((entry) => entry.args[0] === id).length}).toEqual({id, cases: expect.any(Number)})
  expect(cases.length).toBeGreaterThan(commands.length * 5)
})

describe.each(commands.map(([id]) => id))('%s', (id) => {
  it('refuses every bad command line with exit 2 and one line naming what is wrong', async () => {
    const outcomes = []
    for (const {args, names} of cases.filter((entry) => entry.args[0] === id)) {
      const run = await runInProcess(args)
      const lines = withoutDevModeNoise(run.stderr)
      outcomes.push({args: label(args), code: run.code, lines, stdout: run.stdout, names: names === undefined || lines[0]?.includes(names) === true})
    }
    const wrong = outcomes.filter(
      (outcome) => outcome.code !== 2 || outcome.lines.length !== 1 || !/^Error: \S/.test(outcome.lines[0]!) || outcome.stdout !== '' || !outcome.names,
    )
    expect(wrong).toEqual([])
  })

  it('with --json, prints one JSON document with error.exitCode 2 and nothing on stderr', async () => {
    const wrong = []
    for (const {args} of cases.filter((entry) => entry.args[0] === id)) {
      const run = await runInProcess([...args, '--json'])
      let document: {error?: {exitCode?: number; message?: string}} | undefined
      try {
        document = JSON.parse(run.stdout) as typeof document
      } catch {
        document = undefined
      }
      const ok = run.code === 2 && document?.error?.exitCode === 2 && !document.error.message?.includes('\n') && withoutDevModeNoise(run.stderr).length === 0
      if (!ok) wrong.push({args: label(args), code: run.code, stdout: run.stdout.slice(0, 200), stderr: run.stderr.slice(0, 200)})
    }
    expect(wrong).toEqual([])
  })
})

describe.each(commands.map(([id]) => id))('%s', (id) => {
  it('suggests the flag meant for a flag typed without its last letter', async () => {
    const command = COMMANDS[id as keyof typeof COMMANDS] as unknown as Command.Class
    const wrong = []
    for (const name of Object.keys({...command.baseFlags, ...command.flags})) {
      const run = await runInProcess([id, `--${name.slice(0, -1)}`])
      const lines = withoutDevModeNoise(run.stderr)
      const expected = `Error: Unknown flag --${name.slice(0, -1)}; did you mean --${name}?`
      if (run.code !== 2 || lines.length !== 1 || lines[0] !== expected) wrong.push({name, code: run.code, lines})
    }
    expect(wrong).toEqual([])
  })
})

test('no suggestion for a flag like none of the command\'s', async () => {
  const run = await runInProcess(['audit', '--completely-different'])
  expect(withoutDevModeNoise(run.stderr)).toEqual(['Error: Unknown flag --completely-different'])
})

test("the plugins' commands (help, autocomplete) refuse bad command lines the same way", async () => {
  const config = await sourceConfig()
  const pluginCommands = config.commands.filter((command) => !(command.id in COMMANDS) && !command.hidden).map((command) => command.id)
  expect(pluginCommands).toEqual(expect.arrayContaining(['autocomplete', 'help']))
  const outcomes = []
  for (const args of [...pluginCommands.map((id) => [id, '--no-such-flag']), ['autocomplete', 'tcsh'], ['autocomplete', '--refresh-cach']]) {
    const run = await runInProcess(args)
    outcomes.push({args: args.join(' '), code: run.code, lines: withoutDevModeNoise(run.stderr)})
  }
  expect(outcomes).toEqual([
    ...pluginCommands.map((id) => ({args: `${id} --no-such-flag`, code: 2, lines: ['Error: Unknown flag --no-such-flag']})),
    {args: 'autocomplete tcsh', code: 2, lines: ['Error: Expected tcsh to be one of: zsh, bash, powershell']},
    {args: 'autocomplete --refresh-cach', code: 2, lines: ['Error: Unknown flag --refresh-cach; did you mean --refresh-cache?']},
  ])
})

test('a bad stage name is named, but a huge one is not echoed in full', async () => {
  const run = await runInProcess(['audit', 'x', '--stage', 'y'.repeat(10_000)])
  expect(run.code).toBe(2)
  const [line] = withoutDevModeNoise(run.stderr)
  expect(line).toMatch(/^Error: --stage y+… \(10000 characters\): not a stage name/)
  expect(line!.length).toBeLessThan(200)
})

test('a flag of the wrong type is one line naming it', async () => {
  const run = await runInProcess(['sandbox', '--port', 'abc'])
  expect({code: run.code, lines: withoutDevModeNoise(run.stderr)}).toEqual({code: 2, lines: ['Error: --port: Expected an integer but received: abc']})
})

test('sandbox --state naming a directory: one line naming --state, exit 2', async () => {
  const run = await runInProcess(['sandbox', '--port', '0', '--state', tmpdir()])
  expect({code: run.code, lines: withoutDevModeNoise(run.stderr)}).toEqual({code: 2, lines: [`Error: --state ${tmpdir()}: is a directory; name a file`]})
})

describe('as a child process', () => {
  it.each([
    ['apply', ['--binary-type', 'image/png']],
    ['rollback', []],
  ])('%s --history naming a file: refused before any call, one line naming --history, exit 2', async (command, extra) => {
    // Nothing listens on port 9: a call made before the refusal would fail with exit 1 instead.
    const target = ['a1b2c3d4e5', '--stage', 'v1', '--yes', '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1']
    const run = await runCli([command, ...target, ...extra, '--history', '/dev/null'])
    expect({code: run.code, lines: withoutDevModeNoise(run.stderr)}).toEqual({code: 2, lines: ['Error: --history /dev/null: not a directory']})
  })

  it('an unknown command: one line, exit 2, naming the nearest command when one is close', async () => {
    const [unrelated, typo] = await Promise.all([runCli(['nosuchcmd']), runCli(['aduit', 'x'])])
    expect({code: unrelated.code, lines: withoutDevModeNoise(unrelated.stderr)}).toEqual({
      code: 2,
      lines: ['Error: nosuchcmd is not an apigw-binfix command; see apigw-binfix --help for the commands'],
    })
    expect({code: typo.code, lines: withoutDevModeNoise(typo.stderr)}).toEqual({code: 2, lines: ['Error: aduit is not an apigw-binfix command; did you mean audit?']})
  })

  it('help for an unknown command (`aduit --help`, `help nosuch`): one line naming the nearest command, exit 2', async () => {
    const [flag, command] = await Promise.all([runCli(['aduit', '--help']), runCli(['help', 'nosuch'])])
    expect({code: flag.code, lines: withoutDevModeNoise(flag.stderr)}).toEqual({code: 2, lines: ['Error: aduit is not an apigw-binfix command; did you mean audit?']})
    expect({code: command.code, lines: withoutDevModeNoise(command.stderr)}).toEqual({code: 2, lines: ['Error: nosuch is not an apigw-binfix command; see apigw-binfix --help for the commands']})
  })

  it('an unknown flag with --json: one document, exit 2', async () => {
    const run = await runCli(['audit', '--no-such-flag', '--json'])
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toEqual({schemaVersion: 1, error: {code: 'USAGE', message: expect.stringContaining('--no-such-flag'), exitCode: 2}})
    expect(withoutDevModeNoise(run.stderr)).toEqual([])
  })

  it('-h is --help, for the CLI and for a command', async () => {
    const [root, audit] = await Promise.all([runCli(['-h']), runCli(['audit', '-h'])])
    expect({code: root.code, stderr: withoutDevModeNoise(root.stderr)}).toEqual({code: 0, stderr: []})
    expect(root.stdout).toContain('USAGE')
    expect({code: audit.code, stderr: withoutDevModeNoise(audit.stderr)}).toEqual({code: 0, stderr: []})
    expect(audit.stdout).toContain('$ apigw-binfix audit')
  })
})
