import ApplyCommand from './apply.js'
import AuditCommand from './audit.js'
import AutocompleteFishCommand from './autocomplete-fish.js'
import ExportCommand from './export.js'
import FleetApplyCommand from './fleet/apply.js'
import FleetAuditCommand from './fleet/audit.js'
import FleetPlanCommand from './fleet/plan.js'
import FleetRollbackCommand from './fleet/rollback.js'
import HistoryCommand from './history.js'
import IacCommand from './iac.js'
import InitCommand from './init.js'
import LintCommand from './lint.js'
import PlanCommand from './plan.js'
import RollbackCommand from './rollback.js'
import SandboxCommand from './sandbox.js'
import VerifyCommand from './verify.js'

/** oclif's explicit command strategy: one import, no directory scan (fast start, jest-safe). */
export const COMMANDS = {
  apply: ApplyCommand,
  audit: AuditCommand,
  'autocomplete:fish': AutocompleteFishCommand,
  export: ExportCommand,
  'fleet:apply': FleetApplyCommand,
  'fleet:audit': FleetAuditCommand,
  'fleet:plan': FleetPlanCommand,
  'fleet:rollback': FleetRollbackCommand,
  history: HistoryCommand,
  iac: IacCommand,
  init: InitCommand,
  lint: LintCommand,
  plan: PlanCommand,
  rollback: RollbackCommand,
  sandbox: SandboxCommand,
  verify: VerifyCommand,
}
