#!/usr/bin/env node
import {execute} from '@oclif/core'

// The AWS SDK warns on Node 20 about releases after January 2027; the lockfile pins today's.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

await execute({dir: import.meta.url})
