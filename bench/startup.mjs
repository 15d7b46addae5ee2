#!/usr/bin/env node
// Start-up benchmark against the build (dist/ and oclif.manifest.json, from `npm run build`): cold starts of
// `--version` and `--help` next to `node -e 0`, with --version's ratio to it on a line of its own, then the
// same without the manifest (moved aside for the run and always put back) to show what it saves. Prints
// figures and ratios; asserts nothing.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, renameSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath} from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const CLI = join(ROOT, 'bin/run.js')
const MANIFEST = join(ROOT, 'oclif.manifest.json')
const MANIFEST_ASIDE = join(ROOT, 'oclif.manifest.json.bench-aside')
const TRACE_PRELOAD = new URL('../test/helpers/module-trace/register.mjs', import.meta.url).href

// A manifest an earlier run left aside (killed outright) is put back first.
if (existsSync(MANIFEST_ASIDE) && !existsSync(MANIFEST)) renameSync(MANIFEST_ASIDE, MANIFEST)
if (!existsSync(join(ROOT, 'dist/commands/index.js')) || !existsSync(MANIFEST)) {
  console.error('bench: dist/ or oclif.manifest.json is missing; run `npm run build` first')
  process.exit(1)
}

const RUNS = 15
const WARM_UP = 2
const OPTIONAL_COMMANDS = ['audit', 'sandbox']
// --version should cost at most this many times a bare `node -e 0` (DEVELOPERS.md "Start-up").
const VERSION_BUDGET = 2

// The CLI as a user runs it: no development mode, no colour, no update check.
const {NODE_ENV: _mode, NODE_OPTIONS: _options, ...inherited} = process.env
const env = {...inherited, NO_COLOR: '1'}

// ------------------------------------------------------------------------------------------ formatting

const ms = (value) => `${value.toFixed(value < 10 ? 2 : 1)} ms`
const pad = (text, width) => String(text).padEnd(width)

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

// --------------------------------------------------------------------------------------------- running

function spawnNode(args, extraEnv = {}) {
  const started = performance.now()
  const result = spawnSync(process.execPath, args, {cwd: ROOT, env: {...env, ...extraEnv}, encoding: 'utf8'})
  const elapsed = performance.now() - started
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return elapsed
}

