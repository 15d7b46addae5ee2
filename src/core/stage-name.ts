import {UsageError} from './errors.js'
import {echoed} from './quote.js'

// CreateStage's rule, as schemas/binfix.schema.json states it for stage:.
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/

/** `value` if it is a stage name API Gateway accepts, else a one-line UsageError naming `flag`. */
export function checkedStageName(value: string, flag: string): string {
  if (!STAGE_NAME.test(value)) throw new UsageError(`${flag} ${echoed(value)}: not a stage name (1 to 128 of a-z, A-Z, 0-9, '-' and '_')`)
  return value
}
