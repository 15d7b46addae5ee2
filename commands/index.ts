import AuditCommand from './audit.js'
import ExportCommand from './export.js'
import InitCommand from './init.js'
import SandboxCommand from './sandbox.js'

/** oclif's explicit command strategy: one import, no directory scan (fast start, jest-safe). */
export const COMMANDS = {
  audit: AuditCommand,
  export: ExportCommand,
  init: InitCommand,
  sandbox: SandboxCommand,
}
