// A fleet's REST APIs, made in each account and Region before the sandbox answers: the same import,
// deployment and stack creation the control plane and --import-stack perform, without HTTP, so 1,000
// APIs take moments. None of it appears in the call log.

import {createStack} from '../cloudformation/stack-import.js'
import type {Partitions} from '../partitions.js'
import {type FleetPlan, numbered} from './fleet-file.js'

export interface PopulatedFleet {
  file: string
  /** Accounts of the organization, the management account included. */
  accounts: number
  /** Account-Regions that hold APIs. */
  accountRegions: number
  restApis: number
  stacks: number
}

export function populateFleet(partitions: Partitions, plan: FleetPlan): PopulatedFleet {
  let restApis = 0
  let stacks = 0
  for (const {accountId, region, batches} of plan.populations) {
    const {store, stacks: partitionStacks} = partitions.get(accountId, region)
    for (const batch of batches) {
      for (let n = 1; n <= batch.copies; n++) {
        const api = store.importApi(batch.definition)
        api.api.name = numbered(batch.name, n)
        if (batch.tags) api.api.tags = {...batch.tags}
        if (batch.stage !== undefined) store.deploy(api, {stageName: batch.stage, description: `Fleet copy ${n} of ${batch.definitionFile}`})
        restApis++
        if (!batch.stack) continue
        const restApiIds = {[batch.stack.logicalId]: api.api.id}
        createStack(partitionStacks, {...batch.stack.declaration, stackName: numbered(batch.stack.name, n), restApis: restApiIds}, restApiIds, new Set([api.api.id]))
        stacks++
      }
    }
  }
  return {file: plan.file, accounts: plan.directory.accounts.size, accountRegions: plan.populations.length, restApis, stacks}
}
