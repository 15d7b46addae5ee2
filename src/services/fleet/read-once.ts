// One API's reads made once, however many of its stages are judged: the working copy (GetResources) and
// the stack (DescribeStackResources, GetTemplate) are the same for every stage, and a stage GetStages
// already listed needs no GetStage. Scoped to one API, so memory does not grow with the fleet.

import type {StageSummary} from '../api-gateway-port.js'
import type {LiveReader} from '../live-state.js'
import type {CloudFormationReader} from '../cloudformation-port.js'

/** `target` with each named read-only method answered once per distinct arguments (errors are not kept). */
export function readOnce<T extends object>(target: T, methods: ReadonlyArray<keyof T & string>): T {
  const answers = new Map<string, Promise<unknown>>()
  const wrapped = Object.create(target) as T
  for (const method of methods) {
    const original = target[method] as unknown as (...args: unknown[]) => Promise<unknown>
    ;(wrapped as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const key = `${method}\u0000${JSON.stringify(args)}`
      let answer = answers.get(key)
      if (!answer) {
        answer = original.apply(target, args)
        answers.set(key, answer)
        answer.catch(() => answers.delete(key))
      }
      return answer
    }
  }
  return wrapped
}

/** The reader for one API: reads once, and GetStage answered from the GetStages list when it has the stage. */
export function apiScopedReader(reader: LiveReader, stages: readonly StageSummary[]): LiveReader {
  const once = readOnce(reader, ['getResources', 'getRestApi', 'getExport'])
  const getStage = once.getStage.bind(once)
  once.getStage = async (restApiId: string, stageName: string) => stages.find((stage) => stage.stageName === stageName) ?? getStage(restApiId, stageName)
  return once
}

export function apiScopedCloudFormation(cloudFormation: CloudFormationReader): CloudFormationReader {
  return readOnce(cloudFormation, ['stackOwning', 'listStackResources', 'getTemplate'])
}
