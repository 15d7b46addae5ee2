// Every REST API, deployment, API key, usage plan and stack lives in one (account, Region) partition, as on
// AWS: a partition is a store and the stacks over it. A partition is made the first time a request acts in
// it. REST API ids are unique across partitions, so the data plane finds an API by its id alone, as
// `{id}.execute-api.{region}.amazonaws.com` does.

import {Stacks} from './cloudformation/stacks.js'
import type {IdSource} from './ids.js'
import {SandboxStore} from './store.js'

export interface Partition {
  readonly accountId: string
  readonly region: string
  readonly store: SandboxStore
  readonly stacks: Stacks
}

export interface PartitionsOptions {
  accountId: string
  region: string
  /** One source for every partition, so `--seed` makes every id reproducible. */
  ids: IdSource
  clock: () => number
  driftDetectionMs: number
  /** Called when the default partition's stacks change (the state file holds that partition). */
  onDefaultStacksChange: () => void
}

export class Partitions {
  private readonly byKey = new Map<string, Partition>()
  readonly default: Partition

  constructor(private readonly options: PartitionsOptions) {
    this.default = this.make(options.accountId, options.region, options.onDefaultStacksChange)
  }

  /** The partition of `accountId` in `region`, made empty when nothing acted there yet. */
  get(accountId: string, region: string): Partition {
    return this.byKey.get(key(accountId, region)) ?? this.make(accountId, region)
  }

  find(accountId: string, region: string): Partition | undefined {
    return this.byKey.get(key(accountId, region))
  }

  /** The partition that holds a REST API. */
  ownerOfApi(restApiId: string): Partition | undefined {
    for (const partition of this.byKey.values()) if (partition.store.state.apis.has(restApiId)) return partition
    return undefined
  }

  all(): IterableIterator<Partition> {
    return this.byKey.values()
  }

  /** POST /_sandbox/reset: the default partition emptied, every other one gone. */
  reset(): void {
    for (const partition of this.byKey.values()) {
      if (partition === this.default) continue
      partition.stacks.close()
      this.byKey.delete(key(partition.accountId, partition.region))
    }
    this.default.store.reset()
    this.default.stacks.reset()
  }

  close(): void {
    for (const partition of this.byKey.values()) partition.stacks.close()
  }

  private make(accountId: string, region: string, onChange?: () => void): Partition {
    const {ids, clock, driftDetectionMs} = this.options
    const store = new SandboxStore({region, accountId, ids, clock, apiIdTaken: (id) => this.ownerOfApi(id) !== undefined})
    const stacks = new Stacks({store, clock, driftDetectionMs, onChange})
    const partition: Partition = {accountId, region, store, stacks}
    this.byKey.set(key(accountId, region), partition)
    return partition
  }
}

function key(accountId: string, region: string): string {
  return `${accountId}/${region}`
}
