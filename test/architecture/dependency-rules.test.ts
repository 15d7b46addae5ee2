// Layers enforced, not hoped for: the import graph of src/ and commands/ (every kind of import: static,
// `import type`, `typeof import()`, dynamic `import()`) against the rules of the house.
//
// - commands/ call the services and render with src/ui; src/cli is their command framework (base command,
//   flags, errors, exit codes, the terminal IoHost it builds). Nothing below imports these.
// - src/ui and src/cli name the services' requests and results as types only (`import type`).
// - src/services are the use cases: they import src/desired-spec, the core, the adapters and, in the launcher
//   alone, the sandbox.
// - src/desired-spec is the desired-spec loader (binfix.yaml or OpenAPI, validated against its schema, and the
//   writer init uses): an input reader the services call, placed like an adapter, below the services and
//   above the core; it imports only the core and src/schemas.ts.
// - The adapters (src/aws, src/http, src/history) import the core, src/schemas.ts and their own folder;
//   of the services only port modules (layers.ts PORTS), as types. Commands, cli and ui may name an
//   adapter's port module as types (options and results they parse or render), never the adapter.
// - The core (src/core/**) imports only the core.
// - The sandbox (src/sandbox/**) is its own room: only src/services/sandbox-service.ts (and tests) import
//   it, and it imports only the core modules listed in layers.ts SANDBOX_IMPORTS, plus src/schemas.ts.
// - src/schemas.ts loads the published JSON Schemas and imports nothing of the project.
// - No import cycles, type-only ones included.
// - Packages that serve one place are imported only there (layers.ts PACKAGE_HOMES): the AWS SDK in
//   src/aws, velocityjs and jsonpath-plus in the sandbox, the prompts and spinner in src/ui.
// Today's exceptions, each with the move that removes it, are in allowlist.ts; an entry no import needs
// fails, like the conformance suite's deviations.

import {fileURLToPath} from 'node:url'

import {ALLOWED_IMPORTS, COMPUTED_IMPORTS} from './allowlist.js'
import {type ImportEdge, readImportGraph, specifiersOf} from './import-graph.js'
import {PORTS, type Rule, SANDBOX_IMPORTS, checkedAgainst, cycles, violations} from './layers.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

describe('the import graph of src/ and commands/', () => {
  const graph = readImportGraph(root, ['src', 'commands'])

  it('is read whole: every relative specifier names a file, and ts.preProcessFile sees no specifier the walk missed', () => {
    expect(graph.unreadable).toEqual([])
    expect(graph.modules.length).toBeGreaterThan(200)
  })

  it('holds each kind of import where the code has it', () => {
    const kinds = (from: string, to: string) => graph.edges.filter((edge) => edge.from === from && edge.to === to).map((edge) => edge.kind).sort()
    expect(kinds('commands/sandbox.ts', 'src/services/sandbox-service.ts')).toEqual(['dynamic', 'type'])
    // `import type` and `export type … from`; then an import and an `export … from`.
    expect(kinds('src/core/cfn/template.ts', 'src/core/cfn/values.ts')).toEqual(['type', 'type'])
    expect(kinds('src/core/cfn/owner.ts', 'src/core/cfn/stack-markers.ts')).toEqual(['static', 'static'])
  })

  it('has an import() of a computed name only where listed', () => {
    expect(graph.computedImports).toEqual([...COMPUTED_IMPORTS.keys()].sort())
  })

  it('breaks no rule but in the allowlisted imports', () => {
    expect(checkedAgainst(violations(graph.edges, graph.packageImports), ALLOWED_IMPORTS).unallowed).toEqual([])
  })

  it('allowlists no import that is gone or breaks no rule any more', () => {
    expect(checkedAgainst(violations(graph.edges, graph.packageImports), ALLOWED_IMPORTS).stale).toEqual([])
  })

  it('has one allowlist entry per importing file', () => {
    const files = ALLOWED_IMPORTS.map((entry) => entry.from)
    expect(files.filter((file, index) => files.indexOf(file) !== index)).toEqual([])
  })

  it('lets the sandbox import exactly the modules listed for it', () => {
    const outside = new Set(graph.edges.filter((edge) => edge.from.startsWith('src/sandbox/') && !edge.to.startsWith('src/sandbox/')).map((edge) => edge.to))
    expect([...outside].sort()).toEqual([...SANDBOX_IMPORTS.keys()].sort())
  })

  it('sees the packages each place serves imported there', () => {
    const importers = (name: string) => [...new Set(graph.packageImports.filter((edge) => edge.to === name).map((edge) => edge.from))].sort()
    expect(importers('velocityjs')).toEqual(['src/sandbox/data-plane/mapping-template.ts'])
    expect(importers('jsonpath-plus')).toEqual(['src/sandbox/data-plane/json-path.ts'])
    expect(importers('@aws-sdk/client-api-gateway').length).toBeGreaterThan(0)
  })

  it('names ports that exist', () => {
    expect([...PORTS].filter((port) => !graph.modules.includes(port))).toEqual([])
  })
})

