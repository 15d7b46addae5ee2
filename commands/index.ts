import SandboxCommand from './sandbox.js'

/** oclif's explicit command strategy: one import, no directory scan (fast start, jest-safe). */
export const COMMANDS = {
  sandbox: SandboxCommand,
}
