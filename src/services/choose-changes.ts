// The question apply asks before writing: all changes, some of them, or none.

import {DeclinedError} from '../core/errors.js'
import type {Plan, PlannedChange} from '../core/plan.js'
import {type IoHost, checklist, confirmation, selection} from './io-host.js'

// The defaults are what --yes stands for: every change, and the redeploy.
export async function chooseChanges(plan: Plan, io: IoHost, options: {deploy: boolean}): Promise<PlannedChange[]> {
  const count = plan.changes.length
  const redeploy = options.deploy && plan.stage !== null ? ` and redeploy stage ${plan.stage}` : ''
  // Said in the question itself: a patch without a redeploy changes nothing any client sees.
  const notLive = redeploy === '' ? ` Nothing will be live until ${plan.stage === null ? 'a stage' : `stage ${plan.stage}`} is redeployed.` : ''
  if (count === 0) {
    // Only a redeploy is due: there is nothing to choose between.
    if (await io.requestResponse(confirmation('apply.redeploy', `Redeploy stage ${plan.stage} of ${plan.api.id} (${plan.api.name})?`, true))) return []
    throw new DeclinedError('Nothing written')
  }
  const answer = await io.requestResponse(
    selection(
      'apply.choose',
      `Apply ${count} change${count === 1 ? '' : 's'} to ${plan.api.id} (${plan.api.name})${redeploy}?${notLive}`,
      [
        {value: 'all', name: `Apply all ${count}`},
        {value: 'choose', name: 'Choose changes'},
        {value: 'cancel', name: 'Cancel'},
      ],
      'all',
    ),
  )
  if (answer === 'cancel') throw new DeclinedError('Cancelled; nothing written')
  if (answer === 'all') return plan.changes
  const keys = await io.requestResponse(
    checklist(
      'apply.changes',
      'Changes to apply',
      plan.changes.map((change) => ({value: change.key, name: change.summary, checked: true})),
      plan.changes.map((change) => change.key),
    ),
  )
  if (keys.length === 0) throw new DeclinedError('No change chosen; nothing written')
  return plan.changes.filter((change) => keys.includes(change.key))
}
