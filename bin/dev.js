#!/usr/bin/env node
// The AWS SDK warns on Node 20 about releases after January 2027; the lockfile pins today's.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
// NO_COLOR wins over FORCE_COLOR (README "Running it"); ansis, chalk and Node's own colour check let
// FORCE_COLOR win, so it is made to agree before any of them loads.
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0'

const {Config, Plugin, execute, settings} = await import('@oclif/core')

// oclif reads oclif.manifest.json even in development mode (and drops `ignoreManifest` here, oclif/core#1533):
// the one `npm run build` writes would show old flags and hide new commands, so the sources replace it.
process.env.NODE_ENV = 'development'
settings.debug = true
const config = await Config.load(import.meta.url)
if (config.rootPlugin.hasManifest) {
  const sources = new Plugin({isRoot: true, root: config.root, pjson: config.pjson, ignoreManifest: true})
  await sources.load()
  config.plugins.set(sources.name, sources)
}
await execute({development: true, loadOptions: config})
