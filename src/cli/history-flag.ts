import {Flags} from '@oclif/core'

/** Where apply and rollback keep their journals. */
export const historyFlag = {
  history: Flags.string({
    summary: 'Directory of the journals. Default: $APIGW_BINFIX_HISTORY, else .apigw-binfix/history.',
    helpGroup: 'JOURNAL',
  }),
}
