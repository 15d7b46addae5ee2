#!/usr/bin/env node
// The AWS SDK warns on Node 20 about releases after January 2027; the lockfile pins today's.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
// NO_COLOR wins over FORCE_COLOR (README "Running it"); ansis, chalk and Node's own colour check let
// FORCE_COLOR win, so it is made to agree before any of them loads.
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0'

const {execute} = await import('@oclif/core')
await execute({dir: import.meta.url})
