// Imports that break a rule today, one entry per importing file, each with the move that will remove it.
// An entry that no longer matches an import breaking a rule fails dependency-rules.test.ts: delete it.

import type {AllowedImport} from './layers.js'

// None today: the user-facing errors moved below the services (src/core/errors.ts), so no layer reaches
// up into src/cli/ any more. A new exception needs its entry here, with the move that will remove it.
export const ALLOWED_IMPORTS: readonly AllowedImport[] = []

/** `import()` of a name computed at run time, which no graph can follow. */
export const COMPUTED_IMPORTS: ReadonlyMap<string, string> = new Map([
  ['src/sandbox/data-plane/lambda-runtime.mjs', "loads the user's Lambda handler module, named by the sandbox's --lambda and --functions"],
])
