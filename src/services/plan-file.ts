// Saved plans: written atomically by `plan --out`, read back by `apply --plan` only after they pass the
// published schema (schemas/plan.schema.json), so a truncated or edited file is refused before any call.

import {readFile} from 'node:fs/promises'
import {resolve} from 'node:path'

import {UsageError} from '../core/errors.js'
import {jsonSyntaxProblem} from '../core/json-syntax.js'
import {KNOWN_PLAN_VERSIONS, PLAN_FORMAT, type Plan} from '../core/plan.js'
import {publishedSchemaValidator} from '../schemas.js'
import {writeAtomically} from './out-file.js'

export async function savePlan(path: string, plan: Plan, named: string, options: {replace: boolean}): Promise<void> {
  await writeAtomically(path, `${JSON.stringify(plan, null, 2)}\n`, named, options)
}

/** The JSON of a `--plan` file, or one line naming the file (exit 2); `what` names what it should be. */
export async function readPlanJson(file: string, cwd: string, what: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(resolve(cwd, file), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(`--plan ${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (error as Error).message})`}`)
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const problem = jsonSyntaxProblem(error, text)
    throw new UsageError(`--plan ${file}: not ${what}: the JSON ${problem === 'ends too early' ? problem : `is corrupted (${problem})`}`)
  }
}

/** Reads and checks a saved plan; every fault is one line naming the file, exit 2. */
export async function loadPlan(file: string, cwd: string): Promise<Plan> {
  const data = await readPlanJson(file, cwd, 'a plan')
  // A plan of a format version this release does not know is named as such, not as a broken file.
  const {format, version} = (typeof data === 'object' && data !== null ? data : {}) as {format?: unknown; version?: unknown}
  if (format === PLAN_FORMAT && typeof version === 'number' && !KNOWN_PLAN_VERSIONS.includes(version)) {
    throw new UsageError(`--plan ${file}: plan format version ${version}, which this apigw-binfix does not read (it reads version ${KNOWN_PLAN_VERSIONS.join(', ')}): make the plan again with this version`)
  }
  const check = publishedSchemaValidator('plan.schema.json')
  if (!check(data)) {
    const [error] = check.errors ?? []
    const where = error?.instancePath ? ` at ${error.instancePath}` : ''
    throw new UsageError(`--plan ${file}: not an apigw-binfix plan${where}: ${error?.message ?? 'invalid'}`)
  }
  const plan = data as Plan
  const foreign = plan.changes.find((change) => change.call.restApiId !== plan.api.id)
  if (foreign) throw new UsageError(`--plan ${file}: change "${foreign.key}" writes REST API ${foreign.call.restApiId}, but the plan is for ${plan.api.id}`)
  return plan
}
