// What an operation of the control plane is: its route, what it is given and what it answers.

import type {IncomingHttpHeaders} from 'node:http'

import type {SandboxStore} from './store.js'

export interface OperationContext {
  store: SandboxStore
  params: Record<string, string>
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: Buffer
}

export type Reply =
  | {status: number; json: unknown}
  | {status: number; empty: true}
  | {status: number; raw: Buffer | string; contentType: string; headers?: Record<string, string>}

export interface Route {
  method: string
  /** `/restapis/{restApiId}/resources`; each `{name}` matches one percent-decoded segment. */
  template: string
  operation: string
  mutating: boolean
  /** Extra query a route needs to match, as ImportRestApi's `?mode=import`. */
  query?: Record<string, string>
  handle(context: OperationContext): Reply
}

export const ok = (json: unknown): Reply => ({status: 200, json})
export const created = (json: unknown): Reply => ({status: 201, json})
export const accepted = (): Reply => ({status: 202, empty: true})
export const noContent = (): Reply => ({status: 204, empty: true})
