import {Flags} from '@oclif/core'

/** Where apply and rollback keep their journals. */
export const historyFlag = {
  history: Flags.string({
    summary: 'Directory of the journals. Default: $APIGW_BINFIX_HISTORY, else .apigw-binfix/history.',
    helpGroup: 'JOURNAL',
  }),
}

/** For the commands that write: one writer per API and Region, by a lock in the history directory. */
export const forceUnlockFlag = {
  'force-unlock': Flags.string({
    summary: 'Take over the lock that a run which is gone left on this API (the id its refusal names).',
    helpGroup: 'JOURNAL',
  }),
}
