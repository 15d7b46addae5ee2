// Stacks persist with `--state` in the same file as the rest of the state, under a `cloudformation`
// member next to the APIs. The state file's reader ignores members it does not know, so a file written
// here still loads where stacks are not read; the write is write-then-rename, as state-file.ts does it.

import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {dirname} from 'node:path'

import type {SandboxState} from '../model.js'
import {serializeState} from '../state-file.js'
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
  mkdirSync(dirname(path), {recursive: true})
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, text)
  renameSync(temporary, path)
}

/** The stacks a state file holds (none when it has no `cloudformation` member or does not exist). */
export function readStacks(path: string): StackRecord[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const member = (JSON.parse(text) as {cloudformation?: Partial<PersistedStacks>}).cloudformation
  if (member === undefined) return []
  if (!Array.isArray(member.stacks)) throw new Error(`${path}: not a sandbox state file (cloudformation.stacks is not a list)`)
  return member.stacks
}
