// Every write the tool makes to API Gateway, and for each whether it may be sent again after a lost
// answer (a 5xx or a dropped connection: AWS may have applied it) and, where not, how the write executor
// settles a lost answer by reading. The SDK writer retries by this table (src/aws/api-gateway-writer.ts)
// and the write executor settles by it (src/services/write-executor.ts): a write operation without an
// entry does not compile.

import type {FixCall, PatchOperation} from './fix-calls.js'

/** UpdateStage replace /deploymentId: rollback points a stage back at a deployment that exists. */
export interface StageRepoint {
  operation: 'UpdateStage'
  restApiId: string
  stageName: string
  deploymentId: string
}

/** A write the tool makes: the fix calls apply sends (and rollback's restores), and rollback's repoint. */
export type WriteCall = FixCall | StageRepoint
export type WriteOperation = WriteCall['operation']

/** How a write whose answer was lost is told to have landed or not, by reading. */
export interface LostAnswerCheck {
  /** Which settling routine of the write executor applies. */
  check: 'binary-media-types' | 'new-deployment'
  /** What is read, and what it is compared with. */
  reads: string
  compares: string
  /** What the progress note says while it reads. */
  note: string
}

export type Settlement =
  /** Sending it twice leaves what sending it once does: the call policy sends it again after a lost answer. */
  | {repeat: 'always'; why: string}
  /** Sent again only when every patch operation is a replace; otherwise a lost answer is settled by reading. */
  | {repeat: 'replace-only'; why: string; lostAnswer: LostAnswerCheck}
  /** Never sent again blindly: a lost answer is settled by reading. */
  | {repeat: 'never'; why: string; lostAnswer: LostAnswerCheck}

export const WRITE_SETTLEMENTS: Readonly<Record<WriteOperation, Settlement>> = {
  UpdateRestApi: {
    repeat: 'replace-only',
    // AWS does not document what adding a binary media type that is already there, or removing one that
    // is not, does; a replace sets a value and can be repeated.
    why: 'add/remove of a binary media type are not documented as repeatable; a replace sets a value',
    lostAnswer: {
      check: 'binary-media-types',
      reads: 'GetRestApi',
      compares: 'each add/remove of /binaryMediaTypes/… with the listed types: only what the API does not show yet is sent again',
      note: 'reading the API to see what landed',
    },
  },
  UpdateIntegration: {repeat: 'always', why: 'the fixes replace contentHandling (or another value): setting it twice sets it once'},
  UpdateIntegrationResponse: {repeat: 'always', why: 'the fixes replace contentHandling: setting it twice sets it once'},
  CreateDeployment: {
    repeat: 'never',
    // A second deployment is a second snapshot, and the stage would point at whichever came last.
    why: 'a second call makes a second deployment',
    lostAnswer: {
      check: 'new-deployment',
      reads: 'GetStage, then GetDeployment of the deployment it serves',
      compares: 'the deployment the stage serves with the one served before and with the description sent: a new one with it is adopted',
      note: 'reading the stage to see whether it was deployed',
    },
  },
  UpdateStage: {repeat: 'always', why: 'replace /deploymentId points the stage at a deployment that exists: pointing it twice points it once'},
}

/** Whether `operation` with these patch operations may be sent again after a lost answer. */
export function mayRepeat(operation: WriteOperation, patchOperations: readonly PatchOperation[] = []): boolean {
  const {repeat} = WRITE_SETTLEMENTS[operation]
  return repeat === 'always' || (repeat === 'replace-only' && patchOperations.every((patch) => patch.op === 'replace'))
}

/** How a lost answer of `operation` is settled by reading; undefined when it is simply sent again. */
export function lostAnswerCheck(operation: WriteOperation): LostAnswerCheck | undefined {
  const settlement = WRITE_SETTLEMENTS[operation]
  return settlement.repeat === 'always' ? undefined : settlement.lostAnswer
}
