import {dirname} from 'node:path'
import {fileURLToPath} from 'node:url'

// Tests import src/ directly; oclif resolves commands through dist/, so map dist back to the sources
// to keep one module instance per file (otherwise test seams and the code under test diverge).
const root = dirname(fileURLToPath(import.meta.url)).replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')

// A test's project is decided by what it starts, not by its folder (a folder is the subject under test):
// - external: a program that is not this project's sources on node: the AWS CLI, moto and python3, cfn-lint,
//   terraform, fish, script(1) for a terminal, or the built package (dist/, a tsc build).
// - sandbox: a sandbox (in this process or a child), a stand-in backend server, or the CLI from the sources
//   (bin/dev.js as a child, or oclif in this process).
// - unit: none of these: the test process alone, with temporary files (a `node -e` for a pid at most).
// Entries are folders (ending in /) or files; external wins over unit, sandbox is the rest.
// test/architecture/test-projects.test.ts checks each file against what it starts.
const EXTERNAL = [
  'test/readme/', // the README's AWS CLI examples; the demo on the built package
  'test/startup/', // the package built with tsc, run under a module trace
  'test/cli/fish-completion.test.ts', // fish (and sh) read the completion script
  'test/cli/not-found-terminal.test.ts', // script(1)'s terminal, where the not-found hook asks
  'test/commands/interrupt.test.ts', // Ctrl-C typed into script(1)'s terminal
  'test/core/iac/cfn-lint.test.ts',
  'test/core/lint/real-templates.test.ts', // python3 runs aws-sam-translator on the SAM templates
  'test/core/iac/terraform-fmt.test.ts',
  'test/e2e/iac.test.ts', // terraform fmt on every Terraform snippet
  'test/e2e/verify-auth.test.ts', // python3 (botocore) signs the probes SigV4 is compared with
  'test/sandbox/aws-cli.test.ts',
  'test/sandbox/aws-cli-streaming.test.ts',
  'test/sandbox/cloudformation/aws-cli.test.ts',
  'test/sandbox/cloudformation/cfn-lint.test.ts',
  'test/sandbox/data-plane/aws-cli.test.ts',
  'test/sandbox/moto-differential.test.ts',
  'test/sandbox/fleet/account-services.test.ts', // the AWS CLI asks STS who it is
  'test/services/lint-hostile.test.ts', // mkfifo makes the named pipe lint must not hang on
  'test/services/lint-walk.test.ts', // the built CLI as the user nobody, where root reads past permissions
]

const UNIT = [
  'test/architecture/',
  'test/core/',
  'test/desired-spec/',
  'test/history/',
  'test/ui/',
  // the adapters on aws-sdk-client-mock, and the pure parts of the AWS adapters
  'test/aws/api-gateway-client.test.ts',
  'test/aws/api-gateway-writer.test.ts',
  'test/aws/aws-errors.test.ts',
  'test/aws/call-policy.test.ts',
  'test/aws/cloudformation-client.test.ts',
  'test/aws/write-settlements.test.ts',
  'test/aws/fleet-directory.test.ts',
  'test/cli/aws-flags.test.ts',
  'test/cli/target-flags.test.ts',
  'test/commands/help-text.test.ts',
  'test/conformance/coverage.test.ts',
  'test/conformance/snapshot-session.test.ts',
  // the sandbox's modules called directly
  'test/sandbox/admission.test.ts',
  'test/sandbox/call-log.test.ts',
  'test/sandbox/state-file-durability.test.ts',
  'test/sandbox/openapi/',
  'test/sandbox/cloudformation/sam-implicit-api.test.ts',
  'test/sandbox/cloudformation/stack-declaration.test.ts',
  'test/sandbox/cloudformation/stack-template.test.ts',
  'test/sandbox/data-plane/mapping-template.test.ts',
  'test/sandbox/data-plane/payload.test.ts',
  'test/sandbox/data-plane/velocity-overrides.test.ts',
  'test/sandbox/fleet/fleet-file.test.ts',
  'test/sandbox/fleet/quota-scope.test.ts',
  'test/sandbox/fleet/request-scope.test.ts',
  // services on fakes of their ports, or on local files only
  'test/services/export-service.test.ts',
  'test/services/out-file.test.ts',
  'test/services/ownership.test.ts',
  'test/services/plan-file.test.ts',
  'test/services/stack-drift.test.ts',
  'test/services/write-executor.test.ts',
  'test/services/saved-plan-versions.test.ts',
  'test/services/fuzz-lint.test.ts',
  'test/services/fleet/fleet-accounts.test.ts',
  'test/services/fleet/fleet-writes.test.ts',
]

/** The project of a test file (its path from the root), as the projects below select it. */
export function projectOf(file) {
  const listed = (entries) => entries.some((entry) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry))
  return listed(EXTERNAL) ? 'external' : listed(UNIT) ? 'unit' : 'sandbox'
}

const escaped = (path) => path.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')
const globs = (entries) => entries.map((entry) => `<rootDir>/${entry}${entry.endsWith('/') ? '**/*.test.ts' : ''}`)
// Patterns are regular expressions: the root is escaped, as for moduleNameMapper.
const ignored = (entries) => entries.map((entry) => `^${root}/${escaped(entry)}${entry.endsWith('/') ? '' : '$'}`)

// What a project holds; everything else (ESM through ts-jest, the dist mapping, the setup files) is the same.
const project = (displayName, testMatch, testPathIgnorePatterns = []) => ({
  displayName,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    [`^${root}/dist/(.*)\\.js$`]: '<rootDir>/$1',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {'^.+\\.ts$': ['ts-jest', {useESM: true, tsconfig: 'tsconfig.json'}]},
  testMatch,
  testPathIgnorePatterns: ['/node_modules/', ...testPathIgnorePatterns],
  setupFiles: ['<rootDir>/test/helpers/plain-console.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/helpers/reset-exit-code.ts'],
})

export default {
  projects: [
    project('unit', globs(UNIT), ignored(EXTERNAL)),
    project('sandbox', ['<rootDir>/test/**/*.test.ts'], ignored([...UNIT, ...EXTERNAL])),
    project('external', globs(EXTERNAL)),
  ],
  // Options of the whole run (jest reads them here, not from a project).
  reporters: ['default', '<rootDir>/test/helpers/summary-reporter.cjs'],
  testTimeout: 30000,
  // jest's default on 2 cores is one worker; most suites wait on child processes and sockets, so two
  // keep both cores busy (CI on this machine: about a third less time).
  maxWorkers: 2,
}
