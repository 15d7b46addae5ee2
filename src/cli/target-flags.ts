import {Flags} from '@oclif/core'

import {UsageError} from '../core/errors.js'
import {echoed} from '../core/quote.js'
import type {StackTarget} from '../services/target.js'

const TARGET_GROUP = 'TARGET'

/** Naming the API by the stack that deploys it, for every command that takes `<api>`. */
export const stackFlags = {
  stack: Flags.string({
    summary: 'Work on the REST API that this CloudFormation stack (name or stack id) deploys, instead of <api>.',
    helpGroup: TARGET_GROUP,
  }),
  'logical-id': Flags.string({
    summary: 'With --stack: the logical id of the REST API, when the stack has several.',
    helpGroup: TARGET_GROUP,
    dependsOn: ['stack'],
  }),
}

/** For the commands that judge an API against a spec (audit, plan, apply, verify, iac). */
export const reuseSpecFlag = {
  'reuse-spec': Flags.boolean({
    summary: "Judge this API against a spec whose api: or stack: names another API (refused otherwise).",
    helpGroup: TARGET_GROUP,
  }),
}

export interface StackFlagValues {
  stack?: string
  'logical-id'?: string
  'reuse-spec'?: boolean
}

// CloudFormation stack names (CreateStack StackName); a stack id is an ARN.
const STACK_NAME = /^[A-Za-z][-A-Za-z0-9]{0,127}$/
const STACK_ID = /^arn:aws[-a-z]*:cloudformation:[a-z0-9-]+:\d{12}:stack\/[A-Za-z][-A-Za-z0-9]*\/[-a-f0-9]+$/
// Logical ids are alphanumeric (template anatomy: "The logical ID must be alphanumeric (A-Za-z0-9)").
const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/

/** The `<api>` argument and --stack/--logical-id, checked before any call; one line naming the fault. */
export function targetOptions(api: string | undefined, flags: StackFlagValues): {api?: string; stack?: StackTarget; reuseSpec?: boolean} {
  const reuse = flags['reuse-spec'] ? {reuseSpec: true} : {}
  const name = flags.stack
  if (name === undefined) return api === undefined ? reuse : {api, ...reuse}
  if (api !== undefined) throw new UsageError(`<api> ${echoed(api)} and --stack ${echoed(name)}: name the API one way, not both`)
  if (!STACK_NAME.test(name) && !STACK_ID.test(name)) throw new UsageError(`--stack ${echoed(name)}: not a stack name (letters, digits and hyphens, starting with a letter) or stack id`)
  const logicalId = flags['logical-id']
  if (logicalId !== undefined && !LOGICAL_ID.test(logicalId)) throw new UsageError(`--logical-id ${echoed(logicalId)}: not a logical id (letters and digits only)`)
  return {stack: {name, ...(logicalId === undefined ? {} : {logicalId})}, ...reuse}
}