describe('each rule can fail', () => {
  const edge = (from: string, to: string, kind: ImportEdge['kind'] = 'static'): ImportEdge => ({from, to, kind})
  const rulesBroken = (...edges: ImportEdge[]): Rule[] => violations(edges).map((violation) => violation.rule)

  it.each<[Rule, ImportEdge]>([
    ['every module has a layer', edge('src/tools/helper.ts', 'src/core/quote.ts')],
    ['every module has a layer', edge('src/core/quote.ts', 'src/schemas/index.ts')],
    ['the core imports only the core', edge('src/core/plan.ts', 'src/services/plan-service.ts', 'type')],
    ['the core imports only the core', edge('src/core/plan.ts', 'src/desired-spec/load-spec.ts')],
    ['the core imports only the core', edge('src/core/journal.ts', 'src/history/journal-store.ts', 'dynamic')],
    ['the core imports only the core', edge('src/core/quote.ts', 'src/schemas.ts')],
    ['adapters import no services but their ports', edge('src/aws/clients.ts', 'src/services/live-state.ts', 'type')],
    ['adapters import no services but their ports', edge('src/http/stage-requests.ts', 'src/services/io-host.ts', 'static')],
    ['layers point one way', edge('src/history/api-lock.ts', 'src/cli/errors.ts')],
    ['layers point one way', edge('src/aws/clients.ts', 'src/history/journal-store.ts')],
    ['only the launcher imports the sandbox', edge('commands/sandbox.ts', 'src/sandbox/server.ts', 'type')],
    ['only the launcher imports the sandbox', edge('src/services/verify-service.ts', 'src/sandbox/store.ts', 'dynamic')],
    ['only the launcher imports the sandbox', edge('src/core/stage-url.ts', 'src/sandbox/route.ts')],
    ['the sandbox imports only its listed core modules', edge('src/sandbox/store.ts', 'src/core/plan.ts')],
    ['the sandbox imports only its listed core modules', edge('src/sandbox/server.ts', 'src/services/sandbox-service.ts', 'type')],
    ['the sandbox imports only its listed core modules', edge('src/sandbox/server.ts', 'src/cli/errors.ts')],
    ['the sandbox imports only its listed core modules', edge('src/sandbox/cloudformation/sam.ts', 'src/core/cfn/owner.ts')],
    ['layers point one way', edge('src/services/apply-service.ts', 'src/ui/terminal-io-host.ts', 'type')],
    ['layers point one way', edge('src/services/plan-service.ts', 'src/cli/errors.ts')],
    ['layers point one way', edge('src/desired-spec/load-spec.ts', 'src/services/target.ts', 'type')],
    ['layers point one way', edge('src/ui/audit-view.ts', 'src/services/audit-service.ts', 'static')],
    ['layers point one way', edge('src/ui/ownership-view.ts', 'src/aws/cloudformation-client.ts', 'type')],
    ['layers point one way', edge('src/cli/aws-flags.ts', 'src/services/api-gateway-port.ts', 'static')],
    ['layers point one way', edge('commands/audit.ts', 'src/aws/clients.ts', 'dynamic')],
    ['layers point one way', edge('commands/init.ts', 'src/desired-spec/write-spec.ts')],
    ['layers point one way', edge('src/schemas.ts', 'src/core/quote.ts')],
  ])('%s: %j', (rule, violating) => {
    expect(rulesBroken(violating)).toEqual([rule])
  })

  it.each([
    edge('src/ui/audit-view.ts', 'src/services/audit-service.ts', 'type'),
    edge('src/ui/ownership-view.ts', 'src/services/cloudformation-port.ts', 'type'),
    edge('src/cli/interaction.ts', 'src/ui/terminal-io-host.ts', 'dynamic'),
    edge('src/aws/probe-signer.ts', 'src/services/io-host.ts', 'type'),
    edge('src/services/sandbox-service.ts', 'src/sandbox/server.ts'),
    edge('src/sandbox/cloudformation/sam.ts', 'src/core/cfn/stack-markers.ts'),
    edge('src/services/plan-service.ts', 'src/desired-spec/load-spec.ts'),
    edge('src/history/journal-store.ts', 'src/schemas.ts'),
  ])('allows %j', (allowed) => {
    expect(rulesBroken(allowed)).toEqual([])
  })

  it.each([
    edge('src/services/verify-service.ts', '@aws-sdk/client-api-gateway', 'dynamic'),
    edge('src/core/verify/probe-plan.ts', 'jsonpath-plus'),
    edge('src/desired-spec/load-spec.ts', 'velocityjs', 'type'),
    edge('src/cli/interaction.ts', '@inquirer/prompts', 'dynamic'),
  ])('packages stay where they serve: %j', (violating) => {
    expect(violations([], [violating]).map((violation) => violation.rule)).toEqual(['packages stay where they serve'])
  })

  it('packages stay where they serve: the SDK in src/aws, velocityjs in the sandbox, other packages anywhere', () => {
    expect(violations([], [edge('src/aws/clients.ts', '@aws-sdk/client-cloudformation', 'dynamic'), edge('src/sandbox/data-plane/mapping-template.ts', 'velocityjs'), edge('src/core/strict-yaml.ts', 'yaml')])).toEqual([])
  })

  it('no import cycles: finds a type-only circle and a module importing itself', () => {
    expect(cycles([edge('src/core/cfn/template.ts', 'src/core/cfn/intrinsics.ts'), edge('src/core/cfn/intrinsics.ts', 'src/core/cfn/template.ts', 'type'), edge('src/core/quote.ts', 'src/core/media-type.ts')])).toEqual([['src/core/cfn/intrinsics.ts', 'src/core/cfn/template.ts']])
    expect(rulesBroken(edge('src/core/a.ts', 'src/core/b.ts'), edge('src/core/b.ts', 'src/core/c.ts', 'type'), edge('src/core/c.ts', 'src/core/a.ts', 'dynamic'))).toEqual(['no import cycles'])
    expect(rulesBroken(edge('src/core/a.ts', 'src/core/a.ts'))).toEqual(['no import cycles'])
  })

  it('an allowlist entry is stale once its import is gone or breaks no rule', () => {
    const found = violations([edge('src/services/out-file.ts', 'src/cli/errors.ts'), edge('src/services/live-state.ts', 'src/core/plan.ts')])
    const {unallowed, stale} = checkedAgainst(found, [
      {from: 'src/services/out-file.ts', to: ['src/cli/errors.ts', 'src/cli/exit-codes.ts'], reason: 'one import gone'},
      {from: 'src/services/live-state.ts', to: ['src/core/plan.ts'], reason: 'breaks no rule'},
    ])
    expect(unallowed).toEqual([])
    expect(stale).toEqual(['src/services/out-file.ts → src/cli/exit-codes.ts', 'src/services/live-state.ts → src/core/plan.ts'])
  })

  it('an allowlist entry allows only its own file and modules, never a cycle', () => {
    const found = violations([edge('src/services/out-file.ts', 'src/cli/errors.ts'), edge('src/services/plan-file.ts', 'src/cli/errors.ts'), edge('src/core/a.ts', 'src/core/a.ts')])
    const {unallowed} = checkedAgainst(found, [
      {from: 'src/services/out-file.ts', to: ['src/cli/errors.ts'], reason: 'allowed'},
      {from: 'src/core/a.ts', to: ['src/core/a.ts'], reason: 'a cycle is never allowed'},
    ])
    expect(unallowed.map((violation) => `${violation.rule}: ${violation.from}`)).toEqual(['layers point one way: src/services/plan-file.ts', 'no import cycles: src/core/a.ts'])
  })

  it('the reader sees every kind of import, and only `import type` and `export type` as erased', () => {
    const text = [
      "import {a} from './static.js'",
      "import type {B} from './type-only.js'",
      "import {type C} from './kept-under-verbatim-module-syntax.js'",
      "export {d} from './re-export.js'",
      "export type {E} from './type-re-export.js'",
      "import './side-effect.js'",
      'type F = typeof import(\'./import-type.js\')',
      "const g = await import('./dynamic.js')",
      'const h = await import(name)',
      "import {readFileSync} from 'node:fs'",
    ].join('\n')
    const {specifiers, computed} = specifiersOf('synthetic.ts', text)
    expect(specifiers).toEqual([
      {text: './static.js', kind: 'static'},
      {text: './type-only.js', kind: 'type'},
      {text: './kept-under-verbatim-module-syntax.js', kind: 'static'},
      {text: './re-export.js', kind: 'static'},
      {text: './type-re-export.js', kind: 'type'},
      {text: './side-effect.js', kind: 'static'},
      {text: './import-type.js', kind: 'type'},
      {text: './dynamic.js', kind: 'dynamic'},
      {text: 'node:fs', kind: 'static'},
    ])
    expect(computed).toBe(1)
  })
})
