#!/usr/bin/env node
import {existsSync, readFileSync} from 'node:fs'
import {arch, release} from 'node:os'

// The AWS SDK warns on Node 20 about releases after January 2027; the lockfile pins today's.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
// NO_COLOR wins over FORCE_COLOR (README "Running it"); ansis, chalk and Node's own colour check let
// FORCE_COLOR win, so it is made to agree before any of them loads.
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0'

// `--version` as the first argument (where oclif looks for it) is answered here: loading @oclif/core
// alone takes longer than the rest of the start. The line is oclif's userAgent, made the same way.
const platform = process.argv[2] === '--version' ? platformAsOclifNamesIt() : undefined
if (platform === undefined) {
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url})
} else {
  const {name, version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`${name}/${version} ${platform}-${arch() === 'ia32' ? 'x86' : arch()} node-${process.version}\n`)
}

/**
 * os.platform(), except that oclif says "wsl" under the Windows Subsystem for Linux (the is-wsl check):
 * wherever that may be the case, undefined, and oclif answers itself.
 */
function platformAsOclifNamesIt() {
  if (process.platform !== 'linux') return process.platform
  if (release().toLowerCase().includes('microsoft')) return undefined
  if (existsSync('/proc/sys/fs/binfmt_misc/WSLInterop') || existsSync('/run/WSL')) return undefined
  try {
    return readFileSync('/proc/version', 'utf8').toLowerCase().includes('microsoft') ? undefined : 'linux'
  } catch {
    return 'linux'
  }
}
