import {dirname} from 'node:path'
import {fileURLToPath} from 'node:url'

// Tests import src/ directly; oclif resolves commands through dist/, so map dist back to the sources
// to keep one module instance per file (otherwise test seams and the code under test diverge).
const root = dirname(fileURLToPath(import.meta.url)).replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    [`^${root}/dist/(.*)\\.js$`]: '<rootDir>/$1',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {'^.+\\.ts$': ['ts-jest', {useESM: true, tsconfig: 'tsconfig.json'}]},
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFiles: ['<rootDir>/test/helpers/plain-console.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/helpers/reset-exit-code.ts'],
  reporters: ['default', '<rootDir>/test/helpers/summary-reporter.cjs'],
  testTimeout: 30000,
  // jest's default on 2 cores is one worker; most suites wait on child processes and sockets, so two
  // keep both cores busy (CI on this machine: about a third less time).
  maxWorkers: 2,
}
