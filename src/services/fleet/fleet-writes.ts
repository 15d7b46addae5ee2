// What fleet apply and fleet rollback share: the accounts named on the command line reached (AssumeRole
// per account), each planned API given to its account-Region's one client (its call policy is that
// account-Region's token bucket), CreateDeployment serialised within an account, APIs in parallel across
// accounts, and no new API started once Ctrl-C was pressed or --max-failures reached.

import Bottleneck from 'bottleneck'

import type {ApiGatewayClient, AwsConnectionOptions} from '../api-gateway-port.js'
import {BinfixError} from '../../core/errors.js'
import type {FleetDirectory} from '../fleet-port.js'
import type {IoHost} from '../io-host.js'
import {type FleetScopeRequest, type ReachedAccount, resolveFleetScope} from './fleet-accounts.js'

export interface PlannedWork {
  accountId: string
  region: string
  /** Work on one API runs in one job (its stages one after another). */
  apiId: string
}

export type ClientConnector = (connection: AwsConnectionOptions) => Promise<ApiGatewayClient>

export interface FleetWriteDependencies {
  directory?: FleetDirectory
  createClient?: ClientConnector
  signal?: AbortSignal
}

export interface WriteLimits {
  /** Stop starting new APIs once this many failed. */
  maxFailures?: number
}

/** Why a piece of work did not run. */
export type NotRun = {reason: 'unreachable' | 'not-started'; message: string}

const ACCOUNT_CONCURRENCY = 16
/** APIs written at once per account-Region: writes are few per API, the bucket paces them. */
const API_CONCURRENCY = 4

/**
 * Each API's apply and rollback as the fleet runs them: silent (the fleet reports per API when all are
 * done), and never asking: the plan was reviewed when it was made, and --yes is implied.
 */
export const FLEET_API_IO: IoHost = {
  notify: async () => {},
  requestResponse: async () => {
    throw new Error('fleet commands do not ask questions')
  },
}

/**
 * Runs `work` for every item, in its account-Region; returns, in the items' order, what each returned or
 * why it did not run. `failed` says whether a result counts towards --max-failures.
 */
export async function runFleetWrites<T extends PlannedWork, R>(
  items: readonly T[],
  scopeRequest: FleetScopeRequest,
  limits: WriteLimits,
  dependencies: FleetWriteDependencies,
  work: (item: T, context: {access: AwsConnectionOptions; client: ApiGatewayClient; account: ReachedAccount}) => Promise<R>,
  failed: (result: R) => boolean,
): Promise<Array<R | NotRun>> {
  const directory = dependencies.directory ?? (await connectFleetDirectory())
  const createClient = dependencies.createClient ?? (await sdkClientConnector())
  const results = new Array<R | NotRun>(items.length)
  let failures = 0
  const stopped = (): string | undefined => {
    if (dependencies.signal?.aborted) return 'interrupted before it started'
    if (limits.maxFailures !== undefined && failures >= limits.maxFailures) return `not started: --max-failures ${limits.maxFailures} reached`
    return undefined
  }
  try {
    // Regions come from the plans, not from --regions: only the accounts are reached here.
    const scope = await resolveFleetScope({...scopeRequest, regions: undefined}, directory)
    const byAccount = new Map<string, number[]>()
    for (const [index, item] of items.entries()) byAccount.set(item.accountId, [...(byAccount.get(item.accountId) ?? []), index])
    const reached = new Map<string, ReachedAccount | string>()
    const accounts = new Bottleneck({maxConcurrent: ACCOUNT_CONCURRENCY})
    await Promise.all(
      scope.accounts.map((account) =>
        accounts.schedule(async () => {
          // An account the plan does not touch is not reached at all (no AssumeRole in it).
          if (account.accountId !== undefined && !byAccount.has(account.accountId)) return
          try {
            const got = await account.reach()
            reached.set(got.accountId, got)
          } catch (error) {
            if (!(error instanceof BinfixError)) throw error
            // A profile that never answered has no known account id: its plans read as not named.
            if (account.accountId !== undefined) reached.set(account.accountId, error.message)
          }
        }),
      ),
    )
    await Promise.all(
      [...byAccount.entries()].map(([accountId, indexes]) =>
        accounts.schedule(async () => {
          const account = reached.get(accountId)
          if (account === undefined || typeof account === 'string') {
            const message = account ?? `account ${accountId} is not among the accounts named (--profile, --accounts or --organization)`
            for (const index of indexes) results[index] = {reason: 'unreachable', message}
            return
          }
          // CreateDeployment is limited per account (developer guide, "API Gateway quotas"): one at a time here.
          const deployments = new Bottleneck({maxConcurrent: 1})
          const byRegion = new Map<string, number[]>()
          for (const index of indexes) byRegion.set(items[index]!.region, [...(byRegion.get(items[index]!.region) ?? []), index])
          await Promise.all(
            [...byRegion.entries()].map(async ([region, regionIndexes]) => {
              const access = {...account.access, region}
              const client = await createClient(access)
              const shared = sharedClient(client, deployments)
              const apis = new Bottleneck({maxConcurrent: API_CONCURRENCY})
              const byApi = new Map<string, number[]>()
              for (const index of regionIndexes) byApi.set(items[index]!.apiId, [...(byApi.get(items[index]!.apiId) ?? []), index])
              try {
                await Promise.all(
                  [...byApi.values()].map((apiIndexes) =>
                    apis.schedule(async () => {
                      for (const index of apiIndexes) {
                        const why = stopped()
                        if (why !== undefined) {
                          results[index] = {reason: 'not-started', message: why}
                          continue
                        }
                        const result = await work(items[index]!, {access, client: shared, account})
                        if (failed(result)) failures++
                        results[index] = result
                      }
                    }),
                  ),
                )
              } finally {
                client.close?.()
              }
            }),
          )
        }),
      ),
    )
    return results
  } finally {
    directory.close?.()
  }
}

export function isNotRun(value: unknown): value is NotRun {
  return typeof value === 'object' && value !== null && 'reason' in value && ((value as NotRun).reason === 'unreachable' || (value as NotRun).reason === 'not-started')
}

/** The account-Region's client as each API's apply sees it: deployments queued per account, closed once by the owner. */
function sharedClient(client: ApiGatewayClient, deployments: Bottleneck): ApiGatewayClient {
  const shared = Object.create(client) as ApiGatewayClient
  shared.createDeployment = (restApiId, stageName, description) => deployments.schedule(() => client.createDeployment(restApiId, stageName, description))
  shared.close = () => {}
  return shared
}

async function connectFleetDirectory(): Promise<FleetDirectory> {
  const {SdkFleetDirectory} = await import('../../aws/fleet-directory.js')
  return new SdkFleetDirectory()
}

async function sdkClientConnector(): Promise<ClientConnector> {
  const {createApiGatewayClient} = await import('../../aws/clients.js')
  return (connection) => createApiGatewayClient(connection)
}