/** Modules one run loads (ES and CommonJS), and how many of them are @aws-sdk/* or @inquirer/*. */
function modulesLoaded(args) {
  if (args[0] === '-e') return {all: 0, heavy: 0}
  const directory = mkdtempSync(join(tmpdir(), 'apigw-binfix-bench-'))
  try {
    const file = join(directory, 'trace.txt')
    spawnNode(['--import', TRACE_PRELOAD, ...args], {MODULE_TRACE_FILE: file})
    const urls = new Set(readFileSync(file, 'utf8').split('\n').filter((url) => url.startsWith('file:')))
    return {all: urls.size, heavy: [...urls].filter((url) => /\/@aws-sdk\/|\/@inquirer\//.test(url)).length}
  } finally {
    rmSync(directory, {recursive: true, force: true})
  }
}

/** Runs `action` with the manifest moved aside, and always puts it back. */
function withoutManifest(action) {
  renameSync(MANIFEST, MANIFEST_ASIDE)
  try {
    return action()
  } finally {
    renameSync(MANIFEST_ASIDE, MANIFEST)
  }
}

/**
 * Cold starts of every case, interleaved round by round (the cases without the manifest too), so that load
 * on the machine spreads over all of them alike.
 */
function measure(packaged, bare) {
  const times = new Map([...packaged, ...bare].map((entry) => [entry, []]))
  const round = (record) => {
    for (const entry of packaged) record(entry, spawnNode(entry.args))
    withoutManifest(() => {
      for (const entry of bare) record(entry, spawnNode(entry.args))
    })
  }
  for (let run = 0; run < WARM_UP; run++) round(() => {})
  for (let run = 0; run < RUNS; run++) round((entry, elapsed) => times.get(entry).push(elapsed))
  const summary = (entry, modules) => {
    const sorted = times.get(entry).sort((a, b) => a - b)
    return {...entry, median: percentile(sorted, 50), p90: percentile(sorted, 90), modules}
  }
  return {
    packaged: packaged.map((entry) => summary(entry, modulesLoaded(entry.args))),
    bare: withoutManifest(() => bare.map((entry) => summary(entry, modulesLoaded(entry.args)))),
  }
}

function report(title, results, baseline) {
  console.log(`\n== ${title}`)
  console.log(`${pad('command', 38)}${pad('median', 11)}${pad('p90', 11)}${pad('x node -e 0', 13)}modules loaded`)
  for (const {label, median, p90, modules} of results) {
    const loaded = modules.all === 0 ? '-' : `${modules.all}${modules.heavy ? ` (${modules.heavy} @aws-sdk/@inquirer)` : ''}`
    console.log(`${pad(label, 38)}${pad(ms(median), 11)}${pad(ms(p90), 11)}${pad(`x${(median / baseline).toFixed(2)}`, 13)}${loaded}`)
  }
}

// ------------------------------------------------------------------------------------------------ main

const commandIds = Object.keys(JSON.parse(readFileSync(MANIFEST, 'utf8')).commands)
const present = OPTIONAL_COMMANDS.filter((id) => commandIds.includes(id))
const missing = OPTIONAL_COMMANDS.filter((id) => !commandIds.includes(id))

const started = performance.now()
console.log(`apigw-binfix start-up bench — Node ${process.version}, ${process.platform}/${process.arch}, dist/ build`)
console.log(`${RUNS} cold starts per command (after ${WARM_UP} unmeasured), wall time of spawn to exit; registry: ${commandIds.join(', ')}`)
if (missing.length > 0) console.log(`not in the registry, skipped: ${missing.map((id) => `${id} --help`).join(', ')}`)

const cli = (...args) => ({label: `apigw-binfix ${args.join(' ')}`, args: [CLI, ...args]})
const baselineCase = {label: 'node -e 0', args: ['-e', '0']}

// Ctrl-C also reaches the CLI being timed, whose failure unwinds through withoutManifest(); a signal to
// this process alone is handled once the synchronous runs return.
const interrupted = () => {
  if (existsSync(MANIFEST_ASIDE)) renameSync(MANIFEST_ASIDE, MANIFEST)
  process.exit(130)
}
process.once('SIGINT', interrupted)
process.once('SIGTERM', interrupted)

// Without the manifest oclif imports the command registry, and so every command module, to list the commands.
const {packaged, bare} = measure(
  [baselineCase, cli('--version'), cli('--help'), ...present.map((id) => cli(id, '--help'))],
  [cli('--version'), cli('--help')].map((entry) => ({...entry, label: `${entry.label} (no manifest)`})),
)
const baseline = packaged[0].median
report('With oclif.manifest.json (as packaged)', packaged, baseline)
const version = packaged[1]
console.log(
  `\n--version ${ms(version.median)} next to node -e 0 ${ms(baseline)}: x${(version.median / baseline).toFixed(2)} ` +
    `(budget x${VERSION_BUDGET}: ${version.median <= VERSION_BUDGET * baseline ? 'within' : 'over'})`,
)
report('Without the manifest (moved aside during its runs, then put back)', bare, baseline)
for (const [index, entry] of bare.entries()) {
  const withManifest = packaged[index + 1]
  const saved = entry.median - withManifest.median
  console.log(
    `the manifest saves ${withManifest.label.replace('apigw-binfix ', '')}: ${saved < 0 ? '-' : ''}${ms(Math.abs(saved))} of median ` +
      `(x${(entry.median / withManifest.median).toFixed(2)}), ${entry.modules.all - withManifest.modules.all} modules`,
  )
}

console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`)
