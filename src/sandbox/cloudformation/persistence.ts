// Stacks persist with `--state` in the same file as the rest of the state, under a `cloudformation`
// member next to the APIs (schemas/sandbox-state.schema.json); state-file.ts reads both back on start.

import type {SandboxState} from '../model.js'
import {replaceFileAtomically, serializeState} from '../state-file.js'
import type {StackRecord} from './stack-model.js'

interface PersistedStacks {
  stacks: StackRecord[]
}

export function writeStateWithStacks(path: string, state: SandboxState, stacks: Iterable<StackRecord>): void {
  const records = [...stacks]
  let text = serializeState(state)
  if (records.length > 0) {
    const member: PersistedStacks = {stacks: records}
    text = `${text.slice(0, -1)},"cloudformation":${JSON.stringify(member)}}`
  }
  replaceFileAtomically(path, text)
}
